/*
 * test_extract.c - every scheduler message wording that
 * docs/spark-log-formats.md lists, by Spark version, through its
 * extractor: the event kind and the fields the model uses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "extract.h"

typedef int (*extractor)(slg_span msg, slg_event *out);

#define NONE UINT64_MAX

typedef struct {
  const char *version;
  extractor fn;
  const char *msg;
  int rc;              /* SLG_EXTRACT_* */
  slg_event_kind kind;
  uint64_t stage, attempt; /* NONE: not checked */
  uint64_t index, task_attempt, tid;
  double ms;            /* < -1: not checked */
  const char *str;      /* NULL: not checked */
} extract_case;

#define DAG slg_extract_dagscheduler
#define TSM slg_extract_tasksetmanager
#define TS slg_extract_taskscheduler
#define EXE slg_extract_executors
#define SHF slg_extract_shuffle
#define CTX slg_extract_context
#define SIDE slg_extract_executor_side
#define RUN slg_extract_run_start
#define OK SLG_EXTRACT_OK

static const extract_case cases[] = {
    /* Got job: all versions; 1.x adds "(allowLocal=false)". */
    {"3.5", DAG, "Got job 0 (count at <console>:24) with 2 output partitions",
     OK, SLG_EV_JOB_SUBMITTED, NONE, NONE, NONE, NONE, NONE, -2,
     "count at <console>:24"},
    {"1.2", DAG,
     "Got job 0 (reduce at Main.scala:25) with 2 output partitions "
     "(allowLocal=false)",
     OK, SLG_EV_JOB_SUBMITTED, NONE, NONE, NONE, NONE, NONE, -2,
     "reduce at Main.scala:25"},
    {"3.0+", DAG, "Got map stage job 3 (showString at X.java:0) with 4 output "
                  "partitions",
     OK, SLG_EV_JOB_SUBMITTED, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    /* Final stage: 1.x "Stage 0(take at" without a space. */
    {"1.x", DAG, "Final stage: Stage 0(take at <console>:25)", OK,
     SLG_EV_FINAL_STAGE, 0, NONE, NONE, NONE, NONE, -2, NULL},
    {"3.5", DAG, "Final stage: ResultStage 1 (count at <console>:24)", OK,
     SLG_EV_FINAL_STAGE, 1, NONE, NONE, NONE, NONE, -2, NULL},
    {"all", DAG, "Parents of final stage: List(ShuffleMapStage 0)", OK,
     SLG_EV_STAGE_PARENTS, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    {"all", DAG, "Missing parents: List()", OK, SLG_EV_STAGE_PARENTS, NONE,
     NONE, NONE, NONE, NONE, -2, NULL},
    /* Submitting: pre-1.4 "Stage N". */
    {"1.2", DAG,
     "Submitting Stage 0 (FilteredRDD[2] at filter at SimpleApp.scala:22), "
     "which has no missing parents",
     OK, SLG_EV_STAGE_SUBMITTED, 0, NONE, NONE, NONE, NONE, -2, NULL},
    {"3.5", DAG,
     "Submitting ShuffleMapStage 0 (MapPartitionsRDD[3] at count at "
     "<console>:24), which has no missing parents",
     OK, SLG_EV_STAGE_SUBMITTED, 0, NONE, NONE, NONE, NONE, -2, NULL},
    {"1.6", DAG,
     "Submitting 2 missing tasks from ResultStage 1 (MapPartitionsRDD[5] at "
     "count at <console>:24)",
     OK, SLG_EV_STAGE_TASKS, 1, NONE, NONE, NONE, NONE, -2, NULL},
    {"2.2+", DAG,
     "Submitting 2 missing tasks from ResultStage 1 (MapPartitionsRDD[5] at "
     "count at <console>:24) (first 15 tasks are for partitions Vector(0, "
     "1))",
     OK, SLG_EV_STAGE_TASKS, 1, NONE, NONE, NONE, NONE, -2, NULL},
    /* Stage finished: seconds (<= 3.5, '.' or ',' decimal), ms (4.0),
     * Unknown. */
    {"3.5", DAG, "ResultStage 1 (count at <console>:24) finished in 0.456 s",
     OK, SLG_EV_STAGE_FINISHED, 1, NONE, NONE, NONE, NONE, 456, NULL},
    {"3.5 de", DAG,
     "ResultStage 0 (csv at NativeMethodAccessorImpl.java:0) finished in "
     "1,543 s",
     OK, SLG_EV_STAGE_FINISHED, 0, NONE, NONE, NONE, NONE, 1543, NULL},
    {"4.0", DAG,
     "ShuffleMapStage 2 ($anonfun$withThreadLocalCaptured$2 at "
     "CompletableFuture.java:1768) finished in 366 ms",
     OK, SLG_EV_STAGE_FINISHED, 2, NONE, NONE, NONE, NONE, 366, NULL},
    {"1.x", DAG, "Stage 1 (map at sorted.scala:833) finished in 0.041 s", OK,
     SLG_EV_STAGE_FINISHED, 1, NONE, NONE, NONE, NONE, 41, NULL},
    {"any", DAG, "ResultStage 4 (count at X.scala:1) finished in Unknown s",
     OK, SLG_EV_STAGE_FINISHED, 4, NONE, NONE, NONE, NONE, -1, NULL},
    {"2.0+", DAG,
     "ResultStage 3 (count at X.scala:9) failed in 0.099 s due to Job "
     "aborted due to stage failure: Task 0 in stage 3.0 failed 4 times",
     OK, SLG_EV_STAGE_FAILED, 3, NONE, NONE, NONE, NONE, 99, NULL},
    {"4.0", DAG,
     "ResultStage 3 (count at X.scala:9) failed in 12 ms due to boom", OK,
     SLG_EV_STAGE_FAILED, 3, NONE, NONE, NONE, NONE, 12, NULL},
    /* Job end: %f s (<= 3.5), Double ms (4.0, maybe scientific). */
    {"3.5", DAG, "Job 0 finished: collect at LogQuery.scala:86, took "
                 "0.772280 s",
     OK, SLG_EV_JOB_ENDED, NONE, NONE, NONE, NONE, NONE, 772.28, NULL},
    {"4.0", DAG, "Job 74 finished: count at NativeMethodAccessorImpl.java:0, "
                 "took 118.374959 ms",
     OK, SLG_EV_JOB_ENDED, NONE, NONE, NONE, NONE, NONE, 118.374959, NULL},
    {"4.0", DAG, "Job 5 finished: count at X.scala:1, took 1.0234567E7 ms",
     OK, SLG_EV_JOB_ENDED, NONE, NONE, NONE, NONE, NONE, 10234567, NULL},
    {"3.5", DAG, "Job 2 failed: count at X.scala:1, took 0.100000 s", OK,
     SLG_EV_JOB_ENDED, NONE, NONE, NONE, NONE, NONE, 100, NULL},
    /* 1.x: no job id ("Job finished: ..."), from DAGScheduler or
     * SparkContext; the model matches the call site. */
    {"1.x", DAG, "Job finished: count at WordStats.scala:14, took 0.066 s",
     OK, SLG_EV_JOB_ENDED, NONE, NONE, NONE, NONE, NONE, 66,
     "count at WordStats.scala:14"},
    {"1.x", CTX, "Job finished: count at WordStats.scala:14, took 0.066 s",
     OK, SLG_EV_JOB_ENDED, NONE, NONE, NONE, NONE, NONE, 66,
     "count at WordStats.scala:14"},
    {"1.x", CTX, "Job finished: count at W.scala:1", OK, SLG_EV_JOB_ENDED,
     NONE, NONE, NONE, NONE, NONE, -1, "count at W.scala:1"},
    {"3.0+", DAG, "Job 0 is finished. Cancelling potential speculative or "
                  "zombie tasks for this job",
     OK, SLG_EV_JOB_END_MARKER, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    {"3.0+", DAG, "Registering RDD 3 (count at <console>:24) as input to "
                  "shuffle 0",
     OK, SLG_EV_SHUFFLE_REGISTER, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    {"2.x", DAG, "Registering RDD 3 (count at <console>:24)", OK,
     SLG_EV_SHUFFLE_REGISTER, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    /* Failures and retries. */
    {"all", DAG,
     "Marking ResultStage 3 (count at X.scala:1) as failed due to a fetch "
     "failure from ShuffleMapStage 2 (map at X.scala:2)",
     OK, SLG_EV_FETCH_FAILURE, 3, NONE, NONE, NONE, NONE, -2, NULL},
    {"all", DAG,
     "Resubmitting ShuffleMapStage 2 (map at X.scala:2) and ResultStage 3 "
     "(count at X.scala:1) due to fetch failure",
     OK, SLG_EV_STAGE_RESUBMIT, 2, NONE, NONE, NONE, NONE, -2, NULL},
    {"all", DAG,
     "Resubmitting ShuffleMapStage 2 (map at X.scala:2) because some of its "
     "tasks had failed: 3, 7",
     OK, SLG_EV_STAGE_RESUBMIT, 2, NONE, NONE, NONE, NONE, -2, NULL},
    {"all", DAG, "Executor lost: 3 (epoch 5)", OK, SLG_EV_EXECUTOR_LOST,
     NONE, NONE, NONE, NONE, NONE, -2, NULL},
    {"2.x+", DAG, "Resubmitted ShuffleMapTask(0, 137), so marking it as "
                  "still running.",
     OK, SLG_EV_TASK_RESUBMITTED, 0, NONE, NONE, NONE, NONE, -2, NULL},
    /* TaskSchedulerImpl. */
    {"<=3.0", TS, "Adding task set 1.0 with 2 tasks", OK,
     SLG_EV_TASKSET_ADDED, 1, 0, NONE, NONE, NONE, -2, NULL},
    {"3.1+", TS, "Adding task set 3.1 with 4 tasks resource profile 0", OK,
     SLG_EV_TASKSET_ADDED, 3, 1, NONE, NONE, NONE, -2, NULL},
    {"<=3.5", TS, "Removed TaskSet 0.0, whose tasks have all completed, from "
                  "pool ",
     OK, SLG_EV_TASKSET_REMOVED, 0, 0, NONE, NONE, NONE, -2, NULL},
    {"4.0", TS, "Removed TaskSet 2.1 whose tasks have all completed, from "
                "pool",
     OK, SLG_EV_TASKSET_REMOVED, 2, 1, NONE, NONE, NONE, -2, NULL},
    {"all", TS, "Lost executor 2 on h: Container killed by YARN for "
                "exceeding physical memory limits.",
     OK, SLG_EV_EXECUTOR_LOST, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    /* The starvation timer (failure-messages 5.5). */
    {"all", TS, "Initial job has not accepted any resources; check your "
                "cluster UI to ensure that workers are registered and have "
                "sufficient resources",
     OK, SLG_EV_NO_RESOURCES, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    /* TaskSetManager: Starting task in each version's shape. */
    {"1.6", TSM, "Starting task 0.0 in stage 1.0 (TID 1, localhost, "
                 "partition 0,PROCESS_LOCAL, 2135 bytes)",
     OK, SLG_EV_TASK_START, 1, 0, 0, 0, 1, -2, NULL},
    {"2.0", TSM, "Starting task 40.0 in stage 8.0 (TID 21058, host-0, "
                 "partition 40, PROCESS_LOCAL, 5112 bytes)",
     OK, SLG_EV_TASK_START, 8, 0, 40, 0, 21058, -2, NULL},
    {"2.1-3.0", TSM, "Starting task 0.0 in stage 0.0 (TID 0, 10.0.0.5, "
                     "executor 1, partition 0, PROCESS_LOCAL, 7733 bytes)",
     OK, SLG_EV_TASK_START, 0, 0, 0, 0, 0, -2, NULL},
    {"3.1-3.3", TSM, "Starting task 0.0 in stage 0.0 (TID 0) (10.0.0.5, "
                     "executor 1, partition 0, PROCESS_LOCAL, 7733 bytes) "
                     "taskResourceAssignments Map()",
     OK, SLG_EV_TASK_START, 0, 0, 0, 0, 0, -2, NULL},
    {"3.4-3.5", TSM, "Starting task 81.1 in stage 0.0 (TID 108) "
                     "(10.244.12.118, executor 3, partition 81, "
                     "PROCESS_LOCAL, 4556 bytes) ",
     OK, SLG_EV_TASK_START, 0, 0, 81, 1, 108, -2, NULL},
    {"4.0", TSM, "Starting task 0.0 in stage 0.0 (TID 0) (172.19.0.4,executor "
                 "0, partition 0, PROCESS_LOCAL, 9679 bytes) ",
     OK, SLG_EV_TASK_START, 0, 0, 0, 0, 0, -2, NULL},
    /* Finished task: 1.6-2.0 without executor, 2.1+ with. */
    {"1.6", TSM, "Finished task 0.0 in stage 0.0 (TID 0) in 4029 ms on "
                 "localhost (1/1)",
     OK, SLG_EV_TASK_END, 0, 0, 0, 0, 0, 4029, NULL},
    {"2.1+", TSM, "Finished task 3.0 in stage 1.0 (TID 7) in 1532 ms on "
                  "ip-10-0-0-5.ec2.internal (executor 2) (4/8)",
     OK, SLG_EV_TASK_END, 1, 0, 3, 0, 7, 1532, NULL},
    /* Lost task: 1.6-2.0, 2.1-3.0, 3.1+ (no comma before executor). */
    {"1.6", TSM, "Lost task 0.0 in stage 2.0 (TID 9, h1): "
                 "java.lang.RuntimeException: boom",
     OK, SLG_EV_TASK_LOST, 2, 0, 0, 0, 9, -2, NULL},
    {"2.1-3.0", TSM,
     "Lost task 0.0 in stage 15.0 (TID 6741, dataproc-w-19, executor 37): "
     "org.apache.hudi.exception.HoodieException: x",
     OK, SLG_EV_TASK_LOST, 15, 0, 0, 0, 6741, -2, NULL},
    {"3.1+", TSM, "Lost task 0.3 in stage 2.0 (TID 9) (10.0.0.7 executor 2): "
                  "java.lang.RuntimeException: boom",
     OK, SLG_EV_TASK_LOST, 2, 0, 0, 3, 9, -2, NULL},
    {"3.0+", TSM,
     "Lost task 20.0 in stage 3.0 (TID 55) (h executor 1): "
     "FetchFailed(BlockManagerId(1, h, 7337, None), shuffleId=0, "
     "mapIndex=3, mapId=3, reduceId=20, message=",
     OK, SLG_EV_TASK_LOST, 3, 0, 20, 0, 55, -2, "FetchFailed"},
    {"2.x+", TSM,
     "Lost task 4.0 in stage 2.0 (TID 12) (h executor 3): "
     "ExecutorLostFailure (executor 3 exited caused by one of the running "
     "tasks) Reason: Container killed by YARN for exceeding memory limits",
     OK, SLG_EV_TASK_LOST, 2, 0, 4, 0, 12, -2, "ExecutorLostFailure"},
    {"2.2+", TSM, "Lost task 7.0 in stage 2.0 (TID 40) (h1 executor 1): "
                  "TaskKilled (another attempt succeeded)",
     OK, SLG_EV_TASK_LOST, 2, 0, 7, 0, 40, -2, "TaskKilled"},
    {"2.1+", TSM, "Lost task 1.1 in stage 0.0 (TID 5) on h, executor 2: "
                  "java.lang.X (msg) [duplicate 1]",
     OK, SLG_EV_TASK_LOST, 0, 0, 1, 1, 5, -2, NULL},
    {"all", TSM, "Task 0 in stage 2.0 failed 4 times; aborting job", OK,
     SLG_EV_TASK_ABORT, 2, 0, 0, NONE, NONE, -2, NULL},
    {"<=2.4", TSM, "Marking task 7 in stage 2.0 (on h1) as speculatable "
                   "because it ran more than 1500 ms",
     OK, SLG_EV_TASK_SPECULATABLE, 2, 0, 7, NONE, NONE, -2, NULL},
    {"3.0-3.5", TSM, "Marking task 7 in stage 2.0 (on h1) as speculatable "
                     "because it ran more than 1500 ms(1 speculatable tasks "
                     "in this taskset now)",
     OK, SLG_EV_TASK_SPECULATABLE, 2, 0, 7, NONE, NONE, -2, NULL},
    {"4.0", TSM, "Marking task 7 in stage 2.0 (on h1) as speculatable "
                 "because it ran more than 1500.0 ms(2speculatable tasks in "
                 "this taskset now)",
     OK, SLG_EV_TASK_SPECULATABLE, 2, 0, 7, NONE, NONE, -2, NULL},
    {"2.0+", TSM, "Killing attempt 0 for task 3.0 in stage 1.0 (TID 40) on "
                  "h1 as the attempt 1 succeeded on h2",
     OK, SLG_EV_TASK_KILL_ATTEMPT, 1, 0, 3, 0, 40, -2, NULL},
    /* Shuffle and AQE. */
    {"3.2-3.5", SHF, "For shuffle(0), advisory target size: 67108864, actual "
                     "target size 1048576, minimum partition size: 1048576",
     OK, SLG_EV_AQE_TARGET, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    {"4.0", SHF, "For shuffle(0, advisory target size: 67108864, actual "
                 "target size 1048576, minimum partition size: 1048576",
     OK, SLG_EV_AQE_TARGET, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    /* SparkContext. */
    {"all", CTX, "Running Spark version 3.5.1", OK, SLG_EV_SPARK_VERSION,
     NONE, NONE, NONE, NONE, NONE, -2, "3.5.1"},
    {"2.2+", CTX, "Submitted application: demo", OK, SLG_EV_APP_NAME, NONE,
     NONE, NONE, NONE, NONE, -2, "demo"},
    /* Where a driver run begins: a JVM's loopback line, and the first
     * lines of a context of a Spark that prints no version. */
    {"all", RUN, "Your hostname, h resolves to a loopback address: "
                 "127.0.0.1; using 10.0.0.5 instead (on interface en0)",
     OK, SLG_EV_RUN_START, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    {"0.8", RUN, "MemoryStore started with capacity 901.2 MB.", OK,
     SLG_EV_RUN_START, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    {"1.x", RUN, "Changing view acls to: zhuohuawu,", OK, SLG_EV_RUN_START,
     NONE, NONE, NONE, NONE, NONE, -2, NULL},
    {"all", RUN, "Set SPARK_LOCAL_IP if you need to bind to another address",
     SLG_EXTRACT_NONE, SLG_EV_NONE, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    {"all", RUN, "Block broadcast_0 stored as values in memory (estimated "
                 "size 56.8 KB, free 901.2 MB)",
     SLG_EXTRACT_NONE, SLG_EV_NONE, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    {"all", RUN, "MemoryStore cleared", SLG_EXTRACT_NONE, SLG_EV_NONE, NONE,
     NONE, NONE, NONE, NONE, -2, NULL},
    {"all", RUN, "Your hostname, h resolves to 10.0.0.5", SLG_EXTRACT_NONE,
     SLG_EV_NONE, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    /* Executor side (local mode): result sizes only. */
    {"all", SIDE, "Finished task 0.0 in stage 1.0 (TID 1). 2082 bytes result "
                  "sent to driver",
     OK, SLG_EV_RESULT_SENT, 1, 0, NONE, NONE, 1, -2, NULL},
    /* Too large to be real: rejected, never wrapped. */
    {"any", TSM, "Finished task 0.0 in stage 1180591620717411303424.0 (TID 1) "
                 "in 5 ms on h (executor 1) (1/1)",
     SLG_EXTRACT_REJECTED, SLG_EV_NONE, NONE, NONE, NONE, NONE, NONE, -2,
     NULL},
    /* Not ours. */
    {"any", DAG, "looking for newly runnable stages", SLG_EXTRACT_NONE,
     SLG_EV_NONE, NONE, NONE, NONE, NONE, NONE, -2, NULL},
    {"any", TSM, "Starting task in nowhere", SLG_EXTRACT_NONE, SLG_EV_NONE,
     NONE, NONE, NONE, NONE, NONE, -2, NULL},
};

static void test_extract__every_version_wording(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const extract_case *c = &cases[i];
    slg_event ev;
    slg_event_clear(&ev);
    int rc = c->fn(slg_span_make(c->msg, strlen(c->msg)), &ev);
    if (rc != c->rc)
      fail_msg("case %zu (%s) \"%s\": rc %d, want %d", i, c->version, c->msg,
               rc, c->rc);
    if (rc != SLG_EXTRACT_OK)
      continue;
    if (ev.kind != c->kind)
      fail_msg("case %zu (%s): kind %d, want %d", i, c->version, ev.kind,
               c->kind);
    if (c->stage != NONE && ev.stage != c->stage)
      fail_msg("case %zu (%s): stage %llu", i, c->version,
               (unsigned long long)ev.stage);
    if (c->attempt != NONE && ev.attempt != c->attempt)
      fail_msg("case %zu (%s): attempt %llu", i, c->version,
               (unsigned long long)ev.attempt);
    if (c->index != NONE && ev.index != c->index)
      fail_msg("case %zu (%s): index %llu", i, c->version,
               (unsigned long long)ev.index);
    if (c->task_attempt != NONE && ev.task_attempt != c->task_attempt)
      fail_msg("case %zu (%s): task attempt %llu", i, c->version,
               (unsigned long long)ev.task_attempt);
    if (c->tid != NONE && ev.tid != c->tid)
      fail_msg("case %zu (%s): tid %llu", i, c->version,
               (unsigned long long)ev.tid);
    if (c->ms >= -1 && (ev.ms < c->ms - 1e-6 || ev.ms > c->ms + 1e-6))
      fail_msg("case %zu (%s): ms %f, want %f", i, c->version, ev.ms, c->ms);
    if (c->str && !(ev.str.len == strlen(c->str) &&
                    memcmp(ev.str.ptr, c->str, ev.str.len) == 0))
      fail_msg("case %zu (%s): str \"%.*s\", want \"%s\"", i, c->version,
               (int)ev.str.len, ev.str.ptr, c->str);
  }
}

/* Which first line of a run: the JVM's, or a context's. */
static void test_extract__run_start_kind(void **state)
{
  (void)state;
  slg_event ev;
  const char *line = "Your hostname, h resolves to a loopback address: "
                     "127.0.1.1; using 192.168.1.164 instead";
  slg_span jvm = slg_span_make(line, strlen(line));
  assert_int_equal(slg_extract_run_start(jvm, &ev), SLG_EXTRACT_OK);
  assert_int_equal(ev.flag, SLG_RUN_START_JVM);
  slg_span ctx = slg_span_make("MemoryStore started with capacity 1 GB", 38);
  assert_int_equal(slg_extract_run_start(ctx, &ev), SLG_EXTRACT_OK);
  assert_int_equal(ev.flag, SLG_RUN_START_CONTEXT);
}

static void test_extract__durations(void **state)
{
  (void)state;
  static const struct {
    const char *text;
    double ms;
  } d[] = {{"1.353 s", 1353},   {"1,543 s", 1543},
           {"118 ms", 118},     {"118.374959 ms", 118.374959},
           {"1.0234567E7 ms", 10234567}, {"Unknown s", -1}};
  for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
    const char *p = d[i].text;
    double ms = 0;
    assert_int_equal(slg_parse_duration(&p, p + strlen(p), &ms), 1);
    if (ms < d[i].ms - 1e-6 || ms > d[i].ms + 1e-6)
      fail_msg("\"%s\": %f", d[i].text, ms);
  }
}

static void test_extract__stage_lists(void **state)
{
  (void)state;
  static const char *lists[] = {"ShuffleMapStage 0, ResultStage 3",
                                "ShuffleMapStage 0, ResultStage 3"};
  for (size_t k = 0; k < 2; k++) {
    const char *p = lists[k], *end = p + strlen(p);
    slg_stage_kind kind;
    uint64_t id;
    assert_int_equal(slg_stage_list_next(&p, end, &kind, &id), 1);
    assert_int_equal(kind, SLG_STAGE_SHUFFLE_MAP);
    assert_int_equal(id, 0);
    assert_int_equal(slg_stage_list_next(&p, end, &kind, &id), 1);
    assert_int_equal(kind, SLG_STAGE_RESULT);
    assert_int_equal(id, 3);
    assert_int_equal(slg_stage_list_next(&p, end, &kind, &id), 0);
  }
}

/* The extractor (fast readers first) and the general parser agree on msg;
 * returns whether a fast reader took it. */
static int agree(const char *text, size_t len)
{
  slg_span msg = slg_span_make(text, len);
  slg_event fast, general, only;
  slg_event_clear(&fast);
  slg_event_clear(&general);
  int rc = slg_extract_tasksetmanager(msg, &fast);
  int rg = slg_extract_tasksetmanager_general(msg, &general);
  if (rc != rg)
    fail_msg("\"%.*s\": rc %d, general %d", (int)len, text, rc, rg);
  if (rc == SLG_EXTRACT_OK && !slg_event_equal(&fast, &general))
    fail_msg("\"%.*s\": the fast event differs", (int)len, text);
  slg_span trimmed = slg_trim_right(msg);
  int took = slg_extract_tsm_fast_start(trimmed, &only) ||
             slg_extract_tsm_fast_end(trimmed, &only);
  if (took && !(rc == SLG_EXTRACT_OK && slg_event_equal(&only, &general)))
    fail_msg("\"%.*s\": fast path event differs", (int)len, text);
  return took;
}

/* Every locality word, and words that only look like one, through the
 * whole reader (fast path) and the general parser. */
static void test_extract__task_locality_words(void **state)
{
  (void)state;
  static const struct {
    const char *word;
    slg_locality loc;
  } words[] = {
      {"PROCESS_LOCAL", SLG_LOC_PROCESS_LOCAL},
      {"NODE_LOCAL", SLG_LOC_NODE_LOCAL},
      {"NO_PREF", SLG_LOC_NO_PREF},
      {"RACK_LOCAL", SLG_LOC_RACK_LOCAL},
      {"ANY", SLG_LOC_ANY},
      {"PROCESS_LOCAX", SLG_LOC_OTHER}, /* the length of PROCESS_LOCAL */
      {"NODE_LOCAX", SLG_LOC_OTHER},    /* the length of NODE_LOCAL */
      {"PROCESS", SLG_LOC_OTHER},
      {"NODE_LOCALS", SLG_LOC_OTHER},
      {"RACK_LOCAX", SLG_LOC_OTHER}, /* 10 bytes, not starting with N */
      {"NACK_LOCAL", SLG_LOC_OTHER}, /* 10 bytes starting with N */
      {"NO_PREX", SLG_LOC_OTHER},
      {"ANZ", SLG_LOC_OTHER},
      {"AN", SLG_LOC_OTHER},
      {"PROCESS_LOCAL_XY", SLG_LOC_OTHER}, /* 16 bytes */
      {"ZZZZZZZZZZZZZZZZZ", SLG_LOC_OTHER}, /* 17: past one compare */
      {"NO_PREG", SLG_LOC_OTHER},
      {"ANYY", SLG_LOC_OTHER},
      {"BNY", SLG_LOC_OTHER},
  };
  /* A short byte count leaves fewer than 16 bytes after a short word (the
   * fast reader's name-by-name compare), a long one more (its one 16-byte
   * compare). */
  for (size_t i = 0; i < 2 * (sizeof(words) / sizeof(words[0])); i++) {
    size_t w = i % (sizeof(words) / sizeof(words[0]));
    char m[200];
    snprintf(m, sizeof m,
             "Starting task 1.0 in stage 2.0 (TID 3) (h, executor 4, "
             "partition 1, %s, %s bytes) ",
             words[w].word, i < sizeof(words) / sizeof(words[0])
                                ? "70"
                                : "123456789012345");
    slg_event fast, general;
    slg_span sp = slg_span_make(m, strlen(m));
    assert_int_equal(slg_extract_tasksetmanager(sp, &fast), SLG_EXTRACT_OK);
    assert_int_equal(slg_extract_tasksetmanager_general(sp, &general),
                     SLG_EXTRACT_OK);
    assert_int_equal(fast.locality, words[w].loc);
    assert_int_equal(general.locality, words[w].loc);
    assert_true(slg_event_equal(&fast, &general));
  }
}

static void test_extract__task_fast_paths_match_general(void **state)
{
  (void)state;
  /* The shapes the fast readers take (Starting with 3.x and 2.1-3.0
   * detail, Finished of 2.1+ and 1.6-2.0), then ones they must leave to
   * the general parser. */
  static const struct {
    const char *msg;
    int fast;
  } lines[] = {
      {"Starting task 0.0 in stage 0.0 (TID 0) (ip-10-0-182-218.ec2.internal, "
       "executor 1, partition 0, PROCESS_LOCAL, 7000 bytes) ",
       1},
      {"Starting task 3.1 in stage 12.2 (TID 45) (10.0.0.5, executor 7, "
       "partition 3, NODE_LOCAL, 4892 bytes) taskResourceAssignments Map()",
       1},
      {"Starting task 0.0 in stage 1.0 (TID 1, host-a, executor 2, "
       "partition 0, RACK_LOCAL, 2135 bytes)",
       1},
      {"Starting task 9.0 in stage 1.0 (TID 9) (h, executor driver, "
       "partition 9, ANY, 1 bytes)\r",
       1},
      {"Finished task 12.0 in stage 0.0 (TID 12) in 502 ms on "
       "ip-10-0-151-68.ec2.internal (executor 4) (1/1143)",
       1},
      {"Finished task 0.0 in stage 0.0 (TID 0) in 4029 ms on localhost (1/1)",
       1},
      {"Finished task 0.0 in stage 0.0 (TID 0) in 4029 ms on localhost", 1},
      /* Ending in a digit: the general parser's (no bounds-free digits). */
      {"Finished task 0.0 in stage 0.0 (TID 0) in 5 ms on 10.0.0.1", 0},
      /* Numbers of 1 to 15 digits, leading zeros. */
      {"Starting task 1234567.0 in stage 12345678.0 (TID 123456789) (h, "
       "executor 0012, partition 0000007, ANY, 999999999999999 bytes)",
       1},
      {"Finished task 7654321.12 in stage 98765432.1 (TID 100000000) in "
       "0000000000000 ms on h (executor 1) (1/1)",
       1},
      /* 4.0: no blank after the commas. */
      {"Starting task 0.0 in stage 0.0 (TID 0) (host,executor 0, partition "
       "0, PROCESS_LOCAL, 9 bytes)",
       0},
      /* 1.6: no executor field, locality glued to the partition. */
      {"Starting task 0.0 in stage 0.0 (TID 0, localhost, partition "
       "0,PROCESS_LOCAL, 2135 bytes)",
       0},
      {"Starting task 0.0 in stage 0.0 (TID 0) (my host, executor 1, "
       "partition 0, PROCESS_LOCAL, 7000 bytes)",
       0},
      {"Starting task 0.0 in stage 0.0 (TID 0) (h, executor 1, partition 0, "
       "weird, 7000 bytes)",
       0},
      {"Starting task 0.0 in stage 0.0 (TID 1234567890123456) (h, executor "
       "1, partition 0, ANY, 7 bytes)",
       0},
      {"Finished task 0.0 in stage 99999999999999999999.0 (TID 1) in 5 ms "
       "on h (executor 1) (1/1)",
       0},
  };
  /* The values themselves (the general parser could share a bug). */
  {
    const char *m = lines[8].msg;
    slg_event ev;
    assert_int_equal(
        slg_extract_tasksetmanager(slg_span_make(m, strlen(m)), &ev),
        SLG_EXTRACT_OK);
    assert_int_equal(ev.index, 1234567);
    assert_int_equal(ev.stage, 12345678);
    assert_int_equal(ev.tid, 123456789);
    assert_int_equal(ev.partition, 7);
    assert_int_equal(ev.n, UINT64_C(999999999999999));
    assert_int_equal(ev.locality, SLG_LOC_ANY);
    assert_true(ev.exec.len == 4 && memcmp(ev.exec.ptr, "0012", 4) == 0);
    m = lines[9].msg;
    assert_int_equal(
        slg_extract_tasksetmanager(slg_span_make(m, strlen(m)), &ev),
        SLG_EXTRACT_OK);
    assert_int_equal(ev.index, 7654321);
    assert_int_equal(ev.task_attempt, 12);
    assert_int_equal(ev.stage, 98765432);
    assert_int_equal(ev.attempt, 1);
    assert_int_equal(ev.tid, 100000000);
    assert_true(ev.ms == 0);
  }
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    size_t n = strlen(lines[i].msg);
    if (agree(lines[i].msg, n) != lines[i].fast)
      fail_msg("line %zu: fast path %s", i,
               lines[i].fast ? "not taken" : "taken");
    /* Every prefix, and every byte replaced by each delimiter-like byte:
     * wherever a fast path takes a variant, it must match the general
     * parser. */
    char buf[256];
    assert_true(n < sizeof buf);
    for (size_t cut = 0; cut <= n; cut++)
      agree(lines[i].msg, cut);
    static const char subst[] = " ,)(.\r9x\tE";
    for (size_t at = 0; at < n; at++) {
      for (size_t k = 0; k < sizeof subst - 1; k++) {
        memcpy(buf, lines[i].msg, n);
        buf[at] = subst[k];
        agree(buf, n);
      }
    }
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_extract__every_version_wording),
      cmocka_unit_test(test_extract__run_start_kind),
      cmocka_unit_test(test_extract__durations),
      cmocka_unit_test(test_extract__stage_lists),
      cmocka_unit_test(test_extract__task_fast_paths_match_general),
      cmocka_unit_test(test_extract__task_locality_words),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
