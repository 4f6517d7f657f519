#!/usr/bin/env bash
# label: cli
# Hostile scheduler messages: numbers too large to be real, negative and
# absurd durations, duplicate TIDs, a task of a stage never submitted.
# Malformed content is data: every run exits 0 with valid JSON, and what
# could not be believed is counted in input.rejected_events.
. "$(dirname "$0")/hostile_lib.bash"

BIG=1180591620717411303424 # 2^70
L() { printf '24/08/13 15:12:%02d INFO %s\n' "$1" "$2"; }

# 2^70 as a job id, a stage id and a TID: four lines, one huge id each.
# Expected: exit 0; rejected_events == 4; no job or stage with a wrapped
# id (2^70 mod 2^64 = 0, so a wrap would show as job/stage 0... there is
# none here except the genuine job 0 and stage 0); no number in the
# document above 2^53.
{
  L 1 "SparkContext: Running Spark version 3.5.1"
  L 2 "DAGScheduler: Got job 0 (count at X.scala:1) with 1 output partitions"
  L 2 "DAGScheduler: Submitting ResultStage 0 (MapPartitionsRDD[1] at count at X.scala:1), which has no missing parents"
  L 3 "DAGScheduler: Got job $BIG (count at X.scala:1) with 1 output partitions"
  L 3 "DAGScheduler: Submitting ResultStage $BIG (MapPartitionsRDD[1] at count at X.scala:1), which has no missing parents"
  L 4 "TaskSetManager: Starting task 0.0 in stage 0.0 (TID $BIG) (host, executor driver, partition 0, PROCESS_LOCAL, 7595 bytes)"
  L 5 "TaskSetManager: Finished task 0.0 in stage 0.0 (TID $BIG) in 5 ms on host (executor driver) (1/1)"
} >"$T/ids.log"
run -f json "$T/ids.log"
expect_rc 0 "2^70 ids"
jcheck "2^70 ids: 4 rejected events" 'i["rejected_events"] == 4'
jcheck "2^70 ids: no number above 2^53" \
  'all(abs(v) <= 2**53 for p, v in numbers())'
jcheck "2^70 ids: one job, one stage (nothing wrapped to a new id)" \
  'len(jobs()) <= 1 and len(stages()) <= 1'

# 2^70 as a duration: a task's, a stage's and a job's.
# Expected: exit 0; rejected_events == 3; no number above 2^53 (a
# duration in ms of 2^70 s would be ~1.2e24); no NaN/Infinity.
{
  L 1 "SparkContext: Running Spark version 3.5.1"
  L 2 "DAGScheduler: Got job 0 (count at X.scala:1) with 1 output partitions"
  L 2 "DAGScheduler: Submitting ResultStage 0 (MapPartitionsRDD[1] at count at X.scala:1), which has no missing parents"
  L 3 "TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) (host, executor driver, partition 0, PROCESS_LOCAL, 7595 bytes)"
  L 4 "TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) in $BIG ms on host (executor driver) (1/1)"
  L 5 "DAGScheduler: ResultStage 0 (count at X.scala:1) finished in $BIG s"
  L 6 "DAGScheduler: Job 0 finished: count at X.scala:1, took $BIG s"
} >"$T/durations.log"
run -f json "$T/durations.log"
expect_rc 0 "2^70 durations"
jcheck "2^70 durations: 3 rejected events" 'i["rejected_events"] == 3'
jcheck "2^70 durations: no number above 2^53" \
  'all(abs(v) <= 2**53 for p, v in numbers())'

# Negative and absurd durations.
# Expected: exit 0; a negative duration ("in -5 ms", "took -1.0 s") is not
# read as a duration: no duration below the -1 "unknown" sentinel anywhere;
# an absurd but representable one (10^11 s, 3,000 years) is kept as
# written and does not overflow a sum (no number above 2^53).
{
  L 1 "SparkContext: Running Spark version 3.5.1"
  L 2 "DAGScheduler: Got job 0 (count at X.scala:1) with 2 output partitions"
  L 2 "DAGScheduler: Submitting ResultStage 0 (MapPartitionsRDD[1] at count at X.scala:1), which has no missing parents"
  L 3 "TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) (host, executor driver, partition 0, PROCESS_LOCAL, 7595 bytes)"
  L 3 "TaskSetManager: Starting task 1.0 in stage 0.0 (TID 1) (host, executor driver, partition 1, PROCESS_LOCAL, 7595 bytes)"
  L 4 "TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) in -5 ms on host (executor driver) (1/2)"
  L 4 "TaskSetManager: Finished task 1.0 in stage 0.0 (TID 1) in 100000000000000 ms on host (executor driver) (2/2)"
  L 5 "DAGScheduler: ResultStage 0 (count at X.scala:1) finished in -3.0 s"
  L 6 "DAGScheduler: Job 0 finished: count at X.scala:1, took -1.0 s"
} >"$T/negative.log"
run -f json "$T/negative.log"
expect_rc 0 "negative and absurd durations"
jcheck "negative durations: none below -1 in the document" \
  'all(v >= -1 for p, v in numbers() if p.rsplit(".", 1)[-1].endswith("ms") or ".task_ms." in p)'
