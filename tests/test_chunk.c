#define _POSIX_C_SOURCE 200809L
/*
 * test_chunk.c - chunks parsed apart and merged in order give the serial
 * report, and the merge takes the serial path exactly when a bound would
 * make it inexact (chunk.c). Threads play no part here: parallel.c only
 * decides where and when these calls run, and tests/cli/
 * parallel_identical.sh covers it on the corpus.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analysis.h"
#include "buf.h"
#include "input.h"
#include "pipeline.h"
#include "run.h"
#include "render.h"
#include "test_rand.h"

/* A sink that appends to another buffer. */
static int sink_into(void *ctx, const char *data, size_t n)
{
  slg_buf_put(ctx, data, n);
  return 0;
}

static char *report(slg_pipeline *p)
{
  slg_thresholds th;
  slg_analysis an;
  slg_render_options ro;
  slg_report rep;
  slg_buf out = SLG_BUF_INIT;
  slg_pipeline_finish(p);
  slg_pipeline_report(&rep, p);
  slg_thresholds_init(&th);
  slg_analysis_run(&an, rep.model, &th, slg_report_input_kind(&rep));
  rep.analysis = &an;
  rep.thresholds = &th;
  memset(&ro, 0, sizeof ro);
  ro.pretty = 1;
  slg_render_json(&rep, &ro, &out);
  /* Streamed through a buffer of a few bytes (the CLI's -f json, which
   * flushes at 1 MiB), the report is the same bytes. */
  for (size_t bound = 1; bound <= 64; bound *= 8) {
    slg_buf small = SLG_BUF_INIT, got = SLG_BUF_INIT;
    slg_buf_set_sink(&small, sink_into, &got, bound);
    slg_render_json(&rep, &ro, &small);
    assert_int_equal(slg_buf_flush(&small), 0);
    assert_true(small.cap <= 4096);
    assert_true(got.len == out.len && memcmp(got.ptr, out.ptr, out.len) == 0);
    slg_buf_dispose(&small);
    slg_buf_dispose(&got);
  }
  slg_analysis_dispose(&an);
  char *s = slg_xstrndup(out.ptr, out.len);
  slg_buf_dispose(&out);
  return s;
}

/* The --layout of the next pipeline (NULL: detected). */
static const char *test_layout;

static slg_pipeline *new_pipeline(size_t max_loggers)
{
  slg_options opt;
  slg_options_init(&opt);
  if (max_loggers)
    opt.max_loggers = max_loggers;
  opt.layout = test_layout;
  slg_pipeline *p = NULL;
  assert_int_equal(slg_pipeline_new(&p, &opt, NULL), 0);
  return p;
}

static char *serial_report(const char *log, size_t max_loggers)
{
  slg_pipeline *p = new_pipeline(max_loggers);
  slg_pipeline_begin_file(p, "mem");
  slg_pipeline_feed(p, log, strlen(log));
  slg_pipeline_end_file(p, NULL);
  char *s = report(p);
  slg_pipeline_free(p);
  return s;
}

/* What the chunks of the last chunked_report summed (task_runs.h). */
static size_t runs_made;
static uint64_t run_lines;

/*
 * The log cut after every `lines_per_chunk` lines, each chunk parsed on
 * its own and merged in order. Returns the report; *serial counts the
 * chunks the merge fed through the serial path.
 */
static char *chunked_report(const char *log, size_t lines_per_chunk,
                            size_t max_loggers, int *serial)
{
  runs_made = 0;
  run_lines = 0;
  slg_pipeline *p = new_pipeline(max_loggers);
  slg_chunk *c = slg_chunk_new(p);
  slg_pipeline_begin_file(p, "mem");
  const char *s = log, *end = log + strlen(log);
  *serial = 0;
  while (s < end) {
    const char *e = s;
    for (size_t k = 0; k < lines_per_chunk && e < end; k++) {
      const char *nl = memchr(e, '\n', (size_t)(end - e));
      assert_non_null(nl); /* the test logs end with a newline */
      e = nl + 1;
    }
    slg_chunk_parse(c, s, (size_t)(e - s));
    uint64_t lines;
    runs_made += slg_chunk_task_runs(c, &lines);
    run_lines += lines;
    slg_pipeline_merge(p, c);
    *serial += slg_chunk_was_serial(c);
    s = e;
  }
  slg_pipeline_end_file(p, NULL);
  char *r = report(p);
  slg_chunk_free(c);
  slg_pipeline_free(p);
  return r;
}

