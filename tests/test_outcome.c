/*
 * test_outcome.c - each application's outcome and root cause
 * (analysis/outcome.c), from small driver logs fed through the pipeline:
 * one case per way an application ends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analysis.h"
#include "pipeline.h"

typedef struct run {
  slg_pipeline *p;
  slg_analysis an;
  slg_thresholds th;
} run;

static void run_log(run *r, const char *log)
{
  char err[256];
  assert_int_equal(slg_pipeline_new(&r->p, NULL, err), 0);
  slg_pipeline_begin_file(r->p, "mem");
  slg_pipeline_feed(r->p, log, strlen(log));
  slg_pipeline_end_file(r->p, NULL);
  slg_pipeline_finish(r->p);
  slg_report rep;
  slg_pipeline_report(&rep, r->p);
  slg_thresholds_init(&r->th);
  slg_analysis_run(&r->an, rep.model, &r->th, slg_report_input_kind(&rep));
}

static void run_free(run *r)
{
  slg_analysis_dispose(&r->an);
  slg_pipeline_free(r->p);
}

static const slg_app *model_app(run *r, size_t i)
{
  slg_report rep;
  slg_pipeline_report(&rep, r->p);
  size_t n;
  const slg_app *a = slg_model_apps(rep.model, &n);
  assert_true(i < n);
  return &a[i];
}

static const slg_app_outcome *app(run *r, size_t i)
{
  assert_true(i < r->an.apps);
  return &r->an.outcomes[i];
}

static int has_finding(const run *r, slg_finding_kind k, slg_severity sev)
{
  for (size_t i = 0; i < r->an.nfindings; i++)
    if (r->an.findings[i].kind == k && r->an.findings[i].severity == sev)
      return 1;
  return 0;
}

#define START                                                                \
  "24/03/01 10:00:00 INFO SparkContext: Running Spark version 3.4.1\n"
#define JOB0                                                                 \
  "24/03/01 10:00:01 INFO DAGScheduler: Got job 0 (count at A.scala:5) "   \
  "with 1 output partitions\n"                                               \
  "24/03/01 10:00:02 INFO DAGScheduler: Job 0 finished: count at "          \
  "A.scala:5, took 1.000000 s\n"
#define JOB1_GOT                                                             \
  "24/03/01 10:00:03 INFO DAGScheduler: Got job 1 (count at A.scala:9) "   \
  "with 1 output partitions\n"
#define LOST                                                                 \
  "24/03/01 10:00:04 WARN TaskSetManager: Lost task 0.0 in stage 1.0 "     \
  "(TID 1) (h1 executor 1): java.lang.NumberFormatException: For input "    \
  "string: \"x\"\n"                                                          \
  "\tat java.lang.Double.parseDouble(Double.java:651)\n"                     \
  "\tat com.example.A$.parse(A.scala:41)\n"
#define ABORT                                                                \
  "24/03/01 10:00:05 ERROR TaskSetManager: Task 0 in stage 1.0 failed 4 "  \
  "times; aborting job\n"                                                    \
  "24/03/01 10:00:05 INFO DAGScheduler: Job 1 failed: count at A.scala:9, " \
  "took 2.000000 s\n"
#define HOOK                                                                 \
  "24/03/01 10:00:09 INFO SparkContext: Invoking stop() from shutdown "     \
  "hook\n"                                                                   \
  "24/03/01 10:00:09 INFO SparkContext: Successfully stopped "              \
  "SparkContext\n"                                                           \
  "24/03/01 10:00:09 INFO ShutdownHookManager: Shutdown hook called\n"

static void test_outcome__aborted_last_job_fails(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB0 JOB1_GOT LOST ABORT
          "Exception in thread \"main\" org.apache.spark.SparkException: Job "
          "aborted due to stage failure: Task 0 in stage 1.0 failed 4 times, "
          "most recent failure: java.lang.NumberFormatException: x\n"
          "\tat com.example.A$.main(A.scala:9)\n" HOOK);
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_FAILED);
  assert_int_equal(o->nfailed_jobs, 1);
  assert_int_equal(o->failed_jobs[0], 1);
  assert_true(o->has_cause);
  assert_string_equal(o->cause.class_id, "task-failure");
  assert_string_equal(o->cause.exception, "java.lang.NumberFormatException");
  assert_int_equal(o->cause.line.line, 5); /* the first Lost task */
  assert_string_equal(o->cause.user_frame, "com.example.A$.parse(A.scala:41)");
  assert_true(has_finding(&r, SLG_FINDING_APP_FAILED, SLG_SEV_ERROR));
  assert_true(slg_analysis_failed(&r.an, &r.th));
  assert_int_equal(r.an.cause_app, 0);
  slg_report rep;
  size_t napps;
  slg_pipeline_report(&rep, r.p);
  assert_int_equal(slg_model_apps(rep.model, &napps)->end_reason,
                   SLG_APP_END_SHUTDOWN_HOOK);
  run_free(&r);
}

