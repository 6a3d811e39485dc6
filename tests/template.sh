#!/bin/sh
# tests/template.sh — `tenken template`: for every rule file of rules/,
# stdlib/, tests/golden/*/ and tests/templates/, and for each of its variants,
# the template evaluated unchanged leaves every item unanswered (or excluded
# or not applicable by the facts' defaults) and adds no diagnostic to those of
# the rules themselves; the safe-use and gates templates match their expected
# text exactly; the safe-use template filled in with the answers of S0004
# scores 38 of 45; -o replaces a file atomically; usage errors exit 2.
# TENKEN_BLESS=1 rewrites the expected templates from the current output.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
safe_use=rules/cloud-safe-use/safe-use.tkn

# expect_status NAME STATUS COMMAND...: the command exits with STATUS.
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

# The variants a rule file declares.
variants_of() {
    sed -n 's/^variant \([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$1"
}

# round_trip FILE LANG [VARIANT]: template, then eval of the template unchanged.
round_trip() {
    file=$1 lang=$2 variant=${3:-}
    label="$file${variant:+ --variant=$variant} --lang=$lang"
    set -- -I . --lang="$lang"
    [ -n "$variant" ] && set -- "$@" --variant="$variant"
    if ! run_tenken template "$@" "$file" >"$scratch/template.yaml" 2>"$scratch/rules.err"; then
        not_ok "template $label" "$scratch/rules.err"
        return
    fi
    run_tenken eval "$@" --format=json "$file" "$scratch/template.yaml" \
        >"$scratch/result.json" 2>"$scratch/eval.err"
    status=$?
    if [ "$status" -eq 0 ]; then
        ok "template $label: evaluates with exit status 0"
    else
        not_ok "template $label: evaluates with exit status 0" "$scratch/eval.err"
    fi
    # The only diagnostics are the rules' own (warnings), as template printed them.
    same "template $label: no diagnostic about the answers" "$scratch/rules.err" "$scratch/eval.err"
    jq -r '.checklists | to_entries[] | .key as $list | .value.items | to_entries[]
           | select(.value.state != "unanswered" and .value.state != "excluded"
                    and .value.state != "not_applicable")
           | "\($list) \(.key): \(.value.state)"' "$scratch/result.json" >"$scratch/answered" 2>&1
    if [ $? -eq 0 ] && [ ! -s "$scratch/answered" ]; then
        ok "template $label: every item unanswered, excluded or not applicable"
    else
        not_ok "template $label: every item unanswered, excluded or not applicable" \
            "$scratch/answered"
    fi
}

# {=== the round trip, for every rule file and variant ===}

