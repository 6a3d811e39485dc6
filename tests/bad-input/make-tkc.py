#!/usr/bin/env python3
"""make-tkc.py — regenerate the damaged compiled graphs of tests/bad-input/tkc.

Run from the top source directory after a change to the .tkc format:

    python3 tests/bad-input/make-tkc.py ./tenken
    TENKEN_BLESS=1 sh tests/bad-input.sh     # then read the new .err files

Every case that depends on the format is made here from a fresh compile of
rules/cloud-safe-use/safe-use.tkn; the cases that do not (files that are no
compiled graph at all: random bytes, a rule file, an answer file, gzip, a
cut or wrong magic) are left as they are, and so is format-1.tkc, a genuine
file of format version 1. The record-NN cases are single-byte changes with
the checksum recomputed, chosen from a fixed seed so that each shows a
different problem of the records; the table in README.md lists them.
"""
import os
import random
import re
import subprocess
import sys
import tempfile

HEADER = 64
OFFSET_VERSION, OFFSET_HEADER_SIZE, OFFSET_PAYLOAD_SIZE = 8, 12, 16
OFFSET_CHECKSUM, OFFSET_TENKEN = 24, 32
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tkc")
S0004 = "examples/safe-use/S0004-crm-zzz.yaml"


def fnv1a(data, value=14695981039346656037):
    for byte in data:
        value = ((value ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return value


def with_checksum(data):
    data = bytearray(data)
    value = fnv1a(data[OFFSET_TENKEN:], fnv1a(data[:OFFSET_CHECKSUM]))
    data[OFFSET_CHECKSUM:OFFSET_TENKEN] = value.to_bytes(8, "little")
    return bytes(data)


def set_u32(data, offset, value):
    return data[:offset] + value.to_bytes(4, "little") + data[offset + 4:]


def set_u64(data, offset, value):
    return data[:offset] + value.to_bytes(8, "little") + data[offset + 8:]


def set_version_text(data, text):
    field = text.ljust(32, b"\0")[:32]
    return data[:OFFSET_TENKEN] + field + data[OFFSET_TENKEN + 32:]


def with_payload(data, payload):
    data = set_u64(data[:HEADER], OFFSET_PAYLOAD_SIZE, len(payload)) + payload
    return with_checksum(data)


def cases(graph):
    payload = graph[HEADER:]
    version = lambda value: with_checksum(set_u32(graph, OFFSET_VERSION, value))
    return {
        "header-only": graph[:HEADER],
        "header-cut": graph[:40],
        "truncated-1000": graph[:1000],
        "truncated-one-byte": graph[:-1],
        "extra-byte": graph + b"\0",
        "version-next": version(int.from_bytes(graph[OFFSET_VERSION:OFFSET_VERSION + 4], "little") + 1),
        "version-0": version(0),
        "version-max": with_checksum(set_version_text(
            set_u32(graph, OFFSET_VERSION, 0xFFFFFFFF), b"9.9.9")),
        "version-text-escape": with_checksum(set_version_text(
            set_u32(graph, OFFSET_VERSION, 99), b"\x1b[31mred\x1b[0m\n")),
        "version-text-no-nul": with_checksum(set_version_text(graph, b"A" * 32)),
        "header-size-65": with_checksum(set_u32(graph, OFFSET_HEADER_SIZE, 65)),
        "payload-size-huge": with_checksum(set_u64(graph, OFFSET_PAYLOAD_SIZE, 1 << 63)),
        "payload-size-zero": with_checksum(set_u64(graph, OFFSET_PAYLOAD_SIZE, 0)),
        "payload-empty": with_payload(graph, b""),
        "checksum-wrong": graph[:OFFSET_CHECKSUM] + bytes([graph[OFFSET_CHECKSUM] ^ 1])
                          + graph[OFFSET_CHECKSUM + 1:],
        "payload-flip": graph[:HEADER + 100] + bytes([graph[HEADER + 100] ^ 4])
                        + graph[HEADER + 101:],
        "leb-too-long": with_payload(graph, b"\x80" * 10 + b"\x01" + payload[1:]),
        "string-count-huge": with_payload(graph, bytes([0x80] * 8 + [0x40]) + payload[1:]),
        "trailing-payload": with_payload(graph, payload + b"\0"),
        "random-after-magic": graph[:OFFSET_VERSION] + (2).to_bytes(4, "little")
                              + random.Random(1).randbytes(2048),
        "crlf-mangled": graph.replace(b"\n", b"\r\n"),
        "lf-mangled": graph.replace(b"\r\n", b"\n"),
    }


def problem_of(tenken, path):
    """The kind of problem tenken reports for a file, numbers taken out."""
    run = subprocess.run([tenken, "eval", path, S0004], capture_output=True, text=True, errors="replace")
    first = run.stderr.splitlines()[0] if run.stderr else ""
    if "damaged:" not in first or "checksum" in first:
        return None
    return re.sub(r"(?<!UTF-)[0-9]+", "N", first.split("damaged: ", 1)[1])


def record_cases(tenken, graph, wanted=40):
    found, rng = {}, random.Random(2026)
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "mutant.tkc")
        for _ in range(6000):
            if len(found) == wanted:
                break
            offset = rng.randrange(HEADER, len(graph))
            value = rng.randrange(256)
            mutant = with_checksum(graph[:offset] + bytes([value]) + graph[offset + 1:])
            with open(path, "wb") as out:
                out.write(mutant)
            kind = problem_of(tenken, path)
            if kind and kind not in found:
                found[kind] = (offset - HEADER, value, mutant)
    return sorted(found.items(), key=lambda entry: entry[1][0])


def main():
    tenken = sys.argv[1] if len(sys.argv) > 1 else "./tenken"
    with tempfile.TemporaryDirectory() as scratch:
        compiled = os.path.join(scratch, "safe-use.tkc")
        subprocess.run([tenken, "compile", "rules/cloud-safe-use/safe-use.tkn", "-o", compiled],
                       check=True)
        graph = open(compiled, "rb").read()
    for name in os.listdir(HERE):
        if re.fullmatch(r"(record-[0-9]+|version-2)\.(tkc|err|status)", name):
            os.remove(os.path.join(HERE, name))
    for name, data in cases(graph).items():
        with open(os.path.join(HERE, name + ".tkc"), "wb") as out:
            out.write(data)
    rows = []
    for number, (kind, (offset, value, data)) in enumerate(record_cases(tenken, graph), 1):
        name = "record-%02d" % number
        with open(os.path.join(HERE, name + ".tkc"), "wb") as out:
            out.write(data)
        rows.append("| `tkc/%s.tkc` | payload byte %d set to 0x%02X, checksum recomputed (%s) |"
                    % (name, offset, value, kind))
    print("\n".join(rows))


if __name__ == "__main__":
    main()
