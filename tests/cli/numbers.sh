#!/usr/bin/env bash
# label: cli
# Numbers within the promise, end to end: nearest-rank percentiles of a
# small stage, skew over a zero median (max / max(p50, 1 ms)) tripping
# --max-skew and SKEW with "median_zero" in the JSON ranking, and limits
# nothing was measured for shown as unknown (null, "-"), never 0.
set -u
for t in python3; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# stage_log FILE DURATION... : one app, one job, ShuffleMapStage 0 whose
# tasks took the given milliseconds, then ResultStage 1 of one task.
stage_log() {
  local out=$1; shift
  local n=$#
  {
    echo "24/03/01 10:00:00 INFO SparkContext: Running Spark version 3.5.1"
    echo "24/03/01 10:00:01 INFO DAGScheduler: Got job 0 (collect at T.scala:10) with 1 output partitions"
    echo "24/03/01 10:00:01 INFO DAGScheduler: Submitting ShuffleMapStage 0 (MapPartitionsRDD[1] at map at T.scala:9), which has no missing parents"
    echo "24/03/01 10:00:01 INFO TaskSchedulerImpl: Adding task set 0.0 with $n tasks resource profile 0"
    local i=0
    for d in "$@"; do
      echo "24/03/01 10:00:01 INFO TaskSetManager: Starting task $i.0 in stage 0.0 (TID $i) (host1, executor 1, partition $i, PROCESS_LOCAL, 4000 bytes)"
      i=$((i + 1))
    done
    i=0
    for d in "$@"; do
      echo "24/03/01 10:00:02 INFO TaskSetManager: Finished task $i.0 in stage 0.0 (TID $i) in $d ms on host1 (executor 1) ($((i + 1))/$n)"
      i=$((i + 1))
    done
    echo "24/03/01 10:10:02 INFO DAGScheduler: ShuffleMapStage 0 (map at T.scala:9) finished in 600.100 s"
    echo "24/03/01 10:10:02 INFO DAGScheduler: Submitting ResultStage 1 (ShuffledRDD[2] at collect at T.scala:10), which has no missing parents"
    echo "24/03/01 10:10:02 INFO TaskSetManager: Starting task 0.0 in stage 1.0 (TID $n) (host1, executor 1, partition 0, NODE_LOCAL, 4000 bytes)"
    echo "24/03/01 10:10:02 INFO TaskSetManager: Finished task 0.0 in stage 1.0 (TID $n) in 5 ms on host1 (executor 1) (1/1)"
    echo "24/03/01 10:10:02 INFO DAGScheduler: ResultStage 1 (collect at T.scala:10) finished in 0.010 s"
    echo "24/03/01 10:10:02 INFO DAGScheduler: Job 0 finished: collect at T.scala:10, took 601.000 s"
    echo "24/03/01 10:10:03 INFO SparkContext: Successfully stopped SparkContext"
  } > "$out"
}

# The report's five tasks: p90 = p99 = the slowest, p50 the third.
stage_log "$tmp/five.log" 752 837 838 959 3851
"$sparklog" report --format json "$tmp/five.log" > "$tmp/five.json" || bad "five: report"
python3 - "$tmp/five.json" <<'PY' && ok || bad "five: nearest-rank percentiles"
import json, sys
d = json.load(open(sys.argv[1]))
t = d["apps"][0]["stages"][0]["task_ms"]
assert (t["p50"], t["p90"], t["p99"]) == (838, 3851, 3851), t
r = d["shuffle_ranking"][0]
assert (r["p50_ms"], r["p90_ms"], r["median_zero"]) == (838, 3851, False), r
PY

# Ten 0 ms tasks and one of 10 minutes: skew 600000 over a 1 ms floor.
stage_log "$tmp/zero.log" 0 0 0 0 0 0 0 0 0 0 600000
"$sparklog" check --max-skew 10 --format json "$tmp/zero.log" > "$tmp/zero.json"
[ $? = 1 ] && ok || bad "zero median: --max-skew 10 must fail"
python3 - "$tmp/zero.json" <<'PY' && ok || bad "zero median: JSON"
import json, sys
d = json.load(open(sys.argv[1]))
r = d["shuffle_ranking"][0]
assert r["p50_ms"] == 0 and r["median_zero"] is True, r
assert r["skew"] == 600000, r
ids = [f["id"] for f in d["findings"]]
assert "SKEW" in ids and "THRESHOLD" in ids, ids
# The text says the median is 0 and what the ratio is against.
sk = [f for f in d["findings"] if f["id"] == "SKEW"][0]
assert "median 0 ms; skew against 1 ms: 600000x" in sk["message"], sk
lim = [l for l in d["check"]["limits"] if l["key"] == "max_skew"][0]
assert lim["breached"] and lim["worst"] == 600000, lim
PY
# Without the limit SKEW is a warning: the default gate passes, a
# warning gate fails.
"$sparklog" check "$tmp/zero.log" >/dev/null; [ $? = 0 ] && ok || bad "zero median: default gate"
"$sparklog" check --fail-on warning "$tmp/zero.log" >/dev/null; [ $? = 1 ] && ok || bad "zero median: --fail-on warning"

# Unknown is never 0: no map status size was logged and no stage has the
# three tasks skew needs, so those limits' worst is null / "-", not 0.
stage_log "$tmp/two.log" 10 20
"$sparklog" check --max-map-status-size 1KiB --max-skew 10 --max-failed-tasks 5 --format json "$tmp/two.log" > "$tmp/two.json"
[ $? = 0 ] && ok || bad "unknown: limits pass"
python3 - "$tmp/two.json" <<'PY' && ok || bad "unknown: JSON worst null"
import json, sys
d = json.load(open(sys.argv[1]))
lim = {l["key"]: l for l in d["check"]["limits"]}
for k in ("max_map_status_size", "max_skew"):
    assert lim[k]["worst"] is None and lim[k]["worst_app"] is None, lim[k]
    assert lim[k]["breached"] is False, lim[k]
# A count the log does give stays a number, 0 included.
assert lim["max_failed_tasks"]["worst"] == 0, lim["max_failed_tasks"]
assert all(s["map_status_bytes"] is None for s in d["apps"][0]["shuffles"])
PY
"$sparklog" check --max-map-status-size 1KiB --max-skew 10 "$tmp/two.log" > "$tmp/two.txt"
grep -Eq '^  ok +max_map_status_size +- +1024$' "$tmp/two.txt" && ok || bad "unknown: text worst '-': $(grep max_map "$tmp/two.txt")"

# No timestamps at all: the wall time of the application is unknown, not
# 0 ms, in the summary and in --max-app-duration.
src=$2
stripped=$src/testdata/fixtures/stripped-timestamps-local-spark32.log
"$sparklog" check --max-app-duration 1m --layout ' %p %c{1}: %m%n' "$stripped" > "$tmp/st.txt"
grep -Eq '^  ok +max_app_duration +- +60000$' "$tmp/st.txt" && ok || bad "no timestamps: max_app_duration worst: $(grep max_app "$tmp/st.txt")"
"$sparklog" report --layout ' %p %c{1}: %m%n' "$stripped" > "$tmp/st.txt"
grep -q 'wall time: -   task time' "$tmp/st.txt" && ok || bad "no timestamps: summary wall time: $(grep 'wall time' "$tmp/st.txt")"

echo "numbers: $pass passed, $fail failed"
[ "$fail" = 0 ]
