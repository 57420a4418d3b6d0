#!/bin/sh
# loader suite (guest side): dmc load / reload / diff / remove against the real kernel, without
# udev. Every device dmc makes is read back range by range and compared with what its table
# says: the underlying loop files for linear and striped, zeros for zero, I/O errors for error;
# crypt reads back what was written. Refused tables must leave no device behind and show the
# kernel's reason at the right line. Timings go to $DMC_SUITE_RESULTS/perf.txt.
set -u
. /payload/lib.sh

DMC=dmc
T=/tmp/loader
RESULTS=${DMC_SUITE_RESULTS:-/tmp}
rm -rf "$T"
mkdir -p "$T"

now() {
    read -r _up _ </proc/uptime
    echo "$_up"
}
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# The data source behind a table's device argument: a loop device's backing file, or the
# device itself (a dm device of the same file).
source_of() {
    case $1 in
        /dev/loop*) cat "/sys/block/${1##*/}/loop/backing_file" ;;
        *) echo "$1" ;;
    esac
}

# same_range DEV DEV_SECTOR COUNT SOURCE SOURCE_SECTOR
same_range() {
    dd if="$1" bs=512 skip="$2" count="$3" iflag=direct 2>/dev/null >"$T/got" || return 1
    if [ -b "$4" ]; then
        dd if="$4" bs=512 skip="$5" count="$3" iflag=direct 2>/dev/null >"$T/want"
    else
        dd if="$4" bs=512 skip="$5" count="$3" 2>/dev/null >"$T/want"
    fi
    cmp -s "$T/got" "$T/want"
}

unreadable() {
    ! dd if="$1" bs=512 skip="$2" count=1 iflag=direct of=/dev/null 2>/dev/null
}

# verify_mapping DEV TABLE_FILE — every target's range holds what the table says.
# busybox dd reads a block device through the page cache even with iflag=direct, a page
# (8 sectors) at a time: so generated tables keep every target boundary on 8 sectors (a page
# never spans an error target and a readable one), and caches are dropped first.
verify_mapping() {
    _dev=$1
    drop_caches
    while read -r _start _len _type _a1 _a2 _rest; do
        case $_start in '' | '#'*) continue ;; esac
        case $_type in
            linear)
                same_range "$_dev" "$_start" "$_len" "$(source_of "$_a1")" "$_a2" ||
                    { echo "linear at sector $_start ($_len sectors): data differs from $_a1 at $_a2"; return 1; }
                ;;
            zero)
                dd if=/dev/zero bs=512 count="$_len" 2>/dev/null >"$T/zeros"
                same_range "$_dev" "$_start" "$_len" "$T/zeros" 0 ||
                    { echo "zero at sector $_start: not all zeros"; return 1; }
                ;;
            error)
                unreadable "$_dev" "$_start" && unreadable "$_dev" $((_start + _len - 1)) ||
                    { echo "error at sector $_start: readable"; return 1; }
                ;;
            striped)
                _stripes=$_a1
                _chunk=$_a2
                # shellcheck disable=SC2086
                set -- $_rest
                _k=0
                while [ $_k -lt $((_len / _chunk)) ]; do
                    _s=$((_k % _stripes))
                    eval "_sdev=\${$((2 * _s + 1))}; _soff=\${$((2 * _s + 2))}"
                    same_range "$_dev" $((_start + _k * _chunk)) "$_chunk" "$(source_of "$_sdev")" \
                        $((_soff + (_k / _stripes) * _chunk)) ||
                        { echo "striped at sector $_start, chunk $_k: data differs"; return 1; }
                    _k=$((_k + 1))
                done
                ;;
            *) echo "verify_mapping: cannot check $_type"; return 1 ;;
        esac
    done <"$2"
}

# compiled FILE — dmc's canonical table of each device, in $T/compiled/NAME.table.
compiled() {
    rm -rf "$T/compiled"
    mkdir -p "$T/compiled"
    if [ "$(grep -c '^device ' "$1")" -gt 1 ]; then
        $DMC compile -o "$T/compiled" "$1" >/dev/null 2>&1
    else
        _name=$(awk '$1 == "device" { print $2; exit }' "$1")
        $DMC compile -o "$T/compiled/${_name:-$(basename "${1%.*}")}.table" "$1" >/dev/null 2>&1
    fi
}