static const char job_log[] =
    "24/08/14 15:12:49 INFO SparkContext: Running Spark version 3.5.1\n"
    "24/08/14 15:12:49 INFO SparkContext: Submitted application: t\n"
    "24/08/14 15:12:54 INFO DAGScheduler: Got job 0 (count at A.scala:8) "
    "with 2 output partitions\n"
    "24/08/14 15:12:54 INFO DAGScheduler: Final stage: ResultStage 1 "
    "(count at A.scala:8)\n"
    "24/08/14 15:12:54 INFO DAGScheduler: Submitting ResultStage 1 "
    "(MapPartitionsRDD[3] at count at A.scala:8), which has no missing "
    "parents\n"
    "24/08/14 15:12:54 INFO TaskSchedulerImpl: Adding task set 1.0 with 2 "
    "tasks resource profile 0\n"
    "24/08/14 15:12:54 INFO TaskSetManager: Starting task 0.0 in stage 1.0 "
    "(TID 0) (h1, executor 1, partition 0, PROCESS_LOCAL, 7000 bytes)\n"
    "24/08/14 15:12:54 INFO TaskSetManager: Starting task 1.0 in stage 1.0 "
    "(TID 1) (h2, executor 2, partition 1, PROCESS_LOCAL, 7000 bytes)\n"
    "24/08/14 15:12:55 WARN TaskSetManager: Lost task 1.0 in stage 1.0 "
    "(TID 1) (h2 executor 2): java.lang.RuntimeException: boom\n"
    "\tat A.f(A.scala:1)\n"
    "\tat A.g(A.scala:2)\n"
    "Caused by: java.io.IOException: deeper\n"
    "\tat B.h(B.scala:3)\n"
    "24/08/14 15:12:55 INFO TaskSetManager: Starting task 1.1 in stage 1.0 "
    "(TID 2) (h1, executor 1, partition 1, PROCESS_LOCAL, 7000 bytes)\n"
    "24/08/14 15:12:56 INFO TaskSetManager: Finished task 0.0 in stage 1.0 "
    "(TID 0) in 1502 ms on h1 (executor 1) (1/2)\n"
    "24/08/14 15:12:57 INFO BlockManagerInfo: Added broadcast_1_piece0 in "
    "memory on h1:4 (size: 5.0 KiB, free: 1 GiB)\n"
    "24/08/14 15:12:59 INFO TaskSetManager: Finished task 1.1 in stage 1.0 "
    "(TID 2) in 3900 ms on h1 (executor 1) (2/2)\n"
    "24/08/14 15:12:59 INFO DAGScheduler: ResultStage 1 (count at "
    "A.scala:8) finished in 5.000 s\n"
    "24/08/14 15:12:59 ERROR DAGScheduler: Spark configuration:\n"
    "spark.app.name=t\n"
    "spark.master=yarn\n"
    "\n"
    "24/08/14 15:12:58 INFO DAGScheduler: Job 0 finished: count at "
    "A.scala:8, took 5.100 s\n"
    "some prose the program printed\n"
    "24/08/14 16:00:00 INFO SparkContext: Invoking stop() from shutdown "
    "hook\n";

/* Every cut, from one line a chunk to the whole log in one. */
static void test_chunk__every_cut_gives_the_serial_report(void **state)
{
  (void)state;
  char *want = serial_report(job_log, 0);
  for (size_t k = 1; k <= 30; k++) {
    int serial;
    char *got = chunked_report(job_log, k, 0, &serial);
    if (strcmp(want, got) != 0)
      fail_msg("chunks of %zu lines: report differs", k);
    /* Nothing here needs the serial path. */
    assert_int_equal(serial, 0);
    free(got);
  }
  free(want);
}

/* A chunk of continuation lines only (inside a stack trace) is judged in
 * the context of the chunk before it. */
static void test_chunk__border_inside_a_stack_trace(void **state)
{
  (void)state;
  static const char log[] =
      "24/08/14 15:12:54 ERROR Executor: Exception in task 0.0\n"
      "java.lang.RuntimeException: boom\n"
      "\tat A.f(A.scala:1)\n"
      "\tat A.g(A.scala:2)\n"
      "\tat A.h(A.scala:3)\n"
      "24/08/14 15:12:55 INFO DAGScheduler: x\n";
  char *want = serial_report(log, 0);
  int serial;
  char *got = chunked_report(log, 2, 0, &serial);
  assert_string_equal(want, got);
  assert_non_null(strstr(got, "\"continuation_lines\": 4"));
  free(got);
  free(want);
}

