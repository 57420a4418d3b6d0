# verify-args: --werror
# With --werror a warning is an error (and the run fails); what the file silences stays silent.
device a
0 8 linear /dev/sdb 0
device b
# expected-error@+1 {{also mapped by the linear target on line 4: targets writing the same sectors destroy each other's data [shared-sectors]}}
0 8 linear /dev/sdb 0
device c
0 8 linear /dev/sdb 0   # dmc: no-warn shared-sectors
