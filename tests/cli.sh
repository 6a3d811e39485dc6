#!/bin/sh
# tests/cli.sh — the command line: help and version everywhere, exit codes
# 0/1/2, every rule file in rules/ and stdlib/ compiling cleanly, options
# (--require, --lang, --color, -Werror, --max-errors, -I, TENKEN_PATH),
# standard input, and JSON diagnostics.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
rules=rules/cloud-safe-use/safe-use.tkn
s0004=examples/safe-use/S0004-crm-zzz.yaml

# expect_status NAME STATUS COMMAND...: the command exits with STATUS.
expect_status() {
    name=$1 wanted=$2
    shift 2
    "$@" >"$scratch/out" 2>"$scratch/err"
    got=$?
    if [ "$got" -eq "$wanted" ]; then
        ok "$name"
    else
        { echo "exit status $got, expected $wanted"; cat "$scratch/err"; } >"$scratch/why"
        not_ok "$name" "$scratch/why"
    fi
}

# expect_output NAME PATTERN FILE: FILE has a line matching PATTERN (grep -E).
expect_output() {
    if grep -Eq -- "$2" "$3"; then ok "$1"; else not_ok "$1" "$3"; fi
}

for command in check eval diff ask; do
    expect_status "$command --help exits 0" 0 "$TENKEN" "$command" --help
    expect_output "$command --help shows its usage" "^usage: tenken $command" "$scratch/out"
    expect_status "$command --version exits 0" 0 "$TENKEN" "$command" --version
    expect_output "$command --version names the version" '^tenken [0-9]+\.[0-9]+' "$scratch/out"
    expect_status "$command with an unknown option exits 2" 2 "$TENKEN" "$command" --frobnicate
    expect_output "$command names the unknown option" "unknown option '--frobnicate'" "$scratch/err"
done
expect_status "tenken --help exits 0" 0 "$TENKEN" --help
expect_status "tenken without a command exits 2" 2 "$TENKEN"
expect_status "an unknown command exits 2" 2 "$TENKEN" evaluate
expect_output "an unknown command gets a suggestion" "did you mean 'tenken eval'" "$scratch/err"

for file in $(find rules stdlib -name '*.tkn' | sort); do
    expect_status "check $file is clean" 0 "$TENKEN" check -Werror -I . "$file"
done
expect_status "check of a missing file exits 2" 2 "$TENKEN" check no-such-rules.tkn
expect_output "a missing file is named" "no-such-rules.tkn: error\[TK0901\]" "$scratch/err"
expect_status "check of a bad file exits 1" 1 "$TENKEN" check tests/errors/names.tkn
expect_status "check --max-errors=2 still exits 1" 1 \
    "$TENKEN" check --max-errors=2 tests/errors/names.tkn
expect_output "--max-errors says how many were not shown" "7 more errors not shown" "$scratch/err"
expect_status "a warning alone passes check" 0 "$TENKEN" check tests/golden/ambiguous-points/rules.tkn
expect_status "-Werror turns a warning into a failure" 1 \
    "$TENKEN" check -Werror tests/golden/ambiguous-points/rules.tkn
expect_output "-Werror reports it as an error" "error\[TK0303\]" "$scratch/err"

expect_status "check --format=json exits 1 on errors" 1 \
    "$TENKEN" check --format=json tests/errors/names.tkn
expect_output "JSON diagnostics carry the code" '"code": "TK0201"' "$scratch/out"
if command -v jq >/dev/null 2>&1; then
    check "JSON diagnostics are well-formed" jq -e 'length == 9 and all(.[]; .line >= 1 and .column >= 1)' "$scratch/out"
fi

expect_status "eval without answers exits 2" 2 "$TENKEN" eval "$rules"
expect_status "eval --format=xml exits 2" 2 "$TENKEN" eval --format=xml "$rules" "$s0004"
# The formats a command names are those the library's table has for it.
"$TENKEN" eval --format=xml "$rules" "$s0004" 2>"$scratch/out"
expect_output "eval names every format of results" \
    "^tenken eval: --format is text, json, jsonl, csv, html or md, not 'xml'$" "$scratch/out"
"$TENKEN" diff --format=csv "$rules" "$s0004" "$s0004" 2>"$scratch/out"
expect_output "diff names every format of diffs" \
    "^tenken diff: --format is text, json, jsonl, html or md, not 'csv'$" "$scratch/out"
"$TENKEN" map --format=html --from iso27002_2013 2>"$scratch/out"
expect_output "map names every format of coverage" \
    "^tenken map: --format is text, json, csv or md, not 'html'$" "$scratch/out"
expect_status "eval --lang=fr exits 2" 2 "$TENKEN" eval --lang=fr "$rules" "$s0004"
expect_status "eval of bad rules exits 1" 1 "$TENKEN" eval tests/errors/names.tkn "$s0004"
expect_status "a gate that passes satisfies --require" 0 "$TENKEN" eval -I . \
    --require=c.all_yes tests/golden/import-stdlib/rules.tkn tests/golden/import-stdlib/answers.yaml
expect_status "a gate that fails or waits for --require exits 1" 1 "$TENKEN" eval \
    --require=prerequisite.fit tests/golden/gates/rules.tkn tests/golden/gates/answers.yaml
expect_output "a failing required gate is named" "required gate 'prerequisite.fit' is fail" "$scratch/err"
expect_output "a pending required gate is named" "required gate 'prerequisite.fit' is pending" "$scratch/err"
expect_status "a module-level gate can be required" 1 \
    "$TENKEN" eval --require=ready tests/golden/gates/rules.tkn tests/golden/gates/answers.yaml
expect_output "the failing gate is named" "required gate 'ready' is fail" "$scratch/err"
expect_status "an unknown gate for --require exits 1" 1 \
    "$TENKEN" eval --require=no.such_gate "$rules" "$s0004"
expect_output "the unknown gate is named" "no gate 'no.such_gate'" "$scratch/err"

expect_status "answers from standard input" 0 sh -c "\"$TENKEN\" eval --format=jsonl $rules - < $s0004"
expect_output "standard input is evaluated" '"total":38' "$scratch/out"
expect_status "--lenient turns answer errors into warnings" 0 \
    "$TENKEN" eval --lenient "$rules" tests/golden/bad-answers/answers.yaml
expect_output "--lenient still reports them" "warning\[TK0505\]" "$scratch/err"
expect_status "--color=always colours the report" 0 "$TENKEN" eval --color=always "$rules" "$s0004"
if grep -q "$(printf '\033')\[" "$scratch/out"; then ok "colour codes are present"; else not_ok "colour codes are present"; fi
expect_status "NO_COLOR keeps the report plain" 0 "$TENKEN" eval "$rules" "$s0004"
if grep -q "$(printf '\033')" "$scratch/out"; then not_ok "no colour codes without a terminal"; else ok "no colour codes without a terminal"; fi

expect_status "imports resolve through TENKEN_PATH" 0 env TENKEN_PATH="$top_srcdir" \
    "$TENKEN" check tests/golden/import-stdlib/rules.tkn
expect_status "imports resolve from a directory above the importing file" 0 \
    env TENKEN_PATH=/nonexistent "$TENKEN" check tests/golden/import-stdlib/rules.tkn
mkdir -p "$scratch/alone"
cp tests/golden/import-stdlib/rules.tkn "$scratch/alone/rules.tkn"
expect_status "imports fail outside the search path" 1 env TENKEN_PATH=/nonexistent \
    "$TENKEN" check "$scratch/alone/rules.tkn"
expect_output "the missing module is named" "module 'stdlib.scales' is not on the search path" "$scratch/err"
done_testing