/* Past --max-loggers, counts go to "other" in stream order: the merge
 * cannot add that up, so such chunks take the serial path, and the report
 * stays exact. */
static void test_chunk__logger_bound_takes_the_serial_path(void **state)
{
  (void)state;
  char log[4096];
  size_t n = 0;
  for (int i = 0; i < 12; i++)
    n += (size_t)snprintf(log + n, sizeof log - n,
                          "24/08/14 15:12:%02d INFO Logger%d: m\n", i, i % 6);
  char *want = serial_report(log, 4);
  int serial;
  char *got = chunked_report(log, 3, 4, &serial);
  assert_string_equal(want, got);
  assert_true(serial > 0);
  free(got);
  free(want);
}

/* Spark 4 JSON lines: the unescaped message lives in the detector's
 * scratch, and the chunk copies it before queueing the event. */
static void test_chunk__json_messages_are_copied(void **state)
{
  (void)state;
  static const char log[] =
      "{\"ts\":\"2024-08-14T15:12:54.000Z\",\"level\":\"INFO\",\"msg\":"
      "\"Got job 0 (count at \\u0041.scala:8) with 2 output partitions\","
      "\"logger\":\"DAGScheduler\"}\n"
      "{\"ts\":\"2024-08-14T15:12:55.000Z\",\"level\":\"INFO\",\"msg\":"
      "\"Final stage: ResultStage 1 (count at \\u0041.scala:8)\","
      "\"logger\":\"DAGScheduler\"}\n"
      "{\"ts\":\"2024-08-14T15:12:56.000Z\",\"level\":\"INFO\",\"msg\":"
      "\"Job 0 finished: count at \\u0041.scala:8, took 2.000 s\","
      "\"logger\":\"DAGScheduler\"}\n";
  char *want = serial_report(log, 0);
  int serial;
  char *got = chunked_report(log, 1, 0, &serial);
  assert_string_equal(want, got);
  assert_int_equal(serial, 0);
  assert_non_null(strstr(got, "A.scala:8"));
  free(got);
  free(want);
}

/* More distinct layouts than the table holds in one chunk: serial. */
static void test_chunk__layout_bound_takes_the_serial_path(void **state)
{
  (void)state;
  char *log = slg_xmalloc(64 * 1024);
  size_t n = 0;
  /* A run of k dashes is a literal of the shape: 80 shapes. */
  char dashes[81];
  for (int k = 1; k <= 80; k++) {
    memset(dashes, '-', (size_t)k);
    dashes[k] = '\0';
    n += (size_t)snprintf(log + n, 64 * 1024 - n,
                          "24/08/14 15:12:54 INFO %s X%d: m\n", dashes, k);
  }
  char *want = serial_report(log, 0);
  int serial;
  char *got = chunked_report(log, 80, 0, &serial);
  assert_string_equal(want, got);
  assert_int_equal(serial, 1);
  assert_non_null(strstr(got, "\"pattern\": null"));
  free(got);
  /* Apart, each chunk's shapes fit: merged, until the global table is
   * full, and the rest adds up to the same "other" count. */
  got = chunked_report(log, 10, 0, &serial);
  assert_string_equal(want, got);
  assert_int_equal(serial, 0);
  free(got);
  free(want);
  free(log);
}

/* ------------------------------------------- runs of task lines (task_runs.h) */


/* An executor id as task lines give it: mostly small numbers, some of the
 * 300 of a big stage (beyond SLG_MAX_STAGE_EXECUTORS), and the spellings
 * a run cannot take ("driver", "017"). */
static const char *exec_id(char *buf, size_t n)
{
  uint32_t k = rnd(100);
  if (k < 3)
    return "driver";
  if (k < 5)
    return "017";
  snprintf(buf, n, "%u", k < 60 ? 1 + rnd(6) : 1 + rnd(300));
  return buf;
}

/*
 * A log of task lines in runs of a few stage attempts, with everything a
 * run must stop at or step over mixed in: other scheduler lines, ignored
 * loggers, stack traces, retries and speculation, tasks that end without
 * a start, executors by the hundred, huge partitions and durations, new
 * applications, lines without a timestamp and time going back.
 * `clock` is the time prefix format: with a date or time-only.
 */
