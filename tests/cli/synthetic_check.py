#!/usr/bin/env python3
"""Hierarchy vs ground truth on synthetic logs.

For each scenario x layout x Spark version, sparkgen writes a log and the
ground truth of what it emitted; sparklog's JSON must agree exactly on
jobs, stage attempts, task counts per attempt, task-time count/sum/min/max
(percentiles within the sketch's documented error of the nearest-rank
values), statuses, skipped stages and shuffle ids.
Usage: synthetic_check.py SPARKLOG SPARKGEN TMPDIR
"""
import json
import subprocess
import sys
from pathlib import Path

SCENARIOS = ["clean", "skew", "fetch_failure", "task_retry_abort", "speculation",
             "executor_loss", "tiny_tasks", "skipped_stages", "aqe", "multi_app",
             "warn_only", "mixed"]
VARIANTS = [("default", "3.5"), ("default", "1.6"), ("default", "2.4"),
            ("glue", "3.5"), ("fullclass", "3.5"), ("cdh", "2.4"), ("json", "4.0"),
            ("default", "4.0")]


def check(sparklog, gen, tmp, scenario, layout, spark):
    log = tmp / f"{scenario}-{layout}-{spark}.log"
    truth_path = tmp / f"{scenario}-{layout}-{spark}.json"
    subprocess.run([gen, "--scenario", scenario, "--seed", "7", "--layout", layout,
                    "--spark", spark, "--out", str(log), "--truth", str(truth_path)],
                   check=True)
    truth = json.loads(truth_path.read_text())
    out = subprocess.run([sparklog, "--format", "json", str(log)], capture_output=True)
    if out.returncode not in (0,):
        return [f"exit status {out.returncode}: {out.stderr[:200]!r}"]
    doc = json.loads(out.stdout)
    problems = []
    inp = doc["input"]
    if inp["lines"] != truth["lines"]:
        problems.append(f"lines {inp['lines']} != truth {truth['lines']}")
    apps = doc["apps"]
    # An app the log shows nothing of (a WARN-level log has no SparkContext
    # INFO lines) cannot be found; it must then have no jobs in the truth.
    tapps = [a for a in truth["apps"] if a["jobs"] or a["stages"]]
    if len(apps) != len(tapps):
        return problems + [f"{len(apps)} apps != truth {len(tapps)}"]
    c = truth["counts"]
    jobs = sum(len(a["jobs"]) for a in apps)
    if jobs != c["got_job"]:
        problems.append(f"jobs {jobs} != got_job {c['got_job']}")
    attempts = [s for a in apps for s in a["stages"] if s["status"] != "skipped"]
    if len(attempts) != c["stage_attempts_submitted"]:
        problems.append(f"stage attempts {len(attempts)} != {c['stage_attempts_submitted']}")
    for key, tkey in (("started", "tasks_started"), ("succeeded", "tasks_succeeded"),
                      ("failed", "tasks_lost"), ("killed", "tasks_killed")):
        got = sum(s["tasks"][key] for s in attempts)
        if got != c[tkey]:
            problems.append(f"tasks {key} {got} != {tkey} {c[tkey]}")
    for ai, (app, tapp) in enumerate(zip(apps, tapps)):
        if app["spark_version"] != tapp["spark_version"]:
            problems.append(f"app {ai} version {app['spark_version']} != {tapp['spark_version']}")
        if app["app_name"] != tapp["app_name"]:
            problems.append(f"app {ai} name {app['app_name']!r} != {tapp['app_name']!r}")
        jobs = {j["id"]: j for j in app["jobs"]}
        for tj in tapp["jobs"]:
            j = jobs.get(tj["id"])
            if not j:
                problems.append(f"app {ai} job {tj['id']} missing")
                continue
            if j["status"] != tj["status"]:
                problems.append(f"app {ai} job {tj['id']} status {j['status']} != {tj['status']}")
            if sorted(j["stages"]) != sorted(tj["stages"]):
                problems.append(f"app {ai} job {tj['id']} stages {j['stages']} != {tj['stages']}")
            if sorted(j["skipped_stages"]) != sorted(tj["skipped_stages"]):
                problems.append(f"app {ai} job {tj['id']} skipped {j['skipped_stages']} != {tj['skipped_stages']}")
        stages = {(s["id"], s["attempt"]): s for s in app["stages"]}
        for ts in tapp["stages"]:
            key = (ts["id"], ts["attempt"])
            s = stages.get(key)
            where = f"app {ai} stage {ts['id']}.{ts['attempt']}"
            if not s:
                problems.append(f"{where} missing")
                continue
            for f in ("kind", "status"):
                if s[f] != ts[f]:
                    problems.append(f"{where} {f} {s[f]} != {ts[f]}")
            if ts["status"] != "skipped" and s["num_tasks"] != ts["num_tasks"]:
                problems.append(f"{where} num_tasks {s['num_tasks']} != {ts['num_tasks']}")
            for f in ("started", "succeeded", "failed", "killed", "speculative"):
                if s["tasks"][f] != ts["tasks"][f]:
                    problems.append(f"{where} tasks.{f} {s['tasks'][f]} != {ts['tasks'][f]}")
            tm, sm = ts["task_ms"], s["task_ms"]
            for f in ("count", "sum", "min", "max"):
                if tm.get(f) is not None and (sm[f] or 0) != tm[f] and not (tm["count"] == 0 and sm[f] is None):
                    problems.append(f"{where} task_ms.{f} {sm[f]} != {tm[f]}")
            if tm.get("count"):
                for q in ("p50", "p90", "p99"):
                    # The promise: within 0.5% of the nearest-rank value
                    # (the truth's, when it kept the durations), and
                    # inside [min, max] always.
                    want = tm.get(q)
                    if sm[q] is None or not (tm["min"] <= sm[q] <= tm["max"]):
                        problems.append(f"{where} task_ms.{q} {sm[q]} outside [{tm['min']}, {tm['max']}]")
                    elif want is not None and abs(sm[q] - want) > want * 0.004975124378109453 + 1e-6:
                        problems.append(f"{where} task_ms.{q} {sm[q]}, nearest rank {want} (more than 0.5% off)")
            # Shuffle ids are in the log from 3.0 on ("as input to shuffle N").
            # A skipped parent (a new stage for an old shuffle) is never
            # registered again, so the log cannot name the shuffle it reads
            # through it: then sparklog may know only part of the reads.
            skipped_parent = any(stages.get((p, 0), {}).get("status") == "skipped"
                                 for p in s["parents"])
            if ts["status"] != "skipped" and spark >= "3":
                if s["shuffle_write"] != ts["shuffle_write"]:
                    problems.append(f"{where} shuffle_write {s['shuffle_write']} != {ts['shuffle_write']}")
                if skipped_parent:
                    if not set(s["shuffle_reads"]) <= set(ts["shuffle_reads"]):
                        problems.append(f"{where} shuffle_reads {s['shuffle_reads']} not within {ts['shuffle_reads']}")
                elif sorted(s["shuffle_reads"]) != sorted(ts["shuffle_reads"]):
                    problems.append(f"{where} shuffle_reads {s['shuffle_reads']} != {ts['shuffle_reads']}")
    return problems


def main():
    sparklog, gen, tmp = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    passed = failed = 0
    for scenario in SCENARIOS:
        for layout, spark in VARIANTS:
            if layout == "json" and spark != "4.0":
                continue
            problems = check(sparklog, gen, tmp, scenario, layout, spark)
            name = f"{scenario} {layout} {spark}"
            if problems:
                failed += 1
                print(f"FAIL {name}")
                for p in problems[:8]:
                    print("   ", p)
                if len(problems) > 8:
                    print(f"    ... {len(problems) - 8} more")
            else:
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
