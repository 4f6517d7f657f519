/*
 * test_model.c - event sequences in, model fields out (model.c).
 *
 * Each case is a small log of "HH:MM:SS Logger: message" lines (a line
 * starting with a tab continues the record before), fed to the model
 * three ways: a record at a time, a record at a time in reference mode
 * (no caches: fastpath.h), and with the task lines summed into runs as a
 * chunk sums them (task_runs.h). The model is written out as text
 * (dump); each case lists lines that text must contain, and the three
 * ways must give the same text. A seeded log of task lines with
 * everything a run must step over checks the last two properties at a
 * larger scale.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_optional.h"

#include "buf.h"
#include "fastpath.h"
#include "model_events.h"
#include "model_types.h"
#include "task_runs.h"
#include "test_rand.h"

enum { PER_LINE, REFERENCE, RUNS };
static const char *const mode_name[] = {"per line", "reference", "runs"};

/* A dated time from "HH:MM:SS" at p (the date is fixed). */
static slg_time time_at(const char *p)
{
  slg_time t;
  memset(&t, 0, sizeof t);
  t.flags = SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME;
  t.year = 2024;
  t.month = 8;
  t.day = 14;
  t.hour = (uint8_t)((p[0] - '0') * 10 + (p[1] - '0'));
  t.minute = (uint8_t)((p[3] - '0') * 10 + (p[4] - '0'));
  t.second = (uint8_t)((p[6] - '0') * 10 + (p[7] - '0'));
  return t;
}

/* The runs of the RUNS driver, applied when the next modelled record that
 * is not a task line (or the end) comes, as a chunk's merge would. */
typedef struct run_driver {
  slg_task_runs *rs;
  size_t applied;    /* runs applied so far */
  int open;          /* the last modelled record joined a run */
  slg_pos last[64];  /* each unapplied run's last line */
} run_driver;

static void apply_runs(slg_model *m, run_driver *d, size_t upto)
{
  for (; d->applied < upto; d->applied++)
    slg_model_apply_run(m, d->rs, &d->rs->runs[d->applied],
                        &d->last[d->applied % 64], &d->last[d->applied % 64]);
}

/* Feeds `log` to a new model in `mode`; returns the model, finished. */
static slg_model *feed(const char *log, int mode)
{
  slg_model *m = slg_model_new(mode == REFERENCE);
  run_driver d = {0};
  if (mode == RUNS) {
    d.rs = malloc(sizeof *d.rs);
    assert_non_null(d.rs);
    slg_task_runs_init(d.rs, 0);
  }
  slg_model_begin_file(m, 0);
  uint64_t no = 0;
  for (const char *p = log; *p;) {
    const char *nl = strchr(p, '\n');
    assert_non_null(nl); /* every line ends with a newline */
    slg_span line = slg_span_make(p, (size_t)(nl - p));
    slg_pos pos = {0, ++no};
    if (p[0] == '\t') {
      /* A continuation changes nothing after a task line (chunk.c). */
      if (!d.open)
        slg_model_continuation(m, line, &pos);
      p = nl + 1;
      continue;
    }
    const char *colon = strstr(p, ": ");
    assert_true(colon != NULL && colon < nl);
    slg_record rec;
    memset(&rec, 0, sizeof rec);
    rec.time = time_at(p);
    rec.level = SLG_LEVEL_INFO;
    rec.logger = slg_span_between(p + 9, colon);
    rec.message = slg_span_between(colon + 2, nl);
    slg_span lg = slg_logger_short(rec.logger);
    if (mode != RUNS) {
      slg_model_record(m, &rec, lg, &pos);
      p = nl + 1;
      continue;
    }
    const slg_model_route *route = slg_model_route_of(lg, rec.logger, 0);
    int64_t ms = slg_time_ms(&rec.time);
    slg_model_item it;
    slg_model_extract_routed(&it, &rec, route);
    if (!it.modelled && d.open) {
      /* An ignored logger leaves the run open, and keeps its time. */
      if ((rec.time.flags & SLG_TIME_HAS_DATE) &&
          (rec.time.flags & SLG_TIME_HAS_TIME))
        slg_task_runs_tail(d.rs, &rec.time, ms);
      p = nl + 1;
      continue;
    }
    if (slg_task_runs_accepts(d.rs, &it, &rec.time)) {
      if (slg_task_runs_add(d.rs, d.open, &it, &rec.time, ms, pos.line))
        apply_runs(m, &d, d.rs->nruns - 1);
      assert_true(d.rs->nruns - d.applied <= 1);
      d.last[(d.rs->nruns - 1) % 64] = pos;
      d.open = 1;
    } else {
      apply_runs(m, &d, d.rs->nruns);
      d.open = 0;
      slg_model_apply(m, &it, &rec.time, ms, &pos);
    }
    p = nl + 1;
  }
  if (mode == RUNS) {
    apply_runs(m, &d, d.rs->nruns);
    slg_task_runs_dispose(d.rs);
    free(d.rs);
  }
  slg_model_finish(m);
  return m;
}

static const char *str(const char *s)
{
  return s ? s : "-";
}

