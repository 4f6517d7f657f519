/*
 * test_classify.c - continuation or unrecognised (and which class), for
 * the non-record lines seen in real driver logs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "classify.h"

#define CONT (-1)

typedef struct {
  const char *record; /* message of the record before, NULL = none */
  const char *line;
  int want;
} classify_case;

static const classify_case cases[] = {
    /* Continuation shapes after a record. */
    {"Lost task 0.0", "\tat org.apache.spark.rdd.RDD.iterator(RDD.scala:1)",
     CONT},
    {"x", "    at java.lang.Thread.run(Thread.java:750)", CONT},
    {"x", "at scala.Option.get(Option.scala:1)", CONT},
    {"x", "Caused by: java.io.IOException: Connection reset", CONT},
    {"x", "\t... 23 more", CONT},
    {"x", "... 5 common frames omitted", CONT},
    {"x", ")", CONT},
    {"x", "Driver stacktrace:", CONT},
    {"x", "org.apache.spark.SparkException: Job aborted due to stage failure",
     CONT},
    {"x", "java.lang.OutOfMemoryError: Java heap space", CONT},
    {"x", "javax.servlet.ServletException: java.util.NoSuchElementException",
     CONT},
    {"x", "Exception in thread \"main\" java.lang.RuntimeException: boom",
     CONT},
    {"x", "\t client token: N/A", CONT},
    {"x", "Suppressed: java.io.IOException: x", CONT},
    /* Blocks opened by the record. */
    {"Spark configuration:", "spark.app.name=Spark Pi", CONT},
    {"Spark configuration:", "spark.master=spark://aion-0129:7078", CONT},
    {"Lost executor 1 on 10.0.0.5:",
     "The executor with id 1 exited with exit code 137(SIGKILL).", CONT},
    {"Python worker failed", "Traceback (most recent call last):", CONT},
    /* Unrecognised, by class. */
    {"x", "", SLG_UNRECOGNIZED_BLANK},
    {"x", "   \t", SLG_UNRECOGNIZED_BLANK},
    {NULL, "", SLG_UNRECOGNIZED_BLANK},
    {"x", "```bash", SLG_UNRECOGNIZED_FENCE},
    {"x", "~~~", SLG_UNRECOGNIZED_FENCE},
    {"x", "SLF4J: Class path contains multiple SLF4J bindings.",
     SLG_UNRECOGNIZED_SLF4J},
    {NULL, "log4j:WARN No appenders could be found for logger",
     SLG_UNRECOGNIZED_LOG4J_INTERNAL},
    {NULL,
     "Using Spark's default log4j profile: "
     "org/apache/spark/log4j-defaults.properties",
     SLG_UNRECOGNIZED_LOG4J_INTERNAL},
    {"x", "[Stage 3:>                                            (0 + 4) / 5]",
     SLG_UNRECOGNIZED_PROGRESS_BAR},
    {"x", "\r[Stage 0:>  (0 + 1) / 1]\r\r[Stage 1:=> (3 + 1) / 4]\r",
     SLG_UNRECOGNIZED_PROGRESS_BAR},
    {"x", "$ spark-submit --master yarn app.py", SLG_UNRECOGNIZED_SHELL_PROMPT},
    {"x", "omarcu@access1:~/spark$ ls", SLG_UNRECOGNIZED_SHELL_PROMPT},
    {"x", "[omarcu@aion-0129 ~]$ ./run.sh", SLG_UNRECOGNIZED_SHELL_PROMPT},
    {"x", ">>> df.count()", SLG_UNRECOGNIZED_SHELL_PROMPT},
    {"x", "scala> sc.parallelize(1 to 10).count()",
     SLG_UNRECOGNIZED_SHELL_PROMPT},
    {NULL, "Container: container_1551293620749_0001_01_000001 on ip_8041",
     SLG_UNRECOGNIZED_YARN_HEADER},
    {"x", "LogType:stderr", SLG_UNRECOGNIZED_YARN_HEADER},
    {"x", "Log Contents:", SLG_UNRECOGNIZED_YARN_HEADER},
    {NULL, "=============================================",
     SLG_UNRECOGNIZED_YARN_HEADER},
    {"x", "Pi is roughly 3.1418", SLG_UNRECOGNIZED_PROSE},
    {NULL, "Welcome to", SLG_UNRECOGNIZED_PROSE},
    {NULL, "\tat org.apache.spark.X(X.scala:1)", SLG_UNRECOGNIZED_ORPHAN},
    {NULL, "Caused by: java.io.IOException", SLG_UNRECOGNIZED_ORPHAN},
    {"x", "{\"a\": 1}", SLG_UNRECOGNIZED_OTHER},
    /* Spark event log lines (EventLoggingListener's JSON), with or without
     * a record before them, even in a block a record opened. */
    {NULL, "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"2.3.0\"}",
     SLG_UNRECOGNIZED_SPARK_EVENT},
    {"x", "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0}",
     SLG_UNRECOGNIZED_SPARK_EVENT},
    {"Spark configuration:",
     "{\"Event\":\"org.apache.spark.sql.execution.ui."
     "SparkListenerSQLExecutionStart\",\"executionId\":0}",
     SLG_UNRECOGNIZED_SPARK_EVENT},
    {NULL, "{\"Event\": \"spaced\"}", SLG_UNRECOGNIZED_OTHER},
    {"x", "  {\"Event\":\"SparkListenerJobEnd\"}", CONT},
    {"x", "a\x01\x02\x03\x04 b", SLG_UNRECOGNIZED_BINARY},
};

