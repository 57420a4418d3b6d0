# error (drivers/md/dm-target.c) on Debian 12's 6.1: every I/O fails, and the constructor
# ignores whatever arguments it is given.

device failing
0 2097152 error

device failing_with_args
0 2097152 error /dev/sdb not-a-sector