/* WARN-level runs appended to one file: no job lines, each run begins at
 * its JVM's loopback line; the abort's cause is the lost task before it. */
static void test_outcome__warn_level_runs_abort_without_job(void **state)
{
  (void)state;
  run r;
#define JVM(t)                                                               \
  "24/03/01 10:00:0" t " WARN Utils: Your hostname, h resolves to a "       \
  "loopback address: 127.0.0.1; using 10.0.0.5 instead (on interface "      \
  "en0)\n"
  run_log(&r, JVM("0") LOST
          "24/03/01 10:00:05 ERROR TaskSetManager: Task 0 in stage 1.0 "
          "failed 1 times; aborting job\n" JVM("8"));
#undef JVM
  assert_int_equal(r.an.apps, 2);
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_FAILED);
  assert_true(o->has_cause);
  assert_string_equal(o->cause.class_id, "task-failure");
  assert_string_equal(o->cause.exception, "java.lang.NumberFormatException");
  assert_int_equal(o->cause.line.line, 2); /* the Lost task */
  assert_int_equal(o->start_line.line, 1);
  assert_int_equal(o->end_line.line, 5);
  assert_int_equal(app(&r, 1)->start_line.line, 6);
  run_free(&r);
}

/* A wrapper that writes the run's tail twice: the context stopped at the
 * first stop line. */
static void test_outcome__stop_written_twice_ends_at_first(void **state)
{
  (void)state;
  run r;
#define STOP                                                                 \
  "24/03/01 10:00:09 INFO SparkContext: Successfully stopped "              \
  "SparkContext\n"                                                           \
  "24/03/01 10:00:09 INFO ShutdownHookManager: Shutdown hook called\n"
  run_log(&r, START JOB0 STOP STOP);
#undef STOP
  assert_int_equal(r.an.apps, 1);
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_SUCCEEDED);
  assert_int_equal(o->end_line.line, 5);
  run_free(&r);
}

static void test_outcome__failure_then_success_recovers(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB1_GOT LOST ABORT
          "24/03/01 10:00:06 INFO DAGScheduler: Got job 2 (count at "
          "A.scala:12) with 1 output partitions\n"
          "24/03/01 10:00:07 INFO DAGScheduler: Job 2 finished: count at "
          "A.scala:12, took 1.000000 s\n"
          "24/03/01 10:00:08 INFO SparkContext: Successfully stopped "
          "SparkContext\n");
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_SUCCEEDED);
  assert_true(o->recovered);
  assert_int_equal(o->nfailed_jobs, 1);
  assert_false(o->has_cause);
  assert_true(has_finding(&r, SLG_FINDING_JOB_FAILED_RECOVERED,
                          SLG_SEV_WARNING));
  assert_false(slg_analysis_failed(&r.an, &r.th));
  run_free(&r);
}

static void test_outcome__hook_while_job_runs_kills(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB0 JOB1_GOT
          "24/03/01 10:00:09 INFO SparkContext: Invoking stop() from "
          "shutdown hook\n"
          "24/03/01 10:00:09 INFO DAGScheduler: Job 1 failed: count at "
          "A.scala:9, took 6.000000 s\n"
          "24/03/01 10:00:09 INFO SparkContext: Successfully stopped "
          "SparkContext\n");
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_KILLED);
  assert_int_equal(o->nfailed_jobs, 0);
  assert_int_equal(o->ncancelled_jobs, 1);
  assert_string_equal(o->cause.class_id, "shutdown");
  assert_int_equal(o->cause.line.line, 5);
  assert_true(has_finding(&r, SLG_FINDING_APP_KILLED, SLG_SEV_ERROR));
  run_free(&r);
}

