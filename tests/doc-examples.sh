#!/bin/sh
# tests/doc-examples.sh — the manual's examples are tests (as jq tests its
# manual). Fenced blocks in the documents below are extracted with awk and run
# in a scratch directory; the format is defined in the introduction of
# doc/language.md ("How to read the examples"):
#
#   ```tenken             a complete rule file, saved as example.tkn; it must
#                         pass `tenken check` with no output (exit 0)
#   ```tenken file=F      a module the next examples import, saved as F and
#                         checked on its own
#   ```tenken-error       a rule file that `tenken check` must reject (exit 1)
#   ```tenken-test        a rule file with test blocks, saved as example.tkn;
#                         the ```output blocks after it give the exact standard
#                         output of `tenken test OPTIONS... example.tkn`, each
#                         run on its own (status=N in the info string: the
#                         exit status of every run, 0 by default)
#   ```diagnostics        right after one of the above, or after an answer
#                         file or its output: the exact standard error
#                         (status=N in the info string overrides the status)
#   ```yaml / ```json / ```jsonl
#                         an answer file (answers.yaml / .json / .jsonl) for the
#                         last rule file (```tenken or ```tenken-test)
#   ```output OPTIONS...  right after an answer file: the exact standard output
#                         of `tenken eval --color=never OPTIONS example.tkn
#                         answers.yaml`; after a ```tenken-test block (or an
#                         ```output block that follows one): the exact standard
#                         output of `tenken test --color=never OPTIONS
#                         example.tkn`
#   ```yaml file=F        an answer file saved as F for a later ```map block
#   ```map ARGS...        the exact standard output of `tenken map
#                         --color=never ARGS...` in the scratch directory
#                         (status=N: its exit status, 0 by default)
#
# Every other block (```text, ```sh, …) is prose and not run. Each example is
# one TAP test named after the document, its number and the heading above it.
# TENKEN_PATH is the source tree, so `import stdlib.scales` finds stdlib/ as an
# installed tenken finds it in its data directory.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

documents="doc/language.md doc/answers.md doc/result-format.md doc/cli.md doc/diagnostics.md doc/reports.md
doc/mappings.md"
TENKEN_PATH=$(cd "$top_srcdir" && pwd)
export TENKEN_PATH

# extract DOC DIR: write every fenced block of DOC to DIR/N and a manifest
# DIR/manifest of "N<TAB>heading<TAB>info string" lines, in document order.
extract() {
    mkdir -p "$2"
    awk -v dir="$2" '
        BEGIN { heading = "(top)"; count = 0; inside = 0 }
        inside && /^```[ \t]*$/ { inside = 0; close(file); next }
        inside { print > file; next }
        /^```/ {
            inside = 1; count++
            info = substr($0, 4)
            sub(/^[ \t]+/, "", info); sub(/[ \t]+$/, "", info)
            file = dir "/" count
            printf "" > file
            printf "%d\t%s\t%s\n", count, heading, info > (dir "/manifest")
            next
        }
        /^#+[ \t]/ { heading = $0; sub(/^#+[ \t]+/, "", heading); gsub(/[#\t]/, " ", heading) }
        END { if (inside) { print "unterminated code block" > "/dev/stderr"; exit 1 } }
    ' "$1"
}

# word_value INFO KEY: the value of KEY=VALUE among the words of INFO.
word_value() {
    for word in $1; do
        case $word in "$2"=*) echo "${word#*=}"; return ;; esac
    done
}

# The example being assembled: its kind (check, eval or test), the command
# that runs it, what it expects, and its name.
pending=""

start_example() {
    pending=$1 pending_name=$2 pending_file=$3 pending_status=$4 pending_options=$5
    expected_out="" expected_err=""
}

