# The boot test's root: an ext4 file system encrypted with aes-xts-plain64, striped across
# the virtual machine's two disks. The key is not in this file: the test writes a new random
# key to keys/root (mode 0600) for each run, the hook copies it into the initramfs as
# /etc/dmc/keys/root, and the boot script adds it to the kernel keyring as the logon key
# "dmc:root" before loading this file.
device root-stripe
0 12M striped 2 64 /dev/vda 0 /dev/vdb 0

device root
0 12M crypt aes-xts-plain64 :64:logon:dmc:root 0 @root-stripe 0
