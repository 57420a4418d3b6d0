# Files that misbehave: an input truncated while dmc reads it (SIGBUS on the mapping), one
# that grows, a FIFO that trickles, output to a full disk and to a place that cannot be
# written. Each ends with a clear error and a known exit code, never a signal, and leaves no
# partial output file behind.
source "$(dirname "$0")/common.sh"

# exit code of a command, 0 included, without set -e stopping the script
run() { local code=0; "$@" > out 2> err || code=$?; echo "$code"; }
no_signal() {  # no_signal CODE WHAT: 0, 1 or 2 only (128+N is a signal, 124 a timeout)
  [ "$1" -le 2 ] || fail "$2 exited $1 (signal or timeout); stderr: $(head -c 1000 err)"
}
no_temp_files() {  # no_temp_files DIR: the atomic writer left nothing behind
  if ls -A "$1" | grep -q '^\.dmc-tmp-'; then fail "temporary file left in $1: $(ls -A "$1")"; fi
}

# A valid table of about SIZE_MB megabytes (padded with comments), for slow enough reads.
big_table() {  # big_table FILE SIZE_MB
  awk -v mb="$2" 'BEGIN {
    pad = sprintf("%0200d", 0); gsub(/0/, "x", pad)
    n = int(mb * 1048576 / 230); if (n > 1048576) n = 1048576
    for (i = 0; i < n; i++) printf "%d 8 zero # %s\n", i * 8, pad }' > "$1"
}

# --- a file truncated while dmc reads it ------------------------------------------------------
# Deterministic: wait until dmc has mapped the file, stop it, truncate, let it go on. The rest
# of the mapping is gone, so its next read raises SIGBUS, which dmc must turn into exit 2.
big_table shrinking.table 150
sigbus_seen=0
for attempt in 1 2 3 4 5; do
  big_table shrinking.table 150
  "$DMC" compile shrinking.table -o shrunk.out > out 2> err &
  pid=$!
  mapped=0
  for _ in $(seq 1 2000); do
    if grep -q shrinking.table "/proc/$pid/maps" 2> /dev/null; then mapped=1; break; fi
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.001
  done
  if [ "$mapped" = 1 ] && kill -STOP "$pid" 2> /dev/null; then
    : > shrinking.table
    kill -CONT "$pid"
  fi
  code=0
  wait "$pid" || code=$?
  no_signal "$code" "compile of a file truncated while read (attempt $attempt)"
  if [ "$code" = 2 ]; then
    expect_contains err "shrank while dmc was reading it"
    sigbus_seen=1
  fi
  [ -e shrunk.out ] && fail "compile wrote shrunk.out from a file that shrank"
  no_temp_files .
  [ "$sigbus_seen" = 1 ] && break
done
[ "$sigbus_seen" = 1 ] || fail "never caught dmc reading while the file shrank (5 attempts)"

# The same race, undirected: a writer truncating and refilling the file in a loop while dmc
# verifies it again and again. Every run must end in 0, 1 or 2.
big_table racing.table 20
cp racing.table racing.full
( for _ in $(seq 1 40); do : > racing.table; sleep 0.01; cp racing.full racing.table; sleep 0.01; done ) &
writer=$!
for _ in $(seq 1 40); do
  code=$(run timeout 60 "$DMC" verify racing.table)
  no_signal "$code" "verify of a file rewritten while read"
done
wait "$writer"

# A file that grows while read: dmc reads what was there when it opened it.
printf '0 8 zero\n' > growing.table
( for i in $(seq 1 200); do printf '%d 8 zero\n' $((i * 8)) >> growing.table; done ) &
code=$(run "$DMC" verify growing.table)
no_signal "$code" "verify of a growing file"
wait

# --- a FIFO that delivers the table in pieces --------------------------------------------------
mkfifo pipe.table
( printf '0 8 zero\n'; sleep 0.3; printf '8 8 linear /dev/sda 0\n'; sleep 0.3; printf '16 8 error\n' ) > pipe.table &
expect_exit 0 timeout 30 "$DMC" compile pipe.table
expect_contains out "16 8 error"
wait
# A FIFO whose writer goes away at once: an empty table, said so.
( : > pipe.table ) &
expect_exit 1 timeout 30 "$DMC" verify pipe.table
expect_contains out "no targets"
wait

# --- output to a full disk ------------------------------------------------------------------------
printf '0 8 zero\n8 8 linear /dev/sda 0\n' > good.table
for emit in table image json; do
  expect_exit 2 "$DMC" compile good.table --emit "$emit" -o /dev/full
  expect_contains err "No space left on device"
done
# Standard output on a full disk: the same error, not a silent success.
code=0; "$DMC" compile good.table > /dev/full 2> err || code=$?
[ "$code" = 2 ] || fail "compile to a full standard output exited $code"
expect_contains err "No space left on device"
code=0; "$DMC" fmt good.table > /dev/full 2> err || code=$?
[ "$code" = 2 ] || fail "fmt to a full standard output exited $code"
expect_contains err "No space left on device"

# --- output where it cannot be written ------------------------------------------------------------
# Root writes anywhere, so the unwritable directory is tried as an unprivileged user.
mkdir locked
chmod 555 locked
chmod 755 "$WORK"
chmod 644 good.table
as_user=()
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [ "$(id -u)" != 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  expect_exit 2 "${as_user[@]}" "$DMC" compile good.table -o locked/out.table
  expect_contains err "locked/out.table"
  expect_contains err "Permission denied"
  [ -z "$(ls -A locked)" ] || fail "files left in the unwritable directory: $(ls -A locked)"
  # fmt -i on a file in a directory it cannot write: refused, the file unchanged.
  printf '0   8 zero\n' > locked-fmt.table
  mkdir lockdir && mv locked-fmt.table lockdir/ && chmod 555 lockdir && chmod 666 lockdir/locked-fmt.table
  expect_exit 2 "${as_user[@]}" "$DMC" fmt -i lockdir/locked-fmt.table
  [ "$(cat lockdir/locked-fmt.table)" = "0   8 zero" ] || fail "fmt -i changed a file it could not replace"
  no_temp_files lockdir
fi
# Places nobody can write, root included.
expect_exit 2 "$DMC" compile good.table -o missing-dir/out.table
expect_contains err "missing-dir/out.table"
expect_exit 2 "$DMC" compile good.table -o good.table/out.table
expect_contains err "good.table/out.table"
expect_exit 2 "$DMC" compile good.table -o /proc/dmc-cannot-be-here
no_temp_files .

# A failed compile (errors in the table) leaves an existing output untouched.
printf 'old\n' > kept.out
printf '0 8 nosuchtarget\n' > bad.table
expect_exit 1 "$DMC" compile bad.table -o kept.out
[ "$(cat kept.out)" = old ] || fail "a failed compile changed its output file"

echo "hostile files: ok"
