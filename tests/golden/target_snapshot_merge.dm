# snapshot-merge (drivers/md/dm-snap.c): merges a persistent snapshot back into its origin.

device base
0 10G linear /dev/sdb 2048

device cow
0 1G linear /dev/sdc 2048

device merge
0 10G snapshot-merge @base @cow P 8

device merge_overflow
0 10G snapshot-merge @base @cow PO 8 1 discard_zeroes_cow

device merge_transient
0 10G snapshot-merge @base @cow N 8   # expected-error {{snapshot-merge: Snapshot exception store does not support snapshot-merge.: a snapshot can only be merged from a persistent store}}

device merge_same
0 10G snapshot-merge @cow @cow P 8   # expected-error {{snapshot-merge: COW device cannot be the same as origin device}}

device merge_chunk
0 10G snapshot-merge @base @cow N 3   # expected-error {{snapshot-merge: Couldn't create exception store}}

device merge_big
0 11G snapshot-merge @base @cow P 8   # expected-error {{snapshot-merge: @base too small for target}}
