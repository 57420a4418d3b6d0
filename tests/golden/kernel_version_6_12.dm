# The same table under --kernel 6.12: one line for each rule that changed between the kernels
# dmc models (docs/targets.md), so the version index is exercised end to end. The files
# kernel_version_*.dm hold this table for each long-term kernel and the newest.
# verify-args: --kernel 6.12

device high_priority
0 8 crypt aes-xts-plain64 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100 0 /dev/sdb 0 1 high_priority

device integrity_key_size
0 8 crypt capi:authenc(hmac(sha256),xts(aes))-random 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffffeeddccbbaa99887766554433221100ffeeddccbbaa9988776655443322110000112233445566778899aabbccddeeff00112233445566778899aabbccddeeff 0 /dev/sdc 0 2 integrity:28:aead integrity_key_size:32   # expected-error {{crypt: Invalid feature arguments: 'integrity_key_size:32' is not a crypt feature}}

device verity_error_mode ro
# dm-verity 1.10.0 (6.12) has the error modes.
0 8 verity 1 /dev/sdd1 /dev/sdd2 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 - 1 restart_on_error

device flakey_error_reads
0 2097152 flakey /dev/sde 0 1 1 1 error_reads   # expected-error {{flakey: Unrecognised flakey feature requested}}

device io_affinity
0 2097152 multipath 0 0 1 1 io-affinity 0 1 1 /dev/sdf 1

device historical_service_time
0 2097152 multipath 0 0 1 1 historical-service-time 0 1 1 /dev/sdg 1

device integrity_inline
0 8 integrity /dev/sdh 0 4 I 1 internal_hash:crc32c

device error_over_device
0 8 error /dev/sdi not-a-sector

device control   # expected-error {{device name cannot be "control", ".", or ".." (kernel 6.4 and later)}}
0 8 zero
