/*
 * test_time_budget.c - the time budget (model/budget.c,
 * analysis/time_budget.c): its parts sum to the wall time, and a slow
 * start, a pending wait and a driver-only gap are found where a small
 * log puts them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pipeline.h"
#include "time_budget.h"

#define T "26/01/01 "
static const char log_text[] =
    T "10:00:00 INFO SparkContext: Running Spark version 3.5.1\n"
    T "10:00:20 INFO DAGScheduler: Got job 0 (count at X.scala:1) with 1 "
      "output partitions\n"
    T "10:00:21 INFO TaskSchedulerImpl: Adding task set 0.0 with 1 tasks "
      "resource profile 0\n"
    T "10:00:30 INFO TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) "
      "(host1, executor 1, partition 0, PROCESS_LOCAL, 7000 bytes)\n"
    T "10:00:40 INFO TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) "
      "in 10000 ms on host1 (executor 1) (1/1)\n"
    T "10:00:41 INFO DAGScheduler: Job 0 finished: count at X.scala:1, "
      "took 21.0 s\n"
    T "10:01:41 INFO DAGScheduler: Got job 1 (count at X.scala:2) with 1 "
      "output partitions\n"
    T "10:01:41 INFO TaskSchedulerImpl: Adding task set 1.0 with 1 tasks "
      "resource profile 0\n"
    T "10:01:42 INFO TaskSetManager: Starting task 0.0 in stage 1.0 (TID 1) "
      "(host1, executor 1, partition 0, PROCESS_LOCAL, 7000 bytes)\n"
    T "10:01:43 INFO TaskSetManager: Finished task 0.0 in stage 1.0 (TID 1) "
      "in 1000 ms on host1 (executor 1) (1/1)\n"
    T "10:01:44 INFO DAGScheduler: Job 1 finished: count at X.scala:2, "
      "took 3.0 s\n"
    T "10:01:46 INFO SparkContext: Successfully stopped SparkContext\n";

static slg_pipeline *run_log(const char *text, size_t len)
{
  char err[256];
  slg_pipeline *p;
  assert_int_equal(slg_pipeline_new(&p, NULL, err), 0);
  slg_pipeline_begin_file(p, "mem");
  slg_pipeline_feed(p, text, len);
  slg_pipeline_end_file(p, NULL);
  slg_pipeline_finish(p);
  return p;
}

static const slg_app *only_app(const slg_pipeline *p)
{
  slg_report rep;
  slg_pipeline_report(&rep, p);
  size_t n;
  const slg_app *a = slg_model_apps(rep.model, &n);
  assert_int_equal(n, 1);
  return a;
}

static void test_time_budget__parts_sum_to_wall(void **state)
{
  (void)state;
  slg_pipeline *p = run_log(log_text, sizeof log_text - 1);
  slg_time_budget t;
  slg_time_budget_of(&t, only_app(p));
  assert_null(t.null_reason);
  assert_int_equal(t.resolution_ms, 1000);
  assert_int_equal(t.wall_ms, 106000);
  assert_int_equal(t.startup_ms, 20000);
  assert_int_equal(t.running_ms, 11000);
  assert_int_equal(t.pending_ms, 10000);
  assert_int_equal(t.job_no_task_ms, 3000);
  assert_int_equal(t.no_job_ms, 60000);
  assert_int_equal(t.shutdown_ms, 2000);
  assert_int_equal(t.after_stop_ms, 0);
  assert_int_equal(t.startup_ms + t.running_ms + t.pending_ms +
                       t.driver_only_ms + t.shutdown_ms + t.after_stop_ms,
                   t.wall_ms);
  slg_pipeline_free(p);
}

static void test_time_budget__gap_wait_period(void **state)
{
  (void)state;
  slg_pipeline *p = run_log(log_text, sizeof log_text - 1);
  slg_time_budget t;
  slg_time_budget_of(&t, only_app(p));
  const slg_budget *b = t.b;
  assert_non_null(b);
  /* The gap is named by the last line before it. */
  assert_int_equal(b->gaps.count, 1);
  assert_int_equal(b->gaps.top[0].ms, 60000);
  assert_int_equal(b->gaps.top[0].job_open, 0);
  assert_int_equal(b->gaps.top[0].before.line, 6);
  assert_int_equal(b->gaps.top[0].after.line, 7);
  assert_non_null(strstr(b->gaps.top[0].before_text, "Job 0 finished"));
  assert_int_equal(b->periods.count, 1);
  /* Maximal: from the task's end (job 0 still open) to job 1. */
  assert_int_equal(b->periods.top[0].ms, 61000);
  assert_int_equal(b->periods.top[0].before.line, 5);
  assert_int_equal(b->periods.top[0].after.line, 8); /* the task set */
  assert_int_equal(b->waits_count, 1);
  assert_int_equal(b->waits[0].ms, 9000);
  assert_int_equal(b->waits[0].added.line, 3);
  assert_int_equal(b->waits[0].first_task.line, 4);
  slg_pipeline_free(p);
}

/* Spark 0.x logs no TaskSetManager line and no job end: from its first
 * "Completed ResultTask" line, a submitted stage is running time and a
 * job ends with its final stage. */
