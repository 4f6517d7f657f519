/*
 * render_github.c - GitHub workflow commands: one annotation per finding
 * ("::error title=...::message") and a notice with the verdict.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>

#include "analysis.h"
#include "escape.h"
#include "findings.h"

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
  slg_buf_putc(out, '\n');
  slg_buf_dispose(&s);
}
