# --kernel VERSION takes any version, --kernel-config says what a build has, --allow-target
# accepts an out-of-tree type: each with its own diagnostic and exit code.
source "$(dirname "$0")/common.sh"
cat > clone.table <<'EOF2'
0 2048 clone /dev/sdb /dev/sdc /dev/sdd 8
EOF2
# clone exists from 5.4, Debian 12's 6.1 build leaves it out, other builds have it.
expect_exit 0 "$DMC" verify --kernel 5.4 clone.table

expect_exit 1 "$DMC" verify clone.table
expect_contains out "target-not-built"
expect_contains out "CONFIG_DM_CLONE is not set"
expect_exit 0 "$DMC" verify --kernel 6.12.3 clone.table
# Below the oldest rule set, not a version, newer than dmc knows.
expect_exit 2 "$DMC" verify --kernel 5.3 clone.table
expect_contains err "dmc's rules start at kernel 5.4"
expect_exit 2 "$DMC" verify --kernel latest clone.table
expect_exit 0 "$DMC" verify --kernel 9.1 clone.table
expect_contains err "newer than any dmc knows"

# A version that predates a target: its own diagnostic, not "unknown".
cat > vdo.table <<'EOF2'
0 2048 vdo V4 /dev/sdb 262144 4096 32768 16380
EOF2
expect_exit 1 "$DMC" verify --kernel 6.6 vdo.table
expect_contains out "target-too-new"
expect_contains out "vdo since 6.9"
expect_exit 0 "$DMC" verify --kernel 6.9 vdo.table

# A config: =y or =m builds a target, "is not set" does not.
printf 'CONFIG_BLK_DEV_DM=y\nCONFIG_DM_CLONE=m\n# CONFIG_DM_DUST is not set\n' > config-6.1
expect_exit 0 "$DMC" verify --kernel 6.1 --kernel-config config-6.1 clone.table
echo '0 2048 dust /dev/sdb 0 512' > dust.table
expect_exit 1 "$DMC" verify --kernel 6.1 --kernel-config config-6.1 dust.table
expect_contains out "the build of config-6.1 leaves it out (CONFIG_DM_DUST is not set)"
# Debian's build is the default for 6.1 only: 6.3 has 6.1's rules and an upstream build.
expect_exit 1 "$DMC" verify --kernel 6.1.0-57-amd64 dust.table
expect_exit 0 "$DMC" verify --kernel 6.3 dust.table
echo 'not a config' > bogus-config
expect_exit 2 "$DMC" verify --kernel-config bogus-config clone.table
expect_contains err "not a kernel config"
expect_exit 2 "$DMC" verify --kernel-config missing-config clone.table

# Names no upstream kernel has: unknown (with a suggestion), or allowed out of tree.
printf '0 2048 bow /dev/sdb\n2048 2048 bow /dev/sdc 0\n' > bow.table
expect_exit 1 "$DMC" verify bow.table
expect_contains out "bow: unknown target type: no upstream kernel has it (an out-of-tree type needs --allow-target bow)"
expect_exit 0 "$DMC" verify --allow-target bow bow.table
expect_contains out "out-of-tree-target"
[ "$(grep -c 'out-of-tree target type' out)" = 1 ] || fail "one warning a type a file, got: $(cat out)"
echo '0 2048 linaer /dev/sdb 0' > typo.table
expect_exit 1 "$DMC" verify --allow-target bow typo.table
expect_contains out "did you mean 'linear'?"
echo "kernel versions: ok"
