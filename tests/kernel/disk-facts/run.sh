#!/bin/sh
# disk-facts/run.sh — guest side (busybox sh, inside the VM): the real kernel judges dmc's
# disk facts (logical block size, zone model, integrity profile).
#
# null_blk, configured through configfs, gives disks the loop driver cannot: a 4Kn disk and
# a host-managed zoned disk. Each case in cases/*.dmc is a dmc file; its first line says what
# the kernel does with it:
#   # kernel: accept
#   # kernel: refuse TEXT         the kernel logs TEXT; dmc must refuse it with TEXT too
#   # kernel: refuse-unseen TEXT  the kernel logs TEXT for something no table shows (on-disk
#                                 metadata): the disk facts passed, so dmc must accept it
# The guest loads the file's devices in order with dmsetup create (@name becomes
# /dev/mapper/name; the first refusal ends the load) and runs dmc verify --host-devices on it
# (facts read from this machine's sysfs); it must agree with the kernel. The same sysfs facts
# go back to the host as 'disk' lines (disks.dmc), with the kernel's verdicts (kernel.tsv):
# check.sh runs dmc verify on each case with those lines at native speed.
set -u
# shellcheck source=../lib.sh
. /payload/lib.sh

CONFIGFS=/sys/kernel/config
WORK=/tmp/dmc-disk-facts
OUT=${DMC_SUITE_RESULTS:-$WORK/results}
mkdir -p "$WORK" "$OUT"

# make_nullb INDEX SIZE_MB BLOCK_BYTES ZONED — a memory-backed /dev/nullbINDEX (zoned: 1 for
# host-managed with 4 MiB zones).
make_nullb() {
    _dir=$CONFIGFS/nullb/nullb$1  # the disk takes the item's name
    mkdir "$_dir" || return 1
    echo "$1" >"$_dir/index" && echo "$2" >"$_dir/size" && echo "$3" >"$_dir/blocksize" &&
        echo 1 >"$_dir/memory_backed" || return 1
    if [ "$4" = 1 ]; then
        echo 1 >"$_dir/zoned" && echo 4 >"$_dir/zone_size" || return 1
    fi
    echo 1 >"$_dir/power" || return 1
    [ -b "/dev/nullb$1" ] || mknod "/dev/nullb$1" b "$(cut -d: -f1 "/sys/block/nullb$1/dev")" \
        "$(cut -d: -f2 "/sys/block/nullb$1/dev")"
}

# The disks of every case: nullb0 4Kn, nullb1 host-managed zoned, nullb2 plain 512-byte.
setup_disks() {
    { insmod ./configfs.ko 2>/dev/null || grep -q '^configfs ' /proc/modules; } || return 1
    grep -q ' /sys/kernel/config ' /proc/mounts || mount -t configfs none "$CONFIGFS" || return 1
    insmod ./null_blk.ko nr_devices=0 || return 1
    make_nullb 0 16 4096 0 && make_nullb 1 64 512 1 && make_nullb 2 16 512 0
}

teardown_disks() {
    for _dir in "$CONFIGFS"/nullb/nullb*; do
        [ -d "$_dir" ] || continue
        echo 0 >"$_dir/power" 2>/dev/null
        rmdir "$_dir"
    done
    rmmod null_blk 2>/dev/null
}

# The same facts dmc --host-devices reads, as 'disk' lines.
disk_lines() {
    for _block in /sys/block/nullb*; do
        _name=${_block##*/}
        echo "disk /dev/$_name size=$(cat "$_block/size") logical-block=$(cat "$_block/queue/logical_block_size") zoned=$(cat "$_block/queue/zoned")"
    done
}

# kernel_load FILE — dmsetup create of each device of FILE, in order; status 0 if all loaded.
kernel_load() {
    _name=""
    : >"$WORK/table"
    while IFS= read -r _line; do
        case $_line in
            '#'* | '') continue ;;
            'device '*)
                if [ -n "$_name" ]; then
                    dmsetup create "$_name" "$WORK/table" >/dev/null 2>>"$WORK/kernel.err" || return 1
                fi
                _name=${_line#device }
                _name=${_name%% *}
                : >"$WORK/table"
                ;;
            *) printf '%s\n' "$_line" | sed 's|@\([A-Za-z0-9_.-]*\)|/dev/mapper/\1|g' >>"$WORK/table" ;;
        esac
    done <"$1"
    dmsetup create "$_name" "$WORK/table" >/dev/null 2>>"$WORK/kernel.err"
}

