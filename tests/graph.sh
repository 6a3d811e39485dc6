#!/bin/sh
# tests/graph.sh — `tenken graph`: the DOT of every rule file and variant
# parses with Graphviz (skipped when `dot` is not installed; ./bootstrap
# installs it); the safe-use sheet has exactly the nodes and edges its rules
# imply; the gates rules give exactly tests/graphs/gates.expected; ids stay
# apart and labels are escaped; -o and usage errors.
# TENKEN_BLESS=1 rewrites the expected graphs from the current output.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
safe_use=rules/cloud-safe-use/safe-use.tkn
adoption=rules/cloud-adoption/adoption.tkn
have_dot=
command -v dot >/dev/null 2>&1 && have_dot=1

skip() {
    tap_count=$((tap_count + 1))
    echo "ok $tap_count - $1 # SKIP dot (Graphviz) is not installed"
}

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

# equal NAME EXPECTED ACTUAL: two words are the same.
equal() {
    if [ "$2" = "$3" ]; then ok "$1"; else
        echo "expected $2, got $3" >"$scratch/why"; not_ok "$1" "$scratch/why"; fi
}

# parses NAME FILE: Graphviz reads the DOT and draws it.
parses() {
    if [ -z "$have_dot" ]; then skip "$1"; return; fi
    if dot -Tsvg "$2" >/dev/null 2>"$scratch/dot.err"; then ok "$1"; else
        { cat "$scratch/dot.err"; head -40 "$2"; } >"$scratch/why"; not_ok "$1" "$scratch/why"; fi
}

# plain_count FILE WORD: how many nodes or edges Graphviz read.
plain_count() {
    dot -Tplain "$1" 2>/dev/null | grep -c "^$2 "
}

variants_of() {
    sed -n 's/^variant \([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$1"
}

# {=== every rule file and variant parses ===}

