#!/usr/bin/env bash
# Wall time and peak RSS of `dmc compile` (table to standard output), `dmc compile --emit image`
# (to a file) and `dmc fmt` (to standard output) on the clean linear table of TARGETS lines
# (bench/make_table.cc, 16 disks), with `mawk` doing the gap check and `cat` copying the file
# measured in the same rounds as the baseline that shows the load. Rounds rotate which runs
# first; medians, and the min-max spread of dmc's times.
#   bench/compile_fmt_vs_cat.sh [BUILD_DIR] [TARGETS] [ROUNDS]
# DMC_BEFORE=/path/to/an/older/dmc adds that binary's compile, image and fmt to every round.
set -euo pipefail
build=${1:-build-rel}
targets=${2:-1000000}
rounds=${3:-5}
dmc="$build/cli/dmc"
make_table="$build/bench/dmc_make_table"
for tool in mawk /usr/bin/time "$dmc" "$make_table"; do
  command -v "$tool" > /dev/null || { echo "compile_fmt_vs_cat: $tool is missing" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
table="$work/clean.table"
"$make_table" "$targets" 16 > "$table"

# shellcheck disable=SC2016  # awk's program, not shell
gap_check='/^[[:space:]]*(#|$)/ { next } $1 != expected { bad++ } { expected = $1 + $2 } END { print bad + 0 }'
command_of() {  # command_of CASE: sets cmd (output to /dev/null or a file in $work)
  case $1 in
    cat) cmd=(cat "$table") ;;
    mawk) cmd=(mawk "$gap_check" "$table") ;;
    compile) cmd=("$dmc" compile "$table") ;;
    image) cmd=("$dmc" compile --emit image -o "$work/out.img" "$table") ;;
    fmt) cmd=("$dmc" fmt "$table") ;;
    before-compile) cmd=("$DMC_BEFORE" compile "$table") ;;
    before-image) cmd=("$DMC_BEFORE" compile --emit image -o "$work/out.img" "$table") ;;
    before-fmt) cmd=("$DMC_BEFORE" fmt "$table") ;;
  esac
}

measure() {  # prints "MILLISECONDS PEAK_KB CPU_MILLISECONDS" (CPU: user + system)
  local begin end cmd
  command_of "$1"
  begin=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$work/rss" "${cmd[@]}" > /dev/null || { echo "compile_fmt_vs_cat: $1 failed" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(( (end - begin) / 1000000 )) $(tail -1 "$work/rss" | awk '{ printf "%d %d", $1, ($2 + $3) * 1000 }')"
}

median() { sort -n | awk 'NF { v[++n] = $1 } END { print v[int((n + 1) / 2)] }'; }
spread() { sort -n | awk 'NF { v[++n] = $1 } END { printf "%d-%d", v[1], v[n] }'; }

cases=(cat mawk compile image fmt)
[ -n "${DMC_BEFORE:-}" ] && cases+=(before-compile before-image before-fmt)
declare -A times kbs cpus
"$dmc" verify "$table" > /dev/null  # warm the page cache; the table must be clean
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 0; round < rounds; round++)); do
  for ((i = 0; i < ${#cases[@]}; i++)); do
    c=${cases[(i + round) % ${#cases[@]}]}
    read -r t k u < <(measure "$c")
    times[$c]+="$t "
    kbs[$c]+="$k "
    cpus[$c]+="$u "
  done
done
bytes=$(stat -c %s "$table")
echo "machine: $(nproc) cores, load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after; $rounds rounds"
echo "table: $targets lines, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')"
echo "case            wall ms: median (min-max)  CPU ms  peak RSS MB  x input  wall vs mawk"
mawk_ms=$(tr ' ' '\n' <<< "${times[mawk]}" | median)
for c in "${cases[@]}"; do
  t=$(tr ' ' '\n' <<< "${times[$c]}" | median)
  s=$(tr ' ' '\n' <<< "${times[$c]}" | spread)
  k=$(tr ' ' '\n' <<< "${kbs[$c]}" | median)
  u=$(tr ' ' '\n' <<< "${cpus[$c]}" | median)
  awk -v c="$c" -v t="$t" -v s="$s" -v k="$k" -v u="$u" -v b="$bytes" -v m="$mawk_ms" \
    'BEGIN { printf "%-15s %6d (%s)%*s %6d  %6d       %6.2fx   %5.2fx\n", c, t, s, 18 - length(s), "", u, k / 1024, k * 1024 / b, t / (m > 0 ? m : 1) }'
done
echo "every run (ms), in round order:"
for c in "${cases[@]}"; do echo "  $c: ${times[$c]}(CPU ${cpus[$c]})"; done