/* The model as text: every field the cases look at, one entity a line. */
static char *dump(const slg_model *m)
{
  slg_buf b = SLG_BUF_INIT;
  size_t napps;
  const slg_app *apps = slg_model_apps(m, &napps);
  for (size_t i = 0; i < napps; i++) {
    const slg_app *a = &apps[i];
    slg_buf_printf(&b,
                   "app incomplete=%d start=%lld end=%lld running=%llu "
                   "peak=%llu task_ms=%llu sched=%llu execs=%zu\n",
                   a->incomplete, (long long)a->start_ms,
                   (long long)a->end_ms,
                   (unsigned long long)a->running_tasks,
                   (unsigned long long)a->peak_running_tasks,
                   (unsigned long long)a->total_task_ms,
                   (unsigned long long)a->scheduler_lines, a->nexecutors);
    slg_buf_printf(&b, "segment first=%llu last=%llu end=%s version=%s\n",
                   (unsigned long long)a->first_pos.line,
                   (unsigned long long)a->last_pos.line,
                   slg_app_end_name(a->end_reason), str(a->spark_version));
    for (size_t k = 0; k < a->njobs; k++) {
      const slg_job *j = &a->jobs[k];
      slg_buf_printf(&b,
                     "job %llu status=%s dur=%.0f stages=%zu skipped=%zu "
                     "incomplete=%d\n",
                     (unsigned long long)j->id, slg_status_name(j->status),
                     j->duration_ms, j->nstages, j->nskipped_stages,
                     j->incomplete);
    }
    for (size_t k = 0; k < a->nstages; k++) {
      const slg_stage *s = &a->stages[k];
      slg_buf_printf(&b, "stage %llu kind=%s attempts=%zu incomplete=%d\n",
                     (unsigned long long)s->id,
                     slg_stage_kind_name(s->kind), s->nattempts,
                     s->incomplete);
      for (size_t t = 0; t < s->nattempts; t++) {
        const slg_stage_attempt *at = &s->attempts[t];
        const slg_task_agg *g = &at->tasks;
        slg_buf_printf(
            &b,
            " attempt %u status=%s resub=%s start=%lld dur=%.0f "
            "started=%llu succeeded=%llu failed=%llu killed=%llu "
            "spec=%llu retried=%llu parts=%llu "
            "loc=%llu/%llu/%llu/%llu/%llu/%llu "
            "ms=n%llu,sum%llu,min%llu,max%llu,p50=%.0f\n",
            at->attempt, slg_status_name(at->status),
            slg_resubmit_name(at->resubmitted_because),
            (long long)at->start_ms, at->duration_ms,
            (unsigned long long)g->started,
            (unsigned long long)g->succeeded, (unsigned long long)g->failed,
            (unsigned long long)g->killed,
            (unsigned long long)g->speculative,
            (unsigned long long)g->retried,
            (unsigned long long)g->distinct_partitions,
            (unsigned long long)g->locality[0],
            (unsigned long long)g->locality[1],
            (unsigned long long)g->locality[2],
            (unsigned long long)g->locality[3],
            (unsigned long long)g->locality[4],
            (unsigned long long)g->locality[5],
            (unsigned long long)g->task_ms.count,
            (unsigned long long)g->task_ms.sum,
            (unsigned long long)(g->task_ms.count ? g->task_ms.min : 0),
            (unsigned long long)g->task_ms.max,
            slg_sketch_quantile(&g->task_ms, 0.5));
        for (size_t x = 0; x < g->nexecs; x++)
          slg_buf_printf(&b, "  tally exec=%s tasks=%llu ms=%llu failed=%llu\n",
                         a->executors[g->execs[x].index].id,
                         (unsigned long long)g->execs[x].tasks,
                         (unsigned long long)g->execs[x].task_ms,
                         (unsigned long long)g->execs[x].failed);
        if (g->execs_rest.tasks || g->execs_rest.failed)
          slg_buf_printf(&b, "  tally rest tasks=%llu ms=%llu failed=%llu\n",
                         (unsigned long long)g->execs_rest.tasks,
                         (unsigned long long)g->execs_rest.task_ms,
                         (unsigned long long)g->execs_rest.failed);
        for (size_t x = 0; x < g->nkinds; x++)
          slg_buf_printf(&b, "  kind %s count=%llu dup=%llu\n",
                         g->kinds[x].kind,
                         (unsigned long long)g->kinds[x].count,
                         (unsigned long long)g->kinds[x].duplicates);
      }
    }
    for (size_t k = 0; k < a->nexecutors; k++) {
      const slg_executor *e = &a->executors[k];
      slg_buf_printf(&b, "exec %s host=%s tasks=%llu ms=%llu failed=%llu\n",
                     e->id, str(e->host), (unsigned long long)e->tasks,
                     (unsigned long long)e->task_ms,
                     (unsigned long long)e->failed_tasks);
    }
  }
  char *s = slg_xstrndup(b.ptr ? b.ptr : "", b.len);
  slg_buf_dispose(&b);
  return s;
}

/* The dump of `log` fed in `mode`. */
static char *model_text(const char *log, int mode)
{
  slg_model *m = feed(log, mode);
  char *s = dump(m);
  slg_model_free(m);
  return s;
}

/* The three ways give the same model; returns its text. */
static char *same_every_way(const char *name, const char *log)
{
  char *want = model_text(log, PER_LINE);
  for (int mode = REFERENCE; mode <= RUNS; mode++) {
    char *got = model_text(log, mode);
    if (strcmp(want, got) != 0)
      fail_msg("%s: %s differs from per line:\n--- per line\n%s--- %s\n%s",
               name, mode_name[mode], want, mode_name[mode], got);
    free(got);
  }
  return want;
}

/* ------------------------------------------------------------ the cases */

#define MAX_EXPECT 12

