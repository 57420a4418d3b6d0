# dust (drivers/md/dm-dust.c): simulates bad blocks for testing. Debian's 6.1 kernel does not
# build it (CONFIG_DM_DUST is not set), and the golden tests run with the 6.1 rules, so each
# line here is refused as an unknown target. Its argument rules (7.2 profile) are covered by
# tests/unit/target_dust_test.cc; the same tables pass `dmc verify --kernel 7.2`.

device flaky_disk
0 2097152 dust /dev/sdb 0 512   # expected-error {{dust: unknown target type: not available in kernel 6.1 (see --kernel)}}

device flaky_4k
0 2097152 dust /dev/sdc 2048 4096   # expected-error {{dust: unknown target type: not available in kernel 6.1}}
