# A length written in the wrong unit: the error at the next start names the likely mistake at
# the length that made it.

device end_sector
0 2048 zero
2048 4096 zero   # expected-note {{length is 4096; it is this target's start: was it written as an end sector? A length of 2048 would end it}}
# expected-error@+1 {{overlaps the previous one (line 6) by 2048 sectors}}
4096 2048 zero

device bytes
0 1048576 zero   # expected-note {{was it written in bytes? A length of 2048 would end it}}
# expected-error@+1 {{overlaps the previous one (line 11)}}
2048 8 zero

device kib
0 1024 zero   # expected-note {{was it written in 1 KiB blocks? A length of 2048 would end it}}
# expected-error@+1 {{gap of 1024 sectors}}
2048 8 zero

device blocks_4k
0 256 zero   # expected-note {{was it written in 4 KiB blocks? A length of 2048 would end it}}
# expected-error@+1 {{gap of 1792 sectors}}
2048 8 zero
