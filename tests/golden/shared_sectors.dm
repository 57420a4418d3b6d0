# Sectors of one underlying device used by two targets (validator/area_overlaps.h), said from
# what each target does with them: each area's use is its target type's own fact.

# One disk given twice to one striped target, overlapping: the check looks inside a line too.
device twice
# expected-warning@+1 {{striped: sectors 16384 to 16639 of /dev/sdb are mapped twice by this target: writes through one area overwrite the other's data [shared-sectors]}}
0 512 striped 2 256 /dev/sdb 16384 /dev/sdb 16384
# delay's read class next to its write class on one disk is its design.
device delayed
0 100 delay /dev/sdh 0 0 /dev/sdh 0 10

# Two thin devices with one id of one pool are one volume written twice.
device pool
0 2097152 thin-pool /dev/sdc1 /dev/sdc2 128 0
device thin_a
0 2097152 thin @pool 1
device thin_b
0 2097152 thin @pool 1   # expected-warning {{thin: id 1 of @pool is also used by the thin target on line 16: two devices writing one volume destroy each other's data [shared-sectors]}}
device thin_c
0 2097152 thin @pool 2

# A snapshot reads its origin, which snapshot-origin writes: shared by design.
device base
0 1000 snapshot-origin /dev/sdd
device snap
0 1000 snapshot /dev/sdd /dev/sde P 8
# Another target writing a snapshot's origin changes what the snapshot reads.
device snap_only
0 1000 snapshot /dev/sdf /dev/sdg P 8
device writer
# expected-warning@+1 {{linear: sectors 0 to 99 of /dev/sdf are also mapped by the snapshot target on line 29: it only reads them, and this target's writes change them under it [shared-sectors]}}
0 100 linear /dev/sdf 0

# Two verity devices reading one data disk share nothing that changes.
device verity_a ro
0 8 verity 1 /dev/sdi /dev/sdj 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -
device verity_b ro
0 8 verity 1 /dev/sdi /dev/sdk 4096 4096 1 1 sha256 4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718 -
device verity_writer
# expected-warning@+1 {{linear: sectors 0 to 7 of /dev/sdi are also mapped by the verity target on line 36: it only reads them, and this target's writes change them under it [shared-sectors]}}
0 8 linear /dev/sdi 0

# One table opening a disk read-only (a snapshot's origin), then read-write: 6.1 oopses.
device oops
0 100 snapshot /dev/sdl /dev/sdm P 8
# expected-warning@+1 {{linear: this target opens /dev/sdl read-write, after the snapshot target on line 45 of the same table opened it read-only: the kernel reopens it and frees the handle that target holds (kernel 6.1 oopses loading this table) [mixed-open-modes]}}
100 100 linear /dev/sdl 500
# The other order is safe: the read-write open already covers the read-only one.
device safe_order
0 100 linear /dev/sdn 500
100 100 snapshot /dev/sdn /dev/sdo P 8
