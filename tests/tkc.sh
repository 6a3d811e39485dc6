#!/bin/sh
# tests/tkc.sh — compiled graphs (.tkc, doc/tkc.md). Every rule file of
# rules/, stdlib/ and tests/ that compiles round-trips byte for byte through
# a .tkc. Every rule file under rules/ and tests/golden/, and each variant it
# declares, is compiled to a
# .tkc; then `tenken eval` (text, JSON, --explain) on every example and golden
# answer file and `tenken test` must give the same output from the .tkc as
# from the source. Damaged files — truncated at several lengths, a flipped
# payload byte, a file of another kind, another format version — must each
# give their documented diagnostic and exit status 1, never a crash; with
# $VALGRIND set they also run under memcheck. The code of the format (the
# writer, the reader, the verifier and the codec they share) stays under
# 1,000 lines, as a format that serialises one flat structure can.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
answers=$(ls examples/*/*.yaml tests/golden/*/answers.yaml)

# variants_of RULES: the variants a rule file declares.
variants_of() {
    sed -n 's/^variant[ \t][ \t]*\([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$1"
}

# without_rule_warnings FILE: FILE without the lines `tenken check` printed
# for the rules ($scratch/check.err): warnings are shown when compiling, not
# again when a compiled file is evaluated.
without_rule_warnings() {
    grep -v -x -F -f "$scratch/check.err" "$1" || true
}

# eval_all RULES OPTIONS...: every answer file's stdout, filtered stderr and
# exit status, one after another.
eval_all() {
    target=$1
    shift
    for answer in $answers; do
        echo "== $answer"
        run_tenken eval -I . "$@" "$target" "$answer" 2>"$scratch/eval.err"
        echo "-- status $?"
        without_rule_warnings "$scratch/eval.err"
    done
}

# tests_of FILE VARIANT: the blocks of `tenken test` text output for the
# module (VARIANT empty) or for one variant, without the summary line.
tests_of() {
    awk -v variant="$2" '
        /^(PASS|FAIL) / {
            keep = variant == "" ? index($0, " [variant ") == 0 \
                                 : substr($0, length($0) - length(variant) - 10) == " [variant " variant "]"
        }
        /^[0-9]+ tests, / { next }
        keep { print }
    ' "$1"
}

compare_graph() {
    rules=$1 variant=$2 compiled=$3 label=$4
    option=${variant:+--variant=$variant}
    for format in --format=text --format=json --explain "--format=jsonl --explain --lang=en"; do
        # shellcheck disable=SC2086
        eval_all "$rules" $option $format >"$scratch/source.out"
        # shellcheck disable=SC2086
        eval_all "$compiled" $option $format >"$scratch/compiled.out"
        same "$label: eval $format from the .tkc" "$scratch/source.out" "$scratch/compiled.out"
    done
    eval_all "$compiled" --format=json >"$scratch/plain.out"
    eval_all "$rules" $option --format=json >"$scratch/source.out"
    same "$label: eval without --variant from the .tkc" "$scratch/source.out" "$scratch/plain.out"
    if grep -q '^test ' "$rules"; then
        run_tenken test -I . "$rules" >"$scratch/test-source.out" 2>&1
        tests_of "$scratch/test-source.out" "$variant" >"$scratch/test-expected"
        run_tenken test "$compiled" >"$scratch/test-compiled.out" 2>&1
        tests_of "$scratch/test-compiled.out" "$variant" >"$scratch/test-actual"
        same "$label: tenken test from the .tkc" "$scratch/test-expected" "$scratch/test-actual"
    fi
    run_tenken compile "$compiled" -o "$scratch/again.tkc" >"$scratch/again.out" 2>&1
    if cmp "$compiled" "$scratch/again.tkc" >>"$scratch/again.out" 2>&1; then
        ok "$label: the .tkc compiles to the same bytes again"
    else
        not_ok "$label: the .tkc compiles to the same bytes again" "$scratch/again.out"
    fi
    if run_tenken check "$compiled" >"$scratch/check-tkc.out" 2>&1; then
        ok "$label: tenken check accepts the .tkc"
    else
        not_ok "$label: tenken check accepts the .tkc" "$scratch/check-tkc.out"
    fi
}

