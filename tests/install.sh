#!/bin/sh
# tests/install.sh — an installed tenken finds the modules it ships with
# nothing else: the source tree (its git files and the generated configure)
# is copied, configured with --prefix in a temporary directory, built and
# installed there (the data directory is compiled in, so a DESTDIR copy of
# this build would look in the configured prefix), and the walkthrough of
# doc/language.md ("A variant of a shipped sheet, in your own directory") is
# run from a directory outside both, with no -I and no TENKEN_PATH. Skipped
# when the source tree is not a git checkout, or when TENKEN_SKIP_INSTALL is
# set (while iterating: it takes a minute or more, the build is a whole one).
# The installed tenken runs without the build tree's LD_LIBRARY_PATH.
. "$(dirname "$0")/lib.sh"

clone=$(cd "$top_srcdir" && pwd)
if [ -n "${TENKEN_SKIP_INSTALL:-}" ]; then
    echo "1..0 # SKIP TENKEN_SKIP_INSTALL is set"
    exit 0
fi
if ! git -C "$clone" ls-files >"$scratch/files" 2>/dev/null || [ ! -s "$scratch/files" ] \
    || [ ! -f "$clone/configure" ]; then
    echo "1..0 # SKIP not a git checkout with a generated configure"
    exit 0
fi

copy="$scratch/copy" prefix="$scratch/prefix"
mkdir -p "$copy"
# tar keeps the times, so make sees configure and Makefile.in as up to date.
(cd "$clone" && {
    cat "$scratch/files"
    ls configure Makefile.in aclocal.m4 config.h.in
    find build-aux m4 -type f
} | LC_ALL=C sort -u | while read -r file; do [ -f "$file" ] && echo "$file"; done \
    | tar -cf - -T -) | (cd "$copy" && tar -xf -)
check "configure --prefix and make install into a temporary directory" sh -c \
    'cd "$1" && ./configure --quiet --prefix="$2" --disable-dependency-tracking CFLAGS=-O0 \
        && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -j2 install' - "$copy" "$prefix"
installed="$prefix/bin/tenken"
data="$prefix/share/tenken"
for file in modules.index rules/cloud-safe-use/safe-use.tkn stdlib/scales.tkn; do
    check "installed: $file" test -f "$data/$file"
done

# The walkthrough, outside the clone, the copy and the prefix.
audit="$scratch/audit"
mkdir -p "$audit/mine"
doc_block "$clone/doc/language.md" "### A variant of a shipped sheet, in your own directory" tenken >"$audit/mine/mfg.tkn"
cp "$clone/examples/safe-use/S0004-crm-zzz.yaml" "$audit/answers.yaml"
for command in check test; do
    check "installed tenken, nothing else: $command" sh -c \
        'cd "$1" && env -u TENKEN_PATH -u LD_LIBRARY_PATH "$2" "$3" mine/mfg.tkn' - "$audit" "$installed" "$command"
done
(cd "$audit" && env -u TENKEN_PATH -u LD_LIBRARY_PATH "$installed" eval --variant=mfg mine/mfg.tkn answers.yaml) \
    >"$scratch/eval.out" 2>&1
if grep -q 'rules mine.mfg.mfg' "$scratch/eval.out" \
    && grep -q '除外: 利用業務は社内規程で定めている' "$scratch/eval.out"; then
    ok "installed tenken, nothing else: eval --variant=mfg"
else
    not_ok "installed tenken, nothing else: eval --variant=mfg" "$scratch/eval.out"
fi
# The installed stdlib is found from a rule file anywhere, too.
printf 'tenken 1\nmodule mine.office\nimport stdlib.scales (yes_no)\n' >"$audit/office.tkn"
check "installed tenken, nothing else: import stdlib.scales" sh -c \
    'cd "$1" && env -u TENKEN_PATH -u LD_LIBRARY_PATH "$2" check office.tkn' - "$audit" "$installed"
done_testing
