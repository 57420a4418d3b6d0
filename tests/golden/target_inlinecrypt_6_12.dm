# inlinecrypt on 6.12: the target is upstream only from 7.2.
# verify-args: --kernel 6.12

device encrypted
0 2097152 inlinecrypt aes-xts-plain64 :64:logon:fde 0 /dev/sdb 0   # expected-error {{inlinecrypt: the chosen kernel has no such target}}
