# linear (drivers/md/dm-linear.c): maps the range onto a contiguous range of another device.
# <dev> <offset>; the offset is read with sscanf %llu: digits only (dmc refuses what %llu would
# take but mean something else: a '+', a '-' that wraps).

device root
0 2097152 linear /dev/sda 2048

device by_number
0 2097152 linear 8:16 0

device joined
0       1048576 linear /dev/sdb 0
1048576 1048576 linear /dev/sdc 2048

device plus_offset
0 2048 linear /dev/sdd +8   # expected-error@+0:24 {{linear: Invalid device sector: '+8'}}

device missing_offset
0 2048 linear /dev/sde   # expected-error {{linear: Invalid argument count}}

device extra_argument
0 2048 linear /dev/sdf 0 excl   # expected-error {{linear takes exactly 2 arguments, <device> <offset>; 3 given}}

device bad_offset
0 2048 linear /dev/sdg 2k   # expected-error@+0:24 {{linear: Invalid device sector}}

device negative_offset
0 2048 linear /dev/sdh -8   # expected-error {{linear: Invalid device sector}}
