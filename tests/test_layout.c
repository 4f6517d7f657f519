/*
 * test_layout.c - the layout detector: every supported header shape, the
 * lines that must not be records, wrappers and prefixes, Spark 4 JSON,
 * short logger names, layout registration, a property test over random
 * ConversionPatterns and a sweep of the real-log corpus.
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

#include "layout.h"
#include "layout_pattern.h"
#include "test_rand.h"

#define D (SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME)
#define DM (D | SLG_TIME_HAS_MS)

typedef struct pos_case {
  const char *line;
  uint16_t year;
  uint8_t month, day, hour, minute, second;
  uint16_t ms;
  uint8_t flags;
  slg_level level;
  const char *thread, *logger, *message;
  size_t prefix_len;
  const char *pattern;
} pos_case;

#define INFO SLG_LEVEL_INFO
#define WARN SLG_LEVEL_WARN
#define ERROR SLG_LEVEL_ERROR

static const pos_case positives[] = {
    /* Timestamps cut off: level and logger alone, leading blank kept as
     * prefix. */
    {" INFO DAGScheduler: Got job 0 (collect at WordCount.scala:17) with 2 "
     "output partitions",
     0, 0, 0, 0, 0, 0, 0, 0, INFO, "", "DAGScheduler",
     "Got job 0 (collect at WordCount.scala:17) with 2 output partitions", 1,
     "%p %c{1}: %m%n"},
    {"WARN  org.apache.spark.scheduler.TaskSetManager: Lost task 0.0", 0, 0,
     0, 0, 0, 0, 0, 0, WARN, "", "org.apache.spark.scheduler.TaskSetManager",
     "Lost task 0.0", 0, "%-5p %c: %m%n"},
    {"ERROR Executor:", 0, 0, 0, 0, 0, 0, 0, 0, ERROR, "", "Executor", "", 0,
     "%p %c{1}:%m%n"},
    /* Spark's default log4j layout, %c{1}, %c{2}, full names. */
    {"24/08/13 15:12:49 INFO DAGScheduler: Got job 0 (json at "
     "NativeMethodAccessorImpl.java:0) with 8 output partitions",
     2024, 8, 13, 15, 12, 49, 0, D, INFO, "", "DAGScheduler",
     "Got job 0 (json at NativeMethodAccessorImpl.java:0) with 8 output "
     "partitions",
     0, "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    {"18/11/11 23:37:32 INFO scheduler.DAGScheduler: Got job 0 (x)", 2018, 11,
     11, 23, 37, 32, 0, D, INFO, "", "scheduler.DAGScheduler", "Got job 0 (x)",
     0, "%d{yy/MM/dd HH:mm:ss} %p %c{2}: %m%n"},
    {"21/03/09 21:21:38 WARN org.apache.spark.scheduler.TaskSetManager: "
     "Lost task 0.0 in stage 1.0",
     2021, 3, 9, 21, 21, 38, 0, D, WARN, "",
     "org.apache.spark.scheduler.TaskSetManager", "Lost task 0.0 in stage 1.0",
     0, "%d{yy/MM/dd HH:mm:ss} %p %c: %m%n"},
    {"21/03/09 21:21:38 INFO YarnSchedulerBackend$YarnDriverEndpoint: "
     "Registered executor NettyRpcEndpointRef",
     2021, 3, 9, 21, 21, 38, 0, D, INFO, "",
     "YarnSchedulerBackend$YarnDriverEndpoint",
     "Registered executor NettyRpcEndpointRef", 0,
     "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    {"21/03/09 21:21:38 INFO AnalyzerLogHelper$: hello", 2021, 3, 9, 21, 21, 38,
     0, D, INFO, "", "AnalyzerLogHelper$", "hello", 0,
     "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    /* yyyyMMdd@HH:mm:ss,SSS with the level first. */
    {"[INFO ]20161114@15:56:19,367:org.apache.spark.scheduler.DAGScheduler "
     "- Got job 0 (x)",
     2016, 11, 14, 15, 56, 19, 367, DM, INFO, "",
     "org.apache.spark.scheduler.DAGScheduler", "Got job 0 (x)", 0,
     "[%-5p]%d{yyyyMMdd@HH:mm:ss,SSS}:%c - %m%n"},
    /* Spark's unit-test layout: unbracketed thread before the level. */
    {"15:56:32.453 dag-scheduler-event-loop INFO DAGScheduler: Got map "
     "stage job 0 (x)",
     0, 0, 0, 15, 56, 32, 453, SLG_TIME_HAS_TIME | SLG_TIME_HAS_MS, INFO,
     "dag-scheduler-event-loop", "DAGScheduler", "Got map stage job 0 (x)", 0,
     "%d{HH:mm:ss.SSS} %t %p %c{1}: %m%n"},
    {"16/05/23 20:53:57.871 dag-scheduler-event-loop INFO DAGScheduler: "
     "Submitting",
     2016, 5, 23, 20, 53, 57, 871, DM, INFO, "dag-scheduler-event-loop",
     "DAGScheduler", "Submitting", 0,
     "%d{yy/MM/dd HH:mm:ss.SSS} %t %p %c{1}: %m%n"},
    /* [thread] before the padded level. */
    {"2015-02-11 21:20:39,409 [sparkDriver-akka.actor.default-dispatcher-2] "
     "INFO  org.apache.spark.scheduler.DAGScheduler - Got job 0 (x)",
     2015, 2, 11, 21, 20, 39, 409, DM, INFO,
     "sparkDriver-akka.actor.default-dispatcher-2",
     "org.apache.spark.scheduler.DAGScheduler", "Got job 0 (x)", 0,
     "%d{yyyy-MM-dd HH:mm:ss,SSS} [%t] %-5p %c - %m%n"},
    {"2013-12-01 19:28:27,858 [DAGScheduler] INFO  "
     "spark.scheduler.DAGScheduler - Got job 0 (x)",
     2013, 12, 1, 19, 28, 27, 858, DM, INFO, "DAGScheduler",
     "spark.scheduler.DAGScheduler", "Got job 0 (x)", 0,
     "%d{yyyy-MM-dd HH:mm:ss,SSS} [%t] %-5p %c - %m%n"},
    /* AWS Glue / Dataproc: location between logger and message. */
    {"2022-12-14 02:48:50,639 INFO [Thread-9] scheduler.JESSchedulerBackend "
     "(Logging.scala:logInfo(61)): JESSchedulerBackend",
     2022, 12, 14, 2, 48, 50, 639, DM, INFO, "Thread-9",
     "scheduler.JESSchedulerBackend", "JESSchedulerBackend", 0,
     "%d{yyyy-MM-dd HH:mm:ss,SSS} %p [%t] %c{2} (%F:%M(%L)): %m%n"},
    {"2020-06-01 01:32:58,488 INFO  [stream execution thread for q [id = 1]] "
     "streaming.CheckpointFileManager (Logging.scala:logInfo(54)) - Writing "
     "atomically to x",
     2020, 6, 1, 1, 32, 58, 488, DM, INFO,
     "stream execution thread for q [id = 1]",
     "streaming.CheckpointFileManager", "Writing atomically to x", 0,
     "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%t] %c{2} (%F:%M(%L)) - %m%n"},
    {"2015-06-25 23:27:23,810 INFO [dag-scheduler-event-loop] "
     "scheduler.DAGScheduler (Logging.scala:logInfo(59)) - Stage 0 (reduce "
     "at SparkPi.scala:35) finished in 21.169 s",
     2015, 6, 25, 23, 27, 23, 810, DM, INFO, "dag-scheduler-event-loop",
     "scheduler.DAGScheduler",
     "Stage 0 (reduce at SparkPi.scala:35) finished in 21.169 s", 0,
     "%d{yyyy-MM-dd HH:mm:ss,SSS} %p [%t] %c{2} (%F:%M(%L)) - %m%n"},
    /* logback with an abbreviated package. */
    {"2024-01-01 10:00:00.123 [main] INFO  o.a.spark.SparkContext - Running "
     "Spark version 3.5.0",
     2024, 1, 1, 10, 0, 0, 123, DM, INFO, "main", "o.a.spark.SparkContext",
     "Running Spark version 3.5.0", 0,
     "%d{yyyy-MM-dd HH:mm:ss.SSS} [%t] %-5p %logger{36} - %m%n"},
    /* Spring Boot style. */
    {"2019-02-15 14:20:03,728   INFO --- [dag-scheduler-event-loop]  "
     "org.apache.spark.scheduler.DAGScheduler(line:54) : Got job 0 (x)",
     2019, 2, 15, 14, 20, 3, 728, DM, INFO, "dag-scheduler-event-loop",
     "org.apache.spark.scheduler.DAGScheduler", "Got job 0 (x)", 0,
     "%d{yyyy-MM-dd HH:mm:ss,SSS} %p --- [%t] %c(line:%L) : %m%n"},
    /* Hail: the logger before the level. */
    {"2018-06-27 16:32:21 DAGScheduler: INFO: Got job 0 (collect at "
     "Table.scala:893) with 1 output partitions",
     2018, 6, 27, 16, 32, 21, 0, D, INFO, "", "DAGScheduler",
     "Got job 0 (collect at Table.scala:893) with 1 output partitions", 0,
     "%d{yyyy-MM-dd HH:mm:ss} %c{1}: %p: %m%n"},
    /* Bracketed layouts. */
    {"[INFO][2018-07-27 15:03:18,967][org.apache.spark.scheduler."
     "DAGScheduler]Got job 0 (x)",
     2018, 7, 27, 15, 3, 18, 967, DM, INFO, "",
     "org.apache.spark.scheduler.DAGScheduler", "Got job 0 (x)", 0,
     "[%p][%d{yyyy-MM-dd HH:mm:ss,SSS}][%c]%m%n"},
    {"[INFO][2018-08-01 16:18:41,312][ReceiveNettype$]Inserting 48 lines", 2018,
     8, 1, 16, 18, 41, 312, DM, INFO, "", "ReceiveNettype$",
     "Inserting 48 lines", 0, "[%p][%d{yyyy-MM-dd HH:mm:ss,SSS}][%c{1}]%m%n"},
    {"[INFO ] [2023-02-09 16:50:19.514] [] [] [org.apache.spark.scheduler."
     "DAGScheduler] [61] -[Got job 0 (first at RowMatrix.scala:62) with 1 "
     "output partitions]",
     2023, 2, 9, 16, 50, 19, 514, DM, INFO, "",
     "org.apache.spark.scheduler.DAGScheduler",
     "Got job 0 (first at RowMatrix.scala:62) with 1 output partitions", 0,
     "[%-5p] [%d{yyyy-MM-dd HH:mm:ss.SSS}] [%X] [%X] [%c] [%L] -[%m]%n"},
    {"[INFO] 2016-04-06 19:53:22,735 org.apache.spark.scheduler.DAGScheduler "
     "logInfo - Got job 0 (x)",
     2016, 4, 6, 19, 53, 22, 735, DM, INFO, "",
     "org.apache.spark.scheduler.DAGScheduler", "Got job 0 (x)", 0,
     "[%p] %d{yyyy-MM-dd HH:mm:ss,SSS} %c %M - %m%n"},
    {"[ERROR] 2019-04-22 16:59:26,414 org.apache.spark.scheduler."
     "LiveListenerBus logError - SparkListenerBus has already stopped!",
     2019, 4, 22, 16, 59, 26, 414, DM, ERROR, "",
     "org.apache.spark.scheduler.LiveListenerBus",
     "SparkListenerBus has already stopped!", 0,
     "[%p] %d{yyyy-MM-dd HH:mm:ss,SSS} %c %M - %m%n"},
    {"[INFO] 2016-04-06 19:53:21,778 Remoting apply$mcV$sp - Starting "
     "remoting",
     2016, 4, 6, 19, 53, 21, 778, DM, INFO, "", "Remoting", "Starting remoting",
     0, "[%p] %d{yyyy-MM-dd HH:mm:ss,SSS} %c{1} %M - %m%n"},
    {"15/10/09 08:10:08 INFO WriteAheadLogManager : Recovered 1 write ahead "
     "log files",
     2015, 10, 9, 8, 10, 8, 0, D, INFO, "", "WriteAheadLogManager",
     "Recovered 1 write ahead log files", 0,
     "%d{yy/MM/dd HH:mm:ss} %p %c{1} : %m%n"},
    /* {Logger} in braces. */
    {"2024-05-01 10:00:00,123 INFO {DAGScheduler} Got job 0 (x)", 2024, 5, 1,
     10, 0, 0, 123, DM, INFO, "", "{DAGScheduler}", "Got job 0 (x)", 0,
     "%d{yyyy-MM-dd HH:mm:ss,SSS} %p {%c{1}} %m%n"},
    /* A level but no logger. */
    {"2024-01-01 10:00:00 INFO Some message without logger", 2024, 1, 1, 10, 0,
     0, 0, D, INFO, "", "", "Some message without logger", 0,
     "%d{yyyy-MM-dd HH:mm:ss} %p %m%n"},
    {"2025-03-09 14:10:32,140 - WARNING - Downgrading core protocol", 2025, 3,
     9, 14, 10, 32, 140, DM, WARN, "", "", "Downgrading core protocol", 0,
     "%d{yyyy-MM-dd HH:mm:ss,SSS} - %p - %m%n"},
    /* ISO 'T' and a UTC zone. */
    {"2024-08-13T15:12:49.5Z ERROR org.example.Foo: boom", 2024, 8, 13, 15, 12,
     49, 500, DM | SLG_TIME_UTC, ERROR, "", "org.example.Foo", "boom", 0,
     "%d{yyyy-MM-dd'T'HH:mm:ss.S'Z'} %p %c: %m%n"},
    /* Right-aligned level, python logging, level first, log4j2 default. */
    {"[ INFO] 2024-01-01 10:00:00 org.x.Foo - padded", 2024, 1, 1, 10, 0, 0, 0,
     D, INFO, "", "org.x.Foo", "padded", 0,
     "[%5p] %d{yyyy-MM-dd HH:mm:ss} %c - %m%n"},
    {"2024-01-01 10:00:00,123 - py4j.java_gateway - INFO - Received command",
     2024, 1, 1, 10, 0, 0, 123, DM, INFO, "", "py4j.java_gateway",
     "Received command", 0, "%d{yyyy-MM-dd HH:mm:ss,SSS} - %c{2} - %p - %m%n"},
    {"INFO 2024-01-01 10:00:00,123 [main] org.Foo - level first", 2024, 1, 1,
     10, 0, 0, 123, DM, INFO, "main", "org.Foo", "level first", 0,
     "%p %d{yyyy-MM-dd HH:mm:ss,SSS} [%t] %c{2} - %m%n"},
    {"10:00:00.123 [main] INFO  o.a.s.SparkContext - log4j2 default", 0, 0, 0,
     10, 0, 0, 123, SLG_TIME_HAS_TIME | SLG_TIME_HAS_MS, INFO, "main",
     "o.a.s.SparkContext", "log4j2 default", 0,
     "%d{HH:mm:ss.SSS} [%t] %-5p %logger{36} - %m%n"},
    /* A collector's timestamp in front (kubectl logs --timestamps). */
    {"2024-08-13T15:12:49.123456789Z 24/08/13 15:12:49 INFO DAGScheduler: "
     "kube",
     2024, 8, 13, 15, 12, 49, 0, D, INFO, "", "DAGScheduler", "kube", 31,
     "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    /* Glued to output printed without a newline. */
    {"Processing Batch 31 with 41 records26/01/03 15:02:52 WARN "
     "Instrumentation: regParam is zero",
     2026, 1, 3, 15, 2, 52, 0, D, WARN, "", "Instrumentation",
     "regParam is zero", 35, "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    /* Wrappers and prefixes. */
    {"[2026-05-04, 00:06:07 UTC] {emr.py:86} INFO - 26/05/04 00:02:24 INFO "
     "DAGScheduler: Got job 3 (x)",
     2026, 5, 4, 0, 2, 24, 0, D, INFO, "", "DAGScheduler", "Got job 3 (x)", 46,
     "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    {"[2026-05-04, 00:06:07 UTC] {emr.py:86} INFO - Waiting for job", 2026, 5,
     4, 0, 6, 7, 0, D | SLG_TIME_UTC, INFO, "", "{emr.py:86}",
     "Waiting for job", 0, "[%d{yyyy-MM-dd, HH:mm:ss z}] {%c{1}} %p - %m%n"},
    /* Livy relays spark-submit's output: the inner record wins. */
    {"20/03/13 12:26:44 INFO LineBufferedStream: stdout: 20/03/13 12:26:45 "
     "INFO DAGScheduler: Got job 0 (x)",
     2020, 3, 13, 12, 26, 45, 0, D, INFO, "", "DAGScheduler", "Got job 0 (x)",
     51, "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    /* Any other logger's message is data: a record quoted in it is not
     * read (it could forge a Spark event), nor is one logged by a DAG's
     * own Python file. */
    {"24/03/01 10:00:01 INFO MyApp: 24/03/01 10:00:02 WARN TaskSetManager: "
     "Lost task 0.0",
     2024, 3, 1, 10, 0, 1, 0, D, INFO, "", "MyApp",
     "24/03/01 10:00:02 WARN TaskSetManager: Lost task 0.0", 0,
     "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    {"[2026-05-04, 00:06:07 UTC] {my_dag.py:12} INFO - 26/05/04 00:02:24 INFO "
     "DAGScheduler: Got job 3 (x)",
     2026, 5, 4, 0, 6, 7, 0, D | SLG_TIME_UTC, INFO, "", "{my_dag.py:12}",
     "26/05/04 00:02:24 INFO DAGScheduler: Got job 3 (x)", 0,
     "[%d{yyyy-MM-dd, HH:mm:ss z}] {%c{1}} %p - %m%n"},
    {"> 24/08/13 15:12:49 INFO DAGScheduler: quoted", 2024, 8, 13, 15, 12, 49,
     0, D, INFO, "", "DAGScheduler", "quoted", 2,
     "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    {"    24/08/13 15:12:49 INFO DAGScheduler: indented", 2024, 8, 13, 15, 12,
     49, 0, D, INFO, "", "DAGScheduler", "indented", 4,
     "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    {"[Stage 3:>                (0 + 4) / 5]24/08/13 15:12:49 INFO "
     "DAGScheduler: glued",
     2024, 8, 13, 15, 12, 49, 0, D, INFO, "", "DAGScheduler", "glued", 38,
     "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    {"\r[Stage 0:>  (0 + 1) / 1]\r\r                \r24/08/13 15:12:49 "
     "INFO DAGScheduler: cr segments",
     2024, 8, 13, 15, 12, 49, 0, D, INFO, "", "DAGScheduler", "cr segments", 44,
     "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    {"\r                \r25/03/09 14:10:35 INFO CodeGenerator: Code "
     "generated in 7.06 ms",
     2025, 3, 9, 14, 10, 35, 0, D, INFO, "", "CodeGenerator",
     "Code generated in 7.06 ms", 18, "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"},
    /* Spark 4 structured logging, also behind R's "#> ". */
    {"{\"ts\":\"2025-03-18T05:33:03.598Z\",\"level\":\"INFO\",\"msg\":"
     "\"ResultStage 90 (count at NativeMethodAccessorImpl.java:0) finished "
     "in 118 ms\",\"context\":{\"stage\":\"ResultStage 90\",\"n\":[1,2]},"
     "\"logger\":\"DAGScheduler\"}",
     2025, 3, 18, 5, 33, 3, 598, DM | SLG_TIME_UTC, INFO, "", "DAGScheduler",
     "ResultStage 90 (count at NativeMethodAccessorImpl.java:0) finished in "
     "118 ms",
     0,
     "{\"ts\":%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z'},\"level\":%p,\"msg\":%m,"
     "\"logger\":%c{1}}"},
    {"#> {\"logger\":\"SparkContext\", \"msg\":\"a\\nb \\\"q\\\" \\\\ "
     "\\u00e9 \\ud83d\\ude00 \\ud800x\", \"level\":\"WARN\", "
     "\"ts\":\"2025-03-18T05:33:03.598Z\"}",
     2025, 3, 18, 5, 33, 3, 598, DM | SLG_TIME_UTC, WARN, "", "SparkContext",
     "a\nb \"q\" \\ \xc3\xa9 \xf0\x9f\x98\x80 \xef\xbf\xbdx", 3,
     "{\"ts\":%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z'},\"level\":%p,\"msg\":%m,"
     "\"logger\":%c{1}}"},
};

static slg_span S(const char *s)
{
  return slg_span_make(s, strlen(s));
}

static void assert_span(slg_span got, const char *want, const char *line)
{
  if (got.len != strlen(want) ||
      (got.len && memcmp(got.ptr, want, got.len) != 0)) {
    print_error("line: %s\n want: [%s]\n  got: [%.*s]\n", line, want,
                (int)got.len, got.ptr ? got.ptr : "");
    fail();
  }
}

static void check_positive(slg_layout *l, const pos_case *c)
{
  slg_record r;
  if (slg_layout_parse(l, c->line, strlen(c->line), &r) != 1) {
    print_error("not recognised: %s\n", c->line);
    fail();
  }
  assert_int_equal(r.time.flags, c->flags);
  if (c->flags & SLG_TIME_HAS_DATE) {
    assert_int_equal(r.time.year, c->year);
    assert_int_equal(r.time.month, c->month);
    assert_int_equal(r.time.day, c->day);
  }
  assert_int_equal(r.time.hour, c->hour);
  assert_int_equal(r.time.minute, c->minute);
  assert_int_equal(r.time.second, c->second);
  assert_int_equal(r.time.millisecond, c->ms);
  assert_int_equal(r.level, c->level);
  assert_span(r.thread, c->thread, c->line);
  assert_span(r.logger, c->logger, c->line);
  assert_span(r.message, c->message, c->line);
  assert_int_equal(r.prefix_len, c->prefix_len);
  assert_string_equal(slg_layout_pattern(l, r.layout_id), c->pattern);
}

static void test_layout__positive_table(void **state)
{
  (void)state;
  /* With the fast paths, then in reference mode (the general scan). */
  for (int reference = 0; reference < 2; reference++) {
    slg_layout *l;
    assert_int_equal(slg_layout_new(&l, NULL, reference, NULL), 0);
    for (size_t i = 0; i < sizeof positives / sizeof positives[0]; i++)
      check_positive(l, &positives[i]);
    /* The same cases again, on a warm table (memos, fast path). */
    for (size_t i = 0; i < sizeof positives / sizeof positives[0]; i++)
      check_positive(l, &positives[i]);
    slg_layout_free(l);
  }
}

/* Each detected pattern, compiled by --layout, reads its own line back. */
static void test_layout__detected_pattern_recompiles(void **state)
{
  (void)state;
  slg_layout *l;
  assert_int_equal(slg_layout_new(&l, NULL, 0, NULL), 0);
  for (size_t i = 0; i < sizeof positives / sizeof positives[0]; i++) {
    const pos_case *c = &positives[i];
    slg_record r, u;
    slg_pattern *p;
    char err[256];
    const char *line = c->line + c->prefix_len;
    if (c->line[c->prefix_len] == '{' || strstr(c->pattern, "-[%m]"))
      continue; /* JSON is matched natively; "-[msg]" is unwrapped */
    assert_int_equal(slg_layout_parse(l, line, strlen(line), &r), 1);
    if (slg_pattern_compile(&p, c->pattern, err) != 0) {
      print_error("%s: %s\n", c->pattern, err);
      fail();
    }
    if (slg_pattern_match(p, line, strlen(line), &u) != 1) {
      print_error("%s (%s) does not match %s\n", c->pattern,
                  slg_pattern_regex(p), line);
      fail();
    }
    assert_int_equal(u.level, r.level);
    assert_int_equal(slg_time_cmp(&u.time, &r.time), 0);
    assert_span(u.message, c->message, line);
    slg_pattern_free(p);
  }
  slg_layout_free(l);
}

static const char *const negatives[] = {
    "\tat org.apache.spark.scheduler.DAGScheduler.runJob(DAGScheduler."
    "scala:123)",
    "  at org.apache.spark.SparkContext.runJob(SparkContext.scala:2000)",
    "Caused by: java.lang.RuntimeException: boom",
    "\t... 23 more",
    "java.lang.RuntimeException: boom",
    "Traceback (most recent call last):",
    "  File \"/tmp/x.py\", line 3, in <module>",
    "SLF4J: Class path contains multiple SLF4J bindings.",
    "log4j:WARN No appenders could be found for logger",
    "Using Spark's default log4j profile: org/apache/spark/log4j-defaults."
    "properties",
    "The job failed at 12:00:01 INFO level",
    "$ spark-submit --class Foo app.jar",
    "LogType:stderr",
    "Container: container_1_0001_01_000001 on host_8041",
    "```",
    "",
    "   ",
    "[Stage 0:>                                          (0 + 1) / 1]",
    "\r[Stage 0:>                                        (0 + 1) / 1]",
    "\x01\x02\xff\xfe binary",
    "2024-01-01 was when INFO arrived",
    "12:00:01 is the time",
    "2024-01-01 10:00:00 something happened here",
    "INFO is the level we want",
    "ERROR: could not find file",
    "ERROR: Error: could not find file",
    "INFO DAGScheduler Got job 0",
    "INFO the DAGScheduler: Got job 0",
    "INFO DAGScheduler:Got job 0",
    "Lost task INFO DAGScheduler: x",
    "WARNING: An illegal reflective access operation has occurred",
    "2018/01/01 12:00:00",
    "   24/08/13 15:12:49",
    "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":0}",
    "{\"ts\":\"2025-03-18T05:33:03.598Z\",\"level\":\"INFO\",\"msg\":\"bad "
    "\\q escape\"}",
    "{\"ts\":\"2025-03-18T05:33:03.598Z\",\"level\":\"INFO\",\"msg\":\"unter"
    "minated}",
    "{\"ts\":\"not a time\",\"level\":\"INFO\",\"msg\":\"x\"}",
    "{\"ts\":\"2025-03-18T05:33:03.598Z\",\"level\":\"INFO\"}",
    "{\"ts\":\"2025-03-18T05:33:03.598Z\" \"msg\":\"no comma\"}",
    "1234567890 INFO foo",
    "99/99/99 12:00:00 INFO DAGScheduler: bad date",
    "24/08/13 25:12:49 INFO DAGScheduler: bad hour",
    "Exception in thread \"main\" org.apache.spark.SparkException: Job "
    "aborted",
    "py4j.protocol.Py4JJavaError: An error occurred",
    "+--------+-----+",
    "| 2024-01-01 10:00:00 | INFO | x |",
    "spark.app.name=Hail",
    "Spark configuration:",
    "  warnings.warn(",
    "TRACE",
    "[main] starting",
    "2024-08-13T15:12:49.123456789Z some container output",
    "Finished at 2024-01-01 10:00:00 INFO done",
    "24/08/13 1 :12:49 INFO A: bad clock",
    "24/08/13 15:1/:49 INFO A: bad clock",
    "24/08/13 15:12:4  INFO A: bad clock",
    /* "...03" glued to "24/08/13": not the year 324, and ambiguous. */
    "output0324/08/13 15:12:43 INFO SparkContext: x",
};

static void test_layout__negative_table(void **state)
{
  (void)state;
  for (int reference = 0; reference < 2; reference++) {
    slg_layout *l;
    slg_record r;
    assert_int_equal(slg_layout_new(&l, NULL, reference, NULL), 0);
    for (size_t i = 0; i < sizeof negatives / sizeof negatives[0]; i++) {
      if (slg_layout_parse(l, negatives[i], strlen(negatives[i]), &r) != 0) {
        print_error("false positive: %s\n", negatives[i]);
        fail();
      }
    }
    assert_int_equal(slg_layout_count(l), 0);
    slg_layout_free(l);
  }
}

static void test_layout__logger_short(void **state)
{
  static const struct {
    const char *in, *want;
  } cases[] = {
      {"org.apache.spark.scheduler.TaskSetManager", "TaskSetManager"},
      {"scheduler.TaskSetManager", "TaskSetManager"},
      {"o.a.spark.scheduler.TaskSetManager", "TaskSetManager"},
      {"{TaskSetManager}", "TaskSetManager"},
      {"TaskSetManager:", "TaskSetManager"},
      {"[org.apache.spark.scheduler.TaskSetManager]", "TaskSetManager"},
      {"TaskSetManager", "TaskSetManager"},
      {"YarnSchedulerBackend$YarnDriverEndpoint",
       "YarnSchedulerBackend$YarnDriverEndpoint"},
      {"org.apache.spark.scheduler.cluster.YarnSchedulerBackend$"
       "YarnDriverEndpoint",
       "YarnSchedulerBackend$YarnDriverEndpoint"},
      {"AnalyzerLogHelper$", "AnalyzerLogHelper$"},
      {"org.apache.spark.scheduler.DAGScheduler(line:54)", "DAGScheduler"},
      {"scheduler.JESSchedulerBackend (Logging.scala:logInfo(61))",
       "JESSchedulerBackend"},
      {"", ""},
  };
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    slg_span got = slg_logger_short(S(cases[i].in));
    assert_span(got, cases[i].want, cases[i].in);
  }
}

/* Same shape, same id, whatever the prefix; a new shape, a new id. */
static void test_layout__ids_are_stable(void **state)
{
  static const char *const a[] = {
      "24/08/13 15:12:49 INFO DAGScheduler: one",
      "[Stage 1:>   (0 + 1) / 1]24/08/13 15:12:50 WARN TaskSetManager: two",
      "> 24/08/13 15:12:51 ERROR scheduler.DAGScheduler: three",
  };
  slg_layout *l;
  slg_record r;
  uint32_t first, other;
  (void)state;
  assert_int_equal(slg_layout_new(&l, NULL, 0, NULL), 0);
  assert_int_equal(slg_layout_parse(l, a[0], strlen(a[0]), &r), 1);
  first = r.layout_id;
  assert_int_equal(slg_layout_parse(l, a[1], strlen(a[1]), &r), 1);
  assert_int_equal(r.layout_id, first);
  assert_int_equal(slg_layout_parse(l, a[2], strlen(a[2]), &r), 1);
  other = r.layout_id;
  assert_int_not_equal(other, first);
  assert_int_equal(slg_layout_count(l), 2);
  assert_int_equal(slg_layout_parse(l, a[0], strlen(a[0]), &r), 1);
  assert_int_equal(r.layout_id, first);
  assert_int_equal(slg_layout_parse(l, a[2], strlen(a[2]), &r), 1);
  assert_int_equal(r.layout_id, other);
  assert_int_equal(slg_layout_count(l), 2);
  slg_layout_free(l);
}

/* More than SLG_MAX_LAYOUTS shapes: the rest are still read, as OTHER. */
static void test_layout__table_is_bounded(void **state)
{
  static const char *const dates[] = {"2024-08-13", "2024/08/13", "24/08/13",
                                      "24-08-13", "20240813@"};
  static const char *const fracs[] = {"",   ",1",  ",12", ",123",
                                      ".1", ".12", ".123"};
  char line[128];
  slg_layout *l;
  slg_record r;
  size_t shapes = 0, other = 0;
  (void)state;
  assert_int_equal(slg_layout_new(&l, NULL, 0, NULL), 0);
  for (int b = 0; b < 2; b++)
    for (size_t d = 0; d < 5; d++)
      for (size_t f = 0; f < 7; f++) {
        char msg[16];
        int n = snprintf(line, sizeof line, "%s%s%s15:12:49%s %sFoo: m%d",
                         b ? "[INFO] " : "", dates[d],
                         dates[d][8] == '@' ? "" : " ", fracs[f],
                         b ? "" : "WARN ", (int)shapes);
        snprintf(msg, sizeof msg, "m%d", (int)shapes);
        assert_int_equal(slg_layout_parse(l, line, (size_t)n, &r), 1);
        assert_span(r.message, msg, line);
        if (r.layout_id == SLG_LAYOUT_OTHER)
          other++;
        shapes++;
      }
  assert_int_equal(shapes, 70);
  assert_int_equal(slg_layout_count(l), SLG_MAX_LAYOUTS);
  assert_int_equal(other, 70 - SLG_MAX_LAYOUTS);
  assert_string_equal(slg_layout_pattern(l, SLG_LAYOUT_OTHER), "other");
  slg_layout_free(l);
}

/* --unwrap names more relays, by full or short logger name. */
static void test_layout__unwrap_names_relays(void **state)
{
  const char *line = "24/03/01 10:00:01 INFO com.acme.Relay: 24/03/01 "
                     "10:00:02 INFO DAGScheduler: Got job 0 (x)";
  slg_layout *l;
  slg_record r;
  (void)state;
  assert_int_equal(slg_layout_new(&l, NULL, 0, NULL), 0);
  assert_int_equal(slg_layout_parse(l, line, strlen(line), &r), 1);
  assert_span(r.logger, "com.acme.Relay", line);
  assert_int_equal(r.relay, 0);
  slg_layout_set_relays(l, "Other,,Relay");
  assert_int_equal(slg_layout_parse(l, line, strlen(line), &r), 1);
  assert_span(r.logger, "DAGScheduler", line);
  assert_int_equal(r.time.second, 2);
  /* Relay ids: the built-in ones, then "Other", then "Relay". */
  assert_true(r.relay > 2);
  assert_string_equal(slg_layout_relay_name(l, r.relay - 1u), "Relay");
  assert_string_equal(slg_layout_relay_name(l, r.relay - 2u), "Other");
  assert_null(slg_layout_relay_name(l, r.relay));
  slg_layout_set_relays(l, "com.acme.Relay");
  assert_int_equal(slg_layout_parse(l, line, strlen(line), &r), 1);
  assert_span(r.logger, "DAGScheduler", line);
  assert_string_equal(slg_layout_relay_name(l, r.relay - 1u),
                      "com.acme.Relay");
  slg_layout_set_relays(l, NULL);
  assert_int_equal(slg_layout_parse(l, line, strlen(line), &r), 1);
  assert_span(r.logger, "com.acme.Relay", line);
  assert_int_equal(r.relay, 0);
  slg_layout_free(l);
}

/* Each relay has its id and name, the same in every detector; --unwrap
 * names past the last id share it. */
static void test_layout__relay_ids(void **state)
{
  static const struct {
    const char *line, *relay;
  } lines[] = {
      {"[2026-05-04, 00:06:07 UTC] {spark_submit.py:492} INFO - 24/03/01 "
       "10:00:02 INFO DAGScheduler: Got job 0 (x)",
       "spark_submit.py"},
      {"[2026-05-04, 00:06:07 UTC] {subprocess.py:93} INFO - 24/03/01 "
       "10:00:02 INFO DAGScheduler: Got job 0 (x)",
       "subprocess.py"},
      {"24/03/01 10:00:01 INFO LineBufferedStream: stdout: 24/03/01 "
       "10:00:02 INFO DAGScheduler: Got job 0 (x)",
       "LineBufferedStream"},
      {"24/03/01 10:00:01 INFO R40: 24/03/01 10:00:02 INFO DAGScheduler: "
       "Got job 0 (x)",
       "(further --unwrap loggers)"},
      {"24/03/01 10:00:01 INFO R3: 24/03/01 10:00:02 INFO DAGScheduler: "
       "Got job 0 (x)",
       "R3"},
      /* Not a relay, or no record inside: not unwrapped. */
      {"[2026-05-04, 00:06:07 UTC] {taskinstance.py:1} INFO - 24/03/01 "
       "10:00:02 INFO DAGScheduler: Got job 0 (x)",
       NULL},
      {"24/03/01 10:00:01 INFO LineBufferedStream: stdout: 25 rows", NULL},
  };
  char names[400];
  size_t n = 0;
  for (int i = 0; i < 40; i++)
    n += (size_t)snprintf(names + n, sizeof names - n, "%sR%d",
                          i ? "," : "", i + 1);
  (void)state;
  for (int ref = 0; ref < 2; ref++) {
    slg_layout *l;
    slg_record r;
    assert_int_equal(slg_layout_new(&l, NULL, ref, NULL), 0);
    slg_layout_set_relays(l, names);
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
      const char *line = lines[i].line;
      assert_int_equal(slg_layout_parse(l, line, strlen(line), &r), 1);
      if (lines[i].relay == NULL) {
        assert_int_equal(r.relay, 0);
        continue;
      }
      assert_true(r.relay > 0 && r.relay <= SLG_MAX_RELAYS);
      assert_string_equal(slg_layout_relay_name(l, r.relay - 1u),
                          lines[i].relay);
      assert_span(r.logger, "DAGScheduler", line);
    }
    assert_null(slg_layout_relay_name(l, SLG_MAX_RELAYS));
    slg_layout_free(l);
  }
}

