# snapshot-origin (drivers/md/dm-snap.c): the origin side of LVM snapshots.

device base
0 10G linear /dev/sdb 2048

device origin
0 10G snapshot-origin @base

device origin_big
0 11G snapshot-origin @base   # expected-error {{snapshot-origin: @base too small for target}}

device origin_none
0 10G snapshot-origin   # expected-error {{snapshot-origin: origin: incorrect number of arguments}}

device origin_two
0 10G snapshot-origin @base 0   # expected-error {{origin: incorrect number of arguments: snapshot-origin takes exactly one argument}}
