#!/bin/sh
# tests/import.sh — `tenken import framework|map`: every tests/import/NAME.csv,
# imported with the options in NAME.args (as a map when NAME starts with
# "map", else as a framework), writes exactly NAME.expected, with status 0
# and nothing on standard error; every tests/import/errors/NAME.csv prints
# exactly NAME.err (options: --id t --edition 1, or --from a --to b for
# map-*.csv, then those in NAME.args when there is one), with status 1 and
# nothing on standard output. Then -o (atomic, nothing written on errors),
# standard input, usage errors, --help and --version; and, once the compiler
# reads frameworks, that every framework written compiles.
# TENKEN_BLESS=1 rewrites the .expected and .err files from the current output.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
data=tests/import

# kind_of CSV: map for map*.csv, else framework.
kind_of() {
    case $(basename "$1") in map*) echo map ;; *) echo framework ;; esac
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

# expect_output NAME PATTERN FILE: FILE has a line matching PATTERN (grep -E).
expect_output() {
    if grep -Eq -- "$2" "$3"; then ok "$1"; else not_ok "$1" "$3"; fi
}

# expect_empty NAME FILE: FILE is empty.
expect_empty() {
    if [ -s "$2" ]; then not_ok "$1" "$2"; else ok "$1"; fi
}

### Tables that import: the exact text written

