# The multi-device language: headers, attributes, references, units and '*'.
device base uuid=DMC-base
0 1G linear /dev/sdb 2048
* 512M linear /dev/sdc 0

device top ro minor=42
0 1536M linear @base 0

# expected-error@+1 {{device 'base' is defined twice in this file [duplicate-device]}}
device base
0 8 zero

device attributes uid=x   # expected-error {{unknown device attribute 'uid=x': expected uuid=..., minor=N, ro or rw; did you mean 'uuid='? [unknown-attribute]}}
0 8 zero

device big minor=1048576   # expected-error {{minor 1048576 is too large}}
0 8 zero

device sizes
0 1000B zero   # expected-error {{the length '1000B' is not a whole number of 512-byte sectors [partial-sector]}}
* 1.5K zero
* 0.3K zero    # expected-error {{partial-sector}}

device slash/name   # expected-error {{invalid device name: the kernel refuses '/' in names [invalid-device-name]}}
0 8 zero

device missing
0 8 linear @nowhere 0   # expected-error {{no device named 'nowhere' in this file [unknown-reference]}}

device typo
0 8 linear @bse 0   # expected-error {{did you mean '@base'?}}

device self
0 8 linear @self 0   # expected-error {{device 'self' cannot use itself [self-reference]}}

# expected-warning@+2 {{sectors 0 to 3145727 of @base are also mapped by the linear target on line 7}}
device oversized
0 2G linear @base 0   # expected-error {{linear: @base too small for target: start=0, len=4194304, dev_size=3145728 [device-too-small]}}

device empty   # expected-error {{no targets: the kernel refuses an empty table [empty-table]}}
