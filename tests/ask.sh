#!/bin/sh
# tests/ask.sh — `tenken ask` in a real pseudo-terminal (tmux: send-keys and
# capture-pane): the whole safe-use sheet answered as S0004 answered it, by
# number, label, key and points, evaluating to 38/45; Ctrl-C after five
# answers and --resume that loses none and goes on at item 6; and the
# scripted mode, without a terminal, fed by a here-document, which also
# resumes a file whose note only YAML's escapes can carry and saves it so
# that eval reads the note back byte for byte. The tmux cases are skipped
# when tmux is not installed.
. "$(dirname "$0")/lib.sh"

cd "$top_srcdir" || exit 99
rules=rules/cloud-safe-use/safe-use.tkn

# total FILE: "TOTAL/MAX" of an answer file.
total() {
    run_tenken eval --format=jsonl "$rules" "$1" 2>/dev/null |
        sed -n 's/.*"values":{"total":\([0-9]*\),"max":\([0-9]*\).*/\1\/\2/p'
}

# S0004's answers, one reply each, in the many forms a reply may take.
s0004_replies='1
確認中
confirmed
問題がないことを確認済
in_progress
3点
1
all
2
未確認
1
ヘルプデスクあり
2p
確認した
2'

# {=== without a terminal ===}

printf '%s\n' "$s0004_replies" >"$scratch/replies"
run_tenken ask "$rules" -o "$scratch/scripted.yaml" <<EOF >"$scratch/transcript" 2>&1
?
not an answer
$(cat "$scratch/replies")
EOF
status=$?
if [ "$status" -eq 0 ]; then ok "scripted: exits 0"; else
    not_ok "scripted: exits 0" "$scratch/transcript"
fi
echo 38/45 >"$scratch/expected.total"
total "$scratch/scripted.yaml" >"$scratch/got.total"
same "scripted: the answers evaluate to 38/45" "$scratch/expected.total" "$scratch/got.total"
check "scripted: every question is asked" grep -q '^\[15/15\] safe_use 15' "$scratch/transcript"
check "scripted: ? shows the help" grep -q 's: この質問を飛ばす' "$scratch/transcript"
check "scripted: a reply that is no option is refused" grep -q "'not an answer': 選択肢にありません" \
    "$scratch/transcript"
check "scripted: the report ends the session" grep -q 'value total *38' "$scratch/transcript"
run_tenken eval "$rules" "$scratch/scripted.yaml" >/dev/null 2>"$scratch/err"
: >"$scratch/empty"
same "scripted: the answer file reads without a diagnostic" "$scratch/empty" "$scratch/err"

printf 's\nq\n' | run_tenken ask "$rules" -o "$scratch/skip.yaml" >"$scratch/out" 2>&1
check "scripted: s skips to the next question" grep -q '^\[2/15\]' "$scratch/out"
check "scripted: q saves and says how to go on" grep -q -- "--resume $scratch/skip.yaml" "$scratch/out"
run_tenken ask "$rules" -o "$scratch/skip.yaml" </dev/null >/dev/null 2>&1
status=$?
if [ "$status" -eq 2 ]; then ok "an existing file is not overwritten without --resume"; else
    not_ok "an existing file is not overwritten without --resume"
fi

# {=== a note that only YAML's escapes can carry ===}

# A resumed file's note and evidence hold what YAML writes only escaped (DEL,
# NEL, U+2028, U+2029, a byte order mark, controls) and what YAML would read
# as markup; ask saves them, and eval reads them back byte for byte.
cat >"$scratch/noted.yaml" <<'EOF'
tenken: 1
rules: cloud.safe_use
answers:
  safe_use:
    "1":
      answer: すべて明確化できている
      note: "DEL\x7F NEL\N LS\L PS\P tab\t cr\r lf\n esc\e[31m bom\uFEFF 𠮷 \"q\" 's' \\ - a: b # c ~"
      evidence: "\uFEFF\x01\x1F\u202E\x9B null"
EOF
printf 'DEL\177 NEL\302\205 LS\342\200\250 PS\342\200\251 tab\t cr\r lf\n esc\033[31m bom\357\273\277 𠮷 "q" '"'s'"' \\ - a: b # c ~' \
    >"$scratch/expected.note"
printf '\357\273\277\001\037\342\200\256\302\233 null' >"$scratch/expected.evidence"
printf '1\nq\n' | run_tenken ask "$rules" --resume "$scratch/noted.yaml" >"$scratch/out" 2>&1
check "escapes: ask saves the resumed file" grep -q '^    "2": ' "$scratch/noted.yaml"
run_tenken eval "$rules" "$scratch/noted.yaml" >/dev/null 2>"$scratch/err"
same "escapes: the saved file reads without a diagnostic" "$scratch/empty" "$scratch/err"
if command -v jq >/dev/null 2>&1; then
    run_tenken eval --format=json "$rules" "$scratch/noted.yaml" 2>/dev/null >"$scratch/noted.json"
    jq -j '[.. | objects | select(has("note")) | .note][0] // empty' "$scratch/noted.json" \
        >"$scratch/got.note"
    jq -j '[.. | objects | select(has("evidence")) | .evidence][0] // empty' \
        "$scratch/noted.json" >"$scratch/got.evidence"
    same "escapes: the note reads back byte for byte" "$scratch/expected.note" "$scratch/got.note"
    same "escapes: the evidence reads back byte for byte" "$scratch/expected.evidence" \
        "$scratch/got.evidence"
