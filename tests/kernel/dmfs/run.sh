#!/bin/sh
# dmfs suite (guest side): loads configfs and the dmfs module built by prepare.sh, then
# checks the module against device-mapper with the same tables: data read back, writes on
# the backing files, 1 MiB direct I/O across boundaries, table swaps under I/O, refusals of
# corrupt images and bad tables with their `error` text, EBUSY rules, a 1,048,576-target
# table, and a clean kernel log. Timings go to $DMC_SUITE_RESULTS/dmfs-times.txt.
set -u
. /payload/lib.sh

CFG=/sys/kernel/config/dmfs
IO=./dmfs-io
T=/tmp/dmfs
RESULTS=${DMC_SUITE_RESULTS:-/tmp}
rm -rf "$T"
mkdir -p "$T"
MARK=$(kernel_log_mark)

now() {
    read -r _up _ </proc/uptime
    echo "$_up"
}
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# phase NAME — the time since the previous phase began, to the log and dmfs-times.txt.
PHASE_NAME=setup
PHASE_START=$(now)
phase() {
    _t=$(now)
    echo "(dmfs: $PHASE_NAME took $(elapsed "$PHASE_START" "$_t") s)" | tee -a "$RESULTS/dmfs-times.txt"
    PHASE_NAME=$1
    PHASE_START=$_t
}

# write_image NAME FILE — the whole image in one write(), as dmc does: configfs grows its
# buffer on every write, so many small writes of a large image cost quadratic copying.
write_image() {
    dd if="$2" of="$CFG/$1/image" bs="$(wc -c <"$2")" count=1 2>/dev/null
}

# dmfs_make NAME TABLE_FILE — compile, mkdir, write, activate; prints the error on failure.
dmfs_make() {
    dmc compile "$2" --emit image --no-warn shared-sectors -o "$T/$1.img" >"$T/compile.out" 2>&1 ||
        { echo "dmc compile failed: $(tail -n 3 "$T/compile.out")"; return 1; }
    mkdir "$CFG/$1" || return 1
    write_image "$1" "$T/$1.img"
    # configfs reports every attribute as 4096 bytes long: test the text, not the size.
    if [ -n "$(cat "$CFG/$1/error")" ]; then
        echo "image refused: $(cat "$CFG/$1/error")"
        return 1
    fi
    echo 1 >"$CFG/$1/active" 2>"$T/active.err" || { echo "activation failed: $(cat "$T/active.err")"; return 1; }
    [ -b "/dev/dmfs/$1" ] || { echo "no /dev/dmfs/$1 after activation"; return 1; }
}

dmfs_remove() {
    echo 0 >"$CFG/$1/active" 2>/dev/null
    rmdir "$CFG/$1"
}

# same_as_dm NAME SECTORS — the dmfs and the dm device read the same, with O_DIRECT.
same_as_dm() {
    $IO read "/dev/dmfs/$1" 0 $(($2 * 512)) >"$T/dmfs.bin" || { echo "direct read of /dev/dmfs/$1 failed"; return 1; }
    $IO read "/dev/mapper/$1" 0 $(($2 * 512)) >"$T/dm.bin" || { echo "direct read of /dev/mapper/$1 failed"; return 1; }
    cmp "$T/dmfs.bin" "$T/dm.bin" >"$T/cmp.out" 2>&1 || { echo "differs from dm: $(cat "$T/cmp.out")"; return 1; }
}

# compare_case NAME SECTORS TABLE — load TABLE through dm and dmfs and compare every sector.
compare_case() {
    printf '%s\n' "$3" >"$T/$1.table"
    if ! dm_create "$1" "$3"; then
        case_fail "$1" "dmsetup create failed: $(cat "$DMC_DMSETUP_ERR")"
        return
    fi
    if reason=$(dmfs_make "$1" "$T/$1.table") && reason=$(same_as_dm "$1" "$2"); then
        case_pass "$1"
    else
        case_fail "$1" "$reason"
    fi
}

