# shellcheck shell=sh
# lib.sh — helpers for guest-side payload scripts (busybox sh, not bash).
#
# run-vm.sh copies this file to /payload/lib.sh; a payload's run.sh starts:
#
#     #!/bin/sh
#     . /payload/lib.sh
#
# and ends with `summary` (which prints "N passed, N failed" and fails if any
# case failed). Results are kept in a file, so cases may run in subshells.
#
# Do not use `set -e` in payloads: most cases run commands that are expected
# to fail. `set -u` is fine.

DMC_RESULTS=${DMC_RESULTS:-/tmp/dmc-results}
DMC_LOOP_DIR=${DMC_LOOP_DIR:-/tmp/dmc-loops}
# stderr of the last dm_create / dmsetup call made through these helpers.
DMC_DMSETUP_ERR=/tmp/dmc-dmsetup.err

# ---------------------------------------------------------------------------
# Results

# case_pass NAME
case_pass() {
    echo "PASS: $1"
    echo "PASS $1" >>"$DMC_RESULTS"
}

# case_fail NAME REASON
case_fail() {
    echo "FAIL: $1: ${2:-no reason given}"
    echo "FAIL $1" >>"$DMC_RESULTS"
}

# check NAME COMMAND [ARG...] — run COMMAND; PASS if it succeeds, otherwise
# FAIL with its last line of output (stdout or stderr) as the reason.
check() {
    _check_name=$1
    shift
    if _check_output=$("$@" 2>&1); then
        case_pass "$_check_name"
    else
        _check_reason=$(printf '%s\n' "$_check_output" | tail -n 1)
        case_fail "$_check_name" "${_check_reason:-'$*' failed}"
    fi
}

# summary — print "N passed, N failed"; non-zero status if any case failed.
summary() {
    _passed=0
    _failed=0
    if [ -f "$DMC_RESULTS" ]; then
        _passed=$(grep -c '^PASS ' "$DMC_RESULTS")
        _failed=$(grep -c '^FAIL ' "$DMC_RESULTS")
    fi
    echo "$_passed passed, $_failed failed"
    [ "$_failed" -eq 0 ]
}

# ---------------------------------------------------------------------------
# Loop devices backed by sparse files in /tmp (tmpfs: they use guest RAM)

# loop_device_of FILE — print the /dev/loopN backed by FILE.
loop_device_of() {
    for _backing in /sys/block/loop*/loop/backing_file; do
        [ -r "$_backing" ] || continue
        if [ "$(cat "$_backing")" = "$1" ]; then
            _block=${_backing%/loop/backing_file}
            echo "/dev/${_block##*/}"
            return 0
        fi
    done
    return 1
}

# ensure_loop_node DEVICE — create /dev/loopN from sysfs if devtmpfs has not.
ensure_loop_node() {
    [ -b "$1" ] && return 0
    _numbers=$(cat "/sys/block/${1##*/}/dev") || return 1
    mknod "$1" b "${_numbers%%:*}" "${_numbers##*:}"
}

# attach_loop FILE — attach FILE to a free loop device and print its path.
attach_loop() {
    if ! _losetup_err=$(losetup -f "$1" 2>&1); then
        echo "attach_loop: losetup -f $1 failed: $_losetup_err" >&2
        return 1
    fi
    _device=$(loop_device_of "$1") || {
        echo "attach_loop: no loop device shows $1 as its backing file" >&2
        return 1
    }
    ensure_loop_node "$_device" || return 1
    echo "$_device"
}

# loop_file NAME — the backing file make_loop uses for NAME.
loop_file() {
    echo "$DMC_LOOP_DIR/$1.img"
}

# make_loop NAME SECTORS — zero-filled sparse loop device; prints /dev/loopN.
make_loop() {
    mkdir -p "$DMC_LOOP_DIR"
    _file=$(loop_file "$1")
    rm -f "$_file"
    truncate -s "$(($2 * 512))" "$_file" || return 1
    attach_loop "$_file"
}

# write_sector_pattern FILE NAME SECTORS — fill FILE so that every 512-byte
# sector holds 16 copies of a 32-byte record: NAME left-justified in 16
# characters, the sector number in 15 digits, a newline.
write_sector_pattern() {
    awk -v name="$2" -v sectors="$3" 'BEGIN {
        for (s = 0; s < sectors; s++) {
            record = sprintf("%-16s%015d\n", name, s)
            sector = record record; sector = sector sector
            sector = sector sector; sector = sector sector
            printf "%s", sector
        }
    }' >"$1"
}

# make_loop_pattern NAME SECTORS — like make_loop, but every sector carries
# its own number (see write_sector_pattern and sector_tag).
# NAME: at most 16 characters, no spaces.
make_loop_pattern() {
    case $1 in
        *[!A-Za-z0-9._-]* | "") echo "make_loop_pattern: bad name '$1'" >&2; return 1 ;;
    esac
    [ "${#1}" -le 16 ] || { echo "make_loop_pattern: name longer than 16: $1" >&2; return 1; }
    mkdir -p "$DMC_LOOP_DIR"
    _file=$(loop_file "$1")
    write_sector_pattern "$_file" "$1" "$2" || return 1
    attach_loop "$_file"
}

