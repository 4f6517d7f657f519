/*
 * test_task_runs.c - which task lines a run takes, and what it keeps of
 * them (task_runs.c: one-line deltas summed). That a run applied gives the
 * report of its lines one by one is test_chunk.c's and test_model.c's:
 * here the run's own fields.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "task_runs.h"

static const slg_time dated = {.flags = SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME};

/* A task start or end as the TaskSetManager extractor gives it. */
static slg_model_item task(slg_event_kind kind, uint64_t stage,
                           uint64_t attempt, const char *exec, int exec_num,
                           const char *host)
{
  slg_model_item it;
  memset(&it, 0, sizeof it);
  slg_event_clear(&it.ev);
  it.modelled = 1;
  it.scheduler = 1;
  it.result = SLG_EXTRACT_OK;
  it.exec_num = (int16_t)exec_num;
  it.ev.kind = kind;
  it.ev.stage = stage;
  it.ev.attempt = attempt;
  it.ev.exec = slg_span_make(exec, strlen(exec));
  it.ev.host = slg_span_make(host, strlen(host));
  return it;
}

static slg_model_item start(uint64_t stage, const char *exec, int num,
                            const char *host, uint64_t partition)
{
  slg_model_item it = task(SLG_EV_TASK_START, stage, 0, exec, num, host);
  it.ev.flag = 1; /* partition given */
  it.ev.partition = partition;
  it.ev.locality = SLG_LOC_NODE_LOCAL;
  return it;
}

static slg_model_item end(uint64_t stage, const char *exec, int num,
                          const char *host, double ms)
{
  slg_model_item it = task(SLG_EV_TASK_END, stage, 0, exec, num, host);
  it.ev.ms = ms;
  return it;
}

/* The runs live on the heap: their executor lookup is 24 KiB. */
static slg_task_runs *new_runs_mode(int reference)
{
  slg_task_runs *rs = malloc(sizeof *rs);
  assert_non_null(rs);
  slg_task_runs_init(rs, reference);
  return rs;
}

static slg_task_runs *new_runs(void)
{
  return new_runs_mode(0);
}

static void free_runs(slg_task_runs *rs)
{
  slg_task_runs_dispose(rs);
  free(rs);
}

/* Every reason a line is applied on its own. */
static void test_task_runs__accepts(void **state)
{
  (void)state;
  slg_task_runs *rs = new_runs();
#define slg_task_run_accepts(it, t) slg_task_runs_accepts(rs, (it), (t))
  slg_model_item it = start(1, "3", 3, "h", 0);
  assert_true(slg_task_run_accepts(&it, &dated));
  it = end(1, "", -1, "", 5); /* Spark 1.6: no executor */
  assert_true(slg_task_run_accepts(&it, &dated));

  const slg_time time_only = {.flags = SLG_TIME_HAS_TIME};
  const slg_time none = {.flags = 0};
  it = start(1, "3", 3, "h", 0);
  assert_false(slg_task_run_accepts(&it, &time_only));
  assert_false(slg_task_run_accepts(&it, &none));

  it = start(1, "driver", -1, "h", 0);
  assert_false(slg_task_run_accepts(&it, &dated));
  it = start(1, "3", 3, "h", 0);
  it.ev.task_attempt = 1; /* a retry or a speculative copy: the delta
                             keeps its index for the model to ask */
  assert_true(slg_task_run_accepts(&it, &dated));
  it = end(1, "3", 3, "h", 5);
  it.ev.task_attempt = 1; /* its end is only counted */
  assert_true(slg_task_run_accepts(&it, &dated));

  it = start(1, "3", 3, "h", 0);
  it.scheduler = 0;
  assert_false(slg_task_run_accepts(&it, &dated));
  it = start(1, "3", 3, "h", 0);
  it.result = SLG_EXTRACT_REJECTED;
  assert_false(slg_task_run_accepts(&it, &dated));
  it = start(1, "3", 3, "h", 0);
  it.modelled = 0;
  assert_false(slg_task_run_accepts(&it, &dated));
  it = start(1, "3", 3, "h", 0);
  it.ev.kind = SLG_EV_TASK_LOST;
  assert_false(slg_task_run_accepts(&it, &dated));
#undef slg_task_run_accepts
  free_runs(rs);

  /* Reference mode: no line joins a run. */
  rs = new_runs_mode(1);
  it = start(1, "3", 3, "h", 0);
  assert_false(slg_task_runs_accepts(rs, &it, &dated));
  it = end(1, "3", 3, "h", 5);
  assert_false(slg_task_runs_accepts(rs, &it, &dated));
  free_runs(rs);
}

/* A run is one stage attempt, and continues only when asked to. */
static void test_task_runs__one_stage_attempt(void **state)
{
  (void)state;
  slg_task_runs *rs = new_runs();
  slg_model_item a = start(1, "1", 1, "h", 0);
  slg_model_item b = start(1, "1", 1, "h", 1);
  slg_model_item c = start(2, "1", 1, "h", 0);
  slg_model_item d = task(SLG_EV_TASK_START, 2, 1, "1", 1, "h");
  assert_int_equal(slg_task_runs_add(rs, 0, &a, &dated, 1000, 1), 1);
  assert_int_equal(slg_task_runs_add(rs, 1, &b, &dated, 2000, 1), 0);
  assert_int_equal(slg_task_runs_add(rs, 1, &c, &dated, 3000, 1), 1);
  assert_int_equal(slg_task_runs_add(rs, 1, &d, &dated, 4000, 1), 1);
  assert_int_equal(slg_task_runs_add(rs, 0, &d, &dated, 5000, 1), 1);
  assert_int_equal(rs->nruns, 4);
  assert_int_equal(rs->runs[0].sum.started, 2);
  assert_int_equal(rs->runs[0].first_ms, 1000);
  assert_int_equal(rs->runs[0].last_ms, 2000);
  assert_int_equal(rs->runs[2].sum.attempt, 1);
  /* Each run has its own executor list, though the executor is one. */
  assert_int_equal(rs->runs[0].sum.nexecs, 1);
  assert_int_equal(rs->runs[1].sum.nexecs, 1);
  assert_int_equal(rs->runs[1].execs, 1);
  slg_task_runs_reset(rs);
  assert_int_equal(rs->nruns, 0);
  assert_int_equal(slg_task_runs_add(rs, 1, &a, &dated, 1000, 1), 1);
  assert_int_equal(rs->runs[0].execs, 0);
  free_runs(rs);
}