# run_case FILE
run_case() {
    _case=${1##*/}
    _case=${_case%.dmc}
    _expect=$(sed -n '1s/^# kernel: //p' "$1")
    _kind=${_expect%% *}
    _text=""
    [ "$_kind" = accept ] || _text=${_expect#* }
    : >"$WORK/kernel.err"
    # dm-integrity formats a zeroed superblock and refuses one of other settings: every case
    # starts from zeroed disks (null_blk keeps what was written).
    for _disk in /dev/nullb0 /dev/nullb2; do
        dd if=/dev/zero of="$_disk" bs=4096 count=1 conv=fsync 2>/dev/null
    done
    _t0=$(uptime_now)
    _mark=$(kernel_log_mark)
    if kernel_load "$1"; then _kernel=accepted; else _kernel=refused; fi
    _klog=$(dm_log_since "$_mark" | tr '\n' '|')
    dmsetup remove_all >/dev/null 2>&1
    dmsetup ls 2>/dev/null | grep -qv 'No devices found' &&
        case_fail "disk-facts/$_case-cleanup" "devices left: $(dmsetup ls | tr '\n' ' ')"

    _t1=$(uptime_now)
    dmc verify --host-devices "$1" >"$WORK/host.out" 2>&1
    _host=$?
    printf '%s\t%s\t%s\n' "$_case" "$_kernel" "$_klog" >>"$OUT/kernel.tsv"
    KERNEL_SECONDS=$(awk -v s="$KERNEL_SECONDS" -v a="$_t0" -v b="$_t1" 'BEGIN { print s + b - a }')
    DMC_SECONDS=$(awk -v s="$DMC_SECONDS" -v a="$_t1" -v b="$(uptime_now)" 'BEGIN { print s + b - a }')

    _why=""
    case $_kind in
        accept) [ "$_kernel" = accepted ] || _why="the kernel refused it: $_klog" ;;
        refuse | refuse-unseen)
            if [ "$_kernel" = accepted ]; then
                _why="the kernel accepted it"
            elif ! printf '%s' "$_klog" | grep -qF "$_text"; then
                _why="the kernel refused it without '$_text': $_klog"
            fi
            ;;
        *) _why="bad first line: $_expect" ;;
    esac
    _first=$(grep -m1 'error' "$WORK/host.out")
    case $_kind in
        accept | refuse-unseen)
            [ "$_host" = 0 ] || _why="$_why dmc --host-devices refuses it: $_first;" ;;
        refuse)
            if [ "$_host" != 1 ]; then
                _why="$_why dmc --host-devices exit status $_host, not 1: $(tail -n 1 "$WORK/host.out");"
            elif ! grep -qF "$_text" "$WORK/host.out"; then
                _why="$_why dmc --host-devices refuses it without '$_text': $_first;"
            fi
            ;;
    esac
    if [ -z "$_why" ]; then
        _reason=$(printf '%s' "$_klog" | sed -n 's/^\[[ 0-9.]*\] device-mapper: table: [0-9:]* //; s/|.*//; 1p' | cut -c1-90)
        case_pass "disk-facts/$_case ($_kernel${_reason:+: $_reason})"
    else
        case_fail "disk-facts/$_case" "$_why"
    fi
}

uptime_now() {
    cut -d' ' -f1 /proc/uptime
}

KERNEL_SECONDS=0
DMC_SECONDS=0
started=$(uptime_now)
if setup_disks; then
    case_pass disk-facts-null-blk
    disk_lines >"$OUT/disks.dmc"
    : >"$OUT/kernel.tsv"
    for file in cases/*.dmc; do
        run_case "$file"
    done
else
    case_fail disk-facts-null-blk "could not make the null_blk disks: $(dmesg | tail -n 3 | tr '\n' '|')"
fi
teardown_disks
echo "disk-facts: $(find cases -name '*.dmc' | wc -l) cases in $(awk -v a="$started" -v b="$(uptime_now)" 'BEGIN { printf "%.1f", b - a }')s of guest time (loads and removes ${KERNEL_SECONDS}s, dmc verify ${DMC_SECONDS}s)"
summary