static const struct {
  const char *name;
  const char *log;
  const char *expect[MAX_EXPECT]; /* lines (or parts of lines) of dump */
} cases[] = {
    /* Application segmentation: where runs begin and end. */
    {"0.8: each run begins at MemoryStore started",
     "00:00:00 DAGScheduler: Stage 1 (map at s.scala:8) finished in 0.041 "
     "s\n"
     "00:00:01 MemoryStore: MemoryStore started with capacity 901.2 MB.\n"
     "00:00:01 DiskStore: Created local directory at /tmp/x\n"
     "00:00:02 DAGScheduler: Got job 0 (toArray at s.scala:8) with 1 output "
     "partitions (allowLocal=false)\n"
     "00:00:02 DAGScheduler: Final stage: Stage 0 (map at s.scala:8)\n"
     "00:00:03 DAGScheduler: Stage 0 (map at s.scala:8) finished in 0.2 s\n"
     "00:00:04 BlockManagerUI: Started BlockManager web UI at http://h:1\n"
     "00:00:05 MemoryStore: MemoryStore started with capacity 901.2 MB.\n"
     "00:00:05 MemoryStore: Block broadcast_0 stored as values to memory\n"
     "00:00:06 DAGScheduler: Got job 0 (toArray at s.scala:8) with 1 output "
     "partitions (allowLocal=false)\n",
     {"segment first=1 last=1 end=next_app version=-\n",
      "segment first=2 last=7 end=next_app version=-\n",
      "segment first=8 last=10 end=log_ends version=-\n"}},

    {"1.x: SecurityManager then MemoryStore is one run",
     "00:00:00 SecurityManager: Changing view acls to: me\n"
     "00:00:00 SecurityManager: Changing modify acls to: me\n"
     "00:00:01 MemoryStore: MemoryStore started with capacity 265.1 MB\n"
     "00:00:02 DAGScheduler: Got job 0 (count at A.scala:8) with 2 output "
     "partitions (allowLocal=false)\n"
     "00:00:03 SecurityManager: Changing view acls to: me\n"
     "00:00:04 MemoryStore: MemoryStore started with capacity 265.1 MB\n"
     "00:00:05 DAGScheduler: Got job 0 (count at A.scala:8) with 2 output "
     "partitions (allowLocal=false)\n",
     {"segment first=1 last=4 end=next_app version=-\n",
      "segment first=5 last=7 end=log_ends version=-\n"}},

    {"JVM lines: one run each; the version line starts the context",
     "00:00:00 Utils: Your hostname, h resolves to a loopback address: "
     "127.0.0.1; using 10.0.0.5 instead (on interface en0)\n"
     "00:00:00 Utils: Set SPARK_LOCAL_IP if you need to bind to another "
     "address\n"
     "00:00:01 SparkContext: Running Spark version 3.1.2\n"
     "00:00:02 MemoryStore: MemoryStore started with capacity 996.0 MiB\n"
     "00:00:03 SparkContext: Successfully stopped SparkContext\n"
     "00:00:03 ShutdownHookManager: Shutdown hook called\n"
     "00:00:04 Utils: Your hostname, h resolves to a loopback address: "
     "127.0.0.1; using 10.0.0.5 instead (on interface en0)\n"
     "00:00:04 Utils: Set SPARK_LOCAL_IP if you need to bind to another "
     "address\n"
     "00:00:05 Utils: Your hostname, h resolves to a loopback address: "
     "127.0.0.1; using 10.0.0.5 instead (on interface en0)\n"
     "00:00:05 Utils: Set SPARK_LOCAL_IP if you need to bind to another "
     "address\n"
     "00:00:06 SparkContext: Running Spark version 3.1.2\n",
     {"app incomplete=0 start=1723593601000 ",
      "segment first=3 last=6 end=sc_stopped version=3.1.2\n",
      "segment first=7 last=8 end=next_app version=3.1.2\n",
      "segment first=11 last=11 end=log_ends version=3.1.2\n"}},

    {"a JVM line while a run goes on: the next run begins there",
     "00:00:00 SparkContext: Running Spark version 3.5.1\n"
     "00:00:01 DAGScheduler: Got job 0 (count at A.scala:8) with 2 output "
     "partitions\n"
     "00:00:02 MemoryStore: MemoryStore started with capacity 16.9 GiB\n"
     "00:00:03 Utils: Your hostname, h resolves to a loopback address: "
     "127.0.0.1; using 10.0.0.5 instead (on interface en0)\n"
     "00:00:03 Utils: Set SPARK_LOCAL_IP if you need to bind to another "
     "address\n"
     "00:00:04 SparkContext: Running Spark version 3.5.1\n"
     "00:00:05 DAGScheduler: Got job 0 (count at A.scala:8) with 2 output "
     "partitions\n"
     "00:00:06 Utils: Your hostname, h resolves to a loopback address: "
     "127.0.0.1; using 10.0.0.5 instead (on interface en0)\n"
     "00:00:07 DAGScheduler: Got job 1 (count at A.scala:9) with 2 output "
     "partitions\n",
     {"segment first=1 last=3 end=next_app version=3.5.1\n",
      "segment first=6 last=9 end=log_ends version=3.5.1\n"}},

    {"a MemoryStore block line between task lines is ignored",
     "00:00:00 SparkContext: Running Spark version 3.5.1\n"
     "00:00:01 DAGScheduler: Got job 0 (count at A.scala:8) with 2 output "
     "partitions\n"
     "00:00:02 TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) (h1, "
     "executor 1, partition 0, PROCESS_LOCAL, 7000 bytes)\n"
     "00:00:02 MemoryStore: Block rdd_1_0 stored as values in memory "
     "(estimated size 5.0 KiB, free 1 GiB)\n"
     "00:00:02 TaskSetManager: Starting task 1.0 in stage 0.0 (TID 1) (h1, "
     "executor 1, partition 1, PROCESS_LOCAL, 7000 bytes)\n"
     "00:00:03 MemoryStore: MemoryStore started with capacity 2 GiB\n"
     "00:00:03 TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) in "
     "1000 ms on h1 (executor 1) (1/2)\n",
     {"segment first=1 last=7 end=log_ends version=3.5.1\n",
      "started=2 succeeded=1 failed=0"}},

    {"a stop before any start is the tail of an earlier run",
     "00:00:00 ShutdownHookManager: Shutdown hook called\n"
     "00:00:01 ShutdownHookManager: Deleting directory /tmp/spark-1\n"
     "00:00:05 SparkContext: Running Spark version 3.5.2\n"
     "00:00:06 SparkContext: Successfully stopped SparkContext\n",
     {"segment first=1 last=1 end=sc_stopped version=3.5.2\n",
      "segment first=3 last=4 end=sc_stopped version=3.5.2\n"}},

    {"a job of two stages",
     "00:00:00 SparkContext: Running Spark version 3.5.1\n"
     "00:00:01 DAGScheduler: Got job 0 (count at A.scala:8) with 2 output "
     "partitions\n"
     "00:00:01 DAGScheduler: Final stage: ResultStage 1 (count at "
     "A.scala:8)\n"
     "00:00:01 DAGScheduler: Parents of final stage: List(ShuffleMapStage "
     "0)\n"
     "00:00:01 DAGScheduler: Missing parents: List(ShuffleMapStage 0)\n"
     "00:00:01 DAGScheduler: Submitting ShuffleMapStage 0 "
     "(MapPartitionsRDD[3] at count at A.scala:8), which has no missing "
     "parents\n"
     "00:00:01 TaskSchedulerImpl: Adding task set 0.0 with 2 tasks "
     "resource profile 0\n"
     "00:00:02 TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) (h1, "
     "executor 1, partition 0, PROCESS_LOCAL, 7000 bytes)\n"
     "00:00:02 TaskSetManager: Starting task 1.0 in stage 0.0 (TID 1) (h2, "
     "executor 2, partition 1, NODE_LOCAL, 7000 bytes)\n"
     "00:00:02 BlockManagerInfo: Added rdd_1_0 in memory on h1:4 (size: 5.0 "
     "KiB, free: 1 GiB)\n"
     "00:00:03 TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) in "
     "1000 ms on h1 (executor 1) (1/2)\n"
     "00:00:04 TaskSetManager: Finished task 1.0 in stage 0.0 (TID 1) in "
     "2000 ms on h2 (executor 2) (2/2)\n"
     "00:00:04 DAGScheduler: ShuffleMapStage 0 (count at A.scala:8) "
     "finished in 3.000 s\n"
     "00:00:04 DAGScheduler: Submitting ResultStage 1 (MapPartitionsRDD[5] "
     "at count at A.scala:8), which has no missing parents\n"
     "00:00:04 TaskSchedulerImpl: Adding task set 1.0 with 1 tasks "
     "resource profile 0\n"
     "00:00:05 TaskSetManager: Starting task 0.0 in stage 1.0 (TID 2) (h1, "
     "executor 1, partition 0, ANY, 7000 bytes)\n"
     "00:00:06 TaskSetManager: Finished task 0.0 in stage 1.0 (TID 2) in "
     "500 ms on h1 (executor 1) (1/1)\n"
     "00:00:06 DAGScheduler: ResultStage 1 (count at A.scala:8) finished "
     "in 2.000 s\n"
     "00:00:06 DAGScheduler: Job 0 finished: count at A.scala:8, took "
     "5.000000 s\n",
     {"app incomplete=0 start=1723593600000 end=1723593606000 running=0 "
      "peak=2 task_ms=3500 sched=17 execs=2\n",
      "job 0 status=succeeded dur=5000 stages=2 skipped=0 incomplete=0\n",
      "stage 0 kind=ShuffleMapStage attempts=1 incomplete=0\n",
      " attempt 0 status=succeeded resub=none start=1723593601000 dur=3000 "
      "started=2 succeeded=2 failed=0 killed=0 spec=0 retried=0 parts=2 "
      "loc=1/1/0/0/0/0 ms=n2,sum3000,min1000,max2000,",
      "  tally exec=1 tasks=1 ms=1000 failed=0\n"
      "  tally exec=2 tasks=1 ms=2000 failed=0\n",
      "stage 1 kind=ResultStage attempts=1 incomplete=0\n",
      "started=1 succeeded=1 failed=0 killed=0 spec=0 retried=0 parts=1 "
      "loc=0/0/0/0/1/0 ms=n1,sum500,",
      "exec 1 host=h1 tasks=2 ms=1500 failed=0\n",
      "exec 2 host=h2 tasks=1 ms=2000 failed=0\n"}},

    /* A stage attempt is compacted when it ends (model.c
     * compact_attempt); lines that still come for it must count as if it
     * were not: reference mode never compacts. */
    {"late task lines after a stage attempt's end",
     "00:00:00 SparkContext: Running Spark version 3.5.1\n"
     "00:00:01 DAGScheduler: Submitting ShuffleMapStage 0 "
     "(MapPartitionsRDD[3] at count at A.scala:8), which has no missing "
     "parents\n"
     "00:00:01 TaskSchedulerImpl: Adding task set 0.0 with 2 tasks "
     "resource profile 0\n"
     "00:00:02 TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) (h1, "
     "executor 1, partition 0, PROCESS_LOCAL, 7000 bytes)\n"
     "00:00:02 TaskSetManager: Starting task 1.0 in stage 0.0 (TID 1) (h2, "
     "executor 2, partition 1, NODE_LOCAL, 7000 bytes)\n"
     "00:00:03 TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) in "
     "1000 ms on h1 (executor 1) (1/2)\n"
     "00:00:03 TaskSetManager: Marking task 1 in stage 0.0 (on h2) as "
     "speculatable because it ran more than 1500 ms\n"
     "00:00:03 TaskSetManager: Starting task 1.1 in stage 0.0 (TID 2) (h1, "
     "executor 1, partition 1, PROCESS_LOCAL, 7000 bytes)\n"
     "00:00:04 TaskSetManager: Finished task 1.0 in stage 0.0 (TID 1) in "
     "2000 ms on h2 (executor 2) (2/2)\n"
     "00:00:04 DAGScheduler: ShuffleMapStage 0 (count at A.scala:8) "
     "finished in 3.000 s\n"
     "00:00:05 TaskSetManager: Lost task 1.1 in stage 0.0 (TID 2) (h1 "
     "executor 1): TaskKilled (another attempt succeeded)\n"
     "00:00:05 TaskSetManager: Starting task 2.0 in stage 0.0 (TID 3) (h3, "
     "executor 3, partition 2, ANY, 7000 bytes)\n"
     "00:00:06 TaskSetManager: Finished task 2.0 in stage 0.0 (TID 3) in "
     "500 ms on h3 (executor 3) (3/2)\n"
     "00:00:06 TaskSetManager: Finished task 1.1 in stage 0.0 (TID 2) in "
     "0 ms on h1 (executor 1) (3/2)\n",
     {" attempt 0 status=succeeded resub=none start=1723593601000 dur=3000 "
      "started=4 succeeded=4 failed=0 killed=1 spec=1 retried=0 parts=3 "
      "loc=2/1/0/0/1/0 ms=n4,sum3500,min0,max2000,p50=500\n",
      "  tally exec=1 tasks=2 ms=1000 failed=1\n"
      "  tally exec=2 tasks=1 ms=2000 failed=0\n"
      "  tally exec=3 tasks=1 ms=500 failed=0\n"
      "  kind TaskKilled count=1 dup=0\n"}},

    {"1.x job ends by call site, no job id",
     "00:00:00 SparkContext: Running Spark version 1.3.1\n"
     "00:00:01 DAGScheduler: Got job 0 (count at W.scala:14) with 2 output "
     "partitions (allowLocal=false)\n"
     "00:00:01 DAGScheduler: Final stage: Stage 0(count at W.scala:14)\n"
     "00:00:01 DAGScheduler: Submitting Stage 0 (FilteredRDD[2] at filter "
     "at W.scala:14), which has no missing parents\n"
     "00:00:01 DAGScheduler: Stage 0 (count at W.scala:14) finished in "
     "0.052 s\n"
     "00:00:01 SparkContext: Job finished: count at W.scala:14, took "
     "0.066 s\n"
     "00:00:02 DAGScheduler: Got job 1 (count at W.scala:15) with 2 output "
     "partitions (allowLocal=false)\n"
     "00:00:02 DAGScheduler: Got job 2 (take at W.scala:16) with 1 output "
     "partitions (allowLocal=true)\n"
     "00:00:03 DAGScheduler: Job finished: count at W.scala:15, took "
     "0.077 s\n"
     "00:00:04 SparkContext: Job finished: count at W.scala:99, took "
     "1.5 s\n",
     {"job 0 status=succeeded dur=66 stages=1 ",
      /* by call site, not the latest open job */
      "job 1 status=succeeded dur=77 ",
      /* no job of that site open: the latest open job */
      "job 2 status=succeeded dur=1500 "}},

    {"a job is never shorter than its stage",
     "00:00:00 SparkContext: Running Spark version 3.5.1\n"
     "00:00:01 DAGScheduler: Got job 0 (count at A.scala:8) with 1 output "
     "partitions\n"
     "00:00:01 DAGScheduler: Final stage: ResultStage 0 (count at "
     "A.scala:8)\n"
     "00:00:01 DAGScheduler: Submitting ResultStage 0 (MapPartitionsRDD[1] "
     "at count at A.scala:8), which has no missing parents\n"
     "00:00:02 DAGScheduler: ResultStage 0 (count at A.scala:8) finished "
     "in 1.204 s\n"
     "00:00:02 DAGScheduler: Job 0 finished: count at A.scala:8, took "
     "1.201000 s\n"
     "00:00:03 DAGScheduler: Got job 1 (count at A.scala:9) with 1 output "
     "partitions\n"
     "00:00:03 DAGScheduler: Final stage: ResultStage 1 (count at "
     "A.scala:9)\n"
     "00:00:03 DAGScheduler: Submitting ResultStage 1 (MapPartitionsRDD[2] "
     "at count at A.scala:9), which has no missing parents\n"
     "00:00:04 DAGScheduler: ResultStage 1 (count at A.scala:9) finished "
     "in 1.700 s\n"
     "00:00:04 DAGScheduler: Job 0 is finished. Cancelling potential "
     "speculative or zombie tasks for this job\n"
     "00:00:04 DAGScheduler: Job 1 is finished. Cancelling potential "
     "speculative or zombie tasks for this job\n",
     {/* "took" rounded below the stage's "finished in" */
      "job 0 status=succeeded dur=1204 ",
      /* timed by second-resolution stamps (1 s): the stage's 1.7 s */
      "job 1 status=succeeded dur=1700 "}},

    {"under the timestamps' second: unknown, not 0 ms",
     "00:00:00 SparkContext: Running Spark version 3.5.1\n"
     "00:00:01 DAGScheduler: Got job 0 (count at A.scala:8) with 1 output "
     "partitions\n"
     "00:00:01 DAGScheduler: Final stage: ResultStage 0 (count at "
     "A.scala:8)\n"
     "00:00:01 DAGScheduler: Submitting ResultStage 0 (MapPartitionsRDD[1] "
     "at count at A.scala:8), which has no missing parents\n"
     "00:00:01 DAGScheduler: ResultStage 0 (count at A.scala:8) finished "
     "in 0.052 s\n"
     "00:00:01 DAGScheduler: Job 0 is finished. Cancelling potential "
     "speculative or zombie tasks for this job\n"
     "00:00:02 DAGScheduler: Got job 1 (count at A.scala:9) with 1 output "
     "partitions\n"
     "00:00:02 DAGScheduler: Job 1 is finished. Cancelling potential "
     "speculative or zombie tasks for this job\n",
     {/* the stage's logged 52 ms, not the stamps' 0 */
      "job 0 status=succeeded dur=52 ",
      /* nothing timed it */
      "job 1 status=succeeded dur=-1 "}},

    {"retries and speculative copies",
     "00:00:00 TaskSetManager: Starting task 0.0 in stage 3.0 (TID 0) (h1, "
     "executor 1, partition 0, PROCESS_LOCAL, 7 bytes)\n"
     "00:00:01 TaskSetManager: Starting task 1.0 in stage 3.0 (TID 1) (h1, "
     "executor 1, partition 1, PROCESS_LOCAL, 7 bytes)\n"
     "00:00:02 TaskSetManager: Marking task 0 in stage 3.0 (on h1) as "
     "speculatable because it ran more than 1500 ms\n"
     "00:00:03 TaskSetManager: Starting task 0.1 in stage 3.0 (TID 2) (h2, "
     "executor 2, partition 0, PROCESS_LOCAL, 7 bytes)\n"
     "00:00:03 TaskSetManager: Starting task 1.1 in stage 3.0 (TID 3) (h2, "
     "executor 2, partition 1, PROCESS_LOCAL, 7 bytes)\n"
     "00:00:04 TaskSetManager: Finished task 0.1 in stage 3.0 (TID 2) in "
     "1000 ms on h2 (executor 2) (1/2)\n",
     {"app incomplete=1 start=1723593600000 end=1723593604000 running=3 "
      "peak=4 task_ms=1000 sched=6 execs=2\n",
      "stage 3 kind=unknown attempts=1 incomplete=1\n",
      " attempt 0 status=running resub=none start=1723593600000 dur=-1 "
      "started=4 succeeded=1 failed=0 killed=0 spec=1 retried=1 parts=2 ",
      "  tally exec=2 tasks=1 ms=1000 failed=0\n",
      "exec 1 host=h1 tasks=0 ms=0 failed=0\n"}},

    {"a lost task and its retry",
     "00:00:00 TaskSetManager: Starting task 0.0 in stage 2.0 (TID 9) "
     "(10.0.0.7, executor 2, partition 0, PROCESS_LOCAL, 7 bytes)\n"
     "00:00:01 TaskSetManager: Lost task 0.0 in stage 2.0 (TID 9) (10.0.0.7 "
     "executor 2): java.lang.RuntimeException: boom\n"
     "\tat A.g(A.scala:2)\n"
     "00:00:02 TaskSetManager: Starting task 0.1 in stage 2.0 (TID 10) "
     "(10.0.0.8, executor 3, partition 0, PROCESS_LOCAL, 7 bytes)\n"
     "00:00:03 TaskSetManager: Finished task 0.1 in stage 2.0 (TID 10) in "
     "700 ms on 10.0.0.8 (executor 3) (1/1)\n",
     {"running=0 peak=1 task_ms=700 sched=4 execs=2\n",
      "started=2 succeeded=1 failed=1 killed=0 spec=0 retried=1 parts=1 ",
      "  tally exec=2 tasks=0 ms=0 failed=1\n"
      "  tally exec=3 tasks=1 ms=700 failed=0\n",
      "  kind java.lang.RuntimeException count=1 dup=0\n",
      "exec 2 host=10.0.0.7 tasks=0 ms=0 failed=1\n",
      "exec 3 host=10.0.0.8 tasks=1 ms=700 failed=0\n"}},

    {"ends before starts: running tasks never below 0",
     "00:00:00 TaskSetManager: Finished task 5.0 in stage 1.0 (TID 5) in "
     "10 ms on h2 (executor 2) (1/9)\n"
     "00:00:00 TaskSetManager: Finished task 6.0 in stage 1.0 (TID 6) in "
     "10 ms on h2 (executor 2) (2/9)\n"
     "00:00:01 TaskSetManager: Starting task 8.0 in stage 1.0 (TID 8) (h2, "
     "executor 2, partition 8, PROCESS_LOCAL, 7 bytes)\n",
     {"running=1 peak=1 task_ms=20 sched=3 execs=1\n",
      "started=1 succeeded=2 ",
      "ms=n2,sum20,min10,max10,p50=10\n"}},

    {"1.6 wording (no executor) and a partition past the tracked ones",
     "00:00:00 TaskSetManager: Starting task 0.0 in stage 0.0 (TID 1, "
     "localhost, partition 0,PROCESS_LOCAL, 2135 bytes)\n"
     "00:00:00 TaskSetManager: Starting task 1.0 in stage 0.0 (TID 2, "
     "localhost, partition 16777216,PROCESS_LOCAL, 2135 bytes)\n"
     "00:00:01 TaskSetManager: Starting task 2.0 in stage 0.0 (TID 3, "
     "localhost, partition 0,PROCESS_LOCAL, 2135 bytes)\n"
     "00:00:02 TaskSetManager: Finished task 0.0 in stage 0.0 (TID 1) in "
     "4029 ms on localhost (1/1)\n",
     {"running=2 peak=3 task_ms=4029 sched=4 execs=0\n",
      "started=3 succeeded=1 failed=0 killed=0 spec=0 retried=0 parts=1 "
      "loc=3/0/0/0/0/0 "}},

    {"an application ends at its last dated line, of any logger",
     "00:00:00 DAGScheduler: Got job 0 (count at A.scala:1) with 1 output "
     "partitions\n"
     "00:00:01 TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) (h1, "
     "executor 1, partition 0, ANY, 7 bytes)\n"
     "00:00:02 TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) in "
     "1000 ms on h1 (executor 1) (1/1)\n"
     "00:00:05 MyApp: writing the results\n"
     "00:00:07 MyApp: done\n",
     {"app incomplete=1 start=1723593600000 end=1723593607000 "}},

    {"but not past its context's stop",
     "00:00:00 DAGScheduler: Got job 0 (count at A.scala:1) with 1 output "
     "partitions\n"
     "00:00:03 MyApp: a line\n"
     "00:00:04 SparkContext: Successfully stopped SparkContext\n"
     "00:00:09 MyApp: the JVM's own teardown\n",
     {" start=1723593600000 end=1723593604000 "}},

    {"a stage resubmitted after a fetch failure",
     "00:00:00 DAGScheduler: Submitting ShuffleMapStage 2 "
     "(MapPartitionsRDD[3] at map at X.scala:2), which has no missing "
     "parents\n"
     "00:00:01 DAGScheduler: ShuffleMapStage 2 (map at X.scala:2) finished "
     "in 1.000 s\n"
     "00:00:01 DAGScheduler: Submitting ResultStage 3 (MapPartitionsRDD[5] "
     "at count at X.scala:1), which has no missing parents\n"
     "00:00:02 DAGScheduler: Marking ResultStage 3 (count at X.scala:1) as "
     "failed due to a fetch failure from ShuffleMapStage 2 (map at "
     "X.scala:2)\n"
     "00:00:02 DAGScheduler: ResultStage 3 (count at X.scala:1) failed in "
     "1.000 s due to boom\n"
     "00:00:03 DAGScheduler: Resubmitting ShuffleMapStage 2 (map at "
     "X.scala:2) and ResultStage 3 (count at X.scala:1) due to fetch "
     "failure\n"
     "00:00:04 DAGScheduler: Submitting ShuffleMapStage 2 "
     "(MapPartitionsRDD[3] at map at X.scala:2), which has no missing "
     "parents\n",
     {"stage 2 kind=ShuffleMapStage attempts=2 incomplete=1\n",
      " attempt 1 status=running resub=fetch_failure start=1723593604000 ",
      "stage 3 kind=ResultStage attempts=1 incomplete=0\n",
      " attempt 0 status=failed resub=none start=1723593601000 dur=1000 "}},
};

