/*
 * render_gitlab.c - GitLab's Code Quality report: a JSON array with one
 * issue per finding (description, check_name, fingerprint, severity,
 * location.path and location.lines.begin), which a merge request shows
 * as its code quality widget. The location is the finding's first
 * evidence line, else the first input file; the fingerprint is stable
 * across runs of the same log (kind, application, stages, cause, place,
 * message) so that GitLab can tell new issues from old ones.
 */
#include "render.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "escape.h"
#include "findings.h"

/* GitLab's five levels: info, minor, major, critical, blocker. */
static const char *gitlab_severity(slg_severity s)
{
  return s == SLG_SEV_ERROR     ? "critical"
         : s == SLG_SEV_WARNING ? "major"
                                : "info";
}

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x100000001b3ull;
  }
  /* A separator, so that ("ab", "c") and ("a", "bc") differ. */
  h ^= 0xff;
  return h * 0x100000001b3ull;
}

static void json_str(slg_buf *out, const char *s, size_t n)
{
  slg_buf_putc(out, '"');
  slg_escape(out, s, n, SLG_ESC_JSON);
  slg_buf_putc(out, '"');
}

static void issue(const slg_report *rep, const slg_finding *f, int first,
                  slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  slg_buf t = SLG_BUF_INIT;
  const char *path = NULL;
  uint64_t line = 1;
  if (f->nlines) {
    path = slg_report_file_path(rep, f->lines[0].file);
    line = f->lines[0].line ? f->lines[0].line : 1;
  }
  if (!path)
    path = rep->nfiles ? slg_report_file_path(rep, 0) : NULL;
  if (!path || strcmp(path, "<stdin>") == 0)
    path = "stdin";

  slg_buf_puts(out, first ? "\n  {" : ",\n  {");
  slg_buf_puts(out, "\"description\": ");
  if (a->apps > 1 && f->app >= 0)
    slg_buf_printf(&t, "app %lld: ", (long long)f->app + 1);
  slg_buf_printf(&t, "%s. Fix: %s", f->message, f->suggestion);
  json_str(out, t.ptr, t.len);
  slg_buf_printf(out, ", \"check_name\": \"sparklog/%s\"",
                 slg_finding_id(f->kind));

  uint64_t h = 0xcbf29ce484222325ull;
  const char *id = slg_finding_id(f->kind);
  h = fnv1a(h, id, strlen(id));
  const char *app_id = f->app >= 0 && (size_t)f->app < a->apps
                           ? a->app_verdicts[f->app].app_id
                           : NULL;
  char num[32];
  int n = snprintf(num, sizeof num, "%lld", (long long)f->app);
  h = app_id ? fnv1a(h, app_id, strlen(app_id)) : fnv1a(h, num, (size_t)n);
  slg_buf_clear(&t);
  slg_finding_stages_text(f, (size_t)-1, &t);
  h = fnv1a(h, t.ptr, t.len);
  if (f->cause)
    h = fnv1a(h, f->cause, strlen(f->cause));
  h = fnv1a(h, path, strlen(path));
  n = snprintf(num, sizeof num, "%" PRIu64, line);
  h = fnv1a(h, num, (size_t)n);
  h = fnv1a(h, f->message, strlen(f->message));
  slg_buf_printf(out, ", \"fingerprint\": \"%016" PRIx64 "\"", h);
  slg_buf_printf(out, ", \"severity\": \"%s\"", gitlab_severity(f->severity));
  slg_buf_puts(out, ", \"location\": {\"path\": ");
  json_str(out, path, strlen(path));
  slg_buf_printf(out, ", \"lines\": {\"begin\": %" PRIu64 "}}}", line);
  slg_buf_dispose(&t);
}

void slg_render_gitlab(const slg_report *rep, const slg_render_options *o,
                       slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  (void)o; /* one presentation only */
  slg_buf_putc(out, '[');
  for (size_t i = 0; i < a->nfindings; i++)
    issue(rep, &a->findings[i], i == 0, out);
  slg_buf_puts(out, a->nfindings ? "\n]\n" : "]\n");
}
