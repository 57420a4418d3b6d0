# A '#' is an ordinary character in a dm-mod.create value but starts a comment in a table file
# (and in dmsetup's concise lines): every --emit kind writes it faithfully or refuses it.
source "$(dirname "$0")/common.sh"
printf 'dm-mod.create="d,,,rw,0 8 linear /de#/sda 0"\n' > hash.param
expect_exit 0 "$DMC" verify hash.param
expect_exit 1 "$DMC" compile --emit table hash.param -o hash.table
expect_contains err "[table-comment-character]"
[ ! -e hash.table ] || fail "a table that cannot be read back was written"
mkdir dir
expect_exit 1 "$DMC" compile --emit table hash.param -o dir
[ -z "$(ls dir)" ] || fail "a table was written into the directory"
expect_exit 1 "$DMC" compile --emit concise hash.param
expect_contains err "[boot-string-unsafe]"
expect_exit 0 "$DMC" compile --emit dm-mod.create hash.param
expect_contains out "/de#/sda"
expect_exit 0 "$DMC" compile --emit json hash.param
expect_contains out '"params": "/de#/sda 0"'
expect_exit 0 "$DMC" compile --emit image hash.param -o hash.img
expect_exit 0 "$DMC" lookup hash.img 0
expect_contains out "/de#/sda"
# The fuzzer's input (fuzz/regressions/concise/device-path-with-hash) is refused or kept too.
for kind in table btree-json image concise dm-mod.create json; do
  code=0
  "$DMC" compile --emit "$kind" "$DMC_SOURCE/fuzz/regressions/concise/device-path-with-hash" > out 2> err || code=$?
  [ "$code" -le 1 ] || fail "--emit $kind exited $code: $(head -c 500 err)"
done
echo "hash_in_boot_string: ok"
