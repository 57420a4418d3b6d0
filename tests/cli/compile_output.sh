# compile writes canonical tables atomically and writes nothing when there are errors.
source "$(dirname "$0")/common.sh"
cat > stack.dm <<'TABLE'
device lower
0 1G linear /dev/sdb 2048
device upper ro
0   512M   linear   @lower   1K   # units and references resolve
*   512M   zero
TABLE
expect_exit 0 "$DMC" compile stack.dm
cat > want <<'TABLE'
# device lower
0 2097152 linear /dev/sdb 2048

# device upper ro
0 1048576 linear /dev/mapper/lower 2
1048576 1048576 zero
TABLE
diff -u want out || fail "compiled tables differ"
mkdir tables
expect_exit 0 "$DMC" compile stack.dm -o tables
[ "$(cat tables/lower.table)" = "0 2097152 linear /dev/sdb 2048" ] || fail "lower.table: $(cat tables/lower.table)"
expect_exit 0 "$DMC" compile stack.dm -o one.out
diff -u want one.out || fail "-o FILE content"
# Errors: nothing written, old output untouched.
printf '0 100 zero\n108 8 zero\n' > bad.table
echo "previous" > keep.out
expect_exit 1 "$DMC" compile bad.table -o keep.out
[ "$(cat keep.out)" = "previous" ] || fail "output was touched despite errors"
expect_contains err "gap of 8 sectors"
# Full disk and unwritable directory: clear error, no partial file left.
printf '0 100 zero\n' > good.table
expect_exit 2 "$DMC" compile good.table -o /dev/full
expect_contains err "/dev/full: cannot write: No space left on device"
mkdir ro_dir && chmod 555 ro_dir
if [ "$(id -u)" != 0 ]; then
  expect_exit 2 "$DMC" compile good.table -o ro_dir/out.table
  [ -z "$(ls -A ro_dir)" ] || fail "partial file left in ro_dir"
fi
expect_exit 2 "$DMC" compile good.table -o no/such/dir/out.table
expect_contains err "cannot create a temporary file"
[ ! -e no ] || fail "directories were created"
echo "compile output: ok"