static void test_classify__table(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    slg_context c;
    slg_context_reset(&c);
    if (cases[i].record)
      slg_context_record(&c, slg_span_make(cases[i].record,
                                           strlen(cases[i].record)));
    int got = slg_classify_line(
        &c, slg_span_make(cases[i].line, strlen(cases[i].line)));
    if (got != cases[i].want)
      fail_msg("case %zu \"%s\": got %d, want %d", i, cases[i].line, got,
               cases[i].want);
  }
}

static void test_classify__nul_is_binary(void **state)
{
  (void)state;
  slg_context c;
  slg_context_reset(&c);
  static const char nul[] = "abc\0def";
  assert_int_equal(slg_classify_line(&c, slg_span_make(nul, 7)),
                   SLG_UNRECOGNIZED_BINARY);
}

static void test_classify__fence_ends_record(void **state)
{
  (void)state;
  slg_context c;
  slg_context_reset(&c);
  slg_context_record(&c, slg_span_make("Spark configuration:", 20));
  assert_int_equal(slg_classify_line(&c, slg_span_make("```", 3)),
                   SLG_UNRECOGNIZED_FENCE);
  assert_int_equal(slg_classify_line(&c, slg_span_make("  indented", 10)),
                   SLG_UNRECOGNIZED_ORPHAN);
}

static void test_classify__traceback_block(void **state)
{
  (void)state;
  slg_context c;
  slg_context_reset(&c);
  slg_context_record(&c, slg_span_make("Exception in task 0.0", 21));
  assert_int_equal(
      slg_classify_line(&c, slg_span_make("Traceback (most recent call "
                                          "last):", 34)),
      CONT);
  assert_int_equal(slg_classify_line(&c, slg_span_make("  File \"x.py\"", 13)),
                   CONT);
  /* The unindented last line of a traceback still belongs to it. */
  assert_int_equal(slg_classify_line(&c, slg_span_make("ValueError: bad", 15)),
                   CONT);
}

static void test_classify__keys(void **state)
{
  (void)state;
  assert_string_equal(slg_unrecognized_key(SLG_UNRECOGNIZED_BLANK), "blank");
  assert_string_equal(slg_unrecognized_key(SLG_UNRECOGNIZED_ORPHAN),
                      "continuation_without_record");
  assert_string_equal(slg_unrecognized_key(SLG_UNRECOGNIZED_SPARK_EVENT),
                      "spark_event");
  assert_string_equal(slg_unrecognized_key(SLG_UNRECOGNIZED_COUNT), "other");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_classify__table),
      cmocka_unit_test(test_classify__nul_is_binary),
      cmocka_unit_test(test_classify__fence_ends_record),
      cmocka_unit_test(test_classify__traceback_block),
      cmocka_unit_test(test_classify__keys),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
