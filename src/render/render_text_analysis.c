/*
 * render_text_analysis.c - the analysis as text: the verdict, the
 * shuffle-stage ranking, the findings and the check's limits.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "escape.h"
#include "findings.h"
#include "outcome.h"

void slg_render_text_verdict(const slg_report *rep,
                             const slg_render_options *o, slg_buf *out)
{
  slg_buf s = SLG_BUF_INIT;
  slg_verdict_sentence(rep, &s);
  slg_buf drv = SLG_BUF_INIT;
  slg_time_verdict_sentence(rep, &drv);
  if (drv.len) {
    slg_buf_putc(&s, ' ');
    slg_buf_puts(&s, slg_buf_cstr(&drv));
  }
  slg_buf_dispose(&drv);
  const slg_analysis *a = rep->analysis;
  const char *style = a->failed_apps || a->jobs_failed ? SLG_STYLE_RED
                      : !a->scheduler_lines             ? SLG_STYLE_YELLOW
                                                        : SLG_STYLE_GREEN;
  slg_styled(out, o->color, SLG_STYLE_BOLD, "Verdict");
  slg_buf_putc(out, '\n');
  slg_buf wrapped = SLG_BUF_INIT;
  slg_text_wrap(&wrapped, slg_buf_cstr(&s), 2, o->width);
  slg_styled(out, o->color, style, slg_buf_cstr(&wrapped));
  slg_buf_dispose(&wrapped);
  slg_buf_dispose(&s);
  /* Many applications: only the first ones' lines (every one that did
   * not succeed still has its line); many files: their table below. */
  size_t limit = o->top ? o->top : 15;
  slg_render_text_app_lines_limit(rep, out, limit, o->width);
  if (rep->nfiles > 1) {
    slg_buf_putc(out, '\n');
    slg_render_text_files(rep, o, out, limit);
  }
}

void slg_render_text_app_lines(const slg_report *rep, slg_buf *out,
                               size_t width)
{
  slg_render_text_app_lines_limit(rep, out, 0, width);
}

void slg_render_text_app_lines_limit(const slg_report *rep, slg_buf *out,
                                     size_t limit, size_t width)
{
  const slg_analysis *a = rep->analysis;
  if (!slg_verdict_has_lines(rep))
    return;
  /* In input order; with several files each line names its file (the
   * files' own verdicts are the table of files). */
  int named = rep->nfiles > 1;
  size_t hidden = 0, hidden_ok = 0, listed = 0, napps = 0;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  int many = limit && a->apps > limit;
  slg_buf line = SLG_BUF_INIT;
  for (size_t i = 0; i < a->apps; i++) {
    slg_outcome oc = a->outcomes ? a->outcomes[i].outcome
                                 : SLG_OUTCOME_UNKNOWN;
    /* Past the limit only what went wrong keeps its line: a success or
     * an application with nothing to judge is counted. Among many, one
     * with nothing to judge that ran no job (a JVM's first lines, a
     * context stopped at once) is counted from the first. */
    int quiet = oc == SLG_OUTCOME_SUCCEEDED || oc == SLG_OUTCOME_UNKNOWN;
    int idle = many && oc == SLG_OUTCOME_UNKNOWN && i < napps &&
               apps[i].njobs == 0;
    if (limit && quiet && (listed >= limit || idle)) {
      hidden++;
      hidden_ok += oc == SLG_OUTCOME_SUCCEEDED;
      continue;
    }
    listed++;
    slg_buf_clear(&line);
    if (named)
      slg_app_verdict_line_named(rep, i, &line);
    else
      slg_app_verdict_line(rep, i, &line);
    slg_text_wrap_hang(out, slg_buf_cstr(&line), 2, 6, width);
  }
  if (hidden) {
    slg_buf_printf(out, "  ... %zu more application%s (%zu succeeded",
                   hidden, hidden == 1 ? "" : "s", hidden_ok);
    if (hidden > hidden_ok)
      slg_buf_printf(out, ", %zu unknown", hidden - hidden_ok);
    slg_buf_puts(out, "); `sparklog jobs` lists all\n");
  }
  slg_buf_dispose(&line);
}

