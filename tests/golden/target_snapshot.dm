# snapshot (drivers/md/dm-snap.c, dm-exception-store.c): copy-on-write snapshots.

device base
0 10G linear /dev/sdb 2048

device cow
0 1G linear /dev/sdc 2048

device snap
0 10G snapshot @base @cow P 8

device snap_overflow
0 10G snapshot @base @cow PO 16 2 discard_zeroes_cow discard_passdown_origin

device snap_transient
0 10G snapshot @base /dev/sdd N 32

device snap_default_chunk
0 10G snapshot @base @cow p 0

device snap_short
0 10G snapshot @base @cow P   # expected-error {{snapshot: requires 4 or more arguments}}

device snap_same
0 10G snapshot @base /dev/mapper/base P 8   # expected-error {{snapshot: COW device cannot be the same as origin device}}

device snap_type
0 10G snapshot @base @cow X 8   # expected-error {{snapshot: Couldn't create exception store: the exception store type must be P (persistent), PO}}

device snap_option
0 10G snapshot @base @cow PN 8   # expected-error {{Couldn't create exception store: the persistent store's only option is O}}

device snap_chunk
0 10G snapshot @base @cow P 24   # expected-error {{Couldn't create exception store: the chunk size must be a power of two}}

device snap_chunk_big
0 10G snapshot @base @cow P 8388608   # expected-error {{Couldn't create exception store: the chunk size must be at most 4194303 sectors}}

device snap_chunk_word
0 10G snapshot @base @cow P 4K   # expected-error {{snapshot: Couldn't create exception store}}

device snap_nfeatures
0 10G snapshot @base @cow P 8 3 a b c   # expected-error {{snapshot: Invalid number of feature arguments}}

device snap_feature
0 10G snapshot @base @cow P 8 1 discard   # expected-error {{snapshot: Unrecognised feature requested}}

device snap_feature_dep
0 10G snapshot @base @cow P 8 1 discard_passdown_origin   # expected-error {{snapshot: discard_passdown_origin feature depends on discard_zeroes_cow}}

# The origin must hold the whole snapshot; the COW device is used over its own size.
device snap_big
0 12G snapshot @base @cow P 8   # expected-error {{snapshot: @base too small for target}}