/* A user layout that backtracks without bound gives up at its match
 * limit: the result says so (detection then reads the line), while
 * a layout that only scans a long field matches it. */
static void test_layout__user_pattern_match_limit(void **state)
{
  char line[400];
  slg_layout *l;
  slg_record r;
  (void)state;
  memset(line, 'x', 200);
  for (int i = 0; i < 100; i++)
    memcpy(line + 200 + 2 * i, " y", 2);
  size_t n = 400;
  assert_int_equal(slg_layout_new(&l, "%t%t%t%t%t%t%t%t%t%t%t%t%t%t %p%n",
                                  0, NULL),
                   0);
  assert_int_equal(slg_layout_parse(l, line, n, &r), SLG_LAYOUT_LIMIT_HIT);
  /* A line it matches is still read by it. */
  const char *ok = "t1 t2 INFO";
  assert_int_equal(slg_layout_parse(l, ok, strlen(ok), &r), 1);
  assert_int_equal(r.layout_id, 0);
  assert_int_equal(r.level, SLG_LEVEL_INFO);
  slg_layout_free(l);

  /* A thread name of 1,000 bytes: a lazy group's scan, well within. */
  char longer[1200];
  int k = snprintf(longer, sizeof longer, "24/08/13 15:12:49 [");
  memset(longer + k, 't', 1000);
  k += 1000;
  k += snprintf(longer + k, sizeof longer - (size_t)k,
                "] INFO a.b.DAGScheduler: Got job 0");
  assert_int_equal(
      slg_layout_new(&l, "%d{yy/MM/dd HH:mm:ss} [%t] %p %c: %m%n", 0, NULL),
      0);
  assert_int_equal(slg_layout_parse(l, longer, (size_t)k, &r), 1);
  assert_int_equal(r.layout_id, 0);
  assert_int_equal(r.thread.len, 1000);
  slg_layout_free(l);
}