# file_tag FILE SECTOR — the pattern tag stored at SECTOR of a backing file.
file_tag() {
    dd if="$1" bs=512 skip="$2" count=1 2>/dev/null | head -n 1 | awk '{ n = substr($0, 17); sub(/^0+/, "", n); name = substr($0, 1, 16); sub(/ +$/, "", name); print name ":" (n == "" ? 0 : n) }'
}

# remove_all_dmfs — every dmfs device, upper ones first (a used device stays busy until then).
remove_all_dmfs() {
    for _pass in 1 2 3 4; do
        for _dir in "$CFG"/*; do [ -d "$_dir" ] && dmfs_remove "${_dir##*/}" 2>/dev/null; done
    done
}

# --- module -----------------------------------------------------------------------------
load_module() {
    insmod ./configfs.ko 2>/dev/null || grep -q '^configfs ' /proc/modules || { echo "insmod configfs failed"; return 1; }
    mount -t configfs none /sys/kernel/config 2>/dev/null || grep -q ' /sys/kernel/config ' /proc/mounts ||
        { echo "cannot mount configfs"; return 1; }
    modprobe crc32c_generic 2>/dev/null
    insmod ./libcrc32c.ko 2>/dev/null || grep -q '^libcrc32c ' /proc/modules || { echo "insmod libcrc32c failed"; return 1; }
    insmod ./dmfs.ko 2>"$T/insmod.err" || { echo "insmod dmfs failed: $(cat "$T/insmod.err")"; return 1; }
    [ -d "$CFG" ] || { echo "no $CFG after insmod"; return 1; }
}
if reason=$(load_module); then
    case_pass module-loads
else
    case_fail module-loads "$reason"
    summary
    exit 1
fi

a=$(make_loop_pattern a 4096)
b=$(make_loop_pattern b 4096)
c=$(make_loop_pattern c 4096)
d=$(make_loop_pattern d 4096)

# --- data: dmfs reads what device-mapper reads ------------------------------------------
phase "data: dmfs reads what device-mapper reads"
compare_case linear 3500 "0 1000 linear $a 100
1000 2000 linear $b 7
3000 500 linear $a 2000"
compare_case striped-2x8 1600 "0 1600 striped 2 8 $a 0 $b 16"
compare_case striped-3x24 1440 "0 1440 striped 3 24 $a 5 $b 0 $c 100"
compare_case striped-4x128 2048 "0 2048 striped 4 128 $a 0 $b 512 $c 1024 $d 7"
compare_case striped-3x5-mixed 1750 "0 1000 linear $d 3000
1000 750 striped 3 5 $c 1 $b 2 $a 3"
compare_case stacked 1500 "0 1000 linear /dev/dmfs/linear 500
1000 500 linear $(cat "$CFG/linear/dev") 3000"
# Both stacked devices (dm's and dmfs's) sit on the dmfs device linear, once by path, once by MAJ:MIN.

# Queue limits as dm derives them, also after a swap that changes them: a linear table,
# then the 4x128 striped one (io_opt 256 KiB, so a 512 KiB readahead window).
queue_attributes() { # SYSFS_NAME
    for _attr in logical_block_size max_sectors_kb max_hw_sectors_kb max_segments minimum_io_size optimal_io_size read_ahead_kb; do
        printf '%s=%s ' "$_attr" "$(cat "/sys/block/$1/queue/$_attr")"
    done
}
printf '0 2048 linear %s 0\n' "$a" >"$T/limits.table"
dmc compile "$T/striped-4x128.table" --emit image -o "$T/limits2.img" >/dev/null 2>&1
if reason=$(dmfs_make limits "$T/limits.table") && write_image limits "$T/limits2.img" && echo 1 >"$CFG/limits/active"; then
    dm_limits=$(queue_attributes "dm-$(dmsetup info -c --noheadings -o minor striped-4x128 | tr -d ' ')")
    dmfs_limits=$(queue_attributes 'dmfs!limits')
    if [ "$dmfs_limits" = "$dm_limits" ]; then
        case_pass "queue-limits-like-dm-after-swap ($dmfs_limits)"
    else
        case_fail queue-limits-like-dm-after-swap "dmfs: $dmfs_limits; dm: $dm_limits"
    fi
