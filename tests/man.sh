#!/bin/sh
# tests/man.sh — the manual pages: doc/tenken.1 and doc/tenken-lang.5 render
# without a single groff or man warning; every command `tenken --help` lists
# has its section in tenken(1), and every option each command's --help lists
# is in the page; the example of tenken-lang(5) compiles and its test passes.
# Rendering is skipped when groff (groff-base) or man (man-db) is missing.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
pages="doc/tenken.1 doc/tenken-lang.5"

skip() {
    tap_count=$((tap_count + 1))
    echo "ok $tap_count - $1 # SKIP $2"
}

# quiet NAME COMMAND...: the command exits 0 and writes nothing to stderr.
quiet() {
    name=$1
    shift
    if "$@" >/dev/null 2>"$scratch/warnings" && [ ! -s "$scratch/warnings" ]; then
        ok "$name"
    else
        not_ok "$name" "$scratch/warnings"
    fi
}

for page in $pages; do
    if command -v groff >/dev/null 2>&1; then
        quiet "$page: groff -man -ww finds nothing to warn about" groff -man -ww -z "$page"
    else
        skip "$page: groff -man -ww finds nothing to warn about" "groff is not installed"
    fi
    if command -v man >/dev/null 2>&1; then
        quiet "$page: man --warnings finds nothing to warn about" \
            env MANWIDTH=80 man --warnings -l "$page"
    else
        skip "$page: man --warnings finds nothing to warn about" "man is not installed"
    fi
done

# The commands: what tenken --help lists, and the ones being written now.
commands=$("$TENKEN" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')
seen=""
for command in $commands check eval test template graph fmt compile; do
    case " $seen " in *" $command "*) continue ;; esac
    seen="$seen $command"
    if grep -q "^\.SS \"tenken $command " doc/tenken.1; then
        ok "tenken.1 has a section for $command"
    else
        echo "no '.SS \"tenken $command ...' line" >"$scratch/why"
        not_ok "tenken.1 has a section for $command" "$scratch/why"
    fi
    "$TENKEN" "$command" --help >"$scratch/help" 2>/dev/null || continue
    # Option names as the help lists them: -I, -o, -Werror, --format, ...
    # The option column of each line that starts with an option ("  -w, --write  ..."):
    # every word in it that starts with '-', without its "=VALUE".
    for option in $(awk '/^  -/ { sub(/^  /, ""); split($0, column, /   */);
                                 n = split(column[1], words, /[ ,]+/);
                                 for (i = 1; i <= n; i++) if (words[i] ~ /^-/) print words[i] }' \
        "$scratch/help" | sed 's/=.*//' | sort -u); do
        escaped=$(printf '%s' "$option" | sed 's/-/\\\\-/g')
        if grep -q -- "$escaped" doc/tenken.1; then
            ok "tenken.1 documents $command $option"
        else
            echo "'$escaped' is not in doc/tenken.1" >"$scratch/why"
            not_ok "tenken.1 documents $command $option" "$scratch/why"
        fi
    done
done

# The example of tenken-lang(5), unescaped, is a rule file whose test passes.
sed -n '/^\.SH EXAMPLE/,/^\.fi/p' doc/tenken-lang.5 | sed '1,2d;$d' |
    sed 's/\\-/-/g; s/\\e/\\/g' >"$scratch/example.tkn"
quiet "the example of tenken-lang.5 compiles cleanly" "$TENKEN" check "$scratch/example.tkn"
if "$TENKEN" test "$scratch/example.tkn" >"$scratch/test.out" 2>&1 &&
    grep -q '^1 tests, 1 passed, 0 failed' "$scratch/test.out"; then
    ok "the test of the tenken-lang.5 example passes"
else
    not_ok "the test of the tenken-lang.5 example passes" "$scratch/test.out"
fi

# doc/ci.md: every tenken command line in its code blocks uses options the
# command takes (commands not built yet, such as fmt, are skipped), and its
# YAML blocks are well-formed (when Python's yaml module is there).
awk '/^```/ { inside = !inside; next } inside' doc/ci.md |
    sed -n 's/^.*\(tenken [a-z][a-z]* .*\)$/\1/p' >"$scratch/ci-commands"
while read -r _ command rest; do
    "$TENKEN" "$command" --help >"$scratch/help" 2>/dev/null || continue
    for option in $(printf '%s\n' "$rest" | tr ' ' '\n' | sed -n 's/^\(--[a-z-]*\).*/\1/p; s/^\(-[A-Za-z]\)$/\1/p'); do
        if grep -q -- "^  .*$option" "$scratch/help"; then
            ok "ci.md: tenken $command takes $option"
        else
            echo "tenken $command --help does not list $option" >"$scratch/why"
            not_ok "ci.md: tenken $command takes $option" "$scratch/why"
        fi
    done
done <"$scratch/ci-commands"
if python3 -c 'import yaml' 2>/dev/null; then
    awk '/^```yaml/ { inside = 1; block++; next } /^```/ { inside = 0 }
         inside { print > ("'"$scratch"'/ci-" block ".yaml") }' doc/ci.md
    for block in "$scratch"/ci-*.yaml; do
        if python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$block" \
            >"$scratch/yaml.err" 2>&1; then
            ok "ci.md: YAML block $(basename "$block" .yaml) is well-formed"
        else
            not_ok "ci.md: YAML block $(basename "$block" .yaml) is well-formed" "$scratch/yaml.err"
        fi
    done
else
    skip "ci.md: YAML blocks are well-formed" "Python's yaml module is not installed"
fi

done_testing
