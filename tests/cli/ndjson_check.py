#!/usr/bin/env python3
"""Checks sparklog's ndjson stream (docs/ndjson-schema.md) against its
schema and against the full JSON report of the same input.

usage: ndjson_check.py SPARKLOG [--strict] [--totals] FILE...

For each FILE: every line is one JSON object with a "type"; the header is
first, the summary last; every placed object carries "file"; each stage
attempt is written exactly once; every stage id of a job line has a stage
line before it, or (a job that did not succeed: Spark logs a failed job's
end before its last stage's) after it; the counts of stages, jobs,
applications and findings equal the `-f json` report's, and with
--totals the stages' task time too (a log may go on adding tasks to an
attempt after its line was written: one of the corpus logs its stage 0.0
finished twice); the objects written after the analysis (app, finding, ranking,
executor, shuffle) equal the report's in every key they share. --strict
(small inputs): job and stage lines equal the report's in every key they
share but the stage's shuffle links (known at the end: see the schema).
Prints one line per failure; exits 1 when there is one.
"""
import json
import subprocess
import sys

PLACED = {"file", "app", "job", "stage", "executor", "shuffle"}
LATE_STAGE_KEYS = {"shuffle_write", "shuffle_reads"}

fails = []


def fail(path, msg):
    fails.append(f"{path}: {msg}")


def run(sparklog, args):
    p = subprocess.run([sparklog] + args, capture_output=True)
    return p.stdout.decode("utf-8")


def shared_equal(path, what, line, batch, skip=()):
    for k, v in batch.items():
        if k in skip or k not in line:
            continue
        if line[k] != v:
            fail(path, f"{what}: key {k}: stream {line[k]!r} != "
                 f"report {v!r}")
            return


def check(sparklog, path, strict, totals):
    text = run(sparklog, ["-j", "1", "--format", "ndjson", path])
    report = json.loads(run(sparklog, ["-j", "1", "--format", "json", path]))
    if not text.endswith("\n"):
        fail(path, "the stream does not end with a newline")
        return
    objs = []
    for no, line in enumerate(text.split("\n")[:-1], 1):
        try:
            o = json.loads(line)
        except ValueError as e:
            fail(path, f"line {no} is not JSON: {e}")
            return
        if not isinstance(o, dict) or not isinstance(o.get("type"), str):
            fail(path, f"line {no} is no object with a type")
            return
        objs.append(o)
    if not objs or objs[0]["type"] != "header" or \
            objs[0].get("schema") != "sparklog-ndjson/1":
        fail(path, "the first line is not the sparklog-ndjson/1 header")
        return
    if objs[-1]["type"] != "summary":
        fail(path, "the last line is not the summary")
    types = [o["type"] for o in objs]
    if types.count("header") != 1 or types.count("summary") != 1:
        fail(path, "not exactly one header and one summary")

    stages = {}   # (file, app, stage, attempt) -> line index
    stage_ids = {}  # (file, app, stage) -> [line index]
    for i, o in enumerate(objs):
        t = o["type"]
        if t in PLACED and "file" not in o:
            fail(path, f"line {i + 1} ({t}) has no file")
        if t == "stage":
            k = (o["file"], o["app"], o["stage"], o["attempt"])
            if k in stages:
                fail(path, f"stage attempt {k} written twice")
            stages[k] = i
            stage_ids.setdefault(k[:3], []).append(i)
            if o["stage"] != o["id"]:
                fail(path, f"line {i + 1}: stage {o['stage']} != id")
    for i, o in enumerate(objs):
        if o["type"] != "job":
            continue
        for sid in o["stages"]:
            at = stage_ids.get((o["file"], o["app"], sid), [])
            if not at:
                fail(path, f"job {o['id']}: stage {sid} has no line")
            elif min(at) > i and o["status"] == "succeeded":
                fail(path, f"job {o['id']}: stage {sid} written after it")

    # Against the full report.
    apps = report["apps"]
    nstages = sum(len(a["stages"]) for a in apps)
    if len(stages) != nstages:
        fail(path, f"{len(stages)} stage lines, the report has {nstages}")
    task_ms = sum(o["task_ms"]["sum"] or 0 for o in objs
                  if o["type"] == "stage")
    want = sum(s["task_ms"]["sum"] or 0 for a in apps for s in a["stages"])
    if totals and task_ms != want:
        fail(path, f"stage task time {task_ms}, the report has {want}")
    by = {t: [o for o in objs if o["type"] == t] for t in set(types)}
    for t, n in (("app", len(apps)),
                 ("job", sum(len(a["jobs"]) for a in apps)),
                 ("executor", sum(len(a["executors"]) for a in apps)),
                 ("shuffle", sum(len(a["shuffles"]) for a in apps)),
                 ("finding", len(report.get("findings", []))),
                 ("ranking", len(report.get("shuffle_ranking", []))),
                 ("file", len(report["input"]["files"]))):
        if len(by.get(t, [])) != n:
            fail(path, f"{len(by.get(t, []))} {t} lines, the report has {n}")
    counts = objs[-1].get("objects", {})
    for t, n in counts.items():
        if len(by.get(t, [])) != n:
            fail(path, f"summary counts {n} {t} lines, there are "
                 f"{len(by.get(t, []))}")
    for o in by.get("app", []):
        shared_equal(path, f"app {o['app']}", o, apps[o["app"] - 1],
                     skip=("jobs", "stages", "executors", "shuffles"))
    for o, f in zip(by.get("finding", []), report.get("findings", [])):
        shared_equal(path, f"finding {f['id']}", o, f)
    for o, r in zip(by.get("ranking", []),
                    report.get("shuffle_ranking", [])):
        shared_equal(path, f"ranking {r['rank']}", o, r)
    for o in by.get("executor", []) + by.get("shuffle", []):
        a = apps[o["app"] - 1]
        lst = a["executors"] if o["type"] == "executor" else a["shuffles"]
        match = [x for x in lst if x["id"] == o["id"]]
        if match:
            shared_equal(path, f"{o['type']} {o['id']}", o, match[0])
    summary = objs[-1]
    for k in ("input", "levels", "loggers", "verdict", "suppressed"):
        if k in report and summary.get(k) != report[k]:
            fail(path, f"summary key {k} differs from the report's")
    if strict:
        for o in by.get("job", []):
            b = [x for x in apps[o["app"] - 1]["jobs"] if x["id"] == o["id"]]
            shared_equal(path, f"job {o['id']}", o, b[0])
        for o in by.get("stage", []):
            b = [x for x in apps[o["app"] - 1]["stages"]
                 if x["id"] == o["id"] and x["attempt"] == o["attempt"]]
            shared_equal(path, f"stage {o['id']}.{o['attempt']}", o, b[0],
                         skip=LATE_STAGE_KEYS)


def main():
    sparklog = sys.argv[1]
    strict = "--strict" in sys.argv[2:]
    totals = "--totals" in sys.argv[2:]
    files = [a for a in sys.argv[2:] if a not in ("--strict", "--totals")]
    for f in files:
        check(sparklog, f, strict, totals)
    for m in fails:
        print("FAIL:", m)
    print(f"{len(files)} inputs, {len(fails)} failures")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
