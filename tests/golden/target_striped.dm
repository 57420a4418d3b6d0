# striped (drivers/md/dm-stripe.c): RAID0 over <#stripes> devices in chunks of <chunk_sectors>.
# <#stripes> <chunk_sectors> (<dev> <offset>){#stripes}; each stripe gets length / #stripes.

device raid0
0 2097152 striped 2 256 /dev/sda 0 /dev/sdb 0

device four_way
0 4194304 striped 4 128 /dev/sdc 2048 /dev/sdd 2048 /dev/sde 2048 /dev/sdf 2048

device one_stripe
0 1024 striped 1 8 8:16 0

device too_few
0 2048 striped 2   # expected-error {{striped: Not enough arguments}}

device zero_stripes
0 2048 striped 0 256 /dev/sdg 0   # expected-error@+0:16 {{striped: Invalid stripe count: the number of stripes must not be 0}}

device zero_chunk
0 2048 striped 2 0 /dev/sdh 0 /dev/sdi 0   # expected-error@+0:18 {{striped: Invalid chunk_size: the chunk size must not be 0}}

device uneven_stripes
0 2049 striped 2 256 /dev/sdj 0 /dev/sdk 0   # expected-error {{striped: Target length not divisible by number of stripes}}

device uneven_chunks
0 2000 striped 2 256 /dev/sdl 0 /dev/sdm 0   # expected-error {{striped: Target length not divisible by chunk size: each stripe gets 1000 sectors, not a multiple of the chunk size 256}}

device missing_pair
0 2048 striped 2 256 /dev/sdn 0   # expected-error {{striped: Not enough destinations specified}}

device bad_destination
0 2048 striped 2 256 /dev/sdo 0 /dev/sdp x   # expected-error {{striped: Couldn't parse stripe destination}}