# finish: run the pending example and compare what it printed and returned.
finish() {
    [ -n "$pending" ] || return 0
    if [ "$pending" = check ]; then
        (cd "$work" && run_tenken check "$pending_file") >"$scratch/out" 2>"$scratch/err"
    elif [ "$pending" = map ]; then
        # shellcheck disable=SC2086
        (cd "$work" && run_tenken map --color=never $pending_options) \
            >"$scratch/out" 2>"$scratch/err"
    elif [ "$pending" = test ]; then
        # shellcheck disable=SC2086
        (cd "$work" && run_tenken test --color=never $pending_options "$pending_file") \
            >"$scratch/out" 2>"$scratch/err"
    else
        # shellcheck disable=SC2086
        (cd "$work" && run_tenken eval --color=never $pending_options example.tkn \
            "$pending_file") >"$scratch/out" 2>"$scratch/err"
    fi
    echo $? >"$scratch/status"
    : >"$scratch/detail"
    [ -n "$expected_err" ] || : >"$scratch/empty.err"
    expected_err_file=${expected_err:-$scratch/empty.err}
    if [ -n "$pending_status" ]; then
        status=$pending_status
    elif [ -n "$expected_err" ] && grep -q 'error\[TK' "$expected_err"; then
        status=1
    else
        status=0
    fi
    if [ "$(cat "$scratch/status")" != "$status" ]; then
        echo "exit status $(cat "$scratch/status"), expected $status" >>"$scratch/detail"
    fi
    diff -u "$expected_err_file" "$scratch/err" >>"$scratch/detail"
    [ -z "$expected_out" ] || diff -u "$expected_out" "$scratch/out" >>"$scratch/detail"
    if [ "$pending" = eval ] && [ -z "$expected_out" ] && [ -z "$expected_err" ]; then
        echo "an answer file needs an \`\`\`output or \`\`\`diagnostics block after it" \
            >>"$scratch/detail"
    fi
    if [ "$pending" = test ] && [ -z "$expected_out" ]; then
        echo "a \`\`\`tenken-test block needs an \`\`\`output block after it" >>"$scratch/detail"
    fi
    if [ "$pending" = check ] && [ "$pending_status" = 1 ] && [ -z "$expected_err" ]; then
        echo "a \`\`\`tenken-error block needs a \`\`\`diagnostics block after it" \
            >>"$scratch/detail"
    fi
    if [ -s "$scratch/detail" ]; then not_ok "$pending_name" "$scratch/detail"; else ok "$pending_name"; fi
    pending=""
}

# bad_block NAME MESSAGE: a block that breaks the format fails on its own.
bad_block() {
    finish
    echo "$2" >"$scratch/detail"
    not_ok "$1" "$scratch/detail"
}

for document in $documents; do
    test_chain=""
    doc_name=$(basename "$document")
    blocks="$scratch/blocks-$doc_name"
    work="$scratch/work-$doc_name"
    mkdir -p "$work"
    if ! extract "$top_srcdir/$document" "$blocks" 2>"$scratch/detail"; then
        not_ok "$doc_name: extracting the examples" "$scratch/detail"
        continue
    fi
    [ -f "$blocks/manifest" ] || continue
    tab=$(printf '\t')
    while IFS="$tab" read -r number heading info; do
        kind=${info%% *}
        options=""
        case $info in *" "*) options=${info#* } ;; esac
        # Output and diagnostics blocks after a ```tenken-test block belong to it.
        case $kind in
        tenken-test) test_chain=yes ;;
        output | diagnostics) ;;
        *) test_chain="" ;;
        esac
        name="$doc_name $number: $heading"
        case $kind in
        tenken)
            finish
            file=$(word_value "$options" file)
            cp "$blocks/$number" "$work/${file:-example.tkn}"
            start_example check "$name" "${file:-example.tkn}" "" ""
            ;;
        tenken-error)
            finish
            cp "$blocks/$number" "$work/example.tkn"
            start_example check "$name" example.tkn 1 ""
            ;;
        tenken-test)
            finish
            cp "$blocks/$number" "$work/example.tkn"
            test_status=$(word_value "$options" status)
            test_status=${test_status:-0}
            start_example test "$name" example.tkn "$test_status" ""
            ;;
        yaml | json | jsonl)
            finish
            file=$(word_value "$options" file)
            if [ -n "$file" ]; then # an answer file for a later ```map block
                cp "$blocks/$number" "$work/$file"
                continue
            fi
            cp "$blocks/$number" "$work/answers.$kind"
            start_example eval "$name" "answers.$kind" "" ""
            ;;
        map)
            finish
            map_status=$(word_value "$options" status)
            start_example map "$name" "" "${map_status:-0}" \
                "$(printf '%s\n' $options | grep -v '^status=' | tr '\n' ' ')"
            expected_out="$blocks/$number"
            ;;
        output)
            # Another output after a test's output runs tenken test again.
            if [ "$pending" = test ] && [ -n "$expected_out" ]; then
                finish
                start_example test "$name" example.tkn "$test_status" ""
            elif [ -z "$pending" ] && [ "$test_chain" = yes ]; then
                start_example test "$name" example.tkn "$test_status" ""
            fi
            if { [ "$pending" != eval ] && [ "$pending" != test ]; } || [ -n "$expected_out" ]; then
                bad_block "$name" "an \`\`\`output block must follow an answer file or a \`\`\`tenken-test block"
                continue
            fi
            pending_options=$options
            expected_out="$blocks/$number"
            ;;
        diagnostics)
            if [ -z "$pending" ] || [ -n "$expected_err" ]; then
                bad_block "$name" "a \`\`\`diagnostics block must follow an example"
                continue
            fi
            expected_err="$blocks/$number"
            status=$(word_value "$options" status)
            [ -z "$status" ] || pending_status=$status
            finish
            ;;
        *)
            finish
            ;;
        esac
    done <"$blocks/manifest"
    finish
done
done_testing
