#!/usr/bin/env python3
"""Compares sparklog's "engine" objects with the time keys' engine fields.

usage: compare_engine.py SPARKLOG SOURCE_DIR CORPUS_DIR [--update] [--verbose]

For every tests/keys/time/*.json, sparklog runs once with `-f json` on the
corpus log and, per keyed application (matched by its start line, as
tests/keys/compare.py does, else by its number), these key fields are
compared with `apps[].engine` (tests/keys/time/README.md says what each
means):

  aqe                   the lines of the first 20 AQE lines
                        (engine.aqe.decisions[].line)
  python_runner         count, first/last line, the four sums
  structured_streaming  progress_reports, first/last line, batch_ids,
                        max_trigger_execution (line, batch_id, ms),
                        falling_behind (count, first/last line)
  dstreams              batches, first/last line, batch_interval_ms,
                        max_total_delay_s and its line, max_execution_s

A key application without the field must have none in sparklog either
(`extra`). A difference is a gap; tests/keys/time/engine-known-gaps.txt
lists the gaps known today (`file<TAB>app<TAB>field<TAB>why`) and must
match exactly: the test fails on a new gap and on a listed gap that is
gone (rerun with --update, then write the why of each new line).
"""
import json
import os
import subprocess
import sys


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=dict(os.environ, NO_COLOR="1"), check=False)
    return p.returncode, p.stdout


def line(v):
    return v.get("line") if isinstance(v, dict) else v


def got_fields(eng):
    """The key's fields as sparklog states them (None: not seen)."""
    out = {}
    if eng is None:
        return {"aqe": None, "python_runner": None,
                "structured_streaming": None, "dstreams": None}
    a = eng.get("aqe")
    out["aqe"] = ([line(d["line"]) for d in a["decisions"]][:20]
                  if a else None)
    p = eng.get("python_runner")
    out["python_runner"] = ({
        "count": p["count"], "first_line": line(p["first_line"]),
        "last_line": line(p["last_line"]), "total_ms_sum": p["total_ms"],
        "boot_ms_sum": p["boot_ms"], "init_ms_sum": p["init_ms"],
        "finish_ms_sum": p["finish_ms"]} if p else None)
    s = eng.get("structured_streaming")
    if s and s["progress_reports"]:
        d = {"progress_reports": s["progress_reports"],
             "first_line": line(s["first_line"]),
             "last_line": line(s["last_line"])}
        if s["slowest"]:
            d["max_trigger_execution"] = {
                "line": line(s["slowest"]["line"]),
                "batch_id": s["slowest"]["batch_id"],
                "trigger_execution_ms": s["slowest"]["trigger_execution_ms"]}
            d["batch_ids"] = s["batch_ids"]
        fb = s["falling_behind"]
        if fb:
            d["falling_behind"] = {"count": fb["count"],
                                   "first_line": line(fb["first_line"]),
                                   "last_line": line(fb["last_line"])}
        out["structured_streaming"] = d
    else:
        out["structured_streaming"] = None
    ds = eng.get("dstreams")
    out["dstreams"] = ({
        "batches": ds["batches"], "first_line": line(ds["first_line"]),
        "last_line": line(ds["last_line"]),
        "batch_interval_ms": ds["batch_interval_ms"],
        "max_total_delay_s": ds["max_total_delay_ms"] / 1000,
        "max_total_delay_line": line(ds["max_total_delay_line"]),
        "max_execution_s": ds["max_execution_ms"] / 1000} if ds else None)
    return out


def want_fields(kapp):
    out = {}
    a = kapp.get("aqe")
    out["aqe"] = [x["line"] for x in a][:20] if a else None
    out["python_runner"] = kapp.get("python_runner") or None
    out["structured_streaming"] = kapp.get("structured_streaming") or None
    out["dstreams"] = kapp.get("dstreams") or None
    return out


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    sparklog, src, corpus = argv[1], argv[2], argv[3]
    update = "--update" in argv
    verbose = "--verbose" in argv
    keydir = os.path.join(src, "tests", "keys", "time")
    gaps_path = os.path.join(keydir, "engine-known-gaps.txt")
    gaps = []  # (file, app, field, detail)
    fields = matched = 0
    for kf in sorted(os.listdir(keydir)):
        if not kf.endswith(".json"):
            continue
        key = json.load(open(os.path.join(keydir, kf)))
        rel = key["file"]
        path = os.path.join(corpus, rel)
        if not os.path.exists(path):
            continue
        rc, out = run([sparklog, "-f", "json", path])
        try:
            doc = json.loads(out)
        except ValueError:
            gaps.append((rel, "0", "json", "no JSON (exit %d)" % rc))
            continue
        apps = doc.get("apps", [])
        by_start = {}
        for a in apps:
            s = line(a.get("start_line"))
            by_start.setdefault(s, a)
        for kapp in key.get("apps", []):
            want = want_fields(kapp)
            if all(v is None for v in want.values()):
                continue
            a = by_start.get(kapp.get("start_line"))
            if a is None and 0 < kapp["seq"] <= len(apps):
                a = apps[kapp["seq"] - 1]
            got = got_fields(a.get("engine") if a else None)
            for f in ("aqe", "python_runner", "structured_streaming",
                      "dstreams"):
                if want[f] is None and got[f] is None:
                    continue
                fields += 1
                if want[f] == got[f]:
                    matched += 1
                    continue
                gaps.append((rel, str(kapp["seq"]), f,
                             "want %s, got %s" % (json.dumps(want[f]),
                                                  json.dumps(got[f]))))
    have = {}
    if os.path.exists(gaps_path):
        for ln in open(gaps_path):
            if ln.strip() and not ln.startswith("#"):
                p = ln.rstrip("\n").split("\t")
                have[tuple(p[:3])] = p[3] if len(p) > 3 else ""
    now = {(g[0], g[1], g[2]) for g in gaps}
    new = [g for g in gaps if (g[0], g[1], g[2]) not in have]
    gone = [k for k in have if k not in now]
    if update:
        with open(gaps_path, "w") as f:
            f.write("# file\tapp\tfield\twhy (compare_engine.py)\n")
            for g in sorted(now):
                f.write("\t".join(g) + "\t" + have.get(g, "TODO") + "\n")
    for g in gaps:
        if verbose or (g[0], g[1], g[2]) not in have:
            print("%s app %s %s: %s" % g)
    for k in gone:
        print("gone (remove from engine-known-gaps.txt): %s app %s %s" % k)
    print("engine keys: %d of %d fields match, %d known gaps, %d new, "
          "%d gone" % (matched, fields, len(have), len(new), len(gone)))
    if update:
        return 0
    return 1 if new or gone else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