static char *task_log(uint64_t seed, int lines, int time_only)
{
  size_t cap = (size_t)lines * 200 + 1024, n = 0;
  char *log = slg_xmalloc(cap);
  int sec = 0, stage = 0, app_lines = 0;
  rng_state = seed * 2654435761u + 1;
#define OUT(...) n += (size_t)snprintf(log + n, cap - n, __VA_ARGS__)
  for (int i = 0; i < lines; i++) {
    char ex[16], stamp[32];
    uint32_t k = rnd(1000);
    sec += rnd(100) < 2 ? -(int)rnd(3) : (int)rnd(2);
    if (sec < 0)
      sec = 0;
    if (time_only)
      snprintf(stamp, sizeof stamp, "%02d:%02d:%02d.%03u", 10 + sec / 3600,
               sec / 60 % 60, sec % 60, rnd(1000));
    else
      snprintf(stamp, sizeof stamp, "24/08/14 %02d:%02d:%02d",
               10 + sec / 3600, sec / 60 % 60, sec % 60);
    /* Stage attempts: the current one mostly, a neighbour, a retry. */
    int s = stage + (rnd(10) < 2 ? 1 : 0);
    int sa = rnd(20) == 0;
    if (rnd(200) == 0)
      stage++;
    uint32_t task = rnd(5000), tid = (uint32_t)i;
    if (k < 400) {
      /* Partitions past the model's bitset (2^24), and past 32 bits. */
      uint32_t big = rnd(50);
      uint64_t part = big == 0   ? (UINT64_C(1) << 24) + rnd(3)
                      : big == 1 ? (UINT64_C(1) << 32) + task
                                 : task;
      int ta = rnd(25) == 0;
      static const char *const loc[] = {"PROCESS_LOCAL", "NODE_LOCAL",
                                        "NO_PREF", "RACK_LOCAL", "ANY",
                                        "WEIRD_LOCAL"};
      const char *l = loc[rnd(6)];
      /* Draws go one per statement: the order in which a call's
       * arguments are evaluated is the compiler's, and the log must be
       * the same with every compiler. */
      const char *e;
      uint32_t h;
      if (rnd(10) == 0) { /* 2.1-3.0 */
        e = exec_id(ex, sizeof ex);
        h = rnd(4);
        OUT("%s INFO TaskSetManager: Starting task %u.%d in stage %d.%d "
            "(TID %u, h%u, executor %s, partition %llu, %s, 7000 bytes)\n",
            stamp, task, ta, s, sa, tid, h, e, (unsigned long long)part, l);
      } else if (rnd(20) == 0) { /* 1.6: no executor */
        OUT("%s INFO TaskSetManager: Starting task %u.%d in stage %d.%d "
            "(TID %u, localhost, partition %llu,%s, 2135 bytes)\n",
            stamp, task, ta, s, sa, tid, (unsigned long long)part, l);
      } else {
        e = exec_id(ex, sizeof ex);
        h = rnd(4);
        OUT("%s INFO TaskSetManager: Starting task %u.%d in stage %d.%d "
            "(TID %u) (h%u, executor %s, partition %llu, %s, 7000 bytes) \n",
            stamp, task, ta, s, sa, tid, h, e, (unsigned long long)part, l);
      }
    } else if (k < 800) {
      uint32_t ms = rnd(30) == 0 ? 0 : rnd(30) == 0 ? 4000000000u + rnd(9)
                                                    : 1 + rnd(20000);
      if (rnd(20) == 0) { /* 1.6: no executor */
        OUT("%s INFO TaskSetManager: Finished task %u.0 in stage %d.%d "
            "(TID %u) in %u ms on localhost (1/1)\n",
            stamp, task, s, sa, tid, ms);
      } else {
        const char *e = exec_id(ex, sizeof ex);
        uint32_t h = rnd(4);
        const char *other = rnd(40) == 0 ? "other-" : "";
        OUT("%s INFO TaskSetManager: Finished task %u.0 in stage %d.%d "
            "(TID %u) in %u ms on %sh%u (executor %s) (%u/%u)\n",
            stamp, task, s, sa, tid, ms, other, h, e, task, task + 1);
      }
    } else if (k < 880) {
      OUT("%s INFO BlockManagerInfo: Added rdd_1_%u in memory on h1:4 "
          "(size: 5.0 KiB, free: 1 GiB)\n", stamp, task);
    } else if (k < 900) {
      OUT("\tat A.f(A.scala:%u)\n", task);
    } else if (k < 915) {
      OUT("%s INFO TaskSetManager: Marking task %u in stage %d.%d (on h1) "
          "as speculatable because it ran more than 1500 ms\n",
          stamp, task, s, sa);
    } else if (k < 935) {
      OUT("%s WARN TaskSetManager: Lost task %u.0 in stage %d.%d (TID %u) "
          "(h1 executor %s): java.lang.RuntimeException: boom\n",
          stamp, task, s, sa, tid, exec_id(ex, sizeof ex));
      OUT("\tat A.g(A.scala:2)\n");
    } else if (k < 955) {
      OUT("%s INFO DAGScheduler: Submitting ResultStage %d (MapPartitionsRDD"
          "[%d] at count at A.scala:%d), which has no missing parents\n",
          stamp, stage + 1, stage, stage);
      stage++;
    } else if (k < 965) {
      OUT("%s INFO TaskSetManager: some message of no interest\n", stamp);
    } else if (k < 975) {
      OUT("prose the program printed %u\n", task);
    } else if (k < 985) {
      OUT("%s INFO YarnScheduler: Removed TaskSet %d.%d, whose tasks have "
          "all completed, from pool\n", stamp, s, sa);
    } else if (k < 990 && app_lines > 200) {
      OUT("%s INFO SparkContext: Running Spark version 3.5.1\n", stamp);
      app_lines = 0;
      stage = 0;
    } else if (k < 995) {
      /* Failure statements and ends (failure.h): records of their
       * loggers, ERROR records of others, and lines that are not records
       * ("Exception in thread", tracebacks) with their traces. */
      uint32_t w = rnd(7);
      if (w == 0) {
        OUT("Exception in thread \"main\" java.lang.IllegalStateException: "
            "x%u\n\tat com.example.Main$.main(Main.scala:%u)\n", task,
            task);
      } else if (w == 1) {
        OUT("Traceback (most recent call last):\n  File \"/app/job.py\", "
            "line %u, in <module>\n    run()\nValueError: bad %u\n", task,
            task);
      } else if (w == 2) {
        OUT("%s ERROR Executor: Exception in task %u.0 in stage %d.%d "
            "(TID %u)\njava.lang.RuntimeException: boom\n\tat "
            "com.example.F.g(F.scala:3)\nCaused by: java.io.IOException: "
            "io %u\n",
            stamp, task, s, sa, tid, task);
      } else if (w == 3) {
        OUT("%s INFO SparkContext: Successfully stopped SparkContext\n",
            stamp);
      } else if (w == 4) {
        OUT("%s INFO ShutdownHookManager: Shutdown hook called\n", stamp);
      } else if (w == 5) {
        OUT("%s ERROR SomeLogger: Something failed %u\n", stamp, task);
      } else {
        OUT("%s INFO SparkContext: Invoking stop() from shutdown hook\n",
            stamp);
      }
    } else {
      OUT("%s INFO ContextCleaner: Cleaned accumulator %u\n", stamp, task);
    }
    app_lines++;
  }
#undef OUT
  return log;
}

