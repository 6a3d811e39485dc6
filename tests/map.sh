#!/bin/sh
# tests/map.sh — frameworks, maps and `tenken map`: the ISO/IEC 27002:2013 →
# 2022 correspondence reaches all 93 controls but the 11 new ones; every
# relation type gives the coverage doc/mappings.md says, read forward and in
# reverse; a provider's ISO/IEC 27001:2022 answers mapped onto 27002:2013;
# the selection gates of an ISMAP-shaped catalogue (a missing objective, an
# objective without a detailed control); every output format; the stdlib
# files check clean and are in canonical layout. Expected files in
# tests/map/; TENKEN_BLESS=1 rewrites them from the current output.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
data=tests/map

# expect_status NAME WANTED: the status of the last command run by `run`.
expect_status() {
    echo "$2" >"$scratch/want"
    same "$1: exit status" "$scratch/want" "$scratch/status"
}

# run ARGS...: tenken map ARGS, output in $scratch/out, errors in $scratch/err.
run() {
    run_tenken map -I . "$@" >"$scratch/out" 2>"$scratch/err"
    echo $? >"$scratch/status"
}

# golden NAME EXPECTED: the last output is exactly EXPECTED.
golden() {
    if [ -n "${TENKEN_BLESS:-}" ]; then cp "$scratch/out" "$2"; fi
    same "$1: output" "$2" "$scratch/out"
}

json() { jq -r "$1" "$scratch/out" >"$scratch/got" 2>&1; }

# {=== the Annex B correspondence ===}

run --from iso27002_2013 --to iso27001_2022 --format=json
expect_status "2013 to 2022" 0
json '.controls | length'
echo 93 >"$scratch/want"; same "2013 to 2022: all 93 target controls listed" "$scratch/want" "$scratch/got"
json '[.controls | to_entries[] | select(.value.coverage == "none") | .key] | sort | join(" ")'
echo "5.23 5.30 5.7 7.4 8.10 8.11 8.12 8.16 8.23 8.28 8.9" >"$scratch/want"
same "2013 to 2022: exactly the 11 new controls have none" "$scratch/want" "$scratch/got"
json '[.controls | to_entries[] | select(.value.new) | .key] | length'
echo 11 >"$scratch/want"; same "2013 to 2022: the 11 are marked new" "$scratch/want" "$scratch/got"
json '.summary | "\(.full) \(.partial) \(.none)"'
echo "58 24 11" >"$scratch/want"; same "2013 to 2022: summary" "$scratch/want" "$scratch/got"
json '.controls["8.8"].via | map(.control + " " + .relation) | join(", ")'
echo "12.6.1 subset-of, 18.2.3 intersects" >"$scratch/want"
same "2013 to 2022: 8.8 comes through 12.6.1 and the split 18.2.3" "$scratch/want" "$scratch/got"
golden "2013 to 2022 as JSON" $data/2013-to-2022.json

run --from iso27017_2015 --to iso27002_2013 --format=json
json '.summary | "\(.full) \(.partial) \(.none)"'
echo "114 0 0" >"$scratch/want"; same "27017 to 27002:2013: every control equal" "$scratch/want" "$scratch/got"

# {=== every relation type ===}

run --from source_fw=$data/relations-answers.yaml --to target_fw --lang en $data/relations.tkn
expect_status "relations forward" 0
golden "relations forward" $data/relations-forward.txt
run --from target_fw=$data/relations-reverse.yaml --to source_fw --format=csv $data/relations.tkn
golden "relations in reverse, as CSV" $data/relations-reverse.csv
run --from source_fw --to target_fw --format=md --lang en $data/relations.tkn
golden "relations without answers, as Markdown" $data/relations.md

# {=== a provider's answers ===}

run --from iso27001_2022=examples/frameworks/provider-27001.yaml --to iso27002_2013 --lang en
expect_status "provider 27001:2022 to 27002:2013" 0
golden "provider 27001:2022 to 27002:2013" $data/provider-27001.txt
run --from iso27001_2022=examples/frameworks/provider-27001.yaml --to iso27002_2013 --format=json
json '[.controls | to_entries[] | select(.value.coverage != "full") | "\(.key)=\(.value.coverage)"] | join(" ")'
echo "11.1.1=none 11.1.2=none 11.1.4=none 11.1.6=none 11.2.1=none 11.2.2=none 11.2.3=none 11.2.4=none 18.2.3=partial" \
    >"$scratch/want"
