# The dmfs variant's root: an unencrypted ext4 file system striped across the two disks,
# mapped by the dmfs module (dmfs has no crypt target). A table in /etc/dmc/dmfs/ is loaded
# with dmc load --via dmfs; the kernel boots with root=/dev/dmfs/root.
device root
0 12M striped 2 64 /dev/vda 0 /dev/vdb 0
