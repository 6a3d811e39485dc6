#!/bin/sh
# tests/atomic.sh — nothing is lost: tenken is killed (SIGKILL, no chance to
# clean up) in the middle of writing a file, again and again, and the file
# must each time be either exactly as it was or exactly as tenken meant to
# write it — never half written. Covers fmt -w, compile -o and template -o.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
rounds=${ATOMIC_ROUNDS:-8}

# A rule file big enough that writing it takes a while, laid out badly so
# that fmt -w rewrites it.
awk 'BEGIN {
    print "tenken 1"; print "module atomic.big"
    print "scale yes_no { yes 1 \"はい\" no 0 \"いいえ\" }"
    print "checklist c {"; print "scale yes_no"
    for (i = 0; i < 40000; i++) printf "item \"%d\"    \"項目 %d\"\n", i, i
    print "score yes = count(items is yes)"; print "}"
}' >"$scratch/big.tkn"
"$TENKEN" fmt "$scratch/big.tkn" >"$scratch/big.formatted" 2>/dev/null
"$TENKEN" compile "$scratch/big.tkn" -o "$scratch/big.expected.tkc" 2>/dev/null
"$TENKEN" template "$scratch/big.tkn" -o "$scratch/big.expected.yaml" 2>/dev/null

# kill_during NAME TARGET OLD NEW COMMAND...: run COMMAND, SIGKILL it after a
# growing delay; TARGET must then equal OLD or NEW byte for byte.
kill_during() {
    name=$1 target=$2 old=$3 new=$4
    shift 4
    bad=0
    round=0
    while [ "$round" -lt "$rounds" ]; do
        cp "$old" "$target"
        "$@" >/dev/null 2>&1 &
        pid=$!
        sleep "0.0$round"
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        if ! cmp -s "$target" "$old" && ! cmp -s "$target" "$new"; then
            bad=$((bad + 1))
            echo "round $round: $target is neither the old nor the new file" >>"$scratch/why"
        fi
        round=$((round + 1))
    done
    if [ "$bad" -eq 0 ]; then ok "$name: killed $rounds times mid-write, the file is never half written"
    else not_ok "$name: killed mid-write, the file was left half written" "$scratch/why"; fi
}

: >"$scratch/why"
cp "$scratch/big.tkn" "$scratch/original.tkn"
kill_during "fmt -w" "$scratch/work.tkn" "$scratch/original.tkn" "$scratch/big.formatted" \
    "$TENKEN" fmt -w "$scratch/work.tkn"
printf 'not a compiled graph\n' >"$scratch/old.tkc"
kill_during "compile -o" "$scratch/out.tkc" "$scratch/old.tkc" "$scratch/big.expected.tkc" \
    "$TENKEN" compile "$scratch/big.tkn" -o "$scratch/out.tkc"
printf 'tenken: 1\n' >"$scratch/old.yaml"
kill_during "template -o" "$scratch/out.yaml" "$scratch/old.yaml" "$scratch/big.expected.yaml" \
    "$TENKEN" template "$scratch/big.tkn" -o "$scratch/out.yaml"

# The same file written to the end is the one expected (the test can fail).
cp "$scratch/original.tkn" "$scratch/work.tkn"
"$TENKEN" fmt -w "$scratch/work.tkn" >/dev/null 2>&1
same "fmt -w left to finish writes the formatted file" "$scratch/big.formatted" "$scratch/work.tkn"
done_testing