# pattern_tag NAME SECTOR — the tag sector_tag reads from sector SECTOR of a
# make_loop_pattern device called NAME.
pattern_tag() {
    echo "$1:$2"
}

# read_sectors DEVICE FIRST COUNT — raw bytes, bypassing the page cache.
read_sectors() {
    dd if="$1" bs=512 skip="$2" count="$3" iflag=direct 2>/dev/null
}

# sector_tag DEVICE SECTOR — print "NAME:N" for a sector written by
# make_loop_pattern, "zero" for an all-zero sector, "other" for anything
# else and "unreadable" on an I/O error.
sector_tag() {
    _sector_file=/tmp/dmc-sector.bin
    if ! read_sectors "$1" "$2" 1 >"$_sector_file" || [ ! -s "$_sector_file" ]; then
        echo unreadable
        return 0
    fi
    if [ -z "$(tr -d '\000' <"$_sector_file")" ]; then
        echo zero
        return 0
    fi
    head -n 1 "$_sector_file" | awk '
        length($0) == 31 && substr($0, 17) ~ /^[0-9]+$/ {
            name = substr($0, 1, 16)
            sub(/ +$/, "", name)
            # Strip leading zeros by hand: busybox awk reads "0100" as octal.
            number = substr($0, 17)
            sub(/^0+/, "", number)
            print name ":" (number == "" ? "0" : number)
            exit
        }
        { print "other"; exit }'
}

# expect_sector_tags DEVICE SECTOR=TAG... — succeed if every listed sector
# carries the expected tag; otherwise print the first mismatch and fail.
expect_sector_tags() {
    _dev=$1
    shift
    for _pair in "$@"; do
        _sector=${_pair%%=*}
        _want=${_pair#*=}
        _got=$(sector_tag "$_dev" "$_sector")
        if [ "$_got" != "$_want" ]; then
            echo "sector $_sector of $_dev: expected $_want, got $_got"
            return 1
        fi
    done
}

# drop_caches — flush dirty data and forget cached pages.
drop_caches() {
    sync
    echo 3 >/proc/sys/vm/drop_caches
}

# ---------------------------------------------------------------------------
# Kernel log

# kernel_log_mark — write a unique marker into the kernel log; print it.
# Use: mark=$(kernel_log_mark); ...; kernel_log_since "$mark"
kernel_log_mark() {
    _mark="dmc-mark-$(cat /proc/sys/kernel/random/uuid)"
    echo "<6>$_mark" >/dev/kmsg
    echo "$_mark"
}

# kernel_log_since MARK — kernel log lines after MARK.
kernel_log_since() {
    dmesg | awk -v mark="$1" 'found { print } index($0, mark) { found = 1 }'
}

# dm_log_since MARK — only the "device-mapper:" lines after MARK.
dm_log_since() {
    kernel_log_since "$1" | grep 'device-mapper:' || true
}

# ---------------------------------------------------------------------------
# device-mapper

# dm_create NAME TABLE — create and activate a device from a table (lines
# separated by newlines). dmsetup's stderr is kept in $DMC_DMSETUP_ERR.
dm_create() {
    printf '%s\n' "$2" | dmsetup create "$1" 2>"$DMC_DMSETUP_ERR" || return 1
    dmsetup mknodes "$1" 2>/dev/null
    [ -b "/dev/mapper/$1" ]
}

# dm_remove NAME — remove a device, retrying briefly while it is busy.
dm_remove() {
    for _try in 1 2 3 4 5; do
        dmsetup remove "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    dmsetup remove "$1"
}

# dm_expect_reject NAME TABLE LOG_TEXT — succeed if the kernel refuses the
# table and logs a device-mapper line containing LOG_TEXT; otherwise print
# why not and fail. Use: reason=$(dm_expect_reject ...) || case_fail X "$reason"
dm_expect_reject() {
    _mark=$(kernel_log_mark)
    if dm_create "$1" "$2"; then
        dm_remove "$1" >/dev/null 2>&1
        echo "kernel accepted the table"
        return 1
    fi
    _log=$(dm_log_since "$_mark")
    if printf '%s\n' "$_log" | grep -qF "$3"; then
        return 0
    fi
    echo "rejected, but no device-mapper log line contains '$3'; log: $(printf '%s' "$_log" | tr '\n' '|')"
    return 1
}

# dm_target_registered TARGET — is TARGET in `dmsetup targets`?
dm_target_registered() {
    dmsetup targets | awk -v t="$1" '$1 == t { found = 1 } END { exit !found }'
}

# cleanup_devices — remove all dm devices, detach and delete loop files.
cleanup_devices() {
    dmsetup remove_all >/dev/null 2>&1 || dmsetup remove_all --force >/dev/null 2>&1
    for _backing in /sys/block/loop*/loop/backing_file; do
        [ -r "$_backing" ] || continue
        case $(cat "$_backing") in
            "$DMC_LOOP_DIR"/*)
                _block=${_backing%/loop/backing_file}
                losetup -d "/dev/${_block##*/}" 2>/dev/null
                ;;
        esac
    done
    rm -rf "$DMC_LOOP_DIR"
}
