/*
 * test_histogram.c - per-logger counting: exact for the first N names,
 * bounded after, full names and time span kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "histogram.h"

static slg_time at(int h, int m, int s)
{
  slg_time t;
  memset(&t, 0, sizeof t);
  t.year = 2024, t.month = 8, t.day = 13;
  t.hour = (uint8_t)h, t.minute = (uint8_t)m, t.second = (uint8_t)s;
  t.flags = SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME;
  return t;
}

static void add(slg_histogram *h, const char *logger, const char *short_name,
                slg_level level, slg_time t)
{
  slg_histogram_add(h, slg_span_make(logger, strlen(logger)),
                    slg_span_make(short_name, strlen(short_name)), level, &t);
}

static void test_histogram__counts_levels_and_span(void **state)
{
  (void)state;
  slg_histogram h;
  slg_histogram_init(&h, 10, 0);
  add(&h, "TaskSetManager", "TaskSetManager", SLG_LEVEL_INFO, at(10, 0, 5));
  add(&h, "org.apache.spark.scheduler.TaskSetManager", "TaskSetManager",
      SLG_LEVEL_WARN, at(10, 0, 1));
  add(&h, "scheduler.DAGScheduler", "DAGScheduler", SLG_LEVEL_INFO,
      at(9, 0, 0));
  add(&h, "o.a.spark.scheduler.TaskSetManager", "TaskSetManager",
      SLG_LEVEL_INFO, at(11, 0, 0));
  assert_int_equal(h.count, 2);
  size_t *order = slg_histogram_sorted(&h);
  const slg_logger_stats *t = &h.loggers[order[0]];
  assert_string_equal(t->name, "TaskSetManager");
  assert_int_equal(t->count, 3);
  assert_int_equal(t->levels[SLG_LEVEL_INFO], 2);
  assert_int_equal(t->levels[SLG_LEVEL_WARN], 1);
  assert_string_equal(t->full_name,
                      "org.apache.spark.scheduler.TaskSetManager");
  assert_int_equal(t->first.hour, 10);
  assert_int_equal(t->first.second, 1);
  assert_int_equal(t->last.hour, 11);
  /* "scheduler.DAGScheduler" is %c{2}: a package, not abbreviated. */
  assert_string_equal(h.loggers[order[1]].full_name,
                      "scheduler.DAGScheduler");
  free(order);
  slg_histogram_dispose(&h);
}

static void test_histogram__bounded_other(void **state)
{
  (void)state;
  slg_histogram h;
  slg_histogram_init(&h, 100, 0);
  char name[32];
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < 5000; i++) {
      snprintf(name, sizeof name, "Logger%d", i);
      add(&h, name, name, SLG_LEVEL_INFO, at(1, 0, 0));
    }
  assert_int_equal(h.count, 100);
  assert_int_equal(h.other_count, 2 * 4900);
  assert_int_equal(h.other_distinct, 4900);
  assert_true(h.other_distinct_exact);
  for (size_t i = 0; i < h.count; i++)
    assert_int_equal(h.loggers[i].count, 2);
  slg_histogram_dispose(&h);
}

static void test_histogram__sorted_by_count_then_name(void **state)
{
  (void)state;
  slg_histogram h;
  slg_histogram_init(&h, 10, 0);
  add(&h, "B", "B", SLG_LEVEL_INFO, at(1, 0, 0));
  add(&h, "A", "A", SLG_LEVEL_INFO, at(1, 0, 0));
  add(&h, "C", "C", SLG_LEVEL_INFO, at(1, 0, 0));
  add(&h, "C", "C", SLG_LEVEL_NONE, at(1, 0, 0));
  size_t *order = slg_histogram_sorted(&h);
  assert_string_equal(h.loggers[order[0]].name, "C");
  assert_string_equal(h.loggers[order[1]].name, "A");
  assert_string_equal(h.loggers[order[2]].name, "B");
  assert_int_equal(h.loggers[order[0]].levels[SLG_LEVEL_COUNT], 1);
  free(order);
  slg_histogram_dispose(&h);
}

/* The recent-logger shortcut (fastpath.h HIST_RECENT) against the hashed
 * lookup alone: the same counts, levels, names and order over a run of
 * names that repeat, alternate and pass the bound. */
static void test_histogram__reference_equals_normal(void **state)
{
  (void)state;
  slg_histogram h[2];
  slg_histogram_init(&h[0], 8, 0);
  slg_histogram_init(&h[1], 8, 1);
  uint32_t x = 12345;
  char name[32];
  for (int i = 0; i < 5000; i++) {
    x = x * 1103515245u + 12345u;
    unsigned k = (x >> 16) % 16;
    if ((x >> 8) % 4 != 0)
      k = (unsigned)(i / 50) % 3; /* long runs of one or two names */
    snprintf(name, sizeof name, "Logger%u", k);
    slg_level lv = (x >> 4) % 3 ? SLG_LEVEL_INFO : SLG_LEVEL_WARN;
    for (int m = 0; m < 2; m++)
      add(&h[m], name, name, lv, at(10, i / 100 % 60, i % 60));
  }
  assert_int_equal(h[0].count, h[1].count);
  assert_int_equal(h[0].other_count, h[1].other_count);
  for (size_t i = 0; i < h[0].count; i++) {
    assert_string_equal(h[0].loggers[i].name, h[1].loggers[i].name);
    assert_int_equal(h[0].loggers[i].count, h[1].loggers[i].count);
    assert_memory_equal(h[0].loggers[i].levels, h[1].loggers[i].levels,
                        sizeof h[0].loggers[i].levels);
  }
  slg_histogram_dispose(&h[0]);
  slg_histogram_dispose(&h[1]);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_histogram__counts_levels_and_span),
      cmocka_unit_test(test_histogram__bounded_other),
      cmocka_unit_test(test_histogram__sorted_by_count_then_name),
      cmocka_unit_test(test_histogram__reference_equals_normal),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
