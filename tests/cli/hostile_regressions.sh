# Bugs found by the hardening work, one check each; see docs/robustness.md. Each
# check is the behaviour the issue demands: no crash, no unbounded memory, no silent loss of
# output, no half-written output.
source "$(dirname "$0")/common.sh"

printf '0 8 zero\n8 8 linear /dev/sda 0\n' > good.table
printf '0 8 nosuchtarget\n' > bad.table

# 1. Diagnostics written to a full disk are lost, yet verify exits as if they were shown.
code=0; "$DMC" verify bad.table > /dev/full 2> err || code=$?
[ "$code" = 2 ] || fail "verify with standard output on a full disk exited $code, not 2 (its report was lost)"
expect_contains err "No space left on device"

# 2. The same for lookup's answers.
code=0; "$DMC" lookup good.table 3 > /dev/full 2> err || code=$?
[ "$code" = 2 ] || fail "lookup with standard output on a full disk exited $code, not 2 (its answer was lost)"
expect_contains err "No space left on device"

# 3. An endless input that is not a regular file (/dev/zero, a pipe that never ends), under a
#    memory limit, must end in a clear error (it was std::bad_alloc and an abort).
# (Not under ASan, which reserves terabytes of address space and cannot run under ulimit -v.)
if [ "${DMC_SANITIZED:-0}" != 1 ]; then
  code=0
  ( ulimit -v 1500000; exec timeout 120 "$DMC" verify /dev/zero ) > out 2> err || code=$?
  [ "$code" -le 2 ] || fail "verify /dev/zero exited $code (a crash: $(tail -c 300 err))"
  [ "$code" = 1 ] || [ "$code" = 2 ] || fail "verify /dev/zero exited $code"
  code=0
  ( ulimit -v 1500000; exec timeout 120 "$DMC" verify - < /dev/zero ) > out 2> err || code=$?
  [ "$code" -le 2 ] || fail "verify - < /dev/zero exited $code (a crash: $(tail -c 300 err))"
fi

# 4. compile -o DIR writes one file a device; when a later one fails, the earlier ones stay:
#    a half-written output set.
printf 'device a\n0 8 zero\ndevice b\n0 8 linear @a 0\n' > two.dm
mkdir outdir outdir/b.table  # b's table cannot be written: a directory is in the way
code=0; "$DMC" compile two.dm -o outdir > out 2> err || code=$?
[ "$code" = 2 ] || fail "compile into a directory with b.table blocked exited $code"
expect_contains err "b.table"
[ ! -e outdir/a.table ] || fail "compile -o DIR failed on b.table but left a.table written (half-written output)"

echo "hostile regressions: ok"
