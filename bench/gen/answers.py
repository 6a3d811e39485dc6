#!/usr/bin/env python3
"""answers.py — generate answer sets for the cloud safe-use check sheet.

usage: answers.py RULES COUNT OUT.jsonl OUT.yaml

Writes COUNT answer sets to OUT.jsonl (JSON Lines, one set a line) and the
same sets to OUT.yaml (a multi-document YAML stream, `---` separated), each
with a subject, an assessed date and an answer to every item of RULES. The
option labels are the rule file's own Japanese labels (aliases such as 未確認 included), drawn with
a realistic spread: each subject has a maturity, mature services answer
「確認した」/「すべて管理できている」 more often, immature ones 「未確認」 or
「わからない」, and some items are harder than others. The seed is fixed, so
the same COUNT always gives the same bytes, and the first N sets of any
COUNT are the same.
"""

import bisect
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sheet  # noqa: E402

SERVICES = [
    "クラウド顧客管理システム", "オンラインストレージサービス", "クラウド財務会計",
    "勤怠管理WEBシステム", "ECプラットフォーム", "Web会議サービス", "グループウェア",
    "電子契約サービス", "経費精算クラウド", "給与計算クラウド", "販売管理クラウド",
    "在庫管理システム", "名刺管理サービス", "チャットツール", "オンライン予約システム",
    "クラウド型POSレジ", "電子メールサービス", "ファイル共有サービス", "人事評価クラウド",
    "クラウドPBX", "ワークフローシステム", "マーケティングオートメーション",
    "ウェブサイト制作サービス", "バックアップサービス", "タスク管理ツール",
]
VENDORS = ["○○", "△△", "□□", "××", "ＡＢＣ", "さくら", "みどり", "ひかり", "あおば", "やまと"]
EDITIONS = ["", " v2", " v1", " Pro", " ライト", " Enterprise", " for Business"]

# How hard each item is to get to the best answer (0 easy … 1 hard): the
# selection items are usually done, backups, support and data location less so.
DIFFICULTY = {"1": 0.2, "2": 0.35, "3": 0.3, "4": 0.45, "5": 0.4, "6": 0.55, "7": 0.25,
              "8": 0.35, "9": 0.4, "10": 0.6, "11": 0.5, "12": 0.3, "13": 0.6,
              "14": 0.5, "15": 0.65}
BUCKETS = 32


def option_choices(item):
    """The answers an item may get, each (points, label): an option's alias
    (未確認) stands for it half as often as its label."""
    choices = []
    for option in item["options"]:
        labels = [option["label"]] + option["aliases"]
        for index, label in enumerate(labels):
            share = 1.0 if index == 0 else 0.5
            choices.append((option["points"], label, share / (1 + 0.5 * (len(labels) - 1))))
    return choices


def cumulative_tables(items):
    """Per maturity bucket and item: cumulative weights and JSON-ready labels."""
    tables = []
    for bucket in range(BUCKETS):
        maturity = (bucket + 0.5) / BUCKETS
        per_item = []
        for item in items:
            hard = DIFFICULTY.get(item["id"], 0.4)
            ease = max(0.02, min(0.98, maturity * (1.2 - hard)))
            top = max(o["points"] for o in item["options"]) or 1
            cumulative, labels, total = [], [], 0.0
            for points, label, share in option_choices(item):
                level = points / top  # 1 best … 0 わからない
                weight = 0.04 + (ease ** 1.5 if level == 1 else
                                 (1 - abs(level - ease)) * 0.6 if level > 0 else
                                 (1 - ease) ** 2 * 0.5)
                total += weight * share
                cumulative.append(total)
                labels.append(label)
            per_item.append(([c / total for c in cumulative], labels))
        tables.append(per_item)
    return tables


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: answers.py RULES COUNT OUT.jsonl OUT.yaml")
    rules, count, jsonl_path, yaml_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    loaded = sheet.load(rules)
    items, checklist = loaded["items"], loaded["checklist"]
    tables = cumulative_tables(items)
    ids = [json.dumps(item["id"]) for item in items]
    rng = random.Random(20241106)
    pick = rng.random
    with open(jsonl_path + ".tmp", "w", encoding="utf-8") as jsonl, \
            open(yaml_path + ".tmp", "w", encoding="utf-8") as yaml:
        jsonl_lines, yaml_docs = [], []
        for number in range(1, count + 1):
            maturity = rng.betavariate(2.2, 1.6)
            table = tables[min(BUCKETS - 1, int(maturity * BUCKETS))]
            service = (rng.choice(VENDORS) + rng.choice(SERVICES) + rng.choice(EDITIONS))
            subject = f"S{number:06d} {service}"
            assessed = f"{rng.randint(2022, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            answers = []
            for cumulative, labels in table:
                answers.append(labels[min(bisect.bisect(cumulative, pick()), len(labels) - 1)])
            jsonl_lines.append(
                '{"tenken":1,"rules":"cloud.safe_use","subject":"%s","assessed":"%s",'
                '"answers":{"%s":{%s}}}\n' % (
                    subject, assessed, checklist,
                    ",".join(f'{key}:"{label}"' for key, label in zip(ids, answers))))
            yaml_docs.append(
                '---\ntenken: 1\nrules: cloud.safe_use\nsubject: "%s"\nassessed: %s\n'
                'answers:\n  %s:\n%s' % (
                    subject, assessed, checklist,
                    "".join(f'    {key}: {label}\n' for key, label in zip(ids, answers))))
            if len(jsonl_lines) >= 10000:
                jsonl.writelines(jsonl_lines)
                yaml.writelines(yaml_docs)
                jsonl_lines, yaml_docs = [], []
        jsonl.writelines(jsonl_lines)
        yaml.writelines(yaml_docs)
    os.replace(jsonl_path + ".tmp", jsonl_path)
    os.replace(yaml_path + ".tmp", yaml_path)


if __name__ == "__main__":
    main()