else
    case_fail queue-limits-like-dm-after-swap "${reason:-swap to the striped table failed: $(cat "$CFG/limits/error")}"
fi

# zero and error: zeros, I/O errors, and the linear part next to them equal to dm.
printf '0 64 zero\n64 64 error\n128 64 linear %s 0\n' "$a" >"$T/ze.table"
if reason=$(dmfs_make ze "$T/ze.table"); then
    if [ -n "$($IO read /dev/dmfs/ze 0 32768 | tr -d '\000')" ]; then
        case_fail zero-reads-zeros "nonzero bytes in the zero target"
    else
        case_pass zero-reads-zeros
    fi
    if $IO read /dev/dmfs/ze 32768 4096 >/dev/null 2>&1; then
        case_fail error-fails-io "a read of the error target succeeded"
    else
        case_pass error-fails-io
    fi
    if head -c 512 /dev/zero | tr '\000' x | $IO write /dev/dmfs/ze 0 512 2>/dev/null &&
        [ -z "$($IO read /dev/dmfs/ze 0 512 | tr -d '\000')" ]; then
        case_pass zero-discards-writes
    else
        case_fail zero-discards-writes "write to zero failed or read back nonzero"
    fi
    $IO read /dev/dmfs/ze 65536 32768 >"$T/ze-lin.bin"
    $IO read "$a" 0 32768 >"$T/a-0.bin"
    check linear-after-error cmp "$T/ze-lin.bin" "$T/a-0.bin"
else
    case_fail zero-error-table "$reason"
fi

# --- writes land where the mapping says -------------------------------------------------
phase "writes land where the mapping says"
e=$(make_loop e 4096)
f=$(make_loop f 4096)
printf '0 100 linear %s 50\n100 160 striped 2 8 %s 1000 %s 0\n' "$e" "$e" "$f" >"$T/wr.table"
write_sector_pattern "$T/w.bin" w 260
if reason=$(dmfs_make wr "$T/wr.table") && $IO write /dev/dmfs/wr 0 $((260 * 512)) <"$T/w.bin"; then
    sync
    ef=$(loop_file e)
    ff=$(loop_file f)
    # logical 100+k: chunk k/8, stripe chunk%2, sector (chunk/2)*8 + k%8 on that stripe
    got="$(file_tag "$ef" 50) $(file_tag "$ef" 149) $(file_tag "$ef" 1000) $(file_tag "$ff" 0) $(file_tag "$ef" 1008) $(file_tag "$ff" 15) $(file_tag "$ff" 79)"
    want="w:0 w:99 w:100 w:108 w:116 w:131 w:259"
    if [ "$got" = "$want" ]; then
        case_pass writes-land-on-mapped-sectors
    else
        case_fail writes-land-on-mapped-sectors "backing sectors hold '$got', want '$want'"
    fi
else
    case_fail writes-land-on-mapped-sectors "${reason:-direct write failed}"
fi

