# delay (drivers/md/dm-delay.c): delays reads, writes and flushes, each class on its own device.
# 3 arguments: one <dev> <offset> <delay_ms> set for all I/O; 6: a second set for writes and
# flushes; 9: separate sets for reads, writes and flushes. Per set: offset (%llu sectors),
# delay (%u milliseconds), then the device.

device slow_disk
0 2097152 delay /dev/sdb 0 500

device slow_writes
0 2097152 delay /dev/sdc 0 0 /dev/sdd 2048 100

device split_io
0 1G delay /dev/sde 0 20 /dev/sdf 0 50 /dev/sdg 0 4294967295

device bad_count
0 2097152 delay /dev/sdh 0 10 /dev/sdi   # expected-error {{delay: Requires exactly 3, 6 or 9 arguments}}

device bad_offset
0 2097152 delay /dev/sdj +2048 10   # expected-error@+0:26 {{delay: Invalid device sector: '+2048'}}

device bad_delay
0 2097152 delay /dev/sdk 0 10 /dev/sdl 0 10ms   # expected-error {{delay: Invalid delay: '10ms' is not a decimal number}}

device bad_flush_class
# expected-error@+1 {{delay: Invalid device sector}}
0 2097152 delay /dev/sdm 0 10 /dev/sdn 0 10 /dev/sdo -8 10

device delay_too_long
0 2097152 delay /dev/sdp 0 4294967296   # expected-error {{delay: Invalid delay: '4294967296' does not fit in 32 bits}}
