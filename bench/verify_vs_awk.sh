#!/usr/bin/env bash
# dmc verify (every check) against awk doing only the gap/overlap check, on the same
# generated 1M-line linear table, in the same run: the machine is noisy, so only the ratio
# of medians measured side by side means anything.
#   bench/verify_vs_awk.sh [BUILD_DIR] [TARGETS] [ROUNDS]
set -euo pipefail
build=${1:-build}
targets=${2:-1000000}
rounds=${3:-7}
dmc="$build/cli/dmc"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
table="$work/linear.table"
"$build/bench/dmc_make_table" "$targets" > "$table"

# awk's whole job: each start must equal the previous start + length.
awk_check() {
  awk '/^[[:space:]]*(#|$)/ { next } $1 != expected { bad++ } { expected = $1 + $2 } END { print bad + 0 }' "$1" > /dev/null
}
dmc_verify() { "$dmc" verify "$1" > /dev/null; }

milliseconds() {  # milliseconds COMMAND...: wall time of one run
  local begin end
  begin=$(date +%s%N)
  "$@"
  end=$(date +%s%N)
  echo $(( (end - begin) / 1000000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

dmc_verify "$table"  # warm the page cache for both
awk_times=() dmc_times=()
for _ in $(seq "$rounds"); do  # interleaved, so drift hits both alike
  awk_times+=("$(milliseconds awk_check "$table")")
  dmc_times+=("$(milliseconds dmc_verify "$table")")
done
awk_ms=$(printf '%s\n' "${awk_times[@]}" | median)
dmc_ms=$(printf '%s\n' "${dmc_times[@]}" | median)
peak_kb=$(/usr/bin/time -f %M "$dmc" verify "$table" 2>&1 >/dev/null | tail -1)
size_mb=$(( $(stat -c %s "$table") / 1000000 ))
echo "table: $targets linear targets, $size_mb MB; awk is $(readlink -f "$(command -v awk)")"
echo "awk gap check: median $awk_ms ms over $rounds runs (${awk_times[*]})"
echo "dmc verify:    median $dmc_ms ms over $rounds runs (${dmc_times[*]}), peak RSS $((peak_kb / 1024)) MB"
awk -v a="$awk_ms" -v d="$dmc_ms" 'BEGIN { printf "dmc verify is %.2fx the speed of awk (aim: 5x)\n", a / d }'
