#!/bin/sh
# tests/batch.sh — batch evaluation: JSON Lines read by the fast reader give
# exactly what the general (libyaml) reader gives for the same JSON, line by
# line, answers and diagnostics alike; YAML streams and JSON Lines of the
# same sets give the same register; -j N gives byte for byte what one thread
# gives, diagnostics and --require messages included, in input order, also
# when its ring of batches goes round many times (with no data race in a
# ThreadSanitizer build); a stream is read in constant memory; .jsonl/.ndjson
# and --input=jsonl.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
rules=rules/cloud-safe-use/safe-use.tkn
data=tests/batch

# {=== the fast reader and the general reader agree ===}

line_number=0
while IFS= read -r line; do
    line_number=$((line_number + 1))
    printf '%s\n' "$line" >"$scratch/set.jsonl"
    printf '%s\n' "$line" >"$scratch/set.json"
    run_tenken eval --format=jsonl "$rules" "$scratch/set.jsonl" >"$scratch/fast.out" \
        2>"$scratch/fast.err"
    echo $? >>"$scratch/fast.err"
    run_tenken eval --format=jsonl "$rules" "$scratch/set.json" >"$scratch/general.out" \
        2>"$scratch/general.err"
    echo $? >>"$scratch/general.err"
    # The two differ only in the file's name and in "source".
    sed 's/set\.jsonl/SET/g; s/"source":{[^}]*},//' "$scratch/fast.out" >"$scratch/a"
    sed 's/set\.json/SET/g; s/"source":{[^}]*},//' "$scratch/general.out" >"$scratch/b"
    same "parity.jsonl line $line_number: the same answer set" "$scratch/b" "$scratch/a"
    sed 's/set\.jsonl/SET/g' "$scratch/fast.err" >"$scratch/a"
    sed 's/set\.json/SET/g' "$scratch/general.err" >"$scratch/b"
    same "parity.jsonl line $line_number: the same diagnostics" "$scratch/b" "$scratch/a"
done <"$data/parity.jsonl"

run_tenken eval --format=jsonl "$rules" "$data/escapes.jsonl" >"$scratch/out" 2>"$scratch/err"
jq -r '.subject' "$scratch/out" >"$scratch/got" 2>&1
printf '%s\n' 'escapes あ 😀 "q" \ /' >"$scratch/want"
same "JSON escapes, a surrogate pair included, are decoded (RFC 8259)" "$scratch/want" "$scratch/got"

# Invalid UTF-8 in a label or in the subject: reported at its line and column,
# and the lines after it are still evaluated.
printf '{"subject":"ok","answers":{"safe_use":{"1":"\347\242\272\377"}}}\n{"subject":"bad \377","answers":{}}\n{"subject":"fine"}\n' \
    >"$scratch/bad.jsonl"
run_tenken eval --format=csv "$rules" "$scratch/bad.jsonl" >"$scratch/out" 2>"$scratch/err"
grep -o '^[^ ]*bad.jsonl:[0-9]*:[0-9]*: error\[TK0001\]' "$scratch/err" | sed 's/.*bad.jsonl/bad.jsonl/' \
    >"$scratch/got"
printf 'bad.jsonl:1:47: error[TK0001]\nbad.jsonl:2:17: error[TK0001]\n' >"$scratch/want"
same "invalid UTF-8 in a JSON line is reported where it is" "$scratch/want" "$scratch/got"
if grep -q '^,fine,' "$scratch/out"; then ok "the line after it is evaluated"
else not_ok "the line after it is evaluated" "$scratch/out"; fi

# {=== the same sets as YAML and as JSON Lines ===}

