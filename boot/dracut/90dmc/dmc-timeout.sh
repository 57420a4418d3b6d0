#!/bin/sh
# dracut initqueue/timeout hook of dmc: the devices dmc still waits for, before dracut gives up.
[ -e /run/dmc/loaded ] && return 0 2>/dev/null
for table in /etc/dmc/*.dm /etc/dmc/*.table /etc/dmc/dmfs/*.dm /etc/dmc/dmfs/*.table; do
  [ -f "$table" ] || continue
  for device in $(dmc deps "$table" 2>/dev/null | sed -n 's/^device //p'); do
    [ -b "$device" ] || [ -e "/sys/dev/block/$device" ] || echo "dmc: $table: still no $device" > /dev/console
  done
done
