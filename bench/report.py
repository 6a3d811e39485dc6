#!/usr/bin/env python3
"""report.py — print bench/run.sh's measurements as one table.

usage: report.py RESULTS_DIR RUNS TENKEN

RESULTS_DIR holds, per row ID: ID.meta (section, count, what, note, bytes,
lines), ID.runs (one `measure` line per round), ID.na (why the row is not
available), ID.check (its output for the first 1,000 answer sets: tenken's CSV
register, or "TOTAL SUBTOTAL…" lines), ID.out (a floor's "sets=N bytes=B", or
eval_memory's line). Prints the table (Markdown, one line per measurement),
the ratios between rows taken round by round, and each goal of issue 8 with
"met" or "missed by N×".
"""

import csv
import os
import statistics
import sys

SECTIONS = ["compile", "evaluate", "startup", "peers", "floors"]
SECTION_TITLES = {"compile": "compile", "evaluate": "evaluate", "startup": "start-up",
                  "peers": "peers on the same work", "floors": "floors: parsing only"}
ORDER = ["check-1000", "check-10000", "check-100000", "compile-1000", "compile-10000",
         "compile-100000", "framework", "eval-jsonl", "eval-jsonl-j2", "eval-yaml", "eval-memory",
         "startup-rules", "startup-tkc", "clips", "json-rules-engine", "cel", "jq", "libyaml",
         "json-c", "jansson", "cJSON", "simdjson"]
# The CSV columns of the safe-use sheet's total and section subtotals.
SCORE_COLUMNS = ["安全利用チェックレベル評価点", "Ⅰ．サービス選択時のポイント",
                 "Ⅱ．サービス運用時のポイント", "Ⅲ．セキュリティ管理のポイント"]
TENKEN_ROWS = {"eval-jsonl", "eval-jsonl-j2", "eval-yaml", "eval-memory"}
CHECKED_ROWS = TENKEN_ROWS | {"clips", "json-rules-engine", "cel", "jq"}


def read_pairs(path):
    pairs = {}
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            key, _, value = line.rstrip("\n").partition("=")
            pairs[key] = value
    return pairs


def measure_line(line):
    return {key: value for key, _, value in (part.partition("=") for part in line.split())}


class Row:
    def __init__(self, results, ident):
        self.id = ident
        base = os.path.join(results, ident)
        self.meta = read_pairs(base + ".meta")
        self.count = int(self.meta.get("count", 0))
        self.bytes = int(self.meta["bytes"]) if "bytes" in self.meta else None
        self.lines = int(self.meta["lines"]) if "lines" in self.meta else None
        self.na = self.mismatch = None
        if os.path.exists(base + ".na"):
            with open(base + ".na", encoding="utf-8") as stream:
                self.na = stream.read().strip()
        self.times, self.rss_kb = [], None
        if os.path.exists(base + ".runs"):
            with open(base + ".runs", encoding="utf-8") as stream:
                runs = [measure_line(line) for line in stream if line.strip()]
            self.times = [float(run["median_s"]) for run in runs]
            self.rss_kb = max(int(run["max_rss_kb"]) for run in runs) if runs else None
        self.out = {}
        if os.path.exists(base + ".out"):
            with open(base + ".out", encoding="utf-8") as stream:
                text = stream.read().split()
            self.out = {key: value for key, _, value in (part.partition("=") for part in text)}
        if ident == "eval-memory" and "median_s" in self.out and not self.na:
            self.times = [float(self.out["median_s"])]
            self.rss_kb = int(self.meta.get("rss_kb", 0)) or None
        if not self.times and not self.na:
            self.na = "not measured"
        self.check_path = base + ".check"

    @property
    def median(self):
        return statistics.median(self.times) if self.times else None

    def rates(self):
        """Sets (or lines) a second, round by round."""
        return [self.count / t for t in self.times if t > 0]


def fmt_time(seconds):
    if seconds is None:
        return ""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms" if seconds < 0.1 else f"{seconds * 1e3:.0f} ms"
    return f"{seconds:.2f} s"


