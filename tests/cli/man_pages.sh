# The man pages: one a command, every option of each command's --help in its page, and
# the built pages lint clean (man --warnings, lexgrog).
source "$(dirname "$0")/common.sh"
: "${DMC_MAN_DIR:?set DMC_MAN_DIR to the built man pages}"
man_sources=$DMC_SOURCE/man

# The commands, from dmc's own --help.
"$DMC" --help > help
commands=$(sed -n '/^Subcommands:/,$p' help | awk 'NR > 1 && $1 ~ /^[a-z]/ { print $1 }')
[ -n "$commands" ] || fail "no commands in dmc --help"
for command in $commands; do
  page=$man_sources/dmc-$command.1.scd
  [ -f "$page" ] || fail "no man page for 'dmc $command' (man/dmc-$command.1.scd)"
  grep -qF "*$command*" "$man_sources/dmc.1.scd" || fail "dmc(1) does not list '$command'"
  "$DMC" "$command" --help > "help-$command"
  # Every long and short option of the help (its first column): *--name* or *-n* in the page.
  for option in $(grep -oE '^ +(-[a-z],)?--[a-z][a-z-]*' "help-$command" | tr ', ' '\n\n' | grep -- '^-' | sort -u); do
    grep -qF -- "*$option*" "$page" || fail "man/dmc-$command.1.scd lacks $option (from dmc $command --help)"
  done
  # And the other way: each option the page describes (a line starting with it) still exists.
  for option in $(grep -oE '^\*-[-a-z]+\*(, \*--[-a-z]+\*)?' "$page" | tr -d '*,' ); do
    grep -qE -- "(^|[ ,])$option([ ,=]|$)" "help-$command" || fail "man/dmc-$command.1.scd describes $option, which dmc $command no longer has"
  done
done
grep -qF -- "*--version*" "$man_sources/dmc.1.scd" || fail "dmc(1) lacks --version"

# Lint the roff that scdoc made: no groff warning, and lexgrog finds each NAME line.
for page in "$DMC_MAN_DIR"/*.[0-9]; do
  LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" > /dev/null 2> warnings || true
  [ ! -s warnings ] || fail "man --warnings $page: $(cat warnings)"
  lexgrog "$page" > /dev/null || fail "lexgrog cannot read the NAME of $page"
done
[ "$(ls "$DMC_MAN_DIR"/*.[0-9] | wc -l)" = "$(ls "$man_sources"/*.scd | wc -l)" ] || fail "a page was not built"
echo "man pages: ok"
