#!/usr/bin/env bash
# Installs what dmc needs from Debian 12's packages, and only what is missing.
# Run as root. Nothing is downloaded at build time; nothing is vendored.
set -euo pipefail

BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  tao-pegtl-dev libcli11-dev libfmt-dev nlohmann-json3-dev libdevmapper-dev
  scdoc  # man pages (man/)
)
# python3-jsonschema and python3-rfc3987 validate SARIF logs against the OASIS schema (tests/sarif).
TEST_PACKAGES=(catch2 libbenchmark-dev jq time python3 python3-jsonschema python3-rfc3987
  pre-commit git  # tests/cli/pre_commit_hooks.sh: the hooks as users run them
  man-db groff-base  # tests/cli/man_pages.sh: man --warnings, lexgrog
  mawk gawk  # bench/verify_vs_awk.sh: the baselines dmc verify is timed against
  cryptsetup-bin)  # veritysetup: tests/cli/verity_superblock.sh formats real hash devices
# The Debian packages (debian/, scripts/package.sh): debhelper with dh-dkms builds them,
# lintian checks them, and installing dmc-dkms builds dmfs with DKMS.
PACKAGE_PACKAGES=(debhelper dh-dkms dkms lintian dpkg-dev)
# libFuzzer comes with clang (fuzz/run.sh).
FUZZ_PACKAGES=(clang libclang-rt-14-dev)
# The real kernel under qemu, for the tests that load tables (tests/kernel).
KERNEL_PACKAGES=(qemu-system-x86 linux-image-amd64 busybox-static cpio dmsetup kmod)
# The boot test (tests/boot): a real initramfs from initramfs-tools, an ext4 root made with
# mke2fs -d, encrypted on the host with python3-cryptography, its key added to the keyring
# with keyctl (keyutils); systemd-analyze checks the units; udev for dracut's image.
BOOT_PACKAGES=(initramfs-tools e2fsprogs python3 python3-cryptography systemd udev keyutils)
# The boot test also builds an image with dracut, from Debian's dracut-core package unpacked,
# not installed (the test machine's initramfs generator stays initramfs-tools; Debian's
# "dracut" package conflicts with it): the .deb is kept here.
DEB_CACHE=${DMC_DEB_CACHE:-/var/cache/dmc-tests}
DOWNLOADED_PACKAGES=(dracut-core)
# The dmfs module (dmfs/) is built against the exact version of every installed kernel image
# (tests/kernel boots the newest); known only once linux-image-amd64 is in, so asked after it.
kernel_header_packages() {
  dpkg-query -W -f='${Package} ${Status}\n' 'linux-image-[0-9]*' 2>/dev/null |
    awk '/install ok installed/ { sub(/^linux-image-/, "linux-headers-", $1); print $1 }'
}

missing_packages() {
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
  done
}

install_packages() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "install-deps: these packages are missing; run as root to install them:" $missing >&2
    exit 1
  fi
  echo "install-deps: installing" $missing
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing > /dev/null
}

# Debian packages the tests unpack rather than install: apt-get download, once.
download_packages() {
  local package
  for package in "$@"; do
    compgen -G "$DEB_CACHE/${package}_*.deb" > /dev/null && continue
    if [ "$(id -u)" != 0 ]; then
      echo "install-deps: $package's .deb is missing from $DEB_CACHE; run as root to download it" >&2
      exit 1
    fi
    echo "install-deps: downloading $package into $DEB_CACHE"
    mkdir -p "$DEB_CACHE"
    apt-get update -qq
    # apt's sandbox user may not write here; the file is only unpacked, never installed.
    (cd "$DEB_CACHE" && apt-get download -qq -o APT::Sandbox::User=root "$package")
  done
}

case "${1:-build}" in
  build) install_packages "${BUILD_PACKAGES[@]}" ;;
  package) install_packages "${BUILD_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}" ;;
  test)
    install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}" \
      "${KERNEL_PACKAGES[@]}" "${BOOT_PACKAGES[@]}"
    mapfile -t HEADER_PACKAGES < <(kernel_header_packages)
    install_packages "${HEADER_PACKAGES[@]}"
    download_packages "${DOWNLOADED_PACKAGES[@]}"
    ;;
  *) echo "usage: install-deps.sh [build|package|test]" >&2; exit 2 ;;
esac
