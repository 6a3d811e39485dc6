#!/bin/sh
# tests/hacking.sh — doc/hacking.md's walkthroughs are true. The patches of
# adding an aggregate function (avg) and adding an output format (junit)
# apply to a copy of the tree, each touches exactly the files its
# walkthrough lists, the copy with both builds without a warning, the rule
# file of the first passes its test with the new function, and the second's
# output is the page's. The copy is built once, in the plain build (the
# sanitizer builds run the same code).
. "$(dirname "$0")/lib.sh"

if [ -n "${SANITIZER_CFLAGS:-}" ]; then
    echo "1..0 # SKIP built with sanitizers: the walkthrough is built once, in the plain build"
    exit 0
fi
doc="$top_srcdir/doc/hacking.md"

# block MARKER: the fenced block that follows the comment <!-- MARKER -->.
block() {
    awk -v marker="<!-- $1 -->" '
        $0 == marker { found = 1; next }
        found && /^```/ { if (inside) exit; inside = 1; next }
        inside { print }' "$doc"
}

block "walkthrough: avg" >"$scratch/avg.diff"
block "walkthrough: avg test" >"$scratch/avg.tkn"
[ -s "$scratch/avg.diff" ] && ok "doc/hacking.md has the patch" ||
    not_ok "doc/hacking.md has the patch" /dev/null
[ -s "$scratch/avg.tkn" ] && ok "doc/hacking.md has the rule file" ||
    not_ok "doc/hacking.md has the rule file" /dev/null

block "walkthrough: junit" >"$scratch/junit.diff"
block "walkthrough: junit output" >"$scratch/junit.console"
[ -s "$scratch/junit.diff" ] && [ -s "$scratch/junit.console" ] &&
    ok "doc/hacking.md has the format's patch and its output" ||
    not_ok "doc/hacking.md has the format's patch and its output" /dev/null

# The files each patch touches are those its walkthrough names.
sed -n 's|^+++ b/||p' "$scratch/avg.diff" | sort >"$scratch/touched"
printf '%s\n' src/eval/eval.c src/lang/kinds.h src/lang/typecheck.c >"$scratch/listed"
same "the patch touches exactly the table, the type rule and the evaluation" \
    "$scratch/listed" "$scratch/touched"
sed -n 's|^+++ b/||p' "$scratch/junit.diff" | sort >"$scratch/touched"
printf '%s\n' Makefile.am doc/cli.md src/cli/cmd_eval.c src/report/README.md \
    src/report/formats.c src/report/formats.h src/report/junit.c src/tenken.h |
    sort >"$scratch/listed"
same "the format's patch touches exactly the eight files listed" \
    "$scratch/listed" "$scratch/touched"

# A copy of the sources: what git tracks in a clone, the whole tree in an
# unpacked tarball.
copy="$scratch/tree"
mkdir -p "$copy"
if [ -d "$top_srcdir/.git" ] && command -v git >/dev/null 2>&1; then
    (cd "$top_srcdir" && git ls-files -z | xargs -0 cp --parents -t "$copy")
else
    cp -R "$top_srcdir/." "$copy"
fi
chmod -R u+w "$copy"
for patch in avg junit; do
    if (cd "$copy" && git apply "$scratch/$patch.diff") >"$scratch/apply.out" 2>&1; then
        ok "the $patch patch applies"
    else
        not_ok "the $patch patch applies" "$scratch/apply.out"
    fi
done

if (cd "$copy" && { [ -x configure ] || autoreconf --install --force; } &&
    ./configure --quiet --disable-shared && make -j2) >"$scratch/build.out" 2>&1; then
    ok "the tree with both patches builds (warnings are errors)"
else
    tail -40 "$scratch/build.out" >"$scratch/build.tail"
    not_ok "the tree with both patches builds (warnings are errors)" "$scratch/build.tail"
fi

if "$copy/tenken" test "$scratch/avg.tkn" >"$scratch/test.out" 2>&1 &&
    grep -q '1 passed, 0 failed' "$scratch/test.out"; then
    ok "avg() gives the mean, and n/a over no item"
else
    not_ok "avg() gives the mean, and n/a over no item" "$scratch/test.out"
fi

# The console block: the command after "$ ", then its exact output.
command=$(sed -n 's/^\$ tenken //p' "$scratch/junit.console")
sed '1d' "$scratch/junit.console" >"$scratch/junit.expected"
# shellcheck disable=SC2086 # the command's words, as the page writes them
(cd "$top_srcdir" && "$copy/tenken" $command) >"$scratch/junit.out" 2>&1
same "--format=junit writes what the page shows" "$scratch/junit.expected" "$scratch/junit.out"
if (cd "$top_srcdir" && "$copy/tenken" diff --format=junit rules/cloud-safe-use/safe-use.tkn \
    examples/safe-use/S0004-visit1.yaml examples/safe-use/S0004-visit3.yaml) \
    >/dev/null 2>"$scratch/diff.err"; then
    not_ok "diff refuses --format=junit, which has no diff writer" "$scratch/diff.err"
else
    ok "diff refuses --format=junit, which has no diff writer"
fi

done_testing
