# Read-only plain tables: --readonly on verify, compile, load, reload and diff; without it a
# verity plain table is a warning that says how to load it, and dmc loads it read-only itself.
# compile keeps device attributes in every output; --emit dmsetup-script writes the commands.
source "$(dirname "$0")/common.sh"
digest=4392bd21f8c8d6e1a7cf5b1bd33f6bb4e3c1f1d6d4a0e1f5a1c2b3d4e5f60718
key=6b65796b65796b65796b65796b65796b65796b65796b65796b65796b65796b65
printf '0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 %s -\n' "$digest" > vroot.table
printf '0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 -1 sha256 %s -\n' "$digest" > vbad.table

# verify: a warning (exit 0) that names every way to load it; --readonly silences it.
expect_exit 0 "$DMC" verify vroot.table
expect_contains out "warning: verity: the kernel loads this table only read-only (\"Device must be readonly\")"
expect_contains out "[needs-readonly]"
expect_contains out "dmsetup create --readonly"
expect_contains out "'device NAME ro' header"
for command in verify compile; do
  expect_exit 0 "$DMC" "$command" --readonly vroot.table
  expect_not_contains out "needs-readonly"
  expect_not_contains err "needs-readonly"
done
# The read-only warning hides no other mistake.
expect_exit 1 "$DMC" verify vbad.table
expect_contains out "[needs-readonly]"
expect_contains out "verity: Invalid hash start"

# load and reload: planned read-only, with or without --readonly; diff takes the option too.
for command in load reload; do
  expect_exit 0 "$DMC" "$command" --dry-run vroot.table
  expect_contains out "read-only"
  expect_contains err "[needs-readonly]"
  expect_exit 0 "$DMC" "$command" --dry-run --readonly vroot.table
  expect_contains out "read-only"
  expect_not_contains err "needs-readonly"
done
expect_exit 0 "$DMC" diff --help
expect_contains out "--readonly"

# compile keeps the attributes: a plain table made read-only carries a "# device ... ro" line.
expect_exit 0 "$DMC" compile vroot.table
expect_contains out "# device vroot ro"
for kind in concise dm-mod.create; do
  expect_exit 0 "$DMC" compile vroot.table --emit "$kind"
  expect_contains out "vroot,,,ro,"
done

# A header's attributes in a table output: kept as a comment, with a warning that says how to
# give them to dmsetup.
cat > attrs.dm <<TABLE
device vroot uuid=CRYPT-VERITY-1 minor=7 ro
0 8 verity 1 /dev/sdf1 /dev/sdf2 4096 4096 1 1 sha256 $digest -
TABLE
expect_exit 0 "$DMC" compile attrs.dm
expect_contains out "# device vroot uuid=CRYPT-VERITY-1 minor=7 ro"
expect_contains err "device 'vroot' is read-only, uuid 'CRYPT-VERITY-1', minor 7: its table cannot say so"
expect_contains err "dmsetup create 'vroot' --readonly --uuid 'CRYPT-VERITY-1' --minor 7 TABLE_FILE"
expect_contains err "[attributes-outside-table]"

# --emit dmsetup-script: the commands, in load order, with the attributes; it loads with sh.
cat > stack.dm <<TABLE
device top ro
0 8 linear @lower 0
device lower uuid=it's-LOWER
0 8 linear /dev/sda 0
8 8 zero
TABLE
expect_exit 0 "$DMC" compile stack.dm --emit dmsetup-script -o script.sh
cat > want <<'SCRIPT'
#!/bin/sh
# dmsetup create for each device, lower devices first (written by dmc compile).
set -e
dmsetup create 'lower' --uuid 'it'\''s-LOWER' <<'DMC_TABLE'
0 8 linear /dev/sda 0
8 8 zero
DMC_TABLE
dmsetup create 'top' --readonly <<'DMC_TABLE'
0 8 linear /dev/mapper/lower 0
DMC_TABLE
SCRIPT
diff -u want script.sh || fail "dmsetup-script differs"
# Run it against a stand-in dmsetup that records its arguments and standard input.
mkdir bin
cat > bin/dmsetup <<'STUB'
#!/bin/sh
printf '%s|' "$@" >> "$CALLS"; printf '\n' >> "$CALLS"; cat >> "$CALLS"
STUB
chmod +x bin/dmsetup
CALLS=$WORK/calls PATH="$WORK/bin:$PATH" sh script.sh
cat > want-calls <<'CALLS'
create|lower|--uuid|it's-LOWER|
0 8 linear /dev/sda 0
8 8 zero
create|top|--readonly|
0 8 linear /dev/mapper/lower 0
CALLS
diff -u want-calls calls || fail "the script's dmsetup calls differ"
# A name starting with '-' ends the options first.
printf 'device -odd\n0 8 zero\n' > odd.dm
expect_exit 0 "$DMC" compile odd.dm --emit dmsetup-script
expect_contains out "dmsetup create -- '-odd' <<'DMC_TABLE'"

# Keys: masked (and said so) unless --show-keys, which makes the file private.
printf 'device c\n0 8 crypt aes-xts-plain64 %s 0 /dev/sda 0\n' "$key" > crypt.dm
umask 022
expect_exit 0 "$DMC" compile crypt.dm --emit dmsetup-script -o masked.sh
expect_not_contains masked.sh "$key"
expect_contains masked.sh "# The keys are masked"
[ "$(stat -c %a masked.sh)" = 644 ] || fail "masked script mode $(stat -c %a masked.sh)"
expect_exit 0 "$DMC" compile crypt.dm --emit dmsetup-script --show-keys -o keys.sh
expect_contains keys.sh "$key"
expect_not_contains keys.sh "masked"
[ "$(stat -c %a keys.sh)" = 600 ] || fail "script with keys has mode $(stat -c %a keys.sh)"

# A plain table's device name follows the header's rules, wherever it comes from.
printf '0 8 zero\n' > plain.table
expect_exit 1 "$DMC" verify --name 'a/b' plain.table
expect_contains out "invalid device name (the plain table's device name 'a/b', from --name): the kernel refuses '/' in names"
long=$(printf 'n%.0s' $(seq 130))
expect_exit 1 "$DMC" verify --name "$long" plain.table
expect_contains out "is 130 bytes; the kernel allows at most 127 [name-too-long]"
expect_exit 0 "$DMC" verify --name ok plain.table

