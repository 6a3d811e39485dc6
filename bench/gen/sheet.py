"""sheet.py — the options of a check sheet, read from its rule file.

The generators and the peers need each item's option labels and points, in
the order and sections the rule file gives them. This reads just enough of the
tenken language to get them: `scale NAME { key N ja "label" … alias "…" }`,
`section NAME … {`, `item "ID" … {`, `scale NAME` and `options { … }` inside
an item. It is no parser of the language; it serves the safe-use sheet and
sheets written like it, and fails loudly on anything else.
"""

import re
import sys

OPTION = re.compile(r'^\s*(\w+)\s+(\d+(?:\.\d+)?)\s+(?:ja\s+)?"([^"]*)"(.*)$')
ALIAS = re.compile(r'alias\s+"([^"]*)"')
SCALE_HEAD = re.compile(r'^\s*scale\s+(\w+)\s*\{')
SCALE_USE = re.compile(r'^\s*scale\s+(\w+)\s*$')
SECTION = re.compile(r'^\s*section\s+(\w+)\b.*\{\s*$')
ITEM = re.compile(r'^\s*item\s+"([^"]+)"')
CHECKLIST = re.compile(r'^\s*checklist\s+(\w+)\b')


def _option(line):
    match = OPTION.match(line)
    if not match:
        return None
    key, points, label, rest = match.groups()
    return {"key": key, "points": float(points), "label": label,
            "aliases": ALIAS.findall(rest)}


def load(path):
    """Return {"checklist": name, "items": [{"id", "section", "options"}]}."""
    with open(path, encoding="utf-8") as source:
        lines = [line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
                 for line in source]
    scales, items = {}, []
    checklist = section = None
    current_scale = current_item = None
    in_options = False
    for line in lines:
        if current_scale is not None:
            if line.strip() == "}":
                current_scale = None
                continue
            option = _option(line)
            if option:
                scales[current_scale].append(option)
            continue
        if in_options:
            if line.strip() == "}":
                in_options = False
                continue
            option = _option(line)
            if option:
                current_item["options"].append(option)
            continue
        head = SCALE_HEAD.match(line)
        if head and current_item is None:
            current_scale = head.group(1)
            scales[current_scale] = []
            continue
        match = CHECKLIST.match(line)
        if match:
            checklist = match.group(1)
            continue
        match = SECTION.match(line)
        if match:
            section = match.group(1)
            continue
        match = ITEM.match(line)
        if match:
            current_item = {"id": match.group(1), "section": section, "options": []}
            items.append(current_item)
            continue
        if current_item is not None:
            use = SCALE_USE.match(line)
            if use:
                current_item["options"] = list(scales[use.group(1)])
                continue
            if re.match(r'^\s*options\s*\{', line):
                in_options = True
                continue
            if re.match(r'^\s*score\b', line):
                current_item = None
    if checklist is None or not items or any(not item["options"] for item in items):
        sys.exit(f"sheet.py: could not read the items and options of {path}")
    return {"checklist": checklist, "items": items}


def points_table(sheet):
    """label → points per item (aliases included) and the sections' items."""
    table, sections = {}, {}
    for item in sheet["items"]:
        labels = {}
        for option in item["options"]:
            points = int(option["points"]) if option["points"].is_integer() else option["points"]
            labels[option["label"]] = points
            for alias in option["aliases"]:
                labels[alias] = points
        table[item["id"]] = labels
        sections.setdefault(item["section"], []).append(item["id"])
    return {"checklist": sheet["checklist"], "points": table, "sections": sections}


if __name__ == "__main__":
    import json
    json.dump(points_table(load(sys.argv[1])), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
