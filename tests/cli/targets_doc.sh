# docs/targets.md is generated from the registry and must be in step with it.
source "$(dirname "$0")/common.sh"
expect_exit 0 "$DMC" targets --format markdown
diff -u "$DMC_SOURCE/docs/targets.md" out > /dev/null \
  || fail "docs/targets.md is stale: run 'dmc targets --format markdown > docs/targets.md'"
expect_exit 0 "$DMC" targets
expect_contains out "linear"
expect_not_contains out "dust"  # not built in Debian's 6.1
expect_exit 0 "$DMC" targets --kernel 7.2
expect_contains out "dust"
# Each version lists what it has: ebs from 5.10, vdo from 6.9.
expect_exit 0 "$DMC" targets --kernel 5.4
expect_contains out "clone"
expect_not_contains out "ebs "
expect_not_contains out "vdo "
expect_exit 0 "$DMC" targets --kernel 6.9
expect_contains out "vdo "
echo "targets doc: ok"
