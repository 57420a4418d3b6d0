# compile --emit concise|dm-mod.create|json, and verify of concise strings and dm-mod.create values.
source "$(dirname "$0")/common.sh"
cat > stack.dm <<'T'
device lower minor=3 ro
0 2048 linear /dev/sda 0
device upper uuid=UP-1
0 2048 linear @lower 0
T
expect_exit 0 "$DMC" compile --emit concise stack.dm
expect_contains out "lower,,3,ro,0 2048 linear /dev/sda 0;upper,UP-1,,rw,0 2048 linear /dev/mapper/lower 0"
expect_exit 0 "$DMC" compile --emit dm-mod.create stack.dm
expect_contains out 'dm-mod.create="lower,,3,ro,0 2048 linear /dev/sda 0;upper,UP-1,,rw,0 2048 linear /dev/dm-3 0"'
expect_exit 0 "$DMC" compile --emit json stack.dm
expect_contains out '"loadOrder": ['

# dm-init refuses zero targets: the error is at the line, and nothing is written.
printf '0 8 linear /dev/sda 0\n8 8 zero\n' > zero.table
expect_exit 1 "$DMC" compile --emit dm-mod.create -o out.param zero.table
expect_contains err "zero.table:2:1: error: dm-mod.create cannot create zero targets"
[ ! -e out.param ] || fail "an output was written despite errors"
# ... but the concise form can carry it.
expect_exit 0 "$DMC" compile --emit concise zero.table

# The strings back through verify, from files and from the command line.
"$DMC" compile --emit dm-mod.create stack.dm > boot.param
expect_exit 0 "$DMC" verify boot.param
"$DMC" compile --emit concise stack.dm > stack.concise
expect_exit 0 "$DMC" verify stack.concise
expect_exit 0 "$DMC" verify --concise 'a,,,ro,0 8 zero'
expect_exit 1 "$DMC" verify --concise 'a,,,ro,0 8 zero,16 8 zero'
expect_contains out "<concise>:1:17: error:"
expect_exit 1 "$DMC" verify --dm-mod-create 'a,,,rw,0 8 zero'
expect_contains out "<dm-mod.create>:1:12: error: dm-mod.create cannot create zero targets"
expect_exit 0 "$DMC" verify --dm-mod-create 'a,,,rw,0 010 linear /dev/sda 0'
expect_contains out "warning: dm-init reads '010' in base 8"
echo "boot strings: ok"
