#!/bin/sh
# differential/run.sh — guest side of the differential test (busybox sh, inside the VM).
#
# prepare.sh generated the tables (cases/*.table, listed in manifest.tsv). This script:
#   1. attaches the loop devices of devices.tsv to exactly the named /dev/loopN, in order,
#      and checks path, size and backing file (the host declares these sizes to dmc);
#   2. creates the thin pool of pool.conf and its thin devices;
#   3. reads each valid verity tree of verity-reads.tsv end to end (proves the hash
#      trees prepare.sh computed are right, so valid verity tables really are valid);
#   4. loads every table with `dmsetup create` (read-only when the manifest says so),
#      records accepted/refused and dmsetup's complaint in kernel.tsv, and removes the
#      device again; a marker in the kernel log before each case lets check.sh find
#      the kernel's reason in kmsg.txt.
# Results go to $DMC_SUITE_RESULTS (run-all.sh brings that directory back to the host).
# The verdicts are compared with dmc on the host (check.sh); PASS/FAIL here only
# covers the steps above.
set -u
# shellcheck source=../lib.sh
. /payload/lib.sh

OUT=${DMC_SUITE_RESULTS:-/tmp/dmc-differential}
LOOP_DIR=/tmp/dmc-diff-loops
ERR=/tmp/dmc-diff.err
mkdir -p "$OUT" "$LOOP_DIR"
TAB=$(printf '\t')

uptime_now() {
    read -r _up _ </proc/uptime
    echo "$_up"
}

# 1. Loop devices, in the fixed order of devices.tsv.
setup_loops() {
    _ok=1
    _why=""
    while IFS="$TAB" read -r name path sectors source; do
        case $name in '#'* | '') continue ;; esac
        file=$LOOP_DIR/$name.img
        if [ "$source" = zero ]; then
            truncate -s $((sectors * 512)) "$file"
        else
            cp "$source" "$file"
        fi
        # The loop module makes loop0..loop7; the next free one (losetup -f) is created on
        # demand, and devices.tsv lists them in order, so it is the one named.
        if [ -e "/sys/block/${path#/dev/}" ]; then
            ensure_loop_node "$path" 2>/dev/null
            _err=$(losetup "$path" "$file" 2>&1)
        else
            _err=$(losetup -f "$file" 2>&1) && ensure_loop_node "$path" 2>/dev/null
        fi
        if [ $? -ne 0 ]; then
            _ok=0
            _why="$_why losetup $path failed: $_err;"
            continue
        fi
        block=${path#/dev/}
        actual_size=$(cat "/sys/block/$block/size" 2>/dev/null)
        actual_file=$(cat "/sys/block/$block/loop/backing_file" 2>/dev/null)
        if [ "$actual_size" != "$sectors" ] || [ "$actual_file" != "$file" ]; then
            _ok=0
            _why="$_why $path: size $actual_size (want $sectors), file $actual_file;"
        fi
        printf '%s\t%s\t%s\n' "$path" "$actual_size" "$actual_file" >>"$OUT/loops.tsv"
    done <devices.tsv
    if [ "$_ok" = 1 ]; then
        case_pass differential-loops-deterministic
    else
        case_fail differential-loops-deterministic "$_why"
    fi
    [ "$_ok" = 1 ]
}

# 2. The thin pool and its thin devices.
setup_pool() {
    # shellcheck source=/dev/null
    . ./pool.conf
    if ! printf '%s\n' "$POOL_TABLE" | dmsetup create "$POOL_NAME" 2>"$ERR"; then
        case_fail differential-thin-pool "create failed: $(tr '\n' ' ' <"$ERR")"
        return 1
    fi
    dmsetup mknodes "$POOL_NAME" 2>/dev/null
    for thin_id in $POOL_THIN_IDS; do
        if ! dmsetup message "$POOL_NAME" 0 "create_thin $thin_id" 2>"$ERR"; then
            case_fail differential-thin-pool "create_thin $thin_id failed: $(tr '\n' ' ' <"$ERR")"
            return 1
        fi
    done
    if [ -b "/dev/mapper/$POOL_NAME" ]; then
        case_pass differential-thin-pool
    else
        case_fail differential-thin-pool "no /dev/mapper/$POOL_NAME node"
    fi
}

# 3. Each valid verity tree reads back without an error.
check_verity_trees() {
    while IFS="$TAB" read -r name table; do
        case $name in '#'* | '') continue ;; esac
        device=dmc-diff-$name
        mark=$(kernel_log_mark)
        if ! printf '%s\n' "$table" | dmsetup create --readonly "$device" 2>"$ERR"; then
            case_fail "differential-$name-reads" "create failed: $(tr '\n' ' ' <"$ERR") $(dm_log_since "$mark" | tr '\n' '|')"
            continue
        fi
        dmsetup mknodes "$device" 2>/dev/null
        if ! dd if="/dev/mapper/$device" of=/dev/null bs=4096 iflag=direct 2>"$ERR"; then
            case_fail "differential-$name-reads" "read failed: $(tr '\n' ' ' <"$ERR") $(kernel_log_since "$mark" | tr '\n' '|')"
        else
            status=$(dmsetup status "$device" 2>&1)
            case $status in
                *" V") case_pass "differential-$name-reads" ;;
                *) case_fail "differential-$name-reads" "status after reading: $status" ;;
            esac
        fi
        dm_remove "$device" >/dev/null 2>&1
    done <verity-reads.tsv
}

