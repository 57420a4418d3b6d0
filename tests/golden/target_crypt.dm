# crypt (drivers/md/dm-crypt.c): encrypts a range with the kernel crypto API.
# Each case below reuses the same underlying devices, so their sharing is not the point here:
# verify-args: --no-warn shared-sectors
# The keys below are examples, not secrets. dmc never repeats a key in its own messages.

device disk
0 16G linear /dev/sdb 2048

# LUKS2's default: AES-256 in XTS mode takes a 512-bit key (two AES-256 keys), 128 hex digits.
device luks
0 15G crypt aes-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 @disk 32768

# The older cryptsetup default, with sector_size and discards.
device essiv
0 8G crypt aes-cbc-essiv:sha256 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff 0 /dev/sdc 0 2 allow_discards sector_size:4096

# A key held in the kernel keyring, as cryptsetup passes it; its size is given, not its bytes.
device keyring
0 8G crypt aes-xts-plain64 :64:logon:cryptsetup:0f3c5e1a-luks 0 /dev/sdd 4096

# The crypto API form, and authenticated encryption over dm-integrity.
device capi
0 8G crypt capi:xts(aes)-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff 0 /dev/sde 0

device aead
0 8G crypt capi:authenc(hmac(sha256),xts(aes))-random 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa9988776655443322110000112233445566778899aabbccddeeff00112233445566778899aabbccddeeff 0 /dev/sdf 0 1 integrity:28:aead

# loop-AES compatibility: 64 keys and an IV seed (65 x 16 bytes).
device loopaes
0 1G crypt aes:64-cbc-lmk abababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababab 0 /dev/sdg 0

device short
0 8 crypt aes-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0   # expected-error {{crypt: Not enough arguments}}

device keysize
0 8 crypt aes-xts-plain64 :sixtyfour:logon:k 0 /dev/sdh 0   # expected-error {{crypt: Cannot parse key size}}

device features
0 8 crypt aes-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 /dev/sdh 0 2 allow_discards   # expected-error {{crypt: Invalid number of feature args}}

device feature_name
0 8 crypt aes-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 /dev/sdh 0 1 discard   # expected-error {{crypt: Invalid feature arguments: 'discard' is not a crypt feature}}

device sector_size
0 8 crypt aes-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 /dev/sdh 0 1 sector_size:520   # expected-error {{crypt: Invalid feature value for sector_size}}

device sector_multiple
0 12 crypt aes-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 /dev/sdh 0 1 sector_size:4096   # expected-error {{crypt: Device size is not multiple of sector_size feature}}

device integrity_tag
0 8 crypt aes-xts-random 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 /dev/sdh 0 1 integrity:0:none   # expected-error {{crypt: Invalid integrity arguments}}

device integrity_profile
0 8 crypt aes-xts-random 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 /dev/sdh 0 1 integrity:16:crc   # expected-error {{crypt: Unknown integrity profile}}

device paren
0 8 crypt xts(aes)-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 /dev/sdh 0   # expected-error {{crypt: Bad cipher specification: a crypto API spec with '(' needs the capi: prefix}}

device keycount
0 8 crypt aes:3-cbc-lmk 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff 0 /dev/sdh 0   # expected-error {{crypt: Bad cipher key count specification}}

device no_iv
0 8 crypt aes-xts 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 /dev/sdh 0   # expected-error {{crypt: IV mechanism required}}

device essiv_digest
0 8 crypt aes-cbc-essiv 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff 0 /dev/sdh 0   # expected-error {{crypt: Digest algorithm missing for ESSIV mode}}

device iv_mode
0 8 crypt aes-xts-plain46 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 /dev/sdh 0   # expected-error {{crypt: Invalid IV mode: 'plain46' is not an IV mode}}

device not_hex
0 8 crypt aes-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa998877665544332211zz 0 /dev/sdh 0   # expected-error {{crypt: Error decoding and setting key: the key must be hexadecimal digits, but its character 127 is not one}}

device key_length
0 8 crypt aes-xts-plain64 0123456789012345678901234567890123456789 0 /dev/sdh 0   # expected-error {{crypt: Error decoding and setting key: aes in xts mode takes a key of 32, 48 or 64 bytes (64, 96 or 128 hex digits); the key is 20 bytes}}

device key_type
0 8 crypt aes-xts-plain64 :64:trusted:tpm 0 /dev/sdh 0   # expected-error {{crypt: Error decoding and setting key: the keyring key type must be logon, user or encrypted}}

device lmk_sectors
0 8 crypt aes-cbc-lmk 0123456789abcdef0123456789abcdef 0 /dev/sdh 0 1 sector_size:4096   # expected-error {{crypt: Error creating IV}}

device iv_offset
0 8 crypt aes-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 1 /dev/sdh 0 1 sector_size:4096   # expected-error {{crypt: Invalid iv_offset sector: with sector_size:4096 the IV offset must be a multiple of 8 sectors}}

device offset
0 8 crypt aes-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 /dev/sdh 0x800   # expected-error {{crypt: Invalid device sector}}

device too_far
0 16G crypt aes-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 @disk 1   # expected-error {{crypt: @disk too small for target}}

# The cipher spec becomes a crypto API name (here xts(nosuchcipher)) that the kernel must have.
device no_such_cipher
0 8 crypt nosuchcipher-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff 0 /dev/sdh 0   # expected-error {{crypt: Error allocating crypto tfm: this spec asks the crypto API for xts(nosuchcipher): the kernel has no algorithm named 'nosuchcipher'}}
device essiv_typo
0 8 crypt aes-cbc-essiv:sha265 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff 0 /dev/sdh 0   # expected-error {{crypt: Error allocating crypto tfm: this spec asks the crypto API for essiv(cbc(aes),sha265): the kernel has no algorithm named 'sha265'; did you mean 'sha256'?}}