# --- 1 MiB direct I/O across many target and chunk boundaries ----------------------------
phase "1 MiB direct I/O across many target and chunk boundaries"
awk -v a="$a" -v b="$b" -v c="$c" -v d="$d" 'BEGIN {
    for (i = 0; i < 80; i++) printf "%d 40 linear %s %d\n", i * 40, (i % 2 ? a : b), (i * 37) % 3000
    printf "3200 1200 striped 3 8 %s 3000 %s 3000 %s 3000\n", c, d, a
}' >"$T/many.table"
if dm_create many "$(cat "$T/many.table")" && reason=$(dmfs_make many "$T/many.table"); then
    ok=1
    for offset in 0 6656 1048576 1179648; do
        $IO read /dev/dmfs/many "$offset" 1048576 >"$T/x.bin" && $IO read /dev/mapper/many "$offset" 1048576 >"$T/y.bin" &&
            cmp -s "$T/x.bin" "$T/y.bin" || { ok=0; reason="1 MiB read at byte $offset differs from dm"; }
    done
    [ $ok = 1 ] && case_pass direct-1MiB-reads-across-boundaries || case_fail direct-1MiB-reads-across-boundaries "$reason"
    write_sector_pattern "$T/m.bin" m 2048
    if $IO write /dev/dmfs/many 39424 1048576 <"$T/m.bin" && $IO read /dev/mapper/many 39424 1048576 >"$T/y.bin" &&
        cmp -s "$T/m.bin" "$T/y.bin"; then
        case_pass direct-1MiB-write-across-boundaries
    else
        case_fail direct-1MiB-write-across-boundaries "what dm reads back differs from what was written through dmfs"
    fi
else
    case_fail direct-1MiB-reads-across-boundaries "${reason:-dmsetup create failed: $(cat "$DMC_DMSETUP_ERR")}"
fi

# --- table swap under a reader/writer loop -----------------------------------------------
phase "table swap under a reader/writer loop"
g=$(make_loop g 4096)
printf '0 4096 linear %s 0\n' "$g" >"$T/swap-a.table"
awk -v g="$g" 'BEGIN { for (i = 0; i < 16; i++) printf "%d 256 linear %s %d\n", i * 256, g, i * 256 }' >"$T/swap-b.table"
printf '0 1000 linear %s 0\n1000 2000 linear %s 1000\n3000 1096 linear %s 3000\n' "$g" "$g" "$g" >"$T/swap-c.table"
dmc compile "$T/swap-a.table" --emit image -o "$T/swap-a.img" >/dev/null 2>&1
dmc compile "$T/swap-b.table" --emit image -o "$T/swap-b.img" >/dev/null 2>&1
dmc compile "$T/swap-c.table" --emit image -o "$T/swap-c.img" >/dev/null 2>&1
if reason=$(dmfs_make swap "$T/swap-a.table"); then
    $IO churn /dev/dmfs/swap 512 8 >"$T/churn.out" 2>&1 &
    churn=$!
    swaps=0
    while kill -0 "$churn" 2>/dev/null; do
        for img in swap-b swap-c swap-a; do
            write_image swap "$T/$img.img"
            echo 1 >"$CFG/swap/active" && swaps=$((swaps + 1))
        done
    done
    if wait "$churn" && [ "$swaps" -ge 3 ]; then
        case_pass "swap-under-io ($swaps swaps; $(cat "$T/churn.out"))"
    else
        case_fail swap-under-io "$swaps swaps: $(cat "$T/churn.out")"
    fi
else
    case_fail swap-under-io "$reason"
fi

# --- refusals ----------------------------------------------------------------------------
phase "refusals"
ln -sf "$a" /tmp/dmfs-corrupt-dev
mkdir "$CFG/bad"
refused=0
wrong=""
while IFS='	' read -r name want; do
    write_image bad "corrupt/$name.img"
    err=$(cat "$CFG/bad/error")
    if [ -z "$want" ]; then
        [ -z "$err" ] && echo 1 >"$CFG/bad/active" 2>/dev/null && echo 0 >"$CFG/bad/active" ||
            wrong="$wrong $name(control refused: $err)"
        continue
    fi
    case $err in
        *"$want"*) ;;
        *) wrong="$wrong $name(error '$err', want '$want')" ;;
    esac
    if echo 1 >"$CFG/bad/active" 2>/dev/null; then
        wrong="$wrong $name(activated)"
        echo 0 >"$CFG/bad/active"
    fi
    refused=$((refused + 1))
