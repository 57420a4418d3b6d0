# era (drivers/md/dm-era-target.c): records which blocks were written in which era.

device era
0 100G era /dev/vg/era-meta /dev/vg/data 8

device era_big_blocks
0 100G era /dev/vg/era-meta2 /dev/vg/data2 1024

device count
0 100G era /dev/vg/era-meta /dev/vg/data   # expected-error {{era: Invalid argument count}}

device parse
0 100G era /dev/vg/era-meta /dev/vg/data 4K   # expected-error {{era: Error parsing block size}}

device block
0 100G era /dev/vg/era-meta /dev/vg/data 100   # expected-error {{era: Invalid block size: the block size is 100 sectors; it must be a non-zero multiple of 8 sectors}}
