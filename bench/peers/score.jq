# score.jq — the safe-use check sheet as a jq program.
#
#   jq -r --slurpfile table points.json -f score.jq FILE.jsonl
#
# For each answer set (one a line): each item's answer → its points by the
# table (label → points per item, aliases included), the section subtotals,
# and the total. Prints "TOTAL SUBTOTAL…" per set, as the other peers do.
$table[0] as $t
| .answers[$t.checklist] as $answers
| [ $t.sections | to_entries[] | [ .value[] | $t.points[.][$answers[.]] ] | add ] as $subtotals
| "\($subtotals | add) \($subtotals | map(tostring) | join(" "))"