# check_device CASE NAME FILE — the device exists with a node, and every range is right.
check_device() {
    if [ ! -b "/dev/mapper/$2" ]; then
        case_fail "$1" "/dev/mapper/$2 is missing (no udev: dmc must make it)"
        return 1
    fi
    if reason=$(verify_mapping "/dev/mapper/$2" "$3"); then
        case_pass "$1"
    else
        case_fail "$1" "$reason"
        return 1
    fi
}

no_devices() {
    [ -z "$(dmsetup ls 2>/dev/null | grep -v 'No devices found')" ]
}

A=$(make_loop_pattern a 4096)
B=$(make_loop_pattern b 4096)
C=$(make_loop c 4096)

# ---------------------------------------------------------------------------------------------
# Generated tables: linear, striped, zero and error in random order over two loop devices.
for seed in 1 2 3; do
    awk -v seed="$seed" -v A="$A" -v B="$B" 'BEGIN {
        srand(seed); pos = 0
        print "device gen" seed
        for (i = 0; i < 24; i++) {
            r = rand()
            if (r < 0.3) { len = 8 * (1 + int(rand() * 32)); printf "%d %d linear %s %d\n", pos, len, A, int(rand() * (4096 - len)) }
            else if (r < 0.5) { len = 8 * (1 + int(rand() * 32)); printf "%d %d linear %s %d\n", pos, len, B, int(rand() * (4096 - len)) }
            else if (r < 0.65) { len = 8 * (1 + int(rand() * 12)); printf "%d %d zero\n", pos, len }
            else if (r < 0.75) { len = 8 * (1 + int(rand() * 12)); printf "%d %d error\n", pos, len }
            else { half = 8 * (1 + int(rand() * 8)); len = 2 * half
                   printf "%d %d striped 2 8 %s %d %s %d\n", pos, len, A, int(rand() * (4096 - half)), B, int(rand() * (4096 - half)) }
            pos += len
        }
    }' >"$T/gen$seed.dm"
    if out=$($DMC load "$T/gen$seed.dm" 2>&1); then
        compiled "$T/gen$seed.dm"
        check_device "generated-table-$seed" "gen$seed" "$T/compiled/gen$seed.table"
        check "generated-table-$seed-diff-clean" $DMC diff "$T/gen$seed.dm"
        check "generated-table-$seed-remove" $DMC remove "gen$seed"
        [ ! -e "/dev/mapper/gen$seed" ] && case_pass "generated-table-$seed-node-removed" ||
            case_fail "generated-table-$seed-node-removed" "/dev/mapper/gen$seed is still there"
    else
        case_fail "generated-table-$seed" "dmc load failed: $(echo "$out" | tail -n 3 | tr '\n' '|')"
    fi
done

# ---------------------------------------------------------------------------------------------
# crypt: the backing store holds ciphertext, the device reads back what was written.
cat >"$T/crypt.dm" <<EOF
device secret uuid=DMC-TEST-crypt
0 1024 crypt aes-xts-plain64 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 0 $C 0
EOF
if out=$($DMC load "$T/crypt.dm" 2>&1); then
    write_sector_pattern "$T/plain" plain 1024
    dd if="$T/plain" of=/dev/mapper/secret bs=4096 conv=fsync 2>/dev/null
    drop_caches
    if same_range /dev/mapper/secret 0 1024 "$T/plain" 0; then case_pass crypt-reads-back-what-was-written
    else case_fail crypt-reads-back-what-was-written "data read through crypt differs from what was written"; fi
    if same_range /dev/mapper/secret 0 1024 "$(loop_file c)" 0; then case_fail crypt-stores-ciphertext "backing store holds plaintext"
    else case_pass crypt-stores-ciphertext; fi
    check crypt-diff-clean $DMC diff "$T/crypt.dm"
    if $DMC status secret | grep -q '000102030405'; then case_fail crypt-status-hides-key "status shows the key"
    else case_pass crypt-status-hides-key; fi
    $DMC remove secret >/dev/null 2>&1
