#!/usr/bin/env bash
# loader suite (host side): reports the guest's timings of dmc load against dmsetup create of
# the same 10,000-target table (docs/performance.md keeps a measured run).
# Usage: check.sh RESULTS_DIR BUILD_DIR
set -euo pipefail
results=$1
passed=0
failed=0
if [[ -f $results/perf.txt ]]; then
    value() { awk -v k="$1" '$1 == k { print $2 }' "$results/perf.txt"; }
    echo "10,000 linear targets, guest under TCG (seconds):"
    printf '  %-16s %s\n' "dmc verify" "$(value dmc-verify)" "dmc load" "$(value dmc-load)" \
        "dmsetup create" "$(value dmsetup-create)" "dmc remove" "$(value dmc-remove)" \
        "dmsetup remove" "$(value dmsetup-remove)"
    echo "PASS: loader/perf-recorded"
    passed=1
else
    echo "FAIL: loader/perf-recorded: the guest wrote no perf.txt"
    failed=1
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
