# raid (drivers/md/dm-raid.c): MD RAID levels through device-mapper, as LVM writes them.
# Each case below reuses the same underlying devices, so their sharing is not the point here:
# verify-args: --no-warn shared-sectors

device rmeta0
0 8 linear /dev/sdb 2048
device rimage0
0 10G linear /dev/sdb 2056
device rmeta1
0 8 linear /dev/sdc 2048
device rimage1
0 10G linear /dev/sdc 2056
device rmeta2
0 8 linear /dev/sdd 2048
device rimage2
0 10G linear /dev/sdd 2056

# raid1: the chunk size is ignored; region size 1 MiB.
device mirror
0 10G raid raid1 3 0 region_size 2048 2 @rmeta0 @rimage0 @rmeta1 @rimage1

# raid5_ls over 3 images: 2 hold data, so the array is twice one image.
device r5
0 20G raid raid5_ls 3 128 region_size 4096 3 @rmeta0 @rimage0 @rmeta1 @rimage1 @rmeta2 @rimage2

# raid0 without metadata devices, raid10 near with 2 copies, a rebuild of image 1.
device stripe
0 20G raid raid0 1 128 2 - @rimage0 - @rimage1

device r10
0 15G raid raid10 3 128 raid10_copies 2 3 @rmeta0 @rimage0 @rmeta1 @rimage1 @rmeta2 @rimage2

# 6.1 gives md a raid10 layout of 0 without superblocks, and md refuses to run it.
device r10_no_metadata
0 15G raid raid10 3 128 raid10_copies 2 3 - @rimage0 - @rimage1 - @rimage2   # expected-error {{raid: Failed to run raid array}}

device rebuild
0 10G raid raid1 3 0 rebuild 1 2 @rmeta0 @rimage0 @rmeta1 @rimage1

device degraded
0 10G raid raid1 1 0 3 @rmeta0 @rimage0 - - @rmeta2 @rimage2

device type
0 10G raid raid3 1 128 2 - @rimage0 - @rimage1   # expected-error {{raid: Unrecognised raid_type}}

device nparams
0 10G raid raid1 9 0 2 - @rimage0 - @rimage1   # expected-error {{raid: Cannot understand number of raid parameters}}

device ndevs
0 10G raid raid1 1 0 3 - @rimage0 - @rimage1   # expected-error {{raid: Cannot understand number of raid devices parameters}}

device zero_params
0 10G raid raid1 0 2 - @rimage0 - @rimage1   # expected-error {{raid: Bad numerical argument given in raid params}}

device raid6_small
0 10G raid raid6_zr 1 128 2 - @rimage0 - @rimage1   # expected-error {{raid: Insufficient number of devices}}

device chunk
0 20G raid raid0 1 100 2 - @rimage0 - @rimage1   # expected-error {{raid: Chunk size must be a power of 2}}

device chunk_small
0 20G raid raid0 1 4 2 - @rimage0 - @rimage1   # expected-error {{raid: Chunk size value is too small}}

device param
0 10G raid raid1 3 0 regionsize 2048 2 - @rimage0 - @rimage1   # expected-error {{raid: Unable to parse RAID parameter: 'regionsize' is not a raid parameter (did you mean 'region_size'?)}}

device param_value
0 10G raid raid1 3 0 region_size 1M 2 - @rimage0 - @rimage1   # expected-error {{raid: Bad numerical argument given in raid params}}

device param_twice
0 10G raid raid1 5 0 region_size 2048 region_size 4096 2 - @rimage0 - @rimage1   # expected-error {{raid: Only one region_size argument pair allowed}}

device sync_nosync
0 10G raid raid1 3 0 sync nosync 2 - @rimage0 - @rimage1   # expected-error {{raid: sync and nosync are mutually exclusive}}

device rebuild_sync
0 10G raid raid1 4 0 rebuild 0 sync 2 - @rimage0 - @rimage1   # expected-error {{raid: sync/nosync and rebuild are mutually exclusive}}

device rebuild_index
0 10G raid raid1 3 0 rebuild 2 2 - @rimage0 - @rimage1   # expected-error {{raid: Invalid rebuild index given}}

device write_mostly
0 20G raid raid5_ls 3 128 write_mostly 0 3 - @rimage0 - @rimage1 - @rimage2   # expected-error {{raid: write_mostly option is only valid for RAID1}}