done <corrupt/expected.txt
rmdir "$CFG/bad"
if [ -z "$wrong" ] && [ "$refused" -gt 20 ]; then
    case_pass "corrupt-images-refused ($refused images)"
else
    case_fail corrupt-images-refused "$refused refused;$wrong"
fi

# expect_refusal NAME TABLE TEXT... — the image is refused with every TEXT in `error`.
expect_refusal() {
    _name=$1 _table=$2
    shift 2
    printf '%s\n' "$_table" >"$T/$_name.table"
    dmc compile "$T/$_name.table" --emit image -o "$T/$_name.img" >"$T/compile.out" 2>&1 ||
        { case_fail "$_name" "dmc compile failed: $(tail -n 2 "$T/compile.out")"; return; }
    mkdir "$CFG/$_name"
    write_image "$_name" "$T/$_name.img"
    _err=$(cat "$CFG/$_name/error")
    for _want in "$@"; do
        case $_err in
            *"$_want"*) ;;
            *) case_fail "$_name" "error '$_err' lacks '$_want'"; rmdir "$CFG/$_name"; return ;;
        esac
    done
    if echo 1 >"$CFG/$_name/active" 2>/dev/null; then
        case_fail "$_name" "activated after a refused image"
        echo 0 >"$CFG/$_name/active"
    else
        case_pass "$_name"
    fi
    rmdir "$CFG/$_name"
}
expect_refusal refuse-unknown-device "0 100 linear $a 0
100 100 linear /dev/dmfs-no-such-device 0" "line 2:" "cannot open device /dev/dmfs-no-such-device"
expect_refusal refuse-unsupported-target "0 100 linear $a 0
100 100 linear $b 0
200 100 delay $a 0 10" "line 3:" "delay" "not supported"
expect_refusal refuse-device-too-small "0 100 linear $a 0
100 8000 linear $b 0" "line 2:" "past the end"
mkdir "$CFG/empty"
if echo 1 >"$CFG/empty/active" 2>/dev/null; then
    case_fail activate-without-image "activated with no image"
else
    check activate-without-image grep -q "no image" "$CFG/empty/error"
fi
# clear: drops a waiting image and a refusal, as dm's table clear does.
write_image empty "$T/linear.img"
echo 1 >"$CFG/empty/clear"
clear_state=$(grep '^state:' "$CFG/empty/status")
if [ "$clear_state" = "state: empty" ] && [ -z "$(cat "$CFG/empty/error")" ] && ! echo 1 >"$CFG/empty/active" 2>/dev/null; then
    case_pass clear-drops-inactive
else
    case_fail clear-drops-inactive "after clear: '$clear_state', error '$(cat "$CFG/empty/error")'"
    echo 0 >"$CFG/empty/active" 2>/dev/null
fi
rmdir "$CFG/empty"

# --- read-only ---------------------------------------------------------------------------
phase "read-only"
printf 'device ro1 uuid=DMFS-ro-1 ro\n0 200 linear %s 0\n' "$c" >"$T/ro1.dm"
if reason=$(dmfs_make ro1 "$T/ro1.dm"); then
    if head -c 512 /dev/zero | tr '\000' y | $IO write /dev/dmfs/ro1 0 512 2>/dev/null; then
        case_fail read-only-fails-writes "a write to a read-only device succeeded"
    elif [ "$(cat "$CFG/ro1/ro")" = 1 ] && [ "$(cat "$CFG/ro1/uuid")" = DMFS-ro-1 ] &&
        [ "$(file_tag "$(loop_file c)" 0)" = c:0 ]; then
        case_pass read-only-fails-writes
    else
        case_fail read-only-fails-writes "ro '$(cat "$CFG/ro1/ro")', uuid '$(cat "$CFG/ro1/uuid")', or backing data changed"
    fi
else
    case_fail read-only-fails-writes "$reason"
fi

