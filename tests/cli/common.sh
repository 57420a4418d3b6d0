# Sourced by every CLI test: one behaviour a script, inputs written inline.
# $DMC is the dmc binary and $DMC_SOURCE the repository root (set by CTest).
set -euo pipefail
: "${DMC:?set DMC to the dmc binary}"
: "${DMC_SOURCE:?set DMC_SOURCE to the repository root}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export NO_COLOR=1

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_exit CODE COMMAND...: run, keep stdout in $WORK/out and stderr in $WORK/err.
expect_exit() {
  local want=$1; shift
  local got=0
  "$@" >"$WORK/out" 2>"$WORK/err" || got=$?
  [ "$got" = "$want" ] || fail "'$*' exited $got, expected $want; stdout: $(head -c 2000 "$WORK/out"); stderr: $(head -c 2000 "$WORK/err")"
  validate_sarif_outputs
}

# Every SARIF log a test makes is checked against the OASIS SARIF 2.1.0 schema (tests/sarif).
validate_sarif_outputs() {
  local f
  for f in "$WORK/out" "$WORK/err"; do
    if head -c 300 "$f" | grep -q 'sarif-schema-2.1.0'; then
      /usr/bin/python3 "$DMC_SOURCE/tests/sarif/validate_sarif.py" "$f" > "$WORK/sarif-problems" ||
        fail "invalid SARIF: $(head -c 2000 "$WORK/sarif-problems")"
    fi
  done
}

expect_contains() {  # expect_contains FILE TEXT
  grep -qF -- "$2" "$1" || fail "$1 lacks '$2'; it has: $(head -c 2000 "$1")"
}

expect_not_contains() {
  if grep -qF -- "$2" "$1"; then fail "$1 has '$2' but must not"; fi
}