# {=== the same results from source and from .tkc ===}

for rules in rules/*/*.tkn tests/golden/*/rules.tkn; do
    base=$(echo "$rules" | tr '/' '_')
    run_tenken check -I . "$rules" >/dev/null 2>"$scratch/check.err"
    for variant in "" $(variants_of "$rules"); do
        label="$rules${variant:+ --variant=$variant}"
        compiled="$scratch/$base${variant:+.$variant}.tkc"
        if run_tenken compile -I . ${variant:+--variant=$variant} "$rules" -o "$compiled" \
            >"$scratch/compile.out" 2>&1 && [ -s "$compiled" ]; then
            ok "$label: compiles to a .tkc"
            compare_graph "$rules" "$variant" "$compiled" "$label"
        else
            not_ok "$label: compiles to a .tkc" "$scratch/compile.out"
        fi
    done
done

# Every rule file of rules/, stdlib/ and tests/ that compiles, and each of its
# variants, round-trips: the .tkc loads and is written again byte for byte.
for rules in $(find rules stdlib tests -name '*.tkn' ! -path 'tests/bad-input/*' | sort); do
    run_tenken check -I . -I tests/errors "$rules" >/dev/null 2>&1 || continue
    for variant in "" $(variants_of "$rules"); do
        label="$rules${variant:+ --variant=$variant}"
        run_tenken compile -I . -I tests/errors ${variant:+--variant=$variant} "$rules" \
            -o "$scratch/first.tkc" >"$scratch/round.out" 2>&1 &&
            run_tenken compile "$scratch/first.tkc" -o "$scratch/second.tkc" >>"$scratch/round.out" 2>&1 &&
            cmp "$scratch/first.tkc" "$scratch/second.tkc" >>"$scratch/round.out" 2>&1 &&
            ok "$label: round-trips byte for byte" ||
            not_ok "$label: round-trips byte for byte" "$scratch/round.out"
    done
done

# A variant in a file of its own: its conditions are quoted from that file,
# and the .tkc keeps that text.
mkdir "$scratch/two"
cat >"$scratch/two/base.tkn" <<'EOF'
tenken 1
module two.base
fact remote : bool = true
scale yn { yes 1 "Y" no 0 "N" }
checklist c { scale yn
  item "1" "the first item of the base module"
  item "2" "the second"
  gate ok = all(items is yes)
}
EOF
cat >"$scratch/two/var.tkn" <<'EOF'
tenken 1
module two.var
variant strict extends two.base {
  exclude c."1" when remote because "remote firms skip it"
  item c."2" { only when not remote }
}
EOF
printf 'answers:\n  c: {"2": "Y"}\n' >"$scratch/two/answers.yaml"
run_tenken compile -I "$scratch/two" --variant=strict "$scratch/two/var.tkn" -o "$scratch/two.tkc" \
    >"$scratch/two.out" 2>&1
for format in --explain "--format=json --explain"; do
    # shellcheck disable=SC2086
    run_tenken eval -I "$scratch/two" --variant=strict $format "$scratch/two/var.tkn" \
        "$scratch/two/answers.yaml" >"$scratch/two-source.out" 2>&1
    # shellcheck disable=SC2086
    run_tenken eval $format "$scratch/two.tkc" "$scratch/two/answers.yaml" \
        >"$scratch/two-compiled.out" 2>&1
    same "a variant in its own file: eval $format from the .tkc" "$scratch/two-source.out" \
        "$scratch/two-compiled.out"
done
grep -q '"remote"' "$scratch/two-compiled.out" && ok "the variant's condition is quoted from its file" ||
    not_ok "the variant's condition is quoted from its file" "$scratch/two-compiled.out"

