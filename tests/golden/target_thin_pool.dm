# thin-pool (drivers/md/dm-thin.c): a pool of data blocks that thin devices share.
# Each case below reuses the same underlying devices, so their sharing is not the point here:
# verify-args: --no-warn shared-sectors
# A pool is a singleton table, so every pool below is a device of its own.

device tmeta
0 64M linear /dev/sdb 2048

device tdata
0 10G linear /dev/sdc 2048

# The usual LVM shape: metadata and data sub-volumes, 64 KiB blocks, low water mark 0.
device pool
0 10G thin-pool @tmeta @tdata 128 0

device pool_features
0 10G thin-pool /dev/vg/meta /dev/vg/data 1024 16384 3 skip_block_zeroing no_discard_passdown error_if_no_space

device pool_ro
0 10G thin-pool /dev/vg/meta2 /dev/vg/data2 2097152 0 1 READ_ONLY

device pool_same
0 10G thin-pool @tmeta @tmeta 128 0   # expected-error {{thin-pool: Error setting metadata or data device}}

device pool_same_path
0 10G thin-pool /dev/mapper/tmeta @tmeta 128 0   # expected-error {{Error setting metadata or data device: the data device must differ}}

device pool_short
0 10G thin-pool /dev/vg/meta /dev/vg/data 128   # expected-error {{thin-pool: Invalid argument count}}

device pool_block_small
0 10G thin-pool /dev/vg/meta /dev/vg/data 64 0   # expected-error {{thin-pool: Invalid block size: the block size must be 128..2097152 sectors}}

device pool_block_odd
0 10G thin-pool /dev/vg/meta /dev/vg/data 192 0   # expected-error {{thin-pool: Invalid block size: the block size must be a multiple of 128}}

device pool_block_unit
0 10G thin-pool /dev/vg/meta /dev/vg/data 64K 0   # expected-error {{thin-pool: Invalid block size}}

device pool_lowater
0 10G thin-pool /dev/vg/meta /dev/vg/data 128 -1   # expected-error {{thin-pool: Invalid low water mark}}

device pool_nfeatures
0 10G thin-pool /dev/vg/meta /dev/vg/data 128 0 5 a b c d e   # expected-error {{thin-pool: Invalid number of pool feature arguments}}

device pool_feature_missing
0 10G thin-pool /dev/vg/meta /dev/vg/data 128 0 2 read_only   # expected-error {{Invalid number of pool feature arguments: the feature count is 2, but only 1 argument follows}}

device pool_feature_name
0 10G thin-pool /dev/vg/meta /dev/vg/data 128 0 1 ignore_discards   # expected-error {{thin-pool: Unrecognised pool feature requested: 'ignore_discards' is not a thin-pool feature}}

# The data device must hold the whole pool.
device pool_too_big
0 20G thin-pool @tmeta @tdata 128 0   # expected-error {{thin-pool: @tdata too small for target}}