for csv in "$data"/*.csv; do
    stem=${csv%.csv}
    kind=$(kind_of "$csv")
    eval "set -- $(cat "$stem.args")"
    expect_status "$(basename "$csv"): status 0" 0 run_tenken import "$kind" "$csv" "$@"
    [ -n "${TENKEN_BLESS:-}" ] && cp "$scratch/out" "$stem.expected"
    same "$(basename "$csv"): the $kind written" "$stem.expected" "$scratch/out"
    expect_empty "$(basename "$csv"): nothing on standard error" "$scratch/err"
done

### Tables with problems: every diagnostic, and nothing written

for csv in "$data"/errors/*.csv; do
    stem=${csv%.csv}
    kind=$(kind_of "$csv")
    if [ "$kind" = map ]; then set -- --from a --to b; else set -- --id t --edition 1; fi
    [ -f "$stem.args" ] && eval "set -- \"\$@\" $(cat "$stem.args")"
    expect_status "errors/$(basename "$csv"): status 1" 1 run_tenken import "$kind" "$csv" "$@"
    [ -n "${TENKEN_BLESS:-}" ] && cp "$scratch/err" "$stem.err"
    same "errors/$(basename "$csv"): the diagnostics" "$stem.err" "$scratch/err"
    expect_empty "errors/$(basename "$csv"): nothing on standard output" "$scratch/out"
done

### -o: the same text, written atomically; nothing written on errors

ismap_options="--id ismap --edition 2023 --title ISMAP管理基準 --kinds clause,objective,detail"
# shellcheck disable=SC2086
expect_status "-o writes the file" 0 \
    run_tenken import framework "$data/ismap.csv" $ismap_options -o "$scratch/ismap.tkn"
same "-o writes what standard output shows" "$data/ismap.expected" "$scratch/ismap.tkn"
expect_empty "-o prints nothing" "$scratch/out"
echo "the old file" >"$scratch/kept.tkn"
expect_status "-o with errors in the table exits 1" 1 run_tenken import framework \
    "$data/errors/many-errors.csv" --id t --edition 1 -o "$scratch/kept.tkn"
echo "the old file" >"$scratch/old.tkn"
same "-o leaves the old file alone when the table has errors" "$scratch/old.tkn" "$scratch/kept.tkn"
leftovers=$(find "$scratch" -name '.kept.tkn.*' | wc -l)
if [ "$leftovers" -eq 0 ]; then ok "-o leaves no temporary file"; else
    find "$scratch" -name '.kept.tkn.*' >"$scratch/why"
    not_ok "-o leaves no temporary file" "$scratch/why"
fi
expect_status "--output=FILE writes a map" 0 run_tenken import map "$data/map.csv" \
    --from iso27002_2013 --to iso27001_2022 --title "ISO/IEC 27002:2022 Annex B" \
    --output="$scratch/map.tkn"
same "--output=FILE writes what standard output shows" "$data/map.expected" "$scratch/map.tkn"
expect_status "-o into a directory that does not exist exits 2" 2 run_tenken import framework \
    "$data/flat.csv" --id flat --edition 1 --columns No.,Control,, -o "$scratch/none/out.tkn"
expect_output "-o names the file it cannot create" "cannot create .*none/out.tkn" "$scratch/err"

### Standard input, and files that cannot be read

expect_status "'-' reads standard input" 0 sh -c \
    '"$0" import framework - --id flat --edition 1 --columns No.,Control,, --kinds control \
        <"$1"' "$TENKEN" "$data/flat.csv"
expect_output "the comment names standard input" '^# Imported by tenken import from <stdin> \(3 rows\)\.$' \
    "$scratch/out"
expect_status "a file that does not exist exits 2" 2 \
    run_tenken import framework no-such-table.csv --id t --edition 1
expect_output "it is reported as TK0901" "^no-such-table.csv: error\[TK0901\]: cannot read the file" \
    "$scratch/err"

### Usage errors exit 2, with a message naming the problem

usage() {
    what=$1 pattern=$2
    shift 2
    expect_status "$what exits 2" 2 run_tenken import "$@"
    expect_output "$what: the message" "$pattern" "$scratch/err"
}
csv=$data/ismap.csv
usage "no kind of table" "say what to import: framework or map"
usage "an unknown kind of table" "'frame' is neither framework nor map" frame "$csv"
usage "no CSV file" "give one CSV file, not 0" framework --id t --edition 1
usage "two CSV files" "give one CSV file, not 2" framework "$csv" "$csv" --id t --edition 1
usage "no --id" "--id is required" framework "$csv" --edition 1
usage "no --edition" "--edition is required" framework "$csv" --id t
usage "an --id with a dash" "--id 'iso-27001' cannot be a name" framework "$csv" --id iso-27001 --edition 1
usage "an --id starting with a digit" "--id '27001' cannot be a name" framework "$csv" --id 27001 --edition 1
usage "an --id that is a keyword" "--id 'checklist' cannot be a name" framework "$csv" --id checklist --edition 1
usage "a --module that is no module name" "--module 'a..b' is no module name" \
    framework "$csv" --id t --edition 1 --module a..b
usage "an unknown kind in --kinds" "--kinds: 'chapter' is no kind" \
    framework "$csv" --id t --edition 1 --kinds chapter,control
usage "--columns with one name" "--columns takes ID,TITLE,PARENT,OBLIGATION" \
    framework "$csv" --id t --edition 1 --columns id
usage "--columns with five names" "--columns takes ID,TITLE,PARENT,OBLIGATION" \
    framework "$csv" --id t --edition 1 --columns a,b,c,d,e
usage "--columns without a title" "--columns takes ID,TITLE,PARENT,OBLIGATION" \
    framework "$csv" --id t --edition 1 --columns id,,parent
usage "--lang other than ja or en" "--lang is ja or en, not 'fr'" \
    framework "$csv" --id t --edition 1 --lang fr
usage "a control character in --title" "--title holds a control character" \
    framework "$csv" --id t --edition 1 --title "$(printf 'a\nb')"
usage "an option of map given to framework" "unknown option '--from'" \
    framework "$csv" --id t --edition 1 --from a
usage "no --from" "--from is required" map "$data/map.csv" --to b
usage "no --to" "--to is required" map "$data/map.csv" --from a
usage "a --to that is a keyword" "--to 'item' cannot be a name" map "$data/map.csv" --from a --to item
usage "a --from-module that is no module name" "--from-module 'x.' is no module name" \
    map "$data/map.csv" --from a --to b --from-module x.
usage "map --columns without a target" "--columns takes SOURCE,RELATION,TARGET,NOTE" \
    map "$data/map.csv" --from a --to b --columns source,relation
usage "an option of framework given to map" "unknown option '--kinds'" \
    map "$data/map.csv" --from a --to b --kinds control

### Help and version

for kind in "" framework map; do
    # shellcheck disable=SC2086
    expect_status "import $kind --help exits 0" 0 run_tenken import $kind --help
    expect_output "import $kind --help shows the usage" "^usage: tenken import ${kind:-framework}" \
        "$scratch/out"
done
expect_output "import --help shows the map usage too" "tenken import map" "$scratch/out"
expect_status "import framework --version exits 0" 0 run_tenken import framework --version
expect_output "import --version names the version" '^tenken [0-9]+\.[0-9]+' "$scratch/out"
expect_status "tenken --help lists import" 0 run_tenken --help
expect_output "tenken --help lists import" '^  import framework\|map CSV ' "$scratch/out"

### Every file written compiles, in canonical layout

for expected in "$data"/*.expected; do
    name=$(basename "$expected")
    cp "$expected" "$scratch/written.tkn"
    chmod u+w "$scratch/written.tkn" # the source is read-only in make distcheck
    # The maps name frameworks of their own tests; the round trip below compiles one.
    case $name in
    map*) ;;
    *) check "$name compiles without a warning" run_tenken check -Werror "$scratch/written.tkn" ;;
    esac
    check "$name is in canonical layout" run_tenken fmt --check "$scratch/written.tkn"
done

### Round trip: a spreadsheet's tables in, coverage out

# The ISMAP-shaped table becomes a framework, a mapping table from ISO/IEC
# 27002:2013 to its objectives becomes a map, and tenken map reports every
# objective of the table, the mapped ones covered.
mkdir -p "$scratch/trip"
expect_status "round trip: the control table imports" 0 run_tenken import framework \
    "$data/ismap.csv" --id ismap --edition 2023 --kinds clause,objective,detail \
    --module trip.ismap -o "$scratch/trip/ismap.tkn"
printf 'source,relation,target,note\n5.1.1,equivalent,5.1.1,\n5.1.2,subset-of,5.1.1,\n' \
    >"$scratch/trip/map.csv"
expect_status "round trip: the mapping table imports" 0 run_tenken import map \
    "$scratch/trip/map.csv" --from iso27002_2013 --to ismap --to-module trip.ismap \
    -o "$scratch/trip/map.tkn"
expect_status "round trip: tenken map reads both" 0 run_tenken map -I "$top_srcdir" \
    -I "$scratch" --from iso27002_2013 --to ismap --format=csv "$scratch/trip/map.tkn"
cut -d, -f1 "$scratch/out" | tr -d '\r' | sed 1d >"$scratch/got"
awk -F, 'NR > 1 && $1 ~ /^[0-9]+\.[0-9]+\.[0-9]+$/ { print $1 }' "$data/ismap.csv" >"$scratch/want"
same "round trip: every 3-digit objective of the table is reported" "$scratch/want" "$scratch/got"
grep '^5\.1\.1,' "$scratch/out" | cut -d, -f4 >"$scratch/got"
echo full >"$scratch/want"
same "round trip: the mapped objective is covered in full" "$scratch/want" "$scratch/got"

done_testing
