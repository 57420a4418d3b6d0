#!/usr/bin/env bash
# prepare.sh PAYLOAD_SUBDIR BUILD_DIR — host side, before the VM boots (called by
# tests/kernel/run-all.sh). Formats a verity data and hash image with the host's veritysetup
# (package cryptsetup-bin; the guest has none) for the --host-devices superblock cases:
# verity-data.img (64 blocks of 4096 bytes), verity-hash.img (superblock at byte 0, hash
# tree from block 1), verity-salt.hex and verity-root.hex.
set -euo pipefail

die() {
    printf 'loader/prepare.sh: error: %s\n' "$*" >&2
    exit 2
}

[[ $# -eq 2 ]] || die "usage: prepare.sh PAYLOAD_SUBDIR BUILD_DIR"
payload=$1
[[ -d $payload ]] || die "payload directory not found: $payload"
veritysetup=$(command -v veritysetup || echo /usr/sbin/veritysetup)
[[ -x $veritysetup ]] || die "veritysetup not found; install it with: apt-get install cryptsetup-bin"

# A fixed salt and fixed data: the same images, and root digest, every run.
readonly salt=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
head -c 262144 /dev/zero | tr '\0' 'v' >"$payload/verity-data.img"
rm -f "$payload/verity-hash.img"
"$veritysetup" format --salt="$salt" --uuid=2f1f0c39-5c5b-4a4e-9c8e-1a2b3c4d5e6f \
    --root-hash-file="$payload/verity-root.hex" "$payload/verity-data.img" "$payload/verity-hash.img" >/dev/null
echo "$salt" >"$payload/verity-salt.hex"
