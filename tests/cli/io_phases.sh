#!/usr/bin/env bash
# An I/O phase per kind (listing, commit, metastore, broadcast) that takes
# 60 s of a 100 s application raises IO_PHASE_DOMINATES with that phase
# and its fix; the same application with short phases raises none. The
# phases are in JSON "io_phases", ndjson `phase` objects and the text
# section "I/O phases". Skipped (77) without python3.
set -u
bin=$1
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# app <file> <phase lines...>: an application from 00:00:00 to 00:01:40
# with one job, the phase lines between its start and the job.
app() {
  local f=$1
  shift
  {
    echo "24/08/13 10:00:00 INFO SparkContext: Running Spark version 3.5.1"
    echo "24/08/13 10:00:01 INFO SparkContext: Submitted application: io"
    for l in "$@"; do echo "$l"; done
    echo "24/08/13 10:01:30 INFO DAGScheduler: Got job 0 (count at a.py:1) with 1 output partitions"
    echo "24/08/13 10:01:30 INFO DAGScheduler: Final stage: ResultStage 0 (count at a.py:1)"
    echo "24/08/13 10:01:30 INFO DAGScheduler: Submitting ResultStage 0 (MapPartitionsRDD[1] at count at a.py:1), which has no missing parents"
    echo "24/08/13 10:01:30 INFO TaskSchedulerImpl: Adding task set 0.0 with 1 tasks resource profile 0"
    echo "24/08/13 10:01:30 INFO TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) (h, executor driver, partition 0, PROCESS_LOCAL, 4000 bytes) "
    echo "24/08/13 10:01:35 INFO TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) in 5000 ms on h (executor driver) (1/1)"
    echo "24/08/13 10:01:35 INFO DAGScheduler: ResultStage 0 (count at a.py:1) finished in 5.000 s"
    echo "24/08/13 10:01:35 INFO DAGScheduler: Job 0 finished: count at a.py:1, took 5.000 s"
    echo "24/08/13 10:01:40 INFO SparkContext: Successfully stopped SparkContext"
  } >"$tmp/$f"
}

app listing.log \
  "24/08/13 10:00:05 INFO InMemoryFileIndex: It took 60000 ms to list leaf files for 4000 paths."
app commit.log \
  "24/08/13 10:00:05 INFO FileFormatWriter: Start to commit write Job 168ccfdd-4edd-4789-843c-29189d875be0." \
  "24/08/13 10:01:05 INFO FileFormatWriter: Write Job 168ccfdd-4edd-4789-843c-29189d875be0 committed. Elapsed time: 60000 ms."
app metastore.log \
  "24/08/13 10:00:05 INFO HiveUtils: Initializing HiveMetastoreConnection version 2.3.9 using Spark classes." \
  "24/08/13 10:01:05 INFO HiveMetaStore: 0: get_database: default"
app broadcast.log \
  "24/08/13 10:00:05 INFO BroadcastExchangeExec: building the relation" \
  "24/08/13 10:01:05 INFO BroadcastExchangeExec: relation built"
app clean.log \
  "24/08/13 10:00:05 INFO InMemoryFileIndex: It took 41 ms to list leaf files for 1 paths." \
  "24/08/13 10:00:06 INFO FileFormatWriter: Write Job 168ccfdd-4edd-4789-843c-29189d875be0 committed. Elapsed time: 129 ms." \
  "24/08/13 10:00:07 INFO HiveMetaStore: 0: get_database: default" \
  "24/08/13 10:00:08 INFO SparkContext: Created broadcast 0 from count at a.py:1"

check() { # file expected-phase-or-none
  "$bin" -f json "$tmp/$1" >"$tmp/out.json"
  python3 - "$tmp/out.json" "$2" <<'PY' || { echo "FAIL: $1"; fail=1; }
import json, sys
d = json.load(open(sys.argv[1]))
want = sys.argv[2]
fs = [f for f in d["findings"] if f["id"] == "IO_PHASE_DOMINATES"]
io = d["apps"][0]["io_phases"]
if want == "none":
    assert not fs, fs
    assert set(io) == {"listing", "write_commit", "metastore",
                       "broadcast_build"}, io
else:
    assert len(fs) == 1, fs
    ev = fs[0]["evidence"]
    assert ev["phase"] == want, ev
    assert want in io, io
PY
}
check listing.log listing
check commit.log write_commit
check metastore.log metastore
check broadcast.log broadcast_build
check clean.log none

# ndjson: one `phase` object per kind, placed by file and app.
n=$("$bin" -f ndjson "$tmp/clean.log" | grep -c '"type":"phase","file":"[^"]*","app":1,"kind":')
[ "$n" = 4 ] || { echo "FAIL: ndjson phase objects: $n"; fail=1; }
# text: the section, and none when there is nothing to say.
"$bin" "$tmp/clean.log" | grep -q '^I/O phases$' ||
  { echo "FAIL: no I/O phases section"; fail=1; }
sed -i '/InMemoryFileIndex\|FileFormatWriter\|HiveMetaStore\|Created broadcast/d' \
  "$tmp/clean.log"
if "$bin" "$tmp/clean.log" | grep -q '^I/O phases$'; then
  echo "FAIL: empty I/O phases section"
  fail=1
fi
exit $fail