static void test_model__cases(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *text = same_every_way(cases[i].name, cases[i].log);
    for (size_t k = 0; k < MAX_EXPECT && cases[i].expect[k]; k++)
      if (strstr(text, cases[i].expect[k]) == NULL)
        fail_msg("%s: no \"%s\" in\n%s", cases[i].name, cases[i].expect[k],
                 text);
    free(text);
  }
}

/* ------------------------------------------------- a seeded task log */

/* Task lines of a few stage attempts, with what a run must stop at or
 * step over: other scheduler lines, ignored loggers, stack traces,
 * retries and speculation, lost tasks, executors by the hundred and ones
 * a run cannot take ("driver", "017"), huge partitions and durations,
 * time going back. */
static char *task_log(uint64_t seed, int lines)
{
  size_t cap = (size_t)lines * 220 + 64, n = 0;
  char *log = slg_xmalloc(cap);
  int sec = 0, stage = 0;
  rng_state = seed * 2654435761u + 1;
#define OUT(...) n += (size_t)snprintf(log + n, cap - n, __VA_ARGS__)
  for (int i = 0; i < lines; i++) {
    char ex[16], stamp[16];
    uint32_t k = rnd(1000), e = rnd(100);
    sec += rnd(100) < 2 ? -(int)rnd(3) : (int)rnd(2);
    if (sec < 0)
      sec = 0;
    snprintf(stamp, sizeof stamp, "%02d:%02d:%02d", sec / 3600 % 24,
             sec / 60 % 60, sec % 60);
    snprintf(ex, sizeof ex, "%u", e < 60 ? 1 + rnd(6) : 1 + rnd(300));
    const char *exec = e < 3 ? "driver" : e < 5 ? "017" : ex;
    int s = stage + (rnd(10) < 2), sa = rnd(20) == 0;
    uint32_t task = rnd(3000);
    if (k < 420) {
      uint32_t big = rnd(50);
      unsigned long long part = big == 0   ? (1ull << 24) + rnd(3)
                                : big == 1 ? (1ull << 32) + task
                                           : task;
      static const char *const loc[] = {"PROCESS_LOCAL", "NODE_LOCAL",
                                        "NO_PREF", "RACK_LOCAL", "ANY",
                                        "WEIRD_LOCAL"};
      OUT("%s TaskSetManager: Starting task %u.%d in stage %d.%d (TID %d) "
          "(h%u, executor %s, partition %llu, %s, 7000 bytes)\n",
          stamp, task, rnd(25) == 0, s, sa, i, rnd(4), exec, part,
          loc[rnd(6)]);
    } else if (k < 820) {
      uint32_t ms = rnd(30) == 0 ? 0 : rnd(30) == 0 ? 4000000000u
                                                    : 1 + rnd(20000);
      if (rnd(20) == 0)
        OUT("%s TaskSetManager: Finished task %u.0 in stage %d.%d (TID %d) "
            "in %u ms on localhost (1/1)\n", stamp, task, s, sa, i, ms);
      else
        OUT("%s TaskSetManager: Finished task %u.0 in stage %d.%d (TID %d) "
            "in %u ms on %sh%u (executor %s) (1/2)\n", stamp, task, s, sa,
            i, ms, rnd(40) == 0 ? "other-" : "", rnd(4), exec);
    } else if (k < 890) {
      OUT("%s BlockManagerInfo: Added rdd_1_%u in memory on h1:4\n", stamp,
          task);
    } else if (k < 910) {
      OUT("\tat A.f(A.scala:%u)\n", task);
    } else if (k < 930) {
      OUT("%s TaskSetManager: Marking task %u in stage %d.%d (on h1) as "
          "speculatable because it ran more than 1500 ms\n",
          stamp, task, s, sa);
    } else if (k < 950) {
      OUT("%s TaskSetManager: Lost task %u.0 in stage %d.%d (TID %d) (h1 "
          "executor %s): java.lang.RuntimeException: boom\n",
          stamp, task, s, sa, i, exec);
    } else if (k < 970) {
      OUT("%s DAGScheduler: Submitting ResultStage %d (MapPartitionsRDD[%d] "
          "at count at A.scala:%d), which has no missing parents\n",
          stamp, stage + 1, stage, stage);
      stage++;
    } else if (k < 975) {
      OUT("%s SparkContext: Running Spark version 3.5.1\n", stamp);
      stage = 0;
    } else if (k < 985) {
      /* Its end: the lines for it that follow come late (compacted). */
      OUT("%s DAGScheduler: ResultStage %d (count at A.scala:8) %s in "
          "1.000 s\n", stamp, s, rnd(4) == 0 ? "failed" : "finished");
    } else {
      OUT("%s TaskSchedulerImpl: Removed TaskSet %d.%d, whose tasks have "
          "all completed, from pool\n", stamp, s, sa);
    }
  }
#undef OUT
  return log;
}

