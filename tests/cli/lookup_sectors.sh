# lookup: the target holding each sector, its source line, and where a target with a fixed
# mapping sends it, following devices stacked within the file.
source "$(dirname "$0")/common.sh"
cat > stack.dm <<'TABLE'
device lower
0 1G linear /dev/sdb 2048
device raid
0 96 striped 3 8 /dev/sdc 0 /dev/sdd 100 /dev/sde 1000
device upper ro
0   512M   linear   @lower   1K
*   512M   zero
*   96     linear   @raid 0
TABLE
expect_exit 0 "$DMC" lookup stack.dm --device lower 1000
[ "$(cat out)" = "lower: sector 1000: line 2, target 0 linear [0, 2097152), offset 1000 -> /dev/sdb sector 3048" ] ||
  fail "linear lookup: $(cat out)"
# Striped: offset 95 is chunk 11 -> stripe 11 % 3 = 2, row 11 / 3 = 3 -> 3*8 + 7 = 31 on /dev/sde (+1000).
expect_exit 0 "$DMC" lookup stack.dm --device raid 95 30
expect_contains out "raid: sector 95: line 4, target 0 striped [0, 96), offset 95 -> /dev/sde sector 1031 (stripe 2)"
expect_contains out "raid: sector 30: line 4, target 0 striped [0, 96), offset 30 -> /dev/sdc sector 14 (stripe 0)"
# Units, stacking and a non-mapping target.
expect_exit 0 "$DMC" lookup stack.dm --device upper 512M 1G
expect_contains out "upper: sector 1048576: line 7, target 1 zero [1048576, 2097152), offset 0"
expect_contains out "upper: sector 2097152: line 8, target 2 linear [2097152, 2097248), offset 0 -> /dev/mapper/raid sector 0"
expect_contains out "  raid: sector 0: line 4, target 0 striped [0, 96), offset 0 -> /dev/sdc sector 0 (stripe 0)"
# Every device by default; past the end is exit 1 and says so.
expect_exit 0 "$DMC" lookup stack.dm 0
[ "$(grep -c '^[a-z]*: sector 0:' out)" = 3 ] || fail "not every device: $(cat out)"
expect_exit 1 "$DMC" lookup stack.dm 2097248
expect_contains out "sector 2097248: past the end of every device"
expect_exit 1 "$DMC" lookup stack.dm --device upper 2097248
expect_contains out "upper: sector 2097248: past the end (device size 2097248 sectors)"
# JSON: one object a line, stacked hops nested under "then".
expect_exit 0 "$DMC" lookup stack.dm --device upper --format json 2097182
expect_contains out '"device":"upper","sector":2097182,"found":true,"line":8,"target":2,"type":"linear"'
expect_contains out '"then":{"device":"raid","sector":30,"found":true,"line":4'
expect_contains out '"underlying":{"device":"/dev/sdc","sector":14,"stripe":0}'
# Mistakes: bad sector, unknown device, missing file, a table with errors.
expect_exit 2 "$DMC" lookup stack.dm 12x
expect_contains err "'12x' is not a sector number"
expect_exit 2 "$DMC" lookup stack.dm --device nope 1
expect_contains err "no device 'nope' in this source (it has: lower, raid, upper)"
expect_exit 2 "$DMC" lookup missing.dm 1
expect_contains err "missing.dm: cannot open"
printf '0 100 zero\n108 8 zero\n' > bad.table
expect_exit 1 "$DMC" lookup bad.table 5
expect_contains err "gap of 8 sectors"
echo "lookup sectors: ok"
