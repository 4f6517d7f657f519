#!/usr/bin/env python3
"""Findings against the generator's ground truth, and `check` exit codes.

For every scenario in several layouts and Spark versions, the set of
(id, app, stage, attempt) findings sparklog reports must equal the truth's
expected_findings: every expected id, and no other. Then `check` must exit
1 for the failure scenarios (--fail-on warning), 0 for a clean log and 3
for a WARN-only log (0 with --allow-empty).
Usage: check_findings.py SPARKLOG SPARKGEN TMPDIR
"""
import json
import subprocess
import sys
from pathlib import Path

# Findings of one application that name no stage (engine.h).
APP_FINDINGS = {"STREAM_BEHIND", "AQE_COALESCE_CAPPED"}

SCENARIOS = ["clean", "skew", "fetch_failure", "task_retry_abort", "speculation",
             "executor_loss", "tiny_tasks", "skipped_stages", "aqe", "multi_app",
             "warn_only", "mixed"]
VARIANTS = [("default", "3.5"), ("default", "2.4"), ("default", "1.6"), ("glue", "3.5"),
            ("fullclass", "3.5"), ("cdh", "2.4"), ("json", "4.0"), ("default", "4.0")]


OUTCOME_IDS = {"APP_FAILED", "APP_KILLED", "LOG_CUT_OFF", "JOB_FAILED_RECOVERED"}


def gen(g, tmp, scenario, layout, spark):
    log = tmp / f"{scenario}-{layout}-{spark}.log"
    truth = tmp / f"{scenario}-{layout}-{spark}.json"
    subprocess.run([g, "--scenario", scenario, "--seed", "7", "--layout", layout,
                    "--spark", spark, "--out", str(log), "--truth", str(truth)], check=True)
    return log, json.loads(truth.read_text())


def main():
    sparklog, g, tmp = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    passed = failed = 0
    for scenario in SCENARIOS:
        for layout, spark in VARIANTS:
            log, truth = gen(g, tmp, scenario, layout, spark)
            out = subprocess.run([sparklog, "--format", "json", str(log)], capture_output=True)
            doc = json.loads(out.stdout)
            # A finding over several stages (findings.c) counts once per stage.
            # The generator's truth lists stage-level findings; the
            # applications' outcomes (APP_FAILED, ...) are checked against
            # the answer keys (tests/keys) and by the aborted-job gate below.
            got = sorted((f["id"], f["app"], s["stage"], s["attempt"])
                         for f in doc["findings"]
                         if f["id"] != "THRESHOLD" and f["id"] not in OUTCOME_IDS
                         for s in (f["stages"] or [{"stage": f["stage"],
                                                    "attempt": f["attempt"]}]))
            # The truth numbers applications from 0, sparklog/2 from 1
            # (apps[].seq).
            # Application-level findings (no stage) name their application
            # too, but for the input-wide NO_SCHEDULER_LINES.
            want = sorted((f["id"], f["app"] + 1
                           if f["stage"] is not None or f["id"] in APP_FINDINGS
                           else None,
                           f["stage"], f["attempt"]) for f in truth["expected_findings"])
            if got != want:
                failed += 1
                print(f"FAIL {scenario} {layout} {spark}: findings\n    got  {got}\n    want {want}")
            else:
                passed += 1
    # Exit codes of the gate (default layout, 3.5).
    expect = {"skew": 1, "fetch_failure": 1, "tiny_tasks": 1, "executor_loss": 1,
              "task_retry_abort": 1, "clean": 0, "warn_only": 3}
    for scenario, code in expect.items():
        log, _ = gen(g, tmp, scenario, "default", "3.5")
        r = subprocess.run([sparklog, "check", "--no-config", "--fail-on", "warning", str(log)],
                           capture_output=True)
        if r.returncode != code:
            failed += 1
            print(f"FAIL check {scenario}: exit {r.returncode}, want {code}")
        else:
            passed += 1
    log, _ = gen(g, tmp, "warn_only", "default", "3.5")
    r = subprocess.run([sparklog, "check", "--no-config", "--allow-empty", str(log)], capture_output=True)
    if r.returncode != 0:
        failed += 1
        print(f"FAIL check warn_only --allow-empty: exit {r.returncode}")
    else:
        passed += 1
    # An aborted last job fails the run with the default settings: APP_FAILED
    # is an error, whatever the stage-level findings say.
    log, _ = gen(g, tmp, "task_retry_abort", "default", "3.5")
    r = subprocess.run([sparklog, "check", "--no-config", str(log)], capture_output=True)
    ids = [f["id"] for f in json.loads(subprocess.run(
        [sparklog, "--format", "json", str(log)], capture_output=True).stdout)["findings"]]
    if r.returncode != 1 or "APP_FAILED" not in ids:
        failed += 1
        print(f"FAIL check task_retry_abort (defaults): exit {r.returncode}, ids {ids}")
    else:
        passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
