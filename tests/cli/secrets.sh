# Crypt keys never reach dmc's output: source lines in text diagnostics mask them, JSON and
# SARIF carry no source text; --show-keys shows them on purpose.
source "$(dirname "$0")/common.sh"
key=6b65796b65796b65796b65796b65796b65796b65796b65796b65796b65796b65
printf '0 100 crypt aes-xts-plain64 %s 0 /dev/sda 0 1 bogus\n' "$key" > k.table
for format in text json sarif; do
  expect_exit 1 "$DMC" verify --format "$format" k.table
  expect_not_contains out "6b65796b"
done
expect_exit 1 "$DMC" verify k.table
expect_contains out "*****"
expect_contains out "bogus"
expect_exit 1 "$DMC" verify --show-keys k.table
expect_contains out "6b65796b"
# A key error itself points at the masked key.
printf '0 100 crypt aes-xts-plain64 %sxy 0 /dev/sda 0\n' "${key:0:62}" > badkey.table
expect_exit 1 "$DMC" verify badkey.table
expect_not_contains out "6b65796b"
expect_contains out "crypt:"
# integrity's keyed options are masked too, wherever the error is on the line.
printf '0 8 integrity /dev/sda 0 - J 2 journal_mac:hmac(sha256):%s bogus\n' "$key" > i.table
expect_exit 1 "$DMC" verify i.table
expect_not_contains out "6b65796b"
expect_contains out "bogus"
# The JSON model is for inspection: keys hidden unless asked for; loadable outputs keep them.
printf 'device c\n0 8 crypt aes-xts-plain64 %s 0 /dev/sda 0\n' "$key" > c.dm
expect_exit 0 "$DMC" compile c.dm --emit json
expect_not_contains out "6b65796b"
expect_contains out '"params": "aes-xts-plain64 <key:64-hex-digits> 0 /dev/sda 0"'
expect_exit 0 "$DMC" compile c.dm --emit json --show-keys
expect_contains out "$key"
expect_exit 0 "$DMC" compile c.dm --emit table
expect_contains out "$key"
# integrity's keyed options were printed in clear by load --dry-run and compile --emit json.
printf 'device i\n0 8 integrity /dev/sdb 0 - J 2 internal_hash:hmac(sha256):%s journal_crypt:ctr(aes):%s\n' "$key" "$key" > jc.dm
expect_exit 0 "$DMC" load --dry-run jc.dm
expect_not_contains out "6b65796b"
expect_contains out "journal_crypt:ctr(aes):<key:64-hex-digits>"
expect_exit 0 "$DMC" compile --emit json jc.dm
expect_not_contains out "6b65796b"
expect_contains out "internal_hash:hmac(sha256):<key:64-hex-digits>"
# --show-keys means the same in load --dry-run as in verify: the diagnostics show the key too
# (load had its own --show-keys that reached only the printed tables).
expect_exit 0 "$DMC" load --dry-run --force --show-keys k.table
expect_contains out "6b65796b"
expect_contains err "6b65796b"
expect_exit 0 "$DMC" load --dry-run --force k.table
expect_not_contains out "6b65796b"
expect_not_contains err "6b65796b"
echo "secrets: ok"
