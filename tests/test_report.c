/*
 * test_report.c - the report's incremental callbacks: an application, a
 * job and a stage attempt each end once, in input order, with the report
 * as it stood on the line that ended them, however the input is cut
 * (every split point of a serial feed; chunks merged as parallel.c does);
 * the verdict's lines per file and application, the stage order and an
 * unmatched --layout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis.h"
#include "buf.h"
#include "model_types.h"
#include "pipeline.h"
#include "render.h"
#include "test_rand.h"

#define T "24/03/01 10:00:0"
#define DAG " INFO DAGScheduler: "

/* Two applications: a job of two stages that succeeds, then a job whose
 * stage fails, a stage cancelled, and a second SparkContext. */
static const char log_text[] =
    T "1 INFO SparkContext: Running Spark version 3.5.1\n"           /* 1 */
    T "1" DAG "Got job 0 (count at A.scala:1) with 1 output partitions\n"
    T "1" DAG "Submitting ShuffleMapStage 0 (MapPartitionsRDD[3] at count "
      "at A.scala:1), which has no missing parents\n"
    T "2" DAG "ShuffleMapStage 0 (count at A.scala:1) finished in "
      "1.000 s\n"                                                     /* 4 */
    T "2" DAG "Submitting ResultStage 1 (MapPartitionsRDD[6] at count at "
      "A.scala:1), which has no missing parents\n"
    T "3" DAG "ResultStage 1 (count at A.scala:1) finished in 0.5 s\n" /* 6 */
    T "3" DAG "Job 0 is finished. Cancelling potential speculative or "
      "zombie tasks for this job\n"                                   /* 7 */
    T "3" DAG "Job 0 finished: count at A.scala:1, took 2.000000 s\n"
    T "4" DAG "Got job 1 (save at B.scala:2) with 1 output partitions\n"
    T "4" DAG "Submitting ResultStage 2 (MapPartitionsRDD[9] at save at "
      "B.scala:2), which has no missing parents\n"
    T "5" DAG "ResultStage 2 (save at B.scala:2) failed in 12 ms due to "
      "boom\n"                                                        /* 11 */
    "\tat a.b.C.d(C.java:1)\n"
    T "5" DAG "Job 1 failed: save at B.scala:2, took 1.000000 s\n"  /* 13 */
    T "6 INFO SparkContext: Running Spark version 3.5.1\n"            /* 14 */
    T "6" DAG "Got job 0 (show at C.scala:3) with 1 output partitions\n"
    T "7" DAG "Submitting ResultStage 0 (MapPartitionsRDD[1] at show at "
      "C.scala:3), which has no missing parents\n"
    T "8" DAG "ResultStage 0 (show at C.scala:3) finished in 0.1 s\n" /* 17 */
    T "9 INFO SparkContext: Successfully stopped SparkContext\n";

/* What the callbacks must see: kind, entity, status, the line that ended
 * it, and "/f" once the stream ended. */
static const char expected[] =
    "stage 0.0 succeeded app 0 @4\n"
    "stage 1.0 succeeded app 0 @6\n"
    "job 0 succeeded app 0 @7\n"
    "stage 2.0 failed app 0 @11\n"
    "job 1 failed app 0 @13\n"
    "app 0 @14\n"
    "stage 0.0 succeeded app 1 @17\n"
    "app 1 @18/f\n";

