# Warnings silenced in the file itself: for its line, for the next table line, for the file.
# dmc: no-warn-file plus-sign
device a
+0 8 linear /dev/sdb 0
device b
0 8 linear /dev/sdb 0   # dmc: no-warn shared-sectors
device c
# dmc: no-warn shared-sectors, minus-zero
-0 8 linear /dev/sdb 0
device d
# Only the lines named are silent: this one still warns.
# expected-warning@+1 {{also mapped by the linear target on line 4}}
0 8 linear /dev/sdb 0

# What silences nothing says so, at its place.
device e
0 8 zero   # dmc: no-warn gap   # expected-warning {{'gap' is not a warning; errors cannot be silenced [invalid-suppression]}}
0 8 zero   # dmc: no-warn shared-sector   # expected-warning {{no diagnostic has the code 'shared-sector'}}
# expected-error@-1 {{overlaps the previous one}}
# dmc: nowarn shared-sectors   # expected-warning {{unknown dmc directive 'nowarn'}}
# dmc: no-warn   # expected-warning {{no-warn names no warning code}}
8 8 zero