def fmt_number(value):
    if value >= 1e6:
        return f"{value / 1e6:.2f}M"
    if value >= 1e4:
        return f"{value / 1e3:.0f}k"
    if value >= 1e3:
        return f"{value / 1e3:.1f}k"
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def fmt_mb(byte_count):
    return f"{byte_count / 1e6:.1f} MB" if byte_count >= 1e5 else f"{byte_count / 1e3:.0f} kB"


def fmt_ratio(value):
    return f"{value:.2f}×" if value < 10 else f"{value:.0f}×"


def scores_from_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        heading = next(reader, None)
        if heading is None or any(column not in heading for column in SCORE_COLUMNS):
            return None
        indexes = [heading.index(column) for column in SCORE_COLUMNS]
        return [tuple(row[index] for index in indexes) for row in reader]


def scores_from_lines(path):
    with open(path, encoding="utf-8") as stream:
        return [tuple(line.split()) for line in stream if line.strip()]


def scores(row):
    if not os.path.exists(row.check_path):
        return None
    if row.id in TENKEN_ROWS:
        return scores_from_csv(row.check_path)
    return scores_from_lines(row.check_path)


def check_totals(rows):
    """Compare the first 1,000 totals (and subtotals) of each row with tenken's."""
    # A row's check ran on the first sets before it was timed: its output
    # counts even when the timed command later failed (a file too large).
    reference_row = next((rows[i] for i in ("eval-yaml", "eval-jsonl") if scores(rows[i])), None)
    reference = scores(reference_row) if reference_row else None
    notes = {}
    for ident in CHECKED_ROWS:
        row = rows[ident]
        if row.na:
            continue
        if reference is None:
            notes[ident] = "unchecked: no tenken output to compare with"
            continue
        if row is reference_row:
            notes[ident] = f"its first {len(reference):,} totals are the reference"
            continue
        got = scores(row)
        if not got:
            row.mismatch = "MISMATCH: no scores in its output"
            continue
        wanted = reference[:len(got)] if ident == "eval-memory" else reference
        if len(got) != len(wanted):
            row.mismatch = f"MISMATCH: {len(got):,} results for {len(wanted):,} sets"
        else:
            totals = sum(1 for a, b in zip(got, wanted) if a[0] != b[0])
            parts = sum(1 for a, b in zip(got, wanted) if a[1:] != b[1:])
            if totals or parts:
                row.mismatch = f"MISMATCH: {totals} totals, {parts} subtotals differ"
            else:
                notes[ident] = f"first {len(got):,} totals agree"
    return notes


def growth(rows, ident):
    """Time and RSS of this compile row against the next smaller size."""
    kind, _, size = ident.partition("-")
    smaller = {"10000": "1000", "100000": "10000"}.get(size)
    if not smaller:
        return "", ""
    row, prior = rows[ident], rows[f"{kind}-{smaller}"]
    if row.na or prior.na or not prior.median or not prior.rss_kb:
        return "", ""
    return fmt_ratio(row.median / prior.median), fmt_ratio(row.rss_kb / prior.rss_kb)


def describe(rows, ident, check_notes):
    """The cells of one row: count, time, rate, RSS, ×time, ×RSS, note."""
    row = rows[ident]
    section = row.meta["section"]
    count = f"{row.count:,}"
    if section == "startup":
        count = f"{row.count} runs"
    elif section == "compile":
        count = f"{row.count:,} {'controls' if ident == 'framework' else 'items'}"
    elif section == "peers":
        count = f"{row.count:,} (slice)" if row.count < rows["eval-yaml"].count else count
    if row.na:
        return [count, "", "", "", "", "", row.na]
    notes = []
    rate = ""
    median = row.median
    if section == "compile":
        rate = f"{fmt_number(row.lines / median)} lines/s"
        notes.append(f"source {fmt_mb(row.bytes)}, {row.lines:,} lines")
        if row.rss_kb:
            notes.append(f"RSS {row.rss_kb * 1024 / row.bytes:.1f}× source")
    elif section == "startup":
        rate = f"{fmt_number(1 / median)} runs/s"
    else:
        rate = f"{fmt_number(row.count / median)} sets/s"
        if row.bytes:
            notes.append(f"{row.bytes / 1e6 / median:.0f} MB/s")
    if section == "floors":
        parsed = int(row.out.get("sets", -1))
        if parsed != row.count:
            notes.append(f"MISMATCH: parsed {parsed:,} documents")
    if row.mismatch:
        notes.append(row.mismatch)
    elif ident in check_notes:
        notes.append(check_notes[ident])
    if ident == "eval-memory" and row.meta.get("note"):
        loaded = row.meta["note"].split(" ", 1)
        row.meta["note"] = f"{int(loaded[0]):,} {loaded[1]}" if loaded[0].isdigit() else row.meta["note"]
    if row.meta.get("note"):
        notes.append(row.meta["note"])
    if row.meta.get("version"):
        notes.append(row.meta["version"])
    time_growth, rss_growth = growth(rows, ident) if section == "compile" else ("", "")
    rss = f"{row.rss_kb * 1024 / 1e6:.1f} MB" if row.rss_kb else ""
    time_text = f"{median * 1e3:.2f} ms per run" if section == "startup" else fmt_time(median)
    return [count, time_text, rate, rss, time_growth, rss_growth, "; ".join(notes)]


