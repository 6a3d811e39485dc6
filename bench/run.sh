#!/bin/sh
# bench/run.sh — tenken's benchmark: compile, evaluate, start-up, and peers
# doing the same work on the same bytes, printed as one table (bench/report.py).
#
# Run from the build directory after `make` (make bench does):
#   sh bench/run.sh
# Environment:
#   BENCH_RUNS  runs of every measurement; each figure is their median (3)
#   BENCH_SETS  answer sets generated for the evaluate rows (1000000)
#   TENKEN      the tenken binary measured (./tenken)
#   TENKEN_JSONL, TENKEN_JSONL_J2, TENKEN_YAML
#               the eval options of the JSON Lines, JSON Lines -j 2 and YAML
#               rows (see the defaults below); a row whose command fails is
#               printed as "not available"
#   EVAL_MEMORY bench/eval_memory built against this tree's library
#   srcdir      the source tree (the directory above this script)
#
# Every measurement runs once per round and there are BENCH_RUNS rounds, so
# the ratios of the table compare figures taken in the same round. Generated
# data goes to bench/data/ (reused while the generators are unchanged), the
# helper programs to bench/data/build/, the npm packages to bench/node/.
# As root, missing Debian packages are installed with apt-get; anything that
# cannot be had makes its rows "not available: why", and the rest still runs.
# Progress goes to standard error, the table to standard output.

set -u

BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_SETS=${BENCH_SETS:-1000000}
TENKEN=${TENKEN:-./tenken}
TENKEN_JSONL=${TENKEN_JSONL:-"eval --input=jsonl --format=csv"}
TENKEN_JSONL_J2=${TENKEN_JSONL_J2:-"eval --input=jsonl --format=csv -j 2"}
TENKEN_YAML=${TENKEN_YAML:-"eval --format=csv"}
EVAL_MEMORY=${EVAL_MEMORY:-bench/eval_memory}
srcdir=${srcdir:-$(dirname "$0")/..}

bench=$srcdir/bench
data=bench/data
build=$data/build
results=$data/results
node_dir=bench/node
rules=$srcdir/rules/cloud-safe-use/safe-use.tkn
small_answers=$srcdir/examples/safe-use/S0004-crm-zzz.yaml

# Slices for the slower peers: their rate is sets/s over fewer sets.
min() { if [ "$1" -lt "$2" ]; then echo "$1"; else echo "$2"; fi; }
slice_jq=$(min "$BENCH_SETS" 200000)
slice_clips=$(min "$BENCH_SETS" 50000)
slice_node=$(min "$BENCH_SETS" 20000)
memory_load=$(min "$BENCH_SETS" 100000)
startup_runs=200
check_sets=1000

say() { printf 'bench: %s\n' "$*" >&2; }

case $BENCH_RUNS in '' | *[!0-9]* | 0) say "BENCH_RUNS must be a number of runs"; exit 2 ;; esac
case $BENCH_SETS in '' | *[!0-9]*) say "BENCH_SETS must be a number of sets"; exit 2 ;; esac
if [ "$BENCH_SETS" -lt "$check_sets" ]; then
    say "BENCH_SETS must be at least $check_sets"
    exit 2
fi

mkdir -p "$data" "$build" || exit 2
rm -rf "$results"
mkdir -p "$results" || exit 2

# {=== what the benchmark needs ===}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Debian packages: a command (or "-" for a library) and its package.
needs="clips:clips jq:jq node:nodejs npm:npm python3:python3 g++:g++ -:libyaml-dev
-:libjson-c-dev -:libjansson-dev -:libcjson-dev -:libsimdjson-dev"