static void expect_runs_exact(uint64_t seed, int lines, int time_only)
{
  test_layout = time_only ? "%d{HH:mm:ss.SSS} %p %c: %m%n" : NULL;
  char *log = task_log(seed, lines, time_only);
  char *want = serial_report(log, 0);
  static const size_t cuts[] = {1, 2, 3, 5, 17, 100, 1000000};
  for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
    int serial;
    char *got = chunked_report(log, cuts[i], 0, &serial);
    if (strcmp(want, got) != 0)
      fail_msg("seed %llu, %s, chunks of %zu lines: report differs",
               (unsigned long long)seed, time_only ? "time-only" : "dated",
               cuts[i]);
    assert_int_equal(serial, 0);
    if (time_only) {
      /* A time-only clock moves the model's day count: no runs. */
      assert_int_equal(runs_made, 0);
    } else if (cuts[i] >= 100) {
      /* Runs were made, and lines joined them (this log's clock moves
       * often after a run's lowest point, where a run ends for the time
       * budget: budget.h). */
      assert_true(runs_made > 0);
      if (run_lines <= runs_made + runs_made / 2)
        fail_msg("seed %llu: %llu lines in %llu runs",
                 (unsigned long long)seed, (unsigned long long)run_lines,
                 (unsigned long long)runs_made);
    }
    free(got);
  }
  test_layout = NULL;
  free(want);
  free(log);
}