def per_round(rows, left, right, how):
    """The median over rounds of a ratio between two rows measured in the same round."""
    a, b = rows[left], rows[right]
    if a.na or b.na or a.mismatch or b.mismatch:
        return None
    pairs = list(zip(a.times, b.times))
    if not pairs:
        return None
    if how == "time":  # how many times longer a takes than b
        values = [x / y for x, y in pairs]
    else:  # how many times more sets a second a does than b
        values = [(a.count / x) / (b.count / y) for x, y in pairs]
    return statistics.median(values)


def goal_text(value, goal, higher_is_better):
    if value is None:
        return "not available"
    if (value >= goal) if higher_is_better else (value <= goal):
        return "met"
    factor = goal / value if higher_is_better else value / goal
    return f"missed by {factor:.2f}×" if factor < 10 else f"missed by {factor:.0f}×"


def print_table(rows, check_notes):
    heading = ["what", "sets or items", "median time", "rate", "peak RSS", "×time", "×RSS", "note"]
    lines = []
    for section in SECTIONS:
        lines.append([f"**{SECTION_TITLES[section]}**"] + [""] * (len(heading) - 1))
        for ident in ORDER:
            if rows[ident].meta["section"] == section:
                lines.append([rows[ident].meta["what"]] + describe(rows, ident, check_notes))
    widths = [max(len(line[i]) for line in lines + [heading]) for i in range(len(heading) - 1)]

    def show(cells):
        padded = [cell.ljust(widths[i]) if i < len(widths) else cell for i, cell in enumerate(cells)]
        print("| " + " | ".join(padded) + " |")

    show(heading)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|---|")
    for line in lines:
        show(line)


