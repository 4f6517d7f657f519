#!/usr/bin/env bash
# label: cli
# Fixes that depend on the platform (fixes.c, findings.c): a Dataproc run
# whose executors were preempted is told about Enhanced Flexibility Mode;
# an EMR Serverless memory kill is told about memory only (nothing to
# decommission there); each fixture's apps[].platform is the one its name
# says.
set -u
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 77; }
sparklog=$1 src=$2
exec python3 - "$sparklog" "$src/testdata/fixtures" <<'PY'
import json, subprocess, sys
sparklog, fx = sys.argv[1], sys.argv[2]
fail = 0
def doc(name):
    out = subprocess.run([sparklog, "-f", "json", f"{fx}/{name}"],
                         capture_output=True).stdout
    return json.loads(out)
def fixes(d, fid):
    return " ".join(f["suggestion"] for f in d["findings"] if f["id"] == fid)
cases = [
    ("preemption-dataproc-spark33.log", "dataproc", "EXECUTOR_LOSS",
     ["efm.spark.shuffle"], []),
    ("preemption-dataproc-spark33.log", "dataproc", "FETCH_FAILURE",
     ["efm.spark.shuffle"], []),
    ("emr-serverless-exit-137-pyspark-spark35.log", "emr-serverless",
     "EXECUTOR_LOSS", ["spark.executor.memoryOverhead"],
     ["decommission", "Spot"]),
]
for name, platform, fid, want, never in cases:
    d = doc(name)
    got = d["apps"][0]["platform"]
    if got != platform:
        print(f"FAIL {name}: platform {got}, want {platform}"); fail += 1
    text = fixes(d, fid)
    for w in want:
        if w not in text:
            print(f"FAIL {name} {fid}: no '{w}' in: {text}"); fail += 1
    for w in never:
        if w in text:
            print(f"FAIL {name} {fid}: '{w}' in: {text}"); fail += 1
print(f"{len(cases)} cases, {fail} failures")
sys.exit(1 if fail else 0)
PY
