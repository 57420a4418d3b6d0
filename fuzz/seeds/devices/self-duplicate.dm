device a
0 8 linear @a 0
device a
0 8 zero
device control
0 8 zero
