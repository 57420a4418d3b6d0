# bash completion, generated from dmc's command-line definition: driven as bash drives it
# (COMP_WORDS, COMP_CWORD, then the function `complete -p dmc` names).
source "$(dirname "$0")/common.sh"
expect_exit 0 "$DMC" completion bash
mv out dmc.bash
cat > stack.dm <<'EOF2'
device fast
0 8 zero
device  secure-1 ro
0 8 zero
EOF2
touch other.table

# complete_words WORD...: prints the completions of the last word, one a line.
complete_words() {
  bash -c '
    source ./dmc.bash
    function=$(complete -p dmc | sed -n "s/.*-F \([^ ]*\) dmc$/\1/p")
    [ -n "$function" ] || { echo "no completion function for dmc" >&2; exit 1; }
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    "$function" dmc "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}"' bash "$@"
}
expect_words() {  # expect_words "WANTED..." -- WORD...
  local wanted=$1 word; shift 2
  complete_words "$@" > got || fail "completing '$*' failed"
  for word in $wanted; do
    grep -qxF -- "$word" got || fail "completing '$*': no '$word' in: $(tr '\n' ' ' < got)"
  done
}

# Every command of --help completes, and the hidden one does not.
commands=$("$DMC" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && $1 ~ /^[a-z]/ { print $1 }')
expect_words "$commands" -- dmc ""
complete_words dmc "" | grep -qx completion && fail "the hidden completion command is offered"
expect_words "verify" -- dmc ver
# Options of the command being completed, and values of options with a fixed set.
expect_words "--format --device-size --show-keys --concise" -- dmc verify --
expect_words "table btree-json concise dm-mod.create image json" -- dmc compile x.dm --emit ""
expect_words "text json sarif" -- dmc verify --format ""
expect_words "6.1 7.2" -- dmc load --kernel ""
expect_words "auto yes no" -- dmc load --udev ""
# Device names from the file for --device; file names for files.
expect_words "fast secure-1" -- dmc lookup stack.dm --device ""
expect_words "stack.dm other.table" -- dmc verify ""
expect_words "stack.dm" -- dmc compile -o out.table st
echo "completion: ok"