# --- a fixed minor ------------------------------------------------------------------------
phase "a fixed minor"
# minor= in the device header is the minor the disk gets; a taken one is refused at
# activation (EBUSY) and a different one for a live device at the image, naming the line.
printf 'device fixed1 minor=77\n0 200 linear %s 0\n' "$c" >"$T/fixed1.dm"
if reason=$(dmfs_make fixed1 "$T/fixed1.dm"); then
    fixed_dev=$(cat "$CFG/fixed1/dev")
    if [ "${fixed_dev#*:}" = 77 ] && [ "$(cat '/sys/block/dmfs!fixed1/dev')" = "$fixed_dev" ]; then
        case_pass minor-honoured
    else
        case_fail minor-honoured "dev '$fixed_dev', sysfs '$(cat '/sys/block/dmfs!fixed1/dev')'"
    fi
else
    case_fail minor-honoured "$reason"
fi
printf 'device fixed2 minor=77\n0 200 linear %s 0\n' "$c" >"$T/fixed2.dm"
dmc compile "$T/fixed2.dm" --emit image -o "$T/fixed2.img" >/dev/null 2>&1
mkdir "$CFG/fixed2"
write_image fixed2 "$T/fixed2.img"
if echo 1 >"$CFG/fixed2/active" 2>"$T/fixed2.err"; then
    case_fail minor-taken-refused "activated with minor 77 taken"
    echo 0 >"$CFG/fixed2/active"
elif grep -qi busy "$T/fixed2.err" && grep -q "^line 1: minor 77 is taken" "$CFG/fixed2/error"; then
    case_pass minor-taken-refused
else
    case_fail minor-taken-refused "write: '$(cat "$T/fixed2.err")', error: '$(cat "$CFG/fixed2/error")'"
fi
rmdir "$CFG/fixed2"
printf 'device fixed1 minor=78\n0 200 linear %s 0\n' "$c" >"$T/fixed1b.dm"
dmc compile "$T/fixed1b.dm" --emit image -o "$T/fixed1b.img" >/dev/null 2>&1
write_image fixed1 "$T/fixed1b.img"
if grep -q "^line 1: minor 78 differs from the live device's .*:77" "$CFG/fixed1/error" &&
    ! echo 1 >"$CFG/fixed1/active" 2>/dev/null && [ "$(cat "$CFG/fixed1/dev")" = "$fixed_dev" ]; then
    case_pass minor-change-while-live-refused
else
    case_fail minor-change-while-live-refused "error: '$(cat "$CFG/fixed1/error")', dev $(cat "$CFG/fixed1/dev")"
fi
# dmc load --via dmfs passes minor= on, and a taken one fails the load as a whole.
printf 'device fixed3 minor=79\n0 200 linear %s 0\n' "$c" >"$T/fixed3.dm"
printf 'device fixed4\n0 100 linear %s 0\n\ndevice fixed5 minor=77\n0 100 linear %s 0\n' "$c" "$c" >"$T/fixed45.dm"
if dmc load --via dmfs "$T/fixed3.dm" >"$T/fixed3.out" 2>&1 && [ "$(cut -d: -f2 "$CFG/fixed3/dev")" = 79 ]; then
    case_pass dmc-load-via-dmfs-minor
else
    case_fail dmc-load-via-dmfs-minor "$(head -n 3 "$T/fixed3.out") dev '$(cat "$CFG/fixed3/dev" 2>/dev/null)'"
fi
if dmc load --via dmfs "$T/fixed45.dm" >"$T/fixed45.out" 2>&1; then
    case_fail dmc-load-via-dmfs-minor-taken "loaded with minor 77 taken"
elif grep -q "minor 77 is taken" "$T/fixed45.out" && [ ! -d "$CFG/fixed4" ] && [ ! -d "$CFG/fixed5" ]; then
    case_pass dmc-load-via-dmfs-minor-taken
