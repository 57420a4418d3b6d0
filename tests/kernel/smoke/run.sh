#!/bin/sh
# Smoke payload: proves the VM harness works end to end against the real
# device-mapper of the guest kernel. Runs inside the VM (busybox sh).
set -u
# shellcheck source=../lib.sh
. /payload/lib.sh

# Targets every guest must offer; the module list of build-initramfs.sh
# exists to provide these.
EXPECTED_TARGETS="linear striped error zero crypt delay flakey snapshot
snapshot-origin snapshot-merge verity thin-pool thin unstriped mirror raid
cache era switch log-writes integrity writecache multipath zoned"

# 64 hex digits = 32 bytes = two AES-128 keys for XTS.
CRYPT_KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
OTHER_KEY=f0e0d0c0b0a090807060504030201000f0e0d0c0b0a090807060504030201000
# 32 hex digits = one AES-128 key for CBC.
CBC_KEY=00112233445566778899aabbccddeeff

case_init_reported_no_errors() {
    if [ -s /run/dmc-init-errors ]; then
        case_fail init-no-errors "$(tr '\n' '|' </run/dmc-init-errors)"
    else
        case_pass init-no-errors
    fi
}

case_targets_registered() {
    # One dmsetup call: each one costs ~50 ms under emulation.
    registered=" $(dmsetup targets | awk '{ print $1 }' | tr '\n' ' ') "
    for target in $EXPECTED_TARGETS; do
        if [ "${registered#* "$target" }" != "$registered" ]; then
            case_pass "target-registered-$target"
        else
            case_fail "target-registered-$target" "not in 'dmsetup targets'"
        fi
    done
}

# More loop devices than the 8 the loop module creates up front.
case_many_loop_devices() {
    count=0
    for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
        device=$(make_loop "many$i" 64) || break
        [ -b "$device" ] && count=$((count + 1))
    done
    if [ "$count" -eq 12 ]; then
        case_pass loop-devices-beyond-8
    else
        case_fail loop-devices-beyond-8 "only $count of 12 loop devices usable"
    fi
    cleanup_devices
}

case_linear_single_target() {
    a=$(make_loop_pattern a 2048)
    if ! dm_create lin "0 1000 linear $a 100"; then
        case_fail linear-offset "create failed: $(cat "$DMC_DMSETUP_ERR")"
    elif reason=$(expect_sector_tags /dev/mapper/lin 0=a:100 1=a:101 500=a:600 999=a:1099); then
        case_pass linear-offset
    else
        case_fail linear-offset "$reason"
    fi
    cleanup_devices
}

case_linear_two_targets() {
    a=$(make_loop_pattern a 2048)
    table="0 500 linear $a 1000
500 500 linear $a 0"
    if ! dm_create lin2 "$table"; then
        case_fail linear-two-targets "create failed: $(cat "$DMC_DMSETUP_ERR")"
    elif reason=$(expect_sector_tags /dev/mapper/lin2 0=a:1000 499=a:1499 500=a:0 999=a:499); then
        case_pass linear-two-targets
    else
        case_fail linear-two-targets "$reason"
    fi
    cleanup_devices
}

# Two stripes, 16-sector chunks: chunks alternate a, b, a, b, ...
case_striped() {
    a=$(make_loop_pattern a 1024)
    b=$(make_loop_pattern b 1024)
    if ! dm_create stripe "0 2048 striped 2 16 $a 0 $b 0"; then
        case_fail striped-two-devices "create failed: $(cat "$DMC_DMSETUP_ERR")"
    elif reason=$(expect_sector_tags /dev/mapper/stripe \
        0=a:0 15=a:15 16=b:0 31=b:15 32=a:16 47=a:31 48=b:16 2047=b:1023); then
        case_pass striped-two-devices
    else
        case_fail striped-two-devices "$reason"
    fi
    cleanup_devices
}

case_zero_target() {
    if ! dm_create zeros "0 1024 zero"; then
        case_fail zero-reads-zeros "create failed: $(cat "$DMC_DMSETUP_ERR")"
    else
        total=$(read_sectors /dev/mapper/zeros 0 1024 | wc -c)
        nonzero=$(read_sectors /dev/mapper/zeros 0 1024 | tr -d '\000' | wc -c)
        if [ "$total" -eq 524288 ] && [ "$nonzero" -eq 0 ]; then
            case_pass zero-reads-zeros
        else
            case_fail zero-reads-zeros "read $total bytes, $nonzero of them non-zero"
        fi
    fi
    cleanup_devices
}

case_error_target() {
    if ! dm_create errors "0 1024 error"; then
        case_fail error-fails-reads "create failed: $(cat "$DMC_DMSETUP_ERR")"
    elif read_sectors /dev/mapper/errors 0 1 >/dev/null; then
        case_fail error-fails-reads "read of sector 0 succeeded"
    else
        case_pass error-fails-reads
    fi
    cleanup_devices
}