static void test_layout__user_pattern_first(void **state)
{
  const char *line = "INFO|2024-01-02 03:04:05|main|my.Logger|hello";
  const char *spark = "24/08/13 15:12:49 INFO DAGScheduler: fallback";
  slg_layout *l;
  slg_record r;
  char err[256];
  (void)state;
  assert_int_equal(
      slg_layout_new(&l, "%p|%d{yyyy-MM-dd HH:mm:ss}|%t|%c|%m%n", 0, err), 0);
  assert_int_equal(slg_layout_parse(l, line, strlen(line), &r), 1);
  assert_int_equal(r.layout_id, 0);
  assert_int_equal(r.level, SLG_LEVEL_INFO);
  assert_int_equal(r.time.year, 2024);
  assert_int_equal(r.time.second, 5);
  assert_span(r.thread, "main", line);
  assert_span(r.logger, "my.Logger", line);
  assert_span(r.message, "hello", line);
  assert_string_equal(slg_layout_pattern(l, 0),
                      "%p|%d{yyyy-MM-dd HH:mm:ss}|%t|%c|%m%n");
  /* Lines that do not match fall back to detection. */
  assert_int_equal(slg_layout_parse(l, spark, strlen(spark), &r), 1);
  assert_int_equal(r.layout_id, 1);
  assert_span(r.message, "fallback", spark);
  slg_layout_free(l);

  err[0] = '\0';
  assert_int_equal(slg_layout_new(&l, "%d %q %m", 0, err), SLG_EINVAL);
  assert_non_null(strstr(err, "%q"));
  assert_non_null(strstr(err, "position 4"));
}

