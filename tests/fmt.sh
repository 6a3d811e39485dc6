#!/bin/sh
# tests/fmt.sh — tenken fmt: the rule files of the repository are formatted
# (--check passes on them); formatting is idempotent on every .tkn file, keeps
# every comment and never changes what rules evaluate to; a messy file comes
# out exactly as tests/fmt/messy.expected; --check says where a file is not
# formatted; files with syntax errors are refused as tenken check reports
# them; -w writes through a temporary file and leaves the original alone when
# it cannot; and the command line (-, DIR, --help, exit codes 0/1/2).
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
messy=tests/fmt/messy.tkn

# expect_status NAME STATUS COMMAND...: the command exits with STATUS; its
# output is left in $scratch/out and $scratch/err.
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

# is_true NAME COMMAND...: passes when the command exits 0 (quietly).
is_true() {
    name=$1
    shift
    if "$@" >/dev/null 2>&1; then ok "$name"; else not_ok "$name"; fi
}

# formats FILE OUTPUT: tenken fmt FILE > OUTPUT, exit status 0 and some output.
formats() {
    run_tenken fmt "$1" >"$2" 2>"$scratch/fmt.err" && [ -s "$2" ]
}

# scramble FILE: the file as a careless editor might leave it, with the same
# tokens and line breaks: no indentation, white space at the ends of lines,
# CRLF line ends. (Strings never span lines, so none of this is inside one.)
scramble() {
    sed -e 's/^[[:space:]]*//' -e 's/$/ 	 /' -e 's/$/\r/' "$1"
}