else
    echo "# SKIP jq is not installed: the note is not compared"
fi

# {=== a fact with bounds ===}

cat >"$scratch/bounds.tkn" <<'EOF'
tenken 1
module ask.bounds

fact outage_minutes : number in 0 .. 44640 whole "月間の停止時間（分）"

scale yes_no {
  yes 1 "はい"
  no  0 "いいえ"
}

checklist sla {
  scale yes_no
  item "1" "停止の原因を報告した" { only when outage_minutes > 0 }
}
EOF
run_tenken ask "$scratch/bounds.tkn" -o "$scratch/bounds.yaml" <<EOF >"$scratch/bounds.out" 2>&1
44641
2.5
45
1
EOF
check "bounds: the question names the range" \
    grep -q 'fact outage_minutes (a whole number in 0 .. 44640)' "$scratch/bounds.out"
check "bounds: a value above the range is refused" grep -q "'44641': " "$scratch/bounds.out"
check "bounds: a value that is not whole is refused" grep -q "'2.5': " "$scratch/bounds.out"
check "bounds: a value in the range is saved" grep -q 'outage_minutes: 45' "$scratch/bounds.yaml"

# {=== in a terminal ===}

if ! command -v tmux >/dev/null 2>&1; then
    echo "# SKIP tmux is not installed: the terminal sessions are not run"
    done_testing
    exit $?
fi

socket="$scratch/tmux.sock"
tm() { TERM=xterm tmux -u -S "$socket" "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$scratch"' EXIT

# start NAME ARGS...: tenken ask ARGS in a new tmux session NAME; the pane
# stays after tenken ends, showing EXIT=status.
start() {
    session=$1
    shift
    tm new-session -d -s "$session" -x 200 -y 50 \
        "env NO_COLOR=1 LC_ALL=C.UTF-8 '$TENKEN' ask $* ; echo EXIT=\$?; sleep 600"
}

# wait_for SESSION TEXT: until the pane (with its history) shows TEXT; 20 s at most.
wait_for() {
    tries=0
    while [ "$tries" -lt 200 ]; do
        tm capture-pane -p -J -S - -t "$1" >"$scratch/pane" 2>/dev/null
        grep -qF -- "$2" "$scratch/pane" && return 0
        sleep 0.1
        tries=$((tries + 1))
    done
    return 1
}

# answer SESSION FIRST LAST: reply to questions FIRST..LAST from s0004_replies.
answer() {
    number=$2
    while [ "$number" -le "$3" ]; do
        wait_for "$1" "[$number/15]" || return 1
        reply=$(printf '%s\n' "$s0004_replies" | sed -n "${number}p")
        tm send-keys -t "$1" -l "$reply"
        tm send-keys -t "$1" Enter
        number=$((number + 1))
    done
}

start full "$rules" -o "$scratch/full.yaml"
if answer full 1 15 && wait_for full "EXIT=0"; then ok "terminal: all 15 questions answered"; else
    not_ok "terminal: all 15 questions answered" "$scratch/pane"
fi
total "$scratch/full.yaml" >"$scratch/got.total"
same "terminal: the answers evaluate to 38/45" "$scratch/expected.total" "$scratch/got.total"

start part "$rules" -o "$scratch/part.yaml"
answer part 1 5 && wait_for part "[6/15]"
tm send-keys -t part C-c
if wait_for part "EXIT=130"; then ok "terminal: Ctrl-C ends the session with status 130"; else
    not_ok "terminal: Ctrl-C ends the session with status 130" "$scratch/pane"
fi
check "terminal: Ctrl-C says how to resume" grep -qF -- "--resume $scratch/part.yaml" "$scratch/pane"
cat >"$scratch/expected.part" <<'EOF'
    "1": "すべて明確化できている"
    "2": "確認中"
    "3": "確認した"
    "4": "問題がないことを確認済"
    "5": "確認中"
EOF
grep '^    "' "$scratch/part.yaml" >"$scratch/got.part" 2>/dev/null
same "terminal: the five answers are in the file" "$scratch/expected.part" "$scratch/got.part"
if ls "$scratch"/.tenken-save-* >/dev/null 2>&1; then
    not_ok "terminal: no temporary file is left behind"
else
    ok "terminal: no temporary file is left behind"
fi

start resumed "$rules" --resume "$scratch/part.yaml"
if wait_for resumed "[6/15] safe_use 6" && ! grep -qF "[5/15]" "$scratch/pane"; then
    ok "terminal: --resume goes on at item 6"
else
    not_ok "terminal: --resume goes on at item 6" "$scratch/pane"
fi
if answer resumed 6 15 && wait_for resumed "EXIT=0"; then ok "terminal: the resumed session ends"; else
    not_ok "terminal: the resumed session ends" "$scratch/pane"
fi
total "$scratch/part.yaml" >"$scratch/got.total"
same "terminal: the resumed file evaluates to 38/45" "$scratch/expected.total" "$scratch/got.total"
tm kill-server >/dev/null 2>&1
done_testing