/* Runs and reference mode give the per-line model on seeded logs. */
static void test_model__seeded_logs_every_way(void **state)
{
  (void)state;
  for (uint64_t seed = 1; seed <= 8; seed++) {
    char *log = task_log(seed, 4000);
    char name[32];
    snprintf(name, sizeof name, "seed %llu", (unsigned long long)seed);
    free(same_every_way(name, log));
    free(log);
  }
}

/* A logger's route by its name as written: Spark's package, whole,
 * abbreviated or cut by the layout, takes the route; another package
 * ("com.evil.DAGScheduler") does not. */
static void test_model__route_by_package(void **state)
{
  (void)state;
  static const struct {
    const char *written;
    int routed;
  } names[] = {
      {"DAGScheduler", 1},
      {"{DAGScheduler}", 1},
      {"org.apache.spark.scheduler.DAGScheduler", 1},
      {"[org.apache.spark.scheduler.DAGScheduler]", 1},
      {"scheduler.DAGScheduler", 1},        /* %c{2} */
      {"spark.scheduler.DAGScheduler", 1},  /* Spark 0.7 */
      {"o.a.s.s.DAGScheduler", 1},          /* %c{1.} */
      {"o.a.spark.scheduler.DAGScheduler", 1},
      {"ark.scheduler.DAGScheduler", 1},    /* %.26c */
      {".scheduler.DAGScheduler", 1},
      {"o.a.~.s.DAGScheduler", 1},
      {"DAGScheduler(line:54)", 1},
      {"com.evil.DAGScheduler", 0},
      {"evil.DAGScheduler", 0},
      {"com.evil.scheduler.DAGScheduler", 0},
      {"x.org.apache.spark.scheduler.DAGScheduler", 0},
      {"org.apache.spark.sched.DAGScheduler", 1},
      {"org.apache.spark.schedulers.DAGScheduler", 0},
      {"org.apache.spark.DAGScheduler", 0},
      {"com.evil.TaskSetManager", 0},
      {"org.apache.spark.scheduler.TaskSetManager", 1},
      {"o.apache.spark.storage.BlockManagerMasterEndpoint", 1},
      {"org.apache.spark.storage.memory.MemoryStore", 1},
      {"org.apache.spark.storage.MemoryStore", 1},   /* Spark 1.x */
      {"org.apache.spark.sql.execution.streaming.runtime."
       "MicroBatchExecution", 1},                    /* Spark 4.1 */
      {"org.apache.hadoop.util.ShutdownHookManager", 1},
      {"org.apache.spark.util.Utils", 1},
      {"com.acme.util.Utils", 0},
      {"org.apache.spark.scheduler.cluster.k8s."
       "KubernetesClusterSchedulerBackend$KubernetesDriverEndpoint", 1},
      {"cluster.YarnSchedulerBackend$YarnDriverEndpoint", 1},
      {"scheduler.JESSchedulerBackend", 1},
      {"com.evil.FakeSchedulerBackend", 0},
      {"com.vendor.ExecutorContainerStoreImpl", 1}, /* package unknown */
      {"com.acme.App", 0},
  };
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    slg_span w = slg_span_make(names[i].written, strlen(names[i].written));
    slg_span sh = slg_logger_short(w);
    for (int ref = 0; ref < 2; ref++) {
      int routed = slg_model_route_of(sh, w, ref) != NULL;
      if (routed != names[i].routed)
        fail_msg("%s: routed %d, want %d (reference %d)",
                 names[i].written, routed, names[i].routed, ref);
    }
  }
}

