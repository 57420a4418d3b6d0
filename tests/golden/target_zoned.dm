# zoned (drivers/md/dm-zoned-target.c): a host-managed zoned disk as a regular block device,
# optionally with a regular device for metadata and random writes first. A singleton table.
# Whether each device is zoned is only known on the machine; the kernel sets the length itself.

device dmz_single
0 2097152 zoned /dev/sdb

device dmz_cached
0 2097152 zoned /dev/nvme0n1 /dev/sdc /dev/sdd

device dmz_nothing
0 2097152 zoned   # expected-error {{zoned: Invalid argument count}}

# dm-zoned's own "Partial mapping is not supported" (a line not at sector 0) is never reached:
# the kernel refuses a singleton after another line before any constructor runs.
device zoned_after_zero
0 8 zero
8 100 zoned /dev/sdz   # expected-error {{zoned: singleton target type must appear alone in table}}
