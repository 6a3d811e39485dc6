#!/bin/sh
# tests/valgrind.sh — a subset of the command-line runs under valgrind's
# memcheck: every error, invalid read and leak fails the test. The whole
# suite can be run this way with VALGRIND_ALL=1 make check.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
if [ -n "${SANITIZER_CFLAGS:-}" ]; then
    echo "1..0 # SKIP built with sanitizers, which do the same checks (valgrind cannot run them)"
    exit 0
fi
if [ -z "${VALGRIND:-}" ] || ! command -v "$VALGRIND" >/dev/null 2>&1; then
    echo "1..0 # SKIP valgrind is not installed"
    exit 0
fi

memcheck() {
    name=$1
    shift
    "$VALGRIND" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
        --error-exitcode=99 "$TENKEN" "$@" >/dev/null 2>"$scratch/err"
    if [ $? -eq 99 ]; then not_ok "$name" "$scratch/err"; else ok "$name"; fi
}

rules=rules/cloud-safe-use/safe-use.tkn
memcheck "check the safe-use rules" check "$rules"
memcheck "eval S0004 as JSON with traces" eval --format=json --explain "$rules" examples/safe-use/S0004-crm-zzz.yaml
memcheck "eval the register as text" eval "$rules" examples/safe-use/register.yaml
memcheck "eval the register as HTML" eval --format=html "$rules" examples/safe-use/register.yaml
memcheck "eval the register as Markdown" eval --format=md --lang=en "$rules" examples/safe-use/register.yaml
memcheck "eval stages and exclusions as HTML" eval -I . --format=html --explain rules/cloud-adoption/adoption.tkn examples/cloud-adoption/stuck-at-stage3.yaml examples/cloud-adoption/covid-era-shop.yaml
memcheck "eval gates, facts and exclusions" eval --require=ready tests/golden/gates/rules.tkn tests/golden/gates/answers.yaml
memcheck "eval with an import" eval -I . tests/golden/import-stdlib/rules.tkn tests/golden/import-stdlib/answers.yaml
memcheck "check rule files full of errors" check -I tests/errors/modules tests/errors/*.tkn
for file in tests/errors/answers/*.yaml tests/golden/bad-answers/answers.yaml; do
    memcheck "eval bad answers $(basename "$file")" eval "$rules" "$file"
done
memcheck "eval the register as CSV" eval --format=csv "$rules" examples/safe-use/register.yaml
for file in tests/register/*.csv tests/golden/register-csv/register.csv; do
    memcheck "eval a CSV register $(basename "$file")" eval "$rules" "$file"
done
for format in text json md html; do
    memcheck "diff visit 1 → 3 as $format" diff --format=$format "$rules" \
        examples/safe-use/S0004-visit1.yaml examples/safe-use/S0004-visit3.yaml
done
memcheck "diff a register paired by subject" diff "$rules" examples/safe-use/register.yaml \
    tests/diff/register-2025.yaml
printf '1\n2\nfoo\n3点\ns\nq\n' >"$scratch/replies"
"$VALGRIND" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
    --error-exitcode=99 "$TENKEN" ask "$rules" -o "$scratch/asked.yaml" <"$scratch/replies" \
    >/dev/null 2>"$scratch/err"
if [ $? -eq 99 ]; then not_ok "ask, scripted" "$scratch/err"; else ok "ask, scripted"; fi
printf '1\n' >"$scratch/replies"
"$VALGRIND" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
    --error-exitcode=99 "$TENKEN" ask "$rules" --resume "$scratch/asked.yaml" <"$scratch/replies" \
    >/dev/null 2>"$scratch/err"
if [ $? -eq 99 ]; then not_ok "ask --resume" "$scratch/err"; else ok "ask --resume"; fi
memcheck "import a framework table" import framework tests/import/ismap.csv --id ismap \
    --edition 2023 --kinds clause,objective,detail -o "$scratch/ismap.tkn"
memcheck "import a table with a kind column" import framework tests/import/kinds.csv --id k \
    --edition 1 --lang en
memcheck "import a map table" import map tests/import/map.csv --from a --to b --title t
for file in tests/import/errors/*.csv; do
    case $(basename "$file") in
    map-*) memcheck "import map errors $(basename "$file")" import map "$file" --from a --to b ;;
    *) memcheck "import framework errors $(basename "$file")" import framework "$file" --id t \
        --edition 1 ;;
    esac
done
memcheck "import usage errors" import framework tests/import/ismap.csv --id 1a --edition 1
memcheck "usage errors" eval --format=xml "$rules"
memcheck "map 27002:2013 to 2022 as JSON" map -I . --from iso27002_2013 --to iso27001_2022 \
    --format=json
memcheck "map a provider's answers in reverse, as Markdown" map -I . \
    --from iso27001_2022=examples/frameworks/provider-27001.yaml --to iso27002_2013 --format=md
memcheck "map selection gates" map --from example_criteria=tests/map/provider-criteria.yaml \
    tests/map/criteria.tkn
memcheck "map a checklist's answers" map -I . \
    --from cloud.safe_use=examples/safe-use/S0004-crm-zzz.yaml --to iso27001_2022 --format=csv \
    "$rules"
for file in tests/errors/controls/*.yaml; do
    memcheck "map bad framework answers $(basename "$file")" map \
        --from "example_criteria=$file" tests/map/criteria.tkn
done
memcheck "check maps with errors" check tests/errors/unknown-control.tkn \
    tests/errors/map-contradiction.tkn
done_testing
