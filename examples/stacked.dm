# A dmc multi-device file: an encrypted volume on a concatenation of a RAID0 and a disk.
# Devices refer to each other with @name; dmc orders them so each comes after what it uses
# and checks each against the size of the device below.
#   dmc compile examples/stacked.dm -o build/stacked/   writes one dmsetup table a device

device fast uuid=DMC-fast-0001
0 8G striped 2 256 /dev/sdb 2048 /dev/sdc 2048

device pool uuid=DMC-pool-0001
0 8G linear @fast 0
* 4G linear /dev/sdd 2048

# aes-xts-plain64 takes a 512-bit key: 128 hex digits (this one is an example, not a secret).
device secure uuid=CRYPT-PLAIN-secure
0 12G crypt aes-xts-plain64 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f 0 @pool 0