static void test_outcome__death_before_any_job(void **state)
{
  (void)state;
  run r;
  run_log(&r, START
          "24/03/01 10:00:01 ERROR SparkContext: Error initializing "
          "SparkContext.\n"
          "org.apache.spark.SparkException: A master URL must be set in your "
          "configuration\n"
          "\tat org.apache.spark.SparkContext.<init>(SparkContext.scala:1)\n"
          "\tat com.example.Report$.main(Report.scala:14)\n"
          "Exception in thread \"main\" org.apache.spark.SparkException: A "
          "master URL must be set in your configuration\n"
          "24/03/01 10:00:01 INFO ShutdownHookManager: Shutdown hook called\n");
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_FAILED);
  assert_string_equal(o->cause.class_id, "sc-init");
  assert_int_equal(o->cause.line.line, 3);
  assert_string_equal(o->cause.user_frame,
                      "com.example.Report$.main(Report.scala:14)");
  /* No scheduler line, yet a failure: no NO_SCHEDULER_LINES. */
  assert_false(has_finding(&r, SLG_FINDING_NO_SCHEDULER_LINES,
                           SLG_SEV_ERROR));
  assert_true(slg_analysis_failed(&r.an, &r.th));
  run_free(&r);
}

static void test_outcome__cut_off_is_incomplete(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB0 JOB1_GOT);
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_INCOMPLETE);
  assert_true(has_finding(&r, SLG_FINDING_LOG_CUT_OFF, SLG_SEV_WARNING));
  assert_false(slg_analysis_failed(&r.an, &r.th));
  run_free(&r);
}

/* The log stops after its jobs finished, with no stop line: whether the
 * application went on to succeed is not in it. */
static void test_outcome__cut_off_after_finished_jobs(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB0);
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_INCOMPLETE);
  assert_true(has_finding(&r, SLG_FINDING_LOG_CUT_OFF, SLG_SEV_WARNING));
  assert_false(slg_analysis_failed(&r.an, &r.th));
  run_free(&r);
}

/* Cut off after the driver died: failed, an error, never incomplete. */
static void test_outcome__cut_off_after_driver_oom_fails(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB0 JOB1_GOT
          "Exception in thread \"dag-scheduler-event-loop\" "
          "java.lang.OutOfMemoryError: Java heap space\n"
          "\tat java.util.Arrays.copyOf(Arrays.java:3745)\n"
          "24/03/01 10:01:07 INFO TaskSetManager: Finished task 6.0 in stage "
          "1.0 (TID 12) in 63412 ms on h3 (executor 3) (7/8)\n");
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_FAILED);
  assert_true(o->driver_died);
  assert_string_equal(o->cause.class_id, "java-oom");
  assert_true(has_finding(&r, SLG_FINDING_APP_FAILED, SLG_SEV_ERROR));
  assert_false(has_finding(&r, SLG_FINDING_LOG_CUT_OFF, SLG_SEV_WARNING));
  assert_true(slg_analysis_failed(&r.an, &r.th));
  run_free(&r);
}

/* No job seen, but the program stopped its context itself: succeeded. The
 * shutdown hook alone says nothing (main may have thrown): unknown. */
static void test_outcome__own_stop_without_jobs(void **state)
{
  (void)state;
  run r;
  run_log(&r, START "24/03/01 10:00:09 INFO SparkContext: Successfully "
                    "stopped SparkContext\n"
                    "24/03/01 10:00:09 INFO ShutdownHookManager: Shutdown "
                    "hook called\n");
  assert_int_equal(app(&r, 0)->outcome, SLG_OUTCOME_SUCCEEDED);
  assert_int_equal(app(&r, 0)->end_line.line, 3);
  run_free(&r);
  run_log(&r, START HOOK);
  assert_int_equal(app(&r, 0)->outcome, SLG_OUTCOME_UNKNOWN);
  run_free(&r);
}

/* "Shutdown hook called" with no "Invoking stop() from shutdown hook":
 * the program stopped its context (its SparkContext line may be filtered
 * out), the JVM then ran its hooks. */
static void test_outcome__hook_called_alone_is_own_stop(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB0
          "24/03/01 10:00:09 INFO ShutdownHookManager: Shutdown hook "
          "called\n");
  assert_int_equal(model_app(&r, 0)->end_reason, SLG_APP_END_SC_STOPPED);
  assert_int_equal(app(&r, 0)->outcome, SLG_OUTCOME_SUCCEEDED);
  run_free(&r);
  run_log(&r, START JOB0 HOOK);
  assert_int_equal(model_app(&r, 0)->end_reason, SLG_APP_END_SHUTDOWN_HOOK);
  run_free(&r);
}

