# mirror (drivers/md/dm-raid1.c, dm-log.c): the old mirror target with a dirty region log.
# Each case below reuses the same underlying devices, so their sharing is not the point here:
# verify-args: --no-warn shared-sectors

device leg0
0 10G linear /dev/sdb 2048

device leg1
0 10G linear /dev/sdc 2048

device mlog
0 8M linear /dev/sdd 2048

device mirror_core
0 10G mirror core 1 1024 2 @leg0 0 @leg1 0

device mirror_disk
0 10G mirror disk 3 @mlog 1024 nosync 2 @leg0 0 @leg1 0 1 handle_errors

device mirror_keep
0 4G mirror core 2 8192 sync 3 @leg0 0 @leg1 0 /dev/sde 2048 2 handle_errors keep_log

device mirror_cluster
0 10G mirror userspace 4 LVM-clustered-log clustered-disk @mlog 1024 2 @leg0 0 @leg1 0

device log_short
0 10G mirror core   # expected-error {{mirror: Insufficient mirror log arguments}}

device log_count
0 10G mirror core one 1024 2 @leg0 0 @leg1 0   # expected-error {{mirror: Invalid mirror log argument count}}

device log_type
0 10G mirror memory 1 1024 2 @leg0 0 @leg1 0   # expected-error {{mirror: Error creating mirror dirty log: unknown dirty log type 'memory'}}

device log_region
0 10G mirror core 1 1000 2 @leg0 0 @leg1 0   # expected-error {{mirror: Error creating mirror dirty log: the region size must be a power of two}}

device log_sync
0 10G mirror core 2 1024 resync 2 @leg0 0 @leg1 0   # expected-error {{mirror: Error creating mirror dirty log: the log's last argument must be sync or nosync}}

device log_disk_args
0 10G mirror disk 1 @mlog 2 @leg0 0 @leg1 0   # expected-error {{mirror: Error creating mirror dirty log: the disk log takes 2 or 3 arguments}}

device one_leg
0 10G mirror core 1 1024 1 @leg0 0   # expected-error {{mirror: Invalid number of mirrors}}

device ten_legs
0 10G mirror core 1 1024 10 @leg0 0   # expected-error {{mirror: Invalid number of mirrors: the number of mirrors is 10; it must be from 2 to 9}}

device missing_leg
0 10G mirror core 1 1024 3 @leg0 0 @leg1 0   # expected-error {{mirror: Too few mirror arguments}}

device offset
0 10G mirror core 1 1024 2 @leg0 0 @leg1 +8   # expected-error {{mirror: Invalid offset}}

device nfeatures
0 10G mirror core 1 1024 2 @leg0 0 @leg1 0 2 handle_errors   # expected-error {{mirror: Not enough arguments to support feature count}}

device feature
0 10G mirror core 1 1024 2 @leg0 0 @leg1 0 1 handle-errors   # expected-error {{mirror: Unrecognised feature requested}}

device keep_log
0 10G mirror core 1 1024 2 @leg0 0 @leg1 0 1 keep_log   # expected-error {{mirror: keep_log feature requires the handle_errors feature}}

device extra
0 10G mirror core 1 1024 2 @leg0 0 @leg1 0 1 handle_errors now   # expected-error {{mirror: Too many mirror arguments}}

# Each leg holds the whole target from its offset.
device leg_too_small
0 10G mirror core 1 1024 2 @leg0 0 @leg1 8   # expected-error {{mirror: @leg1 too small for target}}