/* ----------------------------------------------------- property test */


typedef struct gen {
  char pat[256], line[512];
  size_t pn, ln;
} gen;

static void gp(gen *g, const char *s)
{
  size_t n = strlen(s);
  memcpy(g->pat + g->pn, s, n + 1);
  g->pn += n;
}

static void gl(gen *g, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(g->line + g->ln, sizeof g->line - g->ln, fmt, ap);
  va_end(ap);
  g->ln += (size_t)n;
}

static const char *const levels[] = {"TRACE", "DEBUG", "INFO",
                                     "WARN",  "ERROR", "FATAL"};
static const char *const classes[] = {"DAGScheduler",
                                      "TaskSetManager",
                                      "YarnSchedulerBackend$YarnDriverEndpoint",
                                      "AnalyzerLogHelper$",
                                      "SparkContext",
                                      "BlockManagerInfo"};
static const char *const packages[] = {"org.apache.spark.scheduler",
                                       "org.apache.spark.storage",
                                       "org.apache.spark.scheduler.cluster"};
static const char *const threads_plain[] = {
    "main", "dag-scheduler-event-loop", "Thread-9", "pool-5-thread-3",
    "sparkDriver-akka.actor.default-dispatcher-2"};
static const char *const threads_spaced[] = {
    "stream execution thread for q [id = 1]",
    "Executor task launch worker for task 0.0 in stage 0.0 (TID 0)"};