/* The tail of an application written twice: the first stop ends it. */
static void test_outcome__repeated_stop_keeps_first(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB0 HOOK
          "24/03/01 10:00:09 INFO SparkContext: Successfully stopped "
          "SparkContext\n"
          "24/03/01 10:00:09 INFO ShutdownHookManager: Shutdown hook called\n");
  assert_int_equal(app(&r, 0)->end_line.line, 6);
  run_free(&r);
}

/* WARN level on Kubernetes: "Kubernetes client has been closed" as the
 * last line is the context's stop; mid-run (a watch that reconnects,
 * work going on) it is not. */
#define K8S_CLOSED                                                           \
  "WARN ExecutorPodsWatchSnapshotSource: Kubernetes client has been "       \
  "closed (this is expected if the application is shutting down.)\n"
#define WARN_TSM                                                             \
  "WARN TaskSetManager: Lost task 0.0 in stage 3.0 (TID 9) (h1 executor "  \
  "1): TaskKilled (another attempt succeeded)\n"

static void test_outcome__k8s_client_closed(void **state)
{
  (void)state;
  run r;
  run_log(&r, START "24/03/01 10:00:04 " WARN_TSM
          "24/03/01 10:00:09 " K8S_CLOSED);
  assert_int_equal(model_app(&r, 0)->end_reason, SLG_APP_END_SC_STOPPED);
  assert_int_equal(app(&r, 0)->outcome, SLG_OUTCOME_SUCCEEDED);
  run_free(&r);
  run_log(&r, START "24/03/01 10:00:03 " K8S_CLOSED
          "io.fabric8.kubernetes.client.KubernetesClientException: too old "
          "resource version: 1 (2)\n"
          "24/03/01 10:00:04 " WARN_TSM);
  assert_int_equal(model_app(&r, 0)->end_reason, SLG_APP_END_LOG_ENDS);
  assert_int_equal(app(&r, 0)->outcome, SLG_OUTCOME_INCOMPLETE);
  run_free(&r);
}

/* YARN's verdict with no scheduler line (the driver's lines are not in
 * the file): succeeded, and NO_SCHEDULER_LINES is only a warning. */
static void test_outcome__yarn_final_succeeded(void **state)
{
  (void)state;
  run r;
  run_log(&r, START "24/03/01 10:00:09 INFO ApplicationMaster: Final app "
                    "status: SUCCEEDED, exitCode: 0\n");
  assert_int_equal(app(&r, 0)->outcome, SLG_OUTCOME_SUCCEEDED);
  assert_true(has_finding(&r, SLG_FINDING_NO_SCHEDULER_LINES,
                          SLG_SEV_WARNING));
  assert_false(slg_analysis_failed(&r.an, &r.th));
  run_free(&r);
}

/* A local 2.x driver kept at ERROR: the stopped listener bus drops the
 * end of each job the stop cut off. Job ids restart, and the second stop
 * comes minutes after the first: two applications, both killed. */
#define DROPPED(t, n)                                                        \
  "[ERROR] 2019-04-22 " t " org.apache.spark.scheduler.LiveListenerBus "    \
  "logError - SparkListenerBus has already stopped! Dropping event "        \
  "SparkListenerJobEnd(" n ",1555945166417,JobFailed(org.apache.spark."     \
  "SparkException: Job " n " cancelled because SparkContext was shut "      \
  "down))\n"

static void test_outcome__error_only_dropped_job_ends(void **state)
{
  (void)state;
  run r;
  run_log(&r, DROPPED("16:59:26,419", "11")
          "[ERROR] 2019-04-22 16:59:26,512 org.apache.spark.executor.Executor "
          "logError - Exception in task 1.0 in stage 184.0 (TID 106)\n"
          "org.apache.spark.SparkException: Error communicating with "
          "MapOutputTracker\n"
          DROPPED("16:59:26,600", "12")
          "[ERROR] 2019-04-22 17:04:20,956 org.apache.spark.scheduler."
          "LiveListenerBus logError - SparkListenerBus has already stopped! "
          "Dropping event SparkListenerStageCompleted(org.apache.spark."
          "scheduler.StageInfo@46b578eb)\n"
          DROPPED("17:04:20,971", "1"));
  assert_int_equal(r.an.apps, 2);
  assert_int_equal(app(&r, 0)->outcome, SLG_OUTCOME_KILLED);
  assert_int_equal(app(&r, 0)->ncancelled_jobs, 2);
  assert_string_equal(app(&r, 0)->cause.class_id, "shutdown");
  assert_int_equal(app(&r, 0)->cause.line.line, 1);
  assert_int_equal(app(&r, 0)->end_line.line, 4);
  /* The second stop's trail begins its application. */
  assert_int_equal(app(&r, 1)->start_line.line, 5);
  assert_int_equal(app(&r, 1)->outcome, SLG_OUTCOME_KILLED);
  assert_int_equal(app(&r, 1)->cause.line.line, 6);
  assert_true(has_finding(&r, SLG_FINDING_APP_KILLED, SLG_SEV_ERROR));
  assert_true(slg_analysis_failed(&r.an, &r.th));
  run_free(&r);
}

