#!/bin/busybox sh
# /sbin/init of the boot test's root file system: proves the initramfs mounted the root that
# dmc mapped, prints the marker with the device-mapper stack it sees, and powers off.
bb=/bin/busybox
# The initramfs moved its /proc, /sys and /run here; mount them only if it did not.
$bb mountpoint -q /proc || $bb mount -t proc proc /proc
$bb mountpoint -q /sys || $bb mount -t sysfs sysfs /sys
root=$($bb awk '$2 == "/" { print $1 " " $3 }' /proc/mounts)
content=$($bb cat /etc/dmc-boot-test 2>/dev/null)
# "name(lower devices)" for each device-mapper device, e.g. "root(dm-0) root-stripe(vda vdb)".
stack=""
for dm in /sys/block/dm-*; do
  [ -e "$dm/dm/name" ] || continue
  stack="$stack $($bb cat "$dm/dm/name")($($bb ls "$dm/slaves" | $bb tr '\n' ' ' | $bb sed 's/ $//'))"
done
if [ "$root" = "/dev/mapper/root ext4" ] && [ "$content" = "written on the host" ]; then
  echo "DMC-BOOT-ROOT-OK stack:$stack"
else
  echo "DMC-BOOT-ROOT-WRONG root='$root' content='$content' stack:$stack"
fi
$bb poweroff -f
