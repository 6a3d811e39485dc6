#!/bin/sh
# tests/hacking.sh — doc/hacking.md's walkthrough of adding an aggregate
# function is true: its patch applies to a copy of the tree, touches exactly
# the files the walkthrough lists, builds without a warning, and the rule
# file it gives passes its test with the new function. The copy is built
# once, in the plain build (the sanitizer builds run the same code).
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

# The files the patch touches are the three the walkthrough names.
sed -n 's|^+++ b/||p' "$scratch/avg.diff" | sort >"$scratch/touched"
printf '%s\n' src/eval/eval.c src/lang/kinds.h src/lang/typecheck.c >"$scratch/listed"
same "the patch touches exactly the table, the type rule and the evaluation" \
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
if (cd "$copy" && git apply "$scratch/avg.diff") >"$scratch/apply.out" 2>&1; then
    ok "the patch applies"
else
    not_ok "the patch applies" "$scratch/apply.out"
fi

if (cd "$copy" && { [ -x configure ] || autoreconf --install --force; } &&
    ./configure --quiet --disable-shared && make -j2) >"$scratch/build.out" 2>&1; then
    ok "the tree with the patch builds (warnings are errors)"
else
    tail -40 "$scratch/build.out" >"$scratch/build.tail"
    not_ok "the tree with the patch builds (warnings are errors)" "$scratch/build.tail"
fi

if "$copy/tenken" test "$scratch/avg.tkn" >"$scratch/test.out" 2>&1 &&
    grep -q '1 passed, 0 failed' "$scratch/test.out"; then
    ok "avg() gives the mean, and n/a over no item"
else
    not_ok "avg() gives the mean, and n/a over no item" "$scratch/test.out"
fi

done_testing
