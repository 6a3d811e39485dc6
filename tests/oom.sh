#!/bin/sh
# tests/oom.sh — running out of memory is an error, never a crash: every
# command is run once normally, counting its allocations (malloc, calloc,
# realloc: tenken's, libyaml's, the C library's), then again failing the
# Nth allocation and every one after it ("on", memory exhausted), for every
# N up to the count (or, for a command that allocates more, at 40 points:
# the first and last five and a fixed spread between); and failing the Nth
# alone ("alone", memory short for a moment) at 20 points spread from the
# first to the last. tests/oom/failmalloc.c, preloaded, does the failing.
#
# A run that fails an allocation must end in one of two ways:
#   - out of memory: exit status 2 and "out of memory" on standard error
#     (the command's line, "tenken CMD: out of memory", or TK0906; with
#     diagnostics written as JSON or SARIF, TK0906 among them on standard
#     output), or
#   - unharmed: when the allocations failed have a way to do without (a
#     stream left unbuffered, a directory not synced), the run is the normal
#     run, byte for byte: the same exit status, standard output, standard
#     error and files.
# Either way it is not killed by a signal (exit status < 128: no abort, no
# segmentation fault), and every file the command writes (-o, fmt -w, ask's
# answer file) holds either its old content or the normal run's, whole (for
# ask, also what was answered: an answer file eval reads without a word),
# with no temporary file left beside it.
#
# Also the golden case of TK0906: `tenken check` failing in the middle of
# compiling prints exactly tests/oom/check.err (TENKEN_BLESS=1 rewrites it).
#
# Skipped when tenken is built with sanitizers (they replace malloc), or
# when failmalloc could not be built (it needs glibc and shared libraries).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

skip_all() {
    echo "1..0 # SKIP $1"
    exit 0
}
if [ -n "${SANITIZER_CFLAGS:-}" ]; then skip_all "built with sanitizers: they replace malloc"; fi
failmalloc_la=$top_builddir/tests/oom/failmalloc.la
[ -f "$failmalloc_la" ] || skip_all "tests/oom/failmalloc is not built (it needs glibc)"
dlname=$(sed -n "s/^dlname='\(.*\)'\$/\1/p" "$failmalloc_la")
[ -n "$dlname" ] || skip_all "tests/oom/failmalloc is not built as a shared library"
failmalloc=$top_builddir/tests/oom/.libs/$dlname
program=$(basename "$TENKEN")

cd "$top_srcdir" || exit 99
rules=rules/cloud-safe-use/safe-use.tkn
adoption=rules/cloud-adoption/adoption.tkn
visit1=examples/safe-use/S0004-visit1.yaml
visit3=examples/safe-use/S0004-visit3.yaml
work=$scratch/work         # where the commands write their files
mkdir -p "$work" "$scratch/normal" "$scratch/old"

# How many allocations are failed, each with all after it and alone
# (TENKEN_OOM_POINTS=100000 fails every allocation of every command both
# ways); under valgrind (VALGRIND_ALL=1) fewer. TENKEN_OOM_ONLY='^eval' runs
# only the cases whose names match (grep -E).
on_points=${TENKEN_OOM_POINTS:-40} alone_points=${TENKEN_OOM_POINTS:-20}
if [ -n "${VALGRIND_ALL:-}" ]; then
    on_points=${TENKEN_OOM_POINTS:-8} alone_points=${TENKEN_OOM_POINTS:-4}
fi
unset TENKEN_FAIL_AT TENKEN_FAIL_ONCE TENKEN_FAIL_COUNT

# points N: the allocations to fail, of N, as "AT on" and "AT alone" lines.
points() {
    awk -v n="$1" -v on="$on_points" -v alone="$alone_points" 'BEGIN {
        if (n <= on) {
            for (i = 1; i <= n; i++) print i, "on"
        } else {
            for (i = 1; i <= 5; i++) print i, "on"
            between = on - 10
            for (k = 1; k <= between; k++) print 5 + int(k * (n - 10) / (between + 1)), "on"
            for (i = n - 4; i <= n; i++) print i, "on"
        }
        if (n <= alone) { for (i = 1; i <= n; i++) print i, "alone"; exit }
        for (k = 0; k < alone; k++) print 1 + int(k * (n - 1) / (alone - 1)), "alone"
    }'
}

