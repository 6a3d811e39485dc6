#!/usr/bin/env python3
"""clips_facts.py — convert answer sets from JSON Lines to CLIPS facts.

usage: clips_facts.py FILE.jsonl OUT.facts

For bench/peers/safe-use.clp: for the N-th set (from 1), a (sheet (set N))
fact and one (answer (set N) (item "ID") (label "…")) fact per answer, in a
file CLIPS reads with load-facts. Done before CLIPS is timed: the benchmark
measures CLIPS's rules, not a JSON reader it does not have.
"""

import json
import sys


def clips_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: clips_facts.py FILE.jsonl OUT.facts")
    with open(sys.argv[1], encoding="utf-8") as source, \
            open(sys.argv[2], "w", encoding="utf-8") as out:
        for number, line in enumerate(source, 1):
            answer_set = json.loads(line)
            out.write(f"(sheet (set {number}))\n")
            for checklist in answer_set["answers"].values():
                for item, label in checklist.items():
                    out.write(f"(answer (set {number}) (item {clips_string(item)}) "
                              f"(label {clips_string(label)}))\n")


if __name__ == "__main__":
    main()
