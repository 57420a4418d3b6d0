# verity (drivers/md/dm-verity-target.c): reads checked against a hash tree. A verity table
# must be loaded read-only, so each device here is 'ro'. 1 GiB of 4 KiB blocks is 262144 blocks.

device system ro
0 2097152 verity 1 /dev/sda1 /dev/sda2 4096 4096 262144 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08

# The hash tree after the data on one partition, no salt, and options.
device vendor ro
0 2097152 verity 1 /dev/sdb1 /dev/sdb1 4096 4096 262144 262145 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 - 2 ignore_zero_blocks restart_on_corruption

# Forward error correction: the FEC area covers the data and the 2065 hash blocks.
device product ro
0 2097152 verity 1 /dev/sdc1 /dev/sdc2 4096 4096 262144 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 10 use_fec_from_device /dev/sdc3 fec_roots 2 fec_blocks 264210 fec_start 0 ignore_zero_blocks check_at_most_once

# A signed root hash, and the Chromium OS format with sha1.
device signed ro
0 2097152 verity 1 /dev/sdd1 /dev/sdd2 4096 4096 262144 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 2 root_hash_sig_key_desc system-root
device chromeos ro
0 2097152 verity 0 /dev/sde1 /dev/sde2 4096 4096 262144 0 sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709 -

device writable
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -   # expected-error {{verity: Device must be readonly}}

# A header without ro loads read-write: refused once, and the arguments are still checked.
device writable_bad_version
# expected-error@+2 {{verity: Device must be readonly: verity only works in a read-only table; this device's header loads it read-write: add ro to it ('device NAME ro')}}
# expected-error@+1 {{verity: Invalid version}}
0 8 verity 2 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -
8 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -

device short ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718   # expected-error {{verity: Not enough arguments}}

device version ro
0 8 verity 2 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -   # expected-error {{verity: Invalid version}}

device data_block ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 8192 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -   # expected-error {{verity: Invalid data device block size: the data block size is 8192 bytes; it must be at most 4096}}

device hash_block ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4000 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -   # expected-error {{verity: Invalid hash device block size}}

device too_small ro
0 2097152 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 131072 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -   # expected-error {{verity: Data device is too small: the target is 2097152 sectors long, but 131072 data blocks of 4096 bytes cover only 1048576 sectors}}

device hash_start ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 -1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -   # expected-error {{verity: Invalid hash start}}

device algorithm ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 SHA256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -   # expected-error {{verity: Cannot initialize hash function: 'SHA256' cannot be found}}

device digest ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 da39a3ee5e6b4b0d3255bfef95601890afd80709 -   # expected-error {{verity: Invalid root digest: a sha256 digest is 32 bytes, 64 hex digits; this one has 40}}

device salt ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 123   # expected-error {{verity: Invalid salt}}

device option_count ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 - 15 a b c d e f g h i j k l m n o   # expected-error {{verity: Invalid number of feature args}}

device conflict ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 - 2 ignore_corruption panic_on_corruption   # expected-error {{verity: Conflicting error handling parameters}}

device unknown_option ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 - 1 restart_on_error   # expected-error {{verity: Unrecognized verity feature request}}

device fec_value ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 - 1 use_fec_from_device   # expected-error {{verity: FEC feature arguments require a value}}

device fec_roots ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 - 2 fec_roots 32   # expected-error {{verity: Invalid fec_roots: fec_roots is 32; it must be from 2 to 24}}

device fec_blocks ro
0 2097152 verity 1 /dev/sdc1 /dev/sdc2 4096 4096 262144 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 - 6 use_fec_from_device /dev/sdc3 fec_roots 2 fec_blocks 262144   # expected-error {{verity: Invalid fec_blocks: FEC must cover the 262144 data blocks and the 2065 hash blocks}}

device signature ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 - 1 root_hash_sig_key_desc   # expected-error {{verity: DM Verity Sig Verification Signature key not specified}}

device no_such_hash ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha265 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -   # expected-error {{verity: Cannot initialize hash function: the kernel has no algorithm named 'sha265'; did you mean 'sha256'?}}

# The hash device must hold the tree from hash_start on: 256 data blocks of 1 KiB with sha256
# (32 digests a block) take 8 + 1 hash blocks from block 385, sectors 770 to 787.
device hash_disk
0 780 linear /dev/sdg 0
device small_hash_device ro
0 360 verity 0 /dev/sdg1 @hash_disk 1024 1024 256 385 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718   # expected-error {{verity: Hash device is too small: @hash_disk has 780 sectors; this needs start=770, len=18}}
