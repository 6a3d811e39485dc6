#!/bin/sh
# tests/golden.sh — golden tests: each directory under tests/golden/ holds
# `args` (the tenken command line, run from the top source directory),
# `expected.out` (exact standard output), and optionally `expected.err`
# (exact standard error) and `expected.status` (exit status, default 0).
# TENKEN_BLESS=1 rewrites the expected files from the current output.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
for case_dir in tests/golden/*/; do
    name=$(basename "$case_dir")
    [ -f "$case_dir/args" ] || continue
    # shellcheck disable=SC2046
    set -- $(cat "$case_dir/args")
    run_tenken "$@" >"$scratch/out" 2>"$scratch/err"
    echo $? >"$scratch/status"
    if [ -n "${TENKEN_BLESS:-}" ]; then
        cp "$scratch/out" "$case_dir/expected.out"
        if [ -s "$scratch/err" ]; then cp "$scratch/err" "$case_dir/expected.err"; fi
        if [ "$(cat "$scratch/status")" != 0 ]; then cp "$scratch/status" "$case_dir/expected.status"; fi
    fi
    expected_status=0
    [ -f "$case_dir/expected.status" ] && expected_status=$(cat "$case_dir/expected.status")
    echo "$expected_status" >"$scratch/expected.status"
    same "$name: exit status" "$scratch/expected.status" "$scratch/status"
    same "$name: standard output" "$case_dir/expected.out" "$scratch/out"
    if [ -f "$case_dir/expected.err" ]; then
        same "$name: diagnostics" "$case_dir/expected.err" "$scratch/err"
    else
        : >"$scratch/empty"
        same "$name: no diagnostics" "$scratch/empty" "$scratch/err"
    fi
done
done_testing
