#!/bin/sh
# dracut initqueue/settled hook of dmc: each time udev has settled, loads the tables of
# /etc/dmc whose underlying devices all exist, once, then those of /etc/dmc/dmfs with
# dmc load --via dmfs. Key files of /etc/dmc/keys are in the kernel keyring while it loads.
# When dmc refuses a table it prints dmc's diagnostic (file, line, reason) and opens the
# emergency shell.
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

# /etc/dmc/keys/NAME becomes the logon key "dmc:NAME" of root's user keyring, which dm-crypt
# finds when a table says :SIZE:logon:dmc:NAME; revoked after loading (dm-crypt keeps a copy).
dmc_key_ids=""
dmc_add_keys() {
  local key id
  for key in /etc/dmc/keys/*; do
    [ -f "$key" ] || continue
    id=$(keyctl padd logon "dmc:${key##*/}" @u < "$key") || return 1
    dmc_key_ids="$dmc_key_ids $id"
  done
}
dmc_revoke_keys() {
  local id
  for id in $dmc_key_ids; do
    keyctl revoke "$id" > /dev/null 2>&1
  done
  dmc_key_ids=""
}

# dmc_load_tables ROUTE TABLE...: 1 when a table's devices are not there yet (the next
# settle tries again) or dmc refused it (after the emergency shell).
dmc_load_tables() {
  local route=$1 table
  shift
  for table in "$@"; do
    [ -f "$table" ] || continue
    [ -e "/run/dmc/loaded-$route-${table##*/}" ] && continue
    [ -n "$(dmc_missing_devices "$table")" ] && return 1
    for module in $(dmc deps "$table" 2>/dev/null | sed -n 's/^module //p'); do
      modprobe -q "$module"
    done
    if [ "$route" = dmfs ]; then
      modprobe -q dmfs
      [ -d /sys/kernel/config/dmfs ] || mount -t configfs none /sys/kernel/config 2>/dev/null
    fi
    if ! dmc load --via "$route" --udev-timeout 10 "$table"; then
      echo "dmc: $table was not loaded; dmc's reason is above (file:line: error)."
      dmc_revoke_keys
      emergency_shell -n dmc "dmc: cannot load $table. Exit this shell to try again."
      return 1
    fi
    : > "/run/dmc/loaded-$route-${table##*/}"
  done
}

dmc_load_all() {
  if ! dmc_add_keys; then
    dmc_revoke_keys
    emergency_shell -n dmc "dmc: cannot add the keys of /etc/dmc/keys to the kernel keyring."
    return 1
  fi
  dmc_load_tables ioctl /etc/dmc/*.dm /etc/dmc/*.table &&
    dmc_load_tables dmfs /etc/dmc/dmfs/*.dm /etc/dmc/dmfs/*.table &&
    : > /run/dmc/loaded
  dmc_revoke_keys
}

dmc_load_all
