#!/usr/bin/env bash
# The boot test: Debian's stock kernel under qemu (TCG) boots a real initramfs made by
# mkinitramfs (initramfs-tools) with dmc's installed hook and local-block script, and mounts
# a root file system that lives on a stack dmc loads from /etc/dmc inside the initramfs:
# striped across two virtio disks, crypt (aes-xts-plain64, its key from a key file added to
# the kernel keyring) on top, root=/dev/mapper/root.
#
#   tests/boot/run.sh BUILD_DIR
#
# Variants, one boot each, one PASS/FAIL line each, then "N passed, N failed":
#   root       the boot reaches the root file system's /sbin/init (its marker), and the key
#              is no longer usable in the keyring;
#   mistake    a table with a typing mistake: dmc's diagnostic with file and line is on the
#              console, and the initramfs shell prompt appears;
#   late-disk  the second disk is hot-added through the qemu monitor while the initramfs
#              waits: the wait works and the boot reaches the marker;
#   dmfs       root=/dev/dmfs/root, a striped device of the dmfs module (built here against
#              the kernel's headers) loaded with dmc load --via dmfs from /etc/dmc/dmfs;
#   dracut     the root variant's stack from an image made by dracut with dmc's 90dmc module
#              (dracut unpacked from Debian's dracut-core package, not installed: the
#              test machine's initramfs generator stays initramfs-tools).
# The host's /etc/initramfs-tools and /etc/dracut.conf* are neither read nor changed. Keep
# the work folder with DMC_BOOT_KEEP=1; boot only some variants with
# DMC_BOOT_VARIANTS="root late-disk".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../kernel/host-lib.sh"

build_dir=$(realpath "${1:?usage: tests/boot/run.sh BUILD_DIR}")
[[ -x $build_dir/cli/dmc ]] || die "$build_dir/cli/dmc not found: build first"
require_command qemu-system-x86_64 qemu-system-x86
require_command mkinitramfs initramfs-tools
require_command mke2fs e2fsprogs
require_command busybox busybox-static
require_command keyctl keyutils
python3 -c 'import cryptography' 2>/dev/null || die "python3-cryptography missing; install it with: apt-get install python3-cryptography"
version=$(resolve_kernel_version)
boot_timeout=${DMC_BOOT_TIMEOUT:-240}  # a loaded 2-core machine boots about 3 times slower

