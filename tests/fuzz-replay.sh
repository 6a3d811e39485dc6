#!/bin/sh
# tests/fuzz-replay.sh — what `make fuzz` found, replayed through the tenken
# command in every make check: each input under tests/fuzz/regressions/ must
# give diagnostics and an ordinary exit status (no crash), within 10 s.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
replay() {
    name=$1
    shift
    timeout 10 "$@" >/dev/null 2>"$scratch/err"
    status=$?
    if [ "$status" -lt 3 ] && ! grep -q 'AddressSanitizer\|runtime error' "$scratch/err"; then
        ok "$name"
    else
        echo "exit status $status" >>"$scratch/err"
        not_ok "$name" "$scratch/err"
    fi
}
for file in tests/fuzz/regressions/parse/* tests/fuzz/regressions/compile/*; do
    [ -f "$file" ] || continue
    replay "check $(basename "$file")" "$TENKEN" check "$file"
done
for file in tests/fuzz/regressions/answers/*; do
    [ -f "$file" ] || continue
    replay "eval $(basename "$file")" "$TENKEN" eval rules/cloud-safe-use/safe-use.tkn "$file"
done
for file in tests/fuzz/regressions/tkc/*; do
    [ -f "$file" ] || continue
    replay "load $(basename "$file")" "$TENKEN" eval "$file" examples/safe-use/S0004-crm-zzz.yaml
done
done_testing
