# zero (drivers/md/dm-zero.c): reads return zeros, writes are discarded; no arguments.

device zeros
0 2097152 zero

device with_args
0 2097152 zero 1   # expected-error {{zero: No arguments required: zero takes no arguments; 1 given}}
