#!/usr/bin/env python3
"""Every corpus log through every command at --width 80 and 120: no line
of the text output is wider, measured in display columns by Python's
unicodedata (independent of the program's own width table): East Asian
Wide and Fullwidth take two columns, combining marks and format
characters none, ANSI colour sequences none.
Usage: width_check.py SPARKLOG CORPUS_DIR"""
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

SGR = re.compile(r"\x1b\[[0-9;]*m")
COMMANDS = [["report"], ["loggers"], ["jobs"], ["stages"], ["shuffles"],
            ["check", "--max-skew", "2", "--max-failed-tasks", "0"]]


def width(line):
    w = 0
    for ch in SGR.sub("", line):
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Me", "Cf") or ord(ch) < 0x20:
            continue
        if cat != "Cn" and unicodedata.east_asian_width(ch) in "WF":
            w += 2
        else:
            w += 1
    return w


def check(sparklog, args, cols, label):
    out = subprocess.run([sparklog, "--width", str(cols)] + args,
                         capture_output=True, stdin=subprocess.DEVNULL)
    if out.returncode not in (0, 1, 3):
        return [f"{label}: exit {out.returncode}: {out.stderr[:200]!r}"]
    text = out.stdout.decode("utf-8", errors="replace")
    bad = []
    for n, line in enumerate(text.split("\n"), 1):
        w = width(line)
        if w > cols:
            bad.append(f"{label} --width {cols}: line {n} is {w} columns:"
                       f"\n    {line!r}")
    return bad


def main():
    sparklog, corpus = sys.argv[1], Path(sys.argv[2])
    if not corpus.is_dir():
        print(f"SKIP: corpus not found at {corpus}")
        return 77
    logs = sorted(p for p in corpus.rglob("*")
                  if p.is_file() and p.name != "CATALOG.md")
    runs = []
    for log in logs:
        rel = log.relative_to(corpus)
        for cmd in COMMANDS:
            runs.append((cmd + ["-j1", str(log)], f"{cmd[0]} {rel}"))
    # Several files at once: the files table, applications named by file.
    runs.append((["report", "-j1", str(corpus)], "report CORPUS"))
    runs.append((["shuffles", "-j1", str(corpus)], "shuffles CORPUS"))
    runs.append((["report", "--color", "always", "-j1", str(corpus)],
                 "report --color always CORPUS"))
    runs.append((["explain"], "explain"))
    runs.append((["explain", "DAGScheduler"], "explain DAGScheduler"))
    failures, checked = [], 0
    for cols in (80, 120):
        for args, label in runs:
            checked += 1
            failures += check(sparklog, args, cols, label)
    for f in failures[:40]:
        print("FAIL", f)
    if len(failures) > 40:
        print(f"... {len(failures) - 40} more")
    print(f"{checked} runs, {len(failures)} lines too wide")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
