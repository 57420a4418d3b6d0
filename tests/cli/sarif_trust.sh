# SARIF and JSON that CI can trust: a run that could not check says so (executionSuccessful,
# failures), file names are URI references that lead back to the file, no invented URLs, rules
# carry their descriptions and help, and the cap's cut is recorded. Every log here is also
# validated against the OASIS schema by expect_exit (common.sh).
source "$(dirname "$0")/common.sh"
printf '0 8 linear /dev/sda 0\n16 8 linear /dev/sda 0\n' > bad.table
printf '0 8 linear /dev/sda 0\n' > good.table

# The validator itself rejects what it must: an unencoded URI, a log without invocations.
expect_exit 0 "$DMC" verify --format sarif good.table
jq '.runs[0].artifacts[0].location.uri = "good table"' out > bad-uri.sarif
jq 'del(.runs[0].invocations)' out > no-invocation.sarif
for broken in bad-uri.sarif no-invocation.sarif; do
  if /usr/bin/python3 "$DMC_SOURCE/tests/sarif/validate_sarif.py" "$broken" > /dev/null; then
    fail "the validator accepted $broken"
  fi
done

# A missing file: exit 2, and the logs say the run failed, with the reason.
expect_exit 2 "$DMC" verify --format sarif missing.table
jq -e '.runs[0].invocations[0].executionSuccessful == false and .runs[0].invocations[0].exitCode == 2' out > /dev/null \
  || fail "a missing file must make executionSuccessful false: $(head -c 1500 out)"
jq -e '.runs[0].invocations[0].toolExecutionNotifications[0] | .level == "error" and (.message.text | contains("missing.table"))' \
  out > /dev/null || fail "the I/O error is not a notification: $(head -c 1500 out)"
expect_exit 2 "$DMC" verify --format json missing.table
jq -e '.exit_code == 2 and .errors == 0 and (.failures | length == 1) and .failures[0].kind == "io"' out > /dev/null \
  || fail "JSON must list the failure: $(cat out)"
# A missing file among good ones still fails the run.
expect_exit 2 "$DMC" verify --format sarif good.table missing.table
jq -e '.runs[0].invocations[0].executionSuccessful == false' out > /dev/null || fail "one missing file of two"
# A usage error (nothing to check) is a notification too.
expect_exit 2 "$DMC" verify --format sarif
jq -e '.runs[0].invocations[0].toolExecutionNotifications[0].message.text | startswith("usage error")' out > /dev/null \
  || fail "usage error not recorded: $(cat out)"
# compile writes its diagnostics to stderr: a failed run is recorded there.
expect_exit 2 "$DMC" compile --format sarif missing.table
jq -e '.runs[0].invocations[0].executionSuccessful == false' err > /dev/null || fail "compile: $(cat err)"
expect_exit 2 "$DMC" compile --format json good.table -o no-such-dir/x.table
jq -e '.exit_code == 2 and .failures[0].kind == "io" and (.failures[0].message | contains("no-such-dir"))' err > /dev/null \
  || fail "compile: an unwritable output must be a failure: $(cat err)"

# Clean and failing checks are successful executions; the counts match the exit code.
expect_exit 0 "$DMC" verify --format sarif good.table
jq -e '.runs[0].invocations[0].executionSuccessful == true and (.runs[0].results | length == 0)' out > /dev/null \
  || fail "a clean run: $(head -c 1500 out)"
expect_exit 1 "$DMC" verify --format sarif bad.table
jq -e '.runs[0].invocations[0].executionSuccessful == true and .runs[0].invocations[0].exitCode == 1' out > /dev/null \
  || fail "errors found is a successful execution"
expect_exit 1 "$DMC" verify --format json bad.table
jq -e '.exit_code == 1 and .errors >= 1 and (.failures | length == 0)' out > /dev/null || fail "json counts"

# No invented URLs; rules carry the diagnostics list's descriptions and help.
if grep -q 'informationUri\|helpUri\|dmc-project' out; then fail "a URL nobody configured"; fi
expect_exit 1 "$DMC" verify --format sarif bad.table
jq -e '[.runs[0].tool.driver.rules[] | select(.id == "gap")][0] |
       (.shortDescription.text | length > 0) and (.fullDescription.text | length > 0) and (.help.text | length > 0)' \
  out > /dev/null || fail "rule gap lacks its texts"