else
    case_fail dmc-load-via-dmfs-minor-taken "left $(ls "$CFG" | tr '\n' ' '); said: $(head -n 3 "$T/fixed45.out")"
fi
dmfs_remove fixed1
dmfs_remove fixed3

# --- table and status read back ----------------------------------------------------------
phase "table and status read back"
# dmfs shows the devices as the image names them (dm shows MAJ:MIN): compare with dmc's text.
dmc compile "$T/linear.table" 2>/dev/null | grep -v '^#' >"$T/linear.canonical"
if [ "$(cat "$CFG/linear/table")" = "$(cat "$T/linear.canonical")" ] &&
    [ "$(grep -c . "$T/linear.canonical")" = "$(dmsetup table linear | grep -c .)" ]; then
    case_pass table-reads-back
else
    case_fail table-reads-back "table: '$(cat "$CFG/linear/table")', dmc: '$(cat "$T/linear.canonical")'"
fi
check status-shows-state grep -q "^state: active" "$CFG/linear/status"

# --- dmc load / reload / status / diff / remove --via dmfs ---------------------------------
phase "dmc --via dmfs"
cat >"$T/stack.dm" <<EOF
device lower uuid=DMFS-lower
0 1000 linear $a 0
1000 1024 striped 2 8 $b 0 $c 0

device upper
0 1500 linear @lower 200
EOF
sed 's/@lower 200/@lower 300/' "$T/stack.dm" >"$T/stack2.dm"
if dmc load --via dmfs "$T/stack.dm" >"$T/load.out" 2>&1 && [ -b /dev/dmfs/upper ] && [ -b /dev/dmfs/lower ]; then
    if dmc load "$T/stack.dm" >/dev/null 2>&1 && reason=$(same_as_dm upper 1500) && reason=$(same_as_dm lower 2024); then
        case_pass dmc-load-via-dmfs
    else
        case_fail dmc-load-via-dmfs "${reason:-dmc load (ioctl) of the same file failed}"
    fi
else
    case_fail dmc-load-via-dmfs "$(cat "$T/load.out")"
fi
dmc status --via dmfs >"$T/status.out" 2>&1
if grep -q upper "$T/status.out" && grep -q lower "$T/status.out" && grep -q DMFS-lower "$T/status.out"; then
    case_pass dmc-status-via-dmfs
else
    case_fail dmc-status-via-dmfs "$(head -n 5 "$T/status.out")"
fi
check dmc-diff-via-dmfs-same dmc diff --via dmfs "$T/stack.dm"
if dmc diff --via dmfs "$T/stack2.dm" >/dev/null 2>&1; then
    case_fail dmc-diff-via-dmfs-differs "diff found no difference with a changed file"
else
    case_pass dmc-diff-via-dmfs-differs
fi
if dmc reload --via dmfs "$T/stack2.dm" >"$T/reload.out" 2>&1 && dmc diff --via dmfs "$T/stack2.dm" >/dev/null 2>&1 &&
    $IO read /dev/dmfs/upper 0 4096 >"$T/up.bin" && $IO read /dev/dmfs/lower $((300 * 512)) 4096 >"$T/low.bin" &&
    cmp -s "$T/up.bin" "$T/low.bin"; then
    case_pass dmc-reload-via-dmfs
else
    case_fail dmc-reload-via-dmfs "$(tail -n 3 "$T/reload.out")"
fi
# A refusal: all or nothing, and the module's reason at the failing line of the file.
cat >"$T/refused.dm" <<EOF
device keep1
0 100 linear $a 0

device fails1
0 100 linear $a 0
100 100 linear /dev/dmfs-no-such-device 0
EOF
if dmc load --via dmfs "$T/refused.dm" >"$T/refused.out" 2>&1; then
    case_fail dmc-load-via-dmfs-refused "a table with a missing device loaded"
