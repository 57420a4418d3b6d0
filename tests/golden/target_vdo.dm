# vdo (drivers/md/dm-vdo/, upstream since 6.9): deduplication and compression on one storage
# device. The arguments are checked as parse_device_config() reads them, on 6.9, its first
# release; each table version (V0 without a version argument, V1 to V4) has its own fields.
# verify-args: --kernel 6.9

device dedup
0 2097152 vdo V4 /dev/sdb 262144 4096 32768 16380

device tuned
0 2097152 vdo V4 /dev/sdc 262144 512 32768 16380 ack 1 bio 4 bioRotationInterval 64 cpu 2 hash 1 logical 1 physical 1 maxDiscard 1500 deduplication on compression off

device old_v2
0 2097152 vdo V2 /dev/sdd 262144 4096 32768 16380 on sync vdo0 ack 1

device old_v1
0 2097152 vdo V1 /dev/sde 262144 4096 disabled 0 32768 16380 on sync vdo0 ack=1,bio=4

device old_v0
0 2097152 vdo /dev/sdf 4096 disabled 0 32768 16380 on sync vdo0 .

device partial_block
0 2097151 vdo V4 /dev/sdg 262144 4096 32768 16380   # expected-error {{vdo: Logical size must be a multiple of 4096}}

device version
0 2097152 vdo V5 /dev/sdg 262144 4096 32768 16380   # expected-error {{vdo: Unknown version number detected: the table version is 5}}

device count
0 2097152 vdo V4 /dev/sdg 262144 4096 32768   # expected-error {{vdo: Incorrect number of arguments for version: a V4 table has at least 6 arguments}}

device count_v1
0 2097152 vdo V1 /dev/sdg 262144 4096 disabled 0 32768 16380 on sync vdo0 . extra   # expected-error {{vdo: Incorrect number of arguments for version: a V1 table has exactly 12 arguments}}

device physical
0 2097152 vdo V4 /dev/sdg -1 4096 32768 16380   # expected-error {{vdo: Invalid physical block count}}

device io_bytes
0 2097152 vdo V4 /dev/sdg 262144 1024 32768 16380   # expected-error {{vdo: Invalid logical block size: minimum_io_bytes is 512 or 4096, not '1024'}}

device cache
0 2097152 vdo V4 /dev/sdg 262144 4096 32k 16380   # expected-error {{vdo: Invalid block map page cache size}}

device era
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 x   # expected-error {{vdo: Invalid block map maximum age}}

device odd_pairs
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 16380 ack   # expected-error {{vdo: Odd number of optional arguments given but they should be <key> <value> pairs}}

device bool_value
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 16380 compression yes   # expected-error {{vdo: Invalid optional argument configuration: compression takes on or off, not 'yes'}}

device count_value
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 16380 cpu two   # expected-error {{vdo: Invalid optional argument configuration: optional config string error: integer value needed, found "two"}}

device no_cpu
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 16380 cpu 0   # expected-error {{vdo: Invalid optional argument configuration: thread config string error: at least one 'cpu' thread required}}

device many_logical
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 16380 logical 61   # expected-error {{vdo: Invalid optional argument configuration: thread config string error: at most 60 'logical' threads are allowed}}

device many_physical
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 16380 physical 17   # expected-error {{vdo: Invalid optional argument configuration: thread config string error: at most 16 'physical' threads are allowed}}

device many_unknown
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 16380 journal 101   # expected-error {{vdo: Invalid optional argument configuration: thread config string error: at most 100 'journal' threads are allowed}}

device rotation
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 16380 bioRotationInterval 1025   # expected-error {{vdo: Invalid optional argument configuration: thread config string error: 'bioRotationInterval' cannot be higher than 1024}}

device discard
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 16380 maxDiscard 0   # expected-error {{vdo: Invalid optional argument configuration: optional parameter error: at least one max discard block required}}

device zones
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 16380 logical 2   # expected-error {{vdo: Logical, physical, and hash zones counts must all be zero or all non-zero}}

device small_cache
0 2097152 vdo V4 /dev/sdg 262144 4096 4096 16380 logical 2 physical 1 hash 1   # expected-error {{vdo: Insufficient block map cache for logical zones}}

device thread_string
0 2097152 vdo V1 /dev/sdg 262144 4096 disabled 0 32768 16380 on sync vdo0 ack=1,bio   # expected-error {{vdo: Invalid thread-count configuration: thread config string error: expected thread parameter assignment, saw "bio"}}

device era_zero
0 2097152 vdo V4 /dev/sdg 262144 4096 32768 0   # expected-error {{vdo: Cannot load metadata from device}}
