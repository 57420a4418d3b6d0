# unstriped (drivers/md/dm-unstripe.c): one stripe of a RAID0 set as a device of its own.
# <#stripes> <chunk_sectors> <stripe#> <dev> <offset>; the numbers are kstrtouint ('+' allowed).

device md0_stripe0
0 1048576 unstriped 4 256 0 /dev/md0 0

device md0_stripe3
0 1048576 unstriped 4 256 3 /dev/md1 0

device plus_signs
0 1048576 unstriped +2 +128 +1 /dev/md2 0

device wrong_count
0 1048576 unstriped 4 256 0 /dev/md3   # expected-error {{unstriped: Invalid number of arguments}}

device zero_stripes
0 1048576 unstriped 0 256 0 /dev/md4 0   # expected-error@+0:21 {{unstriped: Invalid stripe count: the number of stripes must not be 0}}

device zero_chunk
0 1048576 unstriped 4 0 0 /dev/md5 0   # expected-error@+0:23 {{unstriped: Invalid chunk_size}}

device no_such_stripe
0 1048576 unstriped 4 256 7 /dev/md6 0   # expected-error {{unstriped: Please provide stripe between [0, # of stripes]}}

device bad_offset
0 1048576 unstriped 4 256 0 /dev/md7 +0   # expected-error {{unstriped: Invalid striped device offset}}

device uneven
0 1000 unstriped 4 256 0 /dev/md8 0   # expected-error {{unstriped: Target length not divisible by chunk size: length 1000 is not a multiple of the chunk size 256}}