# run_failing AT MODE ARGS...: tenken ARGS in $work failing allocation AT
# and every later one (MODE on) or AT alone (MODE alone; AT 0: none, the
# allocations counted into $scratch/count), standard input from $stdin;
# output in $scratch/out and $scratch/err, status in $status.
run_failing() {
    at=$1 mode=$2
    shift 2
    (if [ "$mode" = alone ]; then TENKEN_FAIL_ONCE=1; export TENKEN_FAIL_ONCE; fi
     cd "$work" && LD_PRELOAD=$failmalloc TENKEN_FAIL_PROGRAM=$program TENKEN_FAIL_AT=$at \
        TENKEN_FAIL_COUNT=$scratch/count memcheck "$@" <"$stdin" >"$scratch/out" 2>"$scratch/err")
    status=$?
}

# memcheck ARGS...: tenken, or with VALGRIND_ALL=1 tenken under valgrind,
# told to leave failmalloc's malloc be (it replaces every one otherwise);
# an error or a leak on the way out of memory is exit status 99. Memory
# still reachable is no leak here: where no file is being written the
# command exits at once when memory runs out, holding what it holds.
memcheck() {
    if [ -n "${VALGRIND_ALL:-}" ] && [ -n "${VALGRIND:-}" ]; then
        "$VALGRIND" -q --soname-synonyms=somalloc=nouserintercepts --leak-check=full \
            --show-leak-kinds=definite,indirect,possible \
            --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
            "$TENKEN" "$@"
    else
        "$TENKEN" "$@"
    fi
}

# prepare: the files the command writes as they are before it runs, with
# their old content (files named "name=" start absent).
prepare() {
    rm -rf "$work" && mkdir "$work"
    for spec in $writes; do
        [ -z "${spec#*=}" ] || cp "${spec#*=}" "$work/${spec%%=*}"
    done
}

# files_whole: why, in $scratch/why.files, a file written is neither old
# nor new (nor, with $answers_for set, an answer file that tenken eval reads
# against those rules without a diagnostic), or something else is left in
# $work; false when that happened.
files_whole() {
    : >"$scratch/why.files"
    for spec in $writes; do
        file=$work/${spec%%=*} old=${spec#*=}
        if [ ! -e "$file" ]; then
            [ -z "$old" ] || echo "${spec%%=*}: removed" >>"$scratch/why.files"
        elif ! cmp -s "$file" "$scratch/normal/${spec%%=*}" &&
            { [ -z "$old" ] || ! cmp -s "$file" "$old"; } && ! answer_file "$file"; then
            echo "${spec%%=*}: neither the old content nor the new" >>"$scratch/why.files"
        fi
    done
    for left in "$work"/* "$work"/.[!.]*; do
        [ -e "$left" ] || continue
        case " $writes " in *" ${left##*/}="*) continue ;; esac
        echo "${left##*/}: left behind" >>"$scratch/why.files"
    done
    [ ! -s "$scratch/why.files" ]
}

# unharmed: whether the last run is the normal run, byte for byte.
unharmed() {
    [ "$status" = "$normal_status" ] && cmp -s "$scratch/out" "$scratch/normal/out" &&
        cmp -s "$scratch/err" "$scratch/normal/err" || return 1
    for spec in $writes; do
        file=${spec%%=*}
        cmp -s "$work/$file" "$scratch/normal/$file" 2>/dev/null ||
            { [ ! -e "$work/$file" ] && [ ! -e "$scratch/normal/$file" ]; } || return 1
    done
}

# answer_file FILE: whether $answers_for is set and FILE is an answer file
# that tenken eval reads against those rules without a diagnostic (ask
# saves what was answered when memory runs out).
answer_file() {
    [ -n "${answers_for:-}" ] || return 1
    run_tenken eval "$answers_for" "$1" >/dev/null 2>"$scratch/answer_file.err"
    [ $? -lt 2 ] && [ ! -s "$scratch/answer_file.err" ]
}

# says_out_of_memory: whether the last run said so, on standard error or,
# for diagnostics written as JSON or SARIF, as TK0906 on standard output.
says_out_of_memory() {
    grep -q 'out of memory' "$scratch/err" || grep -q '"TK0906"' "$scratch/out"
}