static void test_outcome__python_error_after_last_job(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB0
          "24/03/01 10:00:03 INFO SomeLogger: a line\n"
          "Traceback (most recent call last):\n"
          "  File \"/app/job.py\", line 33, in <module>\n"
          "    first = rows[0][\"ts\"]\n"
          "  File \"/opt/spark/python/lib/pyspark.zip/pyspark/sql/types.py\", "
          "line 1, in __getitem__\n"
          "    raise ValueError(item)\n"
          "ValueError: ts\n" HOOK);
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_FAILED);
  assert_string_equal(o->cause.class_id, "pyspark");
  assert_string_equal(o->cause.exception, "ValueError");
  assert_int_equal(o->cause.line.line, 10);
  assert_string_equal(o->cause.user_frame,
                      "/app/job.py, line 33, in <module> (first = "
                      "rows[0][\"ts\"])");
  run_free(&r);
}

static void test_outcome__true_end_and_idle_time(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB0
          "24/03/01 10:05:02 INFO SparkContext: Successfully stopped "
          "SparkContext (Uptime: 302000 ms)\n");
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_SUCCEEDED);
  assert_true(o->duration_ms == 302000);
  assert_true(o->idle_after_last_job_ms == 300000);
  assert_int_equal(o->end_line.line, 4);
  run_free(&r);
}

/* Task 0 of stage 1.0 dies with executor 1 (YARN kills its container):
 * line 3 states the death with its reason. */
#define YARN_DEATH                                                           \
  "24/03/01 10:00:04 WARN YarnSchedulerBackend$YarnSchedulerEndpoint: "      \
  "Requesting driver to remove executor 1 for reason Container from a bad "  \
  "node: c_2 on host: n1. Exit status: 137. Diagnostics: Container killed " \
  "on request. Exit code is 137\n"                                           \
  "24/03/01 10:00:04 ERROR YarnScheduler: Lost executor 1 on n1: Container " \
  "from a bad node: c_2 on host: n1. Exit status: 137. Diagnostics: "        \
  "Container killed on request. Exit code is 137\n"                          \
  "24/03/01 10:00:04 WARN TaskSetManager: Lost task 0.0 in stage 1.0 (TID " \
  "1) (n1 executor 1): ExecutorLostFailure (executor 1 exited caused by one " \
  "of the running tasks) Reason: Container from a bad node: c_2 on host: "   \
  "n1. Exit status: 137. Diagnostics: Container killed on request. Exit "    \
  "code is 137\n"

/* A task lost with its executor: the root cause is the executor's death
 * line, classed by its wording; the lost task is one of its lines. */
static void test_outcome__lost_executor_is_its_death(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB1_GOT YARN_DEATH ABORT HOOK);
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_FAILED);
  assert_string_equal(o->cause.class_id, "yarn-exit-status");
  assert_int_equal(o->cause.line.line, 3);
  int task_line = 0;
  for (size_t i = 0; i < o->cause.nlines; i++)
    task_line |= o->cause.lines[i].line == 5;
  assert_true(task_line);
  run_free(&r);

  /* Kubernetes: the reason is on the lines after "Reason: "; the message
   * quotes the death's evidence, the class is the driver's k8s-exit. */
  run_log(&r, START JOB1_GOT
          "24/03/01 10:00:04 ERROR TaskSchedulerImpl: Lost executor 2 on "
          "10.0.0.7: \n"
          "The executor with id 2 exited with exit code 137(SIGKILL, possible "
          "container OOM).\n"
          "24/03/01 10:00:04 WARN TaskSetManager: Lost task 0.0 in stage 1.0 "
          "(TID 1) (10.0.0.7 executor 2): ExecutorLostFailure (executor 2 "
          "exited caused by one of the running tasks) Reason: \n"
          "The executor with id 2 exited with exit code 137(SIGKILL, possible "
          "container OOM).\n" ABORT HOOK);
  o = app(&r, 0);
  assert_string_equal(o->cause.class_id, "k8s-exit");
  assert_int_equal(o->cause.line.line, 4);
  assert_non_null(strstr(o->cause.message, "Reason: exit code 137(SIGKILL"));
  run_free(&r);

  /* A lost task whose executor's death the log never states with a
   * reason stays the root cause. */
  run_log(&r, START JOB1_GOT LOST ABORT HOOK);
  assert_string_equal(app(&r, 0)->cause.class_id, "task-failure");
  assert_int_equal(app(&r, 0)->cause.line.line, 3);
  run_free(&r);
}

