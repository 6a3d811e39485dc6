#!/bin/sh
# tests/errors.sh — error tests: every tests/errors/*.tkn is a bad rule file
# and its .err the exact diagnostics `tenken check` prints (exit status 1);
# every tests/errors/warnings/*.tkn compiles but draws warnings, checked with
# -Werror; every tests/errors/answers/*.yaml is a bad answer file for the safe-use
# rules and its .err the exact diagnostics `tenken eval` prints (status 1).
# every tests/errors/controls/*.yaml is a bad framework answer file, read by
# `tenken map`. Together with tests/import/errors/*.err (tests/import.sh) and
# tests/oom/*.err (tests/oom.sh: running out of memory) they cover every
# diagnostic code (checked at the end).
# TENKEN_BLESS=1 rewrites the .err files from the current output.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
rules=rules/cloud-safe-use/safe-use.tkn

compare_case() {
    name=$1 expected=$2 status=$3
    if [ -n "${TENKEN_BLESS:-}" ]; then cp "$scratch/err" "$expected"; fi
    if [ "$status" -ne 1 ]; then
        echo "exit status $status, expected 1" >"$scratch/why"
        not_ok "$name: exit status" "$scratch/why"
    else
        ok "$name: exit status"
    fi
    same "$name: diagnostics" "$expected" "$scratch/err"
}

for file in tests/errors/*.tkn; do
    run_tenken check -I tests/errors/modules "$file" >/dev/null 2>"$scratch/err"
    status=$?
    compare_case "$(basename "$file")" "${file%.tkn}.err" "$status"
done

# Warnings: rules that compile, checked with -Werror so that they fail.
for file in tests/errors/warnings/*.tkn; do
    run_tenken check -Werror -I . "$file" >/dev/null 2>"$scratch/err"
    status=$?
    compare_case "warnings/$(basename "$file")" "${file%.tkn}.err" "$status"
done

for file in tests/errors/answers/*.yaml; do
    run_tenken eval "$rules" "$file" >/dev/null 2>"$scratch/err"
    status=$?
    compare_case "answers/$(basename "$file")" "${file%.yaml}.err" "$status"
done

# Answers for a framework: every tests/errors/controls/*.yaml is a bad answer
# file for the ISMAP-shaped test catalogue, read by `tenken map`.
for file in tests/errors/controls/*.yaml; do
    run_tenken map --from "example_criteria=$file" tests/map/criteria.tkn >/dev/null \
        2>"$scratch/err"
    status=$?
    compare_case "controls/$(basename "$file")" "${file%.yaml}.err" "$status"
done

# Every code in src/base/diag_codes.h appears in some expected output (here, in
# a golden case for the codes that need rules of their own or exit 2, in an
# error case of tenken import, or in one of running out of memory).
for code in $(sed -n 's/^DIAG_CODE(\(TK[0-9]*\),.*/\1/p' src/base/diag_codes.h); do
    if cat tests/errors/*.err tests/errors/*/*.err tests/golden/*/expected.err \
        tests/import/errors/*.err tests/oom/*.err \
        2>/dev/null | grep -q "\[$code\]"; then
        ok "$code has an error case"
    else
        echo "no file under tests/errors/, tests/import/errors/ or tests/oom/ shows $code" \
            >"$scratch/why"
        not_ok "$code has an error case" "$scratch/why"
    fi
done
done_testing
