/*
 * test_pattern.c - the --layout compiler: ConversionPatterns that compile
 * and the fields they read from a line, and the ones that must be refused
 * with a reason naming the position.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "layout_pattern.h"

typedef struct match_case {
  const char *pattern, *line;
  int matches;
  uint16_t year;
  uint8_t month, day, hour, minute, second;
  uint16_t ms;
  uint8_t flags;
  slg_level level;
  const char *thread, *logger, *message;
} match_case;

#define D (SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME)
#define DM (D | SLG_TIME_HAS_MS)
#define TM (SLG_TIME_HAS_TIME | SLG_TIME_HAS_MS)

static const match_case cases[] = {
    {"%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n",
     "24/08/13 15:12:49 INFO DAGScheduler: Got job 0 (x)", 1, 2024, 8, 13, 15,
     12, 49, 0, D, SLG_LEVEL_INFO, "", "DAGScheduler", "Got job 0 (x)"},
    {"%d{ISO8601} %-5p [%t] %c - %m%n",
     "2015-02-11 21:20:39,409 INFO  [sparkDriver-akka.actor.default-"
     "dispatcher-2] org.apache.spark.scheduler.DAGScheduler - Got job 0",
     1, 2015, 2, 11, 21, 20, 39, 409, DM, SLG_LEVEL_INFO,
     "sparkDriver-akka.actor.default-dispatcher-2",
     "org.apache.spark.scheduler.DAGScheduler", "Got job 0"},
    {"%d %5p [%thread] %logger{36} - %msg%n",
     "2015-02-11 21:20:39,409  WARN [main] o.a.s.SparkContext - careful", 1,
     2015, 2, 11, 21, 20, 39, 409, DM, SLG_LEVEL_WARN, "main",
     "o.a.s.SparkContext", "careful"},
    {"%d{yyyy-MM-dd HH:mm:ss,SSS} %p [%t] %c{2} (%F:%M(%L)): %m%n",
     "2022-12-14 02:48:50,639 INFO [Thread-9] scheduler.JESSchedulerBackend "
     "(Logging.scala:logInfo(61)): JESSchedulerBackend",
     1, 2022, 12, 14, 2, 48, 50, 639, DM, SLG_LEVEL_INFO, "Thread-9",
     "scheduler.JESSchedulerBackend", "JESSchedulerBackend"},
    {"%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%t] %c{2} (%F:%M(%L)) - %m%n",
     "2020-06-01 01:32:58,488 INFO  [stream execution thread for q [id = 1]] "
     "streaming.CheckpointFileManager (Logging.scala:logInfo(54)) - Writing",
     1, 2020, 6, 1, 1, 32, 58, 488, DM, SLG_LEVEL_INFO,
     "stream execution thread for q [id = 1]",
     "streaming.CheckpointFileManager", "Writing"},
    {"[%p][%d{yyyy-MM-dd HH:mm:ss,SSS}][%c]%m%n",
     "[INFO][2018-07-27 15:03:18,967][org.apache.spark.scheduler."
     "DAGScheduler]Got job 0",
     1, 2018, 7, 27, 15, 3, 18, 967, DM, SLG_LEVEL_INFO, "",
     "org.apache.spark.scheduler.DAGScheduler", "Got job 0"},
    {"[%-5p]%d{yyyyMMdd@HH:mm:ss,SSS}:%c - %m%n",
     "[INFO ]20161114@15:56:19,367:org.apache.spark.scheduler.DAGScheduler - "
     "Got job 0",
     1, 2016, 11, 14, 15, 56, 19, 367, DM, SLG_LEVEL_INFO, "",
     "org.apache.spark.scheduler.DAGScheduler", "Got job 0"},
    {"%d{ABSOLUTE} %t %p %c{1}: %m%n",
     "15:56:32,453 dag-scheduler-event-loop INFO DAGScheduler: Got map", 1, 0,
     0, 0, 15, 56, 32, 453, TM, SLG_LEVEL_INFO, "dag-scheduler-event-loop",
     "DAGScheduler", "Got map"},
    {"%d{DATE} %p %c: %m", "13 Aug 2024 15:12:49,007 ERROR Foo: boom", 1, 2024,
     8, 13, 15, 12, 49, 7, DM, SLG_LEVEL_ERROR, "", "Foo", "boom"},
    {"%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} %level %logger %message",
     "2025-03-18T05:33:03.598Z FATAL x.Y last words", 1, 2025, 3, 18, 5, 33, 3,
     598, DM | SLG_TIME_UTC, SLG_LEVEL_FATAL, "", "x.Y", "last words"},
    {"%d{yyyy-MM-dd HH:mm:ss.SSSXXX} %p %c %m",
     "2025-03-18 05:33:03.598+00:00 DEBUG x.Y tz", 1, 2025, 3, 18, 5, 33, 3,
     598, DM | SLG_TIME_UTC, SLG_LEVEL_DEBUG, "", "x.Y", "tz"},
    {"%d{dd/MM/yyyy hh:mm:ss a} %p %c - %m",
     "13/08/2024 03:12:49 PM WARN Foo - afternoon", 1, 2024, 8, 13, 15, 12, 49,
     0, D, SLG_LEVEL_WARN, "", "Foo", "afternoon"},
    {"%r [%t] %-5p %c %x - %m%n", "1234 [main] INFO  Foo ndc - hello", 1, 0, 0,
     0, 0, 0, 0, 0, 0, SLG_LEVEL_INFO, "main", "Foo", "hello"},
    {"%d %p %X{user} %c - %m%ex%n", "2024-01-02 03:04:05,006 INFO bob Foo - x",
     1, 2024, 1, 2, 3, 4, 5, 6, DM, SLG_LEVEL_INFO, "", "Foo", "x"},
    {"%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n", "not a record at all", 0, 0, 0, 0,
     0, 0, 0, 0, 0, SLG_LEVEL_NONE, "", "", ""},
    {"%p %m", "info lower-case level", 1, 0, 0, 0, 0, 0, 0, 0, 0,
     SLG_LEVEL_NONE, "", "", "lower-case level"},
    {"100%% %m", "100% sure", 1, 0, 0, 0, 0, 0, 0, 0, 0, SLG_LEVEL_NONE, "", "",
     "sure"},
    {"%-20.30c|%.5t|%m", "a.b.C   |worker|m (x)", 1, 0, 0, 0, 0, 0, 0, 0, 0,
     SLG_LEVEL_NONE, "worker", "a.b.C", "m (x)"},
    {"%d{yy/MM/dd HH:mm:ss} %p %l: %m",
     "24/08/13 15:12:49 INFO a.B.c(B.java:12): loc", 1, 2024, 8, 13, 15, 12, 49,
     0, D, SLG_LEVEL_INFO, "", "", "loc"},
    {"%d{COMPACT} %p %m", "20240813151249007 TRACE compact", 1, 2024, 8, 13, 15,
     12, 49, 7, DM, SLG_LEVEL_TRACE, "", "", "compact"},
};

static void assert_span(slg_span got, const char *want)
{
  if (got.len != strlen(want) ||
      (got.len && memcmp(got.ptr, want, got.len) != 0)) {
    print_error("want [%s] got [%.*s]\n", want, (int)got.len,
                got.ptr ? got.ptr : "");
    fail();
  }
}

static void test_pattern__match_table(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const match_case *c = &cases[i];
    slg_pattern *p;
    slg_record r;
    char err[256];
    err[0] = '\0';
    if (slg_pattern_compile(&p, c->pattern, err) != 0) {
      print_error("%s: %s\n", c->pattern, err);
      fail();
    }
    memset(&r, 0, sizeof r);
    int got = slg_pattern_match(p, c->line, strlen(c->line), &r);
    if (got != c->matches) {
      print_error("%s vs %s: got %d (regex %s)\n", c->pattern, c->line, got,
                  slg_pattern_regex(p));
      fail();
    }
    if (got) {
      assert_int_equal(r.time.flags, c->flags);
      assert_int_equal(r.time.year, c->year);
      assert_int_equal(r.time.month, c->month);
      assert_int_equal(r.time.day, c->day);
      assert_int_equal(r.time.hour, c->hour);
      assert_int_equal(r.time.minute, c->minute);
      assert_int_equal(r.time.second, c->second);
      assert_int_equal(r.time.millisecond, c->ms);
      assert_int_equal(r.level, c->level);
      assert_span(r.thread, c->thread);
      assert_span(r.logger, c->logger);
      assert_span(r.message, c->message);
      assert_int_equal(r.prefix_len, 0);
    }
    slg_pattern_free(p);
  }
}

static void test_pattern__errors(void **state)
{
  static const struct {
    const char *pattern, *reason;
  } bad[] = {
      {"%d %q %m", "unknown conversion %q at position 4"},
      {"%m %highlight{%p}", "unknown conversion %highlight at position 4"},
      {"%d{yyyy-MM-dd %m", "unterminated '{' after conversion at position 1"},
      {"%d{yyyy-MM-dd 'T} %m", "unterminated quote in date format at "
                               "position 1"},
      {"%d{yyyy-MM-dd QQ} %m", "unsupported date letter at position 1"},
      {"abc %", "conversion character missing at position 5"},
      {"%-5", "conversion character missing at position 1"},
  };
  (void)state;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    slg_pattern *p = (slg_pattern *)&p;
    char err[256];
    err[0] = '\0';
    assert_int_equal(slg_pattern_compile(&p, bad[i].pattern, err), SLG_EINVAL);
    assert_null(p);
    assert_string_equal(err, bad[i].reason);
  }
  /* error may be NULL. */
  {
    slg_pattern *p;
    assert_int_equal(slg_pattern_compile(&p, "%Q", NULL), SLG_EINVAL);
  }
}