/* Summed runs give the report of the lines applied one by one. */
static void test_chunk__task_runs_are_exact(void **state)
{
  (void)state;
  for (uint64_t seed = 1; seed <= 12; seed++)
    expect_runs_exact(seed, 3000, 0);
  expect_runs_exact(99, 2000, 1);
}

/* An application whose first record has no time starts at the first
 * timed line: here a run's. (--layout without a date matches the first
 * line; the rest are detected.) */
static void test_chunk__task_run_starts_an_untimed_app(void **state)
{
  (void)state;
  static const char log[] =
      "INFO SparkContext: Running Spark version 3.5.1\n"
      "24/08/14 15:12:50 INFO TaskSetManager: Starting task 0.0 in stage "
      "0.0 (TID 0) (h1, executor 1, partition 0, PROCESS_LOCAL, 7 bytes)\n"
      "24/08/14 15:12:51 INFO TaskSetManager: Finished task 0.0 in stage "
      "0.0 (TID 0) in 10 ms on h1 (executor 1) (1/1)\n";
  test_layout = "%p %c: %m%n";
  char *want = serial_report(log, 0);
  assert_non_null(strstr(want, "\"start\": \"2024-08-14T15:12:50"));
  int serial;
  char *got = chunked_report(log, 100, 0, &serial);
  test_layout = NULL;
  assert_string_equal(want, got);
  assert_int_equal(runs_made, 1);
  free(got);
  free(want);
}

/* The running-task count never goes below 0 in the model: a run that
 * ends tasks it never saw start, then starts some, must peak where the
 * lines one by one do. */
static void test_chunk__task_run_walk_floor(void **state)
{
  (void)state;
  static const char log[] =
      "24/08/14 15:12:49 INFO SparkContext: Running Spark version 3.5.1\n"
      "24/08/14 15:12:50 INFO TaskSetManager: Starting task 0.0 in stage "
      "0.0 (TID 0) (h1, executor 1, partition 0, PROCESS_LOCAL, 7 bytes)\n"
      "24/08/14 15:12:51 INFO TaskSetManager: Starting task 1.0 in stage "
      "0.0 (TID 1) (h1, executor 1, partition 1, PROCESS_LOCAL, 7 bytes)\n"
      "24/08/14 15:12:52 INFO YarnScheduler: Removed TaskSet 0.0, whose "
      "tasks have all completed, from pool\n"
      "24/08/14 15:12:53 INFO TaskSetManager: Finished task 5.0 in stage "
      "1.0 (TID 5) in 10 ms on h2 (executor 2) (1/9)\n"
      "24/08/14 15:12:53 INFO TaskSetManager: Finished task 6.0 in stage "
      "1.0 (TID 6) in 10 ms on h2 (executor 2) (2/9)\n"
      "24/08/14 15:12:53 INFO TaskSetManager: Finished task 7.0 in stage "
      "1.0 (TID 7) in 10 ms on h2 (executor 2) (3/9)\n"
      "24/08/14 15:12:54 INFO TaskSetManager: Starting task 8.0 in stage "
      "1.0 (TID 8) (h2, executor 2, partition 8, PROCESS_LOCAL, 7 bytes)\n"
      "24/08/14 15:12:54 INFO TaskSetManager: Starting task 9.0 in stage "
      "1.0 (TID 9) (h2, executor 2, partition 9, PROCESS_LOCAL, 7 bytes)\n"
      "24/08/14 15:12:54 INFO TaskSetManager: Starting task 10.0 in stage "
      "1.0 (TID 10) (h2, executor 2, partition 10, PROCESS_LOCAL, 7 bytes)\n";
  char *want = serial_report(log, 0);
  /* 2 running, 3 ends take it to 0 (not -1), 3 starts to 3: peak 3. */
  assert_non_null(strstr(want, "\"peak_running_tasks\": 3"));
  int serial;
  char *got = chunked_report(log, 100, 0, &serial);
  assert_string_equal(want, got);
  /* The run of stage 1 ends at 15:12:53's last end: the walk is at its
   * lowest and the clock moves on (no task may run in between). */
  assert_int_equal(runs_made, 3);
  free(got);
  free(want);
}

/* The time budget (budget.h) is the same however the log is cut: a
 * silence within a chunk, one across a border (the line before it in
 * the previous chunk), a task set's wait and a run that the clock
 * ends. */