# {=== damaged files ===}

good="$scratch/good.tkc"
run_tenken compile tests/golden/gates/rules.tkn -o "$good" >/dev/null 2>&1
size=$(wc -c <"$good")
answer=tests/golden/gates/answers.yaml

# memcheck NAME ARGS...: tenken under valgrind memcheck, when $VALGRIND is set.
memcheck() {
    name=$1
    shift
    [ -n "${VALGRIND:-}" ] && command -v "$VALGRIND" >/dev/null 2>&1 || return 0
    if [ -n "${SANITIZER_CFLAGS:-}" ]; then
        tap_count=$((tap_count + 1))
        echo "ok $tap_count - $name: memcheck # SKIP built with sanitizers (valgrind cannot run them)"
        return 0
    fi
    "$VALGRIND" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
        --error-exitcode=99 "$TENKEN" "$@" >/dev/null 2>"$scratch/vg.err"
    if [ $? -eq 99 ]; then not_ok "$name: memcheck" "$scratch/vg.err"; else ok "$name: memcheck"; fi
}

memcheck "compile to a .tkc" compile -I . tests/golden/test-blocks/rules.tkn -o "$scratch/vg.tkc"
memcheck "eval --explain from a .tkc" eval --explain --format=json "$good" "$answer"
memcheck "test from a .tkc" test "$scratch/vg.tkc"

# expect_error NAME FILE CODE: eval FILE fails with exit 1 and CODE, naming
# the file; under valgrind memcheck when $VALGRIND is set.
expect_error() {
    name=$1 file=$2 code=$3
    run_tenken eval "$file" "$answer" >"$scratch/bad.out" 2>"$scratch/bad.err"
    status=$?
    {
        echo "exit status $status (expected 1)"
        cat "$scratch/bad.err"
    } >"$scratch/why"
    if [ "$status" -eq 1 ] && grep -q "^$file: error\[$code\]" "$scratch/bad.err" &&
        grep -q "^help: " "$scratch/bad.err" && [ ! -s "$scratch/bad.out" ]; then
        ok "$name: $code, exit status 1"
    else
        not_ok "$name: $code, exit status 1" "$scratch/why"
    fi
    memcheck "$name" eval "$file" "$answer"
}

for length in 0 1 7 8 11 12 40 63 64 65 $((size / 2)) $((size - 1)); do
    head -c "$length" "$good" >"$scratch/cut-$length.tkc"
    expect_error "truncated to $length of $size bytes" "$scratch/cut-$length.tkc" TK0904
done
grep -q "truncated" "$scratch/why" && ok "a cut file is called truncated" ||
    not_ok "a cut file is called truncated" "$scratch/why"

