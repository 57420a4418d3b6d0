# crypt over dm-integrity (crypt_integrity_ctr, 6.1): once the profile below matches, the random
# IV is kept in each sector's tag and an AEAD's authentication tag takes the rest, so the two
# must fill the tag exactly, with a tag size the AEAD takes.
# The keys below are examples, not secrets. Failing lines reuse the devices above:
# verify-args: --no-warn shared-sectors

device tags16
0 1000 integrity /dev/sdb 0 16 J 0

device tags28
0 1000 integrity /dev/sdc 0 28 J 0

device tags17
0 1000 integrity /dev/sdd 0 17 J 0

device tags64
0 1000 integrity /dev/sde 0 64 J 0

# An HMAC-SHA256 tag of 12 bytes after the 16-byte random IV.
device aead
0 1000 crypt capi:authenc(hmac(sha256),xts(aes))-random bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 0 @tags28 0 1 integrity:28:aead

# integrity:N:none keeps only the random IV: AES-XTS's IV is 16 bytes.
device random_iv
0 1000 crypt aes-xts-random aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0 @tags16 0 1 integrity:16:none

device random_iv_loose
0 1000 crypt aes-xts-random aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0 @tags28 0 1 integrity:28:none   # expected-error {{crypt: Not enough space for integrity tag in the profile: with integrity:<bytes>:none each tag holds only the random IV, 16 bytes here; write integrity:16:none}}

# GCM's IV is 12 bytes: 17 leaves a 5-byte tag, which gcm(aes) does not take.
device gcm_tag
0 1000 crypt capi:gcm(aes)-random cccccccccccccccccccccccccccccccc 0 @tags17 0 1 integrity:17:aead   # expected-error {{crypt: Integrity AEAD auth tag size is not supported: gcm(aes) takes authentication tags of 4, 8 or 12 to 16 bytes, not 5}}

# 64 bytes less the 16-byte IV leaves 48, more than SHA-256's 32-byte digest.
device hmac_tag
0 1000 crypt capi:authenc(hmac(sha256),xts(aes))-random bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 0 @tags64 0 1 integrity:64:aead   # expected-error {{crypt: Integrity AEAD auth tag size is not supported: authenc(hmac(sha256),xts(aes)) gives at most 32-byte authentication tags (its MAC's digest), not 48}}

# A mismatched profile is reported first, as the kernel checks it first.
device mismatch
0 1000 crypt aes-xts-random aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0 @tags17 0 1 integrity:28:none   # expected-error {{crypt: Integrity profile tag size mismatch}}

# Nothing known of the device below: the table fails whatever it offers.
device unknown_below
0 1000 crypt aes-xts-random aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0 /dev/sdf 0 1 integrity:20:none   # expected-error {{crypt: Not enough space for integrity tag in the profile}}