# sweep NAME STATUS [WRITES] -- ARGS...: tenken ARGS exits STATUS normally
# and, failing each of its allocation points in turn, ends as the top of
# this file says. WRITES lists the files the command writes, "NAME=OLD"
# (OLD: the file's content before, empty: it does not exist); standard
# input is $stdin (/dev/null unless set).
sweep() {
    case_name=$1 expected_status=$2 writes=
    shift 2
    while [ "$1" != -- ]; do writes="$writes $1"; shift; done
    shift
    if ! echo "$case_name" | grep -Eq "${TENKEN_OOM_ONLY:-.}"; then
        stdin='' answers_for=''
        return
    fi
    : "${stdin:=/dev/null}"
    prepare
    rm -f "$scratch/count"
    run_failing 0 on "$@"
    normal_status=$status
    cp "$scratch/out" "$scratch/normal/out"
    cp "$scratch/err" "$scratch/normal/err"
    for spec in $writes; do
        rm -f "$scratch/normal/${spec%%=*}"
        [ ! -e "$work/${spec%%=*}" ] || cp "$work/${spec%%=*}" "$scratch/normal/${spec%%=*}"
    done
    count=$(cat "$scratch/count" 2>/dev/null)
    if [ "$normal_status" = "$expected_status" ] && [ "${count:-0}" -gt 0 ]; then
        ok "$case_name: runs normally, $count allocations"
    else
        { echo "exit status $normal_status (expected $expected_status)," \
              "${count:-no} allocations counted"
          cat "$scratch/err"; } >"$scratch/why"
        not_ok "$case_name: runs normally" "$scratch/why"
        stdin='' answers_for=''
        return
    fi
    : >"$scratch/bad.signal"
    : >"$scratch/bad.status"
    : >"$scratch/bad.files"
    tried=0
    points "$count" >"$scratch/points"
    while read -r at mode <&3; do
        tried=$((tried + 1))
        prepare
        run_failing "$at" "$mode" "$@"
        if [ "$status" -ge 128 ]; then
            { echo "allocation $at $mode: exit status $status (signal $((status - 128)))"
              head -5 "$scratch/err"; } >>"$scratch/bad.signal"
        elif unharmed; then
            :
        elif [ "$status" -ne 2 ] || ! says_out_of_memory; then
            { echo "allocation $at $mode: exit status $status, standard error:"
              head -20 "$scratch/err"; } >>"$scratch/bad.status"
        fi
        files_whole ||
            sed "s/^/allocation $at $mode: /" "$scratch/why.files" >>"$scratch/bad.files"
    done 3<"$scratch/points"
    what="$case_name: $tried runs failing allocations of $count"
    if [ -s "$scratch/bad.signal" ]; then not_ok "$what: never a signal" "$scratch/bad.signal"
    else ok "$what: never a signal"; fi
    if [ -s "$scratch/bad.status" ]; then
        not_ok "$what: exit 2, out of memory" "$scratch/bad.status"
    else
        ok "$what: exit 2, out of memory"
    fi
    if [ -n "$writes" ]; then
        if [ -s "$scratch/bad.files" ]; then not_ok "$what: files whole" "$scratch/bad.files"
        else ok "$what: files whole"; fi
    fi
    stdin='' answers_for=''
}

stdin='' answers_for=''

# {=== the old content of the files written ===}

printf 'old content\n' >"$scratch/old/text"
run_tenken compile tests/golden/gates/rules.tkn -o "$scratch/old/gates.tkc" >/dev/null 2>&1
cp tests/fmt/messy.tkn "$scratch/old/messy.tkn"
cp "$visit1" "$scratch/old/visit1.yaml"
(cd "$work" && run_tenken compile "$top_srcdir/$rules" -o "$scratch/old/safe-use.tkc") \
    >/dev/null 2>&1
printf '%s\n' 1 確認中 confirmed 1 q >"$scratch/replies"

# {=== compiling and checking ===}

sweep "compile" 0 "out.tkc=$scratch/old/gates.tkc" -- compile "$top_srcdir/$rules" -o out.tkc
sweep "compile a variant" 0 "out.tkc=" -- compile -I "$top_srcdir" --variant=as_printed \
    "$top_srcdir/tests/golden/variant/rules.tkn" -o out.tkc
sweep "check" 0 -- check -I "$top_srcdir" "$top_srcdir/$adoption"
sweep "check with errors, as SARIF" 1 -- check --format=sarif "$top_srcdir/tests/errors/types.tkn"
sweep "check with errors, as JSON" 1 -- check --format=json "$top_srcdir/tests/errors/names.tkn"

# {=== evaluating ===}

for format in text json jsonl csv md html; do
    sweep "eval --format=$format" 0 -- eval --format=$format "$top_srcdir/$rules" \
        "$top_srcdir/$visit3"
done
sweep "eval --explain, two sets" 0 -- eval --explain "$top_srcdir/$rules" "$top_srcdir/$visit1" \
    "$top_srcdir/$visit3"
sweep "eval JSON answers" 0 -- eval -I "$top_srcdir" --format=json "$top_srcdir/$adoption" \
    "$top_srcdir/examples/cloud-adoption/stuck-at-stage3.yaml"
