# Devices that use each other in a cycle can never be created.
device a
0 8 linear @b 0   # expected-error {{devices use each other in a cycle: a -> b -> c -> a [reference-cycle]}}
device b
0 8 linear @c 0   # expected-note {{'b' uses 'c' here}}
device c
0 8 linear @a 0   # expected-note {{'c' uses 'a' here}}