/* Map output lost with a preempted container: the preemption is why. */
static void test_outcome__missing_map_output_after_death(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB1_GOT
          "24/03/01 10:00:03 INFO DAGScheduler: Final stage: ResultStage 1 "
          "(count at A.scala:9)\n"
          "24/03/01 10:00:04 WARN YarnSchedulerBackend$YarnSchedulerEndpoint: "
          "Requesting driver to remove executor 3 for reason Container c_4 on "
          "host: sw-4 was preempted.\n"
          "24/03/01 10:00:05 WARN TaskSetManager: Lost task 0.0 in stage 1.0 "
          "(TID 1) (w-0 executor 1): FetchFailed(null, shuffleId=0, "
          "mapIndex=-1, mapId=-1, reduceId=0, message=\n"
          "org.apache.spark.shuffle.MetadataFetchFailedException: Missing an "
          "output location for shuffle 0 partition 0\n"
          ")\n"
          "24/03/01 10:00:06 INFO DAGScheduler: ResultStage 1 (count at "
          "A.scala:9) failed in 1.000 s due to org.apache.spark.shuffle."
          "MetadataFetchFailedException: Missing an output location for "
          "shuffle 0 partition 0\n"
          "24/03/01 10:00:06 INFO DAGScheduler: Job 1 failed: count at "
          "A.scala:9, took 2.000000 s\n"
          "Exception in thread \"main\" org.apache.spark.SparkException: "
          "Job aborted due to stage failure: ResultStage 1 (count at "
          "A.scala:9) has failed the maximum allowable number of times: 4. "
          "Most recent failure reason:\n"
          "org.apache.spark.shuffle.MetadataFetchFailedException: Missing an "
          "output location for shuffle 0 partition 0\n" HOOK);
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_FAILED);
  assert_string_equal(o->cause.class_id, "yarn-preempt");
  assert_int_equal(o->cause.line.line, 4);
  assert_null(o->cause.exception);
  assert_non_null(strstr(o->cause.message, "executor 3 died (was preempted)"));
  assert_non_null(strstr(o->cause.message, "Missing an output location"));
  run_free(&r);
}

/* Wordings that name a more specific row than the one they carry. */
static void test_outcome__specific_wordings(void **state)
{
  (void)state;
  assert_string_equal(slg_cause_class_of("driver container failed with "
                                         "ExitCode: 137, Reason: OOMKilled"),
                      "k8s-operator");
  assert_string_equal(slg_cause_class_of("termination reason: OOMKilled"),
                      "k8s-exit");
  assert_string_equal(slg_cause_class_of("java.net.NoRouteToHostException: "
                                         "No route to host"),
                      "network");
  /* The shuffle service's refusal stays a fetch failure (inferred). */
  assert_string_equal(slg_cause_class_of("FetchFailed(BlockManagerId(2, w, "
                                         "7337, None), shuffleId=0, "
                                         "message=Connection refused"),
                      "fetch-failed");
}

/* Py4J's ": java.lang.ClassNotFoundException: " line carries no message
 * (3.2-3.3): the next line says "Failed to find data source". */
static void test_outcome__data_source_on_the_next_line(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB0
          "Traceback (most recent call last):\n"
          "  File \"/app/x.py\", line 27, in <module>\n"
          "    .load())\n"
          "py4j.protocol.Py4JJavaError: An error occurred while calling "
          "o41.load.\n"
          ": java.lang.ClassNotFoundException: \n"
          "Failed to find data source: mongodb. Please find packages at\n"
          "\tat org.apache.spark.sql.DataFrameReader.load(DataFrameReader."
          "scala:210)\n"
          "Caused by: java.lang.ClassNotFoundException: mongodb.DefaultSource\n"
          HOOK);
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_FAILED);
  assert_string_equal(o->cause.class_id, "data-source");
  assert_int_equal(o->cause.line.line, 9);
  run_free(&r);
}

