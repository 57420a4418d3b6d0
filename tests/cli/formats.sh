# --format json and sarif: one document on stdout with the required fields.
source "$(dirname "$0")/common.sh"
printf '0 100 zero\n108 8 zero\n' > bad.table
expect_exit 1 "$DMC" verify --format json bad.table
jq -e '.diagnostics | length == 1' out > /dev/null || fail "json: one diagnostic expected: $(cat out)"
jq -e '.diagnostics[0] | .file == "bad.table" and .line == 2 and .column == 1 and .severity == "error" and .code == "gap" and (.message | test("gap of 8 sectors"))' out > /dev/null \
  || fail "json fields: $(cat out)"
jq -e '.errors == 1 and .warnings == 0' out > /dev/null || fail "json counts: $(cat out)"

expect_exit 1 "$DMC" verify --format sarif bad.table
jq -e '.version == "2.1.0" and (.runs | length == 1)' out > /dev/null || fail "sarif header: $(head -c 500 out)"
jq -e '.runs[0].tool.driver.name == "dmc"' out > /dev/null || fail "sarif driver"
jq -e '.runs[0].results[0] | .ruleId == "gap" and .level == "error" and .locations[0].physicalLocation.artifactLocation.uri == "bad.table" and .locations[0].physicalLocation.region.startLine == 2' out > /dev/null \
  || fail "sarif result: $(cat out)"
jq -e '[.runs[0].tool.driver.rules[].id] | index("gap") != null' out > /dev/null || fail "sarif rules lack gap"

printf '0 100 zero\n' > good.table
expect_exit 0 "$DMC" verify --format json good.table
jq -e '.diagnostics == []' out > /dev/null || fail "json for a good table: $(cat out)"

# Text: no colour under NO_COLOR or into a pipe; colour when forced.
expect_exit 1 "$DMC" verify bad.table
expect_not_contains out $'\033['
expect_contains out "bad.table:2:1: error: gap of 8 sectors"
expect_exit 1 "$DMC" verify --color always bad.table
expect_contains out $'\033['
echo "formats: ok"
