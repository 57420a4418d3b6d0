# flakey (drivers/md/dm-flakey.c): up for <up> seconds, then fails (or corrupts) I/O for <down>
# seconds. <dev> <offset> <up> <down> [<#features> <feature>...]; 6.1 knows drop_writes,
# error_writes and corrupt_bio_byte <nth_byte> <r|w> <value> <flags> (counted as 5).

device flaky_fs
0 2097152 flakey /dev/sdb 0 60 5

device drop_on_down
0 2097152 flakey /dev/sdc 2048 30 10 1 drop_writes

device corrupt_reads
0 2097152 flakey /dev/sdd 0 10 10 5 corrupt_bio_byte 512 r 255 0

device error_and_corrupt_reads
0 2097152 flakey /dev/sde 0 10 10 6 ERROR_WRITES Corrupt_Bio_Byte 1 R 0 0

device always_down
0 2097152 flakey /dev/sdf 0 0 1

device too_few
0 2097152 flakey /dev/sdg 0 60   # expected-error {{flakey: Invalid argument count}}

device down_not_number
# 6.1 gives the down interval the up interval's message (7.2 says "down").
0 2097152 flakey /dev/sdh 0 60 5s   # expected-error {{flakey: Invalid up interval: '5s' is not a decimal number}}

device never_up_or_down
0 2097152 flakey /dev/sdi 0 0 0   # expected-error {{flakey: Total (up + down) interval is zero}}

device interval_overflow
0 2097152 flakey /dev/sdj 0 4294967295 1   # expected-error {{flakey: Interval overflow}}

device too_many_features
0 2097152 flakey /dev/sdk 0 1 1 7 drop_writes corrupt_bio_byte 1 r 0 0 x   # expected-error {{flakey: Invalid number of feature args: the feature count is 7; it must be from 0 to 6}}

device drop_and_error
0 2097152 flakey /dev/sdl 0 1 1 2 drop_writes error_writes   # expected-error {{flakey: Feature error_writes conflicts with feature drop_writes}}

device bad_direction
0 2097152 flakey /dev/sdm 0 1 1 5 corrupt_bio_byte 1 x 0 0   # expected-error {{flakey: Invalid corrupt bio direction (r or w)}}

device bad_value
0 2097152 flakey /dev/sdn 0 1 1 5 corrupt_bio_byte 1 w 256 0   # expected-error {{flakey: Invalid corrupt value to write into bio byte (0-255)}}

device uncounted_parameters
0 2097152 flakey /dev/sdo 0 1 1 1 corrupt_bio_byte 1 w 0 0   # expected-error {{flakey: Feature corrupt_bio_byte requires parameters}}

device dropped_and_corrupted
0 2097152 flakey /dev/sdp 0 1 1 6 drop_writes corrupt_bio_byte 1 w 0 0   # expected-error {{flakey: drop_writes is incompatible with corrupt_bio_byte with the WRITE flag set}}

device newer_feature
0 2097152 flakey /dev/sdq 0 1 1 1 error_reads   # expected-error {{flakey: Unrecognised flakey feature requested}}
