# fmt aligns columns, keeps comments, is idempotent, and refuses files it cannot read.
source "$(dirname "$0")/common.sh"
cat > messy.table <<'TABLE'
# keep me
0 2097152 linear /dev/sdb   2048   # trailing
2097152   8 zero
   2097160 100 striped 2 2 /dev/sdb 0 /dev/sdc 0
TABLE
cat > want <<'TABLE'
# keep me
      0 2097152 linear  /dev/sdb 2048 # trailing
2097152       8 zero
2097160     100 striped 2 2 /dev/sdb 0 /dev/sdc 0
TABLE
expect_exit 0 "$DMC" fmt messy.table
diff -u want out || fail "formatted output differs"
cp out once.table
expect_exit 0 "$DMC" fmt once.table
diff -u once.table out || fail "fmt is not idempotent"
expect_exit 1 "$DMC" fmt --check messy.table
expect_contains out "messy.table: not formatted"
expect_exit 0 "$DMC" fmt --check once.table
expect_exit 0 "$DMC" fmt -i messy.table
diff -u want messy.table || fail "fmt -i result"
printf '0 100\n' > broken.table
expect_exit 1 "$DMC" fmt -i broken.table
[ "$(cat broken.table)" = "0 100" ] || fail "a broken file was rewritten"
echo "fmt: ok"