jcheck "absurd durations: no number above 2^53" \
  'all(abs(v) <= 2**53 for p, v in numbers())'

# Duplicate TIDs: two tasks started with TID 5, and a finish line twice.
# Expected: exit 0; all 11 lines are records; no count in the document
# under a "tasks" key exceeds the 3 "Finished task" lines present (a
# duplicate is not counted twice as a distinct completed task... at most
# the lines there are).
{
  L 1 "SparkContext: Running Spark version 3.5.1"
  L 2 "DAGScheduler: Got job 0 (count at X.scala:1) with 2 output partitions"
  L 2 "DAGScheduler: Submitting ResultStage 0 (MapPartitionsRDD[1] at count at X.scala:1), which has no missing parents"
  L 2 "TaskSchedulerImpl: Adding task set 0.0 with 2 tasks resource profile 0"
  L 3 "TaskSetManager: Starting task 0.0 in stage 0.0 (TID 5) (host, executor driver, partition 0, PROCESS_LOCAL, 7595 bytes)"
  L 3 "TaskSetManager: Starting task 1.0 in stage 0.0 (TID 5) (host, executor driver, partition 1, PROCESS_LOCAL, 7595 bytes)"
  L 4 "TaskSetManager: Finished task 0.0 in stage 0.0 (TID 5) in 10 ms on host (executor driver) (1/2)"
  L 4 "TaskSetManager: Finished task 0.0 in stage 0.0 (TID 5) in 10 ms on host (executor driver) (1/2)"
  L 5 "TaskSetManager: Finished task 1.0 in stage 0.0 (TID 5) in 20 ms on host (executor driver) (2/2)"
  L 5 "DAGScheduler: ResultStage 0 (count at X.scala:1) finished in 0.1 s"
  L 6 "DAGScheduler: Job 0 finished: count at X.scala:1, took 0.1 s"
} >"$T/dup.log"
run -f json "$T/dup.log"
expect_rc 0 "duplicate TIDs"
jcheck "duplicate TIDs: 11 records, one stage" \
  'i["records"] == 11 and len(stages()) == 1'
jcheck "duplicate TIDs: no task count above the 3 finish lines" \
  'all(v <= 3 for p, v in numbers() if ".tasks." in p + "." and
       not p.endswith("_ms") and ".task_ms" not in p)'

# A "Finished task" for a stage never submitted (the log starts mid-run).
# Expected: exit 0; the line is a record; any stage it creates is marked
# incomplete (its start was not seen); the report does not invent a
# complete stage.
{
  L 1 "SparkContext: Running Spark version 3.5.1"
  L 2 "TaskSetManager: Finished task 0.0 in stage 7.0 (TID 3) in 10 ms on host (executor 1) (1/1)"
  L 3 "DAGScheduler: ResultStage 7 (count at X.scala:1) finished in 0.5 s"
} >"$T/orphan.log"
run -f json "$T/orphan.log"
expect_rc 0 "task of an unknown stage"
jcheck "unknown stage: 3 records; any stage shown is incomplete" \
  'i["records"] == 3 and all(s.get("incomplete", True) for s in stages())'
run "$T/orphan.log"
expect_rc 0 "task of an unknown stage, text report"

# One stage over 300 executors, its tasks finishing in interleaved order
# (task i on executor 7i mod 300, two each), ten of them also lost.
# Expected: the stage lists the first 256 executors that finished a task
# (the bound), each with its 2 tasks, and sums the other 44 under
# "(others)" (88 tasks); 600 tasks and 10 failures in all.
{
  L 1 "SparkContext: Running Spark version 3.5.1"
  L 2 "DAGScheduler: Got job 0 (count at X.scala:1) with 600 output partitions"
  L 2 "DAGScheduler: Submitting ResultStage 0 (MapPartitionsRDD[1] at count at X.scala:1), which has no missing parents"
  awk 'BEGIN {
    for (i = 0; i < 600; i++) {
      e = (7 * i) % 300
      printf "24/08/13 15:12:03 INFO TaskSetManager: Finished task %d.0 in stage 0.0 (TID %d) in 10 ms on h%d (executor %d) (%d/600)\n", i, i, e, e, i + 1
    }
    for (k = 0; k < 10; k++)
      printf "24/08/13 15:12:04 WARN TaskSetManager: Lost task %d.1 in stage 0.0 (TID %d) (h%d executor %d): java.lang.RuntimeException: boom\n", k, 600 + k, k, k
  }'
} >"$T/wide.log"
run -f json "$T/wide.log"
expect_rc 0 "300 executors in one stage"
for what in executors; do
  jcheck "300 executors in one stage: $what bounded at 256 + (others)" "
    [x for x in [v for p, v in walk(d) if p.endswith('.$what') and
                 isinstance(v, dict) and len(v) > 100]
     if len(x) == 257 and x['(others)']['tasks'] == 88 and
        all(t['tasks'] == 2 for k, t in x.items() if k != '(others)') and
        sum(t['tasks'] for t in x.values()) == 600 and
        sum(t['failed'] for t in x.values()) == 10] != []"
done

finish