/* The files table's columns: which file, and how it went, stay. */
static const slg_col file_cols[] = {
    {"FILE", SLG_COL_SHRINK, 0, 24},  {"KIND", 0, 5, 0},
    {"APPS", SLG_COL_RIGHT, 3, 0},    {"OUTCOME", 0, 0, 0},
    {"FAILED JOBS", SLG_COL_RIGHT, 6, 0}, {"TASK TIME", SLG_COL_RIGHT, 4, 0},
    {"WORST FINDING", SLG_COL_SHRINK, 7, 20},
};

void slg_render_text_files(const slg_report *rep,
                           const slg_render_options *o, slg_buf *out,
                           size_t limit)
{
  if (rep->nfiles < 2)
    return;
  slg_file_row *rows = slg_file_rows(rep);
  size_t n = limit && limit < rep->nfiles ? limit : rep->nfiles;
  char tmp[96], c[32];
  if (n < rep->nfiles)
    snprintf(tmp, sizeof tmp, "Files (worst %zu of %zu)", n, rep->nfiles);
  else
    snprintf(tmp, sizeof tmp, "Files (%zu, worst first)", rep->nfiles);
  slg_styled(out, o->color, SLG_STYLE_BOLD, tmp);
  slg_buf_putc(out, '\n');
  slg_table t;
  slg_table_init(&t, file_cols, sizeof file_cols / sizeof *file_cols, 2,
                 o->width, o->color);
  for (int pass = 0; pass < 2; pass++) {
    if (pass) {
      slg_table_layout(&t);
      slg_table_header(&t, out);
    }
    for (size_t k = 0; k < n; k++) {
      const slg_file_row *r = &rows[k];
      slg_table_cell_str(&t, rep->files[r->file].path, NULL);
      slg_table_cell_str(&t, r->kind, NULL);
      slg_table_cell_str(&t, slg_fmt_count(r->apps, c), NULL);
      slg_table_cell_str(&t,
                         r->outcome < 0
                             ? "-"
                             : slg_outcome_name((slg_outcome)r->outcome),
                         NULL);
      slg_table_cell_str(&t, r->apps ? slg_fmt_count(r->jobs_failed, c) : "-",
                         NULL);
      slg_table_cell_str(
          &t, r->apps ? slg_fmt_duration((double)r->task_ms, c) : "-", NULL);
      if (r->worst)
        snprintf(tmp, sizeof tmp, "%s (%s)", slg_finding_id(r->worst->kind),
                 slg_severity_name(r->worst->severity));
      slg_table_cell_str(&t, r->worst ? tmp : "-", NULL);
      slg_table_row(&t, pass ? out : NULL);
    }
  }
  slg_table_dispose(&t);
  if (n < rep->nfiles)
    slg_buf_printf(out, "  %zu more file%s\n", rep->nfiles - n,
                   rep->nfiles - n == 1 ? "" : "s");
  free(rows);
}

/* The ranking's columns: which stage, its cost and why stay; the
 * detail behind the cost gives way on a narrow terminal. */
static const slg_col rank_cols[] = {
    {"RANK", SLG_COL_RIGHT, 0, 0},      {"APP", SLG_COL_RIGHT, 1, 0},
    {"STAGE", 0, 0, 0},                 {"JOB", SLG_COL_RIGHT, 5, 0},
    {"TASKS", SLG_COL_RIGHT, 4, 0},     {"WALL", SLG_COL_RIGHT, 10, 0},
    {"TASK TIME", SLG_COL_RIGHT, 0, 0}, {"SHARE", SLG_COL_RIGHT, 11, 0},
    {"P50", SLG_COL_RIGHT, 2, 0},       {"MAX", SLG_COL_RIGHT, 3, 0},
    {"SKEW", SLG_COL_RIGHT, 8, 0},      {"FAIL", SLG_COL_RIGHT, 7, 0},
    {"FETCH", SLG_COL_RIGHT, 6, 0},     {"REASONS", 0, 0, 0},
    {"NAME", SLG_COL_SHRINK, 12, 24},
};