missing_packages() {
    for need in $needs; do
        tool=${need%%:*}
        package=${need#*:}
        if [ "$tool" = - ]; then
            installed "$package" || printf '%s\n' "$package"
        else
            command -v "$tool" >/dev/null 2>&1 || printf '%s\n' "$package"
        fi
    done
}

install_packages() {
    missing=$(missing_packages | tr '\n' ' ')
    [ -n "$missing" ] || return 0
    if [ "$(id -u)" != 0 ]; then
        say "not root: not installing $missing"
        printf '%s\n' "$missing" >"$results/not-installed"
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        say "no apt-get: not installing $missing"
        printf '%s\n' "$missing" >"$results/not-installed"
        return 0
    fi
    say "installing with apt-get: $missing"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$data/apt.log" 2>&1
    # shellcheck disable=SC2086 # a list of package names
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
        >>"$data/apt.log" 2>&1; then
        for package in $missing; do
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                "$package" >>"$data/apt.log" 2>&1 || say "apt-get could not install $package"
        done
    fi
    printf '%s\n' "$missing" >"$results/apt-installed"
    still=$(missing_packages | tr '\n' ' ')
    [ -z "$still" ] || printf '%s\n' "$still" >"$results/not-installed"
}

# Why a package is not there, for the rows that need it.
absent() {
    if [ "$(id -u)" != 0 ]; then
        echo "$1 is not installed (run as root to install it)"
    else
        echo "apt-get could not install $1 (see $data/apt.log)"
    fi
}

npm_packages() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        echo "$(absent nodejs) and npm"
        return 1
    fi
    if [ "$(cd "$bench/node" && pwd)" != "$(mkdir -p "$node_dir" && cd "$node_dir" && pwd)" ]; then
        if ! cp "$bench/node/package.json" "$bench/node/package-lock.json" "$node_dir/"; then
            echo "cannot copy package.json to $node_dir"
            return 1
        fi
    fi
    if node -e '
        const dir = process.argv[1], want = require(dir + "/package.json").dependencies;
        for (const [name, version] of Object.entries(want))
            if (require(dir + "/node_modules/" + name + "/package.json").version !== version)
                process.exit(1);' "$(cd "$node_dir" && pwd)" 2>/dev/null; then
        return 0
    fi
    say "installing the npm packages into $node_dir (npm ci)"
    if [ -f "$node_dir/package-lock.json" ]; then
        command=ci
    else
        command=install
    fi
    if ! (cd "$node_dir" && npm "$command" --no-audit --no-fund --loglevel=error) \
        >"$data/npm.log" 2>&1; then
        echo "npm $command failed: $(grep -m1 -i 'err' "$data/npm.log" | cut -c1-80)"
        return 1
    fi
}

# {=== helper programs ===}

# build NAME COMPILER SOURCE LIBRARIES...: build a helper into $build; on
# failure print why (the first error) and return 1.
build() {
    name=$1 compiler=$2 source=$3
    shift 3
    [ -x "$build/$name" ] && fresh "$build/$name" "$source" "$@" && return 0
    case $compiler in
        c++) set -- g++ -std=c++17 -O2 -o "$build/$name" "$source" "$@" ;;
        *) set -- "${CC:-cc}" -std=c11 -O2 -o "$build/$name" "$source" "$@" ;;
    esac
    if ! "$@" >"$build/$name.log" 2>&1; then
        echo "does not build: $(grep -m1 'error' "$build/$name.log" | cut -c1-90)"
        return 1
    fi
    made "$build/$name" "$source" "$@"
}

# {=== data ===}

# A file's stamp: the checksum of what it was made from (files, or words).
stamp() {
    for part in "$@"; do
        if [ -f "$part" ]; then cat "$part"; else printf '%s\n' "$part"; fi
    done | cksum | cut -d' ' -f1
}

# fresh FILE SOURCES...: true when FILE was made from these very sources.
fresh() {
    stamped=$1
    shift
    [ -f "$stamped" ] && [ -f "$stamped.stamp" ] && [ "$(cat "$stamped.stamp")" = "$(stamp "$@")" ]
}
made() {
    stamped=$1
    shift
    stamp "$@" >"$stamped.stamp"
}

