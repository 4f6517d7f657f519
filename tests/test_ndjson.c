/*
 * test_ndjson.c - the sparklog-ndjson/1 stream (render_ndjson.c): the
 * order of its lines (a job after the stages that ended before it, what
 * no job end wrote at the end, the summary last), the same bytes however
 * the input is cut or merged, and a job written once when the input goes
 * idle right after its end.
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
#include "pipeline.h"
#include "render.h"

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

/* Each line's type and its placing ids, in order. */
static const char expected[] =
    "header\n"
    "stage app 1 job 0 stage 0.0\n"
    "stage app 1 job 0 stage 1.0\n"
    "job app 1 job 0\n"
    "stage app 1 job 1 stage 2.0\n"
    "job app 1 job 1\n"
    "stage app 2 job - stage 0.0\n" /* its job logs no end */
    "file\n"
    "app app 1\n"
    "job app 2 job 0\n"
    "app app 2\n";

typedef struct run {
  slg_pipeline *p;
  slg_ndjson *w;
  slg_buf out;
} run;

static void run_start(run *r)
{
  char err[256];
  memset(r, 0, sizeof *r);
  assert_int_equal(slg_pipeline_new(&r->p, NULL, err), 0);
  r->w = slg_ndjson_new(&r->out);
  slg_ndjson_header(r->w, "report", NULL);
  slg_pipeline_on_end(r->p, slg_ndjson_on_end, r->w);
  slg_pipeline_begin_file(r->p, "mem");
}

/* Ends the input, writes the end of the stream; r->out holds it all. */
static void run_finish(run *r)
{
  slg_pipeline_end_file(r->p, NULL);
  slg_pipeline_finish(r->p);
  slg_report rep;
  slg_pipeline_report(&rep, r->p);
  slg_thresholds th;
  slg_thresholds_init(&th);
  slg_analysis a;
  slg_analysis_run(&a, rep.model, &th, slg_report_input_kind(&rep));
  rep.analysis = &a;
  rep.thresholds = &th;
  slg_render_options o;
  memset(&o, 0, sizeof o);
  slg_ndjson_finish(r->w, &rep, &o);
  slg_analysis_dispose(&a);
  slg_ndjson_free(r->w);
  slg_pipeline_free(r->p);
}

/* The value of "key": in a line, as written (to the next ',' or '}'). */
static void value(const char *line, const char *key, char *out, size_t n)
{
  char k[32];
  snprintf(k, sizeof k, "\"%s\":", key);
  const char *v = strstr(line, k);
  const char *nl = strchr(line, '\n');
  if (v == NULL || (nl && v > nl)) {
    snprintf(out, n, "?");
    return;
  }
  v += strlen(k);
  size_t len = strcspn(v, ",}");
  snprintf(out, n, "%.*s", (int)len, v);
  if (strcmp(out, "null") == 0)
    snprintf(out, n, "-");
}

/* expected's form of the stream, rankings, findings and summary aside
 * (the summary must be the last line). */
static void outline(const char *s, slg_buf *b)
{
  const char *last = NULL;
  for (const char *l = s; *l; l = strchr(l, '\n') + 1) {
    last = l;
    char type[32], app[16], job[16], stage[16], attempt[16];
    value(l, "type", type, sizeof type);
    value(l, "app", app, sizeof app);
    value(l, "job", job, sizeof job);
    value(l, "stage", stage, sizeof stage);
    value(l, "attempt", attempt, sizeof attempt);
    if (strcmp(type, "\"ranking\"") == 0 ||
        strcmp(type, "\"finding\"") == 0 ||
        strcmp(type, "\"summary\"") == 0)
      continue;
    slg_buf_printf(b, "%.*s", (int)strlen(type) - 2, type + 1);
    if (strcmp(type, "\"stage\"") == 0)
      slg_buf_printf(b, " app %s job %s stage %s.%s", app, job, stage,
                     attempt);
    else if (strcmp(type, "\"job\"") == 0)
      slg_buf_printf(b, " app %s job %s", app, job);
    else if (strcmp(type, "\"app\"") == 0)
      slg_buf_printf(b, " app %s", app);
    slg_buf_putc(b, '\n');
  }
  assert_non_null(last);
  assert_non_null(strstr(last, "{\"type\":\"summary\""));
}