static void record(void *ctx, const slg_report *r, const slg_end *e)
{
  slg_buf *b = ctx;
  assert_null(r->analysis);
  assert_int_equal(r->nfiles, 1);
  size_t napps;
  const slg_app *apps = slg_model_apps(r->model, &napps);
  assert_true(e->app < napps);
  switch (e->kind) {
  case SLG_END_STAGE:
    assert_non_null(e->stage);
    assert_non_null(e->attempt);
    /* The entity is the model's own, in the application named. */
    assert_true(e->stage >= apps[e->app].stages &&
                e->stage < apps[e->app].stages + apps[e->app].nstages);
    slg_buf_printf(b, "stage %llu.%u %s",
                   (unsigned long long)e->stage->id, e->attempt->attempt,
                   slg_status_name(e->attempt->status));
    break;
  case SLG_END_JOB:
    assert_non_null(e->job);
    assert_true(e->job >= apps[e->app].jobs &&
                e->job < apps[e->app].jobs + apps[e->app].njobs);
    slg_buf_printf(b, "job %llu %s", (unsigned long long)e->job->id,
                   slg_status_name(e->job->status));
    break;
  case SLG_END_APP:
    assert_null(e->job);
    assert_null(e->stage);
    break;
  case SLG_END_BATCH:
    assert_non_null(e->batch);
    slg_buf_printf(b, "batch");
    break;
  }
  /* The report holds the line that ended it (all of its chunk when
   * merged). */
  assert_int_equal(e->pos.file, 0);
  assert_true(r->acc->lines >= e->pos.line);
  slg_buf_printf(b, "%sapp %zu @%llu%s\n", e->kind == SLG_END_APP ? "" : " ",
                 e->app, (unsigned long long)e->pos.line,
                 r->finished ? "/f" : "");
}

static slg_pipeline *new_pipeline(slg_buf *seen)
{
  slg_pipeline *p = NULL;
  char err[256];
  assert_int_equal(slg_pipeline_new(&p, NULL, err), 0);
  slg_pipeline_on_end(p, record, seen);
  slg_pipeline_begin_file(p, "mem");
  return p;
}

static void finish(slg_pipeline *p, slg_buf *seen, const char *what)
{
  slg_pipeline_end_file(p, NULL);
  slg_pipeline_finish(p);
  slg_pipeline_finish(p); /* a second finish tells nothing again */
  if (strcmp(slg_buf_cstr(seen), expected) != 0)
    fail_msg("%s:\n%s\nexpected:\n%s", what, slg_buf_cstr(seen), expected);
  slg_pipeline_free(p);
}

static void test_report__end_callbacks_at_every_split(void **state)
{
  (void)state;
  size_t n = strlen(log_text);
  for (size_t cut = 0; cut <= n; cut++) {
    slg_buf seen = SLG_BUF_INIT;
    slg_pipeline *p = new_pipeline(&seen);
    slg_pipeline_feed(p, log_text, cut);
    slg_pipeline_feed(p, log_text + cut, n - cut);
    char what[64];
    snprintf(what, sizeof what, "split at byte %zu", cut);
    finish(p, &seen, what);
    slg_buf_dispose(&seen);
  }
}

static void test_report__end_callbacks_byte_by_byte(void **state)
{
  (void)state;
  slg_buf seen = SLG_BUF_INIT;
  slg_pipeline *p = new_pipeline(&seen);
  for (size_t i = 0; log_text[i]; i++)
    slg_pipeline_feed(p, log_text + i, 1);
  finish(p, &seen, "byte by byte");
  slg_buf_dispose(&seen);
}

/* Chunks of k lines parsed apart and merged in order: the merge applies
 * the events, so the callbacks fire there, in the same order. */
static void test_report__end_callbacks_through_merge(void **state)
{
  (void)state;
  for (size_t k = 1; k <= 19; k++) {
    slg_buf seen = SLG_BUF_INIT;
    slg_pipeline *p = new_pipeline(&seen);
    slg_chunk *c = slg_chunk_new(p);
    const char *s = log_text, *end = log_text + strlen(log_text);
    while (s < end) {
      const char *e = s;
      for (size_t i = 0; i < k && e < end; i++)
        e = (const char *)memchr(e, '\n', (size_t)(end - e)) + 1;
      slg_chunk_parse(c, s, (size_t)(e - s));
      slg_pipeline_merge(p, c);
      s = e;
    }
    slg_chunk_free(c);
    char what[64];
    snprintf(what, sizeof what, "chunks of %zu lines", k);
    finish(p, &seen, what);
    slg_buf_dispose(&seen);
  }
}

