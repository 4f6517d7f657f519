/*
 * render_junit.c - JUnit XML, as Jenkins, GitLab and GitHub test
 * reporters read it: one testsuite "sparklog check"; one testcase per
 * check: the input (readable, has scheduler lines), each --max-* limit
 * that is set, and each finding id (failing when a finding of that id is
 * at or above --fail-on); then one testsuite per input file with one
 * testcase per application (failing when a finding of the application is
 * at or above --fail-on; the message is its root cause). Failures carry
 * the evidence in their message and text.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "escape.h"
#include "findings.h"
#include "outcome.h"

/* Element text of several lines: each line through the XML escaper
 * (which makes a newline U+FFFD, as in every context), the newlines kept
 * between them. */
static void put_lines(slg_buf *out, const char *s, size_t n)
{
  const char *end = s + n;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
    slg_escape(out, s, len, SLG_ESC_XML);
    if (!nl)
      break;
    slg_buf_putc(out, '\n');
    s = nl + 1;
  }
}

static int input_ok(const slg_report *rep, const slg_analysis *a,
                    const slg_thresholds *t)
{
  return slg_report_complete(rep) &&
         (a->scheduler_lines || a->apps || t->allow_empty);
}

/* One application's testcase: it fails when a finding of the
 * application is at or above --fail-on; the failure's message is its root
 * cause when it failed or was killed, else its first such finding, and
 * its text the application's verdict line and those findings. */
static size_t app_case(const slg_report *rep, const slg_thresholds *t,
                       size_t app, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  const slg_app_verdict *v = &a->app_verdicts[app];
  const slg_app_outcome *o = a->outcomes ? &a->outcomes[app] : NULL;
  slg_buf name = SLG_BUF_INIT, msg = SLG_BUF_INIT, text = SLG_BUF_INIT;
  slg_buf_printf(&name, "app %zu", v->seq);
  if (v->app_id)
    slg_buf_printf(&name, " (%s)", v->app_id);
  slg_buf_puts(out, "    <testcase name=\"");
  slg_escape(out, name.ptr, name.len, SLG_ESC_XML);
  slg_buf_puts(out, "\" classname=\"sparklog.app\" time=\"0\">\n");
  const slg_finding *first = NULL;
  slg_app_verdict_line(rep, app, &text);
  for (size_t i = 0; i < a->nfindings; i++) {
    const slg_finding *f = &a->findings[i];
    if (f->app != (int64_t)app || f->severity < t->fail_on)
      continue;
    if (!first)
      first = f;
    slg_buf_printf(&text, "\n[%s] %s: %s", slg_severity_name(f->severity),
                   slg_finding_id(f->kind), f->message);
  }
  int stopped = o && (o->outcome == SLG_OUTCOME_FAILED ||
                      o->outcome == SLG_OUTCOME_KILLED);
  if (first) {
    if (stopped && o->has_cause)
      slg_root_cause_sentence(rep, &o->cause, &msg);
    else
      slg_buf_printf(&msg, "%s: %s", slg_finding_id(first->kind),
                     first->message);
    slg_buf_puts(out, "      <failure message=\"");
    slg_escape(out, msg.ptr, msg.len, SLG_ESC_XML);
    slg_buf_printf(out, "\" type=\"%s\">",
                   stopped ? slg_outcome_name(o->outcome)
                           : slg_finding_id(first->kind));
    put_lines(out, text.ptr, text.len);
    slg_buf_puts(out, "</failure>\n");
  } else {
    slg_buf_puts(out, "      <system-out>");
    put_lines(out, text.ptr, text.len);
    slg_buf_puts(out, "</system-out>\n");
  }
  slg_buf_puts(out, "    </testcase>\n");
  slg_buf_dispose(&name);
  slg_buf_dispose(&msg);
  slg_buf_dispose(&text);
  return first != NULL;
}

/* The host of the driver of the first application of file `f` that
 * names one ("BlockManagerId(driver, HOST, ...)"), NULL when none does. */
static const char *driver_host(const slg_report *rep, size_t f)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  for (size_t i = 0; i < napps; i++) {
    if (apps[i].file != f)
      continue;
    for (size_t e = 0; e < apps[i].nexecutors; e++)
      if (apps[i].executors[e].host &&
          strcmp(apps[i].executors[e].id, "driver") == 0)
        return apps[i].executors[e].host;
  }
  return NULL;
}

