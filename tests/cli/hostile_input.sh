# Bad input gets a clear diagnostic, never a crash or a hang.
source "$(dirname "$0")/common.sh"
check_no_crash() {  # the exit code must be 0, 1 or 2: not a signal
  local code=0
  timeout 60 "$DMC" verify "$@" > out 2> err || code=$?
  [ "$code" -le 2 ] || fail "dmc verify $* exited $code (crash or timeout)"
}
head -c 65536 /dev/urandom > garbage.bin
check_no_crash garbage.bin
printf '0 100 zero\n100 8\0 zero\n' > nul.table
expect_exit 1 "$DMC" verify nul.table
expect_contains out "nul.table:2:6: error: NUL byte in the file"
printf '0 100 linear /dev/\xff\xfe 0\n' > utf8.table
expect_exit 0 "$DMC" verify utf8.table
expect_contains out "not valid UTF-8"
expect_contains out '/dev/\xff\xfe'
printf '0 100 linear /dev/\033[31mred 0\n' > escape.table
expect_exit 0 "$DMC" verify escape.table
expect_not_contains out $'\033'
expect_contains out 'control character \x1b'
: > empty.table
expect_exit 1 "$DMC" verify empty.table
expect_contains out "no targets"
printf '# only\n# comments\n' > comments.table
expect_exit 1 "$DMC" verify comments.table
expect_contains out "empty-table"
# A 10 MB line: one diagnostic, the line shown as a short window.
{ printf '0 100 linear /dev/sda '; head -c 10000000 /dev/zero | tr '\0' 'x'; printf '\n'; } > long.table
check_no_crash long.table
expect_contains out "linear: Invalid device sector"
[ "$(wc -c < out)" -lt 2000 ] || fail "the long line was echoed whole"
# Control characters and invalid UTF-8 in device names, types and the file name: escaped in
# text, valid in JSON, never raw on the terminal .
printf 'device \033]0;owned\007\n0 8 \033[2Jzero\ndevice \377\376\n0 8 linear @\033 0\n' > "$(printf 'evil\033[31m.dm')"
code=0; "$DMC" verify "$(printf 'evil\033[31m.dm')" > out 2> err || code=$?
[ "$code" = 1 ] || fail "verify of hostile names exited $code"
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" out err; then fail "raw control bytes reached the terminal"; fi
expect_contains out 'evil\x1b[31m.dm'
expect_contains out '\x1b[2Jzero'
code=0; "$DMC" verify --format json "$(printf 'evil\033[31m.dm')" > out 2> err || code=$?
[ "$code" = 1 ] || fail "verify --format json of hostile names exited $code"
if command -v jq > /dev/null; then jq -e '.errors > 0' out > /dev/null || fail "JSON output does not parse: $(head -c 500 out)"; fi
code=0; "$DMC" verify --format sarif "$(printf 'evil\033[31m.dm')" > out 2> err || code=$?
if command -v jq > /dev/null; then jq -e '.runs' out > /dev/null || fail "SARIF output does not parse"; fi
# An unreadable path with control characters: the error escapes it too.
code=0; "$DMC" verify "$(printf 'missing\033[5m.table')" > out 2> err || code=$?
[ "$code" = 2 ] || fail "verify of a missing file exited $code"
if LC_ALL=C grep -q "$(printf '\033')" err; then fail "raw escape in the error about a missing file"; fi
expect_contains err 'missing\x1b[5m.table'
echo "hostile input: ok"
