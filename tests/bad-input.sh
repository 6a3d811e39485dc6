#!/bin/sh
# tests/bad-input.sh — a corpus of malformed inputs, each with the exact
# diagnostics and exit status tenken gives for it today (tests/bad-input/,
# described in tests/bad-input/README.md):
#
#   rules/NAME.tkn      tenken check -I tests/bad-input/rules [-I .] FILE
#                       (-I . when the file imports stdlib)
#   answers/NAME.yaml|.json|.csv
#                       tenken eval rules/cloud-safe-use/safe-use.tkn FILE;
#                       adoption-* against rules/cloud-adoption/adoption.tkn
#                       with -I .; typed-* against tests/bad-input/typed.tkn
#   tkc/NAME.tkc        tenken eval FILE examples/safe-use/S0004-crm-zzz.yaml
#   generated/NAME.err  huge and deep inputs made here at run time (70 MB
#                       files, a 1 MB string, 100,000 items, 100,000-deep
#                       expressions and sections, 10,000 documents, ...)
#
# Each case checks three things: the exit status (NAME.status, 1 when there
# is none), that tenken did not crash or hang (status below 128, not killed
# by the time limit, no sanitizer report), and the exact standard error
# (NAME.err). Every run is limited to 20 s (120 s with ThreadSanitizer,
# 600 s under valgrind) and, unless tenken is built with sanitizers or run
# under valgrind, to 2 GiB of address space.
# TENKEN_BLESS=1 rewrites the .err and .status files from the current output.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
dir=tests/bad-input
safe_use=rules/cloud-safe-use/safe-use.tkn
adoption=rules/cloud-adoption/adoption.tkn
s0004=examples/safe-use/S0004-crm-zzz.yaml

time_limit=20
case ${SANITIZER_CFLAGS:-} in *-fsanitize=thread*) time_limit=120 ;; esac
if [ -n "${VALGRIND_ALL:-}" ]; then time_limit=600; fi
memory_limit=2097152 # KiB of address space
timeout_command=
if command -v timeout >/dev/null 2>&1; then timeout_command=timeout; fi
limit_memory=yes
if [ -n "${SANITIZER_CFLAGS:-}" ] || [ -n "${VALGRIND_ALL:-}" ] ||
    grep -q __asan_init "$TENKEN" 2>/dev/null; then
    limit_memory= # AddressSanitizer and valgrind reserve far more address space
fi

# bounded ARGS...: tenken (or valgrind with tenken) within the time and
# memory limits; standard output and error as the caller redirects them.
bounded() {
    (
        # ulimit -v is not POSIX, but dash and bash have it; without it the
        # time limit alone bounds a run.
        # shellcheck disable=SC3045
        if [ -n "$limit_memory" ]; then ulimit -v "$memory_limit" 2>/dev/null; fi
        set -- "$TENKEN" "$@"
        if [ -n "${VALGRIND_ALL:-}" ] && [ -n "${VALGRIND:-}" ]; then
            set -- "$VALGRIND" -q --error-exitcode=99 "$@"
        fi
        if [ -n "$timeout_command" ]; then
            exec "$timeout_command" -k 5 "$time_limit" "$@"
        fi
        exec "$@"
    )
}

# judge NAME BASE STATUS ERR-FILE: compare one run with BASE.err and
# BASE.status (exit status 1 when there is no .status file).
judge() {
    name=$1 base=$2 status=$3 err=$4
    if [ -n "${TENKEN_BLESS:-}" ]; then
        cp "$err" "$base.err"
        if [ "$status" -ne 1 ]; then echo "$status" >"$base.status"; else rm -f "$base.status"; fi
    fi
    expected_status=1
    [ -f "$base.status" ] && expected_status=$(cat "$base.status")
    if [ "$status" -eq "$expected_status" ]; then
        ok "$name: exit status $status"
    else
        echo "exit status $status, expected $expected_status" >"$scratch/why"
        not_ok "$name: exit status" "$scratch/why"
    fi
    if [ "$status" -ge 128 ] || [ "$status" -eq 124 ] ||
        grep -q 'AddressSanitizer\|LeakSanitizer\|ThreadSanitizer\|runtime error\|Segmentation fault' "$err"; then
        { echo "exit status $status (124: timed out after ${time_limit}s; >= 128: killed by a signal)"
          head -30 "$err"; } >"$scratch/why"
        not_ok "$name: no crash, no hang" "$scratch/why"
    else
        ok "$name: no crash, no hang"
    fi
    if [ -f "$base.err" ]; then
        same "$name: diagnostics" "$base.err" "$err"
    else
        echo "no $base.err (run with TENKEN_BLESS=1 to write it)" >"$scratch/why"
        not_ok "$name: diagnostics" "$scratch/why"
    fi
}

### Rule files