device all_write_mostly
0 10G raid raid1 5 0 write_mostly 0 write_mostly 1 2 - @rimage0 - @rimage1   # expected-error {{raid: Can't set all raid1 devices to write_mostly}}

device write_behind
0 10G raid raid1 3 0 max_write_behind 65536 2 - @rimage0 - @rimage1   # expected-error {{raid: Max write-behind limit out of range}}

device data_offset
0 20G raid raid5_ls 3 128 data_offset 12 3 - @rimage0 - @rimage1 - @rimage2   # expected-error {{raid: Bogus data_offset value}}

device region_big
0 10G raid raid1 3 0 region_size 67108864 2 - @rimage0 - @rimage1   # expected-error {{raid: Supplied region size is too large}}

device region_odd
0 10G raid raid1 3 0 region_size 3000 2 - @rimage0 - @rimage1   # expected-error {{raid: Region size is not a power of 2}}

device region_chunk
0 20G raid raid5_ls 3 256 region_size 128 3 - @rimage0 - @rimage1 - @rimage2   # expected-error {{raid: Region size is smaller than the chunk size}}

device raid10_copies
0 10G raid raid10 3 128 raid10_copies 4 3 - @rimage0 - @rimage1 - @rimage2   # expected-error {{raid: Bad value for 'raid10_copies'}}

device raid10_sets
0 10G raid raid10 2 128 raid10_use_near_sets 2 - @rimage0 - @rimage1   # expected-error {{raid: RAID10 format 'near' and 'raid10_use_near_sets' are incompatible}}

device level_param
0 20G raid raid0 2 128 nosync 2 - @rimage0 - @rimage1   # expected-error {{raid: Invalid flags combination: 'nosync' cannot be used with raid0}}

device raid6_nosync
0 10G raid raid6_zr 2 128 nosync 4 - @rimage0 - @rimage1 - @rimage2 - /dev/sde   # expected-error {{raid: Invalid flags combination}}

device meta_only
0 10G raid raid1 1 0 2 @rmeta0 @rimage0 @rmeta1 -   # expected-error {{raid: No data device supplied with metadata device}}

device rebuild_missing
0 10G raid raid1 3 0 rebuild 1 2 @rmeta0 @rimage0 - -   # expected-error {{raid: Drive designated for rebuild not specified}}

device length
0 20971521 raid raid5_ls 1 128 3 - @rimage0 - @rimage1 - @rimage2   # expected-error {{raid: Target length not divisible by number of data devices}}

# Each data image must hold its share: raid1 images hold the whole array.
device image_small
0 12G raid raid1 1 0 2 - @rimage0 - @rimage1   # expected-error {{raid: Component device(s) too small: @rimage0 has}} expected-error {{raid: Component device(s) too small: @rimage1 has}}

# What md refuses to run: raid6 on fewer than 4 devices, and arrays that lost more devices
# (missing '- -', or being rebuilt) than their level survives.
device raid6_three
0 10G raid raid6_zr 1 128 3 - @rimage0 - @rimage1 - @rimage2   # expected-error {{raid: Failed to run raid array: md's raid6 needs at least 4 devices}}

device nothing_left
0 10G raid raid1 1 0 2 - - - -   # expected-error {{raid: Invalid rdev size}}

device stripe_degraded
0 20G raid raid0 1 128 2 - @rimage0 - -   # expected-error {{raid: Failed to run raid array: device 1 is missing or being rebuilt, and raid0 keeps no redundancy}}

device r5_two_lost
0 20G raid raid5_ls 3 128 rebuild 0 3 - @rimage0 - - - @rimage2   # expected-error {{raid: Failed to run raid array: devices 0 and 1 are missing or being rebuilt, and raid5_ls survives the loss of at most 1 device}}

device r10_both_copies
0 10G raid raid10 7 128 raid10_copies 2 rebuild 0 rebuild 1 2 @rmeta0 @rimage0 @rmeta1 @rimage1   # expected-error {{raid: Failed to run raid array: devices 0 and 1 hold all 2 copies of some chunks}}

device r5_superblocks
0 20G raid raid5_ls 1 128 3 - - - - @rmeta2 @rimage2   # expected-error {{raid: Insufficient redundancy to activate array}}
