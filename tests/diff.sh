#!/bin/sh
# tests/diff.sh — `tenken diff`: S0004 from the first visit to the third as
# text (Japanese and English), JSON and Markdown, exactly; as HTML, a page
# that xmllint reads without complaint; several sets paired by subject with
# the unpaired ones named; exit statuses. Expected files in tests/diff/.
# TENKEN_BLESS=1 rewrites them from the current output.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
rules=rules/cloud-safe-use/safe-use.tkn
visit1=examples/safe-use/S0004-visit1.yaml
visit3=examples/safe-use/S0004-visit3.yaml
data=tests/diff

# case NAME EXPECTED-OUT [EXPECTED-ERR] -- ARGS...: tenken diff ARGS exits 0
# and prints exactly EXPECTED-OUT (and EXPECTED-ERR, else nothing) .
case_of() {
    case_name=$1 expected_out=$2 expected_err=
    shift 2
    if [ "$1" != -- ]; then expected_err=$1; shift; fi
    shift
    run_tenken diff "$@" >"$scratch/out" 2>"$scratch/err"
    echo $? >"$scratch/status"
    if [ -n "${TENKEN_BLESS:-}" ]; then
        cp "$scratch/out" "$expected_out"
        [ -z "$expected_err" ] || cp "$scratch/err" "$expected_err"
    fi
    echo 0 >"$scratch/zero"
    same "$case_name: exit status" "$scratch/zero" "$scratch/status"
    same "$case_name: output" "$expected_out" "$scratch/out"
    if [ -n "$expected_err" ]; then same "$case_name: notes" "$expected_err" "$scratch/err"; else
        : >"$scratch/empty"
        same "$case_name: nothing on standard error" "$scratch/empty" "$scratch/err"
    fi
}

case_of "visit 1 → 3 as text" "$data/visit1-visit3.txt" -- "$rules" "$visit1" "$visit3"
case_of "visit 1 → 3 in English" "$data/visit1-visit3-en.txt" -- --lang=en "$rules" "$visit1" "$visit3"
case_of "visit 1 → 3 as JSON" "$data/visit1-visit3.json" -- --format=json "$rules" "$visit1" "$visit3"
case_of "visit 1 → 3 as Markdown" "$data/visit1-visit3.md" -- --format=md "$rules" "$visit1" "$visit3"
case_of "a register paired by subject" "$data/register.txt" "$data/register.err" -- \
    "$rules" examples/safe-use/register.yaml "$data/register-2025.yaml"

if command -v jq >/dev/null 2>&1; then
    run_tenken diff --format=json "$rules" "$visit1" "$visit3" >"$scratch/diff.json"
    check "the JSON diff says total 18 → 38 (+20)" jq -e \
        '.sets[0].values[] | select(.name == "total") | .old == 18 and .new == 38 and .delta == 20' \
        "$scratch/diff.json"
    check "the JSON diff lists 13 changed answers" jq -e '.sets[0].items | length == 13' "$scratch/diff.json"
fi

run_tenken diff --format=html "$rules" "$visit1" "$visit3" >"$scratch/diff.html"
if command -v xmllint >/dev/null 2>&1; then
    check "the HTML page is well-formed" xmllint --html --noout "$scratch/diff.html"
else
    echo "# xmllint is not installed: the HTML page is not checked"
fi
if grep -q '<script' "$scratch/diff.html" || ! grep -q '<style>' "$scratch/diff.html"; then
    not_ok "the HTML page has inline CSS and no script" "$scratch/diff.html"
else
    ok "the HTML page has inline CSS and no script"
fi
check "the HTML page shows the total" grep -q '<td>safe_use.total</td>.*<td>18</td><td>38</td>' \
    "$scratch/diff.html"

run_tenken diff "$rules" "$visit3" "$visit3" >"$scratch/out"
printf 'S0004 クラウド顧客管理システムZZZ\n  rules cloud.safe_use\n  %s → %s\n  変更なし\n' \
    "$visit3" "$visit3" >"$scratch/expected"
same "a set against itself has no changes" "$scratch/expected" "$scratch/out"

run_tenken diff "$rules" "$visit1" tests/errors/answers/not-an-option.yaml >/dev/null 2>&1
status=$?
if [ "$status" -eq 1 ]; then ok "errors in an answer file exit 1"; else
    echo "exit status $status" >"$scratch/why"
    not_ok "errors in an answer file exit 1" "$scratch/why"
fi
run_tenken diff "$rules" "$visit1" >/dev/null 2>&1
status=$?
if [ "$status" -eq 2 ]; then ok "a missing operand exits 2"; else not_ok "a missing operand exits 2"; fi
run_tenken diff --format=xml "$rules" "$visit1" "$visit3" >/dev/null 2>&1
status=$?
if [ "$status" -eq 2 ]; then ok "an unknown format exits 2"; else not_ok "an unknown format exits 2"; fi
run_tenken diff "$rules" "$visit1" no-such-file.yaml >/dev/null 2>&1
status=$?
if [ "$status" -eq 2 ]; then ok "an unreadable file exits 2"; else not_ok "an unreadable file exits 2"; fi
done_testing
