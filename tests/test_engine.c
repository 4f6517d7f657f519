/*
 * test_engine.c - the engine lines (extract_engine.c) and what an
 * application keeps of them (model/engine.c): every wording read, the
 * progress report's JSON on continuation lines whatever the split, the
 * batches told to the end callback, the bounds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "engine.h"
#include "extract.h"
#include "model_types.h"
#include "pipeline.h"

static slg_span S(const char *s)
{
  return slg_span_make(s, strlen(s));
}



static void test_engine__wordings(void **state)
{
  (void)state;
  slg_event ev;
  /* PythonRunner / PythonUDFRunner / PythonRDD, a reused worker's
   * negative boot kept signed. */
  assert_int_equal(slg_extract_engine(S(
                       "Times: total = 222, boot = -469, init = 690, "
                       "finish = 1"),
                                      &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.kind, SLG_EV_ENGINE);
  assert_int_equal(ev.flag, SLG_ENGINE_PYTHON);
  assert_int_equal((int64_t)ev.n, 222);
  assert_int_equal((int64_t)ev.n2, -469);
  assert_int_equal((int64_t)ev.n3, 690);
  assert_int_equal((int64_t)ev.stage, 1);
  /* JobScheduler (DStreams). */
  assert_int_equal(slg_extract_engine(S(
                       "Total delay: 87.374 s for time 1532676195000 ms "
                       "(execution: 0.5 s)"),
                                      &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.flag, SLG_ENGINE_DSTREAM);
  assert_int_equal(ev.n, UINT64_C(1532676195000));
  assert_true(ev.ms == 87374.0);
  assert_int_equal(ev.n2, 500);
  /* ProcessingTimeExecutor. */
  assert_int_equal(slg_extract_engine(S(
                       "Current batch is falling behind. The trigger "
                       "interval is 10000 milliseconds, but spent 14319 "
                       "milliseconds"),
                                      &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.flag, SLG_ENGINE_BEHIND);
  assert_int_equal(ev.n, 10000);
  assert_int_equal(ev.n2, 14319);
  /* MicroBatchExecution / ProgressReporter: the JSON follows, or is in
   * the message (pretty or compact). */
  assert_int_equal(slg_extract_engine(S(
                       "Streaming query made progress: {"),
                                      &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.flag, SLG_ENGINE_PROGRESS);
  assert_int_equal(ev.index, 0);
  assert_int_equal(
      slg_extract_engine(
          S("Streaming query made progress: {\"id\":\"x\","
                             "\"batchId\":7,\"numInputRows\":160,"
                             "\"durationMs\":{\"addBatch\":5,"
                             "\"triggerExecution\":14292},\"sources\":[{"
                             "\"numInputRows\":99}]}"),
          &ev),
      SLG_EXTRACT_OK);
  assert_int_equal(ev.index, SLG_PROGRESS_BATCH | SLG_PROGRESS_ROWS |
                                 SLG_PROGRESS_TRIGGER);
  assert_int_equal(ev.n, 7);
  assert_int_equal(ev.n2, 160);
  assert_int_equal(ev.n3, 14292);
  /* A query's run. */
  assert_int_equal(slg_extract_engine(S(
                       "Starting [id = 59ef9f53-7832, runId = 0c64]. Use "
                       "file:/tmp/cp to store the query checkpoint."),
                                      &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.flag, SLG_ENGINE_QUERY_START);
  assert_int_equal(ev.str.len, 13);
  assert_memory_equal(ev.str.ptr, "59ef9f53-7832", 13);
  /* Not ours: the termination is the failure reader's. */
  assert_int_equal(slg_extract_engine(S(
                       "Query [id = a, runId = b] terminated with error"),
                                      &ev),
                   SLG_EXTRACT_NONE);
  assert_int_equal(slg_extract_engine(S(
                       "Starting new streaming query."),
                                      &ev),
                   SLG_EXTRACT_NONE);
  assert_int_equal(slg_extract_engine(S(
                       "Times: total = x"),
                                      &ev),
                   SLG_EXTRACT_NONE);
  /* The AQE rules: every line one decision; the skew count read. */
  assert_int_equal(slg_extract_aqe_skew_join(S(
                       "number of skewed partitions: left 2, right 1"),
                                             &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.flag, SLG_ENGINE_AQE_RULE);
  assert_int_equal(ev.n, SLG_AQE_SKEW_JOIN);
  assert_int_equal(ev.n2, 3);
  assert_int_equal(ev.n3, 1);
  assert_int_equal(slg_extract_aqe_plan(S(
                       "Plan changed from SortMergeJoin to "
                       "BroadcastHashJoin"),
                                        &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.n, SLG_AQE_PLAN);
  assert_int_equal(ev.n3, 2);
  assert_int_equal(slg_extract_aqe_join_selection(S("x"),
                                                  &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.n, SLG_AQE_JOIN_SELECTION);
  assert_string_equal(slg_aqe_rule_name(SLG_AQE_COALESCE),
                      "CoalesceShufflePartitions");
}

/* ------------------------------------------------- through the model */

#define T "24/03/01 10:00:0"
static const char log_text[] =
    T "1 INFO SparkContext: Running Spark version 3.5.1\n"           /* 1 */
    T "1 INFO SparkContext: Submitted application: s\n"
    T "2 INFO MicroBatchExecution: Starting [id = q1, runId = r1]. Use "
      "file:/tmp/cp to store the query checkpoint.\n"
    T "2 INFO MicroBatchExecution: Streaming query made progress: {\n"
    "  \"id\" : \"q1\",\n"                                            /* 5 */
    "  \"batchId\" : 3,\n"
    "  \"numInputRows\" : 160,\n"
    "  \"durationMs\" : {\n"
    "    \"addBatch\" : 13424,\n"
    "    \"triggerExecution\" : 14292\n"                              /* 10 */
    "  },\n"
    "  \"sources\" : [ {\n"
    "    \"numInputRows\" : 160\n"
    "  } ]\n"
    "}\n"                                                            /* 15 */
    T "3 WARN ProcessingTimeExecutor: Current batch is falling behind. "
      "The trigger interval is 10000 milliseconds, but spent 14319 "
      "milliseconds\n"
    T "4 INFO MicroBatchExecution: Starting [id = q1, runId = r2]. Use "
      "file:/tmp/cp to store the query checkpoint.\n"
    T "4 INFO MicroBatchExecution: Streaming query made progress: {\n"
    "  \"batchId\" : 4,\n"
    "  \"numInputRows\" : 1,\n"                                       /* 20 */
    "  \"durationMs\" : {\n"
    "    \"triggerExecution\" : 50\n"
    "  }\n"
    "}\n"
    T "5 INFO ShufflePartitionsUtil: For shuffle(0, 1), advisory target "
      "size: 67108864, actual target size 1048576, minimum partition size: "
      "1048576\n"                                                     /* 25 */
    T "5 INFO python.PythonRunner: Times: total = 222, boot = -469, init "
      "= 690, finish = 1\n"
    T "5 INFO PythonRunner: Times: total = 100, boot = 90, init = 9, "
      "finish = 1\n"
    T "6 INFO JobScheduler: Total delay: 8.183 s for time 1000 ms "
      "(execution: 0.538 s)\n"
    T "7 INFO JobScheduler: Total delay: 3.242 s for time 6000 ms "
      "(execution: 6.053 s)\n"
    T "8 INFO JobScheduler: Total delay: 1.0 s for time 11000 ms "
      "(execution: 1.0 s)\n"                                          /* 30 */
    T "9 INFO SparkContext: Successfully stopped SparkContext\n";

static void count_batch(void *ctx, const slg_report *r, const slg_end *e)
{
  (void)r;
  slg_buf *b = ctx;
  if (e->kind != SLG_END_BATCH)
    return;
  slg_buf_printf(b, "%d:%lld@%llu ", (int)e->batch->kind,
                 (long long)e->batch->id,
                 (unsigned long long)e->batch->pos.line);
}

static void check_engine(const slg_pipeline *p, const char *batches)
{
  slg_report r;
  slg_pipeline_report(&r, p);
  size_t napps;
  const slg_app *apps = slg_model_apps(r.model, &napps);
  assert_int_equal(napps, 1);
  const slg_engine *e = apps[0].engine;
  assert_non_null(e);
  assert_int_equal(e->ss_reports, 2);
  assert_int_equal(e->ss_first.line, 4);
  assert_int_equal(e->ss_last.line, 18);
  assert_int_equal(e->ss_min_id, 3);
  assert_int_equal(e->ss_max_id, 4);
  assert_int_equal(e->ss_rows, 161); /* the query's, not its sources' */
  assert_int_equal(e->ss_slowest.id, 3);
  assert_int_equal(e->ss_slowest.duration_ms, 14292);
  assert_int_equal(e->ss_slowest.pos.line, 4);
  assert_int_equal(e->ss_behind, 1);
  assert_int_equal(e->ss_interval_ms, 10000);
  assert_int_equal(e->ss_runs, 2);
  assert_int_equal(e->ss_nids, 1);
  assert_int_equal(e->aqe_lines, 1);
  assert_int_equal(e->coalesce_capped, 1);
  assert_string_equal(e->first_capped.shuffles, "0, 1");
  assert_int_equal(e->first_capped.min_partition, 1048576);
  assert_int_equal(e->py_count, 2);
  assert_int_equal(e->py_total_ms, 322);
  assert_int_equal(e->py_boot_ms, -379);
  assert_int_equal(e->ds_batches, 3);
  assert_int_equal(e->ds_interval_ms, 5000);
  assert_int_equal(e->ds_max_delay_ms, 8183);
  assert_int_equal(e->ds_max_delay_pos.line, 28);
  assert_int_equal(e->ds_max_exec_ms, 6053);
  assert_int_equal(e->ds_behind, 1);
  assert_string_equal(batches, "1:3@4 1:4@18 2:1000@28 2:6000@29 "
                               "2:11000@30 ");
}

static void test_engine__model_at_every_split(void **state)
{
  (void)state;
  size_t n = strlen(log_text);
  for (size_t cut = 0; cut <= n; cut += 7) {
    slg_pipeline *p = NULL;
    char err[256];
    slg_buf seen = SLG_BUF_INIT;
    assert_int_equal(slg_pipeline_new(&p, NULL, err), 0);
    slg_pipeline_on_end(p, count_batch, &seen);
    slg_pipeline_begin_file(p, "mem");
    slg_pipeline_feed(p, log_text, cut);
    slg_pipeline_feed(p, log_text + cut, n - cut);
    slg_pipeline_end_file(p, NULL);
    slg_pipeline_finish(p);
    check_engine(p, slg_buf_cstr(&seen));
    slg_buf_dispose(&seen);
    slg_pipeline_free(p);
  }
}

/* More AQE decisions than are kept: the first ones, the rest counted. */
static void test_engine__bounded(void **state)
{
  (void)state;
  slg_engine *e = NULL;
  slg_event ev;
  slg_engine_batch b[2];
  int cont;
  for (int i = 0; i < SLG_ENGINE_MAX_AQE + 5; i++) {
    slg_pos pos = {0, (uint64_t)i + 1};
    slg_extract_aqe_optimizer(S("rule"), &ev);
    assert_int_equal(slg_engine_apply(&e, &ev, &pos, b, &cont), 0);
  }
  for (int i = 0; i < SLG_ENGINE_MAX_QUERIES + 3; i++) {
    char msg[96];
    snprintf(msg, sizeof msg, "Starting [id = q%d, runId = r]. Use x to "
             "store the query checkpoint.", i);
    slg_pos pos = {0, 100};
    assert_int_equal(slg_extract_engine(S(msg), &ev),
                     SLG_EXTRACT_OK);
    slg_engine_apply(&e, &ev, &pos, b, &cont);
  }
  assert_int_equal(e->naqe, SLG_ENGINE_MAX_AQE);
  assert_int_equal(e->aqe_other, 5);
  assert_int_equal(e->aqe_lines, SLG_ENGINE_MAX_AQE + 5);
  assert_int_equal(e->ss_nids, SLG_ENGINE_MAX_QUERIES);
  assert_int_equal(e->ss_ids_other, 3);
  free(e);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_engine__wordings),
      cmocka_unit_test(test_engine__model_at_every_split),
      cmocka_unit_test(test_engine__bounded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
