#!/usr/bin/env bash
# build-initramfs.sh — build a busybox initramfs for dmc's real-kernel tests.
#
# Usage: build-initramfs.sh OUT.cpio.gz PAYLOAD_DIR [EXTRA_BINARY...]
#
# The image contains busybox (with applet symlinks), the device-mapper, loop,
# md-raid and crypto modules of the chosen kernel plus all their dependencies,
# dmsetup and every EXTRA_BINARY (with the shared libraries ldd names), and
# PAYLOAD_DIR copied to /payload. Its /init mounts the usual pseudo
# filesystems, loads the modules, prepares /dev/mapper/control and loop nodes,
# runs /payload/run.sh on the console, prints `DMC-VM-EXIT <status>` and powers
# the machine off.
#
# OUT ending in .gz is gzip-compressed; any other name gives a plain cpio.
# The kernel is the newest /boot/vmlinuz-* with a matching dm-mod.ko, or
# $DMC_KERNEL_VERSION.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR
# shellcheck source=host-lib.sh
source "$SCRIPT_DIR/host-lib.sh"

# Modules the guest must have. Their hard dependencies are added
# automatically; their soft dependencies are added as optional.
readonly REQUIRED_MODULES=(
    loop
    dm-mod dm-zero dm-crypt dm-delay dm-flakey dm-snapshot dm-verity
    dm-thin-pool dm-unstripe dm-mirror dm-raid dm-cache dm-cache-smq dm-era
    dm-switch dm-log-writes dm-integrity dm-writecache dm-multipath dm-zoned
    # Multipath path selectors (round-robin, queue-length, service-time).
    dm-round-robin dm-queue-length dm-service-time
    # md personalities dm-raid asks for on demand (raid456 is a hard dep).
    raid0 raid1 raid10
)

# Crypto pieces dm-crypt (aes-xts-plain64, aes-cbc-essiv:sha256), dm-verity
# (sha256), dm-integrity (crc32c, hmac), the differential suite's twofish key
# sizes, the stacked suite's AEADs (gcm with ctr and ghash, authenc) and friends need. Each is
# "CONFIG_SYMBOL:module"; the module is included only when the kernel config
# says =m (built-in ones need nothing, absent ones cannot be had).
readonly CRYPTO_CONFIG_MODULES=(
    CONFIG_CRYPTO_AES:aes_generic
    CONFIG_CRYPTO_XTS:xts
    CONFIG_CRYPTO_ECB:ecb
    CONFIG_CRYPTO_CBC:cbc
    CONFIG_CRYPTO_ESSIV:essiv
    CONFIG_CRYPTO_SHA256:sha256_generic
    CONFIG_CRYPTO_SHA512:sha512_generic
    CONFIG_CRYPTO_CRC32C:crc32c_generic
    CONFIG_CRYPTO_HMAC:hmac
    CONFIG_CRYPTO_TWOFISH:twofish_generic
    CONFIG_CRYPTO_GCM:gcm
    CONFIG_CRYPTO_AUTHENC:authenc
    CONFIG_CRYPTO_GHASH:ghash-generic
    CONFIG_CRYPTO_CTR:ctr
    CONFIG_CRYPTO_GF128MUL:gf128mul
)

KERNEL_VERSION=""
STAGE=""
# Module names (file base names) in load order: dependencies first.
MODULE_ORDER=()
# Module name -> path relative to /lib/modules/<ver>.
declare -A MODULE_PATH=()
# Module name -> "required" | "optional". Optional modules (soft dependencies
# and what they need) may fail to load; required ones may not.
declare -A MODULE_KIND=()

usage() {
    echo "usage: ${0##*/} OUT.cpio.gz PAYLOAD_DIR [EXTRA_BINARY...]" >&2
    exit 2
}

check_host_tools() {
    require_command busybox busybox-static
    require_command dmsetup dmsetup
    require_command cpio cpio
    require_command modinfo kmod
    require_command depmod kmod
    require_command ldd libc-bin
    require_command gzip gzip
}

# ---------------------------------------------------------------------------
# Kernel modules

