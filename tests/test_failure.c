/*
 * test_failure.c - the end and failure readers (extract_failure.c): the
 * record wordings of failure.h, the shapes of the lines after them, and
 * which frames are a platform's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "failure.h"

static slg_span sp(const char *s)
{
  return slg_span_make(s, strlen(s));
}

static void expect_span(slg_span got, const char *want)
{
  assert_int_equal(got.len, strlen(want));
  assert_memory_equal(got.ptr, want, got.len);
}

static void test_failure__stops(void **state)
{
  (void)state;
  slg_event ev;
  assert_int_equal(slg_extract_failure(
                       sp("Successfully stopped SparkContext (Uptime: "
                          "301234 ms)"),
                       &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.kind, SLG_EV_APP_STOP);
  assert_int_equal(ev.flag, SLG_STOP_SC_STOPPED);
  assert_int_equal(ev.n, 301234);
  assert_int_equal(ev.n2, 1);
  assert_int_equal(
      slg_extract_failure(sp("Successfully stopped SparkContext"), &ev),
      SLG_EXTRACT_OK);
  assert_int_equal(ev.n2, 0);
  assert_int_equal(
      slg_extract_failure(sp("Invoking stop() from shutdown hook"), &ev),
      SLG_EXTRACT_OK);
  assert_int_equal(ev.flag, SLG_STOP_HOOK_INVOKED);
  assert_int_equal(slg_extract_failure(sp("Shutdown hook called"), &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.flag, SLG_STOP_HOOK_CALLED);
  assert_int_equal(slg_extract_failure(sp("RECEIVED SIGNAL TERM"), &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.flag, SLG_STOP_SIGNAL);
  expect_span(ev.str, "TERM");
  assert_int_equal(
      slg_extract_failure(sp("Kubernetes client has been closed (this is "
                             "expected if the application is shutting "
                             "down.)"),
                          &ev),
      SLG_EXTRACT_OK);
  assert_int_equal(ev.flag, SLG_STOP_K8S_CLOSED);
  /* Near misses are not stops. */
  assert_int_equal(
      slg_extract_failure(sp("Successfully started service 'sparkDriver'"),
                          &ev),
      SLG_EXTRACT_NONE);
  assert_int_equal(slg_extract_failure(sp("Deleting directory /tmp/x"), &ev),
                   SLG_EXTRACT_NONE);
}

/* A job's end the stopped listener bus drops (2.0 to 2.2, at ERROR). */
static void test_failure__dropped_job_end(void **state)
{
  (void)state;
  slg_event ev;
  assert_int_equal(
      slg_extract_failure(
          sp("SparkListenerBus has already stopped! Dropping event "
             "SparkListenerJobEnd(11,1555945166417,JobFailed(org.apache."
             "spark.SparkException: Job 11 cancelled because SparkContext "
             "was shut down))"),
          &ev),
      SLG_EXTRACT_OK);
  assert_int_equal(ev.kind, SLG_EV_JOB_ENDED);
  assert_int_equal(ev.job, 11);
  assert_int_equal(ev.flag, 1);
  expect_span(ev.str2, "org.apache.spark.SparkException: Job 11 cancelled "
                       "because SparkContext was shut down");
  assert_int_equal(
      slg_extract_failure(
          sp("SparkListenerBus has already stopped! Dropping event "
             "SparkListenerJobEnd(3,1555945166417,JobSucceeded)"),
          &ev),
      SLG_EXTRACT_OK);
  assert_int_equal(ev.job, 3);
  assert_int_equal(ev.flag, 0);
  /* Other dropped events say the context is down; a cut line says
   * nothing. */
  assert_int_equal(
      slg_extract_failure(
          sp("SparkListenerBus has already stopped! Dropping event "
             "SparkListenerStageCompleted(org.apache.spark.scheduler."
             "StageInfo@1e37b288)"),
          &ev),
      SLG_EXTRACT_OK);
  assert_int_equal(ev.kind, SLG_EV_BUS_STOPPED);
  assert_int_equal(
      slg_extract_failure(
          sp("SparkListenerBus has already stopped! Dropping event "
             "SparkListenerJobEnd(3,15559"),
          &ev),
      SLG_EXTRACT_NONE);
}