else
    case_fail crypt-reads-back-what-was-written "dmc load failed: $(echo "$out" | tail -n 3 | tr '\n' '|')"
fi

# ---------------------------------------------------------------------------------------------
# A stacked file: lower devices are made first, and the upper one reads through them.
cat >"$T/stack.dm" <<EOF
device top uuid=DMC-TEST-top
0 512 linear @middle 256
512 256 striped 2 8 @bottom 0 @middle 0
device middle ro
0 1024 linear $B 1000
1024 64 zero
device bottom minor=200
0 1024 linear $A 2000
EOF
if out=$($DMC load "$T/stack.dm" 2>&1); then
    compiled "$T/stack.dm"
    check_device stacked-bottom bottom "$T/compiled/bottom.table"
    check_device stacked-middle middle "$T/compiled/middle.table"
    check_device stacked-top top "$T/compiled/top.table"
    [ "$(dmsetup info -c --noheadings -o minor bottom 2>/dev/null)" = 200 ] && case_pass stacked-minor-from-file ||
        case_fail stacked-minor-from-file "bottom's minor is $(dmsetup info -c --noheadings -o minor bottom)"
    dmsetup info middle 2>/dev/null | grep -q 'READ-ONLY' && case_pass stacked-read-only-flag ||
        case_fail stacked-read-only-flag "middle is not read-only"
    [ "$(dmsetup info -c --noheadings -o uuid top 2>/dev/null)" = DMC-TEST-top ] && case_pass stacked-uuid-from-file ||
        case_fail stacked-uuid-from-file "top's uuid is $(dmsetup info -c --noheadings -o uuid top)"
    check stacked-diff-clean $DMC diff "$T/stack.dm"
    if out=$($DMC remove --file "$T/stack.dm" 2>&1) && no_devices; then case_pass stacked-remove-upper-first
    else case_fail stacked-remove-upper-first "$(echo "$out" | tail -n 2 | tr '\n' '|')"; fi
else
    case_fail stacked-top "dmc load failed: $(echo "$out" | tail -n 5 | tr '\n' '|')"
fi

# ---------------------------------------------------------------------------------------------
# reload: a new table goes live; the data follows it; diff sees what dmsetup changed.
printf 'device live\n0 512 linear %s 0\n' "$A" >"$T/live1.dm"
printf 'device live\n0 256 zero\n256 256 linear %s 100\n' "$B" >"$T/live2.dm"
if $DMC load "$T/live1.dm" >/dev/null 2>&1; then
    compiled "$T/live1.dm"
    check_device reload-before live "$T/compiled/live.table"
    if out=$($DMC reload "$T/live2.dm" 2>&1); then
        compiled "$T/live2.dm"
        check_device reload-after live "$T/compiled/live.table"
        check reload-diff-clean $DMC diff "$T/live2.dm"
        $DMC diff "$T/live1.dm" >"$T/diff.out" 2>&1
        [ $? -eq 1 ] && grep -q '^@@' "$T/diff.out" && case_pass reload-diff-old-file-dirty ||
            case_fail reload-diff-old-file-dirty "dmc diff of the old file: $(head -c 300 "$T/diff.out")"
        printf '0 512 linear %s 8\n' "$B" | dmsetup reload live && dmsetup resume live
        $DMC diff "$T/live2.dm" >"$T/diff.out" 2>&1
        status=$?
        if [ $status -eq 1 ] && grep -q "^-0 512 linear" "$T/diff.out"; then case_pass diff-dirty-after-dmsetup-change
        else case_fail diff-dirty-after-dmsetup-change "status $status: $(head -c 300 "$T/diff.out" | tr '\n' '|')"; fi
        # A reload the kernel refuses leaves the old table live.
        dmsetup table live >"$T/before.table"
        printf 'device live\n0 512 linear %s 0\n512 8192 linear %s 0\n' "$A" "$B" >"$T/live3.dm"
        $DMC reload "$T/live3.dm" >"$T/reload.out" 2>&1
        status=$?
        dmsetup table live >"$T/after.table"
        if [ $status -eq 1 ] && cmp -s "$T/before.table" "$T/after.table" &&
            ! dmsetup info live | grep -q SUSPENDED && grep -q 'rolled back' "$T/reload.out"; then
            case_pass reload-refused-keeps-old-table
        else
            case_fail reload-refused-keeps-old-table "status $status: $(tr '\n' '|' <"$T/reload.out" | head -c 400)"
        fi
    else
        case_fail reload-after "dmc reload failed: $(echo "$out" | tail -n 3 | tr '\n' '|')"
    fi
    $DMC remove live >/dev/null 2>&1
