# thin (drivers/md/dm-thin.c): thin devices in a pool. The pool must be loaded and resumed
# first; dmc orders the devices of this file so that it is.

device pool
0 20G thin-pool /dev/vg/tmeta /dev/vg/tdata 128 0

device root
0 8G thin @pool 1

device home
0 100G thin @pool 2   # thin devices may be larger than the pool

device snap
0 8G thin @pool 3 /dev/vg/base   # an external, read-only origin

device big_id
0 8G thin @pool 16777215

device bad_id
0 8G thin @pool 16777216   # expected-error {{thin: Invalid device id: thin device ids are 24-bit, 0..16777215; 16777216 given}}

device word_id
0 8G thin @pool one   # expected-error {{thin: Invalid device id}}

device no_id
0 8G thin @pool   # expected-error {{thin: Invalid argument count}}

device too_many
0 8G thin @pool 4 /dev/vg/base /dev/vg/other   # expected-error {{thin: Invalid argument count}}

device self_origin
0 8G thin @pool 5 /dev/mapper/pool   # expected-error {{thin: Error setting origin device}}
