#!/bin/sh
# tests/xccdf.sh — the four XCCDF 1.2 scoring models (doc/language.md,
# "XCCDF scoring models"). The test blocks of tests/xccdf/worked.tkn hold a
# worked example computed by hand; they pass from the rule file and from its
# compiled .tkc, and a wrong figure makes them fail. Then OpenSCAP is the
# peer: tests/xccdf/oscap_peer.py gives scap-security-guide's Debian
# benchmark the four <model> elements, weights and a profile of 22 rules;
# `oscap xccdf eval` checks this machine against it; the converter carries
# the rule results, groups and weights into a rule file and an answer file;
# and tenken must print the same four scores and maxima. Without oscap, the
# benchmark or python3 that part is skipped, and says why.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
worked=tests/xccdf/worked.tkn

# {=== the worked example ===}

run_tenken test --format=tap "$worked" >"$scratch/tap" 2>"$scratch/err"
status=$?
while IFS= read -r line; do
    case $line in
        "ok "*) ok "worked example: ${line#ok * - *: }" ;;
        "not ok "*)
            grep -A20 -F "$line" "$scratch/tap" | sed -n '2,20{/^# /p}' >"$scratch/why"
            not_ok "worked example: ${line#not ok * - *: }" "$scratch/why" ;;
    esac
done <"$scratch/tap"
[ "$status" -eq 0 ] && ok "tenken test passes the worked example" ||
    not_ok "tenken test passes the worked example" "$scratch/err"

run_tenken compile "$worked" -o "$scratch/worked.tkc" >/dev/null 2>"$scratch/err" &&
    run_tenken test "$scratch/worked.tkc" >"$scratch/out" 2>>"$scratch/err"
[ $? -eq 0 ] && ok "the worked example passes from its .tkc (weights and sections kept)" ||
    not_ok "the worked example passes from its .tkc (weights and sections kept)" "$scratch/err"

# A figure of the example changed: the test must notice.
sed 's/expect bench.default == 68.75/expect bench.default == 68.5/' "$worked" >"$scratch/wrong.tkn"
run_tenken test "$scratch/wrong.tkn" >"$scratch/out" 2>&1
status=$?
if [ "$status" -eq 1 ] && grep -q 'bench.default == 68.5: found 68.75' "$scratch/out"; then
    ok "a wrong default score fails the test, saying the right one"
else
    not_ok "a wrong default score fails the test, saying the right one" "$scratch/out"
fi

# {=== OpenSCAP as a peer ===}

skip_peer() {
    echo "ok $((tap_count + 1)) - tenken's four scores are OpenSCAP's # SKIP $1"
    tap_count=$((tap_count + 1))
    done_testing
    exit $?
}

command -v oscap >/dev/null 2>&1 ||
    skip_peer "oscap is not installed (Debian: openscap-scanner)"
command -v python3 >/dev/null 2>&1 || skip_peer "python3 is not installed"
command -v jq >/dev/null 2>&1 || skip_peer "jq is not installed"
content=/usr/share/xml/scap/ssg/content
benchmark=$(ls "$content"/ssg-debian*-xccdf.xml 2>/dev/null | sort -V | tail -1)
[ -n "$benchmark" ] ||
    skip_peer "no scap-security-guide Debian benchmark in $content (Debian: ssg-debian)"

# The benchmark refers to its OVAL, OCIL and CPE files by name: beside the copy.
peer="$scratch/peer"
mkdir -p "$peer"
for file in "${benchmark%-xccdf.xml}"-*.xml; do
    [ "$file" = "$benchmark" ] || ln -s "$file" "$peer/"
done
python3 tests/xccdf/oscap_peer.py prepare "$benchmark" "$peer/benchmark.xml" 2>"$scratch/err"
check "the benchmark copy declares the four models" \
    grep -c 'model system="urn:xccdf:scoring:absolute"' "$peer/benchmark.xml"

# oscap exits 2 when a rule fails: its results are complete all the same.
(cd "$peer" && oscap xccdf eval --profile xccdf_org.tenken_profile_peer \
    --results results.xml benchmark.xml) >"$scratch/oscap.out" 2>"$scratch/oscap.err"
status=$?
if [ "$status" -le 2 ] && [ -s "$peer/results.xml" ]; then
    ok "oscap evaluates the benchmark ($(grep -c '^Result' "$scratch/oscap.out") rules)"
else
    echo "oscap exited $status" | cat - "$scratch/oscap.err" >"$scratch/why"
    not_ok "oscap evaluates the benchmark" "$scratch/why"
fi

python3 tests/xccdf/oscap_peer.py convert "$peer/results.xml" "$peer" 2>"$scratch/err"
check "the converter writes a rule file and an answer file" test -s "$peer/rules.tkn"
sed -n 's/^\(Result\)[[:space:]]*/\1 /p' "$scratch/oscap.out" | sort | uniq -c |
    sed 's/^ */# /'
run_tenken eval --format=json "$peer/rules.tkn" "$peer/answers.yaml" >"$scratch/eval.json" \
    2>"$scratch/eval.err"
if [ $? -eq 0 ] && [ ! -s "$scratch/eval.err" ]; then
    ok "tenken evaluates the converted rules without a diagnostic"
else
    not_ok "tenken evaluates the converted rules without a diagnostic" "$scratch/eval.err"
fi

# close NAME OSCAP TENKEN: OpenSCAP computes in single precision and prints
# six decimals; tenken's figure must be within 0.001 of it.
close() {
    if awk -v a="$2" -v b="$3" 'BEGIN { d = a - b; exit !(b != "" && d < 0.001 && d > -0.001) }'
    then ok "$1: oscap $2, tenken $3"
    else echo "oscap $2, tenken ${3:-nothing}" >"$scratch/why"; not_ok "$1" "$scratch/why"; fi
}

value() { jq -r ".checklists.benchmark.values.$1 // empty" "$scratch/eval.json"; }
while read -r system score maximum; do
    model=${system#urn:xccdf:scoring:}
    name=$(echo "$model" | tr - _)
    close "$model score" "$score" "$(value "$name")"
    # OpenSCAP gives absolute the maximum of flat; the model's is 1.
    [ "$model" = absolute ] || close "$model maximum" "$maximum" "$(value "${name}_max")"
done <"$peer/oscap-scores"
models=$(wc -l <"$peer/oscap-scores")
[ "$models" -eq 4 ] && ok "oscap printed the four models' scores" ||
    not_ok "oscap printed the four models' scores ($models)" "$peer/oscap-scores"

done_testing