/* Without a callback nothing is called, and the view is the same. */
static void test_report__view_of_the_pipeline(void **state)
{
  (void)state;
  slg_pipeline *p = NULL;
  char err[256];
  assert_int_equal(slg_pipeline_new(&p, NULL, err), 0);
  slg_pipeline_begin_file(p, "mem");
  slg_pipeline_feed(p, log_text, strlen(log_text));
  slg_pipeline_end_file(p, NULL);
  slg_pipeline_finish(p);
  slg_report r;
  slg_pipeline_report(&r, p);
  assert_int_equal(r.acc->lines, 18);
  assert_int_equal(r.acc->continuation_lines, 1);
  assert_string_equal(slg_report_file_path(&r, 0), "mem");
  assert_null(slg_report_file_path(&r, 1));
  assert_true(slg_report_complete(&r));
  assert_int_equal(slg_report_input_kind(&r), SLG_INPUT_DRIVER);
  size_t napps;
  slg_model_apps(r.model, &napps);
  assert_int_equal(napps, 2);
  assert_true(r.finished);
  assert_null(r.analysis);
  slg_pipeline_free(p);
}

/* The log split at its second SparkContext into two files, and a third
 * file with no application: the verdict has one line per application,
 * each naming the file of its first line, numbered from 1. */
static void test_report__app_verdicts_by_file(void **state)
{
  (void)state;
  const char *second = strstr(log_text, T "6 INFO SparkContext");
  slg_pipeline *p = NULL;
  char err[256];
  assert_non_null(second);
  assert_int_equal(slg_pipeline_new(&p, NULL, err), 0);
  slg_pipeline_begin_file(p, "a.log");
  slg_pipeline_feed(p, log_text, (size_t)(second - log_text));
  slg_pipeline_end_file(p, NULL);
  slg_pipeline_begin_file(p, "b.log");
  slg_pipeline_feed(p, second, strlen(second));
  slg_pipeline_end_file(p, NULL);
  slg_pipeline_begin_file(p, "c.log");
  slg_pipeline_feed(p, "hello\n", 6);
  slg_pipeline_end_file(p, NULL);
  slg_pipeline_finish(p);
  slg_report r;
  slg_pipeline_report(&r, p);
  slg_thresholds th;
  slg_thresholds_init(&th);
  slg_analysis a;
  slg_analysis_run(&a, r.model, &th, slg_report_input_kind(&r));
  r.analysis = &a;
  assert_int_equal(a.apps, 2);
  assert_int_equal(a.app_verdicts[0].seq, 1);
  assert_int_equal(a.app_verdicts[0].file, 0);
  assert_int_equal(a.app_verdicts[0].jobs, 2);
  assert_int_equal(a.app_verdicts[0].jobs_failed, 1);
  assert_int_equal(a.app_verdicts[1].seq, 2);
  assert_int_equal(a.app_verdicts[1].file, 1);
  assert_int_equal(a.app_verdicts[1].jobs, 1);
  assert_int_equal(a.app_verdicts[1].jobs_failed, 0);
  /* Timed records: a duration (its exact end is the model's to say). */
  assert_true(a.app_verdicts[0].duration_ms >= 0);
  assert_true(a.app_verdicts[1].duration_ms >= 0);
  for (size_t i = 0; i < a.nranking; i++)
    assert_int_equal(a.ranking[i].rank, i + 1);
  slg_buf out = SLG_BUF_INIT;
  slg_render_text_app_lines(&r, &out, 0);
  const char *text = slg_buf_cstr(&out);
  /* Several files: each application's line names its file; a failed
   * one with its root cause's short form and file:line. */
  const char *l1 = strstr(text, "  app 1 (file a.log): failed, 2 jobs, 1 "
                                "failed, ");
  const char *c1 = strstr(text, "; root cause ");
  const char *p1 = strstr(text, "a.log:13)\n");
  const char *l2 = strstr(text, "\n  app 2 (file b.log): succeeded, 1 job, ");
  if (l1 != text || !c1 || !p1 || !l2 || c1 > l2 || p1 > l2)
    fail_msg("app lines:\n%s", text);
  /* The files' verdicts are one table, worst first: the failed file,
   * the succeeded one, then the file where no application starts. */
  slg_file_row *rows = slg_file_rows(&r);
  assert_int_equal(rows[0].file, 0);
  assert_string_equal(rows[0].kind, "driver");
  assert_int_equal(rows[0].outcome, SLG_OUTCOME_FAILED);
  assert_int_equal(rows[0].jobs_failed, 1);
  assert_non_null(rows[0].worst);
  assert_int_equal(rows[1].file, 1);
  assert_int_equal(rows[1].outcome, SLG_OUTCOME_SUCCEEDED);
  assert_int_equal(rows[2].file, 2);
  assert_int_equal(rows[2].apps, 0);
  assert_int_equal(rows[2].outcome, -1);
  assert_string_equal(rows[2].kind, "not a log"); /* "hello" */
  free(rows);
  slg_buf_clear(&out);
  slg_render_options to = {.view = SLG_VIEW_REPORT, .top = 2};
  slg_render_text_files(&r, &to, &out, 2);
  text = slg_buf_cstr(&out);
  if (!strstr(text, "Files (worst 2 of 3)\n") ||
      !strstr(text, "\n  a.log ") || !strstr(text, "\n  b.log ") ||
      strstr(text, "c.log") || !strstr(text, "  1 more file\n"))
    fail_msg("files table:\n%s", text);
  /* Markdown, JUnit and GitHub carry the same lines, once each. */
  static const char *const same[] = {"app 1: failed, 2 jobs, 1 failed, ",
                                      "file c.log: no application starts "
                                      "here"};
  for (int fmt = 0; fmt < 3; fmt++) {
    slg_render_options ro = {.view = SLG_VIEW_CHECK, .top = 5};
    slg_buf doc = SLG_BUF_INIT;
    if (fmt == 0)
      slg_render_markdown(&r, &ro, &doc);
    else if (fmt == 1)
      slg_render_junit(&r, &ro, &doc);
    else
      slg_render_github(&r, &ro, &doc);
    const char *d = slg_buf_cstr(&doc);
    for (size_t k = 0; k < 2; k++) {
      const char *hit = strstr(d, same[k]);
      if (!hit || strstr(hit + 1, same[k]))
        fail_msg("format %d: '%s' not once in:\n%s", fmt, same[k], d);
    }
    slg_buf_dispose(&doc);
  }
  assert_null(slg_report_layout_unmatched(&r));
  slg_buf_dispose(&out);
  slg_analysis_dispose(&a);
  slg_pipeline_free(p);
}

