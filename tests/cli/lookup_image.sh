# Images: compile --emit image writes one, lookup and whereis read it (told apart from a
# table by its magic), and a damaged image is refused with a message, never a crash.
source "$(dirname "$0")/common.sh"
{
  echo "device big"
  for i in $(seq 0 999); do echo "* $((i % 7 + 1)) linear /dev/sd$((i % 3)) $((i * 10))"; done
  echo "device small"
  echo "0 8 zero"
} > big.dm
for k in 8 16 32; do
  expect_exit 0 "$DMC" compile big.dm --emit image --keys-per-node "$k" -o "big.$k.img"
  [ "$(head -c 8 "big.$k.img")" = "DMCIMAGE" ] || fail "no magic"
done
expect_exit 0 "$DMC" lookup big.dm --device big 0 1 2000 3996
cp out from-table
for k in 8 16 32; do
  expect_exit 0 "$DMC" lookup "big.$k.img" --device big 0 1 2000 3996
  diff -u from-table out || fail "image (K=$k) and table lookups differ"
done
expect_exit 0 "$DMC" whereis big.8.img /dev/sd1 5022 --format json
expect_contains out '"device":"big"'
# Truncated, extended, bit-flipped and empty images.
size=$(stat -c %s big.8.img)
for cut in 0 4 8 100 128 129 1000 $((size / 2)) $((size - 8)) $((size - 1)); do
  head -c "$cut" big.8.img > cut.img
  if [ "$cut" -ge 8 ]; then
    expect_exit 1 "$DMC" lookup cut.img 0
    expect_contains err "truncated image"
  else
    # Too short to carry the magic: read as a table, which it is not either.
    expect_exit 1 "$DMC" lookup cut.img 0
  fi
done
cp big.8.img long.img && printf '\0\0\0\0\0\0\0\0' >> long.img
expect_exit 1 "$DMC" lookup long.img 0
expect_contains err "size mismatch"
for offset in 9 40 200 3000 $((size - 3)); do
  cp big.8.img flip.img
  byte=$(od -An -tu1 -j "$offset" -N1 flip.img | tr -d ' ')
  printf "$(printf '\\%03o' $((byte ^ 16)))" | dd of=flip.img bs=1 seek="$offset" conv=notrunc status=none
  expect_exit 1 "$DMC" lookup flip.img 0
  expect_contains err "flip.img:"
  # The header's own checks may speak first (e.g. the version); the body has only its CRC.
  if [ "$offset" -ge 128 ]; then expect_contains err "checksum mismatch"; fi
done
# btree-json: the kernel's worked example (20 targets of 100 sectors).
{ echo "device twenty"; for i in $(seq 1 20); do echo "* 100 zero"; done; } > twenty.table
expect_exit 0 "$DMC" compile twenty.table --emit btree-json
expect_contains out '"counts": [1, 3], "levels": [[799, 1599, 18446744073709551615, 18446744073709551615'
expect_contains out '"targets": 20, "size": 2000}'
expect_exit 2 "$DMC" compile twenty.table --emit image --keys-per-node 12
echo "lookup image: ok"
