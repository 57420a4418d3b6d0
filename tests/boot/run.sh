#!/usr/bin/env bash
# The boot test: Debian's stock kernel under qemu (TCG) boots a real initramfs made by
# mkinitramfs (initramfs-tools) with dmc's installed hook and local-block script, and mounts
# a root file system that lives on a stack dmc loads from /etc/dmc inside the initramfs:
# striped across two virtio disks, crypt (aes-xts-plain64) on top, root=/dev/mapper/root.
#
#   tests/boot/run.sh BUILD_DIR
#
# Variants, one boot each, one PASS/FAIL line each, then "N passed, N failed":
#   root       the boot reaches the root file system's /sbin/init (its marker);
#   mistake    a table with a typing mistake: dmc's diagnostic with file and line is on the
#              console, and the initramfs shell prompt appears;
#   late-disk  the second disk is hot-added through the qemu monitor while the initramfs
#              waits: the wait works and the boot reaches the marker.
# The host's /etc/initramfs-tools is neither read nor changed (mkinitramfs -d). Keep the work
# folder with DMC_BOOT_KEEP=1; boot only some variants with DMC_BOOT_VARIANTS="root late-disk".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../kernel/host-lib.sh"

build_dir=$(realpath "${1:?usage: tests/boot/run.sh BUILD_DIR}")
[[ -x $build_dir/cli/dmc ]] || die "$build_dir/cli/dmc not found: build first"
require_command qemu-system-x86_64 qemu-system-x86
require_command mkinitramfs initramfs-tools
require_command mke2fs e2fsprogs
require_command busybox busybox-static
python3 -c 'import cryptography' 2>/dev/null || die "python3-cryptography missing; install it with: apt-get install python3-cryptography"
version=$(resolve_kernel_version)
boot_timeout=${DMC_BOOT_TIMEOUT:-240}  # a loaded 2-core machine boots about 3 times slower

work=$(mktemp -d "${TMPDIR:-/tmp}/dmc-boot.XXXXXX")
qemu_pid=""
cleanup() {
  [[ -n $qemu_pid ]] && kill "$qemu_pid" 2>/dev/null
  if [[ ${DMC_BOOT_KEEP:-0} = 1 ]]; then note "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

passed=0 failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# --- what the boots share -------------------------------------------------------------------

# dmc and its boot files as `cmake --install` puts them.
install_dmc() {
  cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
}

# The root file system: ext4 made with mke2fs -d, then encrypted and striped onto two disks.
make_disks() {
  local root=$work/rootfs key
  mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,run}
  cp "$(command -v busybox)" "$root/bin/busybox"
  install -m 0755 "$here/init.sh" "$root/sbin/init"
  echo "written on the host" > "$root/etc/dmc-boot-test"
  mke2fs -q -t ext4 -L dmc-root -d "$root" "$work/root.img" 12M
  key=$(grep -o '[0-9a-f]\{128\}' "$here/tables/root/root.dm")
  python3 "$here/make-disks.py" "$work/root.img" "$key" 64 "$work/vda.img" "$work/vdb.img"
}

# make_initramfs NAME TABLES_DIR: mkinitramfs with a private configuration holding dmc's
# installed hook and boot script, the tables of TABLES_DIR as the image's /etc/dmc.
make_initramfs() {
  local name=$1 tables=$2 conf=$work/conf-$1
  local share=$work/prefix/share/initramfs-tools
  cp -r "$here/initramfs-config" "$conf"
  mkdir -p "$conf/hooks" "$conf/scripts/local-block" "$conf/conf.d"
  cp "$share/hooks/dmc" "$conf/hooks/"
  cp "$share/scripts/local-block/dmc" "$conf/scripts/local-block/"
  # conf-hooks.d is read from /usr/share only; a private conf.d file has the same effect.
  cp "$share/conf-hooks.d/dmc" "$conf/conf.d/dmc"
  DMC_TABLES_DIR=$tables DMC_BINARY=$work/prefix/bin/dmc \
    mkinitramfs -d "$conf" -o "$work/initrd-$name.img" "$version" > "$work/mkinitramfs-$name.log" 2>&1 || {
    cat "$work/mkinitramfs-$name.log" >&2
    die "mkinitramfs failed for $name"
  }
  # The image holds the table's crypt key: root only (the conf hook's UMASK).
  [[ $(stat -c %a "$work/initrd-$name.img") = 600 ]] || die "initrd-$name.img is readable by others"
}

