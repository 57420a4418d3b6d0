# vdo on 6.6: the target is upstream only since 6.9.
# verify-args: --kernel 6.6

device dedup
0 2097152 vdo V4 /dev/sdb 262144 4096 32768 16380   # expected-error {{vdo: the chosen kernel has no such target: kernel 6.6 does not have it yet (vdo since 6.9) (see --kernel)}}
