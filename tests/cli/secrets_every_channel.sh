# Keys never reach any output without --show-keys: every command, every format, every --emit
# kind (and their errors), on fixtures with a key in every keyed slot of every target that takes
# keys, and key-looking tokens in wrong slots. Only the loadable outputs (compile --emit table,
# concise, dm-mod.create, and fmt, which rewrites the source) carry keys, which is their job.
source "$(dirname "$0")/common.sh"
# One distinct key a slot, so a leak names its channel and its slot.
k_crypt=c1c1c1c1a0a0a0a0c1c1c1c1a0a0a0a0c1c1c1c1a0a0a0a0c1c1c1c1a0a0a0a0
k_hash=4a4a4a4a5b5b5b5b4a4a4a4a5b5b5b5b4a4a4a4a5b5b5b5b4a4a4a4a5b5b5b5b
k_jcrypt=3c3c3c3c7d7d7d7d3c3c3c3c7d7d7d7d3c3c3c3c7d7d7d7d3c3c3c3c7d7d7d7d
k_jmac=2e2e2e2e8f8f8f8f2e2e2e2e8f8f8f8f2e2e2e2e8f8f8f8f2e2e2e2e8f8f8f8f
k_swapped=5f5f5f5f6e6e6e6e5f5f5f5f6e6e6e6e5f5f5f5f6e6e6e6e5f5f5f5f6e6e6e6e
k_feature=7a7a7a7a1b1b1b1b7a7a7a7a1b1b1b1b
k_option=9d9d9d9d0c0c0c0c9d9d9d9d0c0c0c0c9d9d9d9d0c0c0c0c
k_bad=8b8b8b8b6d6d6d6d8b8b8b8b6d6d6d6d8b8b8b8b6d6d6d6d8b8b8b8b6d6d6d6
# Keys on lines no target type vouches for: a misspelled type, a refused line, a key typed
# into the length field, boot strings that stop before their targets are typed.
k_misspelled=1d1d1d1d2c2c2c2c1d1d1d1d2c2c2c2c1d1d1d1d2c2c2c2c1d1d1d1d2c2c2c2c
k_refused=6a6a6a6a3e3e3e3e6a6a6a6a3e3e3e3e6a6a6a6a3e3e3e3e6a6a6a6a3e3e3e3e
k_in_length=0f0f0f0f9a9a9a9a0f0f0f0f9a9a9a9a0f0f0f0f9a9a9a9a0f0f0f0f9a9a9a9a
k_concise_early=b2b2b2b24d4d4d4db2b2b2b24d4d4d4db2b2b2b24d4d4d4db2b2b2b24d4d4d4d
k_dmmod_tab=e7e7e7e71f1f1f1fe7e7e7e71f1f1f1fe7e7e7e71f1f1f1fe7e7e7e71f1f1f1f
keyring_wrong_slot=':32:logon:wrongslotdescription'
keyring=':64:logon:cryptsetup:shown-on-purpose'
all_keys=("$k_crypt" "$k_hash" "$k_jcrypt" "$k_jmac" "$k_swapped" "$k_feature" "$k_option" "$k_bad" "$keyring_wrong_slot"
  "$k_misspelled" "$k_refused" "$k_in_length" "$k_concise_early" "$k_dmmod_tab")

# Loads and compiles: a key in every keyed slot.
cat > valid.dm <<EOF2
device c
0 8 crypt aes-xts-plain64 $k_crypt 0 /dev/sda 0
device i
0 8 integrity /dev/sdb 0 - J 3 internal_hash:hmac(sha256):$k_hash journal_crypt:ctr(aes):$k_jcrypt journal_mac:hmac(sha256):$k_jmac
device k
0 8 crypt aes-xts-plain64 $keyring 0 /dev/sdc 0
EOF2
# Errors on every keyed line, keys in right and wrong slots.
cat > errors.dm <<EOF2
device feature
0 8 crypt aes-xts-plain64 $k_crypt 0 /dev/sda 0 2 $k_feature bogus
device swapped
0 8 crypt $k_swapped aes-cbc-essiv:sha256 0 /dev/sda 0
device badkey
0 8 crypt aes-xts-plain64 ${k_bad}xy 0 /dev/sda 0
device length
0 8x crypt aes-xts-plain64 $k_crypt 0 /dev/sda 0
device start
8 8 crypt aes-xts-plain64 $k_crypt 0 /dev/sda 0
device integrity
0 8 integrity /dev/sdb 0 - J 5 internal_hash:hmac(sha256):$k_hash journal_crypt:ctr(aes):$k_jcrypt journal_mac:hmac(sha256):$k_jmac $k_option bogus
device keyring
0 8 crypt aes-xts-plain64 $k_crypt 0 /dev/sda 0 1 $keyring_wrong_slot
device misspelled
0 8 cryptx aes-xts-plain64 $k_misspelled 0 /dev/sda 0
device refused
zero 0 8 crypt aes-xts-plain64 $k_refused 0 /dev/sda 0
device inlength
0 $k_in_length crypt aes-xts-plain64 $k_in_length 0 /dev/sda 0
EOF2