static void test_pattern__literals_are_escaped(void **state)
{
  slg_pattern *p;
  slg_record r;
  const char *line = "(a.b)*[x]+? {y} INFO $ ^ | m";
  (void)state;
  assert_int_equal(slg_pattern_compile(&p, "(a.b)*[x]+? {y} %p $ ^ | %m", NULL),
                   0);
  assert_int_equal(slg_pattern_match(p, line, strlen(line), &r), 1);
  assert_int_equal(r.level, SLG_LEVEL_INFO);
  assert_span(r.message, "m");
  /* A '.' in the pattern is a dot, not any byte. */
  line = "(aXb)*[x]+? {y} INFO $ ^ | m";
  assert_int_equal(slg_pattern_match(p, line, strlen(line), &r), 0);
  slg_pattern_free(p);
}

static void test_pattern__level_words(void **state)
{
  static const struct {
    const char *w;
    slg_level l;
  } words[] = {
      {"TRACE", SLG_LEVEL_TRACE},  {"DEBUG", SLG_LEVEL_DEBUG},
      {"INFO", SLG_LEVEL_INFO},    {"WARN", SLG_LEVEL_WARN},
      {"WARNING", SLG_LEVEL_WARN}, {"ERROR", SLG_LEVEL_ERROR},
      {"SEVERE", SLG_LEVEL_ERROR}, {"FATAL", SLG_LEVEL_FATAL},
      {"info", SLG_LEVEL_NONE},    {"INFORMATION", SLG_LEVEL_NONE},
      {"", SLG_LEVEL_NONE},
  };
  (void)state;
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    assert_int_equal(slg_level_parse(words[i].w, strlen(words[i].w)),
                     words[i].l);
}

