# The bundled examples: the good ones verify clean, the mistakes file reports each mistake.
source "$(dirname "$0")/common.sh"
for example in lvm-concat.table raid0-striped.table stacked.dm; do
  expect_exit 0 "$DMC" verify "$DMC_SOURCE/examples/$example"
done
expect_exit 1 "$DMC" verify --format json "$DMC_SOURCE/examples/mistakes.table"
codes=$(jq -r '[.diagnostics[].code] | join(",")' out)
[ "$codes" = "gap,unknown-target,target-argument,zero-length,target-argument" ] || fail "mistakes.table codes: $codes"
echo "examples: ok"
