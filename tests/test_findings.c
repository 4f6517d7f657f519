/*
 * test_findings.c - one finding per cause (findings.c): findings of one
 * application, kind, severity, cause and fix are grouped over their
 * stages; performance findings too small to read are left out, failure
 * findings never; the allow list takes findings out without turning the
 * gate off, and its entries parse back as they print.
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
#include "config.h"
#include "findings.h"
#include "pipeline.h"

#define T "24/03/01 10:00:00"

/* A stage `id` of `n` tasks of `ms` each, `lost` of them lost first with
 * exception `ex` (NULL: none). */
static void stage(slg_buf *b, unsigned id, unsigned n, unsigned ms,
                  unsigned lost, const char *ex)
{
  slg_buf_printf(b, T " INFO DAGScheduler: Submitting ShuffleMapStage %u "
                    "(MapPartitionsRDD[%u] at count at A.scala:%u), which "
                    "has no missing parents\n", id, id, id);
  slg_buf_printf(b, T " INFO TaskSchedulerImpl: Adding task set %u.0 with "
                    "%u tasks resource profile 0\n", id, n);
  for (unsigned t = 0; t < lost; t++)
    slg_buf_printf(b, T " WARN TaskSetManager: Lost task %u.0 in stage "
                      "%u.0 (TID %u) (h executor 1): %s: boom\n",
                   t, id, 9000 + t, ex);
  for (unsigned t = 0; t < n; t++)
    slg_buf_printf(b, T " INFO TaskSetManager: Finished task %u.%u in "
                      "stage %u.0 (TID %u) in %u ms on h (executor 1) "
                      "(%u/%u)\n",
                   t, t < lost ? 1u : 0u, id, id * 1000 + t, ms, t + 1, n);
  slg_buf_printf(b, T " INFO DAGScheduler: ShuffleMapStage %u (count at "
                    "A.scala:%u) finished in 1.000 s\n", id, id);
}

typedef struct run {
  slg_pipeline *p;
  slg_report rep;
  slg_analysis an;
} run;

static void analyse(run *r, const char *log, const slg_thresholds *th)
{
  slg_options opt;
  slg_options_init(&opt);
  assert_int_equal(slg_pipeline_new(&r->p, &opt, NULL), 0);
  slg_pipeline_begin_file(r->p, "mem");
  slg_pipeline_feed(r->p, log, strlen(log));
  slg_pipeline_end_file(r->p, NULL);
  slg_pipeline_finish(r->p);
  slg_pipeline_report(&r->rep, r->p);
  slg_analysis_run(&r->an, r->rep.model, th, slg_report_input_kind(&r->rep));
}

static void done(run *r)
{
  slg_analysis_dispose(&r->an);
  slg_pipeline_free(r->p);
}

static size_t count_kind(const slg_analysis *a, slg_finding_kind k)
{
  size_t n = 0;
  for (size_t i = 0; i < a->nfindings; i++)
    n += a->findings[i].kind == k;
  return n;
}

static const slg_finding *find(const slg_analysis *a, slg_finding_kind k)
{
  for (size_t i = 0; i < a->nfindings; i++)
    if (a->findings[i].kind == k)
      return &a->findings[i];
  return NULL;
}

/* Four stages lose a task to the same exception, one to another: two
 * TASK_FAILURES findings, the first over four stages in order. */
static void test_findings__groups_by_cause(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT;
  slg_buf_puts(&b, T " INFO SparkContext: Running Spark version 3.5.1\n");
  for (unsigned s = 0; s < 4; s++)
    stage(&b, s, 4, 2000, 1, "java.lang.IllegalStateException");
  stage(&b, 4, 4, 2000, 1, "java.io.IOException");
  slg_thresholds th;
  slg_thresholds_init(&th);
  run r;
  analyse(&r, slg_buf_cstr(&b), &th);
  assert_int_equal(count_kind(&r.an, SLG_FINDING_TASK_FAILURES), 2);
  const slg_finding *f = find(&r.an, SLG_FINDING_TASK_FAILURES);
  assert_int_equal(f->nstages, 4);
  assert_int_equal(f->stage, 0);
  for (size_t i = 0; i < 4; i++)
    assert_int_equal(f->stages[i].stage, (int64_t)i);
  assert_non_null(strstr(f->message, "and 3 more stages like it"));
  assert_int_equal(f->nlines, 4); /* one line from each stage */
  slg_buf t = SLG_BUF_INIT;
  slg_finding_stages_text(f, 3, &t);
  assert_string_equal(slg_buf_cstr(&t), "stages 0.0, 1.0, 2.0 (+1 more)");
  slg_buf_dispose(&t);
  done(&r);
  slg_buf_dispose(&b);
}

/* 200-task stages with a 10 ms median are TINY_TASKS; next to a stage of
 * 1000 s of task time they are under 1% of the app and left out, alone
 * they are kept. A failure finding on a tiny stage is never left out. */
