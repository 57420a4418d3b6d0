#!/usr/bin/env bash
# The first README command: install what is missing, build a release binary (stripped, in
# build-release/), and run dmc on bundled examples.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh build
./scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DDMC_BUILD_TESTS=OFF -DDMC_BUILD_BENCH=OFF
run() { echo; echo "\$ $*"; "$@" || echo "(exit code $?)"; }
run ./build-release/cli/dmc verify examples/mistakes.table
run ./build-release/cli/dmc verify examples/lvm-concat.table examples/raid0-striped.table examples/stacked.dm
run ./build-release/cli/dmc compile examples/stacked.dm
