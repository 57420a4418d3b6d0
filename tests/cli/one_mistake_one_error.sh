# One mistake, one error: a file that is not a table says what it is, and a bad line is not
# also an empty table.
source "$(dirname "$0")/common.sh"
# An image given to verify is named; --emit image refuses a terminal.
printf '0 8 zero\n' > small.table
expect_exit 0 "$DMC" compile small.table --emit image -o small.img
expect_exit 1 "$DMC" verify small.img
expect_contains out "this is a dmc image (dmc compile --emit image), not a table"
[ "$(grep -c 'error:' out)" = 1 ] || fail "verify of an image: $(cat out)"
if command -v script >/dev/null; then
  script -qec "$DMC compile small.table --emit image" /dev/null > tty.out 2>&1 || true
  grep -q "standard output is a terminal" tty.out || fail "--emit image to a terminal: $(head -c 300 tty.out)"
fi
# A syntax error is the only error of a table that has no other line.
printf '0 8\n' > syntax.table
expect_exit 1 "$DMC" verify syntax.table
expect_not_contains out "no targets"
[ "$(grep -c 'error:' out)" = 1 ] || fail "syntax error: $(cat out)"
# A tab in a dm-mod.create target, which dm-init does not split on: one error, the type.
expect_exit 1 "$DMC" verify --dm-mod-create "$(printf 'v,,,rw,0 8 linear\t8:1 0')"
expect_contains out "unknown target type"
[ "$(grep -c 'error:' out)" = 1 ] || fail "tab in dm-mod.create: $(cat out)"
