/*
 * render_markdown.c - a Markdown summary for GitHub's step summary, kept
 * under its 1 MiB cap (every part is capped, and slg_render_markdown
 * cuts what still passes SLG_MD_MAX): a heading naming the input, the
 * verdict, the costliest shuffle stages and the findings (with their fix
 * and evidence lines) as tables, and a Mermaid gantt of the costliest
 * jobs and stage attempts.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "escape.h"
#include "findings.h"
#include "model_types.h"

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
 * MD_FILE_LINES files and MD_APP_LINES applications (the JSON report has
 * every one). */
#define MD_APP_LINES 50
#define MD_FILE_LINES 50

static void verdict_lines(const slg_report *rep, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  if (!slg_verdict_has_lines(rep))
    return;
  int by_file = rep->nfiles > 1;
  size_t shown = 0;
  slg_buf line = SLG_BUF_INIT;
  for (size_t f = 0; f < rep->nfiles; f++) {
    if (by_file && f == MD_FILE_LINES)
      break; /* the rest counted below */
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
  if (by_file && rep->nfiles > MD_FILE_LINES)
    slg_buf_printf(out, "\n%zu more file%s in the JSON report.\n",
                   rep->nfiles - MD_FILE_LINES,
                   rep->nfiles - MD_FILE_LINES == 1 ? "" : "s");
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

/*
 * The timeline: a Mermaid gantt of the costliest jobs, by wall time, and
 * stage attempts, by task time (the work a stage cost the cluster, what
 * tuning saves), GANTT_JOBS jobs at most and stage attempts up to
 * GANTT_BARS bars in all (jobs fill what stages leave); one section per
 * application, bars in the order they started, failed ones marked
 * "crit". Bars need dated times: a log whose times have no date (a
 * time-only layout) gets a note instead, one without timed jobs or
 * stages nothing.
 */
#define GANTT_BARS 50
#define GANTT_JOBS 10
#define GANTT_LABEL 60 /* bytes of a call site kept in a label */

typedef struct bar {
  size_t app;
  const slg_job *job;             /* or */
  const slg_stage *stage;         /* and its */
  const slg_stage_attempt *attempt;
  int64_t start_ms, end_ms;
  double cost;                    /* wall ms (jobs), task ms (stages) */
} bar;

static int dated(const slg_time *t)
{
  return (t->flags & SLG_TIME_HAS_DATE) && (t->flags & SLG_TIME_HAS_TIME);
}

/* Costliest first; ties by start, then app order: the same input
 * always gives the same bars. */
static int by_cost(const void *pa, const void *pb)
{
  const bar *a = pa, *b = pb;
  if (a->cost != b->cost)
    return a->cost > b->cost ? -1 : 1;
  if (a->start_ms != b->start_ms)
    return a->start_ms < b->start_ms ? -1 : 1;
  return a->app < b->app ? -1 : a->app > b->app;
}

static int by_start(const void *pa, const void *pb)
{
  const bar *a = pa, *b = pb;
  if (a->app != b->app)
    return a->app < b->app ? -1 : 1;
  if (a->start_ms != b->start_ms)
    return a->start_ms < b->start_ms ? -1 : 1;
  /* A job before its stages; stages by id. */
  if ((a->job != NULL) != (b->job != NULL))
    return a->job ? -1 : 1;
  uint64_t ia = a->job ? a->job->id : a->stage->id;
  uint64_t ib = b->job ? b->job->id : b->stage->id;
  return ia < ib ? -1 : ia > ib;
}

static void gantt_time(slg_buf *out, const slg_time *t)
{
  slg_buf_printf(out, "%04u-%02u-%02u %02u:%02u:%02u.%03u", t->year,
                 t->month, t->day, t->hour, t->minute, t->second,
                 (t->flags & SLG_TIME_HAS_MS) ? t->millisecond : 0u);
}

/* A label's log text: escaped for Mermaid, at most GANTT_LABEL bytes of
 * it, cut at a character. */
static void gantt_text(slg_buf *out, const char *s)
{
  slg_buf tmp = SLG_BUF_INIT;
  slg_escape_str(&tmp, s, SLG_ESC_TEXT);
  size_t n = tmp.len;
  if (n > GANTT_LABEL) {
    n = GANTT_LABEL;
    while (n > 0 && ((unsigned char)tmp.ptr[n] & 0xC0) == 0x80)
      n--;
  }
  slg_escape(out, tmp.ptr, n, SLG_ESC_MERMAID);
  if (tmp.len > GANTT_LABEL)
    slg_buf_puts(out, "...");
  slg_buf_dispose(&tmp);
}

/* Keeps the `keep` costliest of v[from, n) of one kind at v[from..]. */
static size_t costliest(bar *v, size_t from, size_t n, size_t keep)
{
  qsort(v + from, n - from, sizeof *v, by_cost);
  return n - from < keep ? n - from : keep;
}

static void gantt(const slg_report *rep, slg_buf *out)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  size_t njobs = 0, nattempts = 0, undated = 0;
  for (size_t i = 0; i < napps; i++) {
    njobs += apps[i].njobs;
    for (size_t k = 0; k < apps[i].nstages; k++)
      nattempts += apps[i].stages[k].nattempts;
  }
  if (njobs + nattempts == 0)
    return;
  bar *jobs = slg_xcalloc(njobs ? njobs : 1, sizeof *jobs);
  bar *stages = slg_xcalloc(nattempts ? nattempts : 1, sizeof *stages);
  size_t nj = 0, ns = 0;
  for (size_t i = 0; i < napps; i++) {
    const slg_app *a = &apps[i];
    for (size_t k = 0; k < a->njobs; k++) {
      const slg_job *j = &a->jobs[k];
      if (j->start_ms < 0 || j->end_ms < j->start_ms)
        continue;
      if (!dated(&j->start) || !dated(&j->end)) {
        undated++;
        continue;
      }
      jobs[nj++] = (bar){i, j, NULL, NULL, j->start_ms, j->end_ms,
                         (double)(j->end_ms - j->start_ms)};
    }
    for (size_t k = 0; k < a->nstages; k++)
      for (size_t q = 0; q < a->stages[k].nattempts; q++) {
        const slg_stage_attempt *t = &a->stages[k].attempts[q];
        if (t->start_ms < 0 || t->end_ms < t->start_ms)
          continue;
        if (!dated(&t->start) || !dated(&t->end)) {
          undated++;
          continue;
        }
        stages[ns++] = (bar){i, NULL, &a->stages[k], t, t->start_ms,
                             t->end_ms, (double)t->tasks.task_ms.sum};
      }
  }
  if (nj + ns == 0) {
    if (undated)
      slg_buf_puts(out, "\nNo timeline: the log's times have no date.\n");
    free(jobs);
    free(stages);
    return;
  }
  /* The stage attempts first (what tuning saves), GANTT_JOBS jobs for
   * the outline; either fills what the other leaves. */
  size_t kj = costliest(jobs, 0, nj, GANTT_JOBS);
  size_t ks = costliest(stages, 0, ns, GANTT_BARS - kj);
  if (kj + ks < GANTT_BARS)
    kj = costliest(jobs, 0, nj, GANTT_BARS - ks);
  bar *v = slg_xcalloc(kj + ks, sizeof *v);
  memcpy(v, jobs, kj * sizeof *v);
  memcpy(v + kj, stages, ks * sizeof *v);
  qsort(v, kj + ks, sizeof *v, by_start);
  slg_buf_printf(out, "\nTimeline: %zu of %zu job%s (the longest) and %zu "
                      "of %zu stage attempt%s (the most task time).\n\n",
                 kj, nj, nj == 1 ? "" : "s", ks, ns, ns == 1 ? "" : "s");
  slg_buf_puts(out, "```mermaid\ngantt\n"
                    "  dateFormat YYYY-MM-DD HH:mm:ss.SSS\n"
                    "  axisFormat %H:%M:%S\n");
  char d[SLG_FMT_SIZE];
  size_t section = (size_t)-1;
  for (size_t i = 0; i < kj + ks; i++) {
    const bar *b = &v[i];
    if (b->app != section) {
      section = b->app;
      slg_buf_printf(out, "  section app %zu", b->app + 1);
      if (apps[b->app].app_name) {
        slg_buf_puts(out, " ");
        gantt_text(out, apps[b->app].app_name);
      }
      slg_buf_putc(out, '\n');
    }
    slg_status st;
    const slg_time *t0, *t1;
    if (b->job) {
      slg_buf_printf(out, "  job %llu", (unsigned long long)b->job->id);
      if (b->job->callsite) {
        slg_buf_puts(out, " ");
        gantt_text(out, b->job->callsite);
      }
      st = b->job->status;
      t0 = &b->job->start;
      t1 = &b->job->end;
    } else {
      slg_buf_printf(out, "  stage %llu.%u (%s of tasks)",
                     (unsigned long long)b->stage->id, b->attempt->attempt,
                     slg_fmt_duration(b->cost, d));
      if (b->stage->name) {
        slg_buf_puts(out, " ");
        gantt_text(out, b->stage->name);
      }
      st = b->attempt->status;
      t0 = &b->attempt->start;
      t1 = &b->attempt->end;
    }
    slg_buf_puts(out, " :");
    if (st == SLG_STATUS_FAILED)
      slg_buf_puts(out, "crit, ");
    gantt_time(out, t0);
    slg_buf_puts(out, ", ");
    gantt_time(out, t1);
    slg_buf_putc(out, '\n');
  }
  slg_buf_puts(out, "```\n");
  free(v);
  free(jobs);
  free(stages);
}

/*
 * Every part above is capped: heading, verdict and notes (2000 bytes of
 * text each, at most 5 bytes escaped per byte: "&amp;"), 50 file and 50
 * application lines (600), 10 ranking rows, 50 findings (300, 300, 600)
 * and 50 bars come to well under 1 MiB. A summary that still passes
 * SLG_MD_MAX (a part added without its cap) is cut at the last blank
 * line before it, which never falls inside a table or the timeline's
 * block (they hold none), and says so.
 */
static void cap_markdown(slg_buf *out, size_t start)
{
  static const char note[] = "\nThe summary is cut here at GitHub's 1 MiB "
                             "limit; the JSON report has all of it.\n";
  if (out->len - start <= SLG_MD_MAX)
    return;
  size_t cut = start + SLG_MD_MAX - (sizeof note - 1);
  while (cut > start + 1 &&
         !(out->ptr[cut - 1] == '\n' && out->ptr[cut - 2] == '\n'))
    cut--;
  out->len = cut;
  slg_buf_puts(out, note + 1);
}

void slg_render_markdown(const slg_report *rep, const slg_render_options *o,
                         slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  size_t start = out->len;
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
  gantt(rep, out);
  cap_markdown(out, start);
}
