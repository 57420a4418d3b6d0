#!/bin/sh
# dracut initqueue/settled hook of dmc: each time udev has settled, loads the tables of
# /etc/dmc whose underlying devices all exist, once. When dmc refuses a table it prints dmc's
# diagnostic (file, line, reason) and opens the emergency shell.
type warn > /dev/null 2>&1 || . /lib/dracut-lib.sh

[ -e /run/dmc/loaded ] && return 0 2>/dev/null
mkdir -p /run/dmc

device_present() {
  case "$1" in
    /*) [ -b "$1" ] ;;
    *:*) [ -e "/sys/dev/block/$1" ] ;;
    *) return 1 ;;
  esac
}

dmc_missing_devices() {
  dmc deps "$@" 2>/dev/null | sed -n 's/^device //p' | while read -r device; do
    device_present "$device" || echo "$device"
  done
}

dmc_load_all() {
  local table
  for table in /etc/dmc/*.dm /etc/dmc/*.table; do
    [ -f "$table" ] || continue
    [ -e "/run/dmc/loaded-${table##*/}" ] && continue
    [ -n "$(dmc_missing_devices "$table")" ] && return 1  # not yet: the next settle tries again
    for module in $(dmc deps "$table" 2>/dev/null | sed -n 's/^module //p'); do
      modprobe -q "$module"
    done
    if ! dmc load --udev-timeout 10 "$table"; then
      echo "dmc: $table was not loaded; dmc's reason is above (file:line: error)."
      emergency_shell -n dmc "dmc: cannot load $table. Exit this shell to try again."
      return 1
    fi
    : > "/run/dmc/loaded-${table##*/}"
  done
  : > /run/dmc/loaded
}

dmc_load_all