void slg_render_text_ranking(const slg_report *rep,
                             const slg_render_options *o, slg_buf *out,
                             size_t limit)
{
  const slg_analysis *a = rep->analysis;
  size_t rows = limit && limit < a->nranking ? limit : a->nranking;
  char tmp[128];
  /* One ranking over the whole input; APP is the application's number of
   * the verdict's lines, which name its file. */
  const char *per = slg_ranking_spans_apps(a) ? ", all applications" : "";
  if (limit && rows < a->nranking)
    snprintf(tmp, sizeof tmp, "Costliest shuffle stages%s (top %zu of %zu)",
             per, rows, a->nranking);
  else
    snprintf(tmp, sizeof tmp, "Shuffle stages by cost%s (%zu)", per,
             a->nranking);
  slg_styled(out, o->color, SLG_STYLE_BOLD, tmp);
  slg_buf_putc(out, '\n');
  if (!rows) {
    slg_buf_puts(out, "  no shuffle stage ran\n");
    return;
  }
  /* APP tells stages of several applications apart (each has its stage
   * 0): it stays then; with one application it goes first. */
  slg_col cols[sizeof rank_cols / sizeof *rank_cols];
  memcpy(cols, rank_cols, sizeof cols);
  cols[1].prio = slg_ranking_spans_apps(a) ? 0 : 1;
  slg_table tb;
  slg_table_init(&tb, cols, sizeof cols / sizeof *cols, 2, o->width,
                 o->color);
  slg_buf reasons = SLG_BUF_INIT;
  for (int pass = 0; pass < 2; pass++) {
    if (pass) {
      slg_table_layout(&tb);
      slg_table_header(&tb, out);
    }
    for (size_t i = 0; i < rows; i++) {
      const slg_ranked *r = &a->ranking[i];
      const slg_stage_attempt *t = r->attempt;
      char c[SLG_FMT_SIZE];
      snprintf(c, sizeof c, "%u", r->rank);
      slg_table_cell_str(&tb, c, NULL);
      snprintf(c, sizeof c, "%zu", r->app + 1);
      slg_table_cell_str(&tb, c, NULL);
      snprintf(c, sizeof c, "%llu.%u", (unsigned long long)r->stage->id,
               t->attempt);
      slg_table_cell_str(&tb, c, NULL);
      if (r->stage->njobs)
        snprintf(c, sizeof c, "%llu", (unsigned long long)r->stage->jobs[0]);
      slg_table_cell_str(&tb, r->stage->njobs ? c : "-", NULL);
      slg_table_cell_str(&tb, slg_fmt_count(t->tasks.succeeded, c), NULL);
      slg_table_cell_str(&tb, slg_fmt_duration(r->wall_ms, c), NULL);
      slg_table_cell_str(&tb, slg_fmt_duration(r->task_ms, c), NULL);
      snprintf(c, sizeof c, "%.1f%%", r->share * 100);
      slg_table_cell_str(&tb, c, NULL);
      slg_table_cell_str(&tb, slg_fmt_duration(r->p50, c), NULL);
      slg_table_cell_str(&tb, slg_fmt_duration(r->max, c), NULL);
      if (r->skew >= 0)
        snprintf(c, sizeof c, "%.1f", r->skew);
      slg_table_cell_str(&tb, r->skew >= 0 ? c : "-", NULL);
      slg_table_cell_str(&tb, slg_fmt_count(t->tasks.failed, c), NULL);
      slg_table_cell_str(&tb, slg_fmt_count(slg_fetch_failures(t), c), NULL);
      slg_buf_clear(&reasons);
      const char *sep = "";
      for (int k = 0; k < SLG_FINDING_COUNT; k++)
        if (r->reasons & (1u << k)) {
          slg_buf_printf(&reasons, "%s%s", sep,
                         slg_reason_words((slg_finding_kind)k));
          sep = ", ";
        }
      slg_table_cell_str(&tb, *sep ? slg_buf_cstr(&reasons) : "-", NULL);
      slg_table_cell_str(&tb, r->stage->name ? r->stage->name : "", NULL);
      slg_table_row(&tb, pass ? out : NULL);
    }
  }
  slg_buf_dispose(&reasons);
  slg_table_dispose(&tb);
}