def print_ratios(rows):
    jsonl, yaml = rows["eval-jsonl"], rows["eval-yaml"]
    memory = rows["eval-memory"]
    compile_big = rows["compile-100000"]
    tkc = rows["startup-tkc"]
    ratio_lines = [
        ("tenken JSONL time ÷ simdjson parse time", per_round(rows, "eval-jsonl", "simdjson", "time"),
         "≤ 2×", 2, False),
        ("tenken JSONL sets/s (1 thread)", None if jsonl.na else jsonl.count / jsonl.median,
         "≥ 500,000", 500000, True),
        ("tenken JSONL ÷ json-rules-engine (sets/s)",
         per_round(rows, "eval-jsonl", "json-rules-engine", "rate"), "≥ 500×", 500, True),
        ("tenken JSONL ÷ jq program (sets/s)", per_round(rows, "eval-jsonl", "jq", "rate"),
         "≥ 40×", 40, True),
        ("tenken JSONL ÷ CLIPS (sets/s)", per_round(rows, "eval-jsonl", "clips", "rate"), "", None, True),
        ("tenken JSONL ÷ cel-js (sets/s)", per_round(rows, "eval-jsonl", "cel", "rate"), "", None, True),
        ("tenken JSONL -j 2 ÷ 1 thread (sets/s)", per_round(rows, "eval-jsonl-j2", "eval-jsonl", "rate"),
         "", None, True),
        ("tenken YAML time ÷ libyaml parse time", per_round(rows, "eval-yaml", "libyaml", "time"),
         "≤ 1.3×", 1.3, False),
        ("tenken YAML ÷ CLIPS (sets/s)", per_round(rows, "eval-yaml", "clips", "rate"), "", None, True),
        ("from memory, sets/s on one core", None if memory.na else memory.count / memory.median,
         "≥ 5,000,000", 5e6, True),
        ("compile, rule lines/s (100k items)",
         None if compile_big.na else compile_big.lines / compile_big.median, "≥ 1,000,000", 1e6, True),
        ("compile, peak RSS ÷ source size (100k items)",
         None if compile_big.na or not compile_big.rss_kb else compile_big.rss_kb * 1024 / compile_big.bytes,
         "≤ 10×", 10, False),
        ("start-up from a .tkc, ms", None if tkc.na else tkc.median * 1e3, "< 5 ms", 5, False),
    ]
    print()
    print("ratios and goals (ratios: median over the rounds of the ratio within each round)")
    print()
    width = max(len(line[0]) for line in ratio_lines)
    for label, value, goal, target, higher in ratio_lines:
        if value is None:
            shown = "not available"
        elif "sets/s" in label and "÷" not in label or "lines/s" in label:
            shown = fmt_number(value)
        elif label.endswith("ms"):
            shown = f"{value:.2f} ms"
        else:
            shown = fmt_ratio(value)
        verdict = f"goal {goal}: {goal_text(value, target, higher)}" if target is not None else ""
        print(f"  {label.ljust(width)}  {shown:>14}  {verdict}".rstrip())


def cpu_mark(path):
    """(seconds this script's children used, the machine's busy and total
    jiffies, steal jiffies) from `times` and the first line of /proc/stat."""
    import re
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    spent = sum(int(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", text))
    fields = next((line.split()[1:] for line in text.splitlines() if line.startswith("cpu ")), None)
    if not fields:
        return None
    values = [int(v) for v in fields]
    user, nice, system, idle, iowait, irq, softirq, steal = (values + [0] * 8)[:8]
    return spent, user + nice + system + irq + softirq, sum(values[:8]), steal


def other_cpu(results):
    """How much of the machine other processes used while measuring."""
    try:
        start = cpu_mark(os.path.join(results, "cpu-start"))
        end = cpu_mark(os.path.join(results, "cpu-end"))
    except OSError:
        return None
    if not start or not end:
        return None
    hertz = os.sysconf("SC_CLK_TCK")
    total = (end[2] - start[2]) / hertz
    if total <= 0:
        return None
    others = max(0.0, (end[1] - start[1]) / hertz - (end[0] - start[0]))
    steal = (end[3] - start[3]) / hertz
    return (f"other processes used {100 * others / total:.0f}% of the machine's CPU time while "
            f"measuring (steal {100 * steal / total:.0f}%): above a few %, they slowed the rows, -j 2 most")


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: report.py RESULTS_DIR RUNS TENKEN")
    results, runs, tenken = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rows = {ident: Row(results, ident) for ident in ORDER}
    check_notes = check_totals(rows)
    sets = rows["eval-yaml"].count
    version = ""
    version_path = os.path.join(results, "tenken-version")
    if os.path.exists(version_path):
        with open(version_path, encoding="utf-8") as stream:
            version = f" ({stream.read().strip()})"
    print(f"tenken benchmark: {tenken}{version}, {sets:,} answer sets of the 15-item safe-use check sheet, "
          f"median of {runs} run{'s' if runs != 1 else ''}, {os.cpu_count()} cores")
    other = other_cpu(results)
    if other:
        print(other)
    print()
    print_table(rows, check_notes)
    print_ratios(rows)
    for name, words in (("apt-installed", "installed with apt-get for this run"),
                        ("not-installed", "missing, not installed")):
        path = os.path.join(results, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as stream:
                print(f"\n{words}: {stream.read().strip()}")
    print("\nMB = 10^6 bytes; peak RSS is the largest of the runs; a peer's rate is over its slice "
          "(the first sets of the same JSON Lines file).")


if __name__ == "__main__":
    main()
