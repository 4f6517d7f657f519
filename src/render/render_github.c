/*
 * render_github.c - GitHub workflow commands: one annotation per finding
 * ("::error title=...::message") and a notice with the verdict, followed
 * by the files' and applications' verdict lines when there are several.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>

#include "analysis.h"
#include "escape.h"
#include "findings.h"

/* The files' and applications' verdict lines, each on a line of the
 * verdict notice ("%0A" is a workflow command's newline); at most
 * GH_APP_LINES applications, the JSON report has every one. */
#define GH_APP_LINES 50

static void verdict_lines(const slg_report *rep, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  if (!slg_verdict_has_lines(rep))
    return;
  slg_buf line = SLG_BUF_INIT;
  size_t shown = 0;
  for (size_t f = 0; f < rep->nfiles; f++) {
    if (rep->nfiles > 1) {
      slg_buf_clear(&line);
      slg_file_verdict_line(rep, f, &line);
      slg_buf_puts(out, "%0A");
      slg_escape(out, line.ptr, line.len, SLG_ESC_GITHUB);
    }
    for (size_t i = 0; i < a->apps; i++) {
      if (a->app_verdicts[i].file != f || shown++ >= GH_APP_LINES)
        continue;
      slg_buf_clear(&line);
      slg_app_verdict_line(rep, i, &line);
      slg_buf_puts(out, rep->nfiles > 1 ? "%0A  " : "%0A");
      slg_escape(out, line.ptr, line.len, SLG_ESC_GITHUB);
    }
  }
  if (shown > GH_APP_LINES)
    slg_buf_printf(out, "%%0A%zu more applications in the JSON report.",
                   shown - GH_APP_LINES);
  slg_buf_dispose(&line);
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
    if (a->apps > 1 && f->app >= 0)
      slg_buf_printf(&tmp, " app %lld", (long long)f->app + 1);
    if (f->nstages) {
      slg_buf_putc(&tmp, ' ');
      slg_finding_stages_text(f, 3, &tmp);
    }
    slg_escape(out, tmp.ptr, tmp.len, SLG_ESC_GITHUB_PROPERTY);
    slg_buf_puts(out, "::");
    slg_buf_clear(&tmp);
    slg_buf_printf(&tmp, "%s. Fix: %s", f->message, f->suggestion);
    slg_escape(out, tmp.ptr, tmp.len, SLG_ESC_GITHUB);
    slg_buf_putc(out, '\n');
    slg_buf_dispose(&tmp);
  }
  slg_buf s = SLG_BUF_INIT;
  slg_suppressed_sentence(a, -1, &s);
  if (s.len) {
    slg_buf_puts(out, "::notice title=sparklog suppressed::");
    slg_escape(out, s.ptr, s.len, SLG_ESC_GITHUB);
    slg_buf_putc(out, '\n');
    slg_buf_clear(&s);
  }
  slg_verdict_sentence(rep, &s);
  slg_buf_puts(out, "::notice title=sparklog verdict::");
  slg_escape(out, s.ptr, s.len, SLG_ESC_GITHUB);
  verdict_lines(rep, out);
  slg_buf_putc(out, '\n');
  slg_buf_dispose(&s);
}
