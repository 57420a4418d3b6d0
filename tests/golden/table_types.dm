# The kernel's whole-table type rules (drivers/md/dm-table.c): singletons alone, immutable
# types unmixed, always-writeable types read-write.

device mpath_mixed
0 100 multipath 0 0 1 1 round-robin 0 1 0 /dev/sdb   # expected-note {{the multipath target is here}}
100 100 linear /dev/sdc 0   # expected-error {{target type multipath must appear alone in table}}

device singleton_later
0 100 linear /dev/sdd 0   # expected-note {{the table starts here}}
100 100 zoned /dev/sde   # expected-error {{zoned: singleton target type must appear alone in table}}

device verity_many ro
0 8 verity 1 /dev/sdf /dev/sdg 4096 4096 1 0 sha256 0000000000000000000000000000000000000000000000000000000000000000 -
8 8 verity 1 /dev/sdh /dev/sdi 4096 4096 1 0 sha256 0000000000000000000000000000000000000000000000000000000000000000 -

device verity_mixed ro
0 8 verity 1 /dev/sdj /dev/sdk 4096 4096 1 0 sha256 0000000000000000000000000000000000000000000000000000000000000000 -   # expected-note {{the verity target is here}}
8 8 zero   # expected-error {{zero: immutable target type cannot be mixed with other target types}}

device pool_ro ro
0 1G thin-pool /dev/sdl /dev/sdm 128 0   # expected-error {{thin-pool: target type may not be included in a read-only table}}