else
    case_fail reload-before "dmc load failed"
fi

# ---------------------------------------------------------------------------------------------
# Tables the kernel refuses: nothing is left behind, and the reason is at the right line.

# expect_refusal CASE FILE LINE TEXT [dmc options] — load fails, no device remains, and the
# diagnostic FILE:LINE: carries TEXT.
expect_refusal() {
    _case=$1 _file=$2 _line=$3 _text=$4
    shift 4
    mark=$(kernel_log_mark)
    $DMC load "$@" "$_file" >"$T/refusal.out" 2>&1
    _status=$?
    _left=$(dmsetup ls 2>/dev/null | grep -v 'No devices found' | tr '\n' ' ')
    if [ $_status -ne 1 ]; then
        case_fail "$_case" "dmc load exited $_status: $(tr '\n' '|' <"$T/refusal.out" | head -c 400)"
    elif [ -n "$_left" ]; then
        case_fail "$_case" "devices left behind: $_left"
    elif ! grep -q "^$_file:$_line:[0-9]*: error: kernel refused this target: .*$_text" "$T/refusal.out"; then
        case_fail "$_case" "no '$_file:$_line: ... $_text' diagnostic: $(tr '\n' '|' <"$T/refusal.out" | head -c 600) kernel: $(dm_log_since "$mark" | tr '\n' '|')"
    else
        case_pass "$_case"
        grep "^$_file:$_line:[0-9]*: error: kernel refused" "$T/refusal.out" | sed 's/^/    /'
    fi
    ls /dev/mapper | grep -qv control && case_fail "$_case-nodes" "nodes left: $(ls /dev/mapper | tr '\n' ' ')"
}

# The third line maps past the end of a 4096-sector loop device; two devices were made before.
cat >"$T/small.dm" <<EOF
device base
0 100 zero
device big
0 1000 linear $A 0
1000 1000 linear $A 1000
2000 4000 linear $A 2000
device after
0 10 linear @big 0
EOF
expect_refusal refused-device-too-small "$T/small.dm" 6 "too small for target"
grep -q 'remove base (created by this command)' "$T/refusal.out" && case_pass refused-says-what-was-undone ||
    case_fail refused-says-what-was-undone "$(tr '\n' '|' <"$T/refusal.out" | head -c 400)"

# A target whose module is missing (Debian's 6.1 does not build dm-dust).
printf 'device nomod\n0 100 zero\n100 100 dust %s 0 512\n' "$A" >"$T/nomod.dm"
expect_refusal refused-module-missing "$T/nomod.dm" 3 "dust: unknown target type" --force

# The issue's example: dmc finds the error too, --force sends it anyway.
printf 'device badsector\n0 100 linear %s 0\n100 100 linear %s 1x\n' "$A" "$A" >"$T/badsector.dm"
expect_refusal refused-invalid-device-sector "$T/badsector.dm" 3 "linear: Invalid device sector" --force

# Three linear lines: the kernel names only the type; prefixes find the second.
printf 'device lookup\n0 100 linear %s 0\n100 100 linear /dev/loop77 0\n200 100 linear %s 0\n' "$A" "$B" >"$T/lookup.dm"
expect_refusal refused-ambiguous-type-located "$T/lookup.dm" 3 "linear: Device lookup failed"