generate_data() {
    sets=$data/sets-$BENCH_SETS
    if ! fresh "$sets.jsonl" "$bench/gen/answers.py" "$bench/gen/sheet.py" "$rules"; then
        say "generating $BENCH_SETS answer sets (JSON Lines and YAML)"
        rm -rf "$data"/sets-* "$data"/slice-* "$data"/clips-* "$data"/memory-* "$data"/parts
        python3 "$bench/gen/answers.py" "$rules" "$BENCH_SETS" "$sets.jsonl" "$sets.yaml" || return 1
        made "$sets.jsonl" "$bench/gen/answers.py" "$bench/gen/sheet.py" "$rules"
    fi
    first=$data/first-$check_sets
    head -n "$check_sets" "$sets.jsonl" >"$first.jsonl"
    awk -v n="$check_sets" '/^---$/ { if (++documents > n) exit } { print }' "$sets.yaml" >"$first.yaml"
    memory=$data/memory-$memory_load.yaml
    [ -f "$memory" ] ||
        awk -v n="$memory_load" '/^---$/ { if (++documents > n) exit } { print }' "$sets.yaml" >"$memory"
    for count in "$slice_jq" "$slice_clips" "$slice_node"; do
        [ -f "$data/slice-$count.jsonl" ] || head -n "$count" "$sets.jsonl" >"$data/slice-$count.jsonl"
    done
    for items in 1000 10000 100000; do
        file=$data/rules-$items.tkn
        fresh "$file" "$bench/gen/rules.py" || {
            python3 "$bench/gen/rules.py" "$items" "$file" && made "$file" "$bench/gen/rules.py"
        } || return 1
    done
    file=$data/ismap-sized.tkn
    fresh "$file" "$bench/gen/framework.py" || {
        python3 "$bench/gen/framework.py" "$file" && made "$file" "$bench/gen/framework.py"
    } || return 1
}

# {=== rows ===}

# row ID SECTION COUNT WHAT NOTE: declare a row of the table.
row() {
    printf 'section=%s\ncount=%s\nwhat=%s\nnote=%s\n' "$2" "$3" "$4" "$5" >"$results/$1.meta"
}
na() { printf '%s\n' "$2" >"$results/$1.na"; }
available() { [ ! -f "$results/$1.na" ]; }
meta() { printf '%s=%s\n' "$2" "$3" >>"$results/$1.meta"; }

# first_error FILE: the first line of a failing command's standard error.
first_error() { grep -m1 . "$1" 2>/dev/null | cut -c1-100; }

# timed ID [MEASURE OPTIONS] -- COMMAND...: one round of a row.
timed() {
    id=$1
    shift
    available "$id" || return 0
    line=$("$build/measure" "$@" 2>"$results/$id.err")
    case $line in
        *status=0) printf '%s\n' "$line" >>"$results/$id.runs" ;;
        *)
            na "$id" "not available: exit ${line##*status=}: $(first_error "$results/$id.err")"
            ;;
    esac
}

# probe ID OUTPUT COMMAND...: the check run on the first sets; a command that
# fails there makes the row "not available".
probe() {
    id=$1 output=$2
    shift 2
    available "$id" || return 1
    if ! "$@" >"$output" 2>"$results/$id.err"; then
        na "$id" "not available: $(first_error "$results/$id.err")"
        return 1
    fi
}

