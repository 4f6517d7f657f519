#!/usr/bin/env python3
"""Check the time keys against the raw corpus logs (not against sparklog).

For every key: each {"line", "text"} names that line of the log (the text is
the line cut at 120 characters, tabs as spaces); every line number lies inside
its application; the budget parts sum to the wall time; message first/last
lines are WARN/ERROR lines. Usage: verify.py <corpus-dir> [key.json ...]
Exit 0 when all keys pass, 1 otherwise.
"""
import glob
import json
import os
import sys


def cut(s, n=120):
    s = s.replace("\t", " ").strip()
    return s if len(s) <= n else s[:n] + "..."


def walk(x, path=""):
    if isinstance(x, dict):
        if "line" in x and "text" in x:
            yield path, x
        for k, v in x.items():
            yield from walk(v, f"{path}.{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from walk(v, f"{path}[{i}]")


def main():
    corpus = sys.argv[1]
    keys = sys.argv[2:] or sorted(glob.glob(os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "*.json")))
    bad = 0
    for k in keys:
        d = json.load(open(k))
        with open(os.path.join(corpus, d["file"]), encoding="utf-8",
                  errors="replace", newline="\n") as f:
            lines = f.read().split("\n")
        for a in d["apps"]:
            lo = a["start_line"] or 1
            hi = a["end_line"] or len(lines)
            for path, r in walk(a):
                n = r["line"]
                raw = lines[n - 1].rstrip("\r")
                if "\r" in raw:
                    raw = raw.split("\r")[-1]
                if cut(raw) != r["text"] or not lo <= n <= hi:
                    bad += 1
                    print(f"{k}: app {a['seq']}{path}: line {n} is "
                          f"{cut(raw)!r}")
            b = a.get("budget")
            if b:
                s = sum(b[p] for p in ("startup_s", "running_s", "pending_s",
                                       "driver_only_s", "shutdown_s",
                                       "after_stop_s"))
                if abs(s - b["wall_s"]) > 0.002 or \
                        abs(b["wall_s"] - a["wall"]["seconds"]) > 0.002:
                    bad += 1
                    print(f"{k}: app {a['seq']}: parts sum {s} != wall")
            for m in a.get("messages", []):
                for n in (m["first_line"], m["last_line"]):
                    if m["level"] not in lines[n - 1] or not lo <= n <= hi:
                        bad += 1
                        print(f"{k}: app {a['seq']}: message line {n}")
    print(f"{len(keys)} keys, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