for file in rules/*/*.tkn stdlib/*.tkn tests/golden/*/rules.tkn tests/templates/*.tkn; do
    [ -f "$file" ] || continue
    for variant in "" $(variants_of "$file"); do
        label="$file${variant:+ --variant=$variant}"
        if run_tenken graph -I . ${variant:+--variant=$variant} "$file" >"$scratch/graph.dot" \
            2>"$scratch/graph.err"; then
            ok "graph $label exits 0"
        else
            not_ok "graph $label exits 0" "$scratch/graph.err"
        fi
        parses "graph $label parses with dot" "$scratch/graph.dot"
    done
done
run_tenken graph --lang=en "$adoption" -I . >"$scratch/en.dot"
parses "graph --lang=en parses with dot" "$scratch/en.dot"
if grep -q 'label="1.1\\nHas your organisation e…"' "$scratch/en.dot"; then
    ok "graph --lang=en labels items in English"
else
    not_ok "graph --lang=en labels items in English" "$scratch/en.dot"
fi

# {=== the safe-use sheet: what its rules imply ===}

run_tenken graph "$safe_use" >"$scratch/safe-use.dot"
equal "safe-use: one cluster, the checklist" 1 "$(grep -c '^  subgraph "cluster_' "$scratch/safe-use.dot")"
if grep -q '^    label="safe_use\\nクラウドサービス台帳兼安全利用チェックシート";$' "$scratch/safe-use.dot"; then
    ok "safe-use: the cluster is labelled with the checklist's title"
else
    not_ok "safe-use: the cluster is labelled with the checklist's title" "$scratch/safe-use.dot"
fi
equal "safe-use: 15 item nodes" 15 "$(grep -c '^    "item:safe_use:[0-9]*" \[shape=box' "$scratch/safe-use.dot")"
equal "safe-use: 5 value nodes" 5 "$(grep -c '^    "value:safe_use:[a-z]*" \[shape=ellipse' "$scratch/safe-use.dot")"
equal "safe-use: no fact, gate or ladder node" 0 \
    "$(grep -c '^ *"\(fact\|gate\|stages\):' "$scratch/safe-use.dot")"
# Every item feeds total and max, and the score of its section; nothing else.
{
    for item in $(seq 1 15); do
        section=selection
        [ "$item" -ge 7 ] && section=operation
        [ "$item" -ge 11 ] && section=security
        for value in total max $section; do
            echo "\"item:safe_use:$item\" -> \"value:safe_use:$value\""
        done
    done
} | sort >"$scratch/expected.edges"
sed -n 's/^  \(".*" -> ".*"\);$/\1/p' "$scratch/safe-use.dot" | sort >"$scratch/edges"
same "safe-use: an edge from each item to the values that aggregate it, and no other" \
    "$scratch/expected.edges" "$scratch/edges"
equal "safe-use: 45 edges" 45 "$(grep -c ' -> ' "$scratch/safe-use.dot")"
if [ -n "$have_dot" ]; then
    equal "safe-use: Graphviz reads 20 nodes" 20 "$(plain_count "$scratch/safe-use.dot" node)"
    equal "safe-use: Graphviz reads 45 edges" 45 "$(plain_count "$scratch/safe-use.dot" edge)"
else
    skip "safe-use: Graphviz reads 20 nodes"
    skip "safe-use: Graphviz reads 45 edges"
fi

# The adoption guide: 2 facts, 56 items, 7 × (2 scores + 1 gate), 1 ladder;
# 7 × 3 aggregates over the items, 2 exclusions, 5 gates and a fact into the ladder.
run_tenken graph -I . "$adoption" >"$scratch/adoption.dot"
if [ -n "$have_dot" ]; then
    equal "adoption: Graphviz reads 80 nodes" 80 "$(plain_count "$scratch/adoption.dot" node)"
    equal "adoption: Graphviz reads 176 edges" 176 "$(plain_count "$scratch/adoption.dot" edge)"
else
    skip "adoption: Graphviz reads 80 nodes"
    skip "adoption: Graphviz reads 176 edges"
fi
equal "adoption: 7 clusters" 7 "$(grep -c '^  subgraph "cluster_' "$scratch/adoption.dot")"
# has_edge NAME FILE EDGE: the DOT has the edge statement exactly.
has_edge() {
    if grep -qF "  $3;" "$2"; then ok "$1"; else not_ok "$1" "$2"; fi
}
has_edge "adoption: the fact excludes prerequisite 1.2" "$scratch/adoption.dot" \
    '"fact:covid_digital" -> "item:prerequisite:1.2" [style=dashed, color="#b85450", label="exclude"]'
has_edge "adoption: a gate enters stage 3" "$scratch/adoption.dot" \
    '"gate:stage3_scope:ready" -> "stages:adoption" [penwidth=2, label="enter 3"]'
has_edge "adoption: a fact starts the ladder at stage 4" "$scratch/adoption.dot" \
    '"fact:already_adopted" -> "stages:adoption" [penwidth=2, label="start 4"]'
run_tenken graph -I . --variant=development_trigger "$adoption" >"$scratch/trigger.dot"
has_edge "variant: an item asked only when another is yes" "$scratch/trigger.dot" \
    '"item:stage3_core:5.8" -> "item:stage3_core:5.8a" [style=dashed, color="#6c8ebf", label="only when"]'
run_tenken graph -I . "$adoption" >"$scratch/again.dot"
same "the same rules give the same graph" "$scratch/adoption.dot" "$scratch/again.dot"

# A compiled graph (.tkc, when this tenken has `tenken compile`) draws as its
# rule file does.
if "$TENKEN" compile --help >/dev/null 2>&1; then
    run_tenken compile -I . -o "$scratch/adoption.tkc" "$adoption" >/dev/null 2>&1
    run_tenken graph "$scratch/adoption.tkc" >"$scratch/from-tkc.dot" 2>"$scratch/tkc.err"
    same "the graph of a .tkc is that of its rules" "$scratch/adoption.dot" "$scratch/from-tkc.dot"
else
    tap_count=$((tap_count + 1))
    echo "ok $tap_count - the graph of a .tkc # SKIP this tenken has no compile command"
fi

# {=== exact graph ===}

run_tenken graph tests/golden/gates/rules.tkn >"$scratch/gates.dot"
[ -n "${TENKEN_BLESS:-}" ] && cp "$scratch/gates.dot" tests/graphs/gates.expected
same "the gates graph, exactly" tests/graphs/gates.expected "$scratch/gates.dot"

# {=== escaping ===}

run_tenken graph tests/templates/hostile.tkn >"$scratch/hostile.dot"
if [ -n "$have_dot" ]; then
    equal "hostile ids stay apart: Graphviz reads 14 nodes" 14 "$(plain_count "$scratch/hostile.dot" node)"
else
    skip "hostile ids stay apart: Graphviz reads 14 nodes"
fi
if grep -qF '"item:c:a\"b" [shape=box, style=filled, fillcolor="#ffffff", label="a\"b\n引用符のある ID"];' \
    "$scratch/hostile.dot"; then
    ok "quotes are escaped in ids and labels"
else
    not_ok "quotes are escaped in ids and labels" "$scratch/hostile.dot"
fi
if grep -qF '"item:c:two%0Alines"' "$scratch/hostile.dot"; then ok "a newline in an id is encoded"; else
    not_ok "a newline in an id is encoded" "$scratch/hostile.dot"; fi

# {=== -o and usage ===}

expect_status "graph -o FILE exits 0" 0 run_tenken graph -o "$scratch/written.dot" "$safe_use"
same "graph -o writes what it prints" "$scratch/safe-use.dot" "$scratch/written.dot"
expect_status "graph --help exits 0" 0 run_tenken graph --help
if grep -q '^usage: tenken graph' "$scratch/out"; then ok "graph --help shows its usage"; else
    not_ok "graph --help shows its usage" "$scratch/out"; fi
expect_status "graph without rules: exit 2" 2 run_tenken graph
expect_status "graph with an unknown option: exit 2" 2 run_tenken graph --explain "$safe_use"
expect_status "graph of a missing file: exit 2" 2 run_tenken graph no-such-rules.tkn
expect_status "graph of rules with errors: exit 1" 1 run_tenken graph tests/errors/syntax.tkn
if [ ! -s "$scratch/out" ]; then ok "rules with errors: no graph"; else not_ok "rules with errors: no graph" "$scratch/out"; fi

if [ -z "${SANITIZER_CFLAGS:-}" ] && [ -n "${VALGRIND:-}" ] &&
    command -v "$VALGRIND" >/dev/null 2>&1; then
    "$VALGRIND" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
        --error-exitcode=99 "$TENKEN" graph -I . "$adoption" >/dev/null 2>"$scratch/err"
    if [ $? -ne 99 ]; then ok "valgrind: graph of the adoption rules"; else
        not_ok "valgrind: graph of the adoption rules" "$scratch/err"; fi
else
    tap_count=$((tap_count + 1))
    echo "ok $tap_count # SKIP valgrind is not installed, or the build has sanitizers"
fi

done_testing
