# ebs on 5.4: the target is upstream, but only since 5.10.
# verify-args: --kernel 5.4

device emulated_512
0 2097152 ebs /dev/sdb 0 1 8   # expected-error {{ebs: the chosen kernel has no such target: kernel 5.4 does not have it yet (ebs since 5.10) (see --kernel)}}