/* A file suite's attributes after its name: the file (not for stdin),
 * the time of its first record as the suite's timestamp when the log
 * gives a date, and the driver's host, each omitted when unknown. */
static void suite_attributes(const slg_report *rep, size_t f, slg_buf *out)
{
  const char *path = slg_report_file_path(rep, (uint32_t)f);
  if (path && strcmp(path, "<stdin>") != 0) {
    slg_buf_puts(out, "\" file=\"");
    slg_escape_str(out, path, SLG_ESC_XML);
  }
  const slg_time *t = &rep->files[f].first;
  char iso[32];
  size_t n = (t->flags & SLG_TIME_HAS_DATE) && (t->flags & SLG_TIME_HAS_TIME)
                 ? slg_time_format(t, iso)
                 : 0;
  if (n) {
    slg_buf_puts(out, "\" timestamp=\"");
    slg_escape(out, iso, n, SLG_ESC_XML);
  }
  const char *host = driver_host(rep, f);
  if (host) {
    slg_buf_puts(out, "\" hostname=\"");
    slg_escape_str(out, host, SLG_ESC_XML);
  }
}

/* One testsuite per input file, named by its path ("stdin" for standard
 * input), with its verdict line as its output and one testcase per
 * application that starts in it. */
static void app_suites(const slg_report *rep, const slg_thresholds *t,
                       slg_buf *out, size_t *tests, size_t *failures)
{
  const slg_analysis *a = rep->analysis;
  if (!a->apps)
    return;
  slg_buf cases = SLG_BUF_INIT, line = SLG_BUF_INIT;
  for (size_t f = 0; f < rep->nfiles; f++) {
    size_t n = 0, failed = 0;
    slg_buf_clear(&cases);
    for (size_t i = 0; i < a->apps; i++)
      if (a->app_verdicts[i].file == f) {
        n++;
        failed += app_case(rep, t, i, &cases);
      }
    const char *path = slg_report_file_path(rep, (uint32_t)f);
    slg_buf_puts(out, "  <testsuite name=\"");
    slg_escape_str(out,
                   path == NULL                   ? "?"
                   : strcmp(path, "<stdin>") == 0 ? "stdin"
                                                  : path,
                   SLG_ESC_XML);
    suite_attributes(rep, f, out);
    slg_buf_printf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
                        "skipped=\"0\" time=\"0\">\n",
                   n, failed);
    slg_buf_put(out, cases.ptr, cases.len);
    slg_buf_clear(&line);
    slg_file_verdict_line(rep, f, &line);
    slg_buf_puts(out, "    <system-out>");
    slg_escape(out, line.ptr, line.len, SLG_ESC_XML);
    slg_buf_puts(out, "</system-out>\n  </testsuite>\n");
    *tests += n;
    *failures += failed;
  }
  slg_buf_dispose(&cases);
  slg_buf_dispose(&line);
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
      put_lines(&cases, msg.ptr, msg.len);
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
  slg_buf apps = SLG_BUF_INIT;
  size_t app_tests = 0, app_failures = 0;
  app_suites(rep, t, &apps, &app_tests, &app_failures);
  slg_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  slg_buf_printf(out, "<testsuites name=\"sparklog\" tests=\"%zu\" "
                      "failures=\"%zu\" errors=\"0\" time=\"0\">\n",
                 tests + app_tests, failures + app_failures);
  slg_buf_printf(out, "  <testsuite name=\"sparklog check\" tests=\"%zu\" "
                      "failures=\"%zu\" errors=\"0\" skipped=\"%zu\" "
                      "time=\"0\">\n",
                 tests, failures, skipped);
  slg_buf_put(out, cases.ptr, cases.len);
  slg_buf_puts(out, "  </testsuite>\n");
  slg_buf_put(out, apps.ptr, apps.len);
  slg_buf_puts(out, "</testsuites>\n");
  slg_buf_dispose(&apps);
  slg_buf_dispose(&cases);
  slg_buf_dispose(&msg);
}
