#!/bin/sh
# stacked/run.sh — guest side: for each case of cases.tsv, a dm-integrity device on a fresh
# loop device and a crypt device over it; records the kernel's verdict on the crypt line and
# its reason (the device-mapper log line) in $DMC_SUITE_RESULTS/kernel.tsv for check.sh.
set -u
# shellcheck source=../lib.sh
. /payload/lib.sh

OUT=${DMC_SUITE_RESULTS:-/tmp/dmc-stacked}
mkdir -p "$OUT"
: >"$OUT/kernel.tsv"
TAB=$(printf '\t')

# A key of N bytes (hex); its value does not matter here.
key_of() {
    _key=""
    _i=0
    while [ "$_i" -lt "$1" ]; do
        _key="${_key}5a"
        _i=$((_i + 1))
    done
    echo "$_key"
}

# "a b c" -> "3 a b c": an optional group with its count.
group() {
    # shellcheck disable=SC2086 # split the options on purpose
    set -- $1
    echo "$# $*"
}

while IFS="$TAB" read -r name tag cipher key_bytes options integrity_options; do
    case $name in '#'* | '') continue ;; esac
    dev=$(make_loop "stacked-$name" 16384) || {
        case_fail "stacked/$name" "no loop device"
        continue
    }
    extra=0
    [ "$integrity_options" != - ] && extra=$(group "$integrity_options")
    if ! dm_create "st-$name-tags" "0 4096 integrity $dev 0 $tag J $extra"; then
        case_fail "stacked/$name" "integrity refused: $(cat "$DMC_DMSETUP_ERR")"
        continue
    fi
    mark=$(kernel_log_mark)
    if dm_create "st-$name" "0 4096 crypt $cipher $(key_of "$key_bytes") 0 /dev/mapper/st-$name-tags 0 $(group "$options")"; then
        printf '%s\taccept\t-\n' "$name" >>"$OUT/kernel.tsv"
        dm_remove "st-$name"
    else
        reason=$(dm_log_since "$mark" | sed -n 's/.*: crypt: \(.*\) (-[A-Z]*)$/\1/p' | head -n 1)
        printf '%s\trefuse\t%s\n' "$name" "${reason:-?}" >>"$OUT/kernel.tsv"
    fi
    dm_remove "st-$name-tags"
    case_pass "stacked/$name-loaded"
done <cases.tsv
summary