static int finding_has_place(const slg_finding *f)
{
  return f->app >= 0 || f->stage >= 0 || f->job >= 0;
}

static void finding_where(slg_buf *out, const slg_finding *f)
{
  if (f->app >= 0)
    slg_buf_printf(out, "app %lld", (long long)f->app + 1);
  if (f->nstages) {
    slg_buf_putc(out, ' ');
    slg_finding_stages_text(f, 3, out);
  } else if (f->stage >= 0) {
    slg_buf_printf(out, " stage %lld.%lld", (long long)f->stage,
                   (long long)f->attempt);
  }
  if (f->job >= 0)
    slg_buf_printf(out, " (job %lld)", (long long)f->job);
}

/*
 * Findings alike across applications or stages are shown once: the same
 * kind, severity, cause, fix and message but for its numbers (line, job,
 * stage numbers). group_of[i] is the index of the first finding of i's
 * group; found through a hash of that key, so linear in findings.
 */
static void mask_digits(const char *s, slg_buf *out)
{
  for (; s && *s; s++) {
    if (*s >= '0' && *s <= '9') {
      while (s[1] >= '0' && s[1] <= '9')
        s++;
      slg_buf_putc(out, '#');
    } else {
      slg_buf_putc(out, *s);
    }
  }
}

static size_t *group_findings(const slg_analysis *a)
{
  size_t n = a->nfindings;
  size_t *group_of = slg_xmalloc((n ? n : 1) * sizeof *group_of);
  size_t cap = 16;
  while (cap < 2 * n)
    cap *= 2;
  size_t *slot = slg_xmalloc(cap * sizeof *slot); /* finding + 1, 0 free */
  memset(slot, 0, cap * sizeof *slot);
  char **keys = slg_xcalloc(n ? n : 1, sizeof *keys);
  slg_buf k = SLG_BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    const slg_finding *f = &a->findings[i];
    slg_buf_clear(&k);
    slg_buf_printf(&k, "%d %d ", (int)f->kind, (int)f->severity);
    mask_digits(f->cause, &k);
    slg_buf_putc(&k, '\x1f');
    mask_digits(f->suggestion, &k);
    slg_buf_putc(&k, '\x1f');
    mask_digits(f->message, &k);
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t b = 0; b < k.len; b++)
      h = (h ^ (unsigned char)k.ptr[b]) * 0x100000001b3ull;
    size_t s = (size_t)h & (cap - 1);
    while (slot[s] && strcmp(keys[slot[s] - 1], slg_buf_cstr(&k)) != 0)
      s = (s + 1) & (cap - 1);
    if (!slot[s]) {
      slot[s] = i + 1;
      keys[i] = slg_xstrndup(k.ptr, k.len);
    }
    group_of[i] = slot[s] - 1;
  }
  for (size_t i = 0; i < n; i++)
    free(keys[i]);
  free(keys);
  free(slot);
  slg_buf_dispose(&k);
  return group_of;
}

/* The places of the findings like `lead` after it, each with its first
 * evidence line: "the same in 5 more places: app 3 at line 266, app 5
 * stage 2.0 at line 448, ... (+3 more)". */
#define TEXT_ALIKE_SHOWN 6