# 300 answer sets, the safe-use options rotated, as a YAML stream and as JSON Lines.
awk 'BEGIN {
    split("確認した|確認中|まだ確認していない|わからない|未確認", confirm, "|")
    for (n = 0; n < 300; n++) {
        printf "---\nsubject: \"S%04d\"\nanswers:\n  safe_use:\n", n > "'"$scratch"'/sets.yaml"
        line = sprintf("{\"subject\": \"S%04d\", \"answers\": {\"safe_use\": {", n)
        for (item = 2; item <= 3; item++) {
            answer = confirm[(n + item) % 5 + 1]
            printf "    \"%d\": %s\n", item, answer > "'"$scratch"'/sets.yaml"
            line = line sprintf("%s\"%d\": \"%s\"", item > 2 ? ", " : "", item, answer)
        }
        if (n % 7 == 0) { # an answer that is no option, now and then
            printf "    \"5\": 確認したい\n" > "'"$scratch"'/sets.yaml"
            line = line ", \"5\": \"確認したい\""
        }
        print line "}}}" > "'"$scratch"'/sets.jsonl"
    }
}'
run_tenken eval --format=csv "$rules" "$scratch/sets.yaml" >"$scratch/yaml.csv" 2>/dev/null
run_tenken eval --format=csv "$rules" "$scratch/sets.jsonl" >"$scratch/jsonl.csv" 2>/dev/null
same "a YAML stream and JSON Lines of the same sets give the same register" \
    "$scratch/yaml.csv" "$scratch/jsonl.csv"
cp "$scratch/sets.jsonl" "$scratch/sets.ndjson"
run_tenken eval --format=csv "$rules" "$scratch/sets.ndjson" >"$scratch/out" 2>/dev/null
same ".ndjson is JSON Lines too" "$scratch/jsonl.csv" "$scratch/out"
run_tenken eval --format=csv --input=jsonl "$rules" - <"$scratch/sets.jsonl" >"$scratch/out" \
    2>/dev/null
same "--input=jsonl reads standard input" "$scratch/jsonl.csv" "$scratch/out"

# {=== -j N: the same output, in input order ===}

for format in text csv jsonl md; do
    for file in sets.yaml sets.jsonl; do
        run_tenken eval --format=$format --require=safe_use.total "$rules" "$scratch/$file" \
            >"$scratch/one.out" 2>"$scratch/one.err"
        echo $? >>"$scratch/one.err"
        for jobs in 2 3; do
            run_tenken eval --format=$format --require=safe_use.total -j $jobs "$rules" \
                "$scratch/$file" >"$scratch/many.out" 2>"$scratch/many.err"
            echo $? >>"$scratch/many.err"
            same "-j $jobs, $format from $file: the same reports" "$scratch/one.out" \
                "$scratch/many.out"
            same "-j $jobs, $format from $file: the same diagnostics and status" \
                "$scratch/one.err" "$scratch/many.err"
        done
    done
done
run_tenken eval -j 2 --format=csv "$rules" "$scratch/sets.jsonl" "$scratch/sets.yaml" \
    >"$scratch/out" 2>/dev/null
{ cat "$scratch/jsonl.csv"; sed 1d "$scratch/yaml.csv"; } >"$scratch/want"
same "-j 2 over two files keeps the order of the files" "$scratch/want" "$scratch/out"
expect_usage() {
    if run_tenken eval "$@" "$rules" "$scratch/sets.jsonl" >/dev/null 2>"$scratch/err"; then
        not_ok "eval $*: a usage error"
    else
        [ $? -eq 2 ] && ok "eval $*: a usage error" || not_ok "eval $*: a usage error" "$scratch/err"
    fi
}
expect_usage -j 0
expect_usage --jobs=many
expect_usage --input=xml

# {=== -j N: the ring of batches goes round ===}

