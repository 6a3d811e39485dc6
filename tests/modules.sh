#!/bin/sh
# tests/modules.sh — finding modules: modules.index is up to date and
# installed; a variant of the shipped safe-use sheet written in a directory
# outside the clone (the walkthrough of doc/language.md, "A variant of a
# shipped sheet, in your own directory") compiles, tests and evaluates with
# -I CLONE and with TENKEN_PATH, and is TK0207 without them; the climb from
# an importing file stops at a directory that holds an index and never
# enters one every user may write to; an index cannot point outside its
# directory. tests/install.sh runs the walkthrough against an installed tree.
# TENKEN_BLESS=1 rewrites modules.index from the module lines.
. "$(dirname "$0")/lib.sh"

clone=$(cd "$top_srcdir" && pwd)

# The index, as it should be: every rules/ and stdlib/ file's module line.
(cd "$clone" && find rules stdlib -name '*.tkn' | LC_ALL=C sort | while read -r file; do
    name=$(sed -n 's/^module[ 	][ 	]*\([^ 	#]*\).*/\1/p' "$file" | head -1)
    [ -n "$name" ] && printf '%s %s\n' "$name" "$file"
done | LC_ALL=C sort) >"$scratch/index.body"
{
    echo "# modules.index — which file holds each module shipped in rules/ and stdlib/:"
    echo "# \"MODULE PATH\", PATH relative to this directory. Checked by tests/modules.sh"
    echo "# (TENKEN_BLESS=1 make check TESTS=tests/modules.sh writes it again)."
    cat "$scratch/index.body"
} >"$scratch/modules.index"
if [ -n "${TENKEN_BLESS:-}" ]; then cp "$scratch/modules.index" "$clone/modules.index"; fi
same "modules.index lists every module of rules/ and stdlib/" \
    "$clone/modules.index" "$scratch/modules.index"

# Everything the index names is installed, and so is the index.
sed -n '/^nobase_dist_pkgdata_DATA/,/[^\\]$/p' "$clone/Makefile.am" \
    | tr -d '\\' | tr ' \t' '\n\n' | grep . >"$scratch/installed"
missing=""
for file in modules.index $(cut -d' ' -f2 "$scratch/index.body"); do
    grep -qx "$file" "$scratch/installed" || missing="$missing $file"
done
if [ -z "$missing" ]; then
    ok "Makefile.am installs modules.index and every file it names"
else
    echo "not in nobase_dist_pkgdata_DATA:$missing" >"$scratch/why"
    not_ok "Makefile.am installs modules.index and every file it names" "$scratch/why"
fi

# The walkthrough's rule file, as doc/language.md shows it, in a directory of
# its own outside the clone, with an answer file beside it.
audit="$scratch/audit"
mkdir -p "$audit/mine"
doc_block "$clone/doc/language.md" "### A variant of a shipped sheet, in your own directory" tenken >"$audit/mine/mfg.tkn"
doc_block "$clone/doc/language.md" "### A variant of a shipped sheet, in your own directory" text >"$audit/test.expected"
cp "$clone/examples/safe-use/S0004-crm-zzz.yaml" "$audit/answers.yaml"
check "the walkthrough's rule file is in doc/language.md" grep -q '^variant mfg extends cloud.safe_use' \
    "$audit/mine/mfg.tkn"

# expect_walkthrough HOW TENKEN_PATH=VALUE OPTIONS...: check, test and eval
# of the variant pass, run from the audit directory with that TENKEN_PATH
# (empty: none) and the options.
expect_walkthrough() {
    how=$1 environment=$2
    shift 2
    check "$how: check" sh -c 'cd "$1" && shift && "$@" mine/mfg.tkn' - "$audit" \
        env "$environment" "$TENKEN" check "$@"
    (cd "$audit" && env "$environment" "$TENKEN" test "$@" mine/mfg.tkn) >"$scratch/test.out" 2>&1
    same "$how: test prints what doc/language.md shows" "$audit/test.expected" "$scratch/test.out"
    (cd "$audit" && env "$environment" "$TENKEN" eval "$@" --variant=mfg mine/mfg.tkn \
        answers.yaml) >"$scratch/eval.out" 2>&1
    if grep -q 'rules mine.mfg.mfg' "$scratch/eval.out" \
        && grep -q '除外: 利用業務は社内規程で定めている' "$scratch/eval.out"; then
        ok "$how: eval --variant=mfg"
    else
        not_ok "$how: eval --variant=mfg" "$scratch/eval.out"
    fi
}
expect_walkthrough "-I CLONE" TENKEN_PATH= -I "$clone"
expect_walkthrough "TENKEN_PATH=CLONE" TENKEN_PATH="$clone"

