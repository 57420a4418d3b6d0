# clone (drivers/md/dm-clone-target.c, upstream since 5.4): copies a read-only source onto a
# destination while serving I/O. Debian's 6.1 build leaves it out; the argument checks run on
# 6.6, an upstream build with every option.
# verify-args: --kernel 6.6

device cloned
0 2097152 clone /dev/vg/clone-meta /dev/vg/dest /dev/vg/source 8

device cloned_tuned
0 2097152 clone /dev/vg/clone-meta2 /dev/vg/dest2 /dev/vg/source2 64 2 no_hydration NO_DISCARD_PASSDOWN 4 hydration_threshold 256 hydration_batch_size 8

device count
0 2097152 clone /dev/vg/m /dev/vg/d /dev/vg/s   # expected-error {{clone: Invalid number of arguments}}

device region_small
0 2097152 clone /dev/vg/m /dev/vg/d /dev/vg/s 4   # expected-error {{clone: Invalid region size: the region size (sectors) is 4; it must be from 8 to 2097152}}

device region_odd
0 2097152 clone /dev/vg/m /dev/vg/d /dev/vg/s 24   # expected-error {{clone: Region size is not a power of 2}}

device feature
0 2097152 clone /dev/vg/m /dev/vg/d /dev/vg/s 8 1 hydrate_now   # expected-error {{clone: Invalid feature argument}}

device core_odd
0 2097152 clone /dev/vg/m /dev/vg/d /dev/vg/s 8 0 3 hydration_threshold 1 x   # expected-error {{clone: Number of core arguments must be even}}

device core_value
0 2097152 clone /dev/vg/m /dev/vg/d /dev/vg/s 8 0 2 hydration_threshold -1   # expected-error {{clone: Invalid value for argument `hydration_threshold'}}

device core_key
0 2097152 clone /dev/vg/m /dev/vg/d /dev/vg/s 8 0 2 hydration_speed 1   # expected-error {{clone: Invalid core argument}}