declare_rows() {
    sets=$data/sets-$BENCH_SETS
    for items in 1000 10000 100000; do
        file=$data/rules-$items.tkn
        lines=$(wc -l <"$file")
        bytes=$(wc -c <"$file")
        row "check-$items" compile "$items" "tenken check (${items%000}k items)" ""
        meta "check-$items" lines "$lines"
        meta "check-$items" bytes "$bytes"
        row "compile-$items" compile "$items" "tenken compile -o .tkc (${items%000}k items)" ""
        meta "compile-$items" lines "$lines"
        meta "compile-$items" bytes "$bytes"
    done
    row framework compile 1159 "tenken check (ISMAP-sized framework, 1,159 controls)" ""
    meta framework lines "$(wc -l <"$data/ismap-sized.tkn")"
    meta framework bytes "$(wc -c <"$data/ismap-sized.tkn")"
    row eval-jsonl evaluate "$BENCH_SETS" "tenken eval JSON Lines (1 thread)" ""
    meta eval-jsonl bytes "$(wc -c <"$sets.jsonl")"
    row eval-jsonl-j2 evaluate "$BENCH_SETS" "tenken eval JSON Lines (-j 2)" ""
    meta eval-jsonl-j2 bytes "$(wc -c <"$sets.jsonl")"
    row eval-yaml evaluate "$BENCH_SETS" "tenken eval YAML (1 thread)" ""
    meta eval-yaml bytes "$(wc -c <"$sets.yaml")"
    row eval-memory evaluate "$BENCH_SETS" "tenken from memory (tk_evaluate)" \
        "$memory_load sets loaded once and evaluated in turn; the library of this tree"
    row startup-rules startup "$startup_runs" "start-up: eval S0004 from the rule file" ""
    row startup-tkc startup "$startup_runs" "start-up: eval S0004 from a .tkc" ""
    row clips peers "$slice_clips" "CLIPS 6.30 (safe-use.clp)" \
        "facts converted from JSON Lines beforehand; load-facts + run"
    row json-rules-engine peers "$slice_node" "json-rules-engine (Node)" "JSON.parse + engine.run"
    row cel peers "$slice_node" "cel-js (Node)" "JSON.parse + 19 CEL expressions"
    row jq peers "$slice_jq" "jq program (score.jq)" ""
    row libyaml floors "$BENCH_SETS" "floor: libyaml parse of the YAML" "events only"
    meta libyaml bytes "$(wc -c <"$sets.yaml")"
    for floor in json-c jansson cJSON simdjson; do
        row "$floor" floors "$BENCH_SETS" "floor: $floor parse of the JSON Lines" ""
        meta "$floor" bytes "$(wc -c <"$sets.jsonl")"
    done
    meta simdjson note "DOM parse_many; whole file in memory"
    for id in clips json-rules-engine cel jq; do
        meta "$id" bytes "$(wc -c <"$data/slice-$(sed -n 's/^count=//p' "$results/$id.meta").jsonl")"
    done
}

