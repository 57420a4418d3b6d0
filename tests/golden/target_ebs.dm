# ebs (drivers/md/dm-ebs-target.c): emulates a smaller logical block size; upstream since 5.10.
# Debian's 6.1 build leaves it out (CONFIG_DM_EBS is not set), and the golden tests run with
# Debian 12's 6.1 by default, so each line here is refused as not built. Its argument rules are in
# target_ebs_5_10.dm (--kernel 5.10) and tests/unit/target_ebs_test.cc.

# 512-byte sectors on a 4 KiB-sector disk.
device emulated_512
0 2097152 ebs /dev/sdb 0 1 8   # expected-error {{ebs: the chosen kernel has no such target: Debian 12's 6.1 build leaves it out (CONFIG_DM_EBS is not set) (see --kernel, --kernel-config)}}

device emulated_default
0 2097152 ebs /dev/sdc 2048 1   # expected-error {{ebs: the chosen kernel has no such target}}
