# shellcheck shell=bash
# Host-side helpers shared by build-initramfs.sh and run-vm.sh.
# Sourced, never executed. Requires bash.

# Print an error message prefixed with the calling script's name and exit 2.
die() {
    printf '%s: error: %s\n' "${0##*/}" "$*" >&2
    exit 2
}

# Print a progress/diagnostic message to stderr.
note() {
    printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# require_command COMMAND DEBIAN_PACKAGE
# Fail with an install hint when COMMAND is not available.
require_command() {
    local command_name=$1 package=$2
    command -v "$command_name" >/dev/null 2>&1 ||
        die "'$command_name' not found; install it with: apt-get install $package"
}

# Does kernel version $1 have a boot image and device-mapper as a module?
# (dm-mod.ko may be compressed on some kernels; build-initramfs.sh copes.)
kernel_has_dm_module() {
    local version=$1 module
    [[ -f /boot/vmlinuz-$version ]] || return 1
    for module in /lib/modules/"$version"/kernel/drivers/md/dm-mod.ko{,.xz,.zst,.gz}; do
        [[ -f $module ]] && return 0
    done
    return 1
}

# Print the kernel version the guest will boot.
# DMC_KERNEL_VERSION overrides; otherwise the newest /boot/vmlinuz-* whose
# module tree contains dm-mod.ko (possibly compressed).
resolve_kernel_version() {
    if [[ -n ${DMC_KERNEL_VERSION:-} ]]; then
        kernel_has_dm_module "$DMC_KERNEL_VERSION" ||
            die "DMC_KERNEL_VERSION=$DMC_KERNEL_VERSION: need /boot/vmlinuz-$DMC_KERNEL_VERSION and /lib/modules/$DMC_KERNEL_VERSION/kernel/drivers/md/dm-mod.ko"
        printf '%s\n' "$DMC_KERNEL_VERSION"
        return
    fi

    local image version newest=""
    # sort -V orders 6.1.0-9 before 6.1.0-10; the last usable one wins.
    while read -r image; do
        version=${image#/boot/vmlinuz-}
        kernel_has_dm_module "$version" && newest=$version
    done < <(compgen -G '/boot/vmlinuz-*' | sort -V)

    [[ -n $newest ]] ||
        die "no usable kernel: need /boot/vmlinuz-<ver> plus /lib/modules/<ver>/kernel/drivers/md/dm-mod.ko; install it with: apt-get install linux-image-amd64"
    printf '%s\n' "$newest"
}

# build_dmfs_module BUILD_DIR: builds dmfs.ko against the test kernel's headers in
# BUILD_DIR/kernel-tests/dmfs/module and prints its path. The kernel tests (dmfs/prepare.sh)
# and the boot test (tests/boot/run.sh) share this one build: sources are copied with their
# times, so a second call in the same CI run only relinks what changed (usually nothing).
build_dmfs_module() {
    local build repo version kdir work
    build=$(realpath "$1")
    repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    version=$(resolve_kernel_version)
    kdir=/lib/modules/$version/build
    [[ -d $kdir ]] || die "no kernel headers at $kdir; install them with: apt-get install linux-headers-$version"
    work=$build/kernel-tests/dmfs
    mkdir -p "$work/module"
    cp -p "$repo"/dmfs/*.c "$repo"/dmfs/*.h "$repo"/dmfs/Kbuild "$work/module/"
    if ! make -C "$kdir" M="$work/module" modules >"$work/module-build.log" 2>&1; then
        cat "$work/module-build.log" >&2
        die "building dmfs.ko against $version failed"
    fi
    grep -iE 'warning' "$work/module-build.log" >&2 || true
    printf '%s\n' "$work/module/dmfs.ko"
}