# ---------------------------------------------------------------------------------------------
# dmc lookup against the kernel, on lines not at sector 0: unstriped maps the offset in the line
# (dm_target_offset), log-writes and snapshot-origin the device's own sector (they never
# subtract ti->begin). Each sector read through the device must be the one `dmc lookup` names.
cat >"$T/follow.dm" <<EOF
device follow
0 8 zero
8 32 unstriped 2 8 1 $A 16
40 16 log-writes $B $C
56 16 snapshot-origin $A
EOF
lookup_matches_kernel() {
    # shellcheck disable=SC2046
    $DMC lookup "$T/follow.dm" --device follow $(awk 'BEGIN { for (s = 8; s < 72; s++) print s }') >"$T/follow.out" 2>&1 ||
        { head -n 3 "$T/follow.out"; return 1; }
    drop_caches
    sed -n 's/^follow: sector \([0-9]*\):.* -> \(.*\) sector \([0-9]*\)$/\1 \2 \3/p' "$T/follow.out" >"$T/follow.map"
    [ "$(wc -l <"$T/follow.map")" = 64 ] || { echo "dmc lookup placed $(wc -l <"$T/follow.map") of 64 sectors"; return 1; }
    # The first sector of each line that differs, so one run tells about every target.
    _wrong=""
    _line=""
    while read -r _s _to _at; do
        _this=$(awk -v s="$_s" '$1 ~ /^[0-9]+$/ && s >= $1 && s < $1 + $2 { print $3 }' "$T/follow.dm")
        [ "$_this" = "$_line" ] && continue
        same_range /dev/mapper/follow "$_s" 1 "$(source_of "$_to")" "$_at" && continue
        _line=$_this
        _wrong="$_wrong; $_this sector $_s: dmc says $_to sector $_at, the kernel reads $(head -c 31 "$T/got" | tr -s ' ')"
    done <"$T/follow.map"
    [ -z "$_wrong" ] || { echo "${_wrong#; }"; return 1; }
}
if out=$($DMC load "$T/follow.dm" 2>&1); then
    check lookup-matches-kernel-past-start lookup_matches_kernel
    $DMC remove follow >/dev/null 2>&1
else
    case_fail lookup-matches-kernel-past-start "dmc load failed: $(echo "$out" | tail -n 3 | tr '\n' '|')"
fi

# ---------------------------------------------------------------------------------------------
# --host-devices: verify against the sizes of the guest's own block devices (A has 4096
# sectors), by path and by major:minor; a device that does not exist is unknown.
# expect_verdict NAME EXIT TEXT TABLE_LINE
expect_verdict() {
    printf '%s\n' "$4" >"$T/$1.table"
    _code=0
    $DMC verify --host-devices "$T/$1.table" >"$T/$1.out" 2>&1 || _code=$?
    if [ "$_code" != "$2" ]; then
        case_fail "$1" "exit $_code, expected $2: $(head -n 1 "$T/$1.out")"
    elif [ -n "$3" ] && ! grep -q -- "$3" "$T/$1.out"; then
        case_fail "$1" "no '$3' in: $(head -n 1 "$T/$1.out")"
    else
        case_pass "$1"
    fi
}
A_MAJMIN=$(cat "/sys/block/${A##*/}/dev")
expect_verdict host-devices-fits 0 "" "0 4096 linear $A 0"
expect_verdict host-devices-past-end 1 "too small for target" "0 4096 linear $A 1"
expect_verdict host-devices-majmin-past-end 1 "dev_size=4096" "0 8 linear $A_MAJMIN 4089"
expect_verdict host-devices-majmin-fits 0 "" "0 8 linear $A_MAJMIN 4088"
expect_verdict host-devices-missing 1 "/dev/dmc-no-such-disk does not exist on this machine" \
    "0 8 linear /dev/dmc-no-such-disk 0"

# --host-devices and verity: images formatted on the host by veritysetup (prepare.sh). The
# table veritysetup open makes from the hash device's superblock agrees with it, loads and
# reads the data back; with the salt and root digest swapped dmc warns, and the kernel loads
# the table, then fails every read.
mkdir -p "$DMC_LOOP_DIR"
cp verity-data.img verity-hash.img "$DMC_LOOP_DIR/"
VD=$(attach_loop "$DMC_LOOP_DIR/verity-data.img")
VH=$(attach_loop "$DMC_LOOP_DIR/verity-hash.img")
VROOT=$(cat verity-root.hex)
VSALT=$(cat verity-salt.hex)
verity_good="0 512 verity 1 $VD $VH 4096 4096 64 1 sha256 $VROOT $VSALT"
verity_swapped="0 512 verity 1 $VD $VH 4096 4096 64 1 sha256 $VSALT $VROOT"
printf '%s\n' "$verity_good" >"$T/verity-good.table"
if ! $DMC verify --readonly --host-devices "$T/verity-good.table" >"$T/verity-good.out" 2>&1; then
    case_fail verity-superblock-agrees "dmc verify failed: $(head -n 1 "$T/verity-good.out")"
