#!/usr/bin/env bash
# Builds every fuzz target with clang (libFuzzer + ASan + UBSan) and runs each for a bounded
# time. Fails on any crash, leak, sanitizer report, broken property, timeout or out-of-memory.
#
#   fuzz/run.sh SECONDS_PER_TARGET [BUILD_DIR] [TARGET...]
#
# BUILD_DIR defaults to build-fuzz (CI passes its clang sanitizer build, build-asan, configured
# with -DDMC_FUZZ=ON: the targets are then already built); with TARGETs only those run. Targets run two at a time
# (one per core, at most FUZZ_JOBS). The corpus each run grows stays in BUILD_DIR/fuzz-corpus,
# so later runs start from it; BUILD_DIR/fuzz-history.tsv records every run's time and
# executions (docs/robustness.md sums it). A finding is left in BUILD_DIR/fuzz-artifacts;
# copy it to fuzz/regressions/TARGET/ once fixed, so it is replayed by every run and by the
# unit tests. See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=${1:?usage: fuzz/run.sh SECONDS_PER_TARGET [BUILD_DIR] [TARGET...]}
build=${2:-build-fuzz}
shift $(( $# >= 2 ? 2 : 1 ))
case $build in /*) ;; *) build=$root/$build ;; esac

# --- tools: clang and the libFuzzer runtime (Debian 12: clang-14, libclang-rt-14-dev) ---------
have_fuzzer_runtime() {
  command -v clang++ > /dev/null &&
    echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
      clang++ -x c++ -fsanitize=fuzzer -o /dev/null - > /dev/null 2>&1
}
if ! have_fuzzer_runtime; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "fuzz: installing clang and the libFuzzer runtime"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev > /dev/null
  fi
  have_fuzzer_runtime || { echo "fuzz: clang with -fsanitize=fuzzer is needed (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
fi

# --- build ------------------------------------------------------------------------------------
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DDMC_FUZZ=ON -DDMC_BUILD_TESTS=OFF \
    -DDMC_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$build.configure.log" 2>&1 ||
    { cat "$build.configure.log"; exit 1; }
fi
cmake --build "$build" --target dmc_fuzz -j"$(nproc)"
bin=$build/fuzz

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for program in "$bin"/fuzz_*; do targets+=("${program##*/fuzz_}"); done
fi

# --- seed corpora: examples, test tables, fuzz/seeds, fuzz/regressions -------------------------
seeds=$build/fuzz-seeds
corpus=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
logs=$build/fuzz-logs
rm -rf "$seeds" "$logs"
mkdir -p "$seeds" "$corpus" "$artifacts" "$logs"
copy_seeds() {  # copy_seeds TARGET FILE_OR_DIR...
  local target=$1; shift
  mkdir -p "$seeds/$target"
  local source
  for source in "$@"; do
    [ -e "$source" ] || continue
    if [ -d "$source" ]; then
      find "$source" -maxdepth 1 -type f -exec cp {} "$seeds/$target/" \;
    else
      cp "$source" "$seeds/$target/"
    fi
  done
}
tables=("$root"/examples/*.table "$root"/tests/golden/*.table "$root"/fuzz/seeds/table)
multi=("$root"/examples/*.dm "$root"/tests/golden/*.dm "$root"/fuzz/seeds/devices)
copy_seeds table "${tables[@]}" "${multi[@]}" "$root/fuzz/regressions/table"
copy_seeds devices "${multi[@]}" "${tables[@]}" "$root/fuzz/regressions/devices"
copy_seeds image_lookup "$root/fuzz/seeds/image_lookup" "$root/fuzz/regressions/image_lookup"
copy_seeds concise "$root/fuzz/seeds/concise" "$root/fuzz/regressions/concise"
copy_seeds image "$root/fuzz/seeds/image" "$root/fuzz/regressions/image"
"$bin/dmc_fuzz_seed_images" "$seeds/image" "$seeds/table"/* "$seeds/devices"/* > /dev/null

dictionary() {
  case $1 in
    table | devices | concise) echo "-dict=$root/fuzz/dict/table.dict" ;;
    image | image_lookup) echo "-dict=$root/fuzz/dict/image.dict" ;;
  esac
}
max_len() {
  case $1 in
    image) echo 65536 ;;
    image_lookup) echo 512 ;;
    *) echo 8192 ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# --- replay the regressions, then fuzz ----------------------------------------------------------
failed=()
for target in "${targets[@]}"; do
  [ -x "$bin/fuzz_$target" ] || { echo "fuzz: no target '$target'" >&2; exit 2; }
  regressions=("$root/fuzz/regressions/$target"/*)
  [ -e "${regressions[0]}" ] || continue
  if ! "$bin/fuzz_$target" "${regressions[@]}" > "$logs/$target.replay.log" 2>&1; then
    echo "fuzz: $target: a regression input fails again:"; tail -n 40 "$logs/$target.replay.log"
    failed+=("$target(regression)")
  fi
done

run_target() {  # run_target TARGET: one bounded libFuzzer run; its exit code is the verdict
  local target=$1
  mkdir -p "$corpus/$target"
  # The outer timeout catches a hang libFuzzer itself could not stop.
  timeout -k 10 $((seconds + 120)) "$bin/fuzz_$target" "$corpus/$target" "$seeds/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -max_len="$(max_len "$target")" $(dictionary "$target") -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target-" > "$logs/$target.log" 2>&1
}

jobs=${FUZZ_JOBS:-$(nproc)}
[ "$jobs" -gt 2 ] && jobs=2
started=$(date +%s)
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  echo "fuzz: $target for ${seconds}s"
  { code=0; run_target "$target" || code=$?; echo "$code" > "$logs/$target.rc"; } &
done
wait

printf '%-14s %8s %10s %8s %7s  %s\n' target seconds execs cov corpus verdict
for target in "${targets[@]}"; do
  code=$(cat "$logs/$target.rc" 2>/dev/null || echo missing)
  log=$logs/$target.log
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || echo 0)
  units=$(find "$corpus/$target" -type f | wc -l)
  verdict=ok
  if [ "$code" != 0 ] || grep -qE '^(==[0-9]+==ERROR|SUMMARY: |==dmc-fuzz== PROPERTY)' "$log"; then
    verdict="FAILED (exit $code)"
    failed+=("$target")
  fi
  printf '%-14s %8s %10s %8s %7s  %s\n' "$target" "$seconds" "${execs:-0}" "${cov:-0}" "$units" "$verdict"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$seconds" "${execs:-0}" "$verdict" >> "$build/fuzz-history.tsv"
done
echo "fuzz: $(( $(date +%s) - started ))s of fuzzing in all"

if [ ${#failed[@]} -gt 0 ]; then
  for target in "${failed[@]}"; do
    target=${target%(regression)}
    echo; echo "=== fuzz_$target: last lines of $logs/$target.log ==="
    tail -n 60 "$logs/$target.log" 2>/dev/null || true
  done
  echo; echo "fuzz: FAILED: ${failed[*]}; inputs in $artifacts (reproduce: $bin/fuzz_TARGET FILE)" >&2
  exit 1
fi
echo "fuzz: all targets passed"
