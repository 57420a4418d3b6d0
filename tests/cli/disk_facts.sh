# Disk facts without flags ('disk' lines) and from the command line (--logical-block-size):
# a 4Kn disk's alignment, fmt keeping the lines, compile writing none of them.
source "$(dirname "$0")/common.sh"

cat > declared.dm <<'TABLE'
# The disks this file was written for.
disk /dev/sdb   size=1G logical-block=4096
disk /dev/sdc size=14T zoned=host-managed

device data
0 1G linear /dev/sdb 0
TABLE
expect_exit 0 "$DMC" verify declared.dm
expect_exit 0 "$DMC" compile declared.dm
expect_contains out "0 2097152 linear /dev/sdb 0"
expect_not_contains out "disk"
expect_exit 0 "$DMC" fmt declared.dm
expect_contains out "disk /dev/sdb size=1G logical-block=4096"
cp out formatted.dm
expect_exit 1 "$DMC" fmt --check declared.dm  # three blanks after /dev/sdb
expect_exit 0 "$DMC" fmt --check formatted.dm

# The same disk at a 1-sector offset: the kernel's words, at the offset.
sed 's/linear \/dev\/sdb 0/linear \/dev\/sdb 1/; s/0 1G/0 8/' declared.dm > offset.dm
expect_exit 1 "$DMC" verify offset.dm
expect_contains out "offset.dm:6:21: error: linear: start=1 not aligned to h/w logical block size 4096 of /dev/sdb"

# zoned on the regular disk of the file.
printf 'disk /dev/sdb size=1G\n0 8 zoned /dev/sdb\n' > zoned.dm
expect_exit 1 "$DMC" verify zoned.dm
expect_contains out "zoned: Invalid regular device"

# --logical-block-size on a plain table; a bad value is a usage error.
printf '0 7 linear /dev/sdb 0\n' > plain.table
expect_exit 0 "$DMC" verify plain.table
expect_exit 1 "$DMC" verify --logical-block-size /dev/sdb=4096 plain.table
expect_contains out "len=7 not aligned to h/w logical block size 4096 of /dev/sdb"
expect_exit 2 "$DMC" verify --logical-block-size /dev/sdb=4000 plain.table
expect_contains err "power of two"

# The command line wins over the file, with a warning at the declaration.
expect_exit 0 "$DMC" verify --device-size /dev/sdb=4G --device-size /dev/sdc=14T declared.dm
expect_contains out "declared.dm:2:17: warning: disk /dev/sdb is declared with size=2097152 sectors"
echo "disk facts: ok"
