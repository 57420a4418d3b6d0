# --host-devices compares a verity table with the superblock veritysetup wrote on its hash
# device: a real `veritysetup format` (package cryptsetup-bin), its table as veritysetup would
# load it, and the same table with the salt and root digest swapped. The devices are files,
# so their sizes are declared (a file is no block device on this machine).
source "$(dirname "$0")/common.sh"
VERITYSETUP=$(command -v veritysetup || echo /usr/sbin/veritysetup)
[ -x "$VERITYSETUP" ] || fail "veritysetup not found (package cryptsetup-bin)"

salt=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
head -c 262144 /dev/zero | tr '\0' 'v' > data.img  # 64 blocks of 4096 bytes
"$VERITYSETUP" format --salt="$salt" --root-hash-file=root.hex "$PWD/data.img" "$PWD/hash.img" > format.log
root=$(cat root.hex)
sizes=(--device-size "$PWD/data.img=512" --device-size "$PWD/hash.img=16")

# The table veritysetup open makes: hash start 1, past the superblock at byte 0.
echo "0 512 verity 1 $PWD/data.img $PWD/hash.img 4096 4096 64 1 sha256 $root $salt" > good.table
expect_exit 0 "$DMC" verify --readonly --host-devices "${sizes[@]}" good.table
expect_not_contains out "warning"

# Salt and root digest swapped: the kernel takes it and fails every read.
echo "0 512 verity 1 $PWD/data.img $PWD/hash.img 4096 4096 64 1 sha256 $salt $root" > swapped.table
expect_exit 0 "$DMC" verify --readonly --host-devices "${sizes[@]}" swapped.table
expect_contains out "swapped.table:1:"
expect_contains out "warning: verity: the root digest and the salt are swapped"
expect_contains out "[verity-superblock-mismatch]"
expect_contains out "write <root_digest> <salt> as '$root $salt'"
expect_exit 1 "$DMC" verify --readonly --host-devices --werror "${sizes[@]}" swapped.table
# Without --host-devices dmc reads no device.
expect_exit 0 "$DMC" verify --readonly "${sizes[@]}" swapped.table
expect_not_contains out "warning"

# Another hash algorithm than the superblock's, as JSON.
echo "0 512 verity 1 $PWD/data.img $PWD/hash.img 4096 4096 64 1 sha1 ${root:0:40} $salt" > sha1.table
expect_exit 0 "$DMC" verify --readonly --host-devices --format json "${sizes[@]}" sha1.table
jq -e '.diagnostics | length == 1 and .[0].code == "verity-superblock-mismatch" and .[0].severity == "warning"
  and (.[0].notes[0].message | test("hash algorithm is sha256; the table gives sha1"))' out > /dev/null \
  || fail "json: one mismatch of the algorithm expected: $(cat out)"

# A hash device formatted without a superblock: nothing to compare, nothing said.
"$VERITYSETUP" format --no-superblock --salt="$salt" --root-hash-file=bare.hex "$PWD/data.img" "$PWD/bare.img" \
  > format.log
echo "0 512 verity 1 $PWD/data.img $PWD/bare.img 4096 4096 64 0 sha256 $salt $(cat bare.hex)" > bare.table
expect_exit 0 "$DMC" verify --readonly --host-devices --device-size "$PWD/data.img=512" \
  --device-size "$PWD/bare.img=8" bare.table
expect_not_contains out "warning"

# unknown-device under --host-devices says what is true here.
echo "0 8 linear $PWD/no-such-disk 0" > missing.table
expect_exit 1 "$DMC" verify --host-devices missing.table
expect_contains out "$PWD/no-such-disk does not exist on this machine (--host-devices)"
expect_exit 1 "$DMC" verify --host-devices good.table
expect_contains out "$PWD/data.img is a regular file, and the kernel opens only block devices"
echo "verity superblock: ok"
