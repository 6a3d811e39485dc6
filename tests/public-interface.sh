#!/bin/sh
# tests/public-interface.sh — src/cli/check-public.sh, which make runs before
# linking tenken: the command as built passes it, and it fails, naming the
# file and line or the object and symbol, on an include of an internal
# header (quoted or in angle brackets) and on a reference to a symbol the
# library does not export.
. "$(dirname "$0")/lib.sh"

checker="$top_srcdir/src/cli/check-public.sh"
core="$top_builddir/.libs/libtenken_core.a"
if ! command -v nm >/dev/null 2>&1; then
    echo "1..0 # SKIP nm is not installed"
    exit 0
fi
if [ ! -f "$core" ]; then
    echo "1..0 # SKIP $core is not built"
    exit 0
fi

# expect_failure NAME PATTERN COMMAND...: exits 1 with PATTERN on standard error.
expect_failure() {
    name=$1 pattern=$2
    shift 2
    "$@" >"$scratch/out" 2>"$scratch/err"
    got=$?
    if [ "$got" -eq 1 ] && grep -q -- "$pattern" "$scratch/err"; then
        ok "$name"
    else
        { echo "exit status $got, expected 1 and: $pattern"; cat "$scratch/err"; } >"$scratch/why"
        not_ok "$name" "$scratch/why"
    fi
}

# {=== the command as built ===}

set -- "$top_builddir"/src/cli/tenken-*.o
check "the tenken command uses only the public interface" \
    sh "$checker" nm "$top_srcdir" "$top_builddir" "$core" "$@"

# {=== includes ===}

tree="$scratch/tree"
mkdir -p "$tree/src/cli" "$tree/src/base" "$tree/src/lang"
: >"$tree/src/tenken.h"
: >"$tree/src/base/arena.h"
: >"$tree/src/lang/ast.h"
: >"$tree/src/cli/own.h"
printf '#include <stdio.h>\n#include "tenken.h"\n#include "cli/own.h"\n#include "own.h"\n' \
    >"$tree/src/cli/fine.c"
check "tenken.h, src/cli's headers and system headers may be included" \
    sh "$checker" nm "$tree" "$tree" "$core"

printf '#include "cli/own.h"\n#include "base/arena.h"\n' >"$tree/src/cli/quoted.c"
expect_failure "an internal header in quotes fails" \
    'src/cli/quoted.c:2: includes "base/arena.h"' sh "$checker" nm "$tree" "$tree" "$core"
rm "$tree/src/cli/quoted.c"

printf '#include <stdlib.h>\n  #  include <lang/ast.h>\n' >"$tree/src/cli/angled.h"
expect_failure "an internal header in angle brackets fails" \
    'src/cli/angled.h:2: includes <lang/ast.h>' sh "$checker" nm "$tree" "$tree" "$core"
rm "$tree/src/cli/angled.h"

printf '#include "cli/../base/arena.h"\n' >"$tree/src/cli/climbing.c"
expect_failure "a path out of src/cli fails" \
    'src/cli/climbing.c:1: includes "cli/../base/arena.h"' \
    sh "$checker" nm "$tree" "$tree" "$core"
rm "$tree/src/cli/climbing.c"

# {=== symbols ===}

# An object of the library itself calls internal functions (lang/fmt.c's).
object="$top_builddir/src/lang/.libs/libtenken_core_la-fmt_api.o"
[ -f "$object" ] || object="$top_builddir/src/lang/libtenken_core_la-fmt_api.o"
expect_failure "an object calling an internal function fails" \
    "libtenken_core_la-fmt_api.o: refers to fmt_text, which libtenken does not export" \
    sh "$checker" nm "$tree" "$tree" "$core" "$object"

done_testing
