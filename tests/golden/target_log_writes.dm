# log-writes (drivers/md/dm-log-writes.c): passes I/O to <dev> and logs every write to
# <log_dev>, for replaying file system crash tests.

device logged
0 2097152 log-writes /dev/sdb /dev/sdc

device logged_by_number
0 2097152 log-writes 8:32 8:48

device no_log
0 2097152 log-writes /dev/sdf   # expected-error {{log-writes: Invalid argument count}}
