# switch (drivers/md/dm-switch.c): fixed-size regions, each sent to one of several paths by a
# table that messages fill in. <#paths> <region_sectors> <#opt_args = 0> (<dev> <offset>)...

device sw
0 2097152 switch 3 128 0 /dev/sdb 0 /dev/sdc 0 /dev/sdd 0

device sw_offsets
0 2097152 switch 2 4096 0 /dev/sde 2048 /dev/sdf +2048

device no_paths
0 2097152 switch 0 128 0   # expected-error {{switch: Invalid number of paths}}

device zero_region
0 2097152 switch 1 0 0 /dev/sdg 0   # expected-error {{switch: Invalid region size}}

device optional_args
0 2097152 switch 1 128 1 x /dev/sdh 0   # expected-error {{switch: Invalid number of optional args}}

device missing_path
0 2097152 switch 2 128 0 /dev/sdi 0   # expected-error {{switch: Incorrect number of path arguments: 2 paths need 4 <dev> <offset> arguments; 2 given}}

device bad_offset
0 2097152 switch 2 128 0 /dev/sdj 0 /dev/sdk x   # expected-error {{switch: Invalid device starting offset}}
