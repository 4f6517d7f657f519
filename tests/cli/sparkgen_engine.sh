#!/usr/bin/env bash
# label: cli
# The generator's engine scenario (tests/gen/sparkgen.c run_engine) in
# every layout: sparklog's "engine" object finds the 12 micro-batches
# (their report's JSON on continuation lines, or whole in a JSON record),
# the 3 that fell behind, the AQE coalescing capped below its advisory
# size and the 5 PythonRunner timings; the ndjson stream has a `batch`
# line per micro-batch; -j1 and -j2 agree; the findings STREAM_BEHIND
# and AQE_COALESCE_CAPPED are raised.
# Usage: bash sparkgen_engine.sh SPARKLOG_BINARY SOURCE_DIR BUILD_DIR
set -u
sparklog=$1 GEN="$3/tests/sparkgen"
[ -x "$GEN" ] || { echo "SKIP: $GEN not built"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
for lay in default cdh fullclass glue json; do
  "$GEN" --scenario engine --seed 3 --layout "$lay" --out "$TMP/e.log" ||
    { echo "FAIL: sparkgen $lay"; fail=1; continue; }
  "$sparklog" -j1 -f json "$TMP/e.log" >"$TMP/a.json"
  "$sparklog" -j2 -f json "$TMP/e.log" >"$TMP/b.json"
  cmp -s "$TMP/a.json" "$TMP/b.json" ||
    { echo "FAIL: $lay: -j1 and -j2 differ"; fail=1; }
  "$sparklog" -f ndjson "$TMP/e.log" >"$TMP/e.nd"
  python3 - "$TMP/a.json" "$TMP/e.nd" "$lay" <<'PY' || fail=1
import json, sys
doc = json.load(open(sys.argv[1]))
lay = sys.argv[3]
bad = []
def want(what, got, exp):
    if got != exp:
        bad.append("%s: got %r, want %r" % (what, got, exp))
e = doc["apps"][0]["engine"]
ss = e["structured_streaming"]
want("progress_reports", ss["progress_reports"], 12)
want("batch_ids", ss["batch_ids"], [0, 11])
want("input_rows", ss["input_rows"], sum(100 + b for b in range(12)))
want("slowest", (ss["slowest"]["batch_id"],
                 ss["slowest"]["trigger_execution_ms"]), (11, 1511))
want("behind", (ss["falling_behind"]["count"],
                ss["falling_behind"]["trigger_interval_ms"],
                ss["falling_behind"]["max_spent_ms"]), (3, 1000, 1511))
want("query_runs", (ss["query_runs"], ss["queries"], ss["restarts"]),
     (1, 1, 0))
aqe = e["aqe"]
want("aqe", (aqe["coalesce_targets"], aqe["coalesce_capped"],
             aqe["decisions"][0]["actual_target_bytes"],
             aqe["decisions"][0]["advisory_target_bytes"]),
     (1, 1, 1048576, 67108864))
py = e["python_runner"]
want("python", (py["count"], py["total_ms"], py["boot_ms"], py["init_ms"],
                py["finish_ms"]), (5, 1500, 500, 900, 100))
ids = {f["id"] for f in doc["findings"]}
for f in ("STREAM_BEHIND", "AQE_COALESCE_CAPPED"):
    if f not in ids:
        bad.append("finding %s not raised" % f)
batches = [json.loads(l) for l in open(sys.argv[2])
           if '"type":"batch"' in l]
want("ndjson batches", [b["batch_id"] for b in batches], list(range(12)))
want("ndjson behind", sum(1 for b in batches if b["duration_ms"] > 1000), 3)
for b in bad:
    print("FAIL: %s: %s" % (lay, b))
sys.exit(1 if bad else 0)
PY
done
exit $fail
