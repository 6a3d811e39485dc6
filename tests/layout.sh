#!/bin/sh
# tests/layout.sh — the folders of src/ follow the pipeline, and nothing
# reaches back: base ← lang ← answers ← eval ← frameworks ← report ← cli. A
# file includes headers of its own folder and of folders to its left only;
# the syntax tree (lang/ast.h) stays in the front end (src/lang/ and the
# grammar); no two files include each other's headers in a circle, within a
# folder or across (a.c includes b.h, b.c includes a.h); every folder says what it is for in a README.md; every source
# file starts with a comment saying what it is for. The checker is run on
# the tree itself, and on a copy of it with each kind of breach planted, so
# that it cannot pass by checking nothing.
. "$(dirname "$0")/lib.sh"

folders="base lang answers eval frameworks report cli"

# rank FOLDER: its place in the pipeline, 0 for base.
rank() {
    position=0
    for folder in $folders; do
        [ "$folder" = "$1" ] && { echo "$position"; return; }
        position=$((position + 1))
    done
    echo 99
}

# check_tree DIR: prints every breach under DIR/src, one per line.
check_tree() {
    for file in "$1"/src/*/*.[ch]; do
        folder=$(basename "$(dirname "$file")")
        own=$(rank "$folder")
        [ "$own" -eq 99 ] && { echo "$file: in no folder of the pipeline"; continue; }
        head -c 3 "$file" | grep -q '^/\*' || echo "$file: does not start with a comment"
        sed -n 's/^#include "\([a-z]*\)\/\([^"]*\)".*/\1 \2/p' "$file" | while read -r dir header; do
            other=$(rank "$dir")
            [ "$other" -eq 99 ] && continue
            [ "$other" -gt "$own" ] && echo "$file: includes $dir/$header, a later stage"
            [ "$dir/$header" = lang/ast.h ] && [ "$folder" != lang ] &&
                echo "$file: includes lang/ast.h outside the front end"
        done
    done
    for folder in $folders; do
        [ -f "$1/src/$folder/README.md" ] || echo "src/$folder: no README.md"
    done
    include_cycles "$1"
}

# include_cycles DIR: the files of DIR/src whose includes go round in a
# circle, a file being its .c and .h together. tsort names the files of
# each circle it meets.
include_cycles() {
    for file in "$1"/src/*/*.[ch]; do
        module=${file#"$1"/src/}
        module=${module%.*}
        echo "$module $module"
        sed -n 's/^#include "\([a-z_]*\/[a-z_0-9]*\)\.h".*/\1/p' "$file" | while read -r header; do
            [ "$header" != "$module" ] && echo "$module $header"
        done
    done >"$scratch/includes"
    tsort "$scratch/includes" 2>&1 >/dev/null | sed -n 's/^tsort: \([a-z_]*\/[a-z_0-9]*\)$/include cycle through src\/\1/p'
}

check_tree "$top_srcdir" >"$scratch/breaches"
if [ -s "$scratch/breaches" ]; then
    not_ok "src/ follows the pipeline" "$scratch/breaches"
else
    ok "src/ follows the pipeline"
fi

# The checker catches each kind of breach in a copy of the tree.
plant() {
    name=$1 file=$2 line=$3 pattern=$4
    rm -rf "$scratch/copy"
    mkdir -p "$scratch/copy"
    cp -R "$top_srcdir/src" "$scratch/copy/src"
    chmod -R u+w "$scratch/copy"
    if [ -n "$line" ]; then
        printf '%s\n' "$line" >>"$scratch/copy/src/$file"
    else
        rm "$scratch/copy/src/$file"
    fi
    check_tree "$scratch/copy" >"$scratch/planted"
    if grep -q -- "$pattern" "$scratch/planted"; then
        ok "the checker finds $name"
    else
        not_ok "the checker finds $name" "$scratch/planted"
    fi
}
plant "an include from a later stage" base/arena.c '#include "report/report.h"' "a later stage"
plant "the syntax tree outside the front end" eval/eval.c '#include "lang/ast.h"' "outside the front end"
plant "a folder without a README" answers/README.md "" "no README"
plant "an include cycle" answers/answers.c '#include "answers/jsonl.h"' "include cycle"

done_testing
