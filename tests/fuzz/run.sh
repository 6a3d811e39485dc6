#!/bin/sh
# tests/fuzz/run.sh — `make fuzz`: builds each libFuzzer harness with clang
# (AddressSanitizer and UndefinedBehaviorSanitizer on), seeds it from the
# repository's own rule files, answer files and compiled graphs, and runs it
# for FUZZ_SECONDS (default 60) each, FUZZ_JOBS (default 1) at a time. An
# input that crashes, leaks or hangs is kept under tests/fuzz/findings/ and
# makes the run fail: add it to tests/fuzz/regressions/HARNESS/ as a
# regression (make check replays them through the tenken command).
set -u
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${top_builddir:-$srcdir}
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
harnesses=${FUZZ_HARNESSES:-"parse compile answers eval tkc"}
work="$builddir/.fuzz"   # outside tests/, whose .tkn files other tests scan
findings="$srcdir/tests/fuzz/findings"
CLANG=${CLANG:-clang}

command -v "$CLANG" >/dev/null 2>&1 || { echo "make fuzz: clang is needed (./bootstrap installs it)"; exit 2; }
[ -f "$builddir/grammar/parser.c" ] || { echo "make fuzz: build tenken first (make)"; exit 2; }
mkdir -p "$work/bin" "$findings"

sources="$(ls "$srcdir"/src/*/*.c | grep -v /cli/) $builddir/grammar/parser.c $builddir/grammar/lexer.c"
flags="-g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -fsanitize=fuzzer,address,undefined
    -I$srcdir/src -I$srcdir -I$builddir -I$builddir/grammar -include $builddir/config.h"

build() {
    echo "building fuzz_$1"
    # shellcheck disable=SC2086
    "$CLANG" $flags $sources "$srcdir/tests/fuzz/fuzz_$1.c" $(pkg-config --cflags --libs yaml-0.1) -lm \
        -o "$work/bin/fuzz_$1" 2>"$work/build-$1.log" || { cat "$work/build-$1.log"; return 1; }
}

# Seeds: what the repository already has of each kind of input.
seed() {
    corpus="$work/corpus-$1"
    mkdir -p "$corpus"
    case $1 in
        parse|compile) find "$srcdir/rules" "$srcdir/stdlib" "$srcdir/tests" -name '*.tkn' -exec cp {} "$corpus/" \; 2>/dev/null ;;
        answers) find "$srcdir/examples" "$srcdir/tests" -name '*.yaml' -o -name '*.json' | while read -r file; do
                cp "$file" "$corpus/$(echo "$file" | tr / _)"; done ;;
        eval) head -c 200 /dev/urandom >"$corpus/random" ;;
        tkc) for rules in "$srcdir"/rules/*/*.tkn; do
                "$builddir/tenken" compile -I "$srcdir" "$rules" -o "$corpus/$(basename "$rules" .tkn).tkc" \
                    >/dev/null 2>&1; done ;;
    esac
    if [ -d "$srcdir/tests/fuzz/regressions/$1" ]; then cp "$srcdir/tests/fuzz/regressions/$1/"* "$corpus/" 2>/dev/null; fi
}

run() {
    mkdir -p "$findings/$1"
    echo "fuzzing $1 for $seconds s"
    TENKEN_FUZZ_SRCDIR=$srcdir ASAN_OPTIONS=detect_leaks=1 "$work/bin/fuzz_$1" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$findings/$1/" -print_final_stats=1 \
        "$work/corpus-$1" >"$work/run-$1.log" 2>&1
    status=$?
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+ +DONE)' "$work/run-$1.log" |
        sed "s/^/  $1: /"
    grep -o 'cov: [0-9]* ft: [0-9]*' "$work/run-$1.log" | tail -1 | sed "s/^/  $1: /"
    return $status
}

failed=0
for harness in $harnesses; do build "$harness" || failed=1; seed "$harness"; done
[ "$failed" -eq 0 ] || exit 1
running=0
for harness in $harnesses; do
    ( run "$harness" || { echo "  $harness: FOUND A PROBLEM, see $findings/$harness/ and $work/run-$harness.log"; exit 1; } ) &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait -n 2>/dev/null || wait; running=$((running - 1)); fi
done
for job in $(jobs -p); do wait "$job" || failed=1; done
wait
if ls "$findings"/*/* >/dev/null 2>&1; then echo "make fuzz: findings kept in $findings"; exit 1; fi
echo "make fuzz: no findings"
