#!/usr/bin/env bash
# dmc verify (every check) against mawk and gawk doing only the gap/overlap check, on the same
# generated linear tables, in the same run: the machine is noisy, so only the ratio of medians
# measured side by side means anything. Tables: 10K, 100K and TARGETS lines where every target
# has its own sectors of one of 16 disks (bench/make_table.cc), and a warning-heavy table of
# TARGETS lines over 1000 disks where every target but each disk's first shares sectors with
# an earlier one (TARGETS - 1000 shared-sectors warnings, 200 shown: the default cap).
#   bench/verify_vs_awk.sh [BUILD_DIR] [TARGETS] [ROUNDS]     (use a Release build)
# SIZES="10000 100000 1000000 4000000" sets the clean tables' sizes (default: 10K, 100K and
# TARGETS); the two largest give the slope (time and memory per line). DMC_SARIF=0 leaves out
# the streamed-diagnostics case: `verify --format sarif --max-errors 0` on a warning-heavy table
# of 2 x TARGETS lines (2 x TARGETS - 1000 warnings, every one written), against plain `verify`
# (200 shown) of the same table, for peak RSS.
# DMC_BEFORE=/path/to/an/older/dmc adds that binary to every round, for before/after in one run.
# Each round runs the three tools one after the other, starting with a different one each
# round; every run is wrapped in /usr/bin/time for its peak RSS.
set -euo pipefail
build=${1:-build-rel}
targets=${2:-1000000}
rounds=${3:-7}
dmc="$build/cli/dmc"
make_table="$build/bench/dmc_make_table"
for tool in mawk gawk /usr/bin/time "$dmc" "$make_table"; do
  command -v "$tool" > /dev/null || { echo "verify_vs_awk: $tool is missing" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2016  # awk's program, not shell
# awk's whole job: each start must equal the previous start + length.
gap_check='/^[[:space:]]*(#|$)/ { next } $1 != expected { bad++ } { expected = $1 + $2 } END { print bad + 0 }'
command_of() {  # command_of TOOL TABLE: sets cmd
  case $1 in
    mawk | gawk) cmd=("$1" "$gap_check" "$2") ;;
    dmc) cmd=("$dmc" verify "$2") ;;
    before) cmd=("$DMC_BEFORE" verify "$2") ;;
    sarif) cmd=("$dmc" verify --format sarif --max-errors 0 "$2") ;;
  esac
}

# One run: prints "MILLISECONDS PEAK_KB". (dmc's exit status is checked once, before.)
measure() {
  local begin end cmd
  command_of "$1" "$2"
  begin=$(date +%s%N)
  /usr/bin/time -f %M -o "$work/rss" "${cmd[@]}" > /dev/null || true
  end=$(date +%s%N)
  echo "$(( (end - begin) / 1000000 )) $(tail -1 "$work/rss")"
}

median() { sort -n | awk 'NF { v[++n] = $1 } END { print v[int((n + 1) / 2)] }'; }

