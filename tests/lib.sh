# tests/lib.sh — what the shell test drivers share: TAP output, a scratch
# directory, and running tenken (under valgrind when VALGRIND_ALL is set).
# Sourced by tests/*.sh; make check sets top_srcdir, top_builddir and TENKEN.

set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${TENKEN:=$top_builddir/tenken}"
export NO_COLOR=1 LC_ALL=C.UTF-8

tap_count=0
tap_failed=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tenken-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# ok NAME: one passing test.
ok() {
    tap_count=$((tap_count + 1))
    echo "ok $tap_count - $1"
}

# not_ok NAME [DETAIL-FILE]: one failing test, with its detail as TAP comments.
not_ok() {
    tap_count=$((tap_count + 1))
    tap_failed=$((tap_failed + 1))
    echo "not ok $tap_count - $1"
    if [ $# -gt 1 ] && [ -f "$2" ]; then sed 's/^/# /' "$2" | head -60; fi
}

# check NAME COMMAND...: passes when the command exits 0.
check() {
    name=$1
    shift
    if "$@" >"$scratch/check.out" 2>&1; then ok "$name"; else not_ok "$name" "$scratch/check.out"; fi
}

# same NAME EXPECTED-FILE ACTUAL-FILE: passes when the files are identical.
same() {
    if diff -u "$2" "$3" >"$scratch/diff.out" 2>&1; then ok "$1"; else not_ok "$1" "$scratch/diff.out"; fi
}

# run_tenken ARGS...: tenken itself, or under valgrind when VALGRIND_ALL=1.
run_tenken() {
    if [ -n "${VALGRIND_ALL:-}" ] && [ -n "${VALGRIND:-}" ]; then
        "$VALGRIND" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
            --error-exitcode=99 "$TENKEN" "$@"
    else
        "$TENKEN" "$@"
    fi
}

# done_testing: print the plan; exit 1 when something failed.
done_testing() {
    echo "1..$tap_count"
    [ "$tap_failed" -eq 0 ]
}

# doc_block FILE HEADING FENCE: the first fenced block of kind FENCE
# (```FENCE) after the heading line HEADING of the Markdown file FILE.
doc_block() {
    awk -v heading="$2" -v fence="$3" '
        $0 == heading { found = 1 }
        found && $0 == "```" fence { inside = 1; next }
        inside && /^```/ { exit }
        inside { print }' "$1"
}