static void alike_line(const slg_report *rep, const size_t *group_of,
                       size_t lead, size_t count, slg_buf *out, size_t width)
{
  const slg_analysis *a = rep->analysis;
  slg_buf t = SLG_BUF_INIT;
  slg_buf_printf(&t, "the same in %zu more place%s: ", count,
                 count == 1 ? "" : "s");
  size_t shown = 0;
  for (size_t i = lead + 1; i < a->nfindings && shown < TEXT_ALIKE_SHOWN;
       i++)
    if (group_of[i] == lead) {
      if (shown++)
        slg_buf_puts(&t, ", ");
      const slg_finding *f = &a->findings[i];
      finding_where(&t, f);
      if (f->nlines && f->lines[0].file < rep->nfiles) {
        if (rep->nfiles > 1)
          slg_buf_printf(&t, " at %s:%llu", rep->files[f->lines[0].file].path,
                         (unsigned long long)f->lines[0].line);
        else
          slg_buf_printf(&t, " at line %llu",
                         (unsigned long long)f->lines[0].line);
      }
    }
  if (count > shown)
    slg_buf_printf(&t, " (+%zu more)", count - shown);
  slg_text_wrap(out, slg_buf_cstr(&t), 6, width);
  slg_buf_dispose(&t);
}

void slg_render_text_findings(const slg_report *rep,
                              const slg_render_options *o, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  char tmp[64];
  size_t *group_of = group_findings(a);
  size_t *members = slg_xcalloc(a->nfindings ? a->nfindings : 1,
                                sizeof *members);
  size_t ngroups = 0;
  for (size_t i = 0; i < a->nfindings; i++) {
    ngroups += group_of[i] == i;
    members[group_of[i]]++;
  }
  if (ngroups < a->nfindings)
    snprintf(tmp, sizeof tmp, "Findings (%zu, %zu distinct)", a->nfindings,
             ngroups);
  else
    snprintf(tmp, sizeof tmp, "Findings (%zu)", a->nfindings);
  slg_styled(out, o->color, SLG_STYLE_BOLD, tmp);
  slg_buf_putc(out, '\n');
  slg_buf left = SLG_BUF_INIT;
  slg_suppressed_sentence(a, -1, &left);
  if (a->dropped) {
    if (left.len)
      slg_buf_putc(&left, ' ');
    slg_buf_printf(&left, "%zu performance finding%s left out: %s stages' "
                          "task time is under 1%% of the application's "
                          "(or 1 s).",
                   a->dropped, a->dropped == 1 ? "" : "s",
                   a->dropped == 1 ? "its" : "their");
  }
  if (!a->nfindings) {
    if (!left.len)
      slg_buf_puts(out, "  none: no skew, failures, retries, lost "
                        "executors or partitioning problems were seen\n");
    else
      slg_text_wrap(out, slg_buf_cstr(&left), 2, o->width);
    slg_buf_dispose(&left);
    free(group_of);
    free(members);
    return;
  }
  /* The default report shows --top groups; the commands that list
   * findings (check, shuffles) show every group. */
  size_t limit = o->view == SLG_VIEW_REPORT && o->top ? o->top : ngroups;
  size_t shown = 0, hidden = 0;
  for (size_t i = 0; i < a->nfindings; i++) {
    const slg_finding *f = &a->findings[i];
    if (group_of[i] != i)
      continue;
    if (shown == limit) {
      hidden += members[i];
      continue;
    }
    shown++;
    const char *style = f->severity == SLG_SEV_ERROR     ? SLG_STYLE_RED
                        : f->severity == SLG_SEV_WARNING ? SLG_STYLE_YELLOW
                                                         : SLG_STYLE_CYAN;
    snprintf(tmp, sizeof tmp, "%-7s", slg_severity_name(f->severity));
    slg_buf_puts(out, "  ");
    slg_styled(out, o->color, style, tmp);
    /* The id padded to its column only when a place follows it (a
     * finding of the whole input has none: no blanks at the line's end). */
    if (finding_has_place(f)) {
      slg_buf_printf(out, " %-18s ", slg_finding_id(f->kind));
      finding_where(out, f);
    } else {
      slg_buf_printf(out, " %s", slg_finding_id(f->kind));
    }
    slg_buf_putc(out, '\n');
    slg_text_wrap(out, f->message, 6, o->width);
    slg_buf_puts(out, "      fix:\n");
    slg_text_wrap(out, f->suggestion, 8, o->width);
    if (f->nlines) {
      /* One input: its line numbers (the Input section names it);
       * several: each file:line, a long path losing its middle. A
       * position repeated (one line giving several facts) is shown
       * once. */
      slg_buf ev = SLG_BUF_INIT, path = SLG_BUF_INIT;
      size_t pathw = (o->width ? o->width : SLG_TEXT_WIDTH) / 2;
      slg_buf_puts(out, "      lines:");
      for (size_t l = 0; l < f->nlines; l++) {
        const slg_pos *pos = &f->lines[l];
        if (l && pos->file == f->lines[l - 1].file &&
            pos->line == f->lines[l - 1].line)
          continue;
        slg_buf_clear(&ev);
        if (rep->nfiles > 1) {
          slg_buf_clear(&path);
          slg_escape_str(&path,
                         pos->file < rep->nfiles ? rep->files[pos->file].path
                                                 : "?",
                         SLG_ESC_TEXT);
          slg_text_middle(&ev, path.ptr, path.len, pathw);
          slg_buf_putc(&ev, ':');
        }
        slg_buf_printf(&ev, "%llu", (unsigned long long)pos->line);
        slg_buf_puts(out, l ? ", " : " ");
        slg_buf_put(out, ev.ptr, ev.len);
      }
      slg_buf_putc(out, '\n');
      slg_buf_dispose(&ev);
      slg_buf_dispose(&path);
    }
    if (members[i] > 1)
      alike_line(rep, group_of, i, members[i] - 1, out, o->width);
  }
  if (hidden)
    slg_buf_printf(out, "  %zu more finding%s (--top, or --format json, "
                        "shows them)\n",
                   hidden, hidden == 1 ? "" : "s");
  free(group_of);
  free(members);
  if (left.len)
    slg_text_wrap(out, slg_buf_cstr(&left), 2, o->width);
  slg_buf_dispose(&left);
}

