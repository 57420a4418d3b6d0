# The boot test's root: an ext4 file system encrypted with aes-xts-plain64, striped across
# the virtual machine's two disks. The key is a test key, not a secret; the initramfs gets
# this file with mode 0600.
device root-stripe
0 12M striped 2 64 /dev/vda 0 /dev/vdb 0

device root
0 12M crypt aes-xts-plain64 6b2f1e0c9a8d7f6e5d4c3b2a19080706f5e4d3c2b1a09f8e7d6c5b4a39281706152433425160718f9eadbccbdaf9e8d7c6b5a4938271605f4e3d2c1b0a09f8e7 0 @root-stripe 0
