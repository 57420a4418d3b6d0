# integrity (drivers/md/dm-integrity.c): per-sector integrity tags, usually under dm-crypt.
# A singleton target: each table has one line.

# What cryptsetup --integrity hmac-sha256 creates: tags filled in by dm-crypt, journal mode.
device luks_integrity
0 16G integrity /dev/sdb 0 32 J 1 block_size:4096

# A standalone checksum with its own hash, bitmap mode and discards.
device checksum
0 16G integrity /dev/sdc 0 - B 3 internal_hash:crc32c sectors_per_bit:65536 allow_discards

# A keyed hash, an encrypted and signed journal, metadata on a separate device.
device keyed
0 16G integrity /dev/sdd 0 - J 5 internal_hash:hmac(sha256):6b657931 journal_crypt:ctr(aes):00112233445566778899aabbccddeeff journal_mac:hmac(sha256):6b657932 meta_device:/dev/sde journal_watermark:80

device short
0 8 integrity /dev/sdf 0 32 J   # expected-error {{integrity: Invalid argument count}}

device start
0 8 integrity /dev/sdf 0x0 32 J 0   # expected-error {{integrity: Invalid starting offset}}

device tag
0 8 integrity /dev/sdf 0 0 J 0   # expected-error {{integrity: Invalid tag size}}

device mode
0 8 integrity /dev/sdf 0 32 journal 0   # expected-error {{integrity: Invalid mode (expecting J, B, D, R)}}

device inline_61
0 8 integrity /dev/sdf 0 - I 1 internal_hash:crc32c   # expected-error {{integrity: Invalid mode (expecting J, B, D, R)}}

device count
0 8 integrity /dev/sdf 0 32 J 2 fix_padding   # expected-error {{integrity: Invalid number of feature args}}

device option
0 8 integrity /dev/sdf 0 32 J 1 Allow_Discards   # expected-error {{integrity: Invalid argument: 'Allow_Discards' is not an integrity option}}

device watermark
0 8 integrity /dev/sdf 0 32 J 1 journal_watermark:150   # expected-error {{integrity: Invalid argument}}

device block_size
0 8 integrity /dev/sdf 0 32 J 1 block_size:8192   # expected-error {{integrity: Invalid block_size argument}}

device meta
0 8 integrity /dev/sdf 0 32 J 1 meta_device:   # expected-error {{integrity: Device lookup failed}}

device hash_key
0 8 integrity /dev/sdf 0 - J 1 internal_hash:hmac(sha256):abc   # expected-error {{integrity: Invalid internal_hash argument: the key after the algorithm must be whole bytes}}

device hash_name
0 8 integrity /dev/sdf 0 - J 1 internal_hash:CRC32C   # expected-error {{integrity: Invalid internal hash}}

device hmac_no_key
0 8 integrity /dev/sdf 0 - J 1 internal_hash:hmac(sha256)   # expected-error {{integrity: Error setting internal hash key}}

device no_tag
0 8 integrity /dev/sdf 0 - J 0   # expected-error {{integrity: Unknown tag size}}

device big_tag
0 8 integrity /dev/sdf 0 300 J 0   # expected-error {{integrity: Too big tag size}}

device bitmap
0 8 integrity /dev/sdf 0 32 B 0   # expected-error {{integrity: Bitmap mode can be only used with internal hash}}

device discard
0 8 integrity /dev/sdf 0 32 J 1 allow_discards   # expected-error {{integrity: Discard can be only used with internal hash}}

# recalculate marks the superblock for recomputing the tags, which needs the internal hash
# (the kernel since 5.11, stable 4.19 and later); reset_recalculate sets it too.
device recalculate
0 8 integrity /dev/sdf 0 32 J 1 recalculate   # expected-error {{integrity: Recalculate can only be specified with internal_hash}}
device reset_recalculate
0 8 integrity /dev/sdf 0 32 J 1 reset_recalculate   # expected-error {{integrity: Recalculate can only be specified with internal_hash}}
device recalculate_hashed
0 8 integrity /dev/sdf 0 - J 2 internal_hash:crc32c recalculate
