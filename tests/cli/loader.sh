# load/reload/remove --dry-run print the exact operations and touch nothing; errors refuse early;
# without root the kernel commands say so before trying anything.
source "$(dirname "$0")/common.sh"
cat > stack.dm <<'T'
device top uuid=TOP-1
0 100 linear @bottom 0
device bottom minor=7 ro
0 100 crypt aes-xts-plain64 0011223344556677889900112233445566778899001122334455667788990011 0 /dev/loop0 0
T
expect_exit 0 "$DMC" load --dry-run stack.dm
cat > want <<'T'
1. create  bottom minor=7
2. load    bottom (read-only, 1 target, inactive slot)
     0 100 crypt aes-xts-plain64 <key:64-hex-digits> 0 /dev/loop0 0
3. resume  bottom
4. create  top uuid=TOP-1
5. load    top (read-write, 1 target, inactive slot)
     0 100 linear /dev/mapper/bottom 0
6. resume  top
T
diff -u want out || fail "load --dry-run output differs"
expect_exit 0 "$DMC" load --dry-run --show-keys stack.dm
expect_contains out "0011223344556677"
expect_exit 0 "$DMC" reload --dry-run stack.dm
expect_contains out "3. suspend top"
expect_contains out "5. resume  bottom"
expect_exit 0 "$DMC" remove --dry-run --file stack.dm
expect_contains out "1. remove  top"
expect_contains out "2. remove  bottom"

# A table with errors never reaches the kernel (exit 1), unless --force.
printf '0 100 zero\n108 8 zero\n' > bad.table
expect_exit 1 "$DMC" load bad.table
expect_contains err "bad.table:2:1: error:"
expect_contains err "the kernel was not touched"
expect_exit 0 "$DMC" load --force --dry-run bad.table

# Without root: a clear error before anything is tried.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  printf '0 8 zero\n' > ok.table
  chmod 755 "$WORK"; chmod 644 ok.table
  for command in "load ok.table" "reload ok.table" "remove x" "status" "diff ok.table"; do
    # shellcheck disable=SC2086
    expect_exit 2 setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all "$DMC" $command
    expect_contains err "needs root (CAP_SYS_ADMIN)"
  done
fi
echo "loader: ok"