static void test_chunk__time_budget_at_every_cut(void **state)
{
  (void)state;
  static const char log[] =
      "24/08/14 15:12:00 INFO SparkContext: Running Spark version 3.5.1\n"
      "24/08/14 15:12:20 INFO DAGScheduler: Got job 0 (count at A.scala:8) "
      "with 2 output partitions\n"
      "24/08/14 15:12:21 INFO YarnScheduler: Adding task set 0.0 with 2 "
      "tasks resource profile 0\n"
      "24/08/14 15:12:30 INFO TaskSetManager: Starting task 0.0 in stage "
      "0.0 (TID 0) (h1, executor 1, partition 0, PROCESS_LOCAL, 7 bytes)\n"
      "24/08/14 15:12:31 INFO TaskSetManager: Finished task 0.0 in stage "
      "0.0 (TID 0) in 1000 ms on h1 (executor 1) (1/2)\n"
      "24/08/14 15:12:33 INFO TaskSetManager: Starting task 1.0 in stage "
      "0.0 (TID 1) (h1, executor 1, partition 1, PROCESS_LOCAL, 7 bytes)\n"
      "24/08/14 15:12:34 INFO TaskSetManager: Finished task 1.0 in stage "
      "0.0 (TID 1) in 1000 ms on h1 (executor 1) (2/2)\n"
      "24/08/14 15:12:35 INFO DAGScheduler: Job 0 finished: count at "
      "A.scala:8, took 15.0 s\n"
      "24/08/14 15:12:35 INFO HiveExternalCatalog: Persisting data source "
      "relation into Hive metastore\n"
      "24/08/14 15:13:35 INFO DAGScheduler: Got job 1 (count at A.scala:9) "
      "with 1 output partitions\n"
      "24/08/14 15:13:36 INFO YarnScheduler: Adding task set 1.0 with 1 "
      "tasks resource profile 0\n"
      "24/08/14 15:13:36 INFO TaskSetManager: Starting task 0.0 in stage "
      "1.0 (TID 2) (h1, executor 1, partition 0, PROCESS_LOCAL, 7 bytes)\n"
      "24/08/14 15:13:44 INFO TaskSetManager: Finished task 0.0 in stage "
      "1.0 (TID 2) in 8000 ms on h1 (executor 1) (1/1)\n"
      "24/08/14 15:13:50 INFO DAGScheduler: Job 1 finished: count at "
      "A.scala:9, took 15.0 s\n"
      "24/08/14 15:13:52 INFO SparkContext: Successfully stopped "
      "SparkContext\n";
  char *want = serial_report(log, 0);
  assert_non_null(strstr(want, "\"running_ms\": 10000"));
  assert_non_null(strstr(want, "Persisting data source relation"));
  for (size_t cut = 1; cut <= 16; cut++) {
    int serial;
    char *got = chunked_report(log, cut, 0, &serial);
    if (strcmp(want, got) != 0)
      fail_msg("chunks of %zu lines: report differs", cut);
    free(got);
  }
  free(want);
}

/* A new file named from the template in path (mkstemp), open for writing. */
static FILE *temp_file(char *path)
{
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "wb");
  assert_non_null(f);
  return f;
}

/* The report of the file at path read serially with read(2). */
static char *file_report(const char *path)
{
  slg_pipeline *p = new_pipeline(0);
  slg_reader *r;
  assert_int_equal(slg_reader_open(&r, path), 0);
  slg_pipeline_begin_file(p, "mem");
  char buf[512];
  ptrdiff_t n;
  while ((n = slg_reader_read(r, buf, sizeof buf)) > 0)
    slg_pipeline_feed(p, buf, (size_t)n);
  slg_file_status st = {slg_reader_bytes_read(r), slg_reader_bytes_decoded(r),
                        0, 0, NULL};
  slg_reader_close(r);
  slg_pipeline_end_file(p, &st);
  char *got = report(p);
  slg_pipeline_free(p);
  return got;
}

/* The report of the file at path in positional chunks of cs bytes, read
 * with pread (mapped 0) or from a mapping of the whole file. */
