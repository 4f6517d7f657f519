#!/usr/bin/env bash
# label: cli
# The time budget finds what sparkgen's time_budget scenario wrote: a slow
# start (45 s before the first job), a task set whose first task came
# 20 s after it, 90 s of the driver alone named by the metastore line
# before it; the parts sum to the wall time, the same with -j1 and -j2
#, and the text's Time section and
# verdict say it.
set -u
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 77; }
sparklog=$1 build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/tests/sparkgen" --scenario time_budget --seed 7 --out "$tmp/tb.log" \
  || exit 1
"$sparklog" -j1 -f json "$tmp/tb.log" > "$tmp/j1.json" || exit 1
"$sparklog" -j2 -f json "$tmp/tb.log" > "$tmp/j2.json" \
  || exit 1
cmp -s "$tmp/j1.json" "$tmp/j2.json" || { echo "FAIL: -j1 and -j2 differ"; exit 1; }
python3 - "$tmp/j1.json" <<'PY' || exit 1
import json, sys
app = json.load(open(sys.argv[1]))["apps"][0]
tb = app["time_budget"]
b = tb["budget"]
ok = True
def check(what, cond):
    global ok
    if not cond:
        print("FAIL: " + what)
        ok = False
parts = ["startup_ms", "running_ms", "pending_ms", "driver_only_ms",
         "shutdown_ms", "after_stop_ms"]
check("parts sum to the wall", sum(b[p] for p in parts) == tb["wall_ms"])
check("driver-only split", b["driver_only_ms"] ==
      b["job_no_task_ms"] + b["no_job_ms"])
check("slow start >= 45 s", b["startup_ms"] >= 45000)
check("pending wait >= 20 s", tb["pending"] and
      tb["pending"][0]["ms"] >= 20000)
g = tb["driver_gaps"][0] if tb["driver_gaps"] else {}
check("a gap of >= 90 s", g.get("ms", 0) >= 90000)
check("named by the line before it",
      "Persisting data source relation" in
      g.get("before", {}).get("text", ""))
check("no job open in it", g.get("kind") == "no_job")
check("shutdown: the idle minute", b["shutdown_ms"] >= 60000)
sys.exit(0 if ok else 1)
PY
"$sparklog" "$tmp/tb.log" > "$tmp/report.txt"
grep -q '^Time$' "$tmp/report.txt" || { echo "FAIL: no Time section"; exit 1; }
grep -q 'of the run was the driver working alone' "$tmp/report.txt" \
  || { echo "FAIL: no verdict sentence"; exit 1; }
echo "ok"
