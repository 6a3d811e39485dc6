#!/bin/sh
# tests/register.sh — the register as CSV: the exact bytes of `tenken eval
# --format=csv` (byte order mark, RFC 4180 quoting, CRLF), reading it back
# with --input=csv (and by the .csv name) to the same results, and malformed
# CSV files with their exact diagnostics. Data in tests/register/.
# TENKEN_BLESS=1 rewrites the expected files from the current output.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
rules=rules/cloud-safe-use/safe-use.tkn
data=tests/register

# same_bytes NAME EXPECTED ACTUAL: the files are byte for byte the same.
same_bytes() {
    if [ -n "${TENKEN_BLESS:-}" ]; then cp "$3" "$2"; fi
    if cmp "$2" "$3" >"$scratch/cmp.out" 2>&1; then ok "$1"; else not_ok "$1" "$scratch/cmp.out"; fi
}

# expect NAME STATUS COMMAND...: the command exits with STATUS (output in $scratch/out, err).
expect() {
    expect_name=$1 wanted=$2
    shift 2
    "$@" >"$scratch/out" 2>"$scratch/err"
    got=$?
    if [ "$got" -eq "$wanted" ]; then ok "$expect_name"; else
        { echo "exit status $got, expected $wanted"; cat "$scratch/err"; } >"$scratch/why"
        not_ok "$expect_name" "$scratch/why"
    fi
}

# {=== writing ===}

expect "eval --format=csv of the register exits 0" 0 \
    run_tenken eval --format=csv "$rules" examples/safe-use/register.yaml
cp "$scratch/out" "$scratch/register.csv"
same_bytes "the register as CSV, byte for byte" "$data/register.csv" "$scratch/register.csv"
if [ "$(head -c 3 "$scratch/register.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf ]; then
    ok "the CSV starts with a UTF-8 byte order mark"
else
    not_ok "the CSV starts with a UTF-8 byte order mark"
fi
lines=$(wc -l <"$scratch/register.csv")
crlf=$(grep -c "$(printf '\r')\$" "$scratch/register.csv")
if [ "$lines" -eq 6 ] && [ "$crlf" -eq 6 ]; then ok "one heading row and five rows, each ending in CRLF"; else
    echo "$lines lines, $crlf ending in CRLF" >"$scratch/why"
    not_ok "one heading row and five rows, each ending in CRLF" "$scratch/why"
fi
expect "a register with no answer set is the heading row alone" 0 \
    run_tenken eval --format=csv "$rules" /dev/null
if [ "$(wc -l <"$scratch/out")" -eq 1 ]; then ok "the heading row is written with no set"; else
    not_ok "the heading row is written with no set" "$scratch/out"
fi

# {=== reading it back ===}

# results FILE [OPTIONS...]: the JSON results without where they were read from.
results() {
    file=$1
    shift
    run_tenken eval --format=jsonl "$@" "$rules" "$file" | jq -c 'del(.source)'
}

if command -v jq >/dev/null 2>&1; then
    results examples/safe-use/register.yaml >"$scratch/yaml.json"
    results "$scratch/register.csv" >"$scratch/csv.json"
    same "register: YAML → CSV → the same results" "$scratch/yaml.json" "$scratch/csv.json"
    jq -r '.checklists.safe_use.values.total' "$scratch/csv.json" | paste -sd ' ' >"$scratch/totals"
    echo "37 26 29 17 11" >"$scratch/expected.totals"
    same "register: the totals read back are 37, 26, 29, 17, 11" "$scratch/expected.totals" "$scratch/totals"
    cp "$scratch/register.csv" "$scratch/register.txt"
    results "$scratch/register.txt" --input=csv >"$scratch/input.json"
    same "--input=csv reads a file whatever its name" "$scratch/csv.json" "$scratch/input.json"
    run_tenken eval --format=jsonl --input=csv "$rules" - <"$scratch/register.csv" |
        jq -c 'del(.source)' >"$scratch/stdin.json"
    same "--input=csv reads standard input" "$scratch/csv.json" "$scratch/stdin.json"
    # S0004 and Aメール have no register: サービス名 holds the subject, and is
    # the register's service when read back.
    for example in S0004-crm-zzz a-mail S0004-visit1; do
        run_tenken eval --format=csv "$rules" "examples/safe-use/$example.yaml" >"$scratch/$example.csv"
        results "examples/safe-use/$example.yaml" | jq -c 'del(.register)' >"$scratch/yaml.json"
        results "$scratch/$example.csv" | jq -c 'del(.register)' >"$scratch/csv.json"
        same "$example: YAML → CSV → the same results" "$scratch/yaml.json" "$scratch/csv.json"
    done
    run_tenken eval --format=csv --lang=en "$rules" examples/safe-use/S0004-visit3.yaml >"$scratch/en.csv"
    results examples/safe-use/S0004-visit3.yaml >"$scratch/yaml.json"
    results "$scratch/en.csv" >"$scratch/csv.json"
    same "English headings and labels read back the same" "$scratch/yaml.json" "$scratch/csv.json"
    # Several checklists (CHECKLIST.ID headings) and facts; notes are not in CSV.
    for example in stuck-at-stage3 covid-era-shop; do
        run_tenken eval -I . --format=csv rules/cloud-adoption/adoption.tkn \
            "examples/cloud-adoption/$example.yaml" >"$scratch/$example.csv"
        run_tenken eval -I . --format=jsonl rules/cloud-adoption/adoption.tkn \
            "examples/cloud-adoption/$example.yaml" |
            jq -c 'del(.source, .register) | del(.. | .note?)' >"$scratch/yaml.json"
        run_tenken eval -I . --format=jsonl rules/cloud-adoption/adoption.tkn "$scratch/$example.csv" |
            jq -c 'del(.source, .register) | del(.. | .note?)' >"$scratch/csv.json"
        same "adoption $example: several checklists and facts round-trip" \
            "$scratch/yaml.json" "$scratch/csv.json"
    done
else
    echo "# jq is not installed: the round trips are not compared"
fi

# {=== malformed files ===}

for file in "$data"/*.csv; do
    name=$(basename "$file" .csv)
    [ -f "$data/$name.err" ] || continue
    expect "$name.csv: exit status 1" 1 run_tenken eval "$rules" "$file"
    if [ -n "${TENKEN_BLESS:-}" ]; then cp "$scratch/err" "$data/$name.err"; fi
    same "$name.csv: diagnostics" "$data/$name.err" "$scratch/err"
done
expect "--input=xml is a usage error" 2 run_tenken eval --input=xml "$rules" "$data/register.csv"
done_testing
