#!/bin/sh
# src/cli/check-public.sh — the tenken command uses libtenken's public
# interface (src/tenken.h) and nothing else; make runs this before linking
# tenken, so a shared or a static build fails alike when it does not:
#   * a file of src/cli includes a header that is neither tenken.h nor one
#     of src/cli's own;
#   * a cli object refers to a symbol that the library's internals
#     (libtenken_core) define without the tk_ prefix, which libtenken does
#     not export.
# Usage: check-public.sh NM TOP_SRCDIR TOP_BUILDDIR LIBTENKEN_CORE.a OBJECT...
# Problems go to standard error (exit 1); what was checked to standard output.
set -u
nm=$1 top_srcdir=$2 top_builddir=$3 core=$4
shift 4
status=0
work=$(mktemp -d "${TMPDIR:-/tmp}/tenken-public.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

# {=== includes ===}

# Whether an included header ("NAME" or <NAME>) is one of the project's
# that the command may not use: any but tenken.h and src/cli's own. A
# system header is fine, unless the name is found in the source or build
# tree (the command is compiled with -I for both).
internal_header() {
    name=${1#?}
    name=${name%?}
    case $name in
        tenken.h) return 1 ;;
        *..*) return 0 ;;
        cli/*) [ -f "$top_srcdir/src/$name" ] && return 1 ;;
        */*) ;;
        *) [ -f "$top_srcdir/src/cli/$name" ] && [ "${1#<}" = "$1" ] && return 1 ;;
    esac
    case $1 in '"'*) return 0 ;; esac
    for directory in "$top_srcdir/src" "$top_srcdir" "$top_builddir" "$top_builddir/grammar"; do
        [ -f "$directory/$name" ] && return 0
    done
    return 1
}

files=0
for file in "$top_srcdir"/src/cli/*.c "$top_srcdir"/src/cli/*.h; do
    [ -f "$file" ] || continue
    files=$((files + 1))
    grep -n '^[[:space:]]*#[[:space:]]*include' "$file" |
        sed 's/^\([0-9]*\):[[:space:]]*#[[:space:]]*include[[:space:]]*\(["<][^">]*[">]\).*/\1 \2/' \
        >"$work/includes"
    while read -r line header; do
        if internal_header "$header"; then
            echo "${file#"$top_srcdir"/}:$line: includes $header: the tenken command may" \
                "include only tenken.h (libtenken's public interface) and src/cli's own" \
                "headers" >&2
            status=1
        fi
    done <"$work/includes"
done

# {=== symbols ===}

# The library's own global symbols without the tk_ prefix: not exported.
$nm -g --defined-only "$core" | awk 'NF >= 3 { print $NF }' | grep -v '^tk_' | sort -u \
    >"$work/internal" || { echo "check-public.sh: cannot list the symbols of $core" >&2; exit 1; }
[ -s "$work/internal" ] || { echo "check-public.sh: $core defines no symbol" >&2; exit 1; }

objects=0
for object in "$@"; do
    objects=$((objects + 1))
    $nm -u "$object" | awk '{ print $NF }' | sort -u | comm -12 - "$work/internal" >"$work/used"
    while read -r symbol; do
        echo "$object: refers to $symbol, which libtenken does not export (only tk_ names):" \
            "the tenken command may use only the public interface of tenken.h" >&2
        status=1
    done <"$work/used"
done

if [ "$status" -ne 0 ]; then
    echo "check-public.sh: src/cli reaches past libtenken's public interface (see above)" >&2
    exit 1
fi
echo "$files files of src/cli include only tenken.h and src/cli's headers"
echo "$objects objects of src/cli use no symbol of libtenken_core without the tk_ prefix"
