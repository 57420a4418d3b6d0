# The same stack with a typing mistake on line 5 ("stripped"): dmc must refuse it at the
# line, and the initramfs must open its shell instead of hanging.
device root-stripe

0 12M stripped 2 64 /dev/vda 0 /dev/vdb 0

device root
0 12M crypt aes-xts-plain64 :64:logon:dmc:root 0 @root-stripe 0