# start_vm NAME INITRD DISK...: boots in the background; the console goes to $work/NAME.log,
# the monitor listens on $work/NAME.monitor.
start_vm() {
  local name=$1 initrd=$2 drives=() disk
  shift 2
  for disk in "$@"; do
    cp "$work/$disk.img" "$work/$name-$disk.img"
    drives+=(-drive "file=$work/$name-$disk.img,if=virtio,format=raw")
  done
  : > "$work/$name.log"
  timeout "$boot_timeout" qemu-system-x86_64 -accel tcg -cpu max -m 512 -smp 1 \
    -display none -no-reboot -nic none -serial "file:$work/$name.log" \
    -monitor "unix:$work/$name.monitor,server,nowait" \
    -kernel "/boot/vmlinuz-$version" -initrd "$initrd" "${drives[@]}" \
    -append "console=ttyS0 root=/dev/mapper/root quiet loglevel=1" 2> "$work/$name.qemu.log" &
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

expected_stack='root-stripe\(vda vdb\) root\(dm-0\)'

boot_root() {
  start_vm root "$work/initrd-root.img" vda vdb
  local start=$SECONDS
  if wait_for root 'DMC-BOOT-ROOT-(OK|WRONG)' "$boot_timeout" && console root | grep -Eq "DMC-BOOT-ROOT-OK stack: $expected_stack"; then
    pass "root: striped + crypt stack loaded by dmc in the initramfs, /sbin/init reached ($((SECONDS - start)) s)"
  else
    fail "root: the boot did not reach /sbin/init on /dev/mapper/root"
    show_console root
  fi
  stop_vm
}

boot_mistake() {
  start_vm mistake "$work/initrd-mistake.img" vda vdb
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
  start_vm late "$work/initrd-root.img" vda
  local start=$SECONDS ok=0
  if wait_for late 'dmc: waiting .*/dev/vdb' "$boot_timeout"; then
    cp "$work/vdb.img" "$work/late-vdb.img"
    monitor late "drive_add 0 if=none,id=late,file=$work/late-vdb.img,format=raw"
    monitor late "device_add virtio-blk-pci,drive=late,id=late-disk"
    wait_for late 'DMC-BOOT-ROOT-(OK|WRONG)' "$boot_timeout" &&
      console late | grep -Eq "DMC-BOOT-ROOT-OK stack: $expected_stack" && ok=1
  fi
  if ((ok)); then
    pass "late-disk: the initramfs waited for /dev/vdb, hot-added later, and reached /sbin/init ($((SECONDS - start)) s)"
  else
    fail "late-disk: the wait for the hot-added /dev/vdb did not work"
    show_console late
  fi
  stop_vm
}

variants=${DMC_BOOT_VARIANTS:-root mistake late-disk}
t0=$SECONDS
install_dmc
make_disks
make_initramfs root "$here/tables/root"
[[ $variants == *mistake* ]] && make_initramfs mistake "$here/tables/mistake"
note "prepared in $((SECONDS - t0)) s (kernel $version)"
for variant in $variants; do
  case $variant in
    root) boot_root ;;
    mistake) boot_mistake ;;
    late-disk) boot_late_disk ;;
    *) die "unknown variant '$variant' in DMC_BOOT_VARIANTS" ;;
  esac
done
echo "$passed passed, $failed failed"
((failed == 0))