/* ------------------------------------------- lookups at any scale */

/* Attempts of three stages numbered out of order, renumbered by "Adding
 * task set", numbered twice by "Submitting" after a higher number: more
 * than the few a stage searches one by one, so its index is used. */
static char *attempt_log(uint64_t seed, int lines)
{
  size_t cap = (size_t)lines * 200 + 64, n = 0;
  char *log = slg_xmalloc(cap);
  rng_state = seed * 2654435761u + 7;
#define OUT(...) n += (size_t)snprintf(log + n, cap - n, __VA_ARGS__)
  for (int i = 0; i < lines; i++) {
    uint32_t k = rnd(100), s = 1 + rnd(3);
    uint32_t a = rnd(4) == 0 ? rnd(60) : (uint32_t)i / 20 + rnd(3);
    if (k < 15)
      OUT("00:00:01 DAGScheduler: Submitting ResultStage %u "
          "(MapPartitionsRDD[1] at count at A.scala:1), which has no "
          "missing parents\n", s);
    else if (k < 35)
      OUT("00:00:01 TaskSchedulerImpl: Adding task set %u.%u with 2 "
          "tasks resource profile 0\n", s, a);
    else if (k < 45)
      OUT("00:00:01 DAGScheduler: ResultStage %u (count at A.scala:1) "
          "finished in 1.000 s\n", s);
    else
      OUT("00:00:01 TaskSetManager: Starting task 0.0 in stage %u.%u "
          "(TID %d) (h1, executor 1, partition 0, PROCESS_LOCAL, 7000 "
          "bytes)\n", s, a, i);
  }
#undef OUT
  return log;
}