static void test_ndjson__order(void **state)
{
  (void)state;
  run r;
  run_start(&r);
  slg_pipeline_feed(r.p, log_text, strlen(log_text));
  run_finish(&r);
  slg_buf b = SLG_BUF_INIT;
  outline(slg_buf_cstr(&r.out), &b);
  if (strcmp(slg_buf_cstr(&b), expected) != 0)
    fail_msg("got:\n%s\nexpected:\n%s\nstream:\n%s", slg_buf_cstr(&b),
             expected, slg_buf_cstr(&r.out));
  /* Job 0's line waited for "took 2.000000 s". */
  assert_non_null(strstr(slg_buf_cstr(&r.out), "\"duration_ms\":2000,"));
  slg_buf_dispose(&b);
  slg_buf_dispose(&r.out);
}

static char *whole(void)
{
  run r;
  run_start(&r);
  slg_pipeline_feed(r.p, log_text, strlen(log_text));
  run_finish(&r);
  return r.out.ptr;
}

/* Every split point of a serial feed, and chunks of k lines merged as
 * parallel.c does: the same bytes. */
static void test_ndjson__same_however_cut(void **state)
{
  (void)state;
  char *want = whole();
  size_t n = strlen(log_text);
  for (size_t cut = 0; cut <= n; cut++) {
    run r;
    run_start(&r);
    slg_pipeline_feed(r.p, log_text, cut);
    slg_pipeline_feed(r.p, log_text + cut, n - cut);
    run_finish(&r);
    if (strcmp(slg_buf_cstr(&r.out), want) != 0)
      fail_msg("split at byte %zu:\n%s", cut, slg_buf_cstr(&r.out));
    slg_buf_dispose(&r.out);
  }
  for (size_t k = 1; k <= 19; k++) {
    run r;
    run_start(&r);
    slg_chunk *c = slg_chunk_new(r.p);
    const char *s = log_text, *end = log_text + n;
    while (s < end) {
      const char *e = s;
      for (size_t i = 0; i < k && e < end; i++)
        e = (const char *)memchr(e, '\n', (size_t)(end - e)) + 1;
      slg_chunk_parse(c, s, (size_t)(e - s));
      slg_pipeline_merge(r.p, c);
      s = e;
    }
    slg_chunk_free(c);
    run_finish(&r);
    if (strcmp(slg_buf_cstr(&r.out), want) != 0)
      fail_msg("chunks of %zu lines:\n%s", k, slg_buf_cstr(&r.out));
    slg_buf_dispose(&r.out);
  }
  free(want);
}

/* The input goes idle right after "Job 0 is finished": job 0 is written
 * then (its duration from its times: the "took" line has not come), and
 * not again. */
static void test_ndjson__idle_writes_the_waiting_job(void **state)
{
  (void)state;
  const char *after = strstr(log_text, T "3" DAG "Job 0 finished");
  assert_non_null(after);
  run r;
  run_start(&r);
  slg_pipeline_feed(r.p, log_text, (size_t)(after - log_text));
  assert_null(strstr(slg_buf_cstr(&r.out), "\"type\":\"job\""));
  slg_report rep;
  slg_pipeline_report(&rep, r.p);
  slg_ndjson_flush(r.w, &rep);
  const char *job = strstr(slg_buf_cstr(&r.out), "\"type\":\"job\"");
  assert_non_null(job);
  assert_non_null(strstr(job, "\"job\":0,"));
  size_t before = r.out.len;
  slg_ndjson_flush(r.w, &rep); /* nothing waits now */
  assert_int_equal(r.out.len, before);
  slg_pipeline_feed(r.p, after, strlen(after));
  run_finish(&r);
  size_t jobs = 0;
  for (const char *s = slg_buf_cstr(&r.out);
       (s = strstr(s, "{\"type\":\"job\",\"file\":\"mem\",\"app\":1,"
                      "\"job\":0,")) != NULL;
       s++)
    jobs++;
  assert_int_equal(jobs, 1);
  slg_buf_dispose(&r.out);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ndjson__order),
      cmocka_unit_test(test_ndjson__same_however_cut),
      cmocka_unit_test(test_ndjson__idle_writes_the_waiting_job),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
