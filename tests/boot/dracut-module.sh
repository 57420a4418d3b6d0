# The dracut module's own test, without dracut (the boot test, tests/boot/run.sh, boots an
# image that a real dracut made): module-setup.sh runs against stand-ins for dracut's install
# functions, which record what the module asks dracut to put into the image.
source "$DMC_SOURCE/tests/cli/common.sh"
: "${DMC_DRACUT_MODULE:?set DMC_DRACUT_MODULE to the configured 90dmc folder}"

mkdir -p tables/keys initdir empty dmfs-only
cp "$DMC_SOURCE/tests/boot/tables/root/root.dm" tables/
head -c 64 /dev/zero > tables/keys/root
cp -r "$DMC_SOURCE/tests/boot/tables/dmfs/dmfs" tables/
cp -r "$DMC_SOURCE/tests/boot/tables/dmfs/dmfs" dmfs-only/
cat > run-module.sh <<'EOF2'
# dracut's functions, as stand-ins that log their arguments.
instmods() { echo "instmods $*" >> calls; }
inst_binary() { echo "inst_binary $*" >> calls; }
inst_simple() { echo "inst_simple $*" >> calls; }
derror() { echo "derror $*" >> calls; }
inst_multiple() { echo "inst_multiple $*" >> calls; }
inst_hook() { echo "inst_hook $1 $2 ${3##*/}" >> calls; }
moddir=$DMC_DRACUT_MODULE
source "$DMC_DRACUT_MODULE/module-setup.sh"
"$@"
EOF2
run_module() { DMC_BINARY=$DMC initdir=$WORK/initdir bash run-module.sh "$@"; }

# check: included in host-only images when /etc/dmc has tables, not when it has none.
DMC_TABLES_DIR=$WORK/tables hostonly=1 run_module check || fail "check refuses a folder with tables"
DMC_TABLES_DIR=$WORK/dmfs-only hostonly=1 run_module check || fail "check refuses a folder with only dmfs/ tables"
status=0; DMC_TABLES_DIR=$WORK/empty hostonly=1 run_module check || status=$?
[ "$status" = 255 ] || fail "check with no tables returned $status, not 255 (only when asked for)"
[ "$(DMC_TABLES_DIR=$WORK/tables run_module depends)" = dm ] || fail "the module does not depend on dracut's dm module"

# installkernel: dm_mod and what `dmc deps` lists (targets, and crypto-NAME for the cipher).
: > calls
DMC_TABLES_DIR=$WORK/tables run_module installkernel
for module in dm_mod dm_crypt crypto-aes crypto-xts; do
  grep -qx "instmods $module" calls || fail "installkernel does not add $module: $(cat calls)"
done
# dmfs/ holds a table: the dmfs module DKMS installed, or the one DMC_DMFS_MODULE names.
grep -qx "instmods -c dmfs" calls || fail "installkernel does not ask for dmfs (with -c) for dmfs/ tables: $(cat calls)"
: > calls
DMC_TABLES_DIR=$WORK/tables DMC_DMFS_MODULE=$WORK/my-dmfs.ko kernel=6.1.0-57-amd64 run_module installkernel
expect_contains calls "inst_simple $WORK/my-dmfs.ko /lib/modules/6.1.0-57-amd64/updates/dmfs.ko"
: > calls
DMC_TABLES_DIR=$WORK/empty run_module installkernel
expect_not_contains calls "dmfs"

# install: dmc, the tables (0600, folder 0700) and the three initqueue hooks.
: > calls
DMC_TABLES_DIR=$WORK/tables run_module install
expect_contains calls "inst_binary $DMC /usr/sbin/dmc"
expect_contains calls "inst_hook initqueue/settled 50 dmc-load.sh"
expect_contains calls "inst_hook initqueue/timeout 50 dmc-timeout.sh"
expect_contains calls "inst_hook initqueue/finished 50 dmc-finished.sh"
[ "$(stat -c %a initdir/etc/dmc/root.dm)" = 600 ] || fail "the table is not 0600 in the image"
[ "$(stat -c %a initdir/etc/dmc)" = 700 ] || fail "/etc/dmc is not 0700 in the image"
[ "$(stat -c %a initdir/etc/dmc/dmfs/root.dm)" = 600 ] || fail "the dmfs table is not 0600 in the image"
# Key files: 0600 in a 0700 folder, and keyctl to add them to the keyring at boot.
[ "$(stat -c %a initdir/etc/dmc/keys/root)" = 600 ] || fail "the key file is not 0600 in the image"
[ "$(stat -c %a initdir/etc/dmc/keys)" = 700 ] || fail "/etc/dmc/keys is not 0700 in the image"
cmp -s tables/keys/root initdir/etc/dmc/keys/root || fail "the key file changed on its way into the image"
expect_contains calls "inst_binary keyctl"
rm -rf initdir && mkdir initdir && : > calls
DMC_TABLES_DIR=$WORK/dmfs-only run_module install
expect_not_contains calls "keyctl"
[ ! -e initdir/etc/dmc/keys ] || fail "a folder with no keys/ got /etc/dmc/keys in the image"

# The finished hook is true exactly when the tables are loaded.
sh -n "$DMC_DRACUT_MODULE/dmc-load.sh" && sh -n "$DMC_DRACUT_MODULE/dmc-timeout.sh" || fail "a hook does not parse"
echo "dracut module: ok"
