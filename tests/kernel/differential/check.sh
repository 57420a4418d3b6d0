#!/usr/bin/env bash
# check.sh RESULTS_DIR BUILD_DIR — host side, after the VM (called by tests/kernel/run-all.sh).
#
# Compares the kernel's verdict on every generated table (RESULTS_DIR/kernel.tsv and the
# kernel log RESULTS_DIR/kmsg.txt, written by run.sh in the guest) with
# `dmc verify --format json --device-size ...` on the same table. One PASS/FAIL line per
# table, then a summary per target and fault kind, then `N passed, N failed`.
#
# A table passes when:
#   * the kernel refused it and dmc reports an error, and for a table with one injected
#     fault, dmc's first error is on the faulty line;
#   * the kernel accepted it and dmc reports no error, or dmc refuses it on purpose
#     (deliberate-refusals.txt: TARGET KIND-GLOB REASON).
#
# Environment: DMC_SUITE_PAYLOAD (required) is the payload directory prepare.sh filled
# (manifest, tables, device sizes); it may be RESULTS_DIR/payload, the copy this script
# keeps, to check again without the VM. Details of every disagreement go to
# RESULTS_DIR/disagreements.txt, every verdict to RESULTS_DIR/verdicts.tsv.
set -uo pipefail

SUITE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SUITE_DIR

die() {
    printf 'differential/check.sh: error: %s\n' "$*" >&2
    echo "0 passed, 1 failed"
    exit 2
}