/* Stage attempts are listed by id, then attempt, whatever the order the
 * log first mentions them in. */
static void test_report__stage_order(void **state)
{
  static const char text[] =
      T "1" DAG "Got job 0 (count at A.scala:1) with 1 output partitions\n"
      T "1" DAG "Submitting ResultStage 5 (MapPartitionsRDD[3] at count at "
        "A.scala:1), which has no missing parents\n"
      T "1" DAG "Submitting ShuffleMapStage 4 (MapPartitionsRDD[2] at count "
        "at A.scala:1), which has no missing parents\n"
      T "2" DAG "Submitting ShuffleMapStage 2 (MapPartitionsRDD[1] at count "
        "at A.scala:1), which has no missing parents\n";
  (void)state;
  slg_pipeline *p = NULL;
  char err[256];
  assert_int_equal(slg_pipeline_new(&p, NULL, err), 0);
  slg_pipeline_begin_file(p, "mem");
  slg_pipeline_feed(p, text, strlen(text));
  slg_pipeline_end_file(p, NULL);
  slg_pipeline_finish(p);
  slg_report r;
  slg_pipeline_report(&r, p);
  size_t napps, n;
  const slg_app *apps = slg_model_apps(r.model, &napps);
  assert_int_equal(napps, 1);
  assert_int_equal(apps[0].stages[0].id, 5); /* first mentioned */
  slg_attempt_ref *refs = slg_stage_order(&apps[0], &n);
  assert_int_equal(n, 3);
  assert_int_equal(apps[0].stages[refs[0].stage].id, 2);
  assert_int_equal(apps[0].stages[refs[1].stage].id, 4);
  assert_int_equal(apps[0].stages[refs[2].stage].id, 5);
  free(refs);
  slg_pipeline_free(p);
}

/* The order of a plain sort of (id, attempt, stage index, attempt index)
 * keys: what slg_stage_order must give for any application, stages
 * mentioned in order or not, ids and attempt numbers repeated (a log
 * after a driver restart), stages that never ran. */
