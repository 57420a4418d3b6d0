# Huge inputs through the real binary: a 100 MB table at the kernel's target limit, 100 MB of
# random bytes, a 100 MB line. Each ends in the right exit code, with bounded output, and with
# peak memory proportional to the input (measured with GNU time; docs/robustness.md has the
# numbers). Sanitizer builds (libasan linked) check behaviour only, not memory.
source "$(dirname "$0")/common.sh"

sanitized=${DMC_SANITIZED:-0}  # set by CTest in the ASan + UBSan build
have_time=0
[ -x /usr/bin/time ] && have_time=1

# measure FILE_FOR_KB COMMAND...: run with a 10-minute limit; peak RSS in KB goes to FILE.
measure() {
  local kb_file=$1; shift
  local code=0
  if [ "$have_time" = 1 ]; then
    /usr/bin/time -f '%M' -o "$kb_file" timeout 600 "$@" > out 2> err || code=$?
  else
    echo 0 > "$kb_file"
    timeout 600 "$@" > out 2> err || code=$?
  fi
  echo "$code"
}
# within_memory KB_FILE INPUT_BYTES FACTOR WHAT: peak RSS <= FACTOR * input + 64 MiB
within_memory() {
  [ "$sanitized" = 1 ] && return 0
  [ "$have_time" = 1 ] || return 0
  local kb bytes=$2 factor=$3
  kb=$(tail -n 1 "$1")
  local limit_kb=$(( bytes * factor / 1024 + 65536 ))
  echo "memory: $4: input $((bytes / 1048576)) MiB, peak RSS $((kb / 1024)) MiB (limit $((limit_kb / 1024)) MiB)"
  [ "$kb" -le "$limit_kb" ] || fail "$4: peak RSS ${kb} KB over ${limit_kb} KB for ${bytes} bytes of input"
}

# --- 100 MB: 1,048,576 targets with comments, the kernel's limit -------------------------------
awk 'BEGIN { pad = sprintf("%070d", 0); gsub(/0/, "x", pad)
  for (i = 0; i < 1048576; i++) printf "%d 8 linear /dev/sda %d # %s\n", i * 8, i * 8, pad }' > big.table
bytes=$(stat -c %s big.table)
[ "$bytes" -ge 100000000 ] || fail "big.table is only $bytes bytes"

code=$(measure verify.kb "$DMC" verify big.table)
[ "$code" = 0 ] || fail "verify of the 100 MB table exited $code: $(head -c 1000 out) $(head -c 1000 err)"
within_memory verify.kb "$bytes" 2 "verify, 100 MB table"

code=$(measure compile.kb "$DMC" compile big.table -o big.out)
[ "$code" = 0 ] || fail "compile of the 100 MB table exited $code: $(head -c 1000 err)"
[ "$(wc -l < big.out)" = 1048576 ] || fail "compile wrote $(wc -l < big.out) lines, not 1048576"
within_memory compile.kb "$bytes" 3 "compile to a table, 100 MB table"

code=$(measure image.kb "$DMC" compile big.table --emit image -o big.img)
[ "$code" = 0 ] || fail "compile --emit image of the 100 MB table exited $code: $(head -c 1000 err)"
within_memory image.kb "$bytes" 3 "compile to an image, 100 MB table"
expect_exit 0 "$DMC" lookup big.img 0 8388607
expect_contains out "sector 8388607"
rm -f big.out big.img

# One target more: refused with the kernel's limit, at its line, nothing written.
printf '8388608 8 zero\n' >> big.table
expect_exit 1 "$DMC" compile big.table -o refused.out
expect_contains err "big.table:1048577:1: error: too many targets: the kernel takes at most 1048576"
[ ! -e refused.out ] || fail "compile wrote output for a table over the kernel's limit"
rm -f big.table

# --- 100 MB of random bytes: rejected quickly, a bounded report --------------------------------
head -c 100000000 /dev/urandom | tr '\0' 'x' > noise.table
code=$(measure noise.kb "$DMC" verify noise.table)
[ "$code" = 1 ] || fail "verify of 100 MB of noise exited $code: $(head -c 1000 err)"
[ "$(wc -c < out)" -lt 1000000 ] || fail "verify of noise printed $(wc -c < out) bytes"
expect_contains out "more diagnostics not shown"
within_memory noise.kb 100000000 2 "verify, 100 MB of random bytes"
rm -f noise.table

# --- a 100 MB line ----------------------------------------------------------------------------
{ printf '0 8 linear /dev/sda 0 '; head -c 100000000 /dev/zero | tr '\0' 'y'; printf '\n'; } > line.table
code=$(measure line.kb "$DMC" verify line.table)
[ "$code" = 1 ] || fail "verify of a 100 MB line exited $code"
[ "$(wc -c < out)" -lt 5000 ] || fail "the 100 MB line was echoed: $(wc -c < out) bytes of output"
within_memory line.kb 100000000 2 "verify, one 100 MB line"
rm -f line.table

echo "hostile huge inputs: ok"