work=$(mktemp -d "${TMPDIR:-/tmp}/dmc-boot.XXXXXX")
qemu_pid=""
boot_pids=()  # the variants booting in the background (each stops its own VM when it ends)
cleanup() {
  ((${#boot_pids[@]} == 0)) || kill "${boot_pids[@]}" 2>/dev/null
  wait
  if [[ ${DMC_BOOT_KEEP:-0} = 1 ]]; then note "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }

# --- what the boots share -------------------------------------------------------------------

# dmc and its boot files as `cmake --install` puts them.
install_dmc() {
  cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
}

# The tables as /etc/dmc would hold them: a copy of tables/NAME, and for the crypt stack a
# new random key in keys/root (64 bytes: AES-256-XTS), readable by root only.
make_tables() {
  cp -r "$here/tables/root" "$here/tables/mistake" "$here/tables/dmfs" "$work/tables/"
  (umask 077 && mkdir "$work/tables/root/keys" && head -c 64 /dev/urandom > "$work/tables/root/keys/root")
}

# The root file system: ext4 made with mke2fs -d, then encrypted and striped onto two disks
# (vda, vdb), and striped unencrypted onto two others for dmfs (plain-vda, plain-vdb).
make_disks() {
  local root=$work/rootfs
  mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,run}
  cp "$(command -v busybox)" "$root/bin/busybox"
  install -m 0755 "$here/init.sh" "$root/sbin/init"
  echo "written on the host" > "$root/etc/dmc-boot-test"
  mke2fs -q -t ext4 -L dmc-root -d "$root" "$work/root.img" 12M
  python3 "$here/make-disks.py" "$work/root.img" "$work/tables/root/keys/root" 64 "$work/vda.img" "$work/vdb.img"
  python3 "$here/make-disks.py" "$work/root.img" plain 64 "$work/plain-vda.img" "$work/plain-vdb.img"
}

# make_initramfs NAME TABLES_DIR [DMFS_MODULE]: mkinitramfs with a private configuration
# holding dmc's installed hook and boot script, the tables of TABLES_DIR as the image's
# /etc/dmc (and the dmfs.ko given, which DKMS would otherwise have installed).
make_initramfs() {
  local name=$1 tables=$2 dmfs_module=${3:-} conf=$work/conf-$1
  local share=$work/prefix/share/initramfs-tools
  cp -r "$here/initramfs-config" "$conf"
  mkdir -p "$conf/hooks" "$conf/scripts/local-block" "$conf/conf.d"
  cp "$share/hooks/dmc" "$conf/hooks/"
  cp "$share/scripts/local-block/dmc" "$conf/scripts/local-block/"
  # conf-hooks.d is read from /usr/share only; a private conf.d file has the same effect.
  cp "$share/conf-hooks.d/dmc" "$conf/conf.d/dmc"
  DMC_TABLES_DIR=$tables DMC_BINARY=$work/prefix/bin/dmc DMC_DMFS_MODULE=$dmfs_module \
    mkinitramfs -d "$conf" -o "$work/initrd-$name.img" "$version" > "$work/mkinitramfs-$name.log" 2>&1 || {
    cat "$work/mkinitramfs-$name.log" >&2
    die "mkinitramfs failed for $name"
  }
  # The image holds the table's crypt key: root only (the conf hook's UMASK).
  [[ $(stat -c %a "$work/initrd-$name.img") = 600 ]] || die "initrd-$name.img is readable by others"
}

# dracut from Debian's dracut-core package, unpacked, never installed (Debian's "dracut"
# package conflicts with initramfs-tools; dracut-core alone would not, but the test leaves the
# host's boot tools as they are): scripts/install-deps.sh test keeps the .deb in $deb_cache.
# A host that has dracut installed uses its own. Sets dracut and dracut_modules.
deb_cache=${DMC_DEB_CACHE:-/var/cache/dmc-tests}
find_dracut() {
  if command -v dracut > /dev/null && [[ -d /usr/lib/dracut/modules.d ]]; then
    dracut=$(command -v dracut) dracut_modules=/usr/lib/dracut
    return
  fi
  local deb
  deb=$(compgen -G "$deb_cache/dracut-core_*.deb" | sort -V | tail -1) ||
    die "no dracut-core .deb in $deb_cache; get it with: scripts/install-deps.sh test"
  dpkg-deb -x "$deb" "$work/dracut-core"
  dracut=$work/dracut-core/usr/bin/dracut dracut_modules=$work/dracut-core/usr/lib/dracut
}

# make_dracut_image NAME TABLES_DIR: dracut with a private configuration
# (dracut-config/dmc-test.conf) and a private copy of its modules with dmc's installed 90dmc.
make_dracut_image() {
  local name=$1 tables=$2 base=$work/dracut-base
  find_dracut
  cp -r "$dracut_modules" "$base"
  cp -r "$work/prefix/lib/dracut/modules.d/90dmc" "$base/modules.d/"
  mkdir -p "$work/dracut-conf.d" "$work/dracut-tmp"
  dracutbasedir=$base DMC_TABLES_DIR=$tables DMC_BINARY=$work/prefix/bin/dmc \
    "$dracut" --conf "$here/dracut-config/dmc-test.conf" --confdir "$work/dracut-conf.d" \
    --tmpdir "$work/dracut-tmp" --force "$work/initrd-$name.img" "$version" > "$work/dracut-$name.log" 2>&1 || {
    cat "$work/dracut-$name.log" >&2
    die "dracut failed for $name"
  }
  grep -q "Including module: dmc" "$work/dracut-$name.log" || die "dracut did not include dmc's module (dracut-$name.log)"
  [[ $(stat -c %a "$work/initrd-$name.img") = 600 ]] || die "initrd-$name.img is readable by others"
}

# start_vm NAME INITRD ROOT DISK...: boots with root=ROOT in the background; the console goes
# to $work/NAME.log, the monitor listens on $work/NAME.monitor. DISK is vda, vdb, plain-vda...
start_vm() {
  local name=$1 initrd=$2 root=$3 drives=() disk
  shift 3
  for disk in "$@"; do
    cp "$work/$disk.img" "$work/$name-$disk.img"
    drives+=(-drive "file=$work/$name-$disk.img,if=virtio,format=raw")
  done
  : > "$work/$name.log"
  timeout "$boot_timeout" qemu-system-x86_64 -accel tcg -cpu max -m 512 -smp 1 \
    -display none -no-reboot -nic none -serial "file:$work/$name.log" \
    -monitor "unix:$work/$name.monitor,server,nowait" \
    -kernel "/boot/vmlinuz-$version" -initrd "$initrd" "${drives[@]}" \
    -append "console=ttyS0 root=$root quiet loglevel=1" 2> "$work/$name.qemu.log" &
  qemu_pid=$!
}

# The console of a boot as text: no carriage returns, no terminal escapes (dmc colours its
# diagnostics on the console, which is a terminal).
console() {
  tr -d '\r' < "$work/$1.log" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g'
}

# wait_for NAME PATTERN SECONDS: until the console shows PATTERN (grep -E) or the VM ends.
wait_for() {
  local name=$1 pattern=$2 deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    console "$name" | grep -Eq -- "$pattern" && return 0
    kill -0 "$qemu_pid" 2>/dev/null || { console "$name" | grep -Eq -- "$pattern"; return; }
    sleep 0.5
  done
  return 1
}

stop_vm() {
  kill "$qemu_pid" 2>/dev/null || true
  wait "$qemu_pid" 2>/dev/null || true
  qemu_pid=""
}

monitor() {  # monitor NAME COMMAND
  python3 - "$work/$1.monitor" "$2" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall((sys.argv[2] + "\n").encode())
time.sleep(0.5)
s.close()
PY
}

show_console() {  # the end of a failed boot's console, for the CI log
  echo "--- last console lines of $1 ---"
  console "$1" | grep -v '^\s*$' | tail -25
  echo "---"
}

# --- the variants ---------------------------------------------------------------------------

crypt_stack='root-stripe\(vda vdb\) root\(dm-0\)'

# reached NAME ROOT STACK: the boot's marker says it mounted ROOT, on the stack STACK (a grep
# -E pattern), and that no dmc key was left usable in the keyring.
reached() {
  wait_for "$1" 'DMC-BOOT-ROOT-(OK|WRONG)' "$boot_timeout" &&
    console "$1" | grep -Eq "DMC-BOOT-ROOT-OK root=$2 live-dmc-keys=0 stack: $3\$"
}

# boot_reaching NAME INITRD ROOT STACK WHAT DISK...: one boot that must reach /sbin/init on
# ROOT, with the stack STACK (a regular expression) seen from inside.
boot_reaching() {
  local name=$1 initrd=$2 root=$3 stack=$4 what=$5
  shift 5
  start_vm "$name" "$initrd" "$root" "$@"
  local start=$SECONDS
  if reached "$name" "$root" "$stack"; then
    pass "$name: $what, /sbin/init reached ($((SECONDS - start)) s)"
  else
    fail "$name: the boot did not reach /sbin/init on $root (or left a dmc key usable)"
    show_console "$name"
  fi
  stop_vm
}

boot_root() {
  boot_reaching root "$work/initrd-root.img" /dev/mapper/root "$crypt_stack" \
    "striped + crypt stack (key file added to the keyring) loaded by dmc in the initramfs" vda vdb
}

boot_mistake() {
  start_vm mistake "$work/initrd-mistake.img" /dev/mapper/root vda vdb
  local start=$SECONDS
  if wait_for mistake '\(initramfs\) ' "$boot_timeout" &&
     console mistake | grep -q "/etc/dmc/root.dm:5:[0-9]*: error: .*stripped" &&
     console mistake | grep -q "dmc: cannot load /etc/dmc/root.dm"; then
    pass "mistake: dmc's diagnostic at /etc/dmc/root.dm:5 and the initramfs shell ($((SECONDS - start)) s)"
  else
    fail "mistake: no diagnostic at its line, or no initramfs shell"
    show_console mistake
  fi
  stop_vm
}

boot_late_disk() {
  start_vm late "$work/initrd-root.img" /dev/mapper/root vda
  local start=$SECONDS ok=0
  if wait_for late 'dmc: waiting .*/dev/vdb' "$boot_timeout"; then
    cp "$work/vdb.img" "$work/late-vdb.img"
    monitor late "drive_add 0 if=none,id=late,file=$work/late-vdb.img,format=raw"
    monitor late "device_add virtio-blk-pci,drive=late,id=late-disk"
    reached late /dev/mapper/root "$crypt_stack" && ok=1
  fi
  if ((ok)); then
    pass "late-disk: the initramfs waited for /dev/vdb, hot-added later, and reached /sbin/init ($((SECONDS - start)) s)"
  else
    fail "late-disk: the wait for the hot-added /dev/vdb did not work"
    show_console late
  fi
  stop_vm
}

boot_dmfs() {
  boot_reaching dmfs "$work/initrd-dmfs.img" /dev/dmfs/root 'root\[dmfs\]\(0 24576 striped 2 64 /dev/vda 0 /dev/vdb 0\)' \
    "root=/dev/dmfs/root, striped by the dmfs module (dmc load --via dmfs)" plain-vda plain-vdb
}

boot_dracut() {
  boot_reaching dracut "$work/initrd-dracut.img" /dev/mapper/root "$crypt_stack" \
    "a dracut image with dmc's module loaded the striped + crypt stack" vda vdb
}

# make_dmfs_initramfs: the dmfs variant's image, with dmfs.ko built by the kernel tests'
# shared function (built once in a CI run: the kernel tests built it already).
make_dmfs_initramfs() {
  local dmfs_ko
  dmfs_ko=$(build_dmfs_module "$build_dir")
  make_initramfs dmfs "$work/tables/dmfs" "$dmfs_ko"
}

# The images the chosen variants boot, made side by side (each tool has its own folders).
make_images() {
  local pids=() pid
  if [[ $variants == *root* || $variants == *late-disk* ]]; then make_initramfs root "$work/tables/root" & pids+=($!); fi
  if [[ $variants == *mistake* ]]; then make_initramfs mistake "$work/tables/mistake" & pids+=($!); fi
  if [[ $variants == *dmfs* ]]; then make_dmfs_initramfs & pids+=($!); fi
  if [[ $variants == *dracut* ]]; then make_dracut_image dracut "$work/tables/root" & pids+=($!); fi
  for pid in "${pids[@]}"; do
    wait "$pid" || die "an initramfs could not be made (the error is above)"
  done
  check_image_contents
}

# The hook adds the dmfs module and keyctl only for the images whose tables ask for them.
check_image_contents() {
  local name files
  for name in root mistake dmfs; do
    [[ -f $work/initrd-$name.img ]] || continue
    files=$(lsinitramfs "$work/initrd-$name.img")
    case $name in
      root) grep -q '/dmfs\.ko$' <<< "$files" && die "initrd-root.img has dmfs.ko, which no table of it asks for"
            grep -q 'bin/keyctl$' <<< "$files" || die "initrd-root.img has no keyctl for its key file" ;;
      mistake) grep -q 'bin/keyctl$' <<< "$files" && die "initrd-mistake.img has keyctl but no key files" ;;
      dmfs) grep -q '/updates/dmfs\.ko$' <<< "$files" || die "initrd-dmfs.img has no dmfs.ko"
            grep -q '/configfs\.ko$' <<< "$files" || die "initrd-dmfs.img has no configfs.ko, which dmfs.ko needs" ;;
    esac
  done
  return 0
}