/* At WARN there is no job line: the statement that ends the run holds
 * the abort in its trace, and the lost task its Caused by names is the
 * root cause. */
static void test_outcome__abort_in_a_statement_without_jobs(void **state)
{
  (void)state;
  run r;
  run_log(&r, START
          "24/03/01 10:00:04 WARN TaskSetManager: Lost task 0.0 in stage 0.0 "
          "(TID 0) (h1 executor driver): java.lang.NoSuchMethodError: "
          "'x.Y$.apply(z.T)'\n"
          "\tat org.elasticsearch.spark.W.<init>(W.scala:50)\n"
          "24/03/01 10:00:04 ERROR TaskSetManager: Task 0 in stage 0.0 failed "
          "1 times; aborting job\n"
          "24/03/01 10:00:04 ERROR MicroBatchExecution: Query [id = a-1, "
          "runId = b-2] terminated with error\n"
          "org.apache.spark.SparkException: Job aborted due to stage "
          "failure: Task 0 in stage 0.0 failed 1 times, most recent failure: "
          "Lost task 0.0 in stage 0.0 (TID 0): java.lang.NoSuchMethodError: "
          "'x.Y$.apply(z.T)'\n"
          "\tat org.apache.spark.scheduler.DAGScheduler.a(DAGScheduler.scala:1)\n"
          "Caused by: java.lang.NoSuchMethodError: 'x.Y$.apply(z.T)'\n");
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_FAILED);
  assert_string_equal(o->cause.class_id, "task-failure");
  assert_int_equal(o->cause.line.line, 2);
  run_free(&r);
}

/* Ctrl-C on a PySpark driver: the first traceback through the SIGINT
 * handler shows the stop; the query error after it is a consequence. A
 * "KeyboardInterrupt" line, when there is one, says it best. */
static void test_outcome__interrupt_names_the_signal_handler(void **state)
{
  (void)state;
#define SIGINT_TB                                                            \
  "Traceback (most recent call last):\n"                                     \
  "  File \"/opt/spark/python/lib/pyspark.zip/pyspark/context.py\", line "   \
  "381, in signal_handler\n"                                                 \
  "    self.cancelAllJobs()\n"                                               \
  "py4j.protocol.Py4JError: An error occurred while calling o36.sc\n"
#define QUERY_ERR                                                            \
  "24/03/01 10:00:09 INFO SparkContext: Invoking stop() from shutdown "     \
  "hook\n"                                                                   \
  "24/03/01 10:00:09 ERROR MicroBatchExecution: Query [id = a-1, runId = "  \
  "b-2] terminated with error\n"
  run r;
  run_log(&r, START JOB0 SIGINT_TB QUERY_ERR);
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_KILLED);
  assert_string_equal(o->cause.class_id, "shutdown");
  assert_int_equal(o->cause.line.line, 4);
  run_free(&r);

  run_log(&r, START JOB0 SIGINT_TB
          "Traceback (most recent call last):\n"
          "  File \"/app/s.py\", line 273, in <module>\n"
          "    q.awaitTermination()\n"
          "  File \"/opt/spark/python/lib/pyspark.zip/pyspark/context.py\", "
          "line 382, in signal_handler\n"
          "    raise KeyboardInterrupt()\n"
          "KeyboardInterrupt\n" QUERY_ERR);
  o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_KILLED);
  assert_int_equal(o->cause.line.line, 13);
  run_free(&r);
#undef SIGINT_TB
#undef QUERY_ERR
}

/* YARN's AM gives up (Final app status: FAILED) and the shutdown hook
 * cancels the running job: that job failed with the application. */
static void test_outcome__final_failed_fails_the_cut_job(void **state)
{
  (void)state;
  run r;
  run_log(&r, START JOB1_GOT
          "24/03/01 10:01:14 INFO ApplicationMaster: Final app status: "
          "FAILED, exitCode: 11, (reason: Max number of executor failures (4) "
          "reached)\n"
          "24/03/01 10:01:14 INFO SparkContext: Invoking stop() from shutdown "
          "hook\n"
          "24/03/01 10:01:14 INFO DAGScheduler: Job 1 failed: count at "
          "A.scala:9, took 44.371000 s\n"
          "24/03/01 10:01:14 INFO SparkContext: Successfully stopped "
          "SparkContext\n");
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_FAILED);
  assert_int_equal(o->nfailed_jobs, 1);
  assert_int_equal(o->failed_jobs[0], 1);
  assert_int_equal(o->ncancelled_jobs, 0);
  assert_string_equal(o->cause.class_id, "max-exec-failures");
  run_free(&r);
}

