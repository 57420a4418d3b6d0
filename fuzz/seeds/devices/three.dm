device a uuid=A minor=1 ro
0 8 zero
device b
0 8 linear @a 0
* 8 linear @a 0
device c rw
0 16 striped 2 8 @a 0 @b 0
