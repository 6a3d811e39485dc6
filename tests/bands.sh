#!/bin/sh
# tests/bands.sh — the self-check's bands (rules/self-check) in every output
# format: for the totals at each boundary the sheet can reach (100, 98, 95,
# 70, 69, 50, 49, -25) and for a half-answered sheet (pending), the band in
# the text report, JSON, JSON Lines, CSV, Markdown and HTML; the bands over a
# number fact reach 99 and the other bounds (tests/bands/bounds.tkn's test
# blocks); tenken diff names both bands when the band changed.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
rules=rules/self-check/self-check.tkn

# sheet FILE DONE PARTLY NOT_DONE DONT_KNOW: answers in that order, by key.
sheet() {
    file=$1
    printf 'answers:\n  self_check:\n' >"$file"
    number=1
    for group in "done $2" "partly $3" "not_done $4" "dont_know $5"; do
        set -- $group
        count=0
        while [ "$count" -lt "$2" ]; do
            printf '    "%d": %s\n' "$number" "$1" >>"$file"
            number=$((number + 1)) count=$((count + 1))
        done
    done
}

# has NAME FILE TEXT: FILE holds TEXT as a fixed string.
has() {
    if grep -F -q -- "$3" "$2"; then ok "$1"; else
        { echo "expected: $3"; cat "$2"; } >"$scratch/why"
        not_ok "$1" "$scratch/why"
    fi
}

# check_band TOTAL BAND STATUS: every format shows the band of $scratch/sheet.yaml.
check_band() {
    total=$1 band=$2 status=$3
    for format in text json jsonl csv md html; do
        run_tenken eval --color=never --format=$format "$rules" "$scratch/sheet.yaml" \
            >"$scratch/out.$format" 2>"$scratch/err"
    done
    if [ "$status" = reached ]; then
        has "$total: text" "$scratch/out.text" "self_check.total = $total → $band"
        has "$total: json" "$scratch/out.json" "\"band\": \"$band\""
        has "$total: jsonl" "$scratch/out.jsonl" "\"value\":$total,\"status\":\"reached\",\"band\":\"$band\""
        has "$total: csv" "$scratch/out.csv" ",$band"
        has "$total: markdown" "$scratch/out.md" "帯: **$band**"
        has "$total: html" "$scratch/out.html" "<tr class=\"reached\" data-band=\"$band\">"
    else
        has "$total: text" "$scratch/out.text" "self_check.total = 未確定 → 判定待ち"
        has "$total: json" "$scratch/out.json" "\"status\": \"pending\","
        has "$total: jsonl" "$scratch/out.jsonl" "\"value\":null,\"status\":\"pending\",\"band\":null"
        has "$total: csv" "$scratch/out.csv" ",pending"
        has "$total: markdown" "$scratch/out.md" "帯: **判定待ち**"
        if grep -q 'class="reached"' "$scratch/out.html"; then
            not_ok "$total: html highlights no band" "$scratch/out.html"
        else ok "$total: html highlights no band"; fi
    fi
}

while read -r total band done partly not_done dont_know; do
    sheet "$scratch/sheet.yaml" "$done" "$partly" "$not_done" "$dont_know"
    check_band "$total" "$band" reached
done <<'TABLE'
100 A 25 0 0 0
98 B 24 1 0 0
95 B 24 0 0 1
70 B 19 0 0 6
69 C 18 0 4 3
50 C 15 0 0 10
49 D 14 0 4 7
-25 D 0 0 0 25
TABLE
sheet "$scratch/sheet.yaml" 12 0 0 0
check_band half - pending

run_tenken test tests/bands/bounds.tkn >"$scratch/test.out" 2>"$scratch/test.err"
if [ $? -eq 0 ]; then ok "bands over a fact: every bound"; else
    cat "$scratch/test.err" >>"$scratch/test.out"
    not_ok "bands over a fact: every bound" "$scratch/test.out"
fi

run_tenken diff --color=never "$rules" examples/self-check/first.yaml \
    examples/self-check/second.yaml >"$scratch/diff.text" 2>"$scratch/err"
has "diff: both bands with their labels" "$scratch/diff.text" \
    "C 不十分な点がある：できていない項目に取り組む（要約） → B おおむね実施：できていない項目を見直す（要約）"
run_tenken diff --format=json "$rules" examples/self-check/first.yaml \
    examples/self-check/second.yaml >"$scratch/diff.json" 2>"$scratch/err"
has "diff: JSON" "$scratch/diff.json" "\"new\": \"B おおむね実施：できていない項目を見直す（要約）\""
run_tenken eval --color=never --explain --lang=en "$rules" examples/self-check/first.yaml \
    >"$scratch/explain" 2>"$scratch/err"
has "--explain: the value against the band's bounds" "$scratch/explain" "└─ 61 >= 50 < 70"
done_testing
