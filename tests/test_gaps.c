/*
 * test_gaps.c - what the report says it could not see in time: the
 * largest gap between consecutive records, steps back in time, and each
 * file's first and last record time (pipeline accounting).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pipeline.h"

static slg_pipeline *run_files(const char *const *files, size_t n,
                               const char *layout)
{
  slg_options opt;
  slg_options_init(&opt);
  opt.layout = layout;
  slg_pipeline *p = NULL;
  assert_int_equal(slg_pipeline_new(&p, &opt, NULL), 0);
  for (size_t i = 0; i < n; i++) {
    slg_pipeline_begin_file(p, "mem");
    /* Byte by byte: the accounting must not depend on chunking. */
    for (const char *c = files[i]; *c; c++)
      slg_pipeline_feed(p, c, 1);
    slg_pipeline_end_file(p, NULL);
  }
  slg_pipeline_finish(p);
  return p;
}

static void test_gaps__largest_forward_step(void **state)
{
  (void)state;
  const char *log =
      "23/12/31 23:59:58 INFO SparkContext: Running Spark version 3.5.1\n"
      "24/01/01 00:00:01 INFO DAGScheduler: a\n"
      "24/01/01 00:00:00 INFO DAGScheduler: b\n"
      "24/01/01 00:10:00 INFO DAGScheduler: c\n";
  slg_pipeline *p = run_files(&log, 1, NULL);
  const slg_accounting *a = &p->acc;
  assert_int_equal(a->records, 4);
  assert_int_equal(a->gap_ms, 600000);
  assert_int_equal(a->gap_from.minute, 0);
  assert_int_equal(a->gap_to.minute, 10);
  assert_int_equal(a->time_steps_back, 1);
  assert_int_equal(p->files[0].first.year, 2023);
  assert_int_equal(p->files[0].last.year, 2024);
  assert_int_equal(p->files[0].last.minute, 10);
  slg_pipeline_free(p);
}

static void test_gaps__none_with_one_record(void **state)
{
  (void)state;
  const char *log = "24/01/01 00:00:01 INFO DAGScheduler: a\n";
  slg_pipeline *p = run_files(&log, 1, NULL);
  assert_true(p->acc.gap_ms < 0);
  assert_int_equal(p->acc.time_steps_back, 0);
  slg_pipeline_free(p);
}

/* A time-only layout wraps at midnight: a step back, not a 24 h gap. */
static void test_gaps__midnight_is_a_step_back(void **state)
{
  (void)state;
  const char *log = "23:59:59.900 INFO SparkContext: x\n"
                    "00:00:00.100 INFO DAGScheduler: y\n"
                    "00:00:00.300 INFO DAGScheduler: z\n";
  slg_pipeline *p = run_files(&log, 1, "%d{HH:mm:ss.SSS} %p %c: %m%n");
  assert_int_equal(p->acc.records, 3);
  assert_int_equal(p->acc.time_steps_back, 1);
  assert_int_equal(p->acc.gap_ms, 200);
  slg_pipeline_free(p);
}

/* Gaps are measured inside a file: files may come in any order. */
static void test_gaps__not_across_files(void **state)
{
  (void)state;
  const char *files[] = {
      "24/01/05 00:00:00 INFO SparkContext: later file\n",
      "24/01/01 00:00:00 INFO SparkContext: a\n"
      "24/01/01 00:00:05 INFO DAGScheduler: b\n",
  };
  slg_pipeline *p = run_files(files, 2, NULL);
  assert_int_equal(p->acc.gap_ms, 5000);
  assert_int_equal(p->acc.time_steps_back, 0);
  assert_int_equal(p->files[0].first.day, 5);
  assert_int_equal(p->files[1].first.day, 1);
  assert_int_equal(p->files[1].last.second, 5);
  slg_pipeline_free(p);
}

/* Records at the time of the record before them (most of a big log): a
 * gap of 0 until a step forward, and ties resolved as for any record. */
static void test_gaps__equal_times(void **state)
{
  (void)state;
  const char *same = "24/01/01 00:00:05 INFO SparkContext: a\n"
                     "24/01/01 00:00:05 INFO DAGScheduler: b\n"
                     "24/01/01 00:00:05 INFO DAGScheduler: c\n";
  slg_pipeline *p = run_files(&same, 1, NULL);
  assert_int_equal(p->acc.gap_ms, 0);
  assert_int_equal(p->acc.timed_records, 3);
  assert_int_equal(p->acc.time_steps_back, 0);
  slg_pipeline_free(p);

  const char *back = "24/01/01 00:00:05 INFO SparkContext: a\n"
                     "24/01/01 00:00:05 INFO DAGScheduler: b\n"
                     "24/01/01 00:00:01 INFO DAGScheduler: c\n"
                     "24/01/01 00:00:01 INFO DAGScheduler: d\n"
                     "24/01/01 00:00:09 INFO DAGScheduler: e\n"
                     "24/01/01 00:00:09 INFO DAGScheduler: f\n";
  p = run_files(&back, 1, NULL);
  assert_int_equal(p->acc.time_steps_back, 1);
  assert_int_equal(p->acc.gap_ms, 8000);
  assert_int_equal(p->acc.gap_from.second, 1);
  assert_int_equal(p->acc.gap_to.second, 9);
  assert_int_equal(p->files[0].first.second, 1);
  assert_int_equal(p->files[0].last.second, 9);
  slg_pipeline_free(p);

  /* The same instant written with milliseconds by a second layout: the
   * last of equal times is the last record's. */
  const char *two = "24/01/01 00:00:05 INFO SparkContext: a\n"
                    "24/01/01 00:00:05 INFO DAGScheduler: b\n"
                    "2024-01-01 00:00:05,000 INFO DAGScheduler: c\n";
  p = run_files(&two, 1, NULL);
  assert_int_equal(p->acc.gap_ms, 0);
  assert_false(p->acc.first.flags & SLG_TIME_HAS_MS);
  assert_true(p->acc.last.flags & SLG_TIME_HAS_MS);
  assert_true(p->files[0].last.flags & SLG_TIME_HAS_MS);
  slg_pipeline_free(p);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gaps__largest_forward_step),
      cmocka_unit_test(test_gaps__none_with_one_record),
      cmocka_unit_test(test_gaps__midnight_is_a_step_back),
      cmocka_unit_test(test_gaps__not_across_files),
      cmocka_unit_test(test_gaps__equal_times),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