# The rule files of the repository: formatted, so they are what fmt makes.
rule_files=$(find rules stdlib -name '*.tkn' | sort)
golden_rules=$(ls tests/golden/*/rules.tkn)

### The repository is formatted

for file in $rule_files $golden_rules; do
    expect_status "--check: $file is formatted" 0 run_tenken fmt --check "$file"
    if [ -s "$scratch/out" ]; then not_ok "--check prints nothing for $file" "$scratch/out"; else
        ok "--check prints nothing for $file"; fi
done
expect_status "--check over the directories rules/ and stdlib/" 0 run_tenken fmt --check rules stdlib
expect_status "--check: tests/fmt/messy.expected is formatted" 0 \
    run_tenken fmt --check tests/fmt/messy.expected

### Idempotence, and the layout depends on no indentation or white space

all_files=$(find rules stdlib tests -name '*.tkn' | grep -v '^tests/errors/\|^tests/bad-input/' | sort)
for file in $all_files; do
    if formats "$file" "$scratch/once.tkn" && formats "$scratch/once.tkn" "$scratch/twice.tkn"; then
        same "fmt is idempotent on $file" "$scratch/once.tkn" "$scratch/twice.tkn"
    else
        not_ok "fmt is idempotent on $file" "$scratch/fmt.err"
    fi
    scramble "$file" >"$scratch/scrambled.tkn"
    if formats "$scratch/scrambled.tkn" "$scratch/unscrambled.tkn"; then
        same "indentation, trailing blanks and CRLF do not change the layout of $file" \
            "$scratch/once.tkn" "$scratch/unscrambled.tkn"
    else
        not_ok "indentation, trailing blanks and CRLF do not change the layout of $file" \
            "$scratch/fmt.err"
    fi
done

### tests/errors/: syntax errors are refused, errors of meaning are formatted

for file in $(find tests/errors -name "*.tkn" | sort); do
    expected=${file%.tkn}.err
    if [ -f "$expected" ] && grep -Eq 'error\[TK0[01][0-9][0-9]\]' "$expected"; then
        expect_status "$file (syntax errors) is refused with status 1" 1 run_tenken fmt "$file"
        if [ -s "$scratch/out" ]; then not_ok "nothing is printed for $file" "$scratch/out"; else
            ok "nothing is printed for $file"; fi
        same "$file is reported as tenken check reports it" "$expected" "$scratch/err"
    elif formats "$file" "$scratch/once.tkn" && formats "$scratch/once.tkn" "$scratch/twice.tkn"; then
        same "$file (errors of meaning only) is formatted, idempotently" \
            "$scratch/once.tkn" "$scratch/twice.tkn"
    else
        not_ok "$file (errors of meaning only) is formatted, idempotently" "$scratch/fmt.err"
    fi
done

### Comments are kept

for file in $all_files; do
    formats "$file" "$scratch/once.tkn"
    for version in "$file" "$scratch/once.tkn"; do
        # every '#' (comments, and strings, which fmt never touches) and the
        # comments that stand on a line of their own
        printf '%s %s\n' "$(tr -cd '#' <"$version" | wc -c)" \
            "$(grep -c '^[[:space:]]*#' "$version")"
    done >"$scratch/counts"
    if [ "$(sed -n 1p "$scratch/counts")" = "$(sed -n 2p "$scratch/counts")" ]; then
        ok "every comment of $file is kept, on its own line where it was"
    else
        not_ok "every comment of $file is kept, on its own line where it was" "$scratch/counts"
    fi
done

### Meaning: the formatted rules evaluate as the originals do

# normalised FILE: the output without white space (nor \n, \r, \t in JSON
# strings), so that the source text of a condition broken over lines
# compares equal however it is indented.
normalised() {
    sed 's/\\[nrt]//g' "$1" | tr -d ' \t\r\n'
}

# codes FILE: the codes of the diagnostics in FILE, in order, without the
# places (which move when the layout changes).
codes() {
    grep -Eo '(error|warning)\[TK[0-9]+\]' "$1"
}

# evaluate NAME RULES ANSWERS [OPTIONS...]: tenken eval --explain (JSON) and
# tenken test (TAP) on RULES, on a copy of the file formatted, on a scrambled
# copy and on that copy formatted. Each copy is under its own directory with
# the same relative path, so file names in the output are the same. The
# results, exit statuses and diagnostic codes must be the same.
evaluate() {
    name=$1 rules=$2 answers=$3
    shift 3
    for version in original formatted scrambled unscrambled; do
        mkdir -p "$scratch/$version/$(dirname "$rules")"
    done
    cp "$rules" "$scratch/original/$rules"
    chmod u+w "$scratch/original/$rules" # the source is read-only in make distcheck
    run_tenken fmt "$rules" >"$scratch/formatted/$rules" 2>/dev/null
    scramble "$rules" >"$scratch/scrambled/$rules"
    run_tenken fmt "$scratch/scrambled/$rules" >"$scratch/unscrambled/$rules" 2>/dev/null
    for version in original formatted scrambled unscrambled; do
        (cd "$scratch/$version" || exit 1
         "$TENKEN" eval -I "$top_srcdir" --format=json --explain "$@" "$rules" \
             "$top_srcdir/$answers" >"$scratch/$version.json" 2>"$scratch/$version.json.err"
         echo "exit $?" >>"$scratch/$version.json"
         "$TENKEN" test -I "$top_srcdir" --format=tap "$rules" >"$scratch/$version.tap" \
             2>"$scratch/$version.tap.err"
         echo "exit $?" >>"$scratch/$version.tap")
        { normalised "$scratch/$version.json"; echo; codes "$scratch/$version.json.err"; } \
            >"$scratch/$version.result"
        { cat "$scratch/$version.tap"; codes "$scratch/$version.tap.err"; } >"$scratch/$version.tests"
    done
    if grep -q '"checklists"' "$scratch/original.json"; then ok "$name: the rules evaluate"; else
        not_ok "$name: the rules evaluate" "$scratch/original.json.err"; fi
    same "$name: formatted, the same result" "$scratch/original.result" "$scratch/formatted.result"
    same "$name: formatted from a scrambled copy, the same result" \
        "$scratch/scrambled.result" "$scratch/unscrambled.result"
    same "$name: formatted, the same test results" "$scratch/original.tests" \
        "$scratch/formatted.tests"
    same "$name: formatted from a scrambled copy, the same test results" \
        "$scratch/scrambled.tests" "$scratch/unscrambled.tests"
}

for answers in examples/safe-use/*.yaml; do
    evaluate "safe-use with $(basename "$answers")" rules/cloud-safe-use/safe-use.tkn "$answers"
done
for answers in examples/cloud-adoption/*.yaml; do
    evaluate "adoption with $(basename "$answers")" rules/cloud-adoption/adoption.tkn "$answers"
done
for variant in $(sed -n 's/^variant \([A-Za-z0-9_]*\) .*/\1/p' rules/cloud-adoption/adoption.tkn); do
    evaluate "adoption, variant $variant" rules/cloud-adoption/adoption.tkn \
        examples/cloud-adoption/stuck-at-stage3.yaml --variant="$variant"
done
for answers in examples/cloud-user-wg/*.yaml; do
    rules=$(sed -n 's/^rules: cloud\.user_wg\.//p' "$answers" | tr _ -)
    evaluate "user-wg with $(basename "$answers")" "rules/cloud-user-wg/$rules.tkn" "$answers"
done
for rules in $golden_rules; do
    answers=$(dirname "$rules")/answers.yaml
    [ -f "$answers" ] && evaluate "golden $(basename "$(dirname "$rules")")" "$rules" "$answers"
done
evaluate "messy.tkn" "$messy" tests/fmt/messy.yaml

### A messy framework, map and references

expect_status "fmt a messy framework, map and refs exits 0" 0 \
    run_tenken fmt tests/fmt/messy-framework.tkn
same "tests/fmt/messy-framework.tkn comes out as its .expected" \
    tests/fmt/messy-framework.expected "$scratch/out"
expect_status "--check: tests/fmt/messy-framework.expected is formatted" 0 \
    run_tenken fmt --check tests/fmt/messy-framework.expected

### The messy file

expect_status "fmt $messy exits 0" 0 run_tenken fmt "$messy"
same "$messy comes out as tests/fmt/messy.expected" tests/fmt/messy.expected "$scratch/out"
expect_status "--check on $messy exits 1" 1 run_tenken fmt --check "$messy"
cp "$scratch/out" "$scratch/messy.diff"
expect_output "--check names the file" "^--- $messy	\(original\)$" "$scratch/messy.diff"
expect_output "--check says where it differs" '^@@ -1,[0-9]+ \+1,[0-9]+ @@$' "$scratch/messy.diff"
expect_output "--check shows a line as it is" '^-fact   covid_digital:bool=false$' "$scratch/messy.diff"
expect_output "--check shows the line formatted" '^\+fact covid_digital : bool = false$' \
    "$scratch/messy.diff"
if command -v patch >/dev/null 2>&1; then
    mkdir -p "$scratch/patched/tests/fmt"
    cp "$messy" "$scratch/patched/$messy"
    (cd "$scratch/patched" && patch -s -p0 <"$scratch/messy.diff") >"$scratch/why" 2>&1
    same "the diff of --check is a patch that formats the file" tests/fmt/messy.expected \
        "$scratch/patched/$messy"
fi

# One line out of place: --check points at it and nowhere else.
sed 's/^  in_progress/in_progress/' stdlib/scales.tkn >"$scratch/scales.tkn"
expect_status "--check on a file with one line out of place exits 1" 1 \
    run_tenken fmt --check "$scratch/scales.tkn"
{
    printf '%s\t(original)\n' "--- $scratch/scales.tkn"
    printf '%s\t(formatted)\n' "+++ $scratch/scales.tkn"
    echo '@@ -14,7 +14,7 @@'
    sed -n '14,16s/^/ /p' stdlib/scales.tkn
    sed -n '17s/^  /-/p' stdlib/scales.tkn
    sed -n '17s/^/+/p' stdlib/scales.tkn
    sed -n '18,20s/^/ /p' stdlib/scales.tkn
} >"$scratch/expected.diff"
same "--check prints one hunk around that line" "$scratch/expected.diff" "$scratch/out"

### The examples of doc/fmt.md

# A ```tenken-unformatted block is a rule file; the ```tenken block after it is
# exactly what fmt makes of it (and passes tenken check); a ```fmt-check block
# after those is exactly what fmt --check prints for the unformatted file.
mkdir -p "$scratch/doc"
awk -v dir="$scratch/doc" '
    BEGIN { count = 0; inside = 0 }
    inside && /^```[ \t]*$/ { inside = 0; close(file); next }
    inside { print > file; next }
    /^```/ {
        inside = 1; count++
        info = substr($0, 4); sub(/[ \t]+$/, "", info)
        file = dir "/" count
        printf "" > file
        printf "%d %s\n", count, info > (dir "/manifest")
    }
' doc/fmt.md
examples=0
while read -r number kind; do
    block="$scratch/doc/$number"
    case $kind in
    tenken-unformatted)
        cp "$block" "$scratch/doc/example.tkn" ;;
    tenken)
        examples=$((examples + 1))
        example="doc/fmt.md example $examples"
        (cd "$scratch/doc" && "$TENKEN" fmt example.tkn) >"$scratch/out" 2>&1
        same "$example: fmt gives the layout shown" "$block" "$scratch/out"
        expect_status "$example: the layout shown is formatted" 0 run_tenken fmt --check "$block"
        expect_status "$example: the layout shown passes tenken check" 0 \
            env TENKEN_PATH="$top_srcdir" "$TENKEN" check -Werror "$block" ;;
    fmt-check)
        expect_status "doc/fmt.md: --check exits 1 on the unformatted example" 1 \
            sh -c "cd \"$scratch/doc\" && \"$TENKEN\" fmt --check example.tkn"
        same "doc/fmt.md: --check prints the diff shown" "$block" "$scratch/out" ;;
    *)
        echo "unknown block \`\`\`$kind" >"$scratch/why"
        not_ok "doc/fmt.md block $number" "$scratch/why" ;;
    esac
done <"$scratch/doc/manifest"
if [ "$examples" -ge 5 ]; then ok "doc/fmt.md has its examples"; else
    not_ok "doc/fmt.md has its examples"; fi

### -w

mkdir "$scratch/write"
cp "$messy" "$scratch/write/messy.tkn"
chmod 640 "$scratch/write/messy.tkn"
expect_status "-w rewrites a file" 0 run_tenken fmt -w "$scratch/write/messy.tkn"
if [ -s "$scratch/out" ]; then not_ok "-w prints nothing" "$scratch/out"; else ok "-w prints nothing"; fi
same "-w writes the formatted file" tests/fmt/messy.expected "$scratch/write/messy.tkn"
echo 640 >"$scratch/mode.expected"
stat -c %a "$scratch/write/messy.tkn" >"$scratch/mode" 2>/dev/null ||
    stat -f %Lp "$scratch/write/messy.tkn" >"$scratch/mode"
same "-w keeps the file's mode" "$scratch/mode.expected" "$scratch/mode"
ls -A "$scratch/write" >"$scratch/listing"
echo messy.tkn >"$scratch/listing.expected"
same "-w leaves no temporary file behind" "$scratch/listing.expected" "$scratch/listing"
ln -s messy.tkn "$scratch/write/link.tkn"
cp "$messy" "$scratch/write/messy.tkn"
expect_status "-w through a symbolic link" 0 run_tenken fmt -w "$scratch/write/link.tkn"
if [ -L "$scratch/write/link.tkn" ]; then ok "-w keeps a symbolic link a link"; else
    not_ok "-w keeps a symbolic link a link"; fi
same "-w formats the file the link points to" tests/fmt/messy.expected "$scratch/write/messy.tkn"

# A syntax error: refused, reported, the file untouched.
cp tests/errors/syntax.tkn "$scratch/write/syntax.tkn"
expect_status "-w on a file with syntax errors exits 1" 1 run_tenken fmt -w "$scratch/write/syntax.tkn"
expect_output "the syntax error is reported" 'syntax.tkn:[0-9]+:[0-9]+: error\[TK0101\]' "$scratch/err"
is_true "-w leaves a file with syntax errors as it was" cmp tests/errors/syntax.tkn \
    "$scratch/write/syntax.tkn"

# The temporary file cannot be made: a name so long that the temporary
# file's name is too long for the directory (this holds for root too).
long=$(printf '%0250d' 0 | tr 0 x).tkn
cp "$messy" "$scratch/write/$long"
chmod u+w "$scratch/write/$long" # the source is read-only in make distcheck
expect_status "-w exits 2 when the temporary file cannot be made" 2 \
    run_tenken fmt -w "$scratch/write/$long"
expect_output "-w says what it could not do" \
    "cannot make a temporary file beside .*: File name too long; the file is unchanged" "$scratch/err"
is_true "-w leaves the original intact when it cannot write" cmp "$messy" "$scratch/write/$long"
# A read-only directory (root may write anyway: then there is nothing to test).
mkdir "$scratch/readonly"
cp "$messy" "$scratch/readonly/messy.tkn"
chmod 555 "$scratch/readonly"
if touch "$scratch/readonly/probe" 2>/dev/null; then
    rm -f "$scratch/readonly/probe"
    for test in "-w in a read-only directory exits 2" \
        "-w in a read-only directory leaves the original intact" \
        "-w on a read-only file exits 2" "-w leaves a read-only file intact"; do
        ok "$test # SKIP read-only files and directories are writable here (root)"
    done
else
    expect_status "-w in a read-only directory exits 2" 2 run_tenken fmt -w "$scratch/readonly/messy.tkn"
    is_true "-w in a read-only directory leaves the original intact" cmp "$messy" \
        "$scratch/readonly/messy.tkn"
    cp "$messy" "$scratch/write/readonly.tkn"
    chmod 444 "$scratch/write/readonly.tkn"
    expect_status "-w on a read-only file exits 2" 2 run_tenken fmt -w "$scratch/write/readonly.tkn"
    is_true "-w leaves a read-only file intact" cmp "$messy" "$scratch/write/readonly.tkn"
    rm -f "$scratch/write/readonly.tkn"
fi
chmod 755 "$scratch/readonly"
# Other files are still written when one fails.
cp "$messy" "$scratch/write/messy.tkn"
cp "$messy" "$scratch/write/$long"
expect_status "-w exits 2 when one of its files cannot be written" 2 \
    run_tenken fmt -w "$scratch/write/$long" "$scratch/write/messy.tkn"
same "-w still writes the other files" tests/fmt/messy.expected "$scratch/write/messy.tkn"

### The command line

expect_status "fmt --help exits 0" 0 run_tenken fmt --help
expect_output "fmt --help shows its usage" '^usage: tenken fmt' "$scratch/out"
expect_status "fmt --version exits 0" 0 run_tenken fmt --version
expect_status "fmt without files exits 2" 2 run_tenken fmt
expect_status "-w with --check exits 2" 2 run_tenken fmt -w --check "$messy"
expect_status "-w with standard input exits 2" 2 run_tenken fmt -w -
expect_status "an unknown option exits 2" 2 run_tenken fmt --frobnicate "$messy"
expect_output "the unknown option is named" "unknown option '--frobnicate'" "$scratch/err"
expect_status "a missing file exits 2" 2 run_tenken fmt --check no-such-rules.tkn stdlib/scales.tkn
expect_output "the missing file is named" "cannot read no-such-rules.tkn" "$scratch/err"
expect_status "'-' reads standard input" 0 sh -c "\"$TENKEN\" fmt - <$messy"
same "standard input is formatted" tests/fmt/messy.expected "$scratch/out"
expect_status "--check on standard input" 1 sh -c "\"$TENKEN\" fmt --check - <$messy"
expect_output "standard input is named <stdin>" '^--- <stdin>' "$scratch/out"
expect_status "'--' ends the options" 0 run_tenken fmt -- "$messy"
mkdir -p "$scratch/tree/b" "$scratch/tree/a/.hidden"
cp "$messy" "$scratch/tree/b/one.tkn"
cp stdlib/scales.tkn "$scratch/tree/a/two.tkn"
cp "$messy" "$scratch/tree/a/.hidden/skipped.tkn"
echo 'not rules' >"$scratch/tree/a/notes.txt"
expect_status "a directory: every .tkn file under it" 0 run_tenken fmt "$scratch/tree"
cat stdlib/scales.tkn tests/fmt/messy.expected >"$scratch/tree.expected"
same "a directory's files are formatted in order, hidden ones skipped" "$scratch/tree.expected" \
    "$scratch/out"
expect_status "print mode: a file with syntax errors exits 1" 1 \
    run_tenken fmt tests/errors/syntax.tkn stdlib/scales.tkn
same "print mode: the other files are still printed" stdlib/scales.tkn "$scratch/out"

### Under valgrind

if [ -n "${VALGRIND:-}" ] && command -v "$VALGRIND" >/dev/null 2>&1; then
    memcheck() {
        name=$1
        shift
        if [ -n "${SANITIZER_CFLAGS:-}" ]; then
            tap_count=$((tap_count + 1))
            echo "ok $tap_count - $name # SKIP built with sanitizers (valgrind cannot run them)"
            return
        fi
        "$VALGRIND" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
            --error-exitcode=99 "$TENKEN" "$@" >/dev/null 2>"$scratch/err"
        if [ $? -eq 99 ]; then not_ok "$name" "$scratch/err"; else ok "$name"; fi
    }
    memcheck "valgrind: fmt the messy file" fmt "$messy"
    memcheck "valgrind: fmt --check on the repository" fmt --check rules stdlib "$messy"
    memcheck "valgrind: fmt refuses syntax errors" fmt tests/errors/syntax.tkn \
        tests/errors/invalid-utf8.tkn tests/errors/unterminated-string.tkn
    cp "$messy" "$scratch/write/messy.tkn"
    memcheck "valgrind: fmt -w" fmt -w "$scratch/write/messy.tkn" "$scratch/write/$long"
fi
done_testing