prepare_rows() {
    first=$data/first-$check_sets
    # The totals every other row is checked against: tenken from YAML.
    probe eval-yaml "$results/eval-yaml.check" "$TENKEN" eval --format=csv "$rules" "$first.yaml"
    # shellcheck disable=SC2086 # the options are words
    probe eval-jsonl "$results/eval-jsonl.check" "$TENKEN" $TENKEN_JSONL "$rules" "$first.jsonl"
    # shellcheck disable=SC2086 # the options are words
    probe eval-jsonl-j2 "$results/eval-jsonl-j2.check" "$TENKEN" $TENKEN_JSONL_J2 "$rules" "$first.jsonl"
    if [ ! -x "$EVAL_MEMORY" ]; then
        na eval-memory "not available: $EVAL_MEMORY is not built (make bench builds it)"
    fi
    probe startup-tkc /dev/null "$TENKEN" compile "$rules" -o "$data/safe-use.tkc"

    if ! command -v clips >/dev/null 2>&1; then
        na clips "not available: $(absent clips)"
    elif command -v python3 >/dev/null 2>&1; then
        for count in "$check_sets" "$slice_clips"; do
            facts=$data/clips-$count.facts
            source_file=$data/slice-$count.jsonl
            [ "$count" = "$check_sets" ] && source_file=$first.jsonl
            fresh "$facts" "$source_file" "$bench/gen/clips_facts.py" || {
                python3 "$bench/gen/clips_facts.py" "$source_file" "$facts" &&
                    made "$facts" "$source_file" "$bench/gen/clips_facts.py"
            }
            printf '(load* "%s")\n(reset)\n(load-facts "%s")\n(run)\n(exit)\n' \
                "$bench/peers/safe-use.clp" "$facts" >"$data/clips-$count.clp"
        done
        if probe clips "$results/clips.raw" clips -f2 "$data/clips-$check_sets.clp"; then
            sort -n "$results/clips.raw" | cut -d' ' -f2- >"$results/clips.check"
        fi
    fi
    if why=$(npm_packages); then
        meta json-rules-engine version "$(node -p "require('$(cd "$node_dir" && pwd)/node_modules/json-rules-engine/package.json').version")"
        meta cel version "$(node -p "require('$(cd "$node_dir" && pwd)/node_modules/cel-js/package.json').version")"
        probe json-rules-engine "$results/json-rules-engine.check" node \
            "$bench/peers/json-rules-engine.mjs" "$node_dir" "$bench/peers/points.json" "$first.jsonl"
        probe cel "$results/cel.check" node \
            "$bench/peers/cel.mjs" "$node_dir" "$bench/peers/points.json" "$first.jsonl"
    else
        na json-rules-engine "not available: $why"
        na cel "not available: $why"
    fi
    if command -v jq >/dev/null 2>&1; then
        meta jq version "$(jq --version)"
        probe jq "$results/jq.check" jq -r --slurpfile table "$bench/peers/points.json" \
            -f "$bench/peers/score.jq" "$first.jsonl"
    else
        na jq "not available: $(absent jq)"
    fi

    floors=$bench/floors
    why=$(build yaml_parse c "$floors/yaml_parse.c" -lyaml) || na libyaml "not available: $why"
    installed libjson-c-dev || na json-c "not available: $(absent libjson-c-dev)"
    available json-c && { why=$(build jsonc_parse c "$floors/jsonc_parse.c" -ljson-c) || na json-c "not available: $why"; }
    installed libjansson-dev || na jansson "not available: $(absent libjansson-dev)"
    available jansson && { why=$(build jansson_parse c "$floors/jansson_parse.c" -ljansson) || na jansson "not available: $why"; }
    installed libcjson-dev || na cJSON "not available: $(absent libcjson-dev)"
    available cJSON && { why=$(build cjson_parse c "$floors/cjson_parse.c" -lcjson) || na cJSON "not available: $why"; }
    installed libsimdjson-dev || na simdjson "not available: $(absent libsimdjson-dev)"
    available simdjson && { why=$(build simdjson_parse c++ "$floors/simdjson_parse.cpp" -lsimdjson) || na simdjson "not available: $why"; }
    if ! cmp -s "$bench/peers/points.json" "$data/points.json" 2>/dev/null; then
        python3 "$bench/gen/sheet.py" "$rules" >"$data/points.json" 2>/dev/null
        cmp -s "$bench/peers/points.json" "$data/points.json" ||
            say "bench/peers/points.json differs from the rule file's options (python3 bench/gen/sheet.py $rules)"
    fi
}

# The YAML row. A tenken that reads whole files refuses one over 64 MiB;
# it is then given the same sets as files of 50,000 sets (about 30 MB) in
# one command, and the note says so.
yaml_inputs=
timed_yaml() {
    sets=$data/sets-$BENCH_SETS
    # shellcheck disable=SC2086 # the options are words; the parts' names have no blanks
    timed eval-yaml -- "$TENKEN" $TENKEN_YAML "$rules" ${yaml_inputs:-"$sets.yaml"}
    if [ -z "$yaml_inputs" ] && ! available eval-yaml &&
        grep -q 'larger than' "$results/eval-yaml.na"; then
        mkdir -p "$data/parts"
        [ -f "$data/parts/done" ] || {
            awk -v dir="$data/parts" '/^---$/ && documents++ % 50000 == 0 {
                    if (out) close(out)
                    out = sprintf("%s/part-%04d.yaml", dir, ++parts)
                }
                { print > out }' "$sets.yaml" && : >"$data/parts/done"
        }
        yaml_inputs=$(ls "$data"/parts/part-*.yaml)
        meta eval-yaml note "this tenken refuses files over 64 MiB: fed as $(echo "$yaml_inputs" | wc -l) files of 50,000 sets in one command"
        rm -f "$results/eval-yaml.na"
        timed_yaml
    fi
}

