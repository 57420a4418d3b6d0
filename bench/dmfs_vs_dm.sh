#!/usr/bin/env bash
# dmfs against device-mapper, same tables, one VM boot (docs/performance.md, "dmfs").
# Usage: bench/dmfs_vs_dm.sh BUILD_DIR [ROUNDS] [SECONDS_PER_FIO_RUN]
# Environment: TABLES ("t1 t10k" by default; "t1" for a quick look), LOAD_TIMES (1; 0 skips
# timing the 10,000-, 700,000- and 1,048,576-target loads).
# Builds the module against the test kernel, makes 1-, 10,000-, 700,000- and 1,048,576-target linear
# tables over null_blk (and their images with BUILD_DIR/cli/dmc), boots the test VM with fio
# and prints medians with their spread, dmfs as a ratio of dm.
set -euo pipefail
BUILD=$(cd "$1" && pwd)
ROUNDS=${2:-5}
RUNTIME=${3:-3}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=../tests/kernel/host-lib.sh
source "$REPO/tests/kernel/host-lib.sh"
version=$(resolve_kernel_version)
require_command fio fio

work=$(mktemp -d "${TMPDIR:-/tmp}/dmfs-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
payload=$work/payload
mkdir -p "$payload" "$work/module"
cp "$REPO"/dmfs/*.c "$REPO"/dmfs/*.h "$REPO"/dmfs/Kbuild "$work/module/"
make -C "/lib/modules/$version/build" M="$work/module" modules >"$work/module.log" 2>&1 ||
    { cat "$work/module.log"; die "module build failed"; }
cp "$work/module/dmfs.ko" "$HERE/dmfs_vs_dm/run.sh" "$payload/"
for module in fs/configfs/configfs lib/libcrc32c drivers/block/null_blk/null_blk; do
    cp "/lib/modules/$version/kernel/$module.ko" "$payload/"
done
sed -i "s/^ROUNDS=.*/ROUNDS=$ROUNDS/; s/^RUNTIME=.*/RUNTIME=$RUNTIME/; s/^TABLES=.*/TABLES=\"${TABLES:-t1 t10k}\"/;
        s/^LOAD_TIMES=.*/LOAD_TIMES=${LOAD_TIMES:-1}/" "$payload/run.sh"

echo "0 16000000 linear /dev/nullb0 0" >"$payload/t1.table"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "%d 1600 linear /dev/nullb0 %d\n", i * 1600, (i * 7919 % 10000) * 1600 }' \
    >"$payload/t10k.table"
tables="t1 t10k"
if [ "${LOAD_TIMES:-1}" = 1 ]; then
    # 700,000 targets: about the most libdevmapper can load (its table buffer, 47.5 MB here, must
    # stay under its 50,000,000-byte allocation cap); 1,048,576 only dmfs can.
    for n in 700000 1048576; do
        t=$([ $n = 700000 ] && echo t700k || echo t1m)
        awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) printf "%d 8 linear /dev/nullb0 %d\n", i * 8, i * 8 }' >"$payload/$t.table"
        tables="$tables $t"
    done
fi
for t in $tables; do
    "$BUILD/cli/dmc" compile "$payload/$t.table" --emit image --name "$t" -o "$payload/$t.img"
done

log=$work/console.log
VM_MEMORY=${VM_MEMORY:-2048} VM_TIMEOUT=${VM_TIMEOUT:-1800} \
    "$REPO/tests/kernel/run-vm.sh" "$payload" "$log" "$(command -v fio)" | tee "$work/out.txt" |
    grep -E '^(BENCH|LOAD|RESULT|PAIR|LIMITS)' || true
grep -q BENCH-DONE "$work/out.txt" || die "the benchmark did not finish (console: $log)"

echo
echo "kernel $version, qemu TCG, $(nproc) host cores; $ROUNDS alternated rounds of ${RUNTIME}s fio runs"
awk '
function per_read(k, kind) {
    return lower_reads[k, kind] ? sprintf("%.0f", lower_sectors[k, kind] / 2 / lower_reads[k, kind]) : "?"
}
function median(list, n,   i, j, t, a) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    lo[0] = a[1]; hi[0] = a[n]
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
$1 == "RESULT" {
    key = $2 " " $3; v = ($3 == "rand4k") ? $6 : $7 / 1024; r[key, $4] = r[key, $4] " " v
    if (!(key in keys)) { keys[key] = 1; key_order[++nkeys] = key }  # rows in the order run
    lower_reads[key, $4] += $8; lower_sectors[key, $4] += $9
    round_value[key, $4, $5] = v; rounds[key] = $5
}
$1 == "PAIR" && $5 > 0 && $6 > 0 {
    key = $2 " " $3
    if (!(key in together)) together_order[++ntogether] = key
    together[key] = together[key] " " ($3 == "rand4k" ? $7 / $5 : $8 / $6)
}
$1 == "LOAD" && $4 != "failed:" {
    l[$2, $3] = l[$2, $3] " " $4
    if (!($2 in lk)) { lk[$2] = 1; load_order[++nloads] = $2 }
}
END {
    printf "| table | test | dm median (min-max) | dmfs median (min-max) | dmfs / dm | paired: median (min-max) | KiB per null_blk read, dm / dmfs |\n"
    printf "|---|---|---|---|---|---|---|\n"
    for (n = 1; n <= nkeys; n++) {
        k = key_order[n]
        split(k, p, " "); unit = p[2] == "rand4k" ? "IOPS" : "MiB/s"
        d = median(r[k, "dm"]); dl = lo[0]; dh = hi[0]
        f = median(r[k, "dmfs"]); fl = lo[0]; fh = hi[0]
        # dm and dmfs of one round ran back to back: their ratio is spared most of the drift
        # of the load on the host, which moves both.
        paired = ""
        for (i = 1; i <= rounds[k]; i++)
            if (round_value[k, "dm", i] > 0) paired = paired " " round_value[k, "dmfs", i] / round_value[k, "dm", i]
        pr = median(paired)
        printf "| %s | %s | %.0f (%.0f-%.0f) %s | %.0f (%.0f-%.0f) %s | %.2f | %.2f (%.2f-%.2f) | %s / %s |\n", p[1], p[2],
               d, dl, dh, unit, f, fl, fh, unit, f / d, pr, lo[0], hi[0], per_read(k, "dm"), per_read(k, "dmfs")
    }
    printf "\n| table | test | run together, dmfs / dm: median (min-max) |\n|---|---|---|\n"
    for (n = 1; n <= ntogether; n++) {
        k = together_order[n]
        split(k, p, " ")
        m = median(together[k])
        printf "| %s | %s | %.2f (%.2f-%.2f) |\n", p[1], p[2], m, lo[0], hi[0]
    }
    if (nloads == 0) exit
    printf "\n| targets | dmsetup create (s) | dmfs image + active (s) |\n|---|---|---|\n"
    for (n = 1; n <= nloads; n++) { t = load_order[n]; printf "| %s | %s | %s |\n", t, l[t, "dm"], l[t, "dmfs"] }
}' "$work/out.txt"