static void test_findings__drops_small_performance_findings(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT;
  slg_buf_puts(&b, T " INFO SparkContext: Running Spark version 3.5.1\n");
  stage(&b, 0, 200, 10, 0, NULL);
  stage(&b, 1, 200, 10, 0, NULL);
  slg_thresholds th;
  slg_thresholds_init(&th);
  run r;
  analyse(&r, slg_buf_cstr(&b), &th);
  assert_int_equal(count_kind(&r.an, SLG_FINDING_TINY_TASKS), 1);
  assert_int_equal(find(&r.an, SLG_FINDING_TINY_TASKS)->nstages, 2);
  assert_int_equal(r.an.dropped, 0);
  done(&r);

  stage(&b, 2, 10, 100000, 0, NULL); /* 1000 s of task time */
  stage(&b, 3, 4, 1, 1, "java.lang.IllegalStateException");
  analyse(&r, slg_buf_cstr(&b), &th);
  assert_int_equal(count_kind(&r.an, SLG_FINDING_TINY_TASKS), 0);
  assert_int_equal(r.an.dropped, 1);
  assert_int_equal(count_kind(&r.an, SLG_FINDING_TASK_FAILURES), 1);
  done(&r);
  slg_buf_dispose(&b);
}

/* An allow entry takes out the findings it names, the gate still fails
 * on the others, and the report can say what was taken. */
static void test_findings__allow_suppresses_one(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT;
  slg_buf_puts(&b, T " INFO SparkContext: Running Spark version 3.5.1\n");
  stage(&b, 0, 4, 2000, 1, "java.lang.IllegalStateException");
  stage(&b, 1, 4, 2000, 1, "java.lang.IllegalStateException");
  stage(&b, 2, 4, 2000, 1, "java.io.IOException");
  /* Its end is in the log: no LOG_CUT_OFF warning. */
  slg_buf_puts(&b, T " INFO SparkContext: Successfully stopped SparkContext\n");
  slg_thresholds th;
  slg_thresholds_init(&th);
  th.fail_on = SLG_SEV_WARNING;
  char err[256];
  assert_int_equal(slg_config_set(&th, "allow", 5, "task_failures@1/1", err),
                   0);
  run r;
  analyse(&r, slg_buf_cstr(&b), &th);
  assert_int_equal(r.an.nsuppressed, 1);
  assert_int_equal(count_kind(&r.an, SLG_FINDING_TASK_FAILURES), 2);
  assert_true(slg_analysis_failed(&r.an, &th));
  slg_buf s = SLG_BUF_INIT;
  slg_suppressed_sentence(&r.an, -1, &s);
  assert_string_equal(slg_buf_cstr(&s), "1 finding suppressed by the allow "
                                        "list: TASK_FAILURES@1/1.0.");
  slg_buf_dispose(&s);
  done(&r);

  assert_int_equal(slg_config_set(&th, "allow", 5, "TASK_FAILURES", err), 0);
  analyse(&r, slg_buf_cstr(&b), &th);
  assert_int_equal(r.an.nfindings, 0);
  assert_int_equal(r.an.nsuppressed, 2); /* grouped like findings */
  assert_false(slg_analysis_failed(&r.an, &th));
  done(&r);
  slg_buf_dispose(&b);
}

static void test_findings__allow_parses_and_prints(void **state)
{
  (void)state;
  static const struct {
    const char *in, *out; /* out NULL: an error */
  } cases[] = {
      {"SKEW", "SKEW"},
      {" tiny-tasks ", "TINY_TASKS"},
      {"SKEW@2", "SKEW@2"},
      {"SKEW@1/3", "SKEW@1/3"},
      {"FETCH_FAILURE@1/3.1", "FETCH_FAILURE@1/3.1"},
      {"SKEWED", NULL},
      {"SKEW@0", NULL},
      {"SKEW@", NULL},
      {"SKEW@1/", NULL},
      {"SKEW@1/3.", NULL},
      {"SKEW@1/x", NULL},
      {"SKEW@1/3 junk", NULL},
      {"", NULL},
  };
  char err[256];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    slg_allow a;
    int rc = slg_allow_parse(&a, cases[i].in, strlen(cases[i].in), err);
    if (!cases[i].out) {
      if (rc == 0)
        fail_msg("'%s' parsed", cases[i].in);
      continue;
    }
    if (rc != 0)
      fail_msg("'%s': %s", cases[i].in, err);
    slg_buf b = SLG_BUF_INIT;
    slg_allow_format(&a, &b);
    assert_string_equal(slg_buf_cstr(&b), cases[i].out);
    slg_buf_dispose(&b);
  }
  /* The config key: a list, each entry once, printed back. */
  slg_thresholds th;
  slg_thresholds_init(&th);
  assert_int_equal(slg_config_set(&th, "allow", 5, "SKEW, TINY_TASKS@1/3",
                                  err), 0);
  assert_int_equal(slg_config_set(&th, "allow", 5, "SKEW", err), 0);
  assert_int_equal(th.nallow, 2);
  assert_int_equal(slg_config_set(&th, "allow", 5, "SKEW, NOPE", err),
                   SLG_ECONFIG);
  assert_int_equal(th.nallow, 2); /* kept whole or not at all */
  slg_buf p = SLG_BUF_INIT;
  slg_config_print(&th, &p);
  assert_non_null(strstr(slg_buf_cstr(&p),
                         "\nallow = SKEW\nallow = TINY_TASKS@1/3\n"));
  slg_buf_dispose(&p);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_findings__groups_by_cause),
      cmocka_unit_test(test_findings__drops_small_performance_findings),
      cmocka_unit_test(test_findings__allow_suppresses_one),
      cmocka_unit_test(test_findings__allow_parses_and_prints),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
