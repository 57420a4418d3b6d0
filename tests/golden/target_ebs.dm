# ebs (drivers/md/dm-ebs-target.c): emulates a smaller logical block size. Debian's 6.1 kernel
# does not build it (CONFIG_DM_EBS is not set), and the golden tests run with the 6.1 rules, so
# each line here is refused as an unknown target. Its argument rules (7.2 profile) are covered
# by tests/unit/target_ebs_test.cc; the same tables pass `dmc verify --kernel 7.2`.

# 512-byte sectors on a 4 KiB-sector disk.
device emulated_512
0 2097152 ebs /dev/sdb 0 1 8   # expected-error {{ebs: unknown target type: not available in kernel 6.1 (see --kernel)}}

device emulated_default
0 2097152 ebs /dev/sdc 2048 1   # expected-error {{ebs: unknown target type: not available in kernel 6.1}}
