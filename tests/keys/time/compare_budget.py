#!/usr/bin/env python3
"""Compares sparklog's time_budget (-f json) with the time keys (README.md).

Usage: compare_budget.py SPARKLOG SRC_DIR CORPUS_DIR [--list]

For each key and each of its applications (matched by their first line), the fields
wall, budget (startup, running, pending, driver_only, shutdown,
after_stop), the budget's null-ness, driver_gaps (count, and the top
gap's seconds and bounding lines), driver_periods (count) and pending
(count) are compared exactly. A field that differs is a gap; the gaps
must equal tests/keys/time/known-gaps-budget.txt (one "key seq field"
per line, then " # reason"), so a fixed gap and a new one both fail.
--list prints the gaps found. Exit 0 when they match, 1 otherwise.
"""
import json
import os
import subprocess
import sys

PARTS = ["startup", "running", "pending", "driver_only", "shutdown",
         "after_stop"]


def run(sparklog, path):
    p = subprocess.run([sparklog, "-f", "json", path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=False)
    try:
        return json.loads(p.stdout)
    except ValueError:
        return None


def sec(ms):
    return None if ms is None else round(ms / 1000.0, 3)


def compare(key, doc):
    out = []  # (seq, field, ok, detail)
    apps = {}
    for a in (doc or {}).get("apps", []):
        sl = a.get("start_line") or {}
        apps.setdefault(sl.get("line"), a)
    for ka in key["apps"]:
        seq = ka["seq"]
        # the same application: the one starting at the key's first line
        sa = apps.get(ka["start_line"])
        tb = (sa or {}).get("time_budget")
        if tb is None:
            out.append((seq, "app", False, "no application %s" % seq))
            continue

        def field(name, want, got):
            out.append((seq, name, want == got,
                        "key %r sparklog %r" % (want, got)))
        field("wall", ka["wall"]["seconds"], sec(tb["wall_ms"]))
        kb = ka.get("budget")
        sb = tb.get("budget")
        field("budget_null", kb is None, sb is None)
        if kb is not None and sb is not None and not kb.get("no_jobs"):
            for p in PARTS:
                field(p, kb[p + "_s"], sec(sb[p + "_ms"]))
        if kb is None or sb is None:
            continue
        field("driver_gaps_count", ka.get("driver_gaps_count", 0),
              tb.get("driver_gaps_count"))
        kg, sg = ka.get("driver_gaps", []), tb.get("driver_gaps", [])
        if kg and sg:
            field("top_gap",
                  (kg[0]["seconds"], kg[0]["before"]["line"],
                   kg[0]["after"]["line"]),
                  (sec(sg[0]["ms"]), sg[0]["before"]["line"],
                   sg[0]["after"]["line"]))
        field("driver_periods_count", len(ka.get("driver_periods", [])),
              min(10, tb.get("driver_periods_count", 0)))
        field("pending_count", len(ka.get("pending", [])),
              min(10, tb.get("pending_count", 0)))
    return out


def main():
    sparklog, src, corpus = sys.argv[1:4]
    listing = "--list" in sys.argv[4:]
    kdir = os.path.join(src, "tests", "keys", "time")
    known = {}
    kg = os.path.join(kdir, "known-gaps-budget.txt")
    if os.path.exists(kg):
        for line in open(kg):
            line = line.split("#")[0].strip()
            if line:
                known[line] = 1
    gaps, fields, exact, apps = [], 0, 0, 0
    for name in sorted(os.listdir(kdir)):
        if not name.endswith(".json"):
            continue
        key = json.load(open(os.path.join(kdir, name)))
        path = os.path.join(corpus, key["file"])
        if not os.path.exists(path):
            continue
        res = compare(key, run(sparklog, path))
        seqs = {}
        for seq, f, ok, detail in res:
            fields += 1
            exact += ok
            seqs.setdefault(seq, True)
            seqs[seq] &= ok
            if not ok:
                gaps.append(("%s %s %s" % (name[:-5], seq, f), detail))
        apps += sum(1 for v in seqs.values() if v)
    found = {g for g, _ in gaps}
    if listing:
        for g, d in gaps:
            print("%s # %s" % (g, d))
    print("time budget: %d/%d fields exact, %d apps wholly exact, %d gaps"
          % (exact, fields, apps, len(gaps)))
    new = sorted(found - set(known))
    fixed = sorted(set(known) - found)
    for g in new:
        print("NEW GAP: " + g)
    for g in fixed:
        print("FIXED (remove from known-gaps-budget.txt): " + g)
    return 1 if new or fixed else 0


if __name__ == "__main__":
    sys.exit(main())
