# dust (drivers/md/dm-dust.c): simulates bad blocks for testing. Upstream 6.1 has it, but Debian's
# 6.1 build leaves it out (CONFIG_DM_DUST is not set), and the golden tests run with Debian 12's
# 6.1 by default, so each line here is refused as not built (not as unknown). Its argument rules
# are in target_dust_6_12.dm (--kernel 6.12) and tests/unit/target_dust_test.cc.

device flaky_disk
0 2097152 dust /dev/sdb 0 512   # expected-error {{dust: the chosen kernel has no such target: Debian 12's 6.1 build leaves it out (CONFIG_DM_DUST is not set)}}

device flaky_4k
0 2097152 dust /dev/sdc 2048 4096   # expected-error {{dust: the chosen kernel has no such target}}
