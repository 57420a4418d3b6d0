# cache (drivers/md/dm-cache-target.c): a fast cache device in front of a slow origin.
# Each case below reuses the same underlying devices, so their sharing is not the point here:
# verify-args: --no-warn shared-sectors

device cmeta
0 64M linear /dev/nvme0n1 2048

device cdata
0 50G linear /dev/nvme0n1 133120

device slow
0 1T linear /dev/sdb 2048

# LVM's usual line: 64 KiB blocks, metadata2, writethrough, smq.
device cached
0 1T cache @cmeta @cdata @slow 128 2 metadata2 writethrough smq 0

device cached_tuned
0 1T cache @cmeta @cdata @slow 1024 1 writeback smq 2 migration_threshold 4096

device cached_cleaner
0 1T cache @cmeta @cdata @slow 128 3 passthrough metadata2 no_discard_passdown cleaner 0

device cached_mq
0 1T cache @cmeta @cdata @slow 128 0 mq 4 sequential_threshold 1024 random_threshold 8

device short
0 1T cache @cmeta @cdata @slow   # expected-error {{cache: Insufficient args}}

device block_small
0 1T cache @cmeta @cdata @slow 32 0 smq 0   # expected-error {{cache: Invalid data block size: the block size must be 64..2097152 sectors}}

device block_odd
0 1T cache @cmeta @cdata @slow 100 0 smq 0   # expected-error {{cache: Invalid data block size: the block size must be a multiple of 64}}

device no_features
0 1T cache @cmeta @cdata @slow 128   # expected-error {{cache: Invalid number of cache feature arguments}}

device nfeatures
0 1T cache @cmeta @cdata @slow 128 4 writeback metadata2 no_discard_passdown x smq 0   # expected-error {{cache: Invalid number of cache feature arguments}}

device feature
0 1T cache @cmeta @cdata @slow 128 1 write-through smq 0   # expected-error {{cache: Unrecognised cache feature requested}}

device modes
0 1T cache @cmeta @cdata @slow 128 2 writeback writethrough smq 0   # expected-error {{cache: Duplicate cache io_mode features requested}}

device no_policy
0 1T cache @cmeta @cdata @slow 128 0   # expected-error {{cache: Insufficient args: the policy name is missing}}

device policy_count
0 1T cache @cmeta @cdata @slow 128 0 smq 2 migration_threshold   # expected-error {{cache: Invalid number of policy arguments}}

device policy
0 1T cache @cmeta @cdata @slow 128 0 smqq 0   # expected-error {{cache: Error creating cache's policy: unknown cache policy 'smqq' (did you mean 'smq'?)}}

device policy_odd
0 1T cache @cmeta @cdata @slow 128 0 smq 1 migration_threshold   # expected-error {{cache: Error setting cache policy's config values: policy arguments are <key> <value> pairs}}

device policy_key
0 1T cache @cmeta @cdata @slow 128 0 smq 2 sequential_threshold 0   # expected-error {{cache: Error setting cache policy's config values: 'sequential_threshold' is not a setting of the smq policy}}

device policy_value
0 1T cache @cmeta @cdata @slow 128 0 smq 2 migration_threshold 4M   # expected-error {{cache: Error setting cache policy's config values}}

# The origin must hold the whole cached device.
device too_big
0 2T cache @cmeta @cdata @slow 128 0 smq 0   # expected-error {{cache: @slow too small for target}}
