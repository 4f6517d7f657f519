/*
 * render_ci.c - the formats CI systems read: JUnit XML (Jenkins, GitLab
 * and GitHub test reporters), a Markdown summary (GitHub's step summary,
 * kept well under its 1 MiB cap) and GitHub workflow commands
 * ("::error title=...::message").
 *
 * JUnit: one testsuite "sparklog check"; one testcase per check: the input
 * (readable, has scheduler lines), each --max-* limit that is set, and
 * each finding id (failing when a finding of that id is at or above
 * --fail-on). Failures carry the evidence in their message and text.
 */
#include <stdio.h>
#include <stdlib.h>

#include "analysis.h"
#include "escape.h"
#include "render.h"

static int input_ok(const slg_report *rep, const slg_analysis *a,
                    const slg_thresholds *t)
{
  return slg_report_complete(rep) && (a->scheduler_lines || t->allow_empty);
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
  size_t tests = 0, failures = 0;

  /* The input. */
  tests++;
  slg_buf_puts(&cases, "    <testcase name=\"input\" classname=\"sparklog.input\" "
                       "time=\"0\">\n");
  if (!input_ok(rep, a, t)) {
    failures++;
    slg_buf_clear(&msg);
    if (!slg_report_complete(rep))
      slg_buf_puts(&msg, "input could not be read completely");
    else
      slg_buf_puts(&msg, "the input has no scheduler lines");
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
    }
    slg_buf_puts(&cases, "    </testcase>\n");
  }
  slg_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  slg_buf_printf(out, "<testsuites name=\"sparklog\" tests=\"%zu\" "
                      "failures=\"%zu\" errors=\"0\" time=\"0\">\n",
                 tests, failures);
  slg_buf_printf(out, "  <testsuite name=\"sparklog check\" tests=\"%zu\" "
                      "failures=\"%zu\" errors=\"0\" skipped=\"0\" "
                      "time=\"0\">\n",
                 tests, failures);
  slg_buf_put(out, cases.ptr, cases.len);
  slg_buf_puts(out, "  </testsuite>\n</testsuites>\n");
  slg_buf_dispose(&cases);
  slg_buf_dispose(&msg);
}

/* A Markdown table cell: at most `max` bytes of the text, cut at a
 * character, then "...". */
static void md_cell(slg_buf *b, const char *s, size_t max)
{
  slg_buf tmp = SLG_BUF_INIT;
  slg_escape_str(&tmp, s, SLG_ESC_TEXT);
  size_t n = tmp.len;
  if (n > max) {
    n = max;
    while (n > 0 && ((unsigned char)tmp.ptr[n] & 0xC0) == 0x80)
      n--;
  }
  slg_escape(b, tmp.ptr, n, SLG_ESC_MARKDOWN);
  if (tmp.len > max)
    slg_buf_puts(b, "...");
  slg_buf_dispose(&tmp);
}