# flip_byte FILE OFFSET: invert one byte in place.
flip_byte() {
    value=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    # shellcheck disable=SC2059
    printf "\\$(printf '%03o' $((value ^ 255)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

cp "$good" "$scratch/flipped.tkc"
flip_byte "$scratch/flipped.tkc" $((64 + (size - 64) / 2))
expect_error "a flipped payload byte" "$scratch/flipped.tkc" TK0904
grep -q "checksum" "$scratch/why" && ok "a flipped byte fails the checksum" ||
    not_ok "a flipped byte fails the checksum" "$scratch/why"

cp "$good" "$scratch/header.tkc"
flip_byte "$scratch/header.tkc" 40
expect_error "a flipped header byte" "$scratch/header.tkc" TK0904

cp "$answer" "$scratch/answers.tkc"
expect_error "a YAML file named .tkc" "$scratch/answers.tkc" TK0902

cp "$good" "$scratch/version.tkc"
printf '\007' | dd of="$scratch/version.tkc" bs=1 seek=8 conv=notrunc 2>/dev/null
expect_error "another format version" "$scratch/version.tkc" TK0903
grep -q "format version 7 (written by tenken " "$scratch/why" && ok "the version is named" ||
    not_ok "the version is named" "$scratch/why"

# A file of another kind without the .tkc name is read as rules, as before.
cp "$good" "$scratch/compiled.bin"
run_tenken eval "$scratch/compiled.bin" "$answer" >"$scratch/bin.out" 2>&1
run_tenken eval "$good" "$answer" >"$scratch/good.out" 2>&1
same "the magic bytes are recognised without the .tkc name" "$scratch/good.out" "$scratch/bin.out"

# {=== variants, and what tenken compile refuses ===}

module="$scratch/variant-module.tkc"
run_tenken compile -I . tests/golden/variant/rules.tkn -o "$module" >/dev/null 2>&1
run_tenken eval --variant=as_printed "$module" tests/golden/variant/answers.yaml \
    >/dev/null 2>"$scratch/variant.err"
status=$?
if [ "$status" -eq 1 ] && grep -q "error\[TK0905\]" "$scratch/variant.err"; then
    ok "a .tkc of the module refuses --variant: TK0905, exit status 1"
else
    not_ok "a .tkc of the module refuses --variant: TK0905, exit status 1" "$scratch/variant.err"
fi

mkdir "$scratch/out"
cp tests/golden/gates/rules.tkn "$scratch/out/gates.tkn"
chmod u+w "$scratch/out/gates.tkn" # the source is read-only in make distcheck
run_tenken compile "$scratch/out/gates.tkn" >/dev/null 2>&1
[ -s "$scratch/out/gates.tkc" ] && ok "without -o, RULES.tkn compiles to RULES.tkc" ||
    not_ok "without -o, RULES.tkn compiles to RULES.tkc"
cp "$scratch/out/gates.tkc" "$scratch/before.tkc"
printf 'tenken 1\nmodule broken\nchecklist c { item "1" "x" }\n' >"$scratch/out/gates.tkn"
run_tenken compile "$scratch/out/gates.tkn" >/dev/null 2>"$scratch/broken.err"
status=$?
[ "$status" -eq 1 ] && cmp -s "$scratch/before.tkc" "$scratch/out/gates.tkc" &&
    ok "rules with errors: exit status 1, the old .tkc untouched" ||
    not_ok "rules with errors: exit status 1, the old .tkc untouched" "$scratch/broken.err"
run_tenken compile "$scratch/out/gates.tkn" -o "$scratch/out/gates.tkn" >/dev/null 2>&1
[ $? -eq 2 ] && grep -q "^tenken 1" "$scratch/out/gates.tkn" &&
    ok "-o naming the rule file is a usage error" || not_ok "-o naming the rule file is a usage error"
run_tenken compile tests/golden/gates/rules.tkn -o "$scratch/no-such-dir/x.tkc" \
    >/dev/null 2>"$scratch/nodir.err"
[ $? -eq 2 ] && grep -q "error\[TK0901\]: cannot write the file" "$scratch/nodir.err" &&
    ok "an unwritable output: TK0901, exit status 2" ||
    not_ok "an unwritable output: TK0901, exit status 2" "$scratch/nodir.err"
leftovers=$(find "$scratch/out" -name '*.tmp-*' | wc -l)
[ "$leftovers" -eq 0 ] && ok "no temporary file is left behind" ||
    not_ok "no temporary file is left behind"
run_tenken compile >/dev/null 2>&1
[ $? -eq 2 ] && ok "compile without a rule file is a usage error" ||
    not_ok "compile without a rule file is a usage error"

lines=$(cat src/lang/tkc.h src/lang/tkc_*.c | wc -l)
if [ "$lines" -lt 1050 ]; then
    ok "the .tkc code is under 1,050 lines ($lines)"
else
    echo "src/lang/tkc.h and src/lang/tkc_*.c hold $lines lines" >"$scratch/why"
    not_ok "the .tkc code is under 1,050 lines" "$scratch/why"
fi

done_testing
