# ebs on 5.10, its first kernel (an upstream build with every option).
# verify-args: --kernel 5.10

# 512-byte sectors on a 4 KiB-sector disk.
device emulated_512
0 2097152 ebs /dev/sdb 0 1 8

device emulated_default
0 2097152 ebs /dev/sdc 2048 1

device emulated_too_big
0 2097152 ebs /dev/sdd 0 16   # expected-error {{ebs: Invalid emulated block size}}

device misaligned
0 2097152 ebs /dev/sdd 4 1 8   # expected-error {{ebs: Device offset must be multiple of underlying block size}}