# Print the .ko file(s) for a module name or alias; nothing if the module is
# built in or unknown.
module_files() {
    local name=$1 file
    while read -r file; do
        [[ $file == /* ]] && printf '%s\n' "$file"
    done < <(modinfo -k "$KERNEL_VERSION" -F filename "$name" 2>/dev/null || true)
}

# Print the soft dependencies of a module file ("pre:" and "post:" lists).
module_soft_dependencies() {
    local word
    for word in $(modinfo -k "$KERNEL_VERSION" -F softdep "$1"); do
        [[ $word == *: ]] || printf '%s\n' "$word"
    done
}

# add_module NAME required|optional
# Append the module (by name or alias) to MODULE_ORDER after everything
# it depends on. A required module that cannot be found aborts the build.
add_module() {
    local name=$1 kind=$2 files file
    files=$(module_files "$name")
    if [[ -z $files ]]; then
        [[ $kind == optional ]] && return 0
        die "kernel $KERNEL_VERSION has no loadable module '$name' (is it built in? check /boot/config-$KERNEL_VERSION)"
    fi
    while read -r file; do
        add_module_file "$file" "$kind"
    done <<<"$files"
}

# add_module_file PATH required|optional — depth-first, dependencies first.
add_module_file() {
    local file=$1 kind=$2 key dependency hard_dependencies
    key=$(basename "$file")
    key=${key%%.ko*}
    if [[ -n ${MODULE_KIND[$key]:-} ]]; then
        # Seen before; a required request upgrades an optional module, and
        # its dependencies with it.
        [[ $kind == required && ${MODULE_KIND[$key]} == optional ]] || return 0
    fi
    MODULE_KIND[$key]=$kind

    hard_dependencies=$(modinfo -k "$KERNEL_VERSION" -F depends "$file")
    for dependency in ${hard_dependencies//,/ }; do
        add_module "$dependency" "$kind"
    done
    # Soft dependencies (e.g. xts -> ecb, libcrc32c -> crc32c) are loaded by
    # modprobe on real systems; we load them too but tolerate failure, since
    # an alias can name CPU-specific drivers.
    for dependency in $(module_soft_dependencies "$file"); do
        add_module "$dependency" optional
    done

    if [[ -z ${MODULE_PATH[$key]:-} ]]; then
        MODULE_PATH[$key]=${file#/lib/modules/"$KERNEL_VERSION"/}
        MODULE_ORDER+=("$key")
    fi
}

# Print the crypto modules this kernel needs as modules (config says =m).
modular_crypto_modules() {
    local config=/boot/config-$KERNEL_VERSION entry symbol
    [[ -f $config ]] || die "missing $config (part of the linux-image package)"
    for entry in "${CRYPTO_CONFIG_MODULES[@]}"; do
        symbol=${entry%%:*}
        grep -qx "$symbol=m" "$config" && printf '%s\n' "${entry#*:}"
    done
    return 0
}

resolve_module_load_list() {
    local module
    for module in "${REQUIRED_MODULES[@]}" $(modular_crypto_modules); do
        add_module "$module" required
    done
}

# Copy one module into the image, decompressing it if the distribution ships
# it compressed (busybox insmod wants a plain .ko).
install_module_file() {
    local relative=$1 source target
    source=/lib/modules/$KERNEL_VERSION/$relative
    target=$STAGE/lib/modules/$KERNEL_VERSION/${relative%.ko*}.ko
    mkdir -p "$(dirname "$target")"
    case $source in
        *.ko) cp "$source" "$target" ;;
        *.ko.xz) require_command xz xz-utils; xz -dc "$source" >"$target" ;;
        *.ko.zst) require_command zstd zstd; zstd -qdc "$source" >"$target" ;;
        *.ko.gz) gzip -dc "$source" >"$target" ;;
        *) die "unknown module file type: $source" ;;
    esac
}

# Install modules plus a modules.dep (so busybox modprobe also works in the
# guest) and /etc/dmc/modules.list, the ordered list /init loads: one
# "relative/path.ko required|optional" per line.
install_modules() {
    local key relative module_dir=$STAGE/lib/modules/$KERNEL_VERSION
    mkdir -p "$module_dir" "$STAGE/etc/dmc"
    : >"$STAGE/etc/dmc/modules.list"
    for key in "${MODULE_ORDER[@]}"; do
        relative=${MODULE_PATH[$key]}
        install_module_file "$relative"
        printf '%s %s\n' "${relative%.ko*}.ko" "${MODULE_KIND[$key]}" >>"$STAGE/etc/dmc/modules.list"
    done
    local extra
    for extra in modules.builtin modules.builtin.modinfo modules.order; do
        [[ -f /lib/modules/$KERNEL_VERSION/$extra ]] &&
            cp "/lib/modules/$KERNEL_VERSION/$extra" "$module_dir/"
    done
    depmod -b "$STAGE" "$KERNEL_VERSION" ||
        die "depmod failed on the staged module tree"
    printf '%s\n' "$KERNEL_VERSION" >"$STAGE/etc/dmc/kernel-version"
}

# ---------------------------------------------------------------------------
# Programs

# Print the absolute paths of the shared libraries (and dynamic loader) a
# binary needs; nothing for a static binary.
shared_libraries_of() {
    local binary=$1 output
    if ! output=$(ldd "$binary" 2>&1); then
        # ldd exits non-zero for static binaries; anything else is an error.
        [[ $output == *"not a dynamic executable"* || $output == *"statically linked"* ]] ||
            die "ldd $binary failed: $output"
        return 0
    fi
    if [[ $output == *"not found"* ]]; then
        die "$binary needs libraries that are missing on this host:"$'\n'"$output"
    fi
    # Keep every absolute path: "libx.so => /path (0x..)" and "/lib64/ld... (0x..)".
    grep -o '/[^ ]*' <<<"$output" | sort -u
}

# Copy a file to the same absolute path inside the image, following symlinks.
install_at_same_path() {
    local source=$1
    mkdir -p "$STAGE$(dirname "$source")"
    cp -L "$source" "$STAGE$source"
}

# install_program SOURCE TARGET_IN_IMAGE — a binary plus its libraries.
install_program() {
    local source=$1 target=$2 library
    [[ -f $source && -x $source ]] || die "not an executable file: $source"
    mkdir -p "$STAGE$(dirname "$target")"
    cp -L "$source" "$STAGE$target"
    while read -r library; do
        [[ -n $library ]] && install_at_same_path "$library"
    done < <(shared_libraries_of "$source")
}

install_busybox() {
    local busybox applet
    busybox=$(command -v busybox)
    install_program "$busybox" /bin/busybox
    while read -r applet; do
        # linuxrc would be a second init; /init is ours.
        [[ -z $applet || $applet == linuxrc || $applet == bin/busybox ]] && continue
        mkdir -p "$STAGE/$(dirname "$applet")"
        ln -sf /bin/busybox "$STAGE/$applet"
    done < <("$STAGE/bin/busybox" --list-full)
}

# Extra binaries go to /usr/local/bin, which is first in the guest's PATH.
install_extra_binaries() {
    local binary path name
    declare -A seen=()
    for binary in "$@"; do
        path=$binary
        [[ $path == */* ]] || path=$(command -v "$binary") ||
            die "extra binary '$binary' not found in PATH"
        name=$(basename "$path")
        [[ -z ${seen[$name]:-} ]] || die "two extra binaries are named '$name'"
        seen[$name]=1
        install_program "$path" "/usr/local/bin/$name"
    done
}

