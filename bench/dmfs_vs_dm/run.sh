#!/bin/sh
# Guest side of bench/dmfs_vs_dm.sh: fio on the same tables through device-mapper and dmfs,
# alternated, over null_blk (no data kept: the mapping layer is what is measured); then the
# time to load 10,000, 700,000 and 1,048,576 targets both ways (libdevmapper cannot take the last:
# its table buffer would pass its allocation cap). Prints RESULT and LOAD lines.
set -u
cd /payload || exit 1
ROUNDS=${ROUNDS:-5}
RUNTIME=${RUNTIME:-3}
TABLES=${TABLES:-"t1 t10k"}
LOAD_TIMES=${LOAD_TIMES:-1}
CFG=/sys/kernel/config/dmfs

now() { read -r up _ </proc/uptime; echo "$up"; }
fail() { echo "BENCH-ERROR: $*"; exit 1; }

# configfs and libcrc32c may be loaded already (dm-persistent-data pulls libcrc32c in).
loaded() { grep -q "^$1 " /proc/modules; }
loaded configfs || insmod ./configfs.ko || fail "insmod configfs"
mount -t configfs none /sys/kernel/config || fail "mount configfs"
modprobe crc32c_generic 2>/dev/null
loaded libcrc32c || insmod ./libcrc32c.ko || fail "insmod libcrc32c"
insmod ./dmfs.ko || fail "insmod dmfs"
insmod ./null_blk.ko nr_devices=1 gb=8 bs=512 irqmode=0 queue_mode=2 || fail "null_blk"
[ -b /dev/nullb0 ] || fail "no /dev/nullb0"

dmfs_load() { # NAME IMAGE
    mkdir "$CFG/$1" && dd if="$2" of="$CFG/$1/image" bs="$(wc -c <"$2")" count=1 2>/dev/null &&
        [ -z "$(cat "$CFG/$1/error")" ] && echo 1 >"$CFG/$1/active" || fail "dmfs load $1: $(cat "$CFG/$1/error")"
}
dmfs_unload() { echo 0 >"$CFG/$1/active"; rmdir "$CFG/$1"; }

# fio's terse output: field 7 is read bandwidth (KiB/s), field 8 read IOPS.
run_fio() { # DEV RW BS
    fio --name=b --filename="$1" --direct=1 --ioengine=psync --rw="$2" --bs="$3" --size=7g \
        --runtime="$RUNTIME" --time_based --minimal 2>/dev/null | awk -F';' '{ print $8, $7 }'
}

# dm and dmfs at the same time, one fio job each: the guest's one CPU serves both in turns,
# so the host's load slows both alike and the ratio of their rates is what one I/O costs
# through each. Prints "dm_iops dm_kib dmfs_iops dmfs_kib".
run_fio_pair() { # DM_DEV DMFS_DEV RW BS
    fio --direct=1 --ioengine=psync --rw="$3" --bs="$4" --size=7g --runtime="$RUNTIME" --time_based --minimal \
        --name=dm --filename="$1" --name=dmfs --filename="$2" 2>/dev/null |
        awk -F';' '{ rate[$3] = $8 " " $7 } END { print rate["dm"], rate["dmfs"] }'
}

# Reads completed and sectors read by null_blk so far (/sys/block/*/stat fields 1 and 3):
# the requests the mapping layer really issued, whatever the host's load.
lower_reads() { awk '{ print $1, $3 }' /sys/block/nullb0/stat; }

# The queue limits that decide how big a request may be, for one disk in /sys/block.
show_limits() {
    line="LIMITS $1"
    for attr in max_sectors_kb max_hw_sectors_kb max_segments max_segment_size optimal_io_size read_ahead_kb; do
        line="$line $attr=$(cat "/sys/block/$2/queue/$attr")"
    done
    echo "$line"
}

for table in $TABLES; do
    dmsetup create "dm-$table" "$table.table" || fail "dmsetup create $table"
    dmfs_load "fs-$table" "$table.img"
    show_limits nullb0 nullb0
    show_limits "dm-$table" "dm-$(dmsetup info -c --noheadings -o minor "dm-$table" | tr -d ' ')"
    show_limits "fs-$table" "dmfs!fs-$table"
    for test in rand4k seq1m; do
        case $test in rand4k) rw=randread bs=4k ;; seq1m) rw=read bs=1m ;; esac
        round=1
        while [ "$round" -le "$ROUNDS" ]; do
            # alternate which goes first, so drift in the host's load hits both alike
            if [ $((round % 2)) = 1 ]; then order="dm dmfs"; else order="dmfs dm"; fi
            for kind in $order; do
                if [ "$kind" = dm ]; then dev=/dev/mapper/dm-$table; else dev=/dev/dmfs/fs-$table; fi
                before=$(lower_reads)
                result=$(run_fio "$dev" "$rw" "$bs")
                lower=$(echo "$before $(lower_reads)" | awk '{ print $3 - $1, $4 - $2 }')
                echo "RESULT $table $test $kind $round ${result:-0 0} $lower"
            done
            round=$((round + 1))
        done
        round=1
        while [ "$round" -le "$ROUNDS" ]; do
            result=$(run_fio_pair "/dev/mapper/dm-$table" "/dev/dmfs/fs-$table" "$rw" "$bs")
            echo "PAIR $table $test $round ${result:-0 0 0 0}"
            round=$((round + 1))
        done
    done
    dmsetup remove "dm-$table"
    dmfs_unload "fs-$table"
done

[ "$LOAD_TIMES" = 1 ] || { echo "BENCH-DONE"; exit 0; }
for table in t10k t700k t1m; do
    for kind in dm dmfs dm dmfs; do
        start=$(now)
        if [ "$kind" = dm ]; then
            if ! dmsetup create "load-$table" "$table.table" 2>/tmp/dmsetup.err; then
                echo "LOAD $table dm failed: $(head -n 1 /tmp/dmsetup.err) $(dmesg | grep device-mapper | tail -n 1)"
                continue
            fi
        else
            dmfs_load "load-$table" "$table.img"
        fi
        echo "LOAD $table $kind $(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')"
        if [ "$kind" = dm ]; then dmsetup remove "load-$table"; else dmfs_unload "load-$table"; fi
    done
done
echo "BENCH-DONE"