static const char *const messages[] = {
    "Got job 0 (collect at Foo.scala:12) with 4 output partitions",
    "Starting task 1.0 in stage 2.0 (TID 3, localhost, executor driver, "
    "partition 1, PROCESS_LOCAL, 7893 bytes)",
    "Registered executor NettyRpcEndpointRef(spark-client://Executor) "
    "(10.0.0.1:4242) with ID 1",
    "Stage 0 (reduce at SparkPi.scala:35) finished in 21.169 s",
    "Lost task 0.0 in stage 1.0 (TID 1): java.lang.RuntimeException: boom",
    "[Consumer clientId=consumer-1] Seeking to offset 12",
    "Job 3 finished: count at X.scala:1, took 0.500000 s",
    "ShuffleMapStage 4 (map at <console>:27) finished in 0.2 s",
    "- hyphen first - odd but legal",
};

/* The time shapes and how to print a time in them. */
static const char *const date_fmts[] = {"yyyy-MM-dd HH:mm:ss,SSS",
                                        "yyyy-MM-dd HH:mm:ss.SSS",
                                        "yy/MM/dd HH:mm:ss",
                                        "yyyy-MM-dd HH:mm:ss",
                                        "yyyy-MM-dd'T'HH:mm:ss.SSS",
                                        "yyyyMMdd@HH:mm:ss,SSS",
                                        "HH:mm:ss.SSS",
                                        "yy/MM/dd HH:mm:ss.SSS",
                                        "yyyy/MM/dd HH:mm:ss",
                                        "ISO8601",
                                        "ABSOLUTE",
                                        "DATE"};

