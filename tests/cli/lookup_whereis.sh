# whereis SOURCE DEVICE SECTOR...: which logical sectors land on an underlying sector,
# directly and through devices stacked within the file.
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
expect_exit 0 "$DMC" whereis stack.dm /dev/sdb 2050
cat > want <<'OUT'
/dev/sdb sector 2050 <- lower sector 2 (line 2, target 0 linear)
/dev/sdb sector 2050 <- upper sector 0 (line 6, target 0 linear, on lower sector 2)
OUT
diff -u want out || fail "whereis through a stack"
expect_exit 0 "$DMC" whereis stack.dm /dev/sdb 2050 --direct
[ "$(wc -l < out)" = 1 ] || fail "--direct: $(cat out)"
# Stripe 1 (/dev/sdd from 100): its sector 108 is row 1 of stripe 1 -> chunk 4 -> raid sector 32.
expect_exit 0 "$DMC" whereis stack.dm /dev/sdd 108
expect_contains out "/dev/sdd sector 108 <- raid sector 32 (line 4, target 0 striped, stripe 1)"
expect_contains out "/dev/sdd sector 108 <- upper sector 2097184 (line 8, target 2 linear, on raid sector 32)"
# @NAME names a device of the file.
expect_exit 0 "$DMC" whereis stack.dm @raid 5
expect_contains out "/dev/mapper/raid sector 5 <- upper sector 2097157"
# Unused sectors: said so, exit 1.
expect_exit 1 "$DMC" whereis stack.dm /dev/sdb 2047 2048
expect_contains out "/dev/sdb sector 2047: used by no target of this file"
expect_contains out "/dev/sdb sector 2048 <- lower sector 0"
expect_exit 0 "$DMC" whereis stack.dm /dev/sde 1031 --format json
expect_contains out '{"underlying":"/dev/sde","sector":1031,"hits":[{"device":"raid","sector":95,"line":4,"target":0,"type":"striped","stripe":2}'
expect_exit 2 "$DMC" whereis stack.dm /dev/sdb
expect_exit 2 "$DMC" whereis stack.dm /dev/sdb -5
# Every target with a fixed mapping is followed: in examples/stacked.dm the filesystem device
# (secure, crypt) sits on pool (linear) on fast (striped) on /dev/sdb.
expect_exit 0 "$DMC" whereis "$DMC_SOURCE/examples/stacked.dm" /dev/sdb 2048
expect_contains out "/dev/sdb sector 2048 <- fast sector 0 (line 7, target 0 striped, stripe 0)"
expect_contains out "/dev/sdb sector 2048 <- secure sector 0 (line 15, target 0 crypt, on pool sector 0)"
expect_exit 0 "$DMC" lookup "$DMC_SOURCE/examples/stacked.dm" 0 --device secure
expect_contains out "secure: sector 0: line 15, target 0 crypt [0, 25165824), offset 0 -> /dev/mapper/pool sector 0"
# A device the file does not use: said so, with the devices it does use.
expect_exit 1 "$DMC" whereis "$DMC_SOURCE/examples/stacked.dm" /dev/sdx 0
expect_contains out "/dev/sdx: not in this file; it maps /dev/mapper/fast, /dev/mapper/pool, /dev/sdb, /dev/sdc, /dev/sdd"
# unstriped (one stripe of 4 chunks of 8, stripe 1, from 100): offset S in the line goes to
# 100 + S + (S / 8) * 24 + 8. dm-log-writes and snapshot-origin map the device's sector, not
# the offset in the line: their lines not at sector 0 reach further in.
cat > strides.dm <<'TABLE'
device one
0 64 unstriped 4 8 1 /dev/md0 100
device two
0 16 zero
16 16 unstriped 2 8 1 /dev/md1 0
device logged
0 100 zero
100 50 log-writes /dev/sdl /dev/sdm
TABLE
expect_exit 0 "$DMC" lookup strides.dm --device one 9
expect_contains out "one: sector 9: line 2, target 0 unstriped [0, 64), offset 9 -> /dev/md0 sector 141"
expect_exit 0 "$DMC" lookup strides.dm --device two 19
expect_contains out "two: sector 19: line 5, target 1 unstriped [16, 32), offset 3 -> /dev/md1 sector 11"
expect_exit 0 "$DMC" lookup strides.dm --device logged 107
expect_contains out "logged: sector 107: line 8, target 1 log-writes [100, 150), offset 7 -> /dev/sdl sector 107"
expect_exit 0 "$DMC" whereis strides.dm /dev/md0 141
expect_contains out "/dev/md0 sector 141 <- one sector 9 (line 2, target 0 unstriped)"
expect_exit 0 "$DMC" whereis strides.dm /dev/md1 11
expect_contains out "/dev/md1 sector 11 <- two sector 19 (line 5, target 1 unstriped)"
expect_exit 0 "$DMC" whereis strides.dm /dev/sdl 107
expect_contains out "/dev/sdl sector 107 <- logged sector 107 (line 8, target 1 log-writes)"
# Sectors of the other stripes are not this file's.
expect_exit 1 "$DMC" whereis strides.dm /dev/md0 139 116
expect_contains out "/dev/md0 sector 139: used by no target of this file"
expect_contains out "/dev/md0 sector 116: used by no target of this file"
echo "lookup whereis: ok"
