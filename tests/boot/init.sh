#!/bin/busybox sh
# /sbin/init of the boot test's root file system: proves the initramfs mounted the root that
# dmc mapped (the kernel command line's root=), prints the marker with the stack it sees
# (device-mapper and dmfs devices) and how many dmc keys are still usable in the kernel
# keyring (the boot script revokes them), and powers off.
bb=/bin/busybox
# The initramfs moved its /proc and /sys here; mount them only if it did not.
[ -e /proc/mounts ] || $bb mount -t proc proc /proc
[ -d /sys/block ] || $bb mount -t sysfs sysfs /sys
want=$($bb tr ' ' '\n' < /proc/cmdline | $bb sed -n 's/^root=//p')
root=$($bb awk '$2 == "/" { print $1 " " $3 }' /proc/mounts)
content=$($bb cat /etc/dmc-boot-test 2>/dev/null)
# "name(lower devices)" for each device-mapper device, e.g. "root(dm-0) root-stripe(vda vdb)".
stack=""
for dm in /sys/block/dm-*; do
  [ -e "$dm/dm/name" ] || continue
  stack="$stack $($bb cat "$dm/dm/name")($($bb ls "$dm/slaves" | $bb tr '\n' ' ' | $bb sed 's/ $//'))"
done
# "name[dmfs](table)" for each dmfs device (configfs moved here with /sys).
for dmfs in /sys/kernel/config/dmfs/*; do
  [ -e "$dmfs/table" ] || continue
  stack="$stack ${dmfs##*/}[dmfs]($($bb cat "$dmfs/table" | $bb tr '\n' ';' | $bb sed 's/;$//'))"
done
# Keys in /proc/keys: "ID FLAGS ..."; the second flag is R once revoked.
keys=$($bb awk '$8 == "logon" && $9 ~ /^dmc:/ && substr($2, 2, 1) != "R"' /proc/keys 2>/dev/null | $bb wc -l)
if [ "$root" = "$want ext4" ] && [ "$content" = "written on the host" ]; then
  echo "DMC-BOOT-ROOT-OK root=$want live-dmc-keys=$keys stack:$stack"
else
  echo "DMC-BOOT-ROOT-WRONG root='$root' (root=$want) content='$content' stack:$stack"
fi
$bb poweroff -f