# 4. Every table. Accepted devices of non-exclusive targets are removed in batches
# (one dmsetup process per batch; each process costs ~50 ms or more under emulation).
PENDING=""
PENDING_COUNT=0
REMOVE_FAILURES=0

flush_pending() {
    [ -n "$PENDING" ] || return 0
    # shellcheck disable=SC2086  # names are plain words
    if ! dmsetup remove $PENDING 2>>"$OUT/remove-errors.txt"; then
        for name in $PENDING; do
            dm_remove "$name" >/dev/null 2>&1 || REMOVE_FAILURES=$((REMOVE_FAILURES + 1))
        done
    fi
    PENDING=""
    PENDING_COUNT=0
}

# The metadata devices of the targets that format zeroed metadata themselves (cache, era,
# writecache, integrity, raid, the mirror's disk log): 64 KiB each covers every superblock.
wipe_new_devices() {
    for _dev in /dev/loop8 /dev/loop9 /dev/loop10; do
        dd if=/dev/zero of="$_dev" bs=65536 count=1 conv=fsync 2>/dev/null
    done
}

load_tables() {
    loaded=0
    accepted=0
    started=$(uptime_now)
    : >"$OUT/kernel.tsv"
    while IFS="$TAB" read -r id target kind expect line dmc_line mode setup exclusive; do
        case $id in '#'* | '') continue ;; esac
        echo "dmc-diff-case $id" >/dev/kmsg
        case $setup in
            wipe-cow) dd if=/dev/zero of=/dev/loop3 bs=4096 count=2 conv=fsync 2>/dev/null ;;
            wipe-meta) dd if=/dev/zero of=/dev/loop6 bs=4096 count=1 conv=fsync 2>/dev/null ;;
            wipe-new) wipe_new_devices ;;
        esac
        name=dmcd-$id
        if [ "$mode" = ro ]; then
            dmsetup create --readonly "$name" "cases/$id.table" >/dev/null 2>"$ERR"
        else
            dmsetup create "$name" "cases/$id.table" >/dev/null 2>"$ERR"
        fi
        status=$?
        message=""
        while IFS= read -r err_line; do
            message="${message:+$message | }$err_line"
        done <"$ERR"
        if [ "$status" -eq 0 ]; then
            verdict=accepted
            accepted=$((accepted + 1))
            if [ "$exclusive" = 1 ]; then
                dmsetup remove "$name" 2>/dev/null || dm_remove "$name" >/dev/null 2>&1 ||
                    REMOVE_FAILURES=$((REMOVE_FAILURES + 1))
            else
                PENDING="$PENDING $name"
                PENDING_COUNT=$((PENDING_COUNT + 1))
                [ "$PENDING_COUNT" -ge 24 ] && flush_pending
            fi
        else
            verdict=refused
        fi
        printf '%s\t%s\t%s\n' "$id" "$verdict" "$message" >>"$OUT/kernel.tsv"
        loaded=$((loaded + 1))
        # Progress, so a slow run shows where it is.
        [ $((loaded % 100)) -eq 0 ] && echo "differential: $loaded tables loaded ($(uptime_now)s)"
        : "$target$kind$expect$line$dmc_line"  # read for the record; check.sh uses them
    done <manifest.tsv
    flush_pending
    echo "dmc-diff-end" >/dev/kmsg
    finished=$(uptime_now)
    echo "differential: $loaded tables ($accepted accepted) in $(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.1f", b - a }')s of guest time"
    total=$(grep -c '^c' manifest.tsv)
    if [ "$loaded" -eq "$total" ]; then
        case_pass "differential-tables-loaded ($loaded)"
    else
        case_fail differential-tables-loaded "$loaded of $total tables processed"
    fi
    if [ "$REMOVE_FAILURES" -eq 0 ]; then
        case_pass differential-devices-removed
    else
        case_fail differential-devices-removed "$REMOVE_FAILURES accepted devices could not be removed"
    fi
}

# No table may crash the kernel; after an oops, later verdicts are not trustworthy.
check_kernel_healthy() {
    oops=$(dmesg | grep -E 'BUG:|Oops:|general protection fault|kernel BUG' | head -n 3 | tr '\n' '|')
    if [ -z "$oops" ]; then
        case_pass differential-kernel-healthy
    else
        case_fail differential-kernel-healthy "the kernel oopsed while loading tables: $oops (see kmsg.txt)"
    fi
}

if setup_loops; then
    setup_pool
    check_verity_trees
    load_tables
fi
check_kernel_healthy
dmesg >"$OUT/kmsg.txt"
uname -r >"$OUT/kernel-release.txt"
dmsetup version >"$OUT/dmsetup-version.txt" 2>&1

# Leave nothing behind for the next suite.
dmsetup remove_all >/dev/null 2>&1
for path in $(awk -F"$TAB" '$1 !~ /^#/ { print $2 }' devices.tsv); do
    losetup -d "$path" 2>/dev/null
done
rm -rf "$LOOP_DIR"
summary