tools=(mawk gawk dmc)
[ -n "${DMC_BEFORE:-}" ] && tools+=(before)
declare -A ms rss raw
bench_table() {  # bench_table NAME TABLE: fills ms[NAME,tool], rss[NAME,tool] with medians
  local name=$1 table=$2 round i tool
  declare -A times kbs
  "$dmc" verify "$table" > /dev/null || true  # warm the page cache
  for ((round = 0; round < rounds; round++)); do
    for ((i = 0; i < ${#tools[@]}; i++)); do  # rotated, so drift hits all alike
      tool=${tools[(i + round) % ${#tools[@]}]}
      read -r t k < <(measure "$tool" "$table")
      times[$tool]+="$t "
      kbs[$tool]+="$k "
    done
  done
  for tool in "${tools[@]}"; do
    ms[$name,$tool]=$(tr ' ' '\n' <<< "${times[$tool]}" | median)
    rss[$name,$tool]=$(tr ' ' '\n' <<< "${kbs[$tool]}" | median)
    raw[$name,$tool]=${times[$tool]}
  done
}

report_row() {  # report_row NAME TABLE
  local name=$1 table=$2
  awk -v n="$name" -v mb="$(stat -c %s "$table")" -v m="${ms[$name,mawk]}" -v g="${ms[$name,gawk]}" \
      -v d="${ms[$name,dmc]}" -v rm="${rss[$name,mawk]}" -v rg="${rss[$name,gawk]}" -v rd="${rss[$name,dmc]}" \
      'BEGIN { if (d < 1) d = 1
               printf "%-14s %6.1f MB | %6d %6d %6d | %5.2fx %5.2fx | %5d %5d %5d MB (dmc %.2fx input)\n",
                      n, mb / 1e6, m, g, d, m / d, g / d, rm / 1024, rg / 1024, rd / 1024, rd * 1024 / mb }'
}

sizes=()
if [ -n "${SIZES:-}" ]; then
  read -r -a sizes <<< "$SIZES"
else
  for n in 10000 100000; do ((n < targets)) && sizes+=("$n"); done
  sizes+=("$targets")
fi
for n in "${sizes[@]}"; do
  "$make_table" "$n" 16 > "$work/clean-$n.table"
  out=$("$dmc" verify "$work/clean-$n.table" 2>&1) || true
  [ -z "$out" ] || { echo "verify_vs_awk: the clean table is not clean:" >&2; echo "$out" | head -5 >&2; exit 1; }
  bench_table "clean-$n" "$work/clean-$n.table"
done
"$make_table" "$targets" 1000 shared > "$work/shared.table"
summary=$("$dmc" verify "$work/shared.table" 2>&1 | tail -1)
bench_table shared "$work/shared.table"
if [ "${DMC_SARIF:-1}" != 0 ]; then
  # Every warning written: only dmc, whose output is the point (awk has nothing to compare).
  "$make_table" $((2 * targets)) 1000 shared > "$work/sarif.table"
  saved_tools=("${tools[@]}") saved_rounds=$rounds
  tools=(dmc sarif) rounds=${SARIF_ROUNDS:-1}  # 2 x TARGETS results of SARIF: gigabytes written
  bench_table sarif "$work/sarif.table"
  rounds=$saved_rounds
  sarif_results=$("$dmc" verify --format sarif --max-errors 0 "$work/sarif.table" | grep -c '"ruleId"' || true)
  tools=("${saved_tools[@]}")
fi

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds, medians"
echo "dmc verify of the warning-heavy table ends with: $summary"
echo "table            size     | mawk   gawk   dmc (ms) | dmc speed vs mawk, gawk | peak RSS mawk gawk dmc"
for n in "${sizes[@]}"; do report_row "clean-$n" "$work/clean-$n.table"; done
report_row shared "$work/shared.table"
if [ -n "${DMC_BEFORE:-}" ]; then
  echo "before ($DMC_BEFORE) against now, same rounds:"
  for name in "${sizes[@]/#/clean-}" shared; do
    awk -v n="$name" -v b="${ms[$name,before]}" -v d="${ms[$name,dmc]}" -v rb="${rss[$name,before]}" -v rd="${rss[$name,dmc]}" \
      'BEGIN { if (d < 1) d = 1; printf "%-14s before %6d ms %5d MB, now %6d ms %5d MB: %.2fx faster\n", n, b, rb / 1024, d, rd / 1024, b / d }'
  done
fi
if [ "${DMC_SARIF:-1}" != 0 ]; then
  awk -v mb="$(stat -c %s "$work/sarif.table")" -v n="$sarif_results" -v d="${ms[sarif,dmc]}" -v s="${ms[sarif,sarif]}" \
      -v rd="${rss[sarif,dmc]}" -v rs="${rss[sarif,sarif]}" \
    'BEGIN { printf "verify --format sarif --max-errors 0, %d results, table of %.1f MB: %d ms, peak RSS %d MB = %.2fx input (aim <= 2x); plain verify (200 shown): %d ms, %d MB\n", n, mb / 1e6, s, rs / 1024, rs * 1024 / mb, d, rd / 1024 }'
fi
if ((${#sizes[@]} >= 2)); then
  small=${sizes[${#sizes[@]} - 2]} large=${sizes[${#sizes[@]} - 1]}
  awk -v a="$small" -v b="$large" -v ta="${ms[clean-$small,dmc]}" -v tb="${ms[clean-$large,dmc]}" \
      -v ra="${rss[clean-$small,dmc]}" -v rb="${rss[clean-$large,dmc]}" -v ma="${ms[clean-$small,mawk]}" -v mb="${ms[clean-$large,mawk]}" \
    'BEGIN { printf "slope from %d to %d lines: dmc %.0f ns and %.1f bytes of peak RSS a line (mawk %.0f ns a line); time %.2fx and memory %.2fx for %.1fx the lines\n", a, b, (tb - ta) * 1e6 / (b - a), (rb - ra) * 1024 / (b - a), (mb - ma) * 1e6 / (b - a), tb / (ta > 0 ? ta : 1), rb / (ra > 0 ? ra : 1), b / a }'
fi
awk -v c="${ms[clean-$targets,dmc]}" -v w="${ms[shared,dmc]}" -v m="${ms[clean-$targets,mawk]}" \
  'BEGIN { if (c < 1) c = 1; printf "dmc verify: %.2fx mawk on the clean %s-line table (aim >= 5x); warning-heavy table costs %.2fx the clean one (aim <= 1.2x)\n", m / c, "'"$targets"'", w / c }'
echo "every run (ms), in round order:"
for name in "${sizes[@]/#/clean-}" shared; do
  for tool in "${tools[@]}"; do echo "  $name $tool: ${raw[$name,$tool]}"; done
done
if [ "${DMC_SARIF:-1}" != 0 ]; then
  for tool in dmc sarif; do echo "  sarif-case $tool: ${raw[sarif,$tool]}"; done
fi