static void render_time(gen *g, size_t f, const slg_time *t)
{
  unsigned y = t->year, mo = t->month, d = t->day, h = t->hour, mi = t->minute,
           s = t->second, ms = t->millisecond;
  switch (f) {
  case 0:
  case 9:
    gl(g, "%04u-%02u-%02u %02u:%02u:%02u,%03u", y, mo, d, h, mi, s, ms);
    break;
  case 1:
    gl(g, "%04u-%02u-%02u %02u:%02u:%02u.%03u", y, mo, d, h, mi, s, ms);
    break;
  case 2:
    gl(g, "%02u/%02u/%02u %02u:%02u:%02u", y % 100, mo, d, h, mi, s);
    break;
  case 3:
    gl(g, "%04u-%02u-%02u %02u:%02u:%02u", y, mo, d, h, mi, s);
    break;
  case 4:
    gl(g, "%04u-%02u-%02uT%02u:%02u:%02u.%03u", y, mo, d, h, mi, s, ms);
    break;
  case 5:
    gl(g, "%04u%02u%02u@%02u:%02u:%02u,%03u", y, mo, d, h, mi, s, ms);
    break;
  case 6:
    gl(g, "%02u:%02u:%02u.%03u", h, mi, s, ms);
    break;
  case 7:
    gl(g, "%02u/%02u/%02u %02u:%02u:%02u.%03u", y % 100, mo, d, h, mi, s, ms);
    break;
  case 8:
    gl(g, "%04u/%02u/%02u %02u:%02u:%02u", y, mo, d, h, mi, s);
    break;
  case 10:
    gl(g, "%02u:%02u:%02u,%03u", h, mi, s, ms);
    break;
  case 11: {
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    gl(g, "%02u %s %04u %02u:%02u:%02u,%03u", d, mon[mo - 1], y, h, mi, s, ms);
    break;
  }
  default:
    break;
  }
}

static uint8_t time_flags(size_t f)
{
  switch (f) {
  case 2:
  case 3:
  case 8:
    return D;
  case 6:
  case 10:
    return SLG_TIME_HAS_TIME | SLG_TIME_HAS_MS;
  default:
    return DM;
  }
}

typedef struct want {
  slg_time time;
  slg_level level;
  char thread[96], logger[96];
  const char *message;
} want;