static char *positional_report(const char *path, uint64_t cs, int mapped)
{
  slg_pipeline *p = new_pipeline(0);
  slg_chunk *c = slg_chunk_new(p);
  slg_reader *r;
  assert_int_equal(slg_reader_open(&r, path), 0);
  int64_t size = slg_reader_positional(r);
  assert_true(size > 0);
  slg_mapping map = {NULL, 0, -1, 0};
  if (mapped)
    assert_non_null(slg_reader_map(r, 0, (size_t)size, &map));
  slg_file_source src;
  slg_file_source_init(&src, r, &map);
  char *buf = slg_xmalloc((size_t)cs + 1);
  slg_pipeline_begin_file(p, "mem");
  uint64_t end = 0;
  for (uint64_t b = 0; b < (uint64_t)size; b += cs) {
    uint64_t e = b + cs < (uint64_t)size ? b + cs : (uint64_t)size;
    assert_int_equal(slg_chunk_parse_at(c, &src.src, buf, b, e, (uint64_t)size),
                     0);
    slg_pipeline_merge(p, c);
    if (slg_chunk_file_end(c) > end)
      end = slg_chunk_file_end(c);
  }
  assert_int_equal(end, (uint64_t)size);
  slg_reader_positional_end(r, end, 0);
  slg_file_status st = {slg_reader_bytes_read(r), slg_reader_bytes_decoded(r),
                        0, 0, NULL};
  slg_pipeline_end_file(p, &st);
  char *got = report(p);
  free(buf);
  slg_mapping_release(&map);
  slg_reader_close(r);
  slg_chunk_free(c);
  slg_pipeline_free(p);
  return got;
}

static void expect_positional(const char *path, const char *want, uint64_t cs)
{
  for (int mapped = 0; mapped < 2; mapped++) {
    char *got = positional_report(path, cs, mapped);
    if (strcmp(want, got) != 0)
      fail_msg("positional chunks of %llu bytes (%s): report differs",
               (unsigned long long)cs, mapped ? "mapped" : "pread");
    free(got);
  }
}

/*
 * Positional chunks (plain files, slg_chunk_parse_at): chunk k owns the
 * lines that start in [k C, (k + 1) C). Every C from 1 byte to past the
 * file: ranges inside one line (empty chunks), a record that runs past
 * its range (read on to its newline), a final line without a newline.
 */
static void test_chunk__positional_ranges(void **state)
{
  (void)state;
  char path[] = "/tmp/slg-test-chunk-XXXXXX";
  FILE *f = temp_file(path);
  /* Without its last newline: the unterminated line is a record. */
  fwrite(job_log, 1, sizeof job_log - 2, f);
  fclose(f);
  char *want = file_report(path);
  for (uint64_t cs = 1; cs < sizeof job_log + 8; cs += (cs < 200 ? 1 : 37))
    expect_positional(path, want, cs);
  free(want);
  unlink(path);
}

/*
 * A record longer than the 64 KiB a mapped chunk reads past its end
 * before it goes on with pread, and longer than the splitter keeps: cut
 * the same way whichever chunk sizes and reads meet it.
 */
static void test_chunk__positional_long_line(void **state)
{
  (void)state;
  char path[] = "/tmp/slg-test-chunk-XXXXXX";
  FILE *f = temp_file(path);
  fwrite(job_log, 1, sizeof job_log - 1, f);
  fputs("24/08/14 15:13:01 INFO SparkContext: ", f);
  for (int i = 0; i < 150000; i++)
    fputc('a' + i % 26, f);
  fputc('\n', f);
  fwrite(job_log, 1, sizeof job_log - 1, f);
  fclose(f);
  char *want = file_report(path);
  const uint64_t sizes[] = {997, 4096, 65536, 65537, 100000, 150001, 400000};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    expect_positional(path, want, sizes[i]);
  free(want);
  unlink(path);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_chunk__every_cut_gives_the_serial_report),
      cmocka_unit_test(test_chunk__border_inside_a_stack_trace),
      cmocka_unit_test(test_chunk__logger_bound_takes_the_serial_path),
      cmocka_unit_test(test_chunk__json_messages_are_copied),
      cmocka_unit_test(test_chunk__layout_bound_takes_the_serial_path),
      cmocka_unit_test(test_chunk__task_runs_are_exact),
      cmocka_unit_test(test_chunk__task_run_walk_floor),
      cmocka_unit_test(test_chunk__task_run_starts_an_untimed_app),
      cmocka_unit_test(test_chunk__positional_ranges),
      cmocka_unit_test(test_chunk__positional_long_line),
      cmocka_unit_test(test_chunk__time_budget_at_every_cut),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
