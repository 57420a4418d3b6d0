# Output files: a new file is 0666 & ~umask, or 0600 when it holds a key; a replaced file keeps
# its mode (never world-readable once it holds a key); a symbolic link is written through.
source "$(dirname "$0")/common.sh"
key=6b65796b65796b65796b65796b65796b65796b65796b65796b65796b65796b65
mode() { stat -c %a "$1"; }
expect_mode() { [ "$(mode "$1")" = "$2" ] || fail "$1 has mode $(mode "$1"), expected $2"; }
printf 'device c\n0 8 crypt aes-xts-plain64 %s 0 /dev/sda 0\n' "$key" > crypt.dm
printf 'device plain\n0 8 linear /dev/sda 0\n' > plain.dm
printf 'device c\n0 8 crypt aes-xts-plain64 %s 0 /dev/sda 0\ndevice plain\n0 8 linear /dev/sda 0\n' "$key" > both.dm

umask 022
expect_exit 0 "$DMC" compile plain.dm -o plain.out
expect_mode plain.out 644
expect_exit 0 "$DMC" compile crypt.dm -o crypt.out
expect_mode crypt.out 600
for kind in concise dm-mod.create; do
  expect_exit 0 "$DMC" compile crypt.dm --emit "$kind" -o "crypt.$kind"
  expect_mode "crypt.$kind" 600
done
# integrity keys count as keys too.
printf 'device i\n0 8 integrity /dev/sda 0 - J 1 internal_hash:hmac(sha256):%s\n' "$key" > integrity.dm
expect_exit 0 "$DMC" compile integrity.dm -o integrity.out
expect_mode integrity.out 600
# The masked JSON model and the image hold no key: ordinary files.
expect_exit 0 "$DMC" compile crypt.dm --emit json -o crypt.json
expect_mode crypt.json 644
expect_exit 0 "$DMC" compile crypt.dm --emit json --show-keys -o crypt-keys.json
expect_mode crypt-keys.json 600
# One file a device: only the device with a key is private.
mkdir dir
expect_exit 0 "$DMC" compile both.dm -o dir
expect_mode dir/c.table 600
expect_mode dir/plain.table 644

umask 077
expect_exit 0 "$DMC" compile plain.dm -o plain077.out
expect_mode plain077.out 600
umask 002
expect_exit 0 "$DMC" compile plain.dm -o plain002.out
expect_mode plain002.out 664
umask 022

# Replacing keeps the old mode: a private source stays private after fmt -i.
printf 'device c\n0   8 crypt aes-xts-plain64 %s 0 /dev/sda 0\n' "$key" > secret.dm
chmod 600 secret.dm
expect_exit 0 "$DMC" fmt -i secret.dm
expect_mode secret.dm 600
expect_contains secret.dm "0 8 crypt"
printf 'device plain\n0   8 linear /dev/sda 0\n' > shared.dm
chmod 664 shared.dm
expect_exit 0 "$DMC" fmt -i shared.dm
expect_mode shared.dm 664
# A world-readable output replaced with a key loses its world bits.
printf 'old\n' > was-public.out
chmod 644 was-public.out
expect_exit 0 "$DMC" compile crypt.dm -o was-public.out
expect_mode was-public.out 640
# A pre-existing 0600 output stays 0600 even without keys.
printf 'old\n' > private.out
chmod 600 private.out
expect_exit 0 "$DMC" compile plain.dm -o private.out
expect_mode private.out 600

# Symbolic links are written through: the link stays, its target gets the content.
mkdir real
printf 'device plain\n0   8 linear /dev/sda 0\n' > real/table.dm
chmod 640 real/table.dm
ln -s real/table.dm link.dm
expect_exit 0 "$DMC" fmt -i link.dm
[ -L link.dm ] || fail "fmt -i replaced the link with a file"
expect_contains real/table.dm "0 8 linear"
expect_mode real/table.dm 640
ln -s real/out.table out-link
expect_exit 0 "$DMC" compile crypt.dm -o out-link
[ -L out-link ] || fail "compile -o replaced the link with a file"
expect_contains real/out.table "$key"
expect_mode real/out.table 600
# A link to a link, relative to the link's own directory.
ln -s ../link.dm real/second-link.dm
printf 'device plain\n0  16 linear /dev/sda 0\n' > real/table.dm
expect_exit 0 "$DMC" fmt -i real/second-link.dm
[ -L real/second-link.dm ] && [ -L link.dm ] || fail "a chain of links was not kept"
expect_contains real/table.dm "0 16 linear"
# No temporary file is left anywhere.
if ls -a . real dir | grep -q '\.dmc-tmp'; then fail "a temporary file was left behind"; fi
echo "file_modes: ok"