/* %p is a level word: "Caused by: ..." and prose do not match
 * "%p %c{1}: %m%n", lower-case levels do. */
static void test_pattern__level_is_a_level_word(void **state)
{
  static const struct {
    const char *line;
    int match;
  } lines[] = {
      {"INFO DAGScheduler: Got job 0", 1},
      {"WARNING TaskSetManager: Lost task 0.0", 1},
      {"warn TaskSetManager: Lost task 0.0", 1},
      {"Caused by: java.lang.IllegalStateException: inner", 0},
      {"Using Spark's: default", 0},
      {"INFORMATION DAGScheduler: x", 0},
  };
  slg_pattern *p;
  slg_record r;
  (void)state;
  assert_int_equal(slg_pattern_compile(&p, "%p %c{1}: %m%n", NULL), 0);
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    int got = slg_pattern_match(p, lines[i].line, strlen(lines[i].line), &r);
    if (got != lines[i].match) {
      print_error("%s: got %d\n", lines[i].line, got);
      fail();
    }
  }
  slg_pattern_free(p);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pattern__match_table),
      cmocka_unit_test(test_pattern__errors),
      cmocka_unit_test(test_pattern__literals_are_escaped),
      cmocka_unit_test(test_pattern__level_words),
      cmocka_unit_test(test_pattern__level_is_a_level_word),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