# Make the dynamic loader find libraries wherever ldd found them.
write_loader_cache() {
    local directories
    directories=$(cd "$STAGE" && find . -type f \( -name '*.so' -o -name '*.so.[0-9]*' \) -printf '%h\n' |
        sed 's#^\.##' | sort -u)
    printf '%s\n' "$directories" >"$STAGE/etc/ld.so.conf"
    ldconfig -r "$STAGE" 2>/dev/null || note "ldconfig -r failed; relying on the loader's default paths"
}

install_payload() {
    local payload=$1
    [[ -d $payload ]] || die "payload directory not found: $payload"
    [[ -f $payload/run.sh ]] || die "payload has no run.sh: $payload/run.sh"
    mkdir -p "$STAGE/payload"
    cp -a "$payload/." "$STAGE/payload/"
    chmod +x "$STAGE/payload/run.sh"
}

# ---------------------------------------------------------------------------
# /init

write_init() {
    cat >"$STAGE/init" <<'INIT'
#!/bin/sh
# /init of the dmc test VM (generated by tests/kernel/build-initramfs.sh).
# It must never exit: PID 1 exiting panics the kernel.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TMPDIR=/tmp
# No udev here: let libdevmapper create /dev/mapper nodes itself.
export DM_DISABLE_UDEV=1

say() { echo "dmc-init: $*"; }

# Report a setup problem on the console and in /run/dmc-init-errors, which
# payloads may check.
init_error() {
    say "ERROR: $*"
    echo "$*" >>/run/dmc-init-errors
}

mount_filesystems() {
    mkdir -p /proc /sys /dev /tmp /run /root
    mount -t proc proc /proc
    mount -t sysfs sysfs /sys
    mount -t devtmpfs devtmpfs /dev
    mkdir -p /dev/shm /dev/pts /dev/mapper
    mount -t tmpfs -o mode=1777 tmpfs /dev/shm
    mount -t tmpfs -o mode=1777 tmpfs /tmp
    mount -t tmpfs -o mode=0755 tmpfs /run
}

# Keep kernel messages off the console but readable with dmesg, and let
# tests write unlimited markers to /dev/kmsg.
quiet_kernel_console() {
    dmesg -n 1
    echo on >/proc/sys/kernel/printk_devkmsg 2>/dev/null || true
}

load_modules() {
    version=$(cat /etc/dmc/kernel-version)
    while read -r module kind; do
        [ -n "$module" ] || continue
        name=${module##*/}
        name=${name%.ko}
        # Skip anything already present (e.g. pulled in by the kernel).
        [ -d "/sys/module/$(echo "$name" | tr - _)" ] && continue
        if ! output=$(insmod "/lib/modules/$version/$module" 2>&1); then
            if [ "$kind" = required ]; then
                init_error "insmod $module failed: $output"
            else
                echo "optional module $module not loaded: $output" >>/run/dmc-optional-modules.log
            fi
        fi
    done </etc/dmc/modules.list
}

# make_node_from_sysfs SYSFS_DEV_FILE NODE TYPE(b|c)
make_node_from_sysfs() {
    [ -e "$2" ] && return 0
    [ -r "$1" ] || return 1
    numbers=$(cat "$1")
    mkdir -p "$(dirname "$2")"
    mknod "$2" "$3" "${numbers%%:*}" "${numbers##*:}"
}

ensure_device_nodes() {
    make_node_from_sysfs /sys/class/misc/device-mapper/dev /dev/mapper/control c ||
        init_error "device-mapper is not available (no /sys/class/misc/device-mapper)"
    make_node_from_sysfs /sys/class/misc/loop-control/dev /dev/loop-control c || true
    for block in /sys/block/loop*; do
        [ -e "$block/dev" ] && make_node_from_sysfs "$block/dev" "/dev/${block##*/}" b
    done
}

run_payload() {
    read -r uptime _ </proc/uptime
    echo "DMC-VM-START uptime=$uptime"
    cd /payload && ./run.sh </dev/null
    status=$?
    cd /
    # Start the marker on a fresh line even if the payload left one open.
    echo
    echo "DMC-VM-EXIT $status"
}

mount_filesystems
quiet_kernel_console
load_modules
ensure_device_nodes
run_payload
sync
poweroff -f
# poweroff -f should not return; if it does, ask the kernel directly.
echo o >/proc/sysrq-trigger
sleep 30
INIT
    chmod 755 "$STAGE/init"
}

# ---------------------------------------------------------------------------
# Packing

# Write the staged tree as a newc cpio, owned by root, in a stable order.
pack_image() {
    local out=$1 temporary=$1.tmp
    (
        cd "$STAGE"
        find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort |
            cpio --quiet -o -H newc -R 0:0 --reproducible
    ) >"$temporary.cpio"
    case $out in
        *.gz) gzip -1 -n <"$temporary.cpio" >"$temporary" && rm -f "$temporary.cpio" ;;
        *) mv "$temporary.cpio" "$temporary" ;;
    esac
    mv "$temporary" "$out"
}

main() {
    [[ $# -ge 2 ]] || usage
    local out=$1 payload=$2
    shift 2
    [[ -f $payload/run.sh ]] || die "payload has no run.sh: $payload/run.sh"
    check_host_tools
    KERNEL_VERSION=$(resolve_kernel_version)

    STAGE=$(mktemp -d "${TMPDIR:-/tmp}/dmc-initramfs.XXXXXX")
    trap 'rm -rf "$STAGE"' EXIT
    mkdir -p "$STAGE"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,lib,proc,sys,dev,tmp,run,root}

    install_busybox
    resolve_module_load_list
    install_modules
    install_program "$(command -v dmsetup)" /sbin/dmsetup
    install_extra_binaries "$@"
    write_loader_cache
    install_payload "$payload"
    write_init
    pack_image "$out"
}

main "$@"
