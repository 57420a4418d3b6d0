# dust on 6.12, an upstream build with every option: the arguments are checked as dm-dust.c's
# constructor checks them.
# verify-args: --kernel 6.12

device flaky_disk
0 2097152 dust /dev/sdb 0 512

device flaky_4k
0 2097152 dust /dev/sdc 2048 4096

device count
0 2097152 dust /dev/sdd 0   # expected-error {{dust: Invalid argument count}}

device small_block
0 2097152 dust /dev/sdd 0 256   # expected-error {{dust: Block size must be at least 512}}

device odd_block
0 2097152 dust /dev/sdd 0 1536   # expected-error {{dust: Block size must be a power of 2}}