sweep "eval a CSV register" 1 -- eval "$top_srcdir/$rules" \
    "$top_srcdir/tests/golden/register-csv/register.csv"
sweep "eval a YAML stream -j 2" 0 -- eval -j 2 --format=jsonl "$top_srcdir/$rules" \
    "$top_srcdir/examples/safe-use/register.yaml"
stdin=$top_srcdir/$visit3
sweep "eval answers on standard input" 0 -- eval --format=md "$top_srcdir/$rules" -
sweep "eval a compiled graph" 0 -- eval "$scratch/old/safe-use.tkc" "$top_srcdir/$visit3"
sweep "eval bad answers" 1 -- eval "$top_srcdir/$rules" \
    "$top_srcdir/tests/errors/answers/not-an-option.yaml"

# {=== comparing, mapping ===}

sweep "diff" 0 -- diff "$top_srcdir/$rules" "$top_srcdir/$visit1" "$top_srcdir/$visit3"
sweep "diff --format=json" 0 -- diff --format=json "$top_srcdir/$rules" "$top_srcdir/$visit1" \
    "$top_srcdir/$visit3"
sweep "diff --format=html" 0 -- diff --format=html "$top_srcdir/$rules" "$top_srcdir/$visit1" \
    "$top_srcdir/$visit3"
for format in text json md csv; do
    sweep "map --format=$format" 0 "map.out=$scratch/old/text" -- map -I "$top_srcdir" \
        --format=$format --lang en \
        --from "source_fw=$top_srcdir/tests/map/relations-answers.yaml" --to target_fw \
        "$top_srcdir/tests/map/relations.tkn" -o map.out
done
sweep "map a catalogue's gates" 0 -- map -I "$top_srcdir" \
    --from "example_criteria=$top_srcdir/tests/map/criteria-complete.yaml" \
    "$top_srcdir/tests/map/criteria.tkn"

# {=== formatting, importing, writing ===}

sweep "fmt -w" 0 "messy.tkn=$scratch/old/messy.tkn" -- fmt -w messy.tkn
sweep "fmt to standard output" 0 -- fmt "$top_srcdir/tests/fmt/messy.tkn"
sweep "fmt --check" 1 -- fmt --check "$top_srcdir/tests/fmt/messy.tkn"
eval "set -- $(cat tests/import/ismap.args)"
sweep "import framework" 0 "out.tkn=$scratch/old/text" -- import framework \
    "$top_srcdir/tests/import/ismap.csv" "$@" -o out.tkn
eval "set -- $(cat tests/import/map.args)"
sweep "import map" 0 -- import map "$top_srcdir/tests/import/map.csv" "$@"
sweep "template" 0 "template.yaml=$scratch/old/text" -- template "$top_srcdir/$rules" \
    -o template.yaml
sweep "graph" 0 "graph.dot=" -- graph --lang=en "$top_srcdir/$rules" -o graph.dot
sweep "test" 1 -- test -I "$top_srcdir" "$top_srcdir/tests/golden/test-blocks/rules.tkn"
sweep "test --format=tap, a directory" 1 -- test -I "$top_srcdir" --format=tap \
    "$top_srcdir/tests/golden/test-blocks"

# {=== TK0906, exactly ===}

# tenken check failing half-way through its allocations is failing in the
# middle of compiling the rules (the command's own few are at the start and
# the end): whichever allocation that is, it prints exactly TK0906.
stdin=/dev/null writes=''
prepare
run_failing 0 on check -I "$top_srcdir" "$top_srcdir/$adoption"
half=$(( $(cat "$scratch/count") / 2 ))
run_failing "$half" on check -I "$top_srcdir" "$top_srcdir/$adoption"
if [ -n "${TENKEN_BLESS:-}" ]; then cp "$scratch/err" tests/oom/check.err; fi
echo "$status" >"$scratch/got.status"
echo 2 >"$scratch/want.status"
same "check failing while compiling: exit status 2" "$scratch/want.status" "$scratch/got.status"
same "check failing while compiling: exactly tests/oom/check.err" tests/oom/check.err \
    "$scratch/err"
stdin=''

# {=== asking ===}

stdin=$scratch/replies answers_for=$rules
sweep "ask" 0 "answers.yaml=" -- ask "$top_srcdir/$rules" -o answers.yaml
stdin=$scratch/replies answers_for=$rules
sweep "ask --resume" 0 "visit1.yaml=$scratch/old/visit1.yaml" -- ask --lang=en \
    "$top_srcdir/$rules" --resume visit1.yaml

done_testing