elif grep -q verity-superblock-mismatch "$T/verity-good.out"; then
    case_fail verity-superblock-agrees "$(head -n 1 "$T/verity-good.out")"
else
    case_pass verity-superblock-agrees
fi
expect_verdict verity-superblock-swapped 0 "the root digest and the salt are swapped" "$verity_swapped"
verity_reads() {
    printf '%s\n' "$verity_good" | dmsetup create --readonly vgood || return 1
    dmsetup mknodes vgood
    dd if=/dev/mapper/vgood of="$T/verity-read" bs=4096 count=64 2>/dev/null
    _status=$?
    dm_remove vgood
    [ "$_status" = 0 ] && cmp -s "$T/verity-read" "$DMC_LOOP_DIR/verity-data.img"
}
check kernel-reads-verity-that-agrees verity_reads
verity_swapped_fails_reads() {
    printf '%s\n' "$verity_swapped" | dmsetup create --readonly vswap ||
        { echo "the kernel refused the swapped table"; return 1; }
    dmsetup mknodes vswap
    _status=0
    dd if=/dev/mapper/vswap of=/dev/null bs=4096 count=1 2>/dev/null || _status=$?
    dm_remove vswap
    [ "$_status" != 0 ] || { echo "a block of the swapped table read without error"; return 1; }
}
check kernel-loads-swapped-verity-then-fails-reads verity_swapped_fails_reads

# --host-devices reads dm-integrity's superblock: the kernel formats a zeroed 8192-sector
# device with tag 4 (7752 provided sectors, interleave 2^15), and from then on the superblock,
# not the table, decides. Each verdict is the kernel's too.
INTEG=$(make_loop integ 8192)
if dm_create dmc-integ-format "0 8 integrity $INTEG 0 4 J 0"; then
    dm_remove dmc-integ-format >/dev/null 2>&1
    # A fresh layout with 8-sector interleave would provide fewer sectors; the superblock's does.
    expect_verdict host-devices-integrity-superblock-layout 0 "" "0 7752 integrity $INTEG 0 4 J 1 interleave_sectors:8"
    if dm_create dmc-integ-layout "0 7752 integrity $INTEG 0 4 J 1 interleave_sectors:8"; then
        dm_remove dmc-integ-layout >/dev/null 2>&1
        case_pass kernel-integrity-superblock-layout
    else
        case_fail kernel-integrity-superblock-layout "create failed: $(cat "$DMC_DMSETUP_ERR")"
    fi
    expect_verdict host-devices-integrity-superblock-provided 1 "Not enough provided sectors" \
        "0 7753 integrity $INTEG 0 4 J 0"
    check kernel-integrity-superblock-provided dm_expect_reject dmc-integ-provided \
        "0 7753 integrity $INTEG 0 4 J 0" "Not enough provided sectors"
    expect_verdict host-devices-integrity-superblock-tag 1 "Tag size doesn't match" "0 100 integrity $INTEG 0 8 J 0"
    check kernel-integrity-superblock-tag dm_expect_reject dmc-integ-tag "0 100 integrity $INTEG 0 8 J 0" \
        "Tag size doesn't match"
else
    case_fail host-devices-integrity-superblock "formatting failed: $(cat "$DMC_DMSETUP_ERR")"
fi