# 10,000 sets are 40 batches of 256, more than the ring holds with -j 3 (12
# batches) or -j 8 (32): the main thread writes and frees batches while the
# workers look for the next one to take. In a ThreadSanitizer build
# (./configure --enable-sanitizers=thread) a data race between them is
# reported on standard error and tenken exits 66.
awk 'BEGIN {
    split("確認した|確認中|まだ確認していない|わからない|未確認", confirm, "|")
    for (n = 0; n < 10000; n++) {
        line = sprintf("{\"subject\": \"R%05d\", \"answers\": {\"safe_use\": {", n)
        for (item = 2; item <= 3; item++)
            line = line sprintf("%s\"%d\": \"%s\"", item > 2 ? ", " : "", item,
                                confirm[(n + item) % 5 + 1])
        if (n % 7 == 0) line = line ", \"5\": \"確認したい\"" # no option: a diagnostic
        print line "}}}"
    }
}' >"$scratch/ring.jsonl"
for format in jsonl text; do
    run_tenken eval --format=$format --require=safe_use.total "$rules" "$scratch/ring.jsonl" \
        >"$scratch/one.out" 2>"$scratch/one.err"
    echo $? >>"$scratch/one.err"
    for jobs in 3 8; do
        run_tenken eval --format=$format --require=safe_use.total -j $jobs "$rules" \
            "$scratch/ring.jsonl" >"$scratch/many.out" 2>"$scratch/many.err"
        echo $? >>"$scratch/many.err"
        if grep -q 'ThreadSanitizer' "$scratch/many.err"; then
            sed -n '/WARNING: ThreadSanitizer/,/SUMMARY: ThreadSanitizer/p' "$scratch/many.err" \
                >"$scratch/race"
            not_ok "-j $jobs, $format of 10,000 sets: no data race" "$scratch/race"
        else
            ok "-j $jobs, $format of 10,000 sets: no data race"
        fi
        same "-j $jobs, $format of 10,000 sets: the same reports" "$scratch/one.out" \
            "$scratch/many.out"
        same "-j $jobs, $format of 10,000 sets: the same diagnostics and status" \
            "$scratch/one.err" "$scratch/many.err"
    done
done

# {=== constant memory ===}

# 100,000 sets (56 MB, more than a file may be when read whole) are read in a
# few megabytes: the peak resident size stays under 32 MiB.
awk 'BEGIN { for (n = 0; n < 100000; n++)
    printf "{\"tenken\":1,\"subject\":\"S%06d クラウドサービス\",\"assessed\":\"2025-01-15\",\"answers\":{\"safe_use\":{\"1\":\"すべて明確化できている\",\"2\":\"確認中\",\"3\":\"確認した\",\"4\":\"問題がないことを確認済\",\"5\":\"確認中\",\"6\":\"すべて確認済（約款添付）\",\"7\":\"担当者アサイン済\",\"8\":\"すべて管理できている\",\"9\":\"一部管理できている\",\"10\":\"未確認\",\"11\":\"すべて具体的に公開されている\",\"12\":\"ヘルプデスクあり\",\"13\":\"確認中\",\"14\":\"確認した\",\"15\":\"確認中\"}}}\n", n }' \
    >"$scratch/many.jsonl"
python3 - "$TENKEN" "$rules" "$scratch/many.jsonl" >"$scratch/rss" 2>&1 <<'PY'
import resource, subprocess, sys
with open("/dev/null", "w") as sink:
    status = subprocess.call([sys.argv[1], "eval", "--format=csv", sys.argv[2], sys.argv[3]],
                             stdout=sink)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB
print(status, peak)
PY
read -r status peak <"$scratch/rss"
if [ -n "${SANITIZER_CFLAGS:-}" ]; then
    # AddressSanitizer's shadow memory and quarantine grow with the work done.
    tap_count=$((tap_count + 1))
    echo "ok $tap_count - 100,000 JSON lines are read in constant memory # SKIP built with sanitizers"
elif [ "$status" = 0 ] && [ "$peak" -lt 32768 ]; then
    ok "100,000 JSON lines are read in constant memory (peak ${peak} KiB)"
else
    not_ok "100,000 JSON lines are read in constant memory" "$scratch/rss"
fi
done_testing