typedef struct order_key {
  uint64_t id;
  unsigned attempt;
  size_t stage, index;
} order_key;

static int order_key_cmp(const void *x, const void *y)
{
  const order_key *a = x, *b = y;
  if (a->id != b->id)
    return a->id < b->id ? -1 : 1;
  if (a->attempt != b->attempt)
    return a->attempt < b->attempt ? -1 : 1;
  if (a->stage != b->stage)
    return a->stage < b->stage ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

static void test_report__stage_order_any_input(void **state)
{
  (void)state;
  rng_state = 0x5eed0fdeu;
  for (int round = 0; round < 300; round++) {
    size_t nstages = rnd(60);
    slg_app a;
    memset(&a, 0, sizeof a);
    a.stages = calloc(nstages ? nstages : 1, sizeof *a.stages);
    a.nstages = nstages;
    size_t total = 0;
    for (size_t i = 0; i < nstages; i++) {
      slg_stage *s = &a.stages[i];
      /* Every third round in id order (the common case). */
      s->id = round % 3 == 0 ? i / 2 : rnd(round % 2 ? 8 : 1000);
      s->nattempts = rnd(4);
      s->attempts = calloc(s->nattempts ? s->nattempts : 1,
                           sizeof *s->attempts);
      for (size_t z = 0; z < s->nattempts; z++)
        s->attempts[z].attempt = round % 3 == 0 ? (unsigned)z : rnd(3);
      total += s->nattempts ? s->nattempts : 1;
    }
    order_key *k = calloc(total ? total : 1, sizeof *k);
    size_t m = 0;
    for (size_t i = 0; i < nstages; i++) {
      const slg_stage *s = &a.stages[i];
      size_t na = s->nattempts ? s->nattempts : 1;
      for (size_t z = 0; z < na; z++, m++) {
        k[m].id = s->id;
        k[m].attempt = s->nattempts ? s->attempts[z].attempt : 0;
        k[m].stage = i;
        k[m].index = s->nattempts ? z : SIZE_MAX;
      }
    }
    qsort(k, total, sizeof *k, order_key_cmp);
    size_t n;
    slg_attempt_ref *refs = slg_stage_order(&a, &n);
    assert_int_equal(n, total);
    for (size_t i = 0; i < total; i++)
      if (refs[i].stage != k[i].stage || refs[i].attempt != k[i].index)
        fail_msg("round %d: ref %zu is (%zu, %zu), want (%zu, %zu)", round,
                 i, refs[i].stage, refs[i].attempt, k[i].stage, k[i].index);
    free(refs);
    free(k);
    for (size_t i = 0; i < nstages; i++)
      free(a.stages[i].attempts);
    free(a.stages);
  }
}

/* A --layout that reads no line of a non-empty input is reported. */
static void test_report__layout_unmatched(void **state)
{
  (void)state;
  for (int matches = 0; matches < 2; matches++) {
    slg_options o;
    slg_options_init(&o);
    o.layout = matches ? "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n"
                       : "%d{yyyy-MM-dd HH:mm:ss} %p [%t] %c - %m%n";
    slg_pipeline *p = NULL;
    char err[256];
    assert_int_equal(slg_pipeline_new(&p, &o, err), 0);
    slg_pipeline_begin_file(p, "mem");
    slg_pipeline_feed(p, log_text, strlen(log_text));
    slg_pipeline_end_file(p, NULL);
    slg_pipeline_finish(p);
    slg_report r;
    slg_pipeline_report(&r, p);
    if (matches)
      assert_null(slg_report_layout_unmatched(&r));
    else
      assert_string_equal(slg_report_layout_unmatched(&r), o.layout);
    slg_pipeline_free(p);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_report__end_callbacks_at_every_split),
      cmocka_unit_test(test_report__end_callbacks_byte_by_byte),
      cmocka_unit_test(test_report__end_callbacks_through_merge),
      cmocka_unit_test(test_report__view_of_the_pipeline),
      cmocka_unit_test(test_report__app_verdicts_by_file),
      cmocka_unit_test(test_report__stage_order),
      cmocka_unit_test(test_report__stage_order_any_input),
      cmocka_unit_test(test_report__layout_unmatched),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