static const slg_col check_cols[] = {
    {"RESULT", 0, 0, 0},
    {"CHECK", 0, 0, 0},
    {"WORST", SLG_COL_RIGHT, 0, 0},
    {"LIMIT", SLG_COL_RIGHT, 0, 0},
};

void slg_render_text_checks(const slg_report *rep,
                            const slg_render_options *o, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  slg_styled(out, o->color, SLG_STYLE_BOLD, "Checks");
  slg_buf_putc(out, '\n');
  int any = 0;
  slg_table t;
  slg_table_init(&t, check_cols, sizeof check_cols / sizeof *check_cols, 2,
                 o->width, o->color);
  for (int pass = 0; pass < 2; pass++) {
    if (pass && any) {
      slg_table_layout(&t);
      slg_table_header(&t, out);
    }
    for (size_t i = 0; i < SLG_CHECK_COUNT; i++) {
      const slg_check_result *c = &a->checks[i];
      if (c->limit < 0)
        continue;
      any = 1;
      char worst[32], limit[32];
      if (c->worst_app < 0) /* nothing measured: "-", as every unknown */
        strcpy(worst, "-");
      else
        snprintf(worst, sizeof worst, "%g", c->worst);
      snprintf(limit, sizeof limit, "%g", c->limit);
      slg_table_cell_str(&t, c->breached ? "FAIL" : "ok",
                         c->breached ? SLG_STYLE_RED : NULL);
      slg_table_cell_str(&t, c->key, NULL);
      slg_table_cell_str(&t, worst, NULL);
      slg_table_cell_str(&t, limit, NULL);
      slg_table_row(&t, pass ? out : NULL);
    }
  }
  slg_table_dispose(&t);
  if (!any)
    slg_buf_puts(out, "  no --max-* limits set; findings alone decide\n");
}