/* slg_stage_attempt_find and _before list, for every number, what a scan
 * from the last attempt back lists: the index the model keeps past a few
 * attempts answers exactly as the scan it replaces. */
static void test_model__attempt_index_equals_scan(void **state)
{
  (void)state;
  for (uint64_t seed = 1; seed <= 6; seed++) {
    char *log = attempt_log(seed, 3000);
    char name[32];
    snprintf(name, sizeof name, "attempts seed %llu",
             (unsigned long long)seed);
    free(same_every_way(name, log));
    slg_model *m = feed(log, PER_LINE);
    size_t napps, many = 0, twice = 0;
    const slg_app *apps = slg_model_apps(m, &napps);
    for (size_t ai = 0; ai < napps; ai++)
      for (size_t si = 0; si < apps[ai].nstages; si++) {
        const slg_stage *s = &apps[ai].stages[si];
        assert_ptr_equal(slg_app_stage(&apps[ai], s->id), s);
        many += s->nattempts > 16;
        for (uint64_t no = 0; no < 400; no++) {
          const slg_stage_attempt *t = slg_stage_attempt_find(s, no);
          size_t seen = 0;
          for (size_t i = s->nattempts; i-- > 0;) {
            if (s->attempts[i].attempt != no)
              continue;
            if (t != &s->attempts[i])
              fail_msg("%s: stage %llu attempt %llu: index differs from "
                       "the scan", name, (unsigned long long)s->id,
                       (unsigned long long)no);
            t = slg_stage_attempt_before(s, t);
            seen++;
          }
          assert_null(t);
          twice += seen > 1;
        }
        assert_null(slg_stage_attempt_find(s, UINT64_C(1) << 32));
      }
    assert_null(slg_app_stage(&apps[0], 999));
    if (many == 0 || twice == 0)
      fail_msg("%s: the log has no stage of many attempts (%zu) or no "
               "number given twice (%zu)", name, many, twice);
    slg_model_free(m);
    free(log);
  }
}

