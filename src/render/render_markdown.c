/*
 * render_markdown.c - a Markdown summary for GitHub's step summary, kept
 * well under its 1 MiB cap: a heading naming the input, the verdict, the
 * costliest shuffle stages and the findings (with their fix and evidence
 * lines) as tables.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "escape.h"
#include "findings.h"

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

/* The files' and applications' verdict lines as a list, applications
 * nested under their file when there are several files; at most
 * MD_APP_LINES applications (the JSON report has every one). */
#define MD_APP_LINES 50

static void verdict_lines(const slg_report *rep, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  if (!slg_verdict_has_lines(rep))
    return;
  int by_file = rep->nfiles > 1;
  size_t shown = 0;
  slg_buf line = SLG_BUF_INIT;
  for (size_t f = 0; f < rep->nfiles; f++) {
    if (by_file) {
      slg_buf_clear(&line);
      slg_file_verdict_line(rep, f, &line);
      slg_buf_puts(out, "- ");
      md_cell(out, slg_buf_cstr(&line), 600);
      slg_buf_putc(out, '\n');
    }
    for (size_t i = 0; i < a->apps; i++) {
      if (a->app_verdicts[i].file != f || shown++ >= MD_APP_LINES)
        continue;
      slg_buf_clear(&line);
      slg_app_verdict_line(rep, i, &line);
      slg_buf_puts(out, by_file ? "  - " : "- ");
      md_cell(out, slg_buf_cstr(&line), 600);
      slg_buf_putc(out, '\n');
    }
  }
  if (shown > MD_APP_LINES)
    slg_buf_printf(out, "\n%zu more application%s in the JSON report.\n",
                   shown - MD_APP_LINES,
                   shown - MD_APP_LINES == 1 ? "" : "s");
  slg_buf_putc(out, '\n');
  slg_buf_dispose(&line);
}

/* What the heading names: the one input ("stdin" for standard input), or
 * how many files there were. */
static void heading(const slg_report *rep, slg_buf *out)
{
  slg_buf_puts(out, "## sparklog");
  if (rep->nfiles == 1) {
    const char *p = slg_report_file_path(rep, 0);
    slg_buf_puts(out, ": ");
    md_cell(out, p == NULL || strcmp(p, "<stdin>") == 0 ? "stdin" : p, 300);
  } else if (rep->nfiles > 1) {
    slg_buf_printf(out, ": %zu files", rep->nfiles);
  }
  slg_buf_puts(out, "\n\n");
}

/* A finding's evidence lines: "file:84, 100" (just "line 84, 100" when
 * the input is one file), at most MD_EVIDENCE of them. */
#define MD_EVIDENCE 3

static void evidence_cell(const slg_report *rep, const slg_finding *f,
                          slg_buf *out)
{
  slg_buf t = SLG_BUF_INIT;
  size_t n = f->nlines < MD_EVIDENCE ? f->nlines : MD_EVIDENCE;
  for (size_t i = 0; i < n; i++) {
    const char *p = slg_report_file_path(rep, f->lines[i].file);
    if (i)
      slg_buf_puts(&t, ", ");
    if (i && f->lines[i].file == f->lines[i - 1].file)
      slg_buf_printf(&t, "%llu", (unsigned long long)f->lines[i].line);
    else if (rep->nfiles > 1 && p)
      slg_buf_printf(&t, "%s:%llu", strcmp(p, "<stdin>") == 0 ? "stdin" : p,
                     (unsigned long long)f->lines[i].line);
    else
      slg_buf_printf(&t, "line %llu", (unsigned long long)f->lines[i].line);
  }
  if (f->nlines > n)
    slg_buf_printf(&t, " (+%zu)", f->nlines - n);
  md_cell(out, slg_buf_cstr(&t), 600);
  slg_buf_dispose(&t);
}

void slg_render_markdown(const slg_report *rep, const slg_render_options *o,
                         slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  char d1[32], d2[32];
  slg_buf s = SLG_BUF_INIT;
  slg_verdict_sentence(rep, &s);
  heading(rep, out);
  if (o->view == SLG_VIEW_CHECK && rep->thresholds) {
    /* The text report's closing line, in bold. */
    slg_buf_puts(out, "**");
    slg_gate_sentence(rep, out);
    slg_buf_printf(out, "** (fail on %s)\n\n",
                   slg_severity_name(rep->thresholds->fail_on));
  }
  md_cell(out, slg_buf_cstr(&s), 2000);
  slg_buf_puts(out, "\n\n");
  slg_buf_dispose(&s);
  verdict_lines(rep, out);
  /* Caps keep the summary far below GitHub's 1 MiB per step. */
  size_t rows = a->nranking < 10 ? a->nranking : 10;
  if (rows) {
    slg_buf_puts(out, "| rank | app | stage | job | tasks | wall | task time "
                      "| share | skew | reasons | call site |\n"
                      "|---:|---:|---|---:|---:|---:|---:|---:|---:|---|"
                      "---|\n");
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
      slg_buf_printf(out, "\n%zu more shuffle stage%s in the JSON report.\n",
                     a->nranking - rows, a->nranking - rows == 1 ? "" : "s");
    slg_buf_putc(out, '\n');
  }
  size_t nf = a->nfindings < 50 ? a->nfindings : 50;
  if (nf) {
    slg_buf_puts(out, "| severity | finding | where | message | fix | "
                      "evidence |\n"
                      "|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < nf; i++) {
      const slg_finding *f = &a->findings[i];
      slg_buf_printf(out, "| %s | %s | ", slg_severity_name(f->severity),
                     slg_finding_id(f->kind));
      if (f->app >= 0)
        slg_buf_printf(out, "app %lld", (long long)f->app + 1);
      if (f->nstages) {
        slg_buf_putc(out, ' ');
        slg_finding_stages_text(f, 3, out);
      }
      slg_buf_puts(out, " | ");
      md_cell(out, f->message, 300);
      slg_buf_puts(out, " | ");
      md_cell(out, f->suggestion ? f->suggestion : "", 300);
      slg_buf_puts(out, " | ");
      evidence_cell(rep, f, out);
      slg_buf_puts(out, " |\n");
    }
    if (a->nfindings > nf)
      slg_buf_printf(out, "\n%zu more finding%s in the JSON report.\n",
                     a->nfindings - nf, a->nfindings - nf == 1 ? "" : "s");
  } else {
    slg_buf_puts(out, "No findings.\n");
  }
  slg_buf left = SLG_BUF_INIT;
  slg_suppressed_sentence(a, -1, &left);
  if (left.len) {
    slg_buf_putc(out, '\n');
    md_cell(out, slg_buf_cstr(&left), 2000);
    slg_buf_putc(out, '\n');
  }
  slg_buf_dispose(&left);
}
