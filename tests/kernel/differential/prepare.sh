#!/usr/bin/env bash
# prepare.sh PAYLOAD_SUBDIR BUILD_DIR — host side, before the VM boots (called by
# tests/kernel/run-all.sh). Compiles gen.cc with the host's g++ and writes one seed's
# tables and images into PAYLOAD_SUBDIR (see gen.cc for the files).
#
# DMC_DIFF_SEED: the seed (default: a fixed one, so CI runs are repeatable);
#                "random" picks a new one. The seed is printed either way.
set -euo pipefail

SUITE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SUITE_DIR
readonly DEFAULT_SEED=20261124

die() {
    printf 'differential/prepare.sh: error: %s\n' "$*" >&2
    exit 2
}

[[ $# -eq 2 ]] || die "usage: prepare.sh PAYLOAD_SUBDIR BUILD_DIR"
payload=$1
build=$2
[[ -d $payload ]] || die "payload directory not found: $payload"
[[ -d $build ]] || die "build directory not found: $build"
command -v g++ >/dev/null 2>&1 || die "'g++' not found; install it with: apt-get install g++"

seed=${DMC_DIFF_SEED:-$DEFAULT_SEED}
if [[ $seed == random ]]; then
    seed=$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')
fi
[[ $seed =~ ^[0-9]{1,19}$ ]] || die "DMC_DIFF_SEED must be a number or 'random', got '$seed'"

# The generator binary is cached in the build directory, keyed by the source and compiler.
cache=$build/kernel-tests/differential
mkdir -p "$cache"
key=$({ cat "$SUITE_DIR/gen.cc"; g++ --version | head -n 1; } | sha256sum | cut -c1-16)
generator=$cache/gen-$key
if [[ ! -x $generator ]]; then
    rm -f "$cache"/gen-*
    g++ -std=c++17 -O1 -Wall -Wextra -o "$generator.tmp" "$SUITE_DIR/gen.cc" ||
        die "compiling gen.cc failed"
    mv "$generator.tmp" "$generator"
fi

"$generator" "$seed" "$payload"
echo "differential: seed $seed (repeat with DMC_DIFF_SEED=$seed; DMC_DIFF_SEED=random for a new one)"
