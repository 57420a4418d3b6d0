# Every input form (docs/language.md, "Every input form") through every command that reads one:
# the same two devices written as a concise string, a dm-mod.create value, a kernel command line,
# a GRUB setting and dmsetup table output compile to the same tables (golden:
# tests/golden/input_forms.expected), and fmt, lookup and whereis read them all.
source "$(dirname "$0")/common.sh"
GOLDEN="$DMC_SOURCE/tests/golden"
for form in input_concise.concise input_dm_mod_create.param input_cmdline.cmdline input_grub.cmdline \
            input_dmsetup.dmsetup; do
  input="$GOLDEN/$form"
  expect_exit 0 "$DMC" verify "$input"
  expect_exit 0 "$DMC" compile "$input"
  diff -u "$GOLDEN/input_forms.expected" out || fail "compile $form"
  # fmt prints the devices as a dmc file, which compiles to the same tables.
  expect_exit 0 "$DMC" fmt "$input"
  head -n 1 out | grep -q '^device root$' || fail "fmt $form: $(cat out)"
  cp out converted.dm
  expect_exit 0 "$DMC" compile converted.dm
  diff -u "$GOLDEN/input_forms.expected" out || fail "fmt $form, compiled"
  expect_exit 2 "$DMC" fmt -i "$input"
  expect_contains err "-i and --check lay out table files"
  expect_exit 0 "$DMC" lookup "$input" 3000 --device root
  expect_contains out "root: sector 3000: line"
  expect_contains out "target 1 linear [2048, 4096), offset 952 -> 8:32 sector 952"
  expect_exit 0 "$DMC" whereis "$input" 8:48 100
  expect_contains out "8:48 sector 100 <- swap sector 100"
done
# Problems are shown where they are in the file as given.
printf 'ro quiet dm-mod.create="a,,,rw,0 8 zero"\n' > cmdline
expect_exit 1 "$DMC" compile cmdline
expect_contains err "cmdline:1:36: error: dm-mod.create cannot create zero targets"
printf 'ro quiet\n' > plain-cmdline
expect_exit 1 "$DMC" verify plain-cmdline
printf 'a: 0 8 zero\nb: 0 8 lineer /dev/sda 0\n' > dump
expect_exit 1 "$DMC" lookup dump 0
expect_contains err "dump:2:8: error: lineer: unknown target type; did you mean 'linear'?"
echo "input forms: ok"
