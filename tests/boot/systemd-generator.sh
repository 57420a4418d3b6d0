# The systemd generator: one service a table file, after the .device units of its disks,
# before local-fs-pre.target and cryptsetup-pre.target, removing its devices at shutdown;
# the units pass `systemd-analyze verify`. Run by CTest (no VM needed).
source "$DMC_SOURCE/tests/cli/common.sh"
: "${DMC_GENERATOR:?set DMC_GENERATOR to the configured dmc-generator}"

mkdir -p tables/keys tables/dmfs units
cp "$DMC_SOURCE/tests/boot/tables/root/root.dm" tables/root.dm
printf '0 100 linear 8:32 0\n' > tables/data.table
cp "$DMC_SOURCE/tests/boot/tables/dmfs/dmfs/root.dm" tables/dmfs/fast.dm
head -c 64 /dev/zero > tables/keys/root           # the key root.dm names (:64:logon:dmc:root)
head -c 64 /dev/zero > tables/keys/unused         # named by no table: never added
DMC_TABLES_DIR=$WORK/tables DMC_BINARY=$DMC sh "$DMC_GENERATOR" "$WORK/units" "$WORK/early" "$WORK/late" \
  || fail "the generator failed"

unit=units/dmc-root.service
[ -f "$unit" ] || fail "no $unit; units: $(ls units)"
expect_contains "$unit" "Requires= dev-vda.device dev-vdb.device"
expect_contains "$unit" "After= dev-vda.device dev-vdb.device systemd-udevd.service"
expect_contains "$unit" "Before=local-fs-pre.target cryptsetup-pre.target"
expect_contains "$unit" "ExecStart=$DMC load --udev-timeout 30 $WORK/tables/root.dm"
expect_contains "$unit" "ExecStop=$DMC remove --file $WORK/tables/root.dm"
expect_contains "$unit" "Conflicts=umount.target"
expect_contains "$unit" "ExecCondition=/bin/sh -c '! $DMC diff $WORK/tables/root.dm > /dev/null 2>&1'"
[ -L units/local-fs.target.wants/dmc-root.service ] || fail "dmc-root.service is not wanted by local-fs.target"
# A major:minor device becomes its /dev/block link's unit (systemd-escape --path).
expect_contains units/dmc-data.service 'Requires= dev-block-8:32.device'
expect_not_contains "$unit" "6b2f1e0c9a8d"  # no key in the unit
# The key file root.dm names is added for the load and revoked after it, worked or not.
expect_contains "$unit" "ExecStartPre=/bin/sh -c 'keyctl padd logon dmc:root @u < $WORK/tables/keys/root > /dev/null'"
expect_contains "$unit" "ExecStartPost=-/bin/sh -c 'keyctl revoke \$\$(keyctl search @u logon dmc:root)'"
expect_contains "$unit" "ExecStopPost=-/bin/sh -c 'keyctl revoke \$\$(keyctl search @u logon dmc:root)'"
expect_not_contains "$unit" "dmc:unused"
expect_not_contains units/dmc-data.service "keyctl"
# Tables of dmfs/ are loaded, compared and removed by the dmfs module.
dmfs_unit=units/dmc-dmfs-fast.service
[ -f "$dmfs_unit" ] || fail "no $dmfs_unit; units: $(ls units)"
expect_contains "$dmfs_unit" "ExecStartPre=-/sbin/modprobe dmfs"
expect_contains "$dmfs_unit" "ExecStart=$DMC load --via dmfs --udev-timeout 30 $WORK/tables/dmfs/fast.dm"
expect_contains "$dmfs_unit" "ExecStop=$DMC remove --via dmfs --file $WORK/tables/dmfs/fast.dm"
expect_contains "$dmfs_unit" "ExecCondition=/bin/sh -c '! $DMC diff --via dmfs $WORK/tables/dmfs/fast.dm > /dev/null 2>&1'"
expect_contains "$dmfs_unit" "sys-kernel-config.mount"

if command -v systemd-analyze > /dev/null; then
  SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$WORK/units/dmc-root.service" "$WORK/units/dmc-data.service" \
    "$WORK/$dmfs_unit" \
    > analyze.log 2>&1 || fail "systemd-analyze verify: $(cat analyze.log)"
  # verify returns 0 on some warnings too: none is expected about these units.
  if grep -q "dmc-" analyze.log; then fail "systemd-analyze verify warns: $(cat analyze.log)"; fi
else
  fail "systemd-analyze not found (package systemd)"
fi
echo "systemd generator: ok"
