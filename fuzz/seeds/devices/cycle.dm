device a
0 8 linear @b 0
device b
0 8 linear @a 0
