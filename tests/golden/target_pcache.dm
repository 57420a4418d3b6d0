# pcache (drivers/md/dm-pcache/, upstream since 6.18): a cache on persistent memory in front of a
# slower device. Checked with the newest rules.
# verify-args: --kernel 7.2

device cached
0 100G pcache /dev/pmem0 /dev/sdb

device cached_crc
0 100G pcache /dev/pmem1 /dev/sdc 4 cache_mode writeback data_crc true

device missing
0 100G pcache /dev/pmem2   # expected-error {{pcache: Insufficient args}}

device mode
0 100G pcache /dev/pmem2 /dev/sdd 2 cache_mode writethrough   # expected-error {{pcache: Invalid cache mode parameter: the only cache mode is writeback}}

device option
0 100G pcache /dev/pmem2 /dev/sdd 2 crc true   # expected-error {{pcache: Unrecognised cache option requested}}
