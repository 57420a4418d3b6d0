#!/usr/bin/env bash
# stacked suite (host side): dmc's verdict on each case of cases.tsv, the crypt device over its
# dm-integrity device in one file, against the kernel's (kernel.tsv from the guest). A refusal
# must carry the kernel's own text.
# Usage: check.sh RESULTS_DIR BUILD_DIR
set -euo pipefail
results=$1
dmc=$2/cli/dmc
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
passed=0
failed=0
pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1: $2"; failed=$((failed + 1)); }

[[ -f $results/kernel.tsv ]] || { echo "FAIL: stacked/results: the guest wrote no kernel.tsv"; echo "0 passed, 1 failed"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# "a b c" -> "3 a b c": an optional group with its count.
group() {
    local -a words
    read -r -a words <<<"$1"
    echo "${#words[@]} $1"
}

while IFS=$'\t' read -r name tag cipher key_bytes options integrity_options; do
    [[ $name == '#'* || -z $name ]] && continue
    verdict=$(awk -F'\t' -v n="$name" '$1 == n { print $2 }' "$results/kernel.tsv")
    reason=$(awk -F'\t' -v n="$name" '$1 == n { print $3 }' "$results/kernel.tsv")
    [[ -n $verdict ]] || { fail "stacked/$name" "no kernel verdict"; continue; }
    key=$(printf '5a%.0s' $(seq "$key_bytes"))
    extra=0
    [[ $integrity_options != - ]] && extra=$(group "$integrity_options")
    printf 'device tags\n0 4096 integrity /dev/loop0 0 %s J %s\ndevice secure\n0 4096 crypt %s %s 0 @tags 0 %s\n' \
        "$tag" "$extra" "$cipher" "$key" "$(group "$options")" >"$work/$name.dm"
    out=$("$dmc" verify "$work/$name.dm" 2>&1) && dmc_verdict=accept || dmc_verdict=refuse
    if [[ $verdict != "$dmc_verdict" ]]; then
        fail "stacked/$name" "kernel: $verdict ($reason), dmc: $dmc_verdict: $(grep -m1 error: <<<"$out")"
    elif [[ $verdict == refuse && $out != *"crypt: ${reason%.}"* ]]; then
        fail "stacked/$name" "both refuse, but dmc does not say the kernel's '${reason%.}': $(grep -m1 error: <<<"$out")"
    else
        pass "stacked/$name"
    fi
done <"$here/cases.tsv"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