expect_exit 1 "$DMC" verify --format sarif --sarif-help-uri-base 'https://example.org/dmc/diagnostics.html#' bad.table
jq -e '[.runs[0].tool.driver.rules[] | select(.id == "gap")][0].helpUri == "https://example.org/dmc/diagnostics.html#gap"' \
  out > /dev/null || fail "helpUri from --sarif-help-uri-base"

# The cap's cut is recorded, as JSON's not_shown.
printf '0 8 linear /dev/sda 0\n16 8 linear /dev/sda 0\n32 8 linear /dev/sda 0\n48 8 linear /dev/sda 0\n' > gaps.table
expect_exit 1 "$DMC" verify --format json --max-errors 1 gaps.table
not_shown=$(jq '.not_shown' out)
[ "$not_shown" -ge 2 ] || fail "the fixture should overflow the cap"
expect_exit 1 "$DMC" verify --format sarif --max-errors 1 gaps.table
jq -e --arg n "$not_shown more diagnostics were not shown" \
  '[.runs[0].invocations[0].toolExecutionNotifications[] | select(.level == "warning") | .message.text |
    startswith($n)] | any' \
  out > /dev/null || fail "the cap's cut is not recorded: $(head -c 2000 out)"

# Names that need percent-encoding round-trip to the file they name.
mkdir -p 'sub dir' top
cp bad.table 'a#b%.table'
cp bad.table 'sub dir/x.table'
round_trip() {  # round_trip NAME: the result's URI, resolved against %SRCROOT%, is NAME's file
  /usr/bin/python3 - "$1" "$WORK/out" <<'PY' || fail "URI of '$1' does not lead back to it: $(head -c 3000 "$WORK/out")"
import json, os, sys, urllib.parse
name, log = sys.argv[1], json.load(open(sys.argv[2]))
run = log["runs"][0]
location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
uri = location["uri"]
if "uriBaseId" in location:
    base = run["originalUriBaseIds"][location["uriBaseId"]]["uri"]
    uri = urllib.parse.urljoin(base, uri)
parts = urllib.parse.urlsplit(uri)
assert parts.scheme == "file" and not parts.query and not parts.fragment, uri
path = urllib.parse.unquote(parts.path)
assert os.path.realpath(path) == os.path.realpath(name), (path, name)
assert run["artifacts"][location["index"]]["location"]["uri"] == location["uri"]
PY
}
expect_exit 1 "$DMC" verify --format sarif 'a#b%.table'
round_trip 'a#b%.table'
cd top
expect_exit 1 "$DMC" verify --format sarif '../sub dir/x.table'
round_trip '../sub dir/x.table'
cd ..
expect_exit 1 "$DMC" verify --format sarif "$WORK/a#b%.table"
jq -e '.runs[0].results[0].locations[0].physicalLocation.artifactLocation | (.uri | startswith("file:///")) and (has("uriBaseId") | not)' \
  out > /dev/null || fail "an absolute path must be a file:/// URI"
round_trip "$WORK/a#b%.table"
# Standard input is an artifact with a description, not the URI "<stdin>".
expect_exit 1 "$DMC" verify --format sarif - < bad.table
jq -e '.runs[0].results[0].locations[0].physicalLocation.artifactLocation | (has("uri") | not) and
       (.description.text == "standard input")' out > /dev/null || fail "stdin: $(head -c 1500 out)"
jq -e '.runs[0].artifacts[0].description.text == "standard input"' out > /dev/null || fail "stdin artifact"
# Every example and golden table's log is valid too (findings of every kind, notes, odd bytes).
mkdir logs
i=0
for table in "$DMC_SOURCE"/examples/* "$DMC_SOURCE"/tests/golden/*; do
  i=$((i + 1))
  code=0
  "$DMC" verify --format sarif --max-errors 0 "$table" > "logs/$i.sarif" 2> err || code=$?
  [ "$code" -le 1 ] || fail "verify $table exited $code: $(head -c 500 err)"
done
/usr/bin/python3 "$DMC_SOURCE/tests/sarif/validate_sarif.py" logs/*.sarif > problems || fail "invalid SARIF: $(head -c 2000 problems)"
echo "sarif_trust: ok"
