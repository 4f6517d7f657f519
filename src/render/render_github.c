/*
 * render_github.c - GitHub workflow commands: the verdict first, as a
 * notice followed by the files' and applications' verdict lines when there
 * are several; then one annotation per finding ("::error title=...::
 * message"), errors before warnings before notices, at most GH_PER_TYPE of
 * each type (GitHub shows no more per step); the verdict notice counts the
 * rest.
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
/* GitHub displays at most 10 annotations of each type per step. */
#define GH_PER_TYPE 10

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
    slg_buf_printf(out, "%%0A%zu more application%s in the JSON report.",
                   shown - GH_APP_LINES,
                   shown - GH_APP_LINES == 1 ? "" : "s");
  slg_buf_dispose(&line);
}

static const char *command_of(slg_severity sev)
{
  return sev == SLG_SEV_ERROR     ? "error"
         : sev == SLG_SEV_WARNING ? "warning"
                                  : "notice";
}

static void annotation(const slg_analysis *a, const slg_finding *f,
                       slg_buf *out)
{
  slg_buf_printf(out, "::%s title=", command_of(f->severity));
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

void slg_render_github(const slg_report *rep, const slg_render_options *o,
                       slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  (void)o; /* one presentation only */
  slg_buf suppressed = SLG_BUF_INIT;
  slg_suppressed_sentence(a, -1, &suppressed);
  /* Room per type: the verdict and the suppressed sentence are notices. */
  size_t room[SLG_SEV_ERROR + 1];
  for (int sev = 0; sev <= SLG_SEV_ERROR; sev++)
    room[sev] = GH_PER_TYPE;
  room[SLG_SEV_INFO] -= 1 + (suppressed.len > 0);
  size_t more[SLG_SEV_ERROR + 1];
  for (int sev = 0; sev <= SLG_SEV_ERROR; sev++)
    more[sev] = a->by_severity[sev] > room[sev]
                    ? a->by_severity[sev] - room[sev]
                    : 0;

  slg_buf s = SLG_BUF_INIT;
  slg_verdict_sentence(rep, &s);
  slg_buf_puts(out, "::notice title=sparklog verdict::");
  slg_escape(out, s.ptr, s.len, SLG_ESC_GITHUB);
  verdict_lines(rep, out);
  if (more[SLG_SEV_ERROR] + more[SLG_SEV_WARNING] + more[SLG_SEV_INFO]) {
    slg_buf_clear(&s);
    slg_buf_puts(&s, "Not annotated (GitHub shows 10 of each type):");
    const char *sep = " ";
    static const char *const name[] = {"info finding", "warning", "error"};
    for (int sev = SLG_SEV_ERROR; sev >= 0; sev--) {
      if (!more[sev])
        continue;
      slg_buf_printf(&s, "%s%zu more %s%s", sep, more[sev], name[sev],
                     more[sev] == 1 ? "" : "s");
      sep = ", ";
    }
    slg_buf_puts(&s, "; the JSON report (--format json) has every one.");
    slg_buf_puts(out, "%0A");
    slg_escape(out, s.ptr, s.len, SLG_ESC_GITHUB);
  }
  slg_buf_putc(out, '\n');
  if (suppressed.len) {
    slg_buf_puts(out, "::notice title=sparklog suppressed::");
    slg_escape(out, suppressed.ptr, suppressed.len, SLG_ESC_GITHUB);
    slg_buf_putc(out, '\n');
  }
  for (int sev = SLG_SEV_ERROR; sev >= 0; sev--) {
    size_t shown = 0;
    for (size_t i = 0; i < a->nfindings && shown < room[sev]; i++)
      if ((int)a->findings[i].severity == sev) {
        annotation(a, &a->findings[i], out);
        shown++;
      }
  }
  slg_buf_dispose(&s);
  slg_buf_dispose(&suppressed);
}