/* A stage reused by many jobs and a job of many stages (whose final
 * stage has many parents): each list holds each id once however often
 * the log repeats the link, and the lists agree (past a few entries the
 * links are found through a hash). */
static void test_model__links_once_at_any_length(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT;
  for (int round = 0; round < 2; round++)
    for (int j = 0; j < 40; j++) {
      slg_buf_printf(&b, "00:00:01 DAGScheduler: Got job %d (count at "
                     "A.scala:1) with 1 output partitions\n", j);
      slg_buf_printf(&b, "00:00:01 DAGScheduler: Final stage: ResultStage "
                     "%d (count at A.scala:1)\n", 1000 + j);
      /* Stage 0 in every job, and job 39 of stages 1..30, twice. */
      slg_buf_puts(&b, "00:00:01 DAGScheduler: Parents of final stage: "
                   "List(ShuffleMapStage 0");
      for (int k = 1; j == 39 && k <= 30; k++)
        slg_buf_printf(&b, ", ShuffleMapStage %d, ShuffleMapStage %d", k, k);
      slg_buf_puts(&b, ", ShuffleMapStage 0)\n");
    }
  char *log = slg_xstrndup(b.ptr, b.len);
  slg_buf_dispose(&b);
  free(same_every_way("links", log));
  slg_model *m = feed(log, PER_LINE);
  size_t napps;
  const slg_app *a = slg_model_apps(m, &napps);
  assert_int_equal(napps, 2); /* job ids restart: a second application */
  for (size_t ai = 0; ai < napps; ai++) {
    const slg_stage *s0 = slg_app_stage(&a[ai], 0);
    assert_non_null(s0);
    assert_int_equal(s0->njobs, 40);
    for (size_t i = 0; i < s0->njobs; i++)
      assert_int_equal(s0->jobs[i], i);
    const slg_job *j39 = &a[ai].jobs[39];
    assert_int_equal(j39->nstages, 32); /* 0, 1..30 and its final 1039 */
    const slg_stage *f39 = slg_app_stage(&a[ai], 1039);
    assert_non_null(f39);
    assert_int_equal(f39->nparents, 31);
    for (size_t i = 0; i < f39->nparents; i++)
      assert_int_equal(f39->parents[i], i);
    for (size_t i = 0; i < a[ai].nstages; i++) {
      const slg_stage *s = &a[ai].stages[i];
      for (size_t k = 0; k < s->njobs; k++) {
        const slg_job *j = &a[ai].jobs[s->jobs[k]];
        size_t found = 0;
        for (size_t q = 0; q < j->nstages; q++)
          found += j->stages[q] == s->id;
        assert_int_equal(found, 1);
      }
    }
  }
  slg_model_free(m);
  free(log);
}

/* A stage attempt beyond 32 bits is no real line's: rejected, never cut
 * down to a new attempt. */
static void test_model__attempt_beyond_32_bits_rejected(void **state)
{
  (void)state;
  const char *log =
      "00:00:01 TaskSchedulerImpl: Adding task set 1.0 with 1 tasks "
      "resource profile 0\n"
      "00:00:01 TaskSetManager: Starting task 0.0 in stage 1.0 (TID 0) "
      "(h1, executor 1, partition 0, PROCESS_LOCAL, 7000 bytes)\n"
      "00:00:02 TaskSchedulerImpl: Adding task set 1.4294967296 with 1 "
      "tasks resource profile 0\n"
      "00:00:02 TaskSetManager: Starting task 0.0 in stage 1.4294967296 "
      "(TID 1) (h1, executor 1, partition 0, PROCESS_LOCAL, 7000 bytes)\n"
      "00:00:02 TaskSetManager: Finished task 0.0 in stage 1.4294967297 "
      "(TID 1) in 5 ms on h1 (executor 1) (1/1)\n"
      "00:00:03 TaskSetManager: Starting task 0.0 in stage 1.4294967295 "
      "(TID 2) (h1, executor 1, partition 0, PROCESS_LOCAL, 7000 bytes)\n";
  char *text = same_every_way("beyond 32 bits", log);
  if (strstr(text, "stage 1 kind=unknown attempts=2 ") == NULL ||
      strstr(text, " attempt 4294967295 ") == NULL)
    fail_msg("want attempts 0 and 4294967295 only:\n%s", text);
  free(text);
  for (int mode = PER_LINE; mode <= RUNS; mode++) {
    slg_model *m = feed(log, mode);
    assert_int_equal(slg_model_rejected_events(m), 3);
    slg_model_free(m);
  }
}

/* In builds that count (SLG_FASTPATH_COUNTERS), the normal mode takes the
 * model's shortcuts and reference mode takes none of them. */
static void test_model__reference_takes_no_shortcut(void **state)
{
  (void)state;
  if (!slg_fastpath_counting())
    SLG_TEST_SKIP();
  static const slg_fastpath ids[] = {SLG_FP_TASK_RUNS, SLG_FP_MODEL_LAST_STAGE,
                                     SLG_FP_MODEL_EXEC_TABLE,
                                     SLG_FP_MODEL_COMPACT};
  enum { NIDS = sizeof ids / sizeof ids[0] };
  char *log = task_log(3, 2000);
  for (int mode = PER_LINE; mode <= RUNS; mode++) {
    uint64_t before[NIDS];
    for (int i = 0; i < NIDS; i++)
      before[i] = slg_fastpath_hits(ids[i]);
    slg_model_free(feed(log, mode));
    for (int i = 0; i < NIDS; i++) {
      uint64_t hits = slg_fastpath_hits(ids[i]) - before[i];
      int want = mode == REFERENCE ? 0
                 : ids[i] == SLG_FP_TASK_RUNS ? mode == RUNS
                                              : 1;
      if ((hits > 0) != want)
        fail_msg("%s: %s hit %llu times", mode_name[mode],
                 slg_fastpath_name(ids[i]), (unsigned long long)hits);
    }
  }
  free(log);
}

int main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_model__cases),
      cmocka_unit_test(test_model__seeded_logs_every_way),
      cmocka_unit_test(test_model__route_by_package),
      cmocka_unit_test(test_model__attempt_index_equals_scan),
      cmocka_unit_test(test_model__links_once_at_any_length),
      cmocka_unit_test(test_model__attempt_beyond_32_bits_rejected),
  };
  const struct CMUnitTest optional[] = {
      cmocka_unit_test(test_model__reference_takes_no_shortcut),
  };
  return slg_test_main(argc, argv, tests, optional);
}