elif grep -q "refused.dm:6:.*cannot open device /dev/dmfs-no-such-device" "$T/refused.out" &&
    [ ! -d "$CFG/keep1" ] && [ ! -d "$CFG/fails1" ]; then
    case_pass dmc-load-via-dmfs-refused
else
    case_fail dmc-load-via-dmfs-refused "left $(ls "$CFG" | tr '\n' ' '); said: $(head -n 3 "$T/refused.out")"
fi
dmc remove --file "$T/stack.dm" >/dev/null 2>&1
if dmc remove --via dmfs --file "$T/stack2.dm" >"$T/remove.out" 2>&1 && [ ! -d "$CFG/upper" ] && [ ! -d "$CFG/lower" ]; then
    case_pass dmc-remove-via-dmfs
else
    case_fail dmc-remove-via-dmfs "$(tail -n 3 "$T/remove.out")"
fi

# --- busy rules --------------------------------------------------------------------------
phase "busy rules"
[ -b /dev/dmfs/linear ] && exec 3<"/dev/dmfs/linear"
rmdir "$CFG/linear" 2>"$T/rmdir.err"
rmdir_status=$?
echo 0 >"$CFG/linear/active" 2>"$T/inactive.err"
inactive_status=$?
exec 3<&-
if [ $rmdir_status -ne 0 ] && grep -qi busy "$T/rmdir.err" && [ $inactive_status -ne 0 ] && grep -qi busy "$T/inactive.err"; then
    case_pass rmdir-open-device-is-busy
else
    case_fail rmdir-open-device-is-busy "rmdir status $rmdir_status ($(cat "$T/rmdir.err")), active=0 status $inactive_status ($(cat "$T/inactive.err"))"
fi
if rmmod dmfs 2>/dev/null; then
    case_fail rmmod-with-devices-refused "rmmod succeeded with devices present"
    exit 1
else
    check rmmod-with-devices-refused grep -q '^dmfs ' /proc/modules
fi

# --- a 1,048,576-target table ------------------------------------------------------------
phase "a 1,048,576-target table"
remove_all_dmfs
dmsetup remove_all >/dev/null 2>&1
big=$(make_loop_pattern big 4096)
ln -sf "$big" /tmp/dmfs-big-dev
started=$(now)
mkdir "$CFG/big"
write_image big big.img
echo 1 >"$CFG/big/active" 2>/dev/null
loaded=$(now)
if [ -b /dev/dmfs/big ] && out=$($IO tags /dev/dmfs/big 3000 7 big 7919 4096); then
    case_pass "million-targets ($out)"
    # table is a binary attribute: even a million lines read back whole (the text is made
    # target by target, so a right last line means nothing was cut; one read keeps it fast).
    last=$(tail -n 1 "$CFG/big/table")
    if [ "$last" = "1048575 1 linear /tmp/dmfs-big-dev $((1048575 * 7919 % 4096))" ]; then
        case_pass million-target-table-reads-back
    else
        case_fail million-target-table-reads-back "last line '$last'"
    fi
else
    case_fail million-targets "$(cat "$CFG/big/error") ${out:-}"
fi
echo "1,048,576 targets ($(wc -c <big.img)-byte image made by prepare.sh): written, validated and activated in $(elapsed "$started" "$loaded") s" >>"$RESULTS/dmfs-times.txt"
dmfs_remove big
rm -f big.img # frees its memory (the payload lives in the initramfs)

# --- unload and the kernel log -----------------------------------------------------------
phase "unload and the kernel log"
remove_all_dmfs
check rmmod-after-removal rmmod dmfs
if kernel_log_since "$MARK" | grep -E 'BUG|Oops|WARNING|general protection|KASAN' >"$T/bad-log.txt"; then
    case_fail kernel-log-clean "$(head -n 3 "$T/bad-log.txt")"
else
    case_pass kernel-log-clean
fi
kernel_log_since "$MARK" >"$RESULTS/kmsg.txt"
cleanup_devices
phase end
summary