boot_variant() {
  case $1 in
    root) boot_root ;;
    mistake) boot_mistake ;;
    late-disk) boot_late_disk ;;
    dmfs) boot_dmfs ;;
    dracut) boot_dracut ;;
  esac
}

# Boots DMC_BOOT_JOBS variants at a time (the number of cores by default: each TCG guest
# keeps one core busy), each in its own shell that stops its VM when it ends; then prints
# each variant's PASS/FAIL line in the order asked for.
boot_all() {
  local jobs=${DMC_BOOT_JOBS:-$(nproc)} variant
  for variant in $variants; do
    while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
    (trap stop_vm EXIT; trap 'exit 1' TERM; boot_variant "$variant") > "$work/result-$variant" 2>&1 &
    boot_pids+=($!)
  done
  wait || true
  boot_pids=()
}

variants=${DMC_BOOT_VARIANTS:-dracut late-disk root dmfs mistake}
for variant in $variants; do
  [[ $variant =~ ^(root|mistake|late-disk|dmfs|dracut)$ ]] || die "unknown variant '$variant' in DMC_BOOT_VARIANTS"
done
t0=$SECONDS
install_dmc
mkdir -p "$work/tables"
make_tables
make_disks
make_images
note "prepared in $((SECONDS - t0)) s (kernel $version)"
boot_all
passed=0 failed=0
for variant in $variants; do
  cat "$work/result-$variant"
  if grep -q '^PASS: ' "$work/result-$variant"; then
    passed=$((passed + 1))
  else
    grep -q '^FAIL: ' "$work/result-$variant" || echo "FAIL: $variant: the boot ended without a result"
    failed=$((failed + 1))
  fi
done
note "preparing and booting took $((SECONDS - t0)) s"
echo "$passed passed, $failed failed"
((failed == 0))
