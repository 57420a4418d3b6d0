# verify exits 0 without errors (warnings allowed), 1 with errors, 2 for usage or I/O.
source "$(dirname "$0")/common.sh"
printf '0 100 zero\n' > good.table
printf '0 +100 zero\n' > warning.table
printf '0 100 zero\n108 8 zero\n' > bad.table
expect_exit 0 "$DMC" verify good.table
expect_exit 0 "$DMC" verify warning.table
expect_contains out "warning:"
expect_exit 1 "$DMC" verify bad.table
expect_exit 1 "$DMC" verify good.table bad.table
expect_exit 2 "$DMC" verify missing.table
expect_contains err "missing.table: cannot open: No such file or directory"
mkdir adir
expect_exit 2 "$DMC" verify adir
expect_contains err "adir: is a directory"
expect_exit 2 "$DMC" verify --format xml good.table
expect_exit 2 "$DMC" verify
expect_exit 2 "$DMC" frobnicate
expect_exit 2 "$DMC" verify --device-size /dev/sda good.table
expect_contains err "expected PATH=SECTORS"
expect_exit 2 "$DMC" verify --device-size /dev/sda=12x good.table
# Repeated options take one value each; files after them (or after --) stay files.
printf '0 100 linear /dev/sda 0\n100 100 linear /dev/sdb 0\n' > two-disks.table
expect_exit 0 "$DMC" verify --device-size /dev/sda=100 --device-size /dev/sdb=100 two-disks.table
expect_exit 1 "$DMC" verify --device-size /dev/sda=100 --device-size /dev/sdb=99 -- two-disks.table
expect_contains out "two-disks.table:2:"
expect_exit 0 "$DMC" verify --no-warn plus-sign --no-warn shared-sectors warning.table good.table
expect_not_contains out "warning:"
expect_exit 2 "$DMC" verify --no-warn gap good.table
expect_contains err "errors cannot be silenced"
expect_exit 0 "$DMC" --version
expect_contains out "dmc "
for command in verify compile fmt; do
  expect_exit 0 "$DMC" "$command" --help
  expect_contains out "Usage:"
done
echo "exit codes: ok"