/* Builds one random pattern and a line rendered through it. */
static void generate(gen *g, want *w)
{
  size_t f = rnd(sizeof date_fmts / sizeof date_fmts[0]);
  int order = (int)rnd(3);    /* 0 d p [t] c, 1 [p] d [t] c, 2 d t p c */
  int lvl_form = (int)rnd(4); /* %p, %-5p, [%p], [%-5p] */
  int thread = (int)rnd(2);
  int lg_form = (int)rnd(5); /* %c{1}, %c{2}, %c, [%c], %c{1}:%L */
  int loc = (int)rnd(3) == 0;
  int sep = (int)rnd(3);
  const char *lv = levels[rnd(6)];
  const char *cls = classes[rnd(6)];
  const char *pkg = packages[rnd(3)];
  char buf[160];

  memset(g, 0, sizeof *g);
  memset(w, 0, sizeof *w);
  w->time.year = (uint16_t)(2000 + rnd(100));
  w->time.month = (uint8_t)(1 + rnd(12));
  w->time.day = (uint8_t)(1 + rnd(28));
  w->time.hour = (uint8_t)rnd(24);
  w->time.minute = (uint8_t)rnd(60);
  w->time.second = (uint8_t)rnd(60);
  w->time.millisecond = (uint16_t)rnd(1000);
  w->time.flags = time_flags(f);
  if (!(w->time.flags & SLG_TIME_HAS_DATE))
    w->time.year = w->time.month = w->time.day = 0;
  if (!(w->time.flags & SLG_TIME_HAS_MS))
    w->time.millisecond = 0;
  w->level = slg_level_parse(lv, strlen(lv));
  w->message = messages[rnd(sizeof messages / sizeof messages[0])];
  if (order == 2)
    thread = 1;

  /* The date. */
  if (order == 1) {
    static const char *const lp[] = {"%p ", "%-5p ", "[%p] ", "[%-5p] "};
    gp(g, lp[lvl_form]);
    if (lvl_form >= 2)
      gl(g, lvl_form == 3 ? "[%-5s] " : "[%s] ", lv);
    else
      gl(g, lvl_form == 1 ? "%-5s " : "%s ", lv);
  }
  snprintf(buf, sizeof buf, "%%d{%s} ", date_fmts[f]);
  gp(g, buf);
  render_time(g, f, &w->time);
  gl(g, " ");
  if (order == 2) {
    /* Spark's unit-test layout: an unbracketed thread, no spaces. */
    const char *t = threads_plain[rnd(5)];
    gp(g, "%t ");
    gl(g, "%s ", t);
    strcpy(w->thread, t);
  } else if (thread && order == 0 && rnd(2)) {
    const char *t = rnd(2) ? threads_plain[rnd(5)] : threads_spaced[rnd(2)];
    gp(g, "[%t] ");
    gl(g, "[%s] ", t);
    strcpy(w->thread, t);
    thread = 0;
  }
  if (order != 1) {
    static const char *const lp[] = {"%p ", "%-5p ", "[%p] ", "[%-5p] "};
    gp(g, lp[lvl_form]);
    if (lvl_form >= 2)
      gl(g, lvl_form == 3 ? "[%-5s] " : "[%s] ", lv);
    else
      gl(g, lvl_form == 1 ? "%-5s " : "%s ", lv);
  }
  if (thread && order != 2) {
    const char *t = rnd(2) ? threads_plain[rnd(5)] : threads_spaced[rnd(2)];
    gp(g, "[%t] ");
    gl(g, "[%s] ", t);
    strcpy(w->thread, t);
  }
  switch (lg_form) {
  case 0:
    gp(g, "%c{1}");
    snprintf(w->logger, sizeof w->logger, "%s", cls);
    break;
  case 1:
    gp(g, "%c{2}");
    snprintf(w->logger, sizeof w->logger, "%s.%s", strrchr(pkg, '.') + 1, cls);
    break;
  case 4:
    gp(g, "%c{1}:%L");
    snprintf(w->logger, sizeof w->logger, "%s", cls);
    break;
  default:
    gp(g, lg_form == 3 ? "[%c]" : "%c");
    snprintf(w->logger, sizeof w->logger, "%s.%s", pkg, cls);
    break;
  }
  gl(g, lg_form == 3 ? "[%s]" : "%s", w->logger);
  if (lg_form == 4) {
    /* "DAGScheduler:54 - msg": no location, a dash or colon separator. */
    gl(g, ":%u", 1 + rnd(999));
    loc = 0;
    if (sep == 0)
      sep = 1;
  }
  if (loc) {
    gp(g, " (%F:%M(%L))");
    gl(g, " (Logging.scala:logInfo(%u))", 10 + rnd(90));
  }
  {
    static const char *const seps[] = {": ", " - ", " : "};
    gp(g, seps[sep]);
    gl(g, "%s", seps[sep]);
  }
  gp(g, "%m%n");
  gl(g, "%s", w->message);
}

static void check_fields(const slg_record *r, const want *w, const gen *g,
                         uint64_t seed, const char *who)
{
  int ok = r->level == w->level && slg_time_cmp(&r->time, &w->time) == 0 &&
           r->time.flags == w->time.flags && r->time.year == w->time.year &&
           r->time.month == w->time.month && r->time.day == w->time.day &&
           r->time.millisecond == w->time.millisecond &&
           r->logger.len == strlen(w->logger) &&
           memcmp(r->logger.ptr, w->logger, r->logger.len) == 0 &&
           r->message.len == strlen(w->message) &&
           memcmp(r->message.ptr, w->message, r->message.len) == 0 &&
           r->thread.len == strlen(w->thread) &&
           (r->thread.len == 0 ||
            memcmp(r->thread.ptr, w->thread, r->thread.len) == 0);
  if (!ok) {
    print_error("%s: seed %llu\n pattern: %s\n line: %s\n got level %d "
                "thread [%.*s] logger [%.*s] message [%.*s] flags %u\n",
                who, (unsigned long long)seed, g->pat, g->line, (int)r->level,
                (int)r->thread.len, r->thread.ptr, (int)r->logger.len,
                r->logger.ptr, (int)r->message.len, r->message.ptr,
                (unsigned)r->time.flags);
    fail();
  }
}

static void test_layout__property_random_patterns(void **state)
{
  uint64_t seed = 0x5eed1234abcdull;
  slg_layout *l;
  (void)state;
  assert_int_equal(slg_layout_new(&l, NULL, 0, NULL), 0);
  for (int i = 0; i < 600; i++) {
    gen g;
    want w;
    slg_record r;
    slg_pattern *p;
    char err[256];
    uint64_t case_seed = seed + (uint64_t)i * 7919u;
    rng_state = case_seed;
    generate(&g, &w);
    if (slg_layout_parse(l, g.line, g.ln, &r) != 1) {
      print_error("not recognised: seed %llu\n pattern: %s\n line: %s\n",
                  (unsigned long long)case_seed, g.pat, g.line);
      fail();
    }
    check_fields(&r, &w, &g, case_seed, "detection");
    if (slg_pattern_compile(&p, g.pat, err) != 0) {
      print_error("seed %llu: %s: %s\n", (unsigned long long)case_seed, g.pat,
                  err);
      fail();
    }
    if (slg_pattern_match(p, g.line, g.ln, &r) != 1) {
      print_error("seed %llu: %s does not match %s (regex %s)\n",
                  (unsigned long long)case_seed, g.pat, g.line,
                  slg_pattern_regex(p));
      fail();
    }
    check_fields(&r, &w, &g, case_seed, "--layout");
    slg_pattern_free(p);
  }
  slg_layout_free(l);
}

/* ------------------------------------------------------- corpus sweep */

/* Independent criterion: a level word in a log4j-like position. */
static int looks_like_record(const char *s, size_t n)
{
  static const char *const marks[] = {
      " INFO ", " WARN ", " ERROR ", " DEBUG ", " TRACE ", " FATAL ", "[INFO",
      "[WARN",  "[ERROR", "[DEBUG",  " INFO:",  " WARN:",  " ERROR:"};
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
    size_t m = strlen(marks[i]);
    for (size_t k = 0; k + m <= n && k < 120; k++)
      if (memcmp(s + k, marks[i], m) == 0)
        return 1;
  }
  return 0;
}

/* One line through a detector with its fast paths (default_header, the
 * memos, the last-shape shortcut) and one in reference mode: the same
 * answer, field by field (messages by content: a JSON message is
 * unescaped into each detector's scratch), and the same layout pattern. */
static void parse_both(slg_layout *fast, slg_layout *ref, const char *p,
                       size_t n)
{
  slg_record a, b;
  int ra = slg_layout_parse(fast, p, n, &a);
  int rb = slg_layout_parse(ref, p, n, &b);
  if (ra != rb)
    fail_msg("\"%.*s\": %d with the fast paths, %d in reference mode", (int)n,
             p, ra, rb);
  if (!ra)
    return;
  if (a.level != b.level || a.layout_id != b.layout_id ||
      a.prefix_len != b.prefix_len || a.time.flags != b.time.flags ||
      a.time.second != b.time.second || a.time.minute != b.time.minute ||
      a.time.hour != b.time.hour || a.time.day != b.time.day ||
      a.time.millisecond != b.time.millisecond ||
      a.logger.ptr != b.logger.ptr || a.logger.len != b.logger.len ||
      a.thread.ptr != b.thread.ptr || a.thread.len != b.thread.len ||
      a.message.len != b.message.len ||
      (a.message.len && memcmp(a.message.ptr, b.message.ptr, a.message.len)))
    fail_msg("\"%.*s\": the fast paths changed the record", (int)n, p);
  if (strcmp(slg_layout_pattern(fast, a.layout_id),
             slg_layout_pattern(ref, b.layout_id)) != 0)
    fail_msg("\"%.*s\": layout %s with the fast paths, %s in reference mode",
             (int)n, p, slg_layout_pattern(fast, a.layout_id),
             slg_layout_pattern(ref, b.layout_id));
}