# 10,000 targets: dmc load against dmsetup create of the same table, in one run.
awk -v A="$A" 'BEGIN { print "device big10k"; for (i = 0; i < 10000; i++) printf "%d 8 linear %s %d\n", i * 8, A, (i * 8) % 4000 }' >"$T/big.dm"
$DMC compile "$T/big.dm" >"$T/big.table" 2>/dev/null
t0=$(now)
$DMC verify "$T/big.dm" >/dev/null 2>&1
t1=$(now)
if $DMC load "$T/big.dm" >/dev/null 2>"$T/big.err"; then
    t2=$(now)
    $DMC remove big10k >/dev/null 2>&1
    t3=$(now)
    dmsetup create big10k <"$T/big.table" && dmsetup mknodes big10k
    t4=$(now)
    dmsetup remove big10k
    t5=$(now)
    {
        echo "targets 10000"
        echo "dmc-verify $(elapsed "$t0" "$t1")"
        echo "dmc-load $(elapsed "$t1" "$t2")"
        echo "dmc-remove $(elapsed "$t2" "$t3")"
        echo "dmsetup-create $(elapsed "$t3" "$t4")"
        echo "dmsetup-remove $(elapsed "$t4" "$t5")"
    } >"$RESULTS/perf.txt"
    sed 's/^/PERF: /' "$RESULTS/perf.txt"
    case_pass load-10000-targets
else
    case_fail load-10000-targets "$(tail -n 3 "$T/big.err" | tr '\n' '|')"
fi

# A table libdevmapper cannot take: 200,000 targets whose long device path (/dev/./././.../loopN)
# makes a DM_TABLE_LOAD buffer of about 52 MB, past libdevmapper's 50,000,000-byte allocation
# cap. dmc load says so before it makes anything; dmsetup create fails on the same table.
long_path="/dev/$(printf './%.0s' $(seq 100))${A#/dev/}"
awk -v P="$long_path" 'BEGIN { print "device toolarge"; for (i = 0; i < 200000; i++) printf "%d 1 linear %s %d\n", i, P, i }' >"$T/huge.dm"
if $DMC load "$T/huge.dm" >"$T/huge.out" 2>&1; then
    case_fail libdevmapper-cap-refused-before-kernel "dmc load succeeded"
    $DMC remove toolarge >/dev/null 2>&1
elif ! grep -q "libdevmapper refuses to allocate more than 50000000 bytes" "$T/huge.out"; then
    case_fail libdevmapper-cap-refused-before-kernel "$(head -n 2 "$T/huge.out" | tr '\n' '|')"
elif dmsetup info toolarge >/dev/null 2>&1; then
    case_fail libdevmapper-cap-refused-before-kernel "a device was left behind"
else
    case_pass libdevmapper-cap-refused-before-kernel
fi
$DMC compile "$T/huge.dm" >"$T/huge.table" 2>/dev/null
if dmsetup create toolarge "$T/huge.table" 2>"$T/huge.dmsetup"; then
    case_fail libdevmapper-cap-is-real "dmsetup create took the table"
    dmsetup remove toolarge
elif grep -q "Huge memory allocation" "$T/huge.dmsetup"; then
    case_pass libdevmapper-cap-is-real
else
    case_fail libdevmapper-cap-is-real "$(head -n 1 "$T/huge.dmsetup")"
fi

# --kernel live: dmc reads the running kernel's release and the target list of its
# device-mapper driver (DM_LIST_VERSIONS) as dmsetup targets does: each registered target, with
# the same version, and a table checked with the live rules.
live_targets_match() {
    $DMC targets --kernel live >"$T/live-targets" 2>"$T/live-targets.err" || { cat "$T/live-targets.err"; return 1; }
    dmsetup targets >"$T/dmsetup-targets" || return 1
    [ -s "$T/dmsetup-targets" ] || { echo "dmsetup targets listed nothing"; return 1; }
    while read -r _name _version; do
        grep -q "^$_name .*(registered $_version)\$" "$T/live-targets" ||
            { echo "dmsetup has $_name $_version; dmc targets --kernel live: $(grep "^$_name " "$T/live-targets")"; return 1; }
    done <"$T/dmsetup-targets"
    [ "$(grep -c '(registered v' "$T/live-targets")" = "$(wc -l <"$T/dmsetup-targets")" ] ||
        { echo "dmc lists a registered target dmsetup does not"; return 1; }
}
check live-kernel-targets live_targets_match
printf '0 8 zero\n' >"$T/live.table"
check live-kernel-verify $DMC verify --kernel live "$T/live.table"

cleanup_devices
summary