mkdir channels commands
n=0
capture() {  # capture COMMAND...: stdout and stderr of one command, kept for the grep below
  n=$((n + 1))
  "$@" > "channels/$n.out" 2> "channels/$n.err" || true
  printf '%s\n' "$*" > "commands/$n"  # outside channels/: the commands hold the keys
  cp "channels/$n.out" "$WORK/out"; cp "channels/$n.err" "$WORK/err"
  validate_sarif_outputs
}
for format in text json sarif; do
  capture "$DMC" verify --format "$format" errors.dm valid.dm
  capture "$DMC" verify --format "$format" --concise "c,,,rw,0 8 crypt aes-xts-plain64 $k_crypt 0 /dev/sda 0 1 bogus"
  capture "$DMC" verify --format "$format" --dm-mod-create "c,,,rw,0 8 crypt $k_swapped aes-xts-plain64 0 /dev/sda 0"
  capture "$DMC" verify --format "$format" --concise "c,,,rw,0 8x crypt aes-xts-plain64 $k_concise_early 0 /dev/sda 0"
  capture "$DMC" verify --format "$format" --dm-mod-create "c,,,rw,0"$'\t'"8 crypt aes-xts-plain64 $k_dmmod_tab 0 /dev/sda 0"
  for kind in table btree-json image concise dm-mod.create json; do
    capture "$DMC" compile --format "$format" --emit "$kind" errors.dm
    capture "$DMC" compile --format "$format" --emit "$kind" errors.dm -o "channels/never-$kind"
  done
  capture "$DMC" load --dry-run --format "$format" valid.dm
  capture "$DMC" load --dry-run --force --format "$format" errors.dm
  capture "$DMC" reload --dry-run --format "$format" valid.dm
  capture "$DMC" diff --format "$format" valid.dm
done
for kind in btree-json image json; do
  capture "$DMC" compile --emit "$kind" valid.dm -o "channels/valid.$kind"
  capture "$DMC" compile --emit "$kind" valid.dm
done
# Loadable outputs: their stderr (warnings) is a channel, their stdout is not. Boot strings
# cannot create integrity targets: they get the crypt devices.
grep -v integrity valid.dm | grep -v '^device i$' > crypt-only.dm
"$DMC" compile --emit table valid.dm -o loadable.table 2> channels/loadable-table.err || true
for kind in concise dm-mod.create; do
  "$DMC" compile --emit "$kind" crypt-only.dm -o "loadable.$kind" 2> "channels/loadable-$kind.err" || true
done
"$DMC" fmt errors.dm > formatted.dm 2> channels/fmt.err || true
capture "$DMC" fmt --check errors.dm
capture "$DMC" lookup valid.dm 0 4
capture "$DMC" lookup --format json valid.dm 0 4
capture "$DMC" lookup channels/valid.image 0 4
capture "$DMC" whereis valid.dm /dev/sda 0
capture "$DMC" whereis channels/valid.image /dev/sdb 0
capture "$DMC" status
capture "$DMC" targets
capture "$DMC" targets --format markdown

# The grep: no key, nor a 16-digit piece of one, in any channel (any case).
leaks=""
for key in "${all_keys[@]}"; do
  for piece in "$key" "${key:0:16}" "${key: -16}"; do
    found=$(grep -rlaiF -- "$piece" channels || true)
    [ -z "$found" ] || leaks+="'$piece' in: $(for f in $found; do printf '%s (%s) ' "$f" "$(f=${f##*/}; cat "commands/${f%.*}" 2>/dev/null)"; done)"$'\n'
  done
done
[ -z "$leaks" ] || fail "keys leaked:"$'\n'"$leaks"
# The channels were exercised: diagnostics, dry-run tables, JSON models, masked keys.
grep -rqF '<key:64-hex-digits>' channels || fail "no masked key in any channel"
grep -rqF 'journal_crypt:ctr(aes):<key:64-hex-digits>' channels || fail "journal_crypt is not masked in place"
grep -rqF 'look swapped' channels || fail "no note on the swapped cipher and key"
for kind in concise dm-mod.create; do
  grep -qF '[boot-string-literal-key]' "channels/loadable-$kind.err" || fail "no literal-key warning for $kind"
  grep -qF ':32:logon:NAME' "channels/loadable-$kind.err" || fail "no keyring suggestion for $kind"
done
grep -qaF '<key-not-stored>' channels/valid.image || fail "the image has no key placeholder"
# Keyring references in the key slot name a key and are shown.
grep -rqF "$keyring" channels || fail "the keyring reference should be shown"

# The loadable outputs carry every key, and are private files.
for kind in table concise dm-mod.create; do
  for key in "$k_crypt" "$k_hash" "$k_jcrypt" "$k_jmac"; do
    [ "$kind" != table ] && [ "$key" != "$k_crypt" ] && continue  # boot strings hold no integrity target
    grep -qF -- "$key" "loadable.$kind" || fail "loadable.$kind lacks a key"
  done
  [ "$(stat -c %a "loadable.$kind")" = 600 ] || fail "loadable.$kind is not private"
done
for key in "$k_crypt" "$k_feature" "$k_swapped" "$k_option"; do grep -qF -- "$key" formatted.dm || fail "fmt lost a key"; done

# --show-keys shows them everywhere it applies, the same way in every command.
expect_exit 0 "$DMC" load --dry-run --show-keys valid.dm
for key in "$k_crypt" "$k_hash" "$k_jcrypt" "$k_jmac"; do expect_contains out "$key"; done
expect_exit 0 "$DMC" compile --emit json --show-keys valid.dm
for key in "$k_crypt" "$k_hash" "$k_jcrypt" "$k_jmac"; do expect_contains out "$key"; done
expect_exit 1 "$DMC" verify --show-keys errors.dm
expect_contains out "$k_feature"
expect_exit 0 "$DMC" load --dry-run --force --show-keys errors.dm
expect_contains err "$k_feature"
echo "secrets_every_channel: ok"
