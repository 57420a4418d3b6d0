# Every command lists only the options it uses, each defined once (cli/cli_options.cc).
source "$(dirname "$0")/common.sh"
expect_exit 0 "$DMC" remove --help
for unused in --device-size --host-devices --kernel --show-keys --format sarif; do
  expect_not_contains out "$unused"
done
expect_contains out "--file"
expect_contains out "--name"
expect_contains out "--dry-run"
# status: --format like every other command; --json still works but is not listed.
expect_exit 0 "$DMC" status --help
expect_contains out "--format"
expect_not_contains out "--json"
expect_exit 2 "$DMC" status --format yaml
# targets and verify share the one --kernel option.
expect_exit 0 "$DMC" targets --kernel 7.2
expect_exit 2 "$DMC" targets --kernel six
expect_exit 2 "$DMC" verify --kernel 5.3 /dev/null
echo "command options: ok"
