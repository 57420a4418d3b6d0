# multipath (drivers/md/dm-mpath.c): one device reached by several paths, in priority groups.
# <#features> <features> <#hw_args> <hw_handler args> <#groups> <initial group> then per group
# <selector> <#selector args> <args> <#paths> <#path args> (<dev> <args>)...
# A multipath table is a singleton: one line.

device mpatha
0 209715200 multipath 1 queue_if_no_path 1 alua 2 1 round-robin 0 2 1 /dev/sdb 1 /dev/sdc 1 service-time 0 2 2 /dev/sdd 1 100 /dev/sde 1 50

device mpathb
0 209715200 multipath 4 pg_init_retries 50 queue_mode bio 0 1 1 queue-length 0 1 1 8:96 1

device no_paths_yet
0 209715200 multipath 0 0 0 0

device bad_feature
0 209715200 multipath 1 queue_if_nopath 0 0 0   # expected-error {{multipath: Unrecognised multipath feature request}}

device retries_out_of_range
0 209715200 multipath 2 pg_init_retries 100 0 0 0   # expected-error {{multipath: pg_init_retries must be between 1 and 50}}

device bad_queue_mode
0 209715200 multipath 2 queue_mode request 0 0 0   # expected-error {{multipath: Unknown 'queue_mode' requested}}

device handler_overrun
0 209715200 multipath 0 5 alua   # expected-error {{multipath: invalid number of hardware handler args: the hardware handler argument count is 5, but only 1 argument follows}}

device initial_zero
0 209715200 multipath 0 0 1 0 round-robin 0 1 0 /dev/sdf   # expected-error {{multipath: invalid initial priority group}}

device group_mismatch
0 209715200 multipath 0 0 2 1 round-robin 0 1 0 /dev/sdg   # expected-error {{multipath: priority group count mismatch: 2 priority groups announced, 1 given}}

device unknown_selector
0 209715200 multipath 0 0 1 1 least-pending 0 1 0 /dev/sdh   # expected-error {{multipath: unknown path selector type}}

device hst_not_built
# Debian's 6.1 kernel does not build historical-service-time or io-affinity.
0 209715200 multipath 0 0 1 1 historical-service-time 0 1 0 /dev/sdi   # expected-error {{multipath: unknown path selector type: historical-service-time is not in this kernel: Debian 12's 6.1 build leaves it out (CONFIG_DM_MULTIPATH_HST is not set)}}

device zero_paths
0 209715200 multipath 0 0 1 1 round-robin 0 0 0   # expected-error {{multipath: invalid number of paths}}

device short_path
0 209715200 multipath 0 0 1 1 round-robin 0 2 1 /dev/sdj 1 /dev/sdk   # expected-error {{multipath: not enough path parameters}}

device rr_two_args
0 209715200 multipath 0 0 1 1 round-robin 0 1 2 /dev/sdl 1 1   # expected-error {{multipath: round-robin ps: incorrect number of arguments}}

device st_throughput
0 209715200 multipath 0 0 1 1 service-time 0 1 2 /dev/sdm 1 500   # expected-error {{multipath: service-time ps: invalid relative_throughput value}}