/* Executors by first appearance, with the first host; tallies by first
 * end; partitions clamped where the model stops tracking them. */
static void test_task_runs__executors_and_lists(void **state)
{
  (void)state;
  slg_task_runs *rs = new_runs();
  slg_model_item lines[] = {
      start(4, "7", 7, "", 3),        /* executor 7 first, no host yet */
      start(4, "2", 2, "h2", 5),
      end(4, "2", 2, "h2b", 30),      /* 2 ends first: first tally */
      end(4, "7", 7, "h7", 12.9),     /* 7's host is the first given */
      end(4, "7", 7, "h7b", -1),      /* unknown duration: 0 */
      start(4, "2", 2, "h2", (UINT64_C(1) << 40)),
      end(4, "", -1, "", 4),          /* no executor */
      start(4, "2", 2, "h2", 9),      /* task 77 launched again */
  };
  lines[7].ev.task_attempt = 1;
  lines[7].ev.index = 77;
  lines[7].ev.flag = 0; /* no partition given */
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    slg_task_runs_add(rs, 1, &lines[i], &dated, (int64_t)i, i + 1);
  assert_int_equal(rs->nruns, 1);
  const slg_task_delta dd = slg_task_runs_delta(rs, &rs->runs[0]);
  const slg_task_delta *r = &dd;
  assert_int_equal(rs->runs[0].first_ms, 0);
  assert_int_equal(rs->runs[0].last_ms, 7);
  assert_int_equal(r->started, 4);
  assert_int_equal(r->succeeded, 4);
  for (size_t i = 0; i < r->started; i++)
    assert_int_equal(r->localities[i], SLG_LOC_NODE_LOCAL);
  assert_int_equal(r->task_ms, 30 + 12 + 0 + 4);
  assert_int_equal(r->nexecs, 2);
  const slg_task_exec *e = r->execs;
  assert_ptr_equal(e, &rs->execs[rs->runs[0].execs]);
  assert_int_equal(e[0].num, 7);
  assert_int_equal(e[0].host.len, 2);
  assert_memory_equal(e[0].host.ptr, "h7", 2);
  assert_int_equal(e[0].tasks, 2);
  assert_int_equal(e[0].task_ms, 12);
  assert_int_equal(e[1].num, 2);
  assert_memory_equal(e[1].host.ptr, "h2", 2);
  assert_int_equal(e[1].host.len, 2);
  assert_int_equal(e[1].tasks, 1);
  assert_int_equal(r->ntallies, 2);
  assert_int_equal(r->tallies[0], 1); /* executor 2 */
  assert_int_equal(r->tallies[1], 0);
  assert_int_equal(r->nparts, 3);
  assert_int_equal(r->parts[2], SLG_MAX_TRACKED_PARTITION);
  assert_int_equal(r->ndurations, 4);
  assert_int_equal(r->durations[2], 0);
  assert_int_equal(r->nretries, 1);
  assert_int_equal(r->retries[0], 77);
  free_runs(rs);
}

/* The walk of running tasks: sum, lowest and highest prefix, highest
 * rise. */
static void test_task_runs__walk(void **state)
{
  (void)state;
  slg_task_runs *rs = new_runs();
  /* - - + + + - + : prefixes -1 -2 -1 0 1 0 1 */
  const char steps[] = "--+++-+";
  for (const char *s = steps; *s; s++) {
    slg_model_item it = *s == '+' ? start(1, "1", 1, "h", 0)
                                  : end(1, "1", 1, "h", 1);
    slg_task_runs_add(rs, 1, &it, &dated, 0, 1);
  }
  const slg_task_delta *r = &rs->runs[0].sum;
  assert_int_equal(r->walk, 1);
  assert_int_equal(r->walk_low, -2);
  assert_int_equal(r->walk_high, 1);
  assert_int_equal(r->walk_rise, 3); /* from -2 up to 1 */
  free_runs(rs);
}

/* The lookup of the open run's executors is stamped with the run's
 * serial number; when it wraps, old stamps must not match. */
static void test_task_runs__serial_wraps(void **state)
{
  (void)state;
  slg_task_runs *rs = new_runs();
  slg_model_item a = start(1, "5", 5, "h", 0);
  slg_task_runs_add(rs, 0, &a, &dated, 0, 1);
  /* As if run 1 was long ago, and this is the last run before the wrap:
   * without clearing, run 1's stamp would match the next run's. */
  rs->stamp[5] = 1;
  rs->serial = UINT32_MAX;
  slg_model_item b = start(2, "5", 5, "h", 0);
  slg_task_runs_add(rs, 0, &b, &dated, 0, 1); /* serial wraps to 1 */
  assert_int_equal(rs->serial, 1);
  assert_int_equal(rs->runs[1].sum.nexecs, 1);
  free_runs(rs);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_task_runs__accepts),
      cmocka_unit_test(test_task_runs__one_stage_attempt),
      cmocka_unit_test(test_task_runs__executors_and_lists),
      cmocka_unit_test(test_task_runs__walk),
      cmocka_unit_test(test_task_runs__serial_wraps),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