[[ $# -eq 2 ]] || die "usage: check.sh RESULTS_DIR BUILD_DIR"
results=$1
build=$2
payload=${DMC_SUITE_PAYLOAD:-}
[[ -n $payload && -f $payload/manifest.tsv ]] || die "DMC_SUITE_PAYLOAD must name the prepared payload (no manifest.tsv in '$payload')"
dmc=$build/cli/dmc
[[ -x $dmc ]] || die "no dmc binary at $dmc"
[[ -f $results/kernel.tsv ]] || die "no kernel verdicts ($results/kernel.tsv): the guest part did not run"

work=$(mktemp -d "${TMPDIR:-/tmp}/dmc-diff-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Keep the inputs next to the verdicts, so a kept results directory explains itself.
payload_copy=$results/payload
if [[ $(realpath "$payload") != "$(realpath -m "$payload_copy")" ]]; then
    rm -rf "$payload_copy"
    mkdir -p "$payload_copy"
    cp -a "$payload/manifest.tsv" "$payload/cases" "$payload/device-sizes.txt" "$payload/devices.tsv" "$payload/seed.txt" \
        "$payload_copy/"
fi

# --device-size for every device the tables use, as the guest attached them.
size_args=()
while read -r declaration; do
    [[ -n $declaration ]] && size_args+=(--device-size "$declaration")
done <"$payload/device-sizes.txt"

# 0. The guest attached the loop devices with the sizes dmc is told about.
devices_ok=1
if [[ ! -f $results/loops.tsv ]]; then
    devices_ok=0
    devices_why="the guest recorded no loops.tsv"
else
    devices_why=$(awk -F'\t' 'NR == FNR { if ($1 !~ /^#/) want[$2] = $3; next }
                              { got[$1] = $2 }
                              END { for (p in want) if (got[p] != want[p]) printf "%s: %s sectors, expected %s; ", p, got[p], want[p] }' \
        "$payload/devices.tsv" "$results/loops.tsv")
    [[ -z $devices_why ]] || devices_ok=0
fi

# 1. dmc on every table: exit status, and the JSON diagnostics.
mkdir -p "$work/json"
: >"$work/dmc-status.tsv"
while IFS=$'\t' read -r id _; do
    [[ $id == \#* || -z $id ]] && continue
    file=$payload/cases/$id.table
    [[ -f $payload/cases/$id.dm ]] && file=$payload/cases/$id.dm
    status=0
    "$dmc" verify --format json --max-errors 0 "${size_args[@]}" -- "$file" >"$work/json/$id.json" 2>"$work/json/$id.err" ||
        status=$?
    printf '%s\t%s\n' "$id" "$status" >>"$work/dmc-status.tsv"
done <"$payload/manifest.tsv"

# 2. The first error of each result: id, errors, line, code, message. A small JSON reader
# (mawk and gawk): only the members of the objects in the top-level "diagnostics" array.
for json in "$work"/json/*.json; do
    id=${json##*/}
    printf '%s\t' "${id%.json}"
    awk '
        { text = text $0 "\n" }
        END {
            n = length(text); depth = 0; inDiag = 0; errors = 0; first = ""
            pos = 1
            while (pos <= n) {
                c = substr(text, pos, 1)
                if (c == " " || c == "\t" || c == "\n" || c == "\r" || c == "," || c == ":") { pos++; continue }
                if (c == "{" || c == "[") {
                    depth++
                    if (c == "[" && depth == 2 && key[1] == "diagnostics") inDiag = 1
                    if (c == "{" && depth == 3 && inDiag) { delete rec }
                    pos++; continue
                }
                if (c == "}" || c == "]") {
                    if (c == "}" && depth == 3 && inDiag && rec["severity"] == "error") {
                        errors++
                        if (first == "") first = rec["line"] "\t" rec["code"] "\t" rec["message"]
                    }
                    if (c == "]" && depth == 2) inDiag = 0
                    depth--; pos++; continue
                }
                if (c == "\"") {
                    s = ""; pos++
                    while (pos <= n) {
                        c = substr(text, pos, 1)
                        if (c == "\\") {
                            e = substr(text, pos + 1, 1)
                            if (e == "n" || e == "t" || e == "r") s = s " "
                            else if (e == "u") { s = s "?"; pos += 4 }
                            else s = s e
                            pos += 2; continue
                        }
                        if (c == "\"") { pos++; break }
                        s = s c; pos++
                    }
                    # A key when a colon follows.
                    look = pos
                    while (substr(text, look, 1) ~ /[ \t\n\r]/) look++
                    if (substr(text, look, 1) == ":") { key[depth] = s; continue }
                    if (depth == 3 && inDiag) rec[key[3]] = s
                    continue
                }
                v = ""
                while (pos <= n && substr(text, pos, 1) !~ /[ \t\n\r,}\]]/) { v = v substr(text, pos, 1); pos++ }
                if (depth == 3 && inDiag) rec[key[3]] = v
            }
            if (first == "") first = "0\t\t"
            print errors "\t" first
        }' "$json"
done >"$work/dmc-first.tsv"

# 3. The kernel's reason for each case: the device-mapper lines after its log marker.
awk '
    /dmc-diff-case / { current = $NF; next }
    /dmc-diff-end/ { current = ""; next }
    current != "" && /device-mapper:/ {
        line = $0
        sub(/^\[[ 0-9.]*\] */, "", line)
        gsub(/\t/, " ", line)
        reason[current] = reason[current] (reason[current] == "" ? "" : " | ") line
    }
    END { for (id in reason) print id "\t" reason[id] }
' "$results/kmsg.txt" 2>/dev/null >"$work/reasons.tsv" || : >"$work/reasons.tsv"

# 4. Compare, print, summarise.
rm -f "$results/disagreements.txt" "$results/verdicts.tsv"
grep -v '^[[:space:]]*\(#\|$\)' "$SUITE_DIR/deliberate-refusals.txt" >"$work/deliberate.txt" || true
awk -F'\t' -v OFS='\t' -v devicesOk="$devices_ok" -v devicesWhy="$devices_why" -v cases="$payload_copy/cases" -v seed="$(cat "$payload/seed.txt")" -v disagreements="$results/disagreements.txt" \
    -v verdicts="$results/verdicts.tsv" '
    function glob(pattern) { gsub(/\*/, ".*", pattern); return "^" pattern "$" }
    function deliberate(target, kind,    i) {
        for (i = 1; i <= ndel; i++)
            if (target ~ delTarget[i] && kind ~ delKind[i]) return delReason[i]
        return ""
    }
    function tableLine(id, lineNo,    file, text, k, r) {
        if (lineNo <= 0) return ""
        file = cases "/" id ".table"; k = 0; text = ""
        while ((r = (getline l < file)) > 0) { if (++k == lineNo) text = l }
        close(file)
        return text
    }
    function oneLine(s) { gsub(/[\t\n]/, " ", s); return s }
    FILENAME == ARGV[1] { split($0, f, " "); ndel++; delTarget[ndel] = glob(f[1]); delKind[ndel] = glob(f[2])
                          r = $0; sub(/^[^ \t]+[ \t]+[^ \t]+[ \t]+/, "", r); delReason[ndel] = r; next }
    FILENAME == ARGV[2] { kverdict[$1] = $2; kmessage[$1] = $3; next }
    FILENAME == ARGV[3] { reason[$1] = $2; next }
    FILENAME == ARGV[4] { dstatus[$1] = $2; next }
    FILENAME == ARGV[5] { derrors[$1] = $2; dline[$1] = $3; dcode[$1] = $4; dmessage[$1] = $5; next }
    /^#/ { next }
    FNR == 2 {
        if (devicesOk) { print "PASS: differential/devices-match: the guest attached the loop devices dmc is told about"; passed++ }
        else { print "FAIL: differential/devices-match: " devicesWhy; failed++ }
    }
    {
        id = $1; target = $2; kind = $3; expect = $4; line = $5 + 0; dmcLine = $6 + 0
        group = target SUBSEP kind
        if (!(target in seenTarget)) { seenTarget[target] = 1; targetOrder[++ntargets] = target }
        if (!(group in seenGroup)) { seenGroup[group] = 1; groupOrder[target, ++ngroups[target]] = kind }
        count[group]++; tcount[target]++
        k = (id in kverdict) ? kverdict[id] : "missing"
        d = !(id in dstatus) ? "missing" : dstatus[id] == 0 ? "accepted" : dstatus[id] == 1 ? "refused" : "dmc-exit-" dstatus[id]
        why = (id in reason) ? reason[id] : kmessage[id]
        if (k == "refused") { krefused[group]++; tkrefused[target]++ }
        if (d == "refused") { drefused[group]++; tdrefused[target]++ }
        if ((expect == "accept" && k == "refused") || (expect == "refuse" && k == "accepted")) {
            intent[group]++
            notes = notes sprintf("NOTE: %s %s/%s: the generator expected the kernel to %s it, the kernel %s it%s\n",
                                  id, target, kind, expect, k, why == "" ? "" : " (" why ")")
        }
        result = ""; detail = ""
        if (k == "missing") { result = "FAIL"; detail = "no kernel verdict (the guest did not load it)" }
        else if (d !~ /^(accepted|refused)$/) { result = "FAIL"; detail = "dmc verify did not run cleanly (" d ")" }
        else if (k == "refused" && d == "accepted") { result = "FAIL"; detail = "the kernel refused it, dmc accepts it" }
        else if (k == "accepted" && d == "refused") {
            r = deliberate(target, kind)
            if (r != "") { result = "PASS"; detail = "deliberate refusal (kernel accepts): " r; deliberateCount[group]++; tdeliberate[target]++ }
            else { result = "FAIL"; detail = "the kernel accepted it, dmc refuses it" }
        } else if (k == "refused") {
            if (dmcLine > 0 && dline[id] != dmcLine) {
                result = "FAIL"; detail = sprintf("both refuse, but dmc'"'"'s first error is on line %s, the fault is on line %d", dline[id], dmcLine)
            } else {
                result = "PASS"; detail = dmcLine > 0 ? "both refuse, dmc at the faulty line " dmcLine : "both refuse"
                if (dmcLine > 0) { lineok[group]++ }
            }
            if (dmcLine > 0) linechecked[group]++
        } else { result = "PASS"; detail = "both accept" }
        if (result == "PASS") { agree[group]++; tagree[target]++; passed++ } else { failed++; tfailed[target]++ }
        printf "%s: differential/%s %s/%s: %s\n", result, id, target, kind, detail
        print id, target, kind, expect, k, d, result, oneLine(why), dline[id], oneLine(dmessage[id]) > verdicts
        if (result == "FAIL") {
            text = tableLine(id, line)
            printf "%s  %s/%s  (%s)\n", id, target, kind, cases "/" id ".table" > disagreements
            if (line > 0) printf "  faulty line %d: %s\n", line, text > disagreements
            else { printf "  table:\n" > disagreements; tf = cases "/" id ".table"; while ((getline l < tf) > 0) printf "    %s\n", l > disagreements; close(tf) }
            printf "  kernel: %s%s\n", k, (why == "" ? "" : " -- " why) > disagreements
            dmcText = (derrors[id] + 0 > 0) ? sprintf(" -- %d error(s), first at line %s: %s [%s]", derrors[id], dline[id], dmessage[id], dcode[id]) : ""
            printf "  dmc:    %s%s\n", d, dmcText > disagreements
            printf "  verdict: %s\n\n", detail > disagreements
        }
    }
    END {
        if (notes != "") { printf "\n%s", notes }
        printf "\nDifferential summary per target and fault kind (k-ref: kernel refused, d-ref: dmc refused,\n"
        printf "agree: verdicts match or deliberate, delib: deliberate dmc refusals, line: first error on the\n"
        printf "faulty line / checked, gen!=k: the kernel did not do what the generator expected):\n\n"
        fmt = "%-16s %-30s %5s %5s %5s %5s %5s %7s %6s\n"
        printf fmt, "target", "kind", "cases", "k-ref", "d-ref", "agree", "delib", "line", "gen!=k"
        for (t = 1; t <= ntargets; t++) {
            target = targetOrder[t]
            for (g = 1; g <= ngroups[target]; g++) {
                kind = groupOrder[target, g]; group = target SUBSEP kind
                printf fmt, target, kind, count[group], krefused[group] + 0, drefused[group] + 0, agree[group] + 0,
                    deliberateCount[group] + 0, linechecked[group] ? (lineok[group] + 0) "/" linechecked[group] : "-",
                    intent[group] + 0
            }
        }
        printf "\nPer target:\n\n"
        fmt2 = "%-16s %5s %7s %7s %6s %6s %6s\n"
        printf fmt2, "target", "cases", "k-ref", "d-ref", "agree", "delib", "FAIL"
        for (t = 1; t <= ntargets; t++) {
            target = targetOrder[t]
            printf fmt2, target, tcount[target], tkrefused[target] + 0, tdrefused[target] + 0, tagree[target] + 0,
                tdeliberate[target] + 0, tfailed[target] + 0
            all += tcount[target]
        }
        printf "%-16s %5s\n", "all", all
        if (failed) printf "\nDetails of the %d disagreements: %s (seed %s)\n", failed, disagreements, seed
        printf "%d passed, %d failed\n", passed, failed
        exit (failed > 0)
    }
' "$work/deliberate.txt" "$results/kernel.tsv" "$work/reasons.tsv" "$work/dmc-status.tsv" "$work/dmc-first.tsv" \
    "$payload/manifest.tsv"