static const char old_text[] =
    T "10:00:00 INFO DAGScheduler: Got job 0 (count at X.scala:1) with 1 "
      "output partitions (allowLocal=false)\n"
    T "10:00:00 INFO DAGScheduler: Final stage: Stage 0 (count at "
      "X.scala:1)\n"
    T "10:00:01 INFO DAGScheduler: Submitting Stage 0 (MappedRDD[1] at "
      "count at X.scala:1), which has no missing parents\n"
    T "10:00:05 INFO DAGScheduler: Completed ResultTask(0, 0)\n"
    T "10:00:05 INFO DAGScheduler: Stage 0 (count at X.scala:1) finished in "
      "4.000 s\n"
    T "10:00:20 INFO DAGScheduler: Got job 1 (count at X.scala:2) with 1 "
      "output partitions (allowLocal=false)\n"
    T "10:00:20 INFO DAGScheduler: Final stage: Stage 1 (count at "
      "X.scala:2)\n"
    T "10:00:21 INFO DAGScheduler: Submitting Stage 1 (MappedRDD[3] at "
      "count at X.scala:2), which has no missing parents\n"
    T "10:00:31 INFO DAGScheduler: Completed ResultTask(1, 0)\n"
    T "10:00:31 INFO DAGScheduler: Stage 1 (count at X.scala:2) finished in "
      "10.000 s\n"
    T "10:00:33 INFO MyApp: done\n";

static void test_time_budget__spark0_stage_basis(void **state)
{
  (void)state;
  slg_pipeline *p = run_log(old_text, sizeof old_text - 1);
  slg_time_budget t;
  slg_time_budget_of(&t, only_app(p));
  assert_null(t.null_reason);
  assert_int_equal(t.wall_ms, 33000); /* to the last line, MyApp's */
  assert_int_equal(t.startup_ms, 0);
  /* Stage 1's 10 s; stage 0 ran before the first 0.x line told. */
  assert_int_equal(t.running_ms, 10000);
  assert_int_equal(t.driver_only_ms, 21000);
  assert_int_equal(t.shutdown_ms, 2000); /* after job 1's final stage */
  assert_int_equal(t.b->open_at_end, 0);
  slg_pipeline_free(p);
}

/* A run that stopped before its first job: start-up to the driver's
 * block manager, the driver alone to the stop's first line, shutdown to
 * the context's stop. Without a logged stop it has no budget (its work
 * may be in silenced loggers). */
static const char jobless_text[] =
    T "10:00:00 INFO SparkContext: Running Spark version 3.1.2\n"
    T "10:00:03 INFO BlockManagerMaster: Registered BlockManager "
      "BlockManagerId(driver, 10.0.0.5, 33109, None)\n"
    T "10:00:10 INFO SparkContext: Invoking stop() from shutdown hook\n"
    T "10:00:11 INFO SparkUI: Stopped Spark web UI at http://h:4040\n"
    T "10:00:12 INFO SparkContext: Successfully stopped SparkContext\n"
    T "10:00:13 INFO ShutdownHookManager: Shutdown hook called\n";

static void test_time_budget__jobless(void **state)
{
  (void)state;
  slg_pipeline *p = run_log(jobless_text, sizeof jobless_text - 1);
  slg_time_budget t;
  slg_time_budget_of(&t, only_app(p));
  assert_null(t.null_reason);
  assert_int_equal(t.no_jobs, 1);
  assert_int_equal(t.wall_ms, 13000);
  assert_int_equal(t.startup_ms, 3000);
  assert_int_equal(t.no_job_ms, 7000);
  assert_int_equal(t.driver_only_ms, 7000);
  assert_int_equal(t.shutdown_ms, 2000);
  assert_int_equal(t.after_stop_ms, 1000);
  assert_int_equal(t.stop_requested.line, 3);
  slg_pipeline_free(p);
  /* Cut before its stop: null. */
  const char *cut = strstr(jobless_text, T "10:00:10");
  p = run_log(jobless_text, (size_t)(cut - jobless_text));
  slg_time_budget_of(&t, only_app(p));
  assert_string_equal(t.null_reason, "no_scheduler_lines");
  slg_pipeline_free(p);
}

/* Fed a byte at a time, the lines before a silence still name it. */
static void test_time_budget__bytewise_feed(void **state)
{
  (void)state;
  char err[256];
  slg_pipeline *p;
  assert_int_equal(slg_pipeline_new(&p, NULL, err), 0);
  slg_pipeline_begin_file(p, "mem");
  for (size_t i = 0; i < sizeof log_text - 1; i++)
    slg_pipeline_feed(p, log_text + i, 1);
  slg_pipeline_end_file(p, NULL);
  slg_pipeline_finish(p);
  slg_time_budget t;
  slg_time_budget_of(&t, only_app(p));
  assert_non_null(t.b);
  assert_int_equal(t.b->gaps.count, 1);
  assert_non_null(strstr(t.b->gaps.top[0].before_text, "Job 0 finished"));
  assert_non_null(strstr(t.b->gaps.top[0].after_text, "Got job 1"));
  slg_pipeline_free(p);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_time_budget__parts_sum_to_wall),
      cmocka_unit_test(test_time_budget__gap_wait_period),
      cmocka_unit_test(test_time_budget__bytewise_feed),
      cmocka_unit_test(test_time_budget__spark0_stage_basis),
      cmocka_unit_test(test_time_budget__jobless),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
