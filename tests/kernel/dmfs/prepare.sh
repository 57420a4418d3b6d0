#!/usr/bin/env bash
# dmfs suite (host side): builds the dmfs module against the test kernel's headers, the
# static I/O helper and the corrupt images, and puts them with configfs.ko and libcrc32c.ko
# (not in the shared initramfs) into the suite's payload.
set -euo pipefail

PAYLOAD=$1
BUILD=$2
SUITE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SUITE_DIR/../../.." && pwd)
# shellcheck source=../host-lib.sh
source "$SUITE_DIR/../host-lib.sh"

version=$(resolve_kernel_version)
work=$BUILD/kernel-tests/dmfs
dmfs_ko=$(build_dmfs_module "$BUILD")
cp "$dmfs_ko" "$PAYLOAD/"

# Modules the shared initramfs does not carry (Debian 6.1 ships them uncompressed).
for module in fs/configfs/configfs lib/libcrc32c; do
    file=/lib/modules/$version/kernel/$module.ko
    [[ -f $file ]] || die "missing $file (linux-image-$version)"
    cp "$file" "$PAYLOAD/"
done

gcc -static -O2 -Wall -o "$PAYLOAD/dmfs-io" "$SUITE_DIR/dmfs_io.c"
gcc -O2 -Wall -I"$REPO/dmfs" -o "$work/corrupt_images" "$SUITE_DIR/corrupt_images.c"
"$BUILD/cli/dmc" compile "$SUITE_DIR/corrupt-base.table" --emit image -o "$work/corrupt-base.img"
mkdir -p "$PAYLOAD/corrupt"
"$work/corrupt_images" "$work/corrupt-base.img" "$PAYLOAD/corrupt"
echo "dmfs: module built against $version; $(wc -l <"$PAYLOAD/corrupt/expected.txt") refusal images"

# The 1,048,576-target image, made here (native speed) rather than in the emulated guest;
# the guest points /tmp/dmfs-big-dev at a pattern loop device. Target i maps sector i to
# sector (i * 7919) % 4096, so reads prove the lookup found the right one of a million.
awk 'BEGIN { for (i = 0; i < 1048576; i++) printf "%d 1 linear /tmp/dmfs-big-dev %d\n", i, (i * 7919) % 4096 }' \
    >"$work/big.table"
"$BUILD/cli/dmc" compile "$work/big.table" --emit image --no-warn shared-sectors -o "$PAYLOAD/big.img"
rm -f "$work/big.table"