# One round of every measurement.
round() {
    sets=$data/sets-$BENCH_SETS
    for items in 1000 10000 100000; do
        timed "check-$items" -- "$TENKEN" check "$data/rules-$items.tkn"
        timed "compile-$items" -- "$TENKEN" compile "$data/rules-$items.tkn" -o "$data/rules-$items.tkc"
    done
    timed framework -- "$TENKEN" check "$data/ismap-sized.tkn"
    # shellcheck disable=SC2086 # the options are words
    timed eval-jsonl -- "$TENKEN" $TENKEN_JSONL "$rules" "$sets.jsonl"
    # shellcheck disable=SC2086 # the options are words
    timed eval-jsonl-j2 -- "$TENKEN" $TENKEN_JSONL_J2 "$rules" "$sets.jsonl"
    timed_yaml
    timed startup-rules -n "$startup_runs" -- "$TENKEN" eval "$rules" "$small_answers"
    timed startup-tkc -n "$startup_runs" -- "$TENKEN" eval "$data/safe-use.tkc" "$small_answers"
    timed clips -- clips -f2 "$data/clips-$slice_clips.clp"
    timed json-rules-engine -- node "$bench/peers/json-rules-engine.mjs" "$node_dir" \
        "$bench/peers/points.json" "$data/slice-$slice_node.jsonl"
    timed cel -- node "$bench/peers/cel.mjs" "$node_dir" "$bench/peers/points.json" \
        "$data/slice-$slice_node.jsonl"
    timed jq -- jq -r --slurpfile table "$bench/peers/points.json" -f "$bench/peers/score.jq" \
        "$data/slice-$slice_jq.jsonl"
    timed libyaml -o "$results/libyaml.out" -- "$build/yaml_parse" "$sets.yaml"
    timed json-c -o "$results/json-c.out" -- "$build/jsonc_parse" "$sets.jsonl"
    timed jansson -o "$results/jansson.out" -- "$build/jansson_parse" "$sets.jsonl"
    timed cJSON -o "$results/cJSON.out" -- "$build/cjson_parse" "$sets.jsonl"
    timed simdjson -o "$results/simdjson.out" -- "$build/simdjson_parse" "$sets.jsonl"
}

# From memory: the sets are loaded once and every round is timed inside.
memory_rows() {
    available eval-memory || return 0
    first=$data/first-$check_sets
    sets=$data/sets-$BENCH_SETS
    if ! line=$("$build/measure" -o "$results/eval-memory.out" -- "$EVAL_MEMORY" "$rules" \
        "$data/memory-$memory_load.yaml" "$memory_load" "$BENCH_SETS" "$BENCH_RUNS" "$results/eval-memory.check" \
        2>"$results/eval-memory.err") || [ "${line##*status=}" != 0 ]; then
        na eval-memory "not available: $(first_error "$results/eval-memory.err")"
        return 0
    fi
    meta eval-memory rss_kb "$(printf '%s\n' "$line" | sed 's/.*max_rss_kb=\([0-9]*\).*/\1/')"
}

# {=== main ===}

install_packages
if ! command -v python3 >/dev/null 2>&1; then
    say "python3 is needed to generate the data and print the table: $(absent python3)"
    exit 2
fi
if ! why=$(build measure c "$bench/measure.c"); then
    say "bench/measure.c $why"
    exit 2
fi
if [ ! -x "$TENKEN" ] && ! command -v "$TENKEN" >/dev/null 2>&1; then
    say "no tenken at $TENKEN (build it with make, or set TENKEN)"
    exit 2
fi
"$TENKEN" --version 2>/dev/null | head -n 1 >"$results/tenken-version"
generate_data || {
    say "could not generate the data"
    exit 2
}
declare_rows
prepare_rows
say "measuring: $BENCH_RUNS rounds over $BENCH_SETS answer sets"
# Other work on the machine skews the figures (-j 2 most): the CPU time of
# the whole machine and of this script's children, at the start and the end,
# tell report.py how much of the machine others used meanwhile.
cpu_mark() { { times; head -n 1 /proc/stat; } >"$results/cpu-$1" 2>/dev/null; }
cpu_mark start
memory_rows
run=1
while [ "$run" -le "$BENCH_RUNS" ]; do
    say "round $run of $BENCH_RUNS"
    round
    run=$((run + 1))
done
cpu_mark end
python3 "$bench/report.py" "$results" "$BENCH_RUNS" "$TENKEN"
