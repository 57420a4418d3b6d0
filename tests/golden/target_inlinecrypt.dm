# inlinecrypt (drivers/md/dm-inlinecrypt.c, from 7.2): crypt's syntax, encrypting through
# blk-crypto. The arguments are checked as its constructor reads them; keys never show.
# verify-args: --kernel 7.2

device raw_key
0 2097152 inlinecrypt aes-xts-plain64 00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000 0 /dev/sdb 0

device keyring_4k
0 2097152 inlinecrypt aes-xts-plain64 :64:logon:fde:root 0 /dev/sdc 0 4 allow_discards sector_size:4096 iv_large_sectors keytype:raw

device wrapped
0 2097152 inlinecrypt aes-xts-plain64 :32:logon:wrapped 0 /dev/sdd 0 1 keytype:hw-wrapped

device count
0 2097152 inlinecrypt aes-xts-plain64 :64:logon:fde 0 /dev/sde   # expected-error {{inlinecrypt: Not enough arguments}}

device cipher
0 2097152 inlinecrypt aes-cbc-essiv:sha256 :64:logon:fde 0 /dev/sde 0   # expected-error {{inlinecrypt: Unsupported cipher: inlinecrypt supports aes-xts-plain64 only}}

device odd_key
0 2097152 inlinecrypt aes-xts-plain64 000 0 /dev/sde 0   # expected-error {{inlinecrypt: Cannot parse key size: the key has 3 hex digits}}

device keyring_size
0 2097152 inlinecrypt aes-xts-plain64 :sixtyfour:logon:fde 0 /dev/sde 0   # expected-error {{inlinecrypt: Cannot parse key size}}

device not_hex
0 2097152 inlinecrypt aes-xts-plain64 00zz 0 /dev/sde 0   # expected-error {{inlinecrypt: Malformed key string: the key must be hexadecimal digits}}

device user_key
0 2097152 inlinecrypt aes-xts-plain64 :64:user:fde 0 /dev/sde 0   # expected-error {{inlinecrypt: Malformed key string: inlinecrypt takes keyring keys of type logon only}}

device iv_offset
0 2097152 inlinecrypt aes-xts-plain64 :64:logon:fde -8 /dev/sde 0   # expected-error {{inlinecrypt: Invalid iv_offset sector}}

device start
0 2097152 inlinecrypt aes-xts-plain64 :64:logon:fde 0 /dev/sde x   # expected-error {{inlinecrypt: Invalid start sector}}

device feature_count
0 2097152 inlinecrypt aes-xts-plain64 :64:logon:fde 0 /dev/sde 0 5 a b c d e   # expected-error {{inlinecrypt: Invalid number of feature args}}

device feature
0 2097152 inlinecrypt aes-xts-plain64 :64:logon:fde 0 /dev/sde 0 1 same_cpu_crypt   # expected-error {{inlinecrypt: Invalid feature arguments}}

device key_type
0 2097152 inlinecrypt aes-xts-plain64 :64:logon:fde 0 /dev/sde 0 1 keytype:wrapped   # expected-error {{inlinecrypt: Invalid block key type}}

device sector_size
0 2097152 inlinecrypt aes-xts-plain64 :64:logon:fde 0 /dev/sde 0 2 sector_size:8192 iv_large_sectors   # expected-error {{inlinecrypt: Invalid sector_size}}

device large_ivs
0 2097152 inlinecrypt aes-xts-plain64 :64:logon:fde 0 /dev/sde 0 1 sector_size:4096   # expected-error {{inlinecrypt: iv_large_sectors must be specified}}

device length
0 2097151 inlinecrypt aes-xts-plain64 :64:logon:fde 0 /dev/sde 0 2 sector_size:4096 iv_large_sectors   # expected-error {{inlinecrypt: Device size is not a multiple of sector_size}}

device short_key
0 2097152 inlinecrypt aes-xts-plain64 :32:logon:fde 0 /dev/sde 0   # expected-error {{inlinecrypt: Error initializing blk-crypto key: aes-xts-plain64 takes a 64-byte raw key}}