/* No executor ever came ("Initial job has not accepted any resources")
 * and the run was stopped from outside: the starvation is the root
 * cause; when something else is, NO_RESOURCES says it. */
static void test_outcome__starved_then_killed(void **state)
{
  (void)state;
#define STARVED                                                              \
  "24/03/01 10:00:15 WARN TaskSchedulerImpl: Initial job has not accepted " \
  "any resources; check your cluster UI to ensure that workers are "         \
  "registered and have sufficient resources\n"
  run r;
  run_log(&r, START JOB1_GOT STARVED STARVED
          "24/03/01 10:03:04 INFO SparkContext: Invoking stop() from "
          "shutdown hook\n"
          "24/03/01 10:03:04 INFO DAGScheduler: Job 1 failed: count at "
          "A.scala:9, took 184.371000 s\n");
  const slg_app_outcome *o = app(&r, 0);
  assert_int_equal(o->outcome, SLG_OUTCOME_KILLED);
  assert_string_equal(o->cause.class_id, "no-resources");
  assert_int_equal(o->cause.line.line, 3);
  assert_true(o->cause.count == 2);
  assert_false(has_finding(&r, SLG_FINDING_NO_RESOURCES, SLG_SEV_WARNING));
  run_free(&r);

  /* Executors came after a while: the run succeeded, with a warning. */
  run_log(&r, START STARVED
          "24/03/01 10:00:16 INFO TaskSetManager: Starting task 0.0 in "
          "stage 0.0 (TID 0) (h1, executor 1, partition 0, PROCESS_LOCAL, "
          "8412 bytes)\n"
          "24/03/01 10:00:17 INFO TaskSetManager: Finished task 0.0 in "
          "stage 0.0 (TID 0) in 1000 ms on h1 (executor 1) (1/1)\n" JOB0 HOOK);
  assert_int_equal(app(&r, 0)->outcome, SLG_OUTCOME_SUCCEEDED);
  assert_true(has_finding(&r, SLG_FINDING_NO_RESOURCES, SLG_SEV_WARNING));
  run_free(&r);
#undef STARVED
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_outcome__aborted_last_job_fails),
      cmocka_unit_test(test_outcome__warn_level_runs_abort_without_job),
      cmocka_unit_test(test_outcome__stop_written_twice_ends_at_first),
      cmocka_unit_test(test_outcome__failure_then_success_recovers),
      cmocka_unit_test(test_outcome__hook_while_job_runs_kills),
      cmocka_unit_test(test_outcome__death_before_any_job),
      cmocka_unit_test(test_outcome__cut_off_is_incomplete),
      cmocka_unit_test(test_outcome__cut_off_after_finished_jobs),
      cmocka_unit_test(test_outcome__cut_off_after_driver_oom_fails),
      cmocka_unit_test(test_outcome__own_stop_without_jobs),
      cmocka_unit_test(test_outcome__hook_called_alone_is_own_stop),
      cmocka_unit_test(test_outcome__repeated_stop_keeps_first),
      cmocka_unit_test(test_outcome__k8s_client_closed),
      cmocka_unit_test(test_outcome__yarn_final_succeeded),
      cmocka_unit_test(test_outcome__error_only_dropped_job_ends),
      cmocka_unit_test(test_outcome__python_error_after_last_job),
      cmocka_unit_test(test_outcome__true_end_and_idle_time),
      cmocka_unit_test(test_outcome__lost_executor_is_its_death),
      cmocka_unit_test(test_outcome__missing_map_output_after_death),
      cmocka_unit_test(test_outcome__specific_wordings),
      cmocka_unit_test(test_outcome__data_source_on_the_next_line),
      cmocka_unit_test(test_outcome__abort_in_a_statement_without_jobs),
      cmocka_unit_test(test_outcome__interrupt_names_the_signal_handler),
      cmocka_unit_test(test_outcome__final_failed_fails_the_cut_job),
      cmocka_unit_test(test_outcome__starved_then_killed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
