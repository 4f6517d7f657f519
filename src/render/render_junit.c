/*
 * render_junit.c - JUnit XML, as Jenkins, GitLab and GitHub test
 * reporters read it: one testsuite "sparklog check"; one testcase per
 * check: the input (readable, has scheduler lines), each --max-* limit
 * that is set, and each finding id (failing when a finding of that id is
 * at or above --fail-on). Failures carry the evidence in their message
 * and text.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>

#include "analysis.h"
#include "escape.h"
#include "findings.h"

static int input_ok(const slg_report *rep, const slg_analysis *a,
                    const slg_thresholds *t)
{
  return slg_report_complete(rep) &&
         (a->scheduler_lines || a->apps || t->allow_empty);
}

void slg_render_junit(const slg_report *rep, const slg_render_options *o,
                      slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  slg_thresholds defaults;
  (void)o; /* one presentation only */
  const slg_thresholds *t = rep->thresholds;
  if (!t) {
    slg_thresholds_init(&defaults);
    t = &defaults;
  }
  slg_buf cases = SLG_BUF_INIT, msg = SLG_BUF_INIT;
  size_t tests = 0, failures = 0, skipped = 0;

  /* The input. */
  tests++;
  slg_buf_puts(&cases, "    <testcase name=\"input\" "
                       "classname=\"sparklog.input\" time=\"0\">\n");
  if (!input_ok(rep, a, t)) {
    failures++;
    slg_buf_clear(&msg);
    if (!slg_report_complete(rep))
      slg_buf_puts(&msg, "input could not be read completely");
    else
      slg_buf_puts(&msg, "the input shows no Spark application");
    slg_buf_puts(&cases, "      <failure message=\"");
    slg_escape_str(&cases, slg_buf_cstr(&msg), SLG_ESC_XML);
    slg_buf_puts(&cases, "\" type=\"input\"/>\n");
  }
  slg_buf_puts(&cases, "    </testcase>\n");

  for (size_t i = 0; i < SLG_CHECK_COUNT; i++) {
    const slg_check_result *c = &a->checks[i];
    if (c->limit < 0)
      continue;
    tests++;
    slg_buf_printf(&cases, "    <testcase name=\"%s\" "
                           "classname=\"sparklog.threshold\" time=\"0\">\n",
                   c->key);
    if (c->breached) {
      failures++;
      slg_buf_printf(&cases, "      <failure message=\"%s: %g exceeds the "
                             "limit %g (app %lld)\" type=\"THRESHOLD\">"
                             "worst %g, limit %g</failure>\n",
                     c->key, c->worst, c->limit, (long long)c->worst_app + 1,
                     c->worst, c->limit);
    }
    slg_buf_puts(&cases, "    </testcase>\n");
  }
  for (int k = 0; k < SLG_FINDING_COUNT; k++) {
    if (k == SLG_FINDING_THRESHOLD)
      continue; /* reported per limit above */
    tests++;
    slg_buf_printf(&cases, "    <testcase name=\"%s\" "
                           "classname=\"sparklog.finding\" time=\"0\">\n",
                   slg_finding_id((slg_finding_kind)k));
    size_t n = 0;
    slg_buf_clear(&msg);
    const slg_finding *first = NULL;
    for (size_t i = 0; i < a->nfindings; i++) {
      const slg_finding *f = &a->findings[i];
      if ((int)f->kind != k || f->severity < t->fail_on)
        continue;
      if (!first)
        first = f;
      n++;
      slg_buf_printf(&msg, "[%s] %s\n  fix: %s\n",
                     slg_severity_name(f->severity), f->message,
                     f->suggestion);
    }
    if (n) {
      failures++;
      slg_buf_puts(&cases, "      <failure message=\"");
      slg_escape_str(&cases, first->message, SLG_ESC_XML);
      if (n > 1)
        slg_buf_printf(&cases, " (and %zu more)", n - 1);
      slg_buf_printf(&cases, "\" type=\"%s\">",
                     slg_finding_id((slg_finding_kind)k));
      slg_escape_str(&cases, slg_buf_cstr(&msg), SLG_ESC_XML);
      slg_buf_puts(&cases, "</failure>\n");
    } else {
      /* Only what the allow list took out: the case is skipped, and
       * says so, rather than passed. */
      slg_buf_clear(&msg);
      slg_suppressed_sentence(a, k, &msg);
      if (msg.len) {
        skipped++;
        slg_buf_puts(&cases, "      <skipped message=\"");
        slg_escape_str(&cases, slg_buf_cstr(&msg), SLG_ESC_XML);
        slg_buf_puts(&cases, "\"/>\n");
      }
    }
    slg_buf_puts(&cases, "    </testcase>\n");
  }
  slg_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  slg_buf_printf(out, "<testsuites name=\"sparklog\" tests=\"%zu\" "
                      "failures=\"%zu\" errors=\"0\" time=\"0\">\n",
                 tests, failures);
  slg_buf_printf(out, "  <testsuite name=\"sparklog check\" tests=\"%zu\" "
                      "failures=\"%zu\" errors=\"0\" skipped=\"%zu\" "
                      "time=\"0\">\n",
                 tests, failures, skipped);
  slg_buf_put(out, cases.ptr, cases.len);
  slg_buf_puts(out, "  </testsuite>\n</testsuites>\n");
  slg_buf_dispose(&cases);
  slg_buf_dispose(&msg);
}
