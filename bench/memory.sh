#!/usr/bin/env bash
# Memory is bounded by jobs and stages, never by tasks or lines: peak RSS
# of sparklog on two logs with the same stages and 100x the tasks.
#
#   bench/memory.sh [--stages 1000] [--tasks 100000] [--build build] [--dir bench/out]
#
# Writes two Spark-default logs (TASKS and 100 x TASKS tasks, spread over
# STAGES two-stage jobs) and prints each one's size and sparklog's peak RSS.
set -euo pipefail
stages=1000 tasks=100000 build=build dir=bench/out
while [ $# -gt 0 ]; do
  case $1 in
    --stages) stages=$2; shift 2 ;;
    --tasks) tasks=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) echo "bench/memory.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$dir"
gen() { # gen STAGES TASKS > log
  mawk -v S="$1" -v T="$2" 'BEGIN {
    per = int(T / S); tid = 0
    for (s = 0; s < S; s++) {
      if (s % 2 == 0) printf "24/03/01 10:00:01 INFO DAGScheduler: Got job %d (count at App.scala:1) with %d output partitions\n", s / 2, per
      printf "24/03/01 10:00:01 INFO DAGScheduler: Submitting %s %d (MapPartitionsRDD[%d] at count at App.scala:1), which has no missing parents\n", (s % 2 ? "ResultStage" : "ShuffleMapStage"), s, s
      printf "24/03/01 10:00:01 INFO TaskSchedulerImpl: Adding task set %d.0 with %d tasks resource profile 0\n", s, per
      for (i = 0; i < per; i++) {
        printf "24/03/01 10:00:02 INFO TaskSetManager: Starting task %d.0 in stage %d.0 (TID %d) (10.0.0.%d, executor %d, partition %d, PROCESS_LOCAL, 7733 bytes) \n", i, s, tid, i % 200, i % 50, i
        printf "24/03/01 10:00:03 INFO TaskSetManager: Finished task %d.0 in stage %d.0 (TID %d) in %d ms on 10.0.0.%d (executor %d) (%d/%d)\n", i, s, tid, 100 + (i * 7919) % 5000, i % 200, i % 50, i + 1, per
        tid++
      }
      printf "24/03/01 10:00:04 INFO DAGScheduler: %s %d (count at App.scala:1) finished in 2.000 s\n", (s % 2 ? "ResultStage" : "ShuffleMapStage"), s
      if (s % 2) printf "24/03/01 10:00:04 INFO DAGScheduler: Job %d finished: count at App.scala:1, took 3.000000 s\n", (s - 1) / 2
    }
  }'
}
echo "| stages | tasks | log size | lines | sparklog peak RSS |"
echo "|---:|---:|---:|---:|---:|"
for t in "$tasks" $((tasks * 100)); do
  f=$dir/memory-$stages-$t.log
  [ -s "$f" ] || gen "$stages" "$t" > "$f"
  rss=$( { /usr/bin/time -f %M "$build/sparklog" --format json "$f" >/dev/null; } 2>&1 | tail -1)
  printf "| %d | %d | %s | %d | %.1f MiB |\n" "$stages" "$t" "$(du -h "$f" | cut -f1)" "$(wc -l < "$f")" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
done
