#!/bin/sh
# tests/rule-tests.sh — the test blocks written in rules/ and stdlib/, run by
# `tenken test` (each is one test here), and the JUnit XML tenken writes for
# them checked by a real XML parser.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
run_tenken test --format=tap -I . rules stdlib >"$scratch/tap" 2>"$scratch/err"
status=$?
while IFS= read -r line; do
    case $line in
        "ok "*) ok "${line#ok * - }" ;;
        "not ok "*)
            name=${line#not ok * - }
            grep -A20 -F "$line" "$scratch/tap" | sed -n '2,20{/^# /p}' >"$scratch/why"
            cat "$scratch/err" >>"$scratch/why"
            not_ok "$name" "$scratch/why" ;;
    esac
done <"$scratch/tap"
if [ "$status" -eq 0 ]; then ok "tenken test exits 0 when every test passes"; else
    not_ok "tenken test exits 0 when every test passes" "$scratch/err"; fi

run_tenken test --format=junit -I . rules stdlib tests/golden/test-blocks >"$scratch/junit.xml" 2>/dev/null
if command -v xmllint >/dev/null 2>&1; then
    check "JUnit output is well-formed XML" xmllint --noout "$scratch/junit.xml"
    xmllint --xpath 'count(//testcase/failure)' "$scratch/junit.xml" >"$scratch/failures" 2>&1
    echo 1 >"$scratch/one"
    same "JUnit output carries the one failing test" "$scratch/one" "$scratch/failures"
fi
run_tenken test tests/golden/test-blocks -I . >/dev/null 2>&1
if [ $? -eq 1 ]; then ok "a failing test makes tenken test exit 1"; else not_ok "a failing test makes tenken test exit 1"; fi
run_tenken test tests/errors/tests.tkn >/dev/null 2>&1
if [ $? -eq 1 ]; then ok "a file that does not compile makes tenken test exit 1"; else
    not_ok "a file that does not compile makes tenken test exit 1"; fi
run_tenken test no-such-directory >/dev/null 2>&1
if [ $? -eq 2 ]; then ok "a missing file makes tenken test exit 2"; else
    not_ok "a missing file makes tenken test exit 2"; fi
done_testing