for file in "$dir"/rules/*.tkn; do
    set -- -I "$dir/rules"
    if grep -q 'stdlib\.' "$file"; then set -- "$@" -I .; fi
    bounded check "$@" "$file" >/dev/null 2>"$scratch/err"
    status=$?
    judge "rules/${file##*/}" "${file%.tkn}" "$status" "$scratch/err"
done

### Answer files

for file in "$dir"/answers/*.yaml "$dir"/answers/*.json "$dir"/answers/*.csv; do
    case ${file##*/} in
    adoption-*) set -- -I . "$adoption" ;;
    typed-*) set -- "$dir/typed.tkn" ;;
    *) set -- "$safe_use" ;;
    esac
    bounded eval "$@" "$file" >/dev/null 2>"$scratch/err"
    status=$?
    judge "answers/${file##*/}" "${file%.*}" "$status" "$scratch/err"
done

### Compiled graphs

for file in "$dir"/tkc/*.tkc; do
    bounded eval "$file" "$s0004" >/dev/null 2>"$scratch/err"
    status=$?
    judge "tkc/${file##*/}" "${file%.tkc}" "$status" "$scratch/err"
done

### Generated inputs: made in a scratch directory at run time, run from
### there so that messages name them without the scratch path. Messages can
### be megabytes long here, so what is compared is a digest: the first 40
### lines, each cut at 300 bytes, and the total count of lines and bytes.

gen=$scratch/gen
mkdir -p "$gen"
abs_safe_use=$(pwd)/$safe_use

digest() {
    LC_ALL=C awk '
        NR <= 40 { if (length($0) > 300) print substr($0, 1, 300) " [... " length($0) " bytes]"; else print }
        { bytes += length($0) + 1 }
        END { print "[" NR " lines, " bytes + 0 " bytes]" }' "$1"
}

# generated NAME COMMAND-ARGS...: run tenken in $gen, compare the digest of
# its standard error with generated/NAME.err, then empty $gen.
generated() {
    name=$1
    shift
    (cd "$gen" && bounded "$@" >/dev/null 2>"$scratch/err.raw")
    status=$?
    digest "$scratch/err.raw" >"$scratch/err"
    judge "generated/$name" "$dir/generated/$name" "$status" "$scratch/err"
    rm -rf "$gen" && mkdir -p "$gen"
}

# pad BYTES: comment lines of exactly BYTES bytes in all (BYTES >= 2).
pad() {
    line='# padding: a comment line of sixty-four bytes, newline included'
    lines=$(($1 / 64)) rest=$(($1 % 64))
    yes "$line" | head -n "$lines"
    LC_ALL=C awk -v n="$rest" 'BEGIN { if (n == 1) print ""; else if (n > 1) { s = "#"
        while (length(s) < n - 1) s = s "."; print s } }'
}

# A rule file, an answer file and a compiled graph of 70 MB: over the 64 MiB limit.
{ printf 'tenken 1\nmodule gen.huge\n'; pad 73400320; } >"$gen/huge-70mb.tkn"
generated huge-70mb-rules check huge-70mb.tkn
{ printf 'tenken: 1\n'; pad 73400320; } >"$gen/huge-70mb.yaml"
generated huge-70mb-answers eval "$abs_safe_use" huge-70mb.yaml
{ head -c 64 "$dir/tkc/header-only.tkc"; pad 73400320; } >"$gen/huge-70mb.tkc"
generated huge-70mb-tkc eval huge-70mb.tkc "$(pwd)/$s0004"

# Exactly 64 MiB is still read (the error is on the last line); one byte more is not.
{ printf 'tenken 1\nmodule gen.limit\n'; pad $((67108864 - 26 - 13)); printf 'let x = nope\n'; } >"$gen/limit.tkn"
generated limit-64mib-rules check limit.tkn
{ printf 'tenken: 1\n'; pad $((67108864 - 10 - 11 + 1)); printf 'subject: [\n'; } >"$gen/limit.yaml"
generated limit-64mib-plus-one-answers eval "$abs_safe_use" limit.yaml

# A string of 1 MB: an item text followed by a misspelt field on the same
# line, and an answer of 1 MB that is no option.
megabyte=$(LC_ALL=C awk 'BEGIN { s = "点検"; while (length(s) < 1048576) s = s s; print s }')
{ printf 'tenken 1\nmodule gen.long_string\nscale yes_no { yes 1 "y" no 0 "n" }\n'
  printf 'checklist c "c" {\n  scale yes_no\n  item "1" "%s" { wieght 2 }\n}\n' "$megabyte"; } >"$gen/long-string.tkn"
generated long-string-rules check long-string.tkn
printf 'answers:\n  safe_use:\n    "2": %s\n' "$megabyte" >"$gen/long-string.yaml"
generated long-string-answers eval "$abs_safe_use" long-string.yaml
unset megabyte