# Without them, TK0207 with a note on where it was looked for (unless a
# tenken is installed in the data directory this one was built for).
(cd "$audit" && env -u TENKEN_PATH "$TENKEN" check mine/mfg.tkn) >/dev/null 2>"$scratch/err"
status=$?
if [ "$status" -eq 0 ]; then
    echo "# skip: an installed tenken provides cloud.safe_use"
    ok "without -I or TENKEN_PATH: TK0207 # SKIP installed"
elif grep -q "error\[TK0207\]: module 'cloud.safe_use' is not on the search path" "$scratch/err" \
    && grep -q "^note: looked for cloud/safe_use.tkn, or 'cloud.safe_use' in modules.index" \
        "$scratch/err"; then
    ok "without -I or TENKEN_PATH: TK0207 with the places looked in"
else
    not_ok "without -I or TENKEN_PATH: TK0207 with the places looked in" "$scratch/err"
fi

# The climb: a module in a directory above the importing file is found, but
# not through a directory every user may write to (as /tmp), and not above a
# directory holding an index.
mkdir -p "$scratch/shared/planted" "$scratch/shared/me/project"
printf 'tenken 1\nmodule planted.evil\n' >"$scratch/shared/planted/evil.tkn"
printf 'tenken 1\nmodule me.project.sheet\nimport planted.evil\n' \
    >"$scratch/shared/me/project/sheet.tkn"
chmod 755 "$scratch/shared"
check "a module in a directory above the importing file is found" \
    env -u TENKEN_PATH "$TENKEN" check "$scratch/shared/me/project/sheet.tkn"
check "so it is from a relative path" sh -c \
    'cd "$1" && env -u TENKEN_PATH "$2" check sheet.tkn' - "$scratch/shared/me/project" "$TENKEN"
chmod 1777 "$scratch/shared"
env -u TENKEN_PATH "$TENKEN" check "$scratch/shared/me/project/sheet.tkn" >/dev/null 2>"$scratch/err"
if grep -q "error\[TK0207\]: module 'planted.evil'" "$scratch/err"; then
    ok "the climb does not enter a directory every user may write to"
else
    not_ok "the climb does not enter a directory every user may write to" "$scratch/err"
fi
chmod 755 "$scratch/shared"
: >"$scratch/shared/me/modules.index"
env -u TENKEN_PATH "$TENKEN" check "$scratch/shared/me/project/sheet.tkn" >/dev/null 2>"$scratch/err"
if grep -q "error\[TK0207\]: module 'planted.evil'" "$scratch/err"; then
    ok "the climb stops at a directory that holds modules.index"
else
    not_ok "the climb stops at a directory that holds modules.index" "$scratch/err"
fi

# An index of one's own, in a directory of the search path; its paths stay
# inside that directory.
mkdir -p "$scratch/library/sheets" "$scratch/user"
printf 'tenken 1\nmodule team.scales\nscale yes_no { yes 1 "はい" no 0 "いいえ" }\n' \
    >"$scratch/library/sheets/team-scales.tkn"
printf 'tenken 1\nmodule outside.sheet\n' >"$scratch/outside.tkn"
printf '# our modules\n\nteam.scales   sheets/team-scales.tkn\r\nteam.up ../outside.tkn\nteam.abs %s\n' \
    "$scratch/outside.tkn" >"$scratch/library/modules.index"
printf 'tenken 1\nmodule user.sheet\nimport team.scales (yes_no)\n' >"$scratch/user/sheet.tkn"
check "a directory's own modules.index is read" \
    "$TENKEN" check -I "$scratch/library" "$scratch/user/sheet.tkn"
for name in team.up team.abs; do
    printf 'tenken 1\nmodule user.sheet\nimport %s\n' "$name" >"$scratch/user/sheet.tkn"
    "$TENKEN" check -I "$scratch/library" "$scratch/user/sheet.tkn" >/dev/null 2>"$scratch/err"
    if grep -q "error\[TK0207\]: module '$name' is not on the search path" "$scratch/err"; then
        ok "an index path outside its directory is not followed ($name)"
    else
        not_ok "an index path outside its directory is not followed ($name)" "$scratch/err"
    fi
done
done_testing
