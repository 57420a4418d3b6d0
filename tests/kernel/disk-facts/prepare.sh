#!/usr/bin/env bash
# disk-facts suite (host side): puts null_blk.ko and configfs.ko (not in the shared
# initramfs) into the suite's payload. The guest makes its 4Kn and zoned disks with them.
set -euo pipefail

PAYLOAD=$1
SUITE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../host-lib.sh
source "$SUITE_DIR/../host-lib.sh"

version=$(resolve_kernel_version)
# Debian 6.1 ships them uncompressed; null_blk depends on configfs only.
for module in fs/configfs/configfs drivers/block/null_blk/null_blk; do
    file=/lib/modules/$version/kernel/$module.ko
    [[ -f $file ]] || die "missing $file (linux-image-$version)"
    cp "$file" "$PAYLOAD/"
done
echo "disk-facts: $(find "$PAYLOAD/cases" -name '*.dmc' | wc -l) cases, null_blk of $version"