# Write plaintext through dm-crypt, check it reads back (also after the
# device is rebuilt, so the data really went through the cipher), that the
# backing device holds no plaintext, and that a wrong key yields garbage.
case_crypt_round_trip() {
    name=crypt-aes-xts-plain64
    backing=$(make_loop crypt 2048)
    table="0 2048 crypt aes-xts-plain64 $CRYPT_KEY 0 $backing 0"
    write_sector_pattern /tmp/plain.img secret 2048
    if ! dm_create secret "$table"; then
        case_fail "$name" "create failed: $(cat "$DMC_DMSETUP_ERR")"
    elif ! dd if=/tmp/plain.img of=/dev/mapper/secret bs=64k oflag=direct 2>/dev/null; then
        case_fail "$name" "writing through dm-crypt failed"
    elif ! reason=$(expect_sector_tags /dev/mapper/secret 0=secret:0 777=secret:777 2047=secret:2047); then
        case_fail "$name" "read back: $reason"
    elif grep -q secret "$(loop_file crypt)"; then
        case_fail "$name" "plaintext visible on the backing device"
    elif ! dm_remove secret || ! drop_caches || ! dm_create secret "$table"; then
        case_fail "$name" "re-creating the device failed: $(cat "$DMC_DMSETUP_ERR")"
    elif ! read_sectors /dev/mapper/secret 0 2048 | cmp -s - /tmp/plain.img; then
        case_fail "$name" "data differs after re-creating the device"
    elif ! dm_remove secret || ! dm_create wrongkey "0 2048 crypt aes-xts-plain64 $OTHER_KEY 0 $backing 0"; then
        case_fail "$name" "creating the wrong-key device failed: $(cat "$DMC_DMSETUP_ERR")"
    elif [ "$(sector_tag /dev/mapper/wrongkey 0)" != other ]; then
        case_fail "$name" "wrong key did not give garbage: $(sector_tag /dev/mapper/wrongkey 0)"
    else
        case_pass "$name"
    fi
    rm -f /tmp/plain.img
    cleanup_devices
}

# CBC with ESSIV IVs (another common cipher spec; needs the essiv module).
case_crypt_cbc_essiv() {
    name=crypt-aes-cbc-essiv-sha256
    backing=$(make_loop essiv 256)
    write_sector_pattern /tmp/plain.img essiv 256
    if ! dm_create essiv "0 256 crypt aes-cbc-essiv:sha256 $CBC_KEY 0 $backing 0"; then
        case_fail "$name" "create failed: $(cat "$DMC_DMSETUP_ERR")"
    elif ! dd if=/tmp/plain.img of=/dev/mapper/essiv bs=64k oflag=direct 2>/dev/null; then
        case_fail "$name" "writing through dm-crypt failed"
    elif ! read_sectors /dev/mapper/essiv 0 256 | cmp -s - /tmp/plain.img; then
        case_fail "$name" "data read back differs"
    elif grep -q essiv "$(loop_file essiv)"; then
        case_fail "$name" "plaintext visible on the backing device"
    else
        case_pass "$name"
    fi
    rm -f /tmp/plain.img
    cleanup_devices
}

case_gap_rejected() {
    a=$(make_loop a 2048)
    table="0 100 linear $a 0
200 100 linear $a 200"
    if reason=$(dm_expect_reject gap "$table" "Gap in table"); then
        case_pass table-gap-rejected
    else
        case_fail table-gap-rejected "$reason"
    fi
    cleanup_devices
}

case_target_past_device_end_rejected() {
    a=$(make_loop a 2048)
    if reason=$(dm_expect_reject toobig "0 4096 linear $a 0" "too small for target"); then
        case_pass linear-past-end-rejected
    else
        case_fail linear-past-end-rejected "$reason"
    fi
    cleanup_devices
}

# A rejected table must not leave a device behind.
case_rejection_leaves_no_device() {
    a=$(make_loop a 2048)
    dm_expect_reject leftover "0 4096 linear $a 0" "too small for target" >/dev/null
    if dmsetup info leftover >/dev/null 2>&1; then
        case_fail rejected-table-leaves-no-device "device 'leftover' still exists"
    else
        case_pass rejected-table-leaves-no-device
    fi
    cleanup_devices
}

case_init_reported_no_errors
case_targets_registered
case_many_loop_devices
case_linear_single_target
case_linear_two_targets
case_striped
case_zero_target
case_error_target
case_crypt_round_trip
case_crypt_cbc_essiv
case_gap_rejected
case_target_past_device_end_rejected
case_rejection_leaves_no_device
summary