for file in rules/*/*.tkn stdlib/*.tkn tests/golden/*/rules.tkn tests/templates/*.tkn; do
    [ -f "$file" ] || continue
    round_trip "$file" ja
    for variant in $(variants_of "$file"); do round_trip "$file" ja "$variant"; done
done
round_trip "$safe_use" en
round_trip rules/cloud-adoption/adoption.tkn en development_trigger
round_trip tests/golden/gates/rules.tkn en

# Every item of the rules appears as a key, and nothing else does.
run_tenken template -I . rules/cloud-adoption/adoption.tkn >"$scratch/adoption.yaml"
keys=$(grep -c '^    "[^"]*":$' "$scratch/adoption.yaml")
if [ "$keys" -eq 56 ]; then ok "adoption template: 56 item keys"; else
    echo "$keys item keys" >"$scratch/why"; not_ok "adoption template: 56 item keys" "$scratch/why"; fi
run_tenken template -I . --variant=split_questions rules/cloud-adoption/adoption.tkn \
    >"$scratch/split.yaml"
keys=$(grep -c '^    "[^"]*":$' "$scratch/split.yaml")
if [ "$keys" -eq 60 ]; then ok "split_questions template: 60 item keys"; else
    echo "$keys item keys" >"$scratch/why"; not_ok "split_questions template: 60 item keys" "$scratch/why"; fi
if grep -q '^  covid_digital:$' "$scratch/adoption.yaml"; then
    ok "adoption template: the fact covid_digital is a key"
else
    not_ok "adoption template: the fact covid_digital is a key" "$scratch/adoption.yaml"
fi
# A fact a variant fixes cannot be answered: it is described, not a key.
run_tenken template -I . --variant=as_printed tests/golden/variant/rules.tkn >"$scratch/fixed.yaml"
if ! grep -q '^  covid_digital:' "$scratch/fixed.yaml" &&
    grep -q 'covid_digital: bool (true / false)、このバリアントで true に固定' "$scratch/fixed.yaml"; then
    ok "a fact fixed by the variant is a comment, not a key"
else
    not_ok "a fact fixed by the variant is a comment, not a key" "$scratch/fixed.yaml"
fi

# Options that share their points cannot be answered by points (TK0506).
run_tenken template tests/golden/ambiguous-points/rules.tkn >"$scratch/ambiguous.yaml" 2>/dev/null
if grep -q '^    #   同じ点数の選択肢があるため、点数ではなくラベルかキーで答える$' "$scratch/ambiguous.yaml"; then
    ok "options sharing their points: the template says to answer by label or key"
else
    not_ok "options sharing their points: the template says to answer by label or key" \
        "$scratch/ambiguous.yaml"
fi

# A compiled graph (.tkc, when this tenken has `tenken compile`) gives the
# same template as its rule file.
if "$TENKEN" compile --help >/dev/null 2>&1; then
    for variant in "" development_trigger; do
        label="adoption${variant:+ --variant=$variant}"
        run_tenken compile -I . ${variant:+--variant=$variant} -o "$scratch/adoption.tkc" \
            rules/cloud-adoption/adoption.tkn >/dev/null 2>&1
        run_tenken template -I . ${variant:+--variant=$variant} rules/cloud-adoption/adoption.tkn \
            >"$scratch/from-rules.yaml"
        run_tenken template ${variant:+--variant=$variant} "$scratch/adoption.tkc" \
            >"$scratch/from-tkc.yaml" 2>"$scratch/tkc.err"
        same "$label: the template of the .tkc is that of the rules" \
            "$scratch/from-rules.yaml" "$scratch/from-tkc.yaml"
    done
else
    tap_count=$((tap_count + 1))
    echo "ok $tap_count - the template of a .tkc # SKIP this tenken has no compile command"
fi

# {=== exact templates ===}

golden() {
    name=$1 expected=$2
    shift 2
    run_tenken template "$@" >"$scratch/golden.out" 2>"$scratch/golden.err"
    [ -n "${TENKEN_BLESS:-}" ] && cp "$scratch/golden.out" "$expected"
    same "$name" "$expected" "$scratch/golden.out"
}
golden "the safe-use template, exactly" tests/templates/safe-use.expected "$safe_use"
golden "the gates template in English, exactly" tests/templates/gates-en.expected \
    --lang=en tests/golden/gates/rules.tkn

# {=== filled in: S0004 scores 38/45 ===}

run_tenken template "$safe_use" >"$scratch/s0004.yaml"
sed -e 's/^subject: ""$/subject: "S0004 クラウド顧客管理システムZZZ"/' \
    -e 's/^assessed:$/assessed: 2024-11-06/' \
    -e 's/^assessor: ""$/assessor: "山田 一郎"/' \
    -e 's/^    "1":$/    "1": すべて明確化できている/' \
    -e 's/^    "2":$/    "2": 確認中/' \
    -e 's/^    "3":$/    "3": 確認した/' \
    -e 's/^    "4":$/    "4": 問題がないことを確認済/' \
    -e 's/^    "5":$/    "5": 確認中/' \
    -e 's/^    "6":$/    "6": all/' \
    -e 's/^    "7":$/    "7": 3/' \
    -e 's/^    "8":$/    "8": すべて管理できている/' \
    -e 's/^    "9":$/    "9": 一部管理できている/' \
    -e 's/^    "10":$/    "10": 未確認/' \
    -e 's/^    "11":$/    "11": すべて具体的に公開されている/' \
    -e 's/^    "12":$/    "12": ヘルプデスクあり/' \
    -e 's/^    "13":$/    "13": 確認中/' \
    -e 's/^    "14":$/    "14": 確認した/' \
    -e 's/^    "15":$/    "15": 2/' \
    "$scratch/s0004.yaml" >"$scratch/s0004-filled.yaml"
run_tenken eval --format=json "$safe_use" "$scratch/s0004-filled.yaml" \
    >"$scratch/s0004.json" 2>"$scratch/s0004.err"
status=$?
if [ "$status" -eq 0 ] && [ ! -s "$scratch/s0004.err" ]; then
    ok "the filled-in template evaluates cleanly"
else
    not_ok "the filled-in template evaluates cleanly" "$scratch/s0004.err"
fi
scores=$(jq -r '.checklists.safe_use.values | "\(.total)/\(.max) \(.selection) \(.operation) \(.security)"' \
    "$scratch/s0004.json")
echo "38/45 16 9 13" >"$scratch/expected.scores"
echo "$scores" >"$scratch/scores"
same "the filled-in template scores 38/45 (16, 9, 13)" "$scratch/expected.scores" "$scratch/scores"
subject=$(jq -r '"\(.subject) \(.assessed) \(.assessor)"' "$scratch/s0004.json")
if [ "$subject" = "S0004 クラウド顧客管理システムZZZ 2024-11-06 山田 一郎" ]; then
    ok "the filled-in header is read"
else
    echo "$subject" >"$scratch/why"; not_ok "the filled-in header is read" "$scratch/why"
fi
# Left blank, the header keys count as not given.
run_tenken eval --format=json "$safe_use" "$scratch/s0004.yaml" >"$scratch/blank.json"
header=$(jq -c '[.subject, .assessed, .assessor]' "$scratch/blank.json")
if [ "$header" = "[null,null,null]" ]; then ok "a blank header is not given"; else
    echo "$header" >"$scratch/why"; not_ok "a blank header is not given" "$scratch/why"; fi

# {=== -o FILE ===}

out_dir="$scratch/out dir"
mkdir "$out_dir"
expect_status "template -o FILE exits 0" 0 run_tenken template -o "$out_dir/t.yaml" "$safe_use"
run_tenken template "$safe_use" >"$scratch/stdout.yaml"
same "template -o writes what it prints" "$scratch/stdout.yaml" "$out_dir/t.yaml"
if [ ! -s "$scratch/out" ]; then ok "template -o prints nothing"; else not_ok "template -o prints nothing" "$scratch/out"; fi
echo "old" >"$out_dir/t.yaml"
chmod 640 "$out_dir/t.yaml"
expect_status "template --output=FILE replaces a file" 0 \
    run_tenken template --lang=en --output="$out_dir/t.yaml" "$safe_use"
if grep -q '^# A blank answer file' "$out_dir/t.yaml"; then ok "the file was replaced"; else
    not_ok "the file was replaced" "$out_dir/t.yaml"; fi
if [ "$(stat -c %a "$out_dir/t.yaml")" = 640 ]; then ok "a replaced file keeps its mode"; else
    stat -c %a "$out_dir/t.yaml" >"$scratch/why"; not_ok "a replaced file keeps its mode" "$scratch/why"; fi
leftovers=$(find "$out_dir" -name 't.yaml.*' | wc -l)
if [ "$leftovers" -eq 0 ]; then ok "no temporary file is left"; else
    ls -la "$out_dir" >"$scratch/why"; not_ok "no temporary file is left" "$scratch/why"; fi
cp "$out_dir/t.yaml" "$scratch/before.yaml"
expect_status "rules with errors: exit 1" 1 run_tenken template -o "$out_dir/t.yaml" tests/errors/syntax.tkn
same "rules with errors leave the file as it was" "$scratch/before.yaml" "$out_dir/t.yaml"
expect_status "a directory that does not exist: exit 2" 2 \
    run_tenken template -o "$scratch/no/such/dir/t.yaml" "$safe_use"
if grep -q "^tenken template: cannot create $scratch/no/such/dir/t.yaml" "$scratch/err"; then
    ok "the unwritable file is named"
else
    not_ok "the unwritable file is named" "$scratch/err"
fi

# {=== usage ===}

expect_status "template --help exits 0" 0 run_tenken template --help
if grep -q '^usage: tenken template' "$scratch/out"; then ok "template --help shows its usage"; else
    not_ok "template --help shows its usage" "$scratch/out"; fi
expect_status "template without rules: exit 2" 2 run_tenken template
expect_status "template with two rule files: exit 2" 2 run_tenken template "$safe_use" "$safe_use"
expect_status "template --lang=fr: exit 2" 2 run_tenken template --lang=fr "$safe_use"
expect_status "template with an unknown option: exit 2" 2 run_tenken template --format=json "$safe_use"
expect_status "template of a missing file: exit 2" 2 run_tenken template no-such-rules.tkn
expect_status "template of an unknown variant: exit 1" 1 run_tenken template --variant=nope "$safe_use"
if grep -q 'TK0213' "$scratch/err"; then ok "the unknown variant is reported"; else
    not_ok "the unknown variant is reported" "$scratch/err"; fi

# {=== memory ===}

if [ -z "${SANITIZER_CFLAGS:-}" ] && [ -n "${VALGRIND:-}" ] &&
    command -v "$VALGRIND" >/dev/null 2>&1; then
    for args in "-I . rules/cloud-adoption/adoption.tkn" "--lang=en tests/templates/hostile.tkn" \
        "-o $scratch/v.yaml $safe_use"; do
        # shellcheck disable=SC2086
        "$VALGRIND" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
            --error-exitcode=99 "$TENKEN" template $args >/dev/null 2>"$scratch/err"
        if [ $? -ne 99 ]; then ok "valgrind: template $args"; else not_ok "valgrind: template $args" "$scratch/err"; fi
    done
else
    echo "ok $((tap_count + 1)) # SKIP valgrind is not installed, or the build has sanitizers"
    tap_count=$((tap_count + 1))
fi

done_testing