static void test_failure__final_status(void **state)
{
  (void)state;
  slg_event ev;
  assert_int_equal(
      slg_extract_failure(sp("Final app status: FAILED, exitCode: 15, "
                             "(reason: User class threw exception: x)"),
                          &ev),
      SLG_EXTRACT_OK);
  assert_int_equal(ev.kind, SLG_EV_FINAL_STATUS);
  expect_span(ev.str, "FAILED");
  assert_int_equal(ev.n, 15);
  assert_int_equal(ev.flag, 0);
  expect_span(ev.str2, "User class threw exception: x)");
  assert_int_equal(
      slg_extract_failure(sp("Final app status: KILLED, exitCode: -104"),
                          &ev),
      SLG_EXTRACT_OK);
  expect_span(ev.str, "KILLED");
  assert_int_equal(ev.n, 104);
  assert_int_equal(ev.flag, 1);
}

static void test_failure__statements(void **state)
{
  (void)state;
  static const struct {
    const char *msg;
    int src; /* -1: none */
  } cases[] = {
      {"Error initializing SparkContext.", SLG_FAILURE_SC_INIT},
      {"User class threw exception: java.lang.RuntimeException: boom",
       SLG_FAILURE_USER_CLASS},
      {"User application exited with status 1", SLG_FAILURE_USER_CLASS},
      {"Uncaught exception in thread Thread[Executor task launch worker for "
       "task 3.0 in stage 1.0 (TID 4),5,main]",
       SLG_FAILURE_UNCAUGHT},
      {"[Container in shutdown] Uncaught exception in thread "
       "Thread[dispatcher-event-loop-1,5,main]",
       SLG_FAILURE_UNCAUGHT},
      {"Query q [id = 1b2, runId = 3c4] terminated with error",
       SLG_FAILURE_STREAMING},
      {"Error from Python:Traceback (most recent call last):",
       SLG_FAILURE_PYTHON},
      {"Query q [id = 1b2, runId = 3c4] started", -1},
      {"Uncaught exceptions are fine here", -1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    slg_event ev;
    int rc = slg_extract_failure(sp(cases[i].msg), &ev);
    if (cases[i].src < 0) {
      assert_int_equal(rc, SLG_EXTRACT_NONE);
      continue;
    }
    assert_int_equal(rc, SLG_EXTRACT_OK);
    assert_int_equal(ev.kind, SLG_EV_FAILURE);
    assert_int_equal(ev.n, (uint64_t)cases[i].src);
  }
  slg_event ev;
  slg_extract_failure(sp("User class threw exception: java.io.IOException: "
                         "x"),
                      &ev);
  expect_span(ev.str, "java.io.IOException: x");
}

static void test_failure__trace_lines(void **state)
{
  (void)state;
  static const struct {
    const char *line;
    slg_trace_kind kind;
    const char *text;
    const char *thread;
  } cases[] = {
      {"\tat java.base/java.lang.Thread.run(Thread.java:829)",
       SLG_TRACE_FRAME, "java.lang.Thread.run(Thread.java:829)", NULL},
      {"\tat com.example.Main$.parse(Main.scala:41)", SLG_TRACE_FRAME,
       "com.example.Main$.parse(Main.scala:41)", NULL},
      {"Caused by: java.io.IOException: Connection reset\r",
       SLG_TRACE_CAUSED_BY, "java.io.IOException: Connection reset", NULL},
      {"Exception in thread \"main\" org.apache.spark.SparkException: Job "
       "aborted.",
       SLG_TRACE_MAIN, "org.apache.spark.SparkException: Job aborted.",
       "main"},
      {"Exception in thread \"dag-scheduler-event-loop\" "
       "java.lang.OutOfMemoryError: Java heap space",
       SLG_TRACE_MAIN, "java.lang.OutOfMemoryError: Java heap space",
       "dag-scheduler-event-loop"},
      {"Traceback (most recent call last):", SLG_TRACE_TRACEBACK, NULL,
       NULL},
      {"ValueError: order_ts", SLG_TRACE_EXCEPTION, "ValueError: order_ts",
       NULL},
      {"KeyboardInterrupt", SLG_TRACE_EXCEPTION, "KeyboardInterrupt", NULL},
      {"py4j.protocol.Py4JJavaError: An error occurred while calling "
       "o57.count.",
       SLG_TRACE_EXCEPTION, NULL, NULL},
      {"  File \"/tmp/job.py\", line 33, in <module>", SLG_TRACE_PY_FRAME,
       "/tmp/job.py", ", line 33, in <module>"},
      {"Error: not a class", SLG_TRACE_OTHER, NULL, NULL},
      {"Exception: bare", SLG_TRACE_OTHER, NULL, NULL},
      {"just prose", SLG_TRACE_OTHER, NULL, NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    slg_trace_line t;
    slg_read_trace_line(sp(cases[i].line), &t);
    assert_int_equal(t.kind, cases[i].kind);
    if (cases[i].text)
      expect_span(t.text, cases[i].text);
    if (cases[i].thread)
      expect_span(t.thread, cases[i].thread);
  }
}

static void test_failure__wanted_lines(void **state)
{
  (void)state;
  assert_true(slg_trace_line_wanted(sp("Exception in thread \"main\" x.Y")));
  assert_true(slg_trace_line_wanted(sp("Traceback (most recent call "
                                       "last):")));
  assert_true(slg_trace_line_wanted(sp("Caused by: a.b.CException: m")));
  assert_true(slg_trace_line_wanted(sp("ValueError: x")));
  assert_true(slg_trace_line_wanted(sp("java.lang.OutOfMemoryError")));
  /* Frames, indented heads and prose open nothing. */
  assert_false(slg_trace_line_wanted(sp("\tat a.B.c(B.java:1)")));
  assert_false(slg_trace_line_wanted(sp("  ValueError: x")));
  assert_false(slg_trace_line_wanted(sp("Error: prose")));
  assert_false(slg_trace_line_wanted(sp("prose the program printed")));
  assert_false(slg_trace_line_wanted(sp("")));
  assert_true(slg_trace_line_wanted(
      sp("{\"errorMessage\":\"driver container failed with ExitCode: 137, "
         "Reason: OOMKilled\",\"state\":\"FAILED\"}")));
  assert_false(slg_trace_line_wanted(sp("{\"Event\":\"SparkListenerLogStart\"}")));
}

/* Py4J's line of a Java exception whose message starts on the next
 * line; one with a message is not bare. */
static void test_failure__bare_heads(void **state)
{
  (void)state;
  assert_true(slg_trace_is_bare_head(
      sp(": java.lang.ClassNotFoundException: ")));
  assert_true(slg_trace_is_bare_head(sp(": java.lang.ClassNotFoundException")));
  assert_false(slg_trace_is_bare_head(
      sp(": org.apache.spark.SparkException: Job aborted due to stage "
         "failure: x")));
  assert_false(slg_trace_is_bare_head(sp(": prose: more")));
  assert_false(slg_trace_is_bare_head(sp("java.lang.Exception:")));
  assert_false(slg_trace_is_bare_head(sp(": ")));
}

static void test_failure__platform_frames(void **state)
{
  (void)state;
  assert_true(slg_frame_is_platform(sp("org.apache.spark.rdd.RDD.count("
                                       "RDD.scala:1294)")));
  assert_true(slg_frame_is_platform(sp("scala.collection.Iterator.next(x)")));
  assert_true(slg_frame_is_platform(sp("java.lang.Double.parseDouble(x)")));
  assert_true(slg_frame_is_platform(sp(
      "com.mysql.cj.jdbc.exceptions.SQLError.createBatchUpdateException("
      "SQLError.java:224)")));
  assert_true(slg_frame_is_platform(sp("org.postgresql.jdbc.PgStatement."
                                       "executeBatch(PgStatement.java:1)")));
  assert_true(slg_frame_is_platform(sp("io.delta.tables.DeltaTable.x(y)")));
  assert_false(slg_frame_is_platform(sp("com.example.Main$.main(M.scala:4)")));
  assert_false(slg_frame_is_platform(sp("se.kth.Lab.apply(Lab.scala:16)")));
  assert_true(slg_py_frame_is_platform(
      sp("/opt/spark/python/lib/pyspark.zip/pyspark/sql/types.py")));
  assert_true(slg_py_frame_is_platform(
      sp("/usr/lib64/python2.7/encodings/utf_8.py")));
  assert_false(slg_py_frame_is_platform(sp("/tmp/orders_to_lake.py")));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_failure__stops),
      cmocka_unit_test(test_failure__dropped_job_end),
      cmocka_unit_test(test_failure__final_status),
      cmocka_unit_test(test_failure__statements),
      cmocka_unit_test(test_failure__trace_lines),
      cmocka_unit_test(test_failure__wanted_lines),
      cmocka_unit_test(test_failure__bare_heads),
      cmocka_unit_test(test_failure__platform_frames),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
