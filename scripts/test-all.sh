#!/usr/bin/env bash
# The second README command (and what .ci/run calls): install what is missing, build the
# Debian packages (then install, check and purge them), and run every test: unit, golden and
# CLI tests; the same under ASan+UBSan; every fuzz target for a bounded time
# (DMC_FUZZ_SECONDS a target, default 40); and the tests that load tables into the real kernel
# under qemu, and the boot test (a Debian initramfs loads the root's stack).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh test

# Each section says how long the one before it took, and the end sums them up, so the CI's
# 30-minute budget can be watched stage by stage.
started=$(date +%s)
last=$started
timings=()
section() {
  local now; now=$(date +%s)
  [ -z "${current:-}" ] || timings+=("$(printf '%5ss  %s' $((now - last)) "$current")")
  current=$*; last=$now
  echo; echo "=== $* ==="
}

# The one full build is the Debian package build: Release, tests included, in debhelper's build
# folder; the packages go to packages/ and lintian checks them (scripts/package.sh). The tests
# and the kernel and boot suites below all use that build folder.
build=obj-$(dpkg-architecture -qDEB_HOST_GNU_TYPE)
section "build: the Debian packages (a Release build in $build/, then lintian)"
DEB_BUILD_OPTIONS=nocheck ./scripts/package.sh build packages
section "tests"
ctest --test-dir "$build" --output-on-failure -j2
section "the packages installed (apt, DKMS), checked, and purged"
./scripts/package.sh install packages
./scripts/package.sh purge

# One clang build serves the sanitizer tests and the fuzz targets (the library is compiled
# once, with ASan, UBSan and libFuzzer's coverage), instead of a gcc ASan build plus a fuzz build.
section "sanitizer and fuzz build (clang, ASan + UBSan + libFuzzer)"
CC=clang CXX=clang++ ./scripts/build.sh build-asan -DDMC_SANITIZE=ON -DDMC_FUZZ=ON -DDMC_BUILD_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=Debug
section "tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j2

section "fuzz targets (libFuzzer, ASan + UBSan), ${DMC_FUZZ_SECONDS:-40} s each"
fuzz/run.sh "${DMC_FUZZ_SECONDS:-40}" build-asan

section "real kernel tests (qemu)"
tests/kernel/run-all.sh "$build"
section "boot tests (qemu, a real initramfs made by mkinitramfs)"
tests/boot/run.sh "$build"
section "all tests passed"
echo "stage times:"; printf '%s\n' "${timings[@]}"
echo "total: $(( $(date +%s) - started ))s"