void slg_render_markdown(const slg_report *rep, const slg_render_options *o,
                         slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  char d1[32], d2[32];
  slg_buf s = SLG_BUF_INIT;
  slg_verdict_sentence(rep, &s);
  slg_buf_puts(out, "## sparklog\n\n");
  if (o->view == SLG_VIEW_CHECK && rep->thresholds)
    slg_buf_printf(out, "**Check: %s** (fail on %s)\n\n",
                   slg_analysis_failed(a, rep->thresholds) ? "FAILED" : "passed",
                   slg_severity_name(rep->thresholds->fail_on));
  md_cell(out, slg_buf_cstr(&s), 2000);
  slg_buf_puts(out, "\n\n");
  slg_buf_dispose(&s);
  /* Caps keep the summary far below GitHub's 1 MiB per step. */
  size_t rows = a->nranking < 10 ? a->nranking : 10;
  if (rows) {
    slg_buf_puts(out, "| rank | app | stage | job | tasks | wall | task time "
                      "| share | skew | reasons | call site |\n"
                      "|---:|---:|---|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (size_t i = 0; i < rows; i++) {
      const slg_ranked *r = &a->ranking[i];
      slg_buf_printf(out, "| %u | %zu | %llu.%u | ", r->rank, r->app + 1,
                     (unsigned long long)r->stage->id, r->attempt->attempt);
      if (r->stage->njobs)
        slg_buf_printf(out, "%llu", (unsigned long long)r->stage->jobs[0]);
      slg_buf_printf(out, " | %llu | %s | %s | %.1f%% | ",
                     (unsigned long long)r->attempt->tasks.succeeded,
                     slg_fmt_duration(r->wall_ms, d1),
                     slg_fmt_duration(r->task_ms, d2), r->share * 100);
      if (r->skew >= 0)
        slg_buf_printf(out, "%.1f", r->skew);
      slg_buf_puts(out, " | ");
      const char *sep = "";
      for (int k = 0; k < SLG_FINDING_COUNT; k++)
        if (r->reasons & (1u << k)) {
          slg_buf_printf(out, "%s%s", sep, slg_finding_id((slg_finding_kind)k));
          sep = ", ";
        }
      slg_buf_puts(out, " | ");
      md_cell(out, r->stage->name ? r->stage->name : "", 80);
      slg_buf_puts(out, " |\n");
    }
    if (a->nranking > rows)
      slg_buf_printf(out, "\n%zu more shuffle stages in the JSON report.\n",
                     a->nranking - rows);
    slg_buf_putc(out, '\n');
  }
  size_t nf = a->nfindings < 50 ? a->nfindings : 50;
  if (nf) {
    slg_buf_puts(out, "| severity | finding | where | message |\n"
                      "|---|---|---|---|\n");
    for (size_t i = 0; i < nf; i++) {
      const slg_finding *f = &a->findings[i];
      slg_buf_printf(out, "| %s | %s | ", slg_severity_name(f->severity),
                     slg_finding_id(f->kind));
      if (f->app >= 0)
        slg_buf_printf(out, "app %lld", (long long)f->app + 1);
      if (f->stage >= 0)
        slg_buf_printf(out, " stage %lld.%lld", (long long)f->stage,
                       (long long)f->attempt);
      slg_buf_puts(out, " | ");
      md_cell(out, f->message, 300);
      slg_buf_puts(out, " |\n");
    }
    if (a->nfindings > nf)
      slg_buf_printf(out, "\n%zu more findings in the JSON report.\n",
                     a->nfindings - nf);
  } else {
    slg_buf_puts(out, "No findings.\n");
  }
}

void slg_render_github(const slg_report *rep, const slg_render_options *o,
                       slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  (void)o; /* one presentation only */
  for (size_t i = 0; i < a->nfindings; i++) {
    const slg_finding *f = &a->findings[i];
    const char *cmd = f->severity == SLG_SEV_ERROR     ? "error"
                      : f->severity == SLG_SEV_WARNING ? "warning"
                                                       : "notice";
    slg_buf_printf(out, "::%s title=", cmd);
    slg_buf tmp = SLG_BUF_INIT;
    slg_buf_printf(&tmp, "sparklog %s", slg_finding_id(f->kind));
    if (f->stage >= 0)
      slg_buf_printf(&tmp, " stage %lld.%lld", (long long)f->stage,
                     (long long)f->attempt);
    slg_escape(out, tmp.ptr, tmp.len, SLG_ESC_GITHUB_PROPERTY);
    slg_buf_puts(out, "::");
    slg_buf_clear(&tmp);
    slg_buf_printf(&tmp, "%s. Fix: %s", f->message, f->suggestion);
    slg_escape(out, tmp.ptr, tmp.len, SLG_ESC_GITHUB);
    slg_buf_putc(out, '\n');
    slg_buf_dispose(&tmp);
  }
  slg_buf s = SLG_BUF_INIT;
  slg_verdict_sentence(rep, &s);
  slg_buf_puts(out, "::notice title=sparklog verdict::");
  slg_escape(out, s.ptr, s.len, SLG_ESC_GITHUB);
  slg_buf_putc(out, '\n');
  slg_buf_dispose(&s);
}