same "provider: the excluded physical controls and the split 18.2.3" "$scratch/want" "$scratch/got"

# {=== selection gates ===}

run --from example_criteria=$data/provider-criteria.yaml $data/criteria.tkn
expect_status "selection gates" 1
golden "selection gates" $data/criteria-gates.txt
run --from example_criteria=$data/provider-criteria.yaml --format=json $data/criteria.tkn
json '.gates | to_entries | map("\(.key) \(.value.status) \(.value.missing | join(","))") | join("; ")'
echo "governance pass ; objectives_apply fail 6.1.2; details_selected fail 5.1.2" >"$scratch/want"
same "selection gates: a missing objective, an objective without a detail" "$scratch/want" "$scratch/got"
run --from example_criteria=$data/criteria-complete.yaml $data/criteria.tkn
expect_status "selection gates all pass" 0

# {=== a checklist as the source ===}

run --from cloud.safe_use=examples/safe-use/S0004-crm-zzz.yaml --to iso27001_2022 --lang en \
    rules/cloud-safe-use/safe-use.tkn
expect_status "safe-use S0004 to 27001:2022" 0
golden "safe-use S0004 to 27001:2022" $data/safe-use-S0004.txt
run --from cloud.safe_use=examples/safe-use/S0004-crm-zzz.yaml --to iso27001_2022 \
    --format=json rules/cloud-safe-use/safe-use.tkn
json '.controls["8.13"].via | map("\(.control) \(.status) \(.gives)") | join(", ")'
echo "safe_use.10 partial partial" >"$scratch/want"
same "safe-use: backup answered 2 of 3 touches 8.13 partly" "$scratch/want" "$scratch/got"
json '.summary | "\(.full) \(.partial) \(.none)"'
echo "0 15 78" >"$scratch/want"; same "safe-use: 15 controls touched" "$scratch/want" "$scratch/got"
run --from cloud.safe_use --to iso27017_2015 --format=json rules/cloud-safe-use/safe-use.tkn
json '[.controls | to_entries[] | select(.value.coverage != "none") | .key] | join(" ")'
echo "CLD.6.3.1 CLD.8.1.5" >"$scratch/want"
same "safe-use: the 27017 cloud controls its items touch" "$scratch/want" "$scratch/got"
run --from cloud.safe_use --to iso27002_2013 rules/cloud-safe-use/safe-use.tkn
expect_status "a checklist without references to the target" 1
run --from cloud.safe_use=examples/safe-use/register.yaml --to iso27001_2022 \
    rules/cloud-safe-use/safe-use.tkn
expect_status "a checklist's answer file of several sets is refused, not cut to one" 1

# {=== usage and errors ===}

run --to iso27001_2022
expect_status "no --from" 2
run --from iso27002_2013
expect_status "no --to and no answers" 2
run --from iso27002_2031 --to iso27001_2022
expect_status "unknown framework" 1
golden "unknown framework" /dev/null
if [ -n "${TENKEN_BLESS:-}" ]; then cp "$scratch/err" $data/unknown-framework.err; fi
same "unknown framework: message" $data/unknown-framework.err "$scratch/err"
run --from iso27001_2022 --to example_criteria $data/criteria.tkn
expect_status "no map between" 1
if [ -n "${TENKEN_BLESS:-}" ]; then cp "$scratch/err" $data/no-map.err; fi
same "no map between: message" $data/no-map.err "$scratch/err"

# {=== the catalogue files ===}

for file in stdlib/frameworks/*.tkn stdlib/maps/*.tkn rules/ismap/ismap.tkn \
    $data/criteria.tkn $data/relations.tkn; do
    check "$file checks clean with -Werror" run_tenken check -Werror -I . "$file"
    check "$file is in canonical layout" run_tenken fmt --check "$file"
done

done_testing