# 100,000 items: one id given twice at the end; 100,000 answers for them
# with one bad answer at the end; 100,000 answers for items safe-use lacks.
items() {
    printf 'tenken 1\nmodule gen.many_items\nscale yes_no { yes 1 "y" no 0 "n" }\n'
    printf 'checklist c "c" {\n  scale yes_no\n'
    LC_ALL=C awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "  item \"%d\" \"x\"\n", i }'
    printf '%s  score total = sum(points of items)\n}\n' "$1"
}
items '  item "99999" "again"
' >"$gen/many-items.tkn"
generated many-items-rules check many-items.tkn
items '' >"$gen/many-items.tkn"
{ printf 'answers:\n  c:\n'
  LC_ALL=C awk 'BEGIN { for (i = 1; i < 100000; i++) printf "    \"%d\": y\n", i; print "    \"100000\": maybe" }'; } >"$gen/many-answers.yaml"
generated many-answers eval many-items.tkn many-answers.yaml
{ printf 'answers:\n  safe_use:\n'
  LC_ALL=C awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "    \"x%d\": 3\n", i }'; } >"$gen/many-unknown.yaml"
generated many-unknown-answers eval "$abs_safe_use" many-unknown.yaml

# Expressions and sections nested very deeply.
deep() { # deep NAME OPEN CORE CLOSE COUNT
    { printf 'tenken 1\nmodule gen.deep\nlet x = '
      LC_ALL=C awk -v before="$2" -v core="$3" -v after="$4" -v n="$5" 'BEGIN {
          for (i = 0; i < n; i++) printf "%s", before; printf "%s", core
          for (i = 0; i < n; i++) printf "%s", after; print "" }'; } >"$gen/$1.tkn"
}
deep deep-not 'not ' true '' 100000
generated deep-not check deep-not.tkn
deep deep-parens '(' 1 ')' 100000
generated deep-parens check deep-parens.tkn
deep deep-negate '-' 1 '' 100000
generated deep-negate check deep-negate.tkn
deep deep-plus '' 1 ' + 1' 100000
generated deep-plus check deep-plus.tkn
deep deep-if 'if true then ' 1 ' else 2' 100000
generated deep-if check deep-if.tkn
sections() {
    printf 'tenken 1\nmodule gen.sections\nscale yes_no { yes 1 "y" no 0 "n" }\n'
    printf 'checklist c "c" {\n  scale yes_no\n'
    LC_ALL=C awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "section s%d \"s\" {\n", i
        print "item \"1\" \"x\""; for (i = 0; i < n; i++) print "}" }'
    printf '}\n'
}
sections 100000 >"$gen/deep-sections.tkn"
generated deep-sections check deep-sections.tkn
# 1,025 nested sections: tenken check accepts them, tenken compile cannot write them.
sections 1025 >"$gen/sections-1025.tkn"
generated sections-1025-check check sections-1025.tkn
sections 1025 >"$gen/sections-1025.tkn"
generated sections-1025-compile compile sections-1025.tkn -o sections-1025.tkc

# YAML nested deeply: flow sequences, flow mappings, block mappings.
{ printf 'answers:\n  safe_use:\n    "2": '
  LC_ALL=C awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]"; print "" }'; } >"$gen/deep-flow.yaml"
generated deep-flow-sequences eval "$abs_safe_use" deep-flow.yaml
{ printf 'answers:\n  safe_use:\n    "2": '
  LC_ALL=C awk 'BEGIN { for (i = 0; i < 10000; i++) printf "{a: "; printf "x"; for (i = 0; i < 10000; i++) printf "}"; print "" }'; } >"$gen/deep-map.yaml"
generated deep-flow-mappings eval "$abs_safe_use" deep-map.yaml
{ printf 'answers:\n'
  LC_ALL=C awk 'BEGIN { for (i = 1; i <= 3000; i++) { for (j = 0; j < i; j++) printf " "; printf "k%d:\n", i } }'; } >"$gen/deep-block.yaml"
generated deep-block-mappings eval "$abs_safe_use" deep-block.yaml

# 10,000 documents in one stream; the 9,999th has a bad answer.
LC_ALL=C awk 'BEGIN { for (i = 1; i <= 10000; i++) {
    if (i > 1) print "---"
    printf "subject: S%05d\nanswers:\n  safe_use:\n    \"2\": %s\n", i, (i == 9999 ? "kakunin" : "確認中") } }' >"$gen/stream.yaml"
generated stream-10000-documents eval "$abs_safe_use" stream.yaml

# 40 modules, each importing the next: deeper than the 32 allowed.
mkdir -p "$gen/chain"
i=0
while [ $i -lt 40 ]; do
    { printf 'tenken 1\nmodule chain.m%d\n' $i
      if [ $i -lt 39 ]; then printf 'import chain.m%d\n' $((i + 1)); fi; } >"$gen/chain/m$i.tkn"
    i=$((i + 1))
done
generated import-chain-40 check -I . chain/m0.tkn

done_testing
