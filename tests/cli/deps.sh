# dmc deps: the devices to wait for, the target modules and the crypto algorithms a boot needs.
source "$(dirname "$0")/common.sh"

key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f
cat > stack.dm <<EOF2
device fast
0 1G striped 2 128 /dev/vdb 0 8:32 0

device thin-meta
0 8M linear /dev/vdb 2G

device secure
0 1G crypt aes-xts-plain64 $key 0 @fast 0
* 1G crypt aes-cbc-essiv:sha256 ${key:0:64} 0 /dev/mapper/fast 0
* 8M zero
EOF2
expect_exit 0 "$DMC" deps stack.dm
cat > want <<'EOF2'
device /dev/vdb
device 8:32
module dm_crypt
module dm_mod
module dm_zero
crypto aes
crypto cbc
crypto essiv
crypto sha256
crypto xts
EOF2
diff -u want out || fail "deps of stack.dm"
# Keys never appear.
expect_not_contains out "$key"

# capi: names, verity's hash and integrity's internal hash; sorted and unique over files.
cat > capi.table <<EOF2
0 100 crypt capi:authenc(hmac(sha256),xts(aes))-random ${key} 0 /dev/sda 0 1 integrity:32:aead
EOF2
cat > verity.dm <<'EOF2'
device v ro
0 8 verity 1 /dev/sdb /dev/sdc 4096 4096 1 1 sha512 1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111 -
EOF2
"$DMC" deps capi.table verity.dm > out 2> err || true
expect_contains out "crypto authenc"
expect_contains out "crypto hmac"
expect_contains out "crypto sha512"
expect_contains out "module dm_verity"
expect_contains out "device /dev/sdc"
[ "$(grep -c '^crypto sha256$' out)" = 1 ] || fail "names listed once"

# A file with mistakes: what can be listed is, the diagnostic goes to stderr, exit 1.
printf 'device root\n0 100 linear /dev/vda 0\n100 50 lienar /dev/vdb 0\n' > mistake.dm
expect_exit 1 "$DMC" deps mistake.dm
expect_contains out "device /dev/vda"
expect_contains err "mistake.dm:3:8: error"
expect_exit 2 "$DMC" deps missing.dm
echo "deps: ok"
