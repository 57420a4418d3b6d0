# .pre-commit-hooks.yaml as a user wires it: a throwaway repository runs the hooks through
# `pre-commit try-repo` against this repository (nothing is downloaded: language system).
source "$(dirname "$0")/common.sh"
command -v pre-commit > /dev/null || fail "pre-commit not found (package pre-commit)"
command -v git > /dev/null || fail "git not found"
export PRE_COMMIT_HOME=$WORK/pre-commit-cache PATH="$(dirname "$DMC"):$PATH"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t

mkdir user && cd user && git init -q
printf 'device data\n0 8G linear /dev/sdb 2048\n' > good.dm
"$DMC" fmt -i good.dm
git add good.dm
try_hook() { pre-commit try-repo "$DMC_SOURCE" "$1" --all-files > "$WORK/hook.log" 2>&1; }
try_hook dmc-verify || fail "dmc-verify fails a good table: $(cat "$WORK/hook.log")"
try_hook dmc-fmt || fail "dmc-fmt fails a formatted table: $(cat "$WORK/hook.log")"

printf '0 100 linear /dev/sdb 0\n200 100 linear /dev/sdc 0\n' > gap.table
git add gap.table
try_hook dmc-verify && fail "dmc-verify passes a table with a gap"
grep -q "gap.table:2:1: error" "$WORK/hook.log" || fail "the hook does not show the error at its line: $(cat "$WORK/hook.log")"
git rm -q --cached gap.table && rm gap.table

printf 'device data\n0    8G linear   /dev/sdb 2048\n' > good.dm
git add good.dm
try_hook dmc-fmt && fail "dmc-fmt passes a table that is not formatted"
echo "pre-commit hooks: ok"