static void test_layout__fast_equals_reference(void **state)
{
  (void)state;
  /* Repeated headers followed by what the full parse treats specially:
   * blanks, noise, a record inside the message, nothing at all; loggers
   * that share a prefix; a level or a second that differs by a byte. */
  static const char *lines[] = {
      "24/08/14 15:12:54 INFO TaskSetManager: Starting task 0.0 in stage 0.0",
      "24/08/14 15:12:54 INFO TaskSetManager: Finished task 0.0 in stage 0.0",
      "24/08/14 15:12:54 INFO BlockManagerInfo: Added rdd_1_1 in memory",
      "24/08/14 15:12:54 INFO TaskSetManager: 24/08/14 15:12:54 WARN X: in",
      "24/08/14 15:12:54 INFO TaskSetManager: [Stage 1:>  (0 + 1) / 1]",
      "24/08/14 15:12:54 INFO TaskSetManager:    three blanks",
      "24/08/14 15:12:54 INFO TaskSetManager: \tTab",
      "24/08/14 15:12:54 INFO TaskSetManager: > quoted",
      "24/08/14 15:12:54 INFO TaskSetManager: #> noise",
      "24/08/14 15:12:54 INFO TaskSetManager: ",
      "24/08/14 15:12:54 INFO TaskSetManager:",
      "24/08/14 15:12:54 INFO TaskSetManager:x",
      "24/08/14 15:12:54 INFO TaskSetManagerX: other logger",
      "24/08/14 15:12:54 INFO TaskSetManage: shorter logger",
      "24/08/14 15:12:54 WARN TaskSetManager: Lost task 1.0 in stage 0.0",
      "24/08/14 15:12:55 INFO TaskSetManager: Starting task 1.0 in stage 0.0",
      "24/08/14 15:12:55 INFO TaskSetManager: Starting task 2.0 in stage 0.0",
      "24/08/14 15:12:55 INFO TaskSetManager: Starting task 2.0\r",
      "24/08/14 15:12:55 INFO scheduler.TaskSetManager: Starting task 3.0",
      "24/08/14 15:12:55 INFO org.apache.spark.scheduler.TaskSetManager: S",
      "2024-08-14 15:12:55,123 INFO TaskSetManager: Starting task 3.0",
      ("{\"ts\":\"2024-08-14T15:12:55.123Z\",\"level\":\"INFO\","
       "\"logger\":\"TaskSetManager\",\"msg\":\"Starting\\ttask\"}"),
      "24/08/14 15:12:55 INFO TaskSetManager: Starting task 4.0 in stage 0.0",
      "\tat org.apache.spark.scheduler.Task.run(Task.scala:141)",
      "24/08/14 15:12:55 INFO TaskSetManager: Starting task 5.0 in stage 0.0",
      /* What default_header must refuse or read as the scan does: a
       * padded level, two spaces, a thread column, impossible dates and
       * clocks, other levels, a dotted or trailing-dot logger, no
       * separator, a time zone. */
      "24/08/14 15:12:55 INFO  TaskSetManager: padded level",
      "24/08/14 15:12:55  INFO TaskSetManager: two spaces",
      "24/08/14 15:12:55 main INFO TaskSetManager: thread",
      "24/13/14 15:12:55 INFO TaskSetManager: month 13",
      "24/08/32 15:12:55 INFO TaskSetManager: day 32",
      "24/08/14 24:12:55 INFO TaskSetManager: hour 24",
      "24/08/14 15:60:55 INFO TaskSetManager: minute 60",
      "24/08/14 15:12:60 INFO TaskSetManager: leap second",
      "24/08/14 15:12:61 INFO TaskSetManager: second 61",
      "24/08/14 15:12:5x INFO TaskSetManager: digit",
      "24-08-14 15:12:55 INFO TaskSetManager: dashes",
      "24/08/14 15:12:55 ERROR TaskSetManager: error",
      "24/08/14 15:12:55 WARN Utils: warn",
      "24/08/14 15:12:55 DEBUG a.b.C: debug",
      "24/08/14 15:12:55 TRACE TaskSetManager.: trailing dot",
      "24/08/14 15:12:55 INFO TaskSetManager - dash",
      "24/08/14 15:12:55 INFO TaskSetManager:  two after",
      "24/08/14 15:12:55 INFO TaskSetManager",
      "24/08/14 15:12:55 INFO TaskSetManager:",
      "24/08/14 15:12:55 UTC INFO TaskSetManager: zone",
      "24/08/14 15:12:55 INFO TaskSetManager$Inner: inner",
      "24/08/14 15:12:55 INFO 1TaskSetManager: digit first",
      "24/08/14 15:12:55 INFO",
      "24/08/14 15:12:55 INFO ",
  };
  slg_layout *fast, *ref;
  assert_int_equal(slg_layout_new(&fast, NULL, 0, NULL), 0);
  assert_int_equal(slg_layout_new(&ref, NULL, 1, NULL), 0);
  /* Twice over, so every line also follows every other. */
  for (int round = 0; round < 2; round++)
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
      for (size_t j = 0; j < sizeof lines / sizeof lines[0]; j++) {
        parse_both(fast, ref, lines[i], strlen(lines[i]));
        parse_both(fast, ref, lines[j], strlen(lines[j]));
      }
  slg_layout_free(fast);
  slg_layout_free(ref);
}

static void test_layout__corpus_sweep(void **state)
{
  char path[1024];
  FILE *cat;
  char row[4096];
  size_t files = 0;
  (void)state;
  snprintf(path, sizeof path, "%s/CATALOG.md", SLG_CORPUS_DIR);
  cat = fopen(path, "r");
  if (!cat)
    SLG_TEST_SKIP();
  while (fgets(row, sizeof row, cat)) {
    char *a, *b;
    if (strncmp(row, "### ", 4) != 0 || !(a = strchr(row, '`')) ||
        !(b = strchr(a + 1, '`')))
      continue;
    *b = '\0';
    if (strstr(a + 1, ".zip"))
      continue;
    snprintf(path, sizeof path, "%s/%s", SLG_CORPUS_DIR, a + 1);
    FILE *f = fopen(path, "rb");
    if (!f)
      continue;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *data = malloc((size_t)size + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    data[size] = '\0';
    if (strstr(data, "\"Event\":")) {
      free(data);
      continue;
    }
    slg_layout *l, *plain;
    size_t looks = 0, hits = 0;
    assert_int_equal(slg_layout_new(&l, NULL, 0, NULL), 0);
    assert_int_equal(slg_layout_new(&plain, NULL, 1, NULL), 0);
    for (char *p = data, *e = data + size; p < e;) {
      char *q = memchr(p, '\n', (size_t)(e - p));
      size_t n;
      slg_record r;
      if (!q)
        q = e;
      n = (size_t)(q - p);
      if (n && p[n - 1] == '\r')
        n--;
      if (looks_like_record(p, n)) {
        looks++;
        hits += (size_t)slg_layout_parse(l, p, n, &r);
        /* Every line again through both detectors: the fast paths
         * change no record of the corpus. */
        parse_both(l, plain, p, n);
      } else {
        parse_both(l, plain, p, n);
      }
      p = q + 1;
    }
    if (looks && hits * 100 < looks * 99) {
      print_error("%s: %zu of %zu record-like lines recognised\n", a + 1, hits,
                  looks);
      fail();
    }
    slg_layout_free(l);
    slg_layout_free(plain);
    free(data);
    files++;
  }
  fclose(cat);
  assert_true(files > 5);
}

int main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_layout__positive_table),
      cmocka_unit_test(test_layout__detected_pattern_recompiles),
      cmocka_unit_test(test_layout__negative_table),
      cmocka_unit_test(test_layout__logger_short),
      cmocka_unit_test(test_layout__ids_are_stable),
      cmocka_unit_test(test_layout__table_is_bounded),
      cmocka_unit_test(test_layout__user_pattern_first),
      cmocka_unit_test(test_layout__user_pattern_match_limit),
      cmocka_unit_test(test_layout__unwrap_names_relays),
      cmocka_unit_test(test_layout__relay_ids),
      cmocka_unit_test(test_layout__property_random_patterns),
      cmocka_unit_test(test_layout__fast_equals_reference),
  };
  const struct CMUnitTest optional[] = {
      cmocka_unit_test(test_layout__corpus_sweep),
  };
  return slg_test_main(argc, argv, tests, optional);
}
