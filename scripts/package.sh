#!/usr/bin/env bash
# The Debian packages, built and checked as an administrator would use them (docs/packaging.md).
#
#   package.sh build [OUT]     dpkg-buildpackage -b -us -uc, then lintian; the .debs, .changes
#                              and .buildinfo go to OUT (default packages/). The build folder
#                              stays in obj-<triplet>/ (CI runs the tests there).
#   package.sh install [OUT]   apt-get install OUT's dmc and dmc-dkms (as root), then check the
#                              installed files: dmc --version and verify, man pages, completion,
#                              boot files, and the dmfs module built by DKMS for every kernel
#                              that has its headers.
#   package.sh purge           apt-get purge both, and check that nothing of them is left.
#
# DEB_BUILD_OPTIONS and DEB_BUILD_PROFILES pass through (nocheck: see debian/rules). With
# CMAKE_CXX_COMPILER_LAUNCHER=ccache in the environment the build uses ccache.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "package.sh: $*" >&2; exit 1; }
step() { echo "package.sh: $*"; }

version=$(dpkg-parsechangelog -S Version)
cmake_version=$(sed -n 's/^project(dmc VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)

build_packages() {
  local out=$1 parent
  [[ $version == "$cmake_version" ]] ||
    die "debian/changelog says $version but CMakeLists.txt says $cmake_version: the dkms.conf and the package would disagree"
  # debhelper points HOME at a scratch folder; keep ccache's cache where it was.
  if [[ ${CMAKE_CXX_COMPILER_LAUNCHER:-} == *ccache* ]]; then
    export CCACHE_DIR=${CCACHE_DIR:-$(ccache -k cache_dir)}
    export CMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER:-$CMAKE_CXX_COMPILER_LAUNCHER}
  fi
  local jobs=()
  [[ ${DEB_BUILD_OPTIONS:-} == *parallel=* ]] || jobs=(-J"$(nproc)")
  dpkg-buildpackage -b -us -uc "${jobs[@]}"
  # dpkg-buildpackage writes next to the source tree; gather this build's files in $out.
  parent=$(dirname "$PWD")
  mkdir -p "$out"
  rm -f "$out"/dmc*_"$version"_*
  local file
  for file in $(awk '{ print $1 }' debian/files) "dmc_${version}_$(dpkg-architecture -qDEB_HOST_ARCH).changes"; do
    mv "$parent/$file" "$out/"
  done
  step "built: $(cd "$out" && echo *.deb)"
  step "lintian (fails on errors; warnings are listed in docs/packaging.md)"
  lintian --allow-root --fail-on error --info "$out"/dmc_"$version"_*.changes
}

# Kernels that DKMS can build for: those whose headers are installed.
kernels_with_headers() {
  local dir
  for dir in /lib/modules/*/; do
    if [[ -e $dir/build/Makefile ]]; then basename "$dir"; fi
  done
}

install_packages() {
  local out=$1 kernel example mistakes file
  [[ $(id -u) == 0 ]] || die "install needs root"
  step "installing $(cd "$out" && echo dmc_"$version"_*.deb dmc-dkms_"$version"_all.deb)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "$(realpath "$out"/dmc_"$version"_*.deb)" "$(realpath "$out/dmc-dkms_${version}_all.deb")"

  [[ $(/usr/bin/dmc --version) == *"$version"* ]] || die "dmc --version does not say $version"
  example=/usr/share/doc/dmc/examples/stacked.dm
  [[ -f $example ]] || die "$example is not installed"
  /usr/bin/dmc verify "$example" || die "dmc verify $example failed"
  mistakes=/usr/share/doc/dmc/examples/mistakes.table
  local status=0 diagnostics
  diagnostics=$(/usr/bin/dmc verify "$mistakes" 2>&1) || status=$?
  if [[ $status != 1 || $diagnostics != *"$mistakes:4:1: error: gap of 8 sectors"* ]]; then
    die "dmc verify $mistakes: exit $status, expected 1 and the gap at line 4: ${diagnostics:0:500}"
  fi
  step "dmc $version from /usr/bin: verify and compile of the installed examples work"
  /usr/bin/dmc compile "$example" > /dev/null || die "dmc compile $example failed"
  local page
  for page in 1/dmc 1/dmc-verify 1/dmc-load 5/dmc-tables 4/dmfs; do
    man -w "${page%/*}" "${page#*/}" > /dev/null || die "man page ${page#*/}(${page%/*}) is not installed"
  done
  MANWIDTH=80 man dmc-verify 2> /dev/null | grep -q -- '--format' || die "man dmc-verify does not render"
  bash -c 'source /usr/share/bash-completion/completions/dmc && complete -p dmc' > /dev/null ||
    die "the bash completion does not register"
  for file in /usr/share/initramfs-tools/hooks/dmc /usr/share/initramfs-tools/scripts/local-block/dmc \
      /usr/lib/dracut/modules.d/90dmc/module-setup.sh /lib/systemd/system-generators/dmc-generator; do
    [[ -x $file ]] || die "$file is not installed executable"
  done

  for kernel in $(kernels_with_headers); do
    dkms status -m dmfs -v "$version" -k "$kernel" | grep -q ': installed' ||
      die "DKMS did not install dmfs for $kernel: $(dkms status -m dmfs)"
    modinfo -k "$kernel" -F vermagic dmfs | grep -q "^$kernel " ||
      die "modinfo finds no dmfs module built for $kernel"
    step "dmfs $version built and installed by DKMS for $kernel: $(modinfo -k "$kernel" -n dmfs)"
  done
  step "installed packages checked"
}

purge_packages() {
  local left
  [[ $(id -u) == 0 ]] || die "purge needs root"
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -q dmc dmc-dkms
  left=$(ls -d /usr/bin/dmc /usr/src/dmfs-* /var/lib/dkms/dmfs /lib/modules/*/updates/dkms/dmfs.ko* \
    /usr/share/doc/dmc /usr/share/initramfs-tools/hooks/dmc /lib/systemd/system-generators/dmc-generator 2> /dev/null || true)
  [[ -z $left ]] || die "left behind after purge: $left"
  step "purged; nothing left behind"
}

case "${1:-}" in
  build) build_packages "${2:-packages}" ;;
  install) install_packages "${2:-packages}" ;;
  purge) purge_packages ;;
  *) echo "usage: package.sh build|install [OUT] | purge" >&2; exit 2 ;;
esac
