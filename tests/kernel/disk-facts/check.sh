#!/usr/bin/env bash
# disk-facts suite (host side), after the VM: each case again with `dmc verify` at native
# speed, this time with the guest's disks declared by 'disk' lines (RESULTS_DIR/disks.dmc,
# made from the same sysfs facts --host-devices read in the guest) instead of read from the
# machine. dmc must agree with the kernel's verdict (RESULTS_DIR/kernel.tsv) as the case's
# first line describes it (see run.sh). Usage: check.sh RESULTS_DIR BUILD_DIR
set -uo pipefail

results=$1
dmc=$2/cli/dmc
cases=${DMC_SUITE_PAYLOAD:?the prepared payload}/cases
passed=0
failed=0

pass() { echo "PASS: disk-facts/$1"; passed=$((passed + 1)); }
fail() { echo "FAIL: disk-facts/$1: $2"; failed=$((failed + 1)); }

if [[ ! -s $results/disks.dmc || ! -f $results/kernel.tsv ]]; then
    fail declared "the guest sent no disks.dmc or kernel.tsv"
    echo "$passed passed, $failed failed"
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/dmc-disk-facts.XXXXXX")
trap 'rm -rf "$work"' EXIT

for file in "$cases"/*.dmc; do
    name=$(basename "$file" .dmc)
    expect=$(sed -n '1s/^# kernel: //p' "$file")
    kind=${expect%% *}
    text=""
    [[ $kind == accept ]] || text=${expect#* }
    kernel=$(awk -F'\t' -v c="$name" '$1 == c { print $2 }' "$results/kernel.tsv")
    cat "$results/disks.dmc" "$file" >"$work/declared.dmc"
    "$dmc" verify "$work/declared.dmc" >"$work/out" 2>&1
    status=$?
    first=$(grep -m1 'error' "$work/out")
    if [[ -z $kernel ]]; then
        fail "$name-declared" "no kernel verdict from the guest"
    elif [[ $kernel == accepted || $kind == refuse-unseen ]]; then
        if [[ $status == 0 ]]; then pass "$name-declared (kernel $kernel, dmc accepts)"
        else fail "$name-declared" "the kernel $kernel it, dmc refuses it: $first"; fi
    elif [[ $status != 1 ]]; then
        fail "$name-declared" "the kernel refused it, dmc exit status $status: $(tail -n 1 "$work/out")"
    elif ! grep -qF "$text" "$work/out"; then
        fail "$name-declared" "the kernel refused it with '$text', dmc with: $first"
    else
        pass "$name-declared (both refuse: $text)"
    fi
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
