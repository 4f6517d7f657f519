/*
 * render_text_model.c - the model as text: the summary lines of the
 * default report, the `sparklog jobs` tree and the `sparklog stages`
 * table. Renderers only read slg_model_apps(); they write into a buffer
 * and never print.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "model_types.h"

static const char *status_color(slg_status s)
{
  switch (s) {
  case SLG_STATUS_SUCCEEDED:
    return SLG_STYLE_GREEN;
  case SLG_STATUS_FAILED:
  case SLG_STATUS_CANCELLED:
    return SLG_STYLE_RED;
  case SLG_STATUS_RUNNING:
  case SLG_STATUS_UNKNOWN:
    return SLG_STYLE_YELLOW;
  default:
    return SLG_STYLE_DIM;
  }
}

static void put_status(slg_buf *out, slg_status s, int color, int width)
{
  const char *n = slg_status_name(s);
  if (color)
    slg_buf_puts(out, status_color(s));
  slg_buf_puts(out, n);
  if (color)
    slg_buf_puts(out, SLG_STYLE_RESET);
  int pad = width - (int)strlen(n);
  if (pad > 0)
    slg_buf_fill(out, ' ', (size_t)pad);
}

typedef struct totals {
  uint64_t jobs[6], stages[6], attempts, retried_stages, skipped;
  uint64_t started, done, failed, killed, task_ms;
  uint64_t failures;
  double wall_ms;
} totals;

static void count(const slg_model *m, totals *t)
{
  size_t n;
  const slg_app *apps = slg_model_apps(m, &n);
  memset(t, 0, sizeof(*t));
  t->wall_ms = -1;
  for (size_t i = 0; i < n; i++) {
    const slg_app *a = &apps[i];
    for (size_t k = 0; k < a->njobs; k++)
      t->jobs[a->jobs[k].status]++;
    for (size_t k = 0; k < a->nstages; k++) {
      const slg_stage *s = &a->stages[k];
      if (s->nattempts == 0) {
        t->skipped++;
        continue;
      }
      t->stages[s->attempts[s->nattempts - 1].status]++;
      t->attempts += s->nattempts;
      if (s->nattempts > 1)
        t->retried_stages++;
      for (size_t q = 0; q < s->nattempts; q++) {
        const slg_task_agg *g = &s->attempts[q].tasks;
        t->started += g->started;
        t->done += g->succeeded;
        t->failed += g->failed;
        t->killed += g->killed;
        t->task_ms += g->task_ms.sum;
        if (s->attempts[q].status == SLG_STATUS_FAILED)
          t->failures++;
      }
    }
    /* Apps whose span the log cannot give add nothing; none known
     * leaves -1, shown "-" (unknown), not "0 ms". */
    if (a->start_ms >= 0 && a->end_ms >= a->start_ms)
      t->wall_ms = (t->wall_ms < 0 ? 0 : t->wall_ms) +
                   (double)(a->end_ms - a->start_ms);
  }
}

/* "Executors: 4 died (3 oom-kill, 1 heartbeat), 3 removed (2 idle, 1
 * shutdown)", over all applications; nothing when none left. */
static void executors_line(const slg_model *m, slg_buf *out, int color)
{
  size_t n;
  const slg_app *apps = slg_model_apps(m, &n);
  uint64_t by[SLG_EXEC_CLASS_COUNT] = {0};
  uint64_t deaths = 0, benign = 0;
  for (size_t i = 0; i < n; i++) {
    for (int c = 0; c < SLG_EXEC_CLASS_COUNT; c++)
      by[c] += apps[i].exec_loss[c];
    deaths += apps[i].exec_deaths;
    benign += apps[i].exec_benign;
  }
  if (deaths == 0 && benign == 0)
    return;
  slg_buf_printf(out, "  Executors: %s%llu died%s", color && deaths ?
                 SLG_STYLE_RED : "", (unsigned long long)deaths,
                 color && deaths ? SLG_STYLE_RESET : "");
  const char *sep = " (";
  for (int c = SLG_EXEC_FIRST_DEATH; c <= SLG_EXEC_LAST_DEATH; c++)
    if (by[c]) {
      slg_buf_printf(out, "%s%llu %s", sep, (unsigned long long)by[c],
                     slg_exec_class_name((slg_exec_class)c));
      sep = ", ";
    }
  slg_buf_printf(out, "%s, %llu removed", deaths ? ")" : "",
                 (unsigned long long)benign);
  sep = " (";
  for (int c = SLG_EXEC_LAST_DEATH + 1; c < SLG_EXEC_CLASS_COUNT; c++)
    if (by[c]) {
      slg_buf_printf(out, "%s%llu %s", sep, (unsigned long long)by[c],
                     slg_exec_class_name((slg_exec_class)c));
      sep = ", ";
    }
  slg_buf_puts(out, benign ? ")\n" : "\n");
}

void slg_model_render_text_summary(const slg_model *m, slg_buf *out,
                                   int color)
{
  size_t n;
  slg_model_apps(m, &n);
  if (slg_model_scheduler_lines(m) == 0) {
    slg_model_scheduler_hint(m, out);
    return;
  }
  totals t;
  count(m, &t);
  char w[32], tt[32];
  slg_fmt_duration(t.wall_ms, w);
  slg_fmt_duration((double)t.task_ms, tt);
  slg_buf_printf(out, "  Applications: %zu   wall time: %s   task time: %s\n",
                 n, w, tt);
  char c[5][SLG_FMT_SIZE];
  slg_buf_printf(out, "  Jobs: %s succeeded, %s%s failed%s, %s cancelled, ",
                 slg_fmt_count(t.jobs[SLG_STATUS_SUCCEEDED], c[0]),
                 color && t.jobs[SLG_STATUS_FAILED] ? SLG_STYLE_RED : "",
                 slg_fmt_count(t.jobs[SLG_STATUS_FAILED], c[1]),
                 color && t.jobs[SLG_STATUS_FAILED] ? SLG_STYLE_RESET : "",
                 slg_fmt_count(t.jobs[SLG_STATUS_CANCELLED], c[2]));
  slg_buf_printf(out, "%s running, %s unknown\n",
                 slg_fmt_count(t.jobs[SLG_STATUS_RUNNING], c[0]),
                 slg_fmt_count(t.jobs[SLG_STATUS_UNKNOWN], c[1]));
  slg_buf_printf(out, "  Stages: %s succeeded, %s failed, %s skipped, "
                      "%s retried (%s attempts)\n",
                 slg_fmt_count(t.stages[SLG_STATUS_SUCCEEDED], c[0]),
                 slg_fmt_count(t.stages[SLG_STATUS_FAILED] +
                                   t.stages[SLG_STATUS_CANCELLED],
                               c[1]),
                 slg_fmt_count(t.skipped, c[2]),
                 slg_fmt_count(t.retried_stages, c[3]),
                 slg_fmt_count(t.attempts, c[4]));
  slg_buf_printf(out, "  Tasks: %s started, %s done, %s failed, %s killed\n",
                 slg_fmt_count(t.started, c[0]), slg_fmt_count(t.done, c[1]),
                 slg_fmt_count(t.failed, c[2]), slg_fmt_count(t.killed, c[3]));
  if (t.failures)
    slg_buf_printf(out, "  %sFailed stage attempts: %s%s\n",
                   color ? SLG_STYLE_RED : "", slg_fmt_count(t.failures, c[0]),
                   color ? SLG_STYLE_RESET : "");
  executors_line(m, out, color);
}

static void put_tasks(slg_buf *out, const slg_task_agg *g)
{
  char p50[32], mx[32], a[32], b[32], c[32];
  slg_fmt_duration(slg_sketch_quantile(&g->task_ms, 0.5), p50);
  slg_fmt_duration(g->task_ms.count ? (double)g->task_ms.max : -1.0, mx);
  slg_buf_printf(out, "tasks %s/%s/%s  p50 %s  max %s",
                 slg_fmt_count(g->succeeded, a), slg_fmt_count(g->failed, b),
                 slg_fmt_count(g->killed, c), p50, mx);
}

/* The rows of the jobs tree, one line each (also written one by one
 * while a followed log is read: sparklog --follow). Names and ids are
 * the log's text: escaped. */
void slg_model_render_text_app_row(const slg_app *a, size_t index,
                                   slg_buf *out)
{
  slg_buf_printf(out, "app %zu: ", index + 1);
  slg_escape_str(out, a->app_name ? a->app_name : "(unnamed)",
                 SLG_ESC_TEXT);
  if (a->spark_version) {
    slg_buf_puts(out, "  Spark ");
    slg_escape_str(out, a->spark_version, SLG_ESC_TEXT);
  }
  if (a->app_id) {
    slg_buf_puts(out, "  ");
    slg_escape_str(out, a->app_id, SLG_ESC_TEXT);
  }
  slg_buf_putc(out, '\n');
}

void slg_model_render_text_job_row(const slg_job *j, slg_buf *out,
                                   int color, size_t width)
{
  char d[32];
  slg_fmt_duration(j->duration_ms, d);
  size_t start = out->len;
  slg_buf_printf(out, "  job %llu ", (unsigned long long)j->id);
  put_status(out, j->status, color, 10);
  slg_buf_printf(out, " %-10s ", d);
  /* The call site gives way, losing its middle: its start names the
   * action, its end the file and line. */
  size_t used = slg_text_width(out->ptr + start, out->len - start);
  const char *tags = j->map_stage_job && j->incomplete
                         ? " [map stage] [incomplete]"
                     : j->map_stage_job ? " [map stage]"
                     : j->incomplete    ? " [incomplete]"
                                        : "";
  size_t room = (width ? width : SLG_TEXT_WIDTH) - used - strlen(tags);
  slg_buf site = SLG_BUF_INIT;
  slg_escape(&site, j->callsite ? j->callsite : "?",
             j->callsite ? strlen(j->callsite) : 1, SLG_ESC_TEXT);
  slg_text_middle(out, site.ptr, site.len, room > 8 ? room : 8);
  slg_buf_dispose(&site);
  slg_buf_puts(out, tags);
  slg_buf_putc(out, '\n');
}

void slg_model_render_text_stage_row(const slg_stage *s,
                                     const slg_stage_attempt *t,
                                     slg_buf *out, int color, size_t width)
{
  size_t start = out->len;
  char sd[32];
  slg_fmt_duration(t->duration_ms, sd);
  slg_buf_printf(out, "    stage %llu.%u ", (unsigned long long)s->id,
                 t->attempt);
  put_status(out, t->status, color, 10);
  slg_buf_printf(out, " %-10s ", sd);
  put_tasks(out, &t->tasks);
  if (t->attempt > 0)
    slg_buf_printf(out, "  [retry: %s]",
                   slg_resubmit_name(t->resubmitted_because));
  slg_buf_putc(out, '\n');
  slg_text_fit(out, start, width);
}

void slg_model_render_text_jobs(const slg_model *m, slg_buf *out, int color,
                                size_t width)
{
  size_t n;
  const slg_app *apps = slg_model_apps(m, &n);
  if (slg_model_scheduler_lines(m) == 0) {
    slg_model_scheduler_hint(m, out);
    return;
  }
  for (size_t i = 0; i < n; i++) {
    const slg_app *a = &apps[i];
    slg_model_render_text_app_row(a, i, out);
    for (size_t k = 0; k < a->njobs; k++) {
      const slg_job *j = &a->jobs[k];
      slg_model_render_text_job_row(j, out, color, width);
      for (size_t q = 0; q < j->nstages; q++) {
        /* Hashed: a scan of the stages per job made the view quadratic
         * in stages. */
        const slg_stage *s = slg_app_stage(a, j->stages[q]);
        if (s == NULL)
          continue;
        if (s->nattempts == 0) {
          slg_buf_printf(out, "    stage %llu %s%s%s\n",
                         (unsigned long long)s->id, color ? SLG_STYLE_DIM : "",
                         "skipped", color ? SLG_STYLE_RESET : "");
          continue;
        }
        for (size_t z = 0; z < s->nattempts; z++)
          slg_model_render_text_stage_row(s, &s->attempts[z], out, color,
                                          width);
      }
    }
  }
}

/* The stages table's columns, by what matters most when the width is
 * short: the stage, its status and name stay; the task counts and
 * durations go in reverse order of use. */
static const slg_col stage_cols[] = {
    {"APP", SLG_COL_RIGHT, 6, 0},   {"STAGE", 0, 0, 0},
    {"KIND", 0, 3, 0},              {"STATUS", 0, 0, 0},
    {"DURATION", SLG_COL_RIGHT, 9, 0}, {"DONE", SLG_COL_RIGHT, 7, 0},
    {"FAILED", SLG_COL_RIGHT, 8, 0}, {"KILLED", SLG_COL_RIGHT, 2, 0},
    {"P50", SLG_COL_RIGHT, 4, 0},   {"MAX", SLG_COL_RIGHT, 5, 0},
    {"NAME", SLG_COL_SHRINK, 0, 24},
};

void slg_model_render_text_stages(const slg_model *m, slg_buf *out,
                                  int color, size_t width)
{
  size_t n;
  const slg_app *apps = slg_model_apps(m, &n);
  if (slg_model_scheduler_lines(m) == 0) {
    slg_model_scheduler_hint(m, out);
    return;
  }
  /* APP tells the stages of several applications apart; with one
   * application it goes first. */
  slg_col cols[sizeof stage_cols / sizeof *stage_cols];
  memcpy(cols, stage_cols, sizeof cols);
  cols[0].prio = n > 1 ? 0 : 1;
  slg_table tb;
  slg_table_init(&tb, cols, sizeof cols / sizeof *cols, 0, width, color);
  for (int pass = 0; pass < 2; pass++) {
    if (pass) {
      slg_table_layout(&tb);
      slg_table_header(&tb, out);
    }
    for (size_t i = 0; i < n; i++) {
      const slg_app *a = &apps[i];
      size_t nrefs;
      slg_attempt_ref *refs = slg_stage_order(a, &nrefs);
      for (size_t k = 0; k < nrefs; k++) {
        const slg_stage *s = &a->stages[refs[k].stage];
        const slg_stage_attempt *t = refs[k].attempt == SIZE_MAX
                                         ? NULL
                                         : &s->attempts[refs[k].attempt];
        char c[SLG_FMT_SIZE];
        slg_status st = t ? t->status : SLG_STATUS_SKIPPED;
        snprintf(c, sizeof c, "%zu", i + 1);
        slg_table_cell_str(&tb, c, NULL);
        snprintf(c, sizeof c, "%llu.%u", (unsigned long long)s->id,
                 t ? t->attempt : 0);
        slg_table_cell_str(&tb, c, NULL);
        slg_table_cell_str(&tb, slg_stage_kind_name(s->kind), NULL);
        slg_table_cell_str(&tb, slg_status_name(st), status_color(st));
        slg_table_cell_str(&tb, slg_fmt_duration(t ? t->duration_ms : -1, c),
                           NULL);
        slg_table_cell_str(&tb, slg_fmt_count(t ? t->tasks.succeeded : 0, c),
                           NULL);
        slg_table_cell_str(&tb, slg_fmt_count(t ? t->tasks.failed : 0, c),
                           NULL);
        slg_table_cell_str(&tb, slg_fmt_count(t ? t->tasks.killed : 0, c),
                           NULL);
        slg_table_cell_str(
            &tb,
            slg_fmt_duration(
                t ? slg_sketch_quantile(&t->tasks.task_ms, 0.5) : -1, c),
            NULL);
        slg_table_cell_str(&tb,
                           slg_fmt_duration(t && t->tasks.task_ms.count
                                                ? (double)t->tasks.task_ms.max
                                                : -1,
                                            c),
                           NULL);
        slg_table_cell_str(&tb, s->name ? s->name : "", NULL);
        slg_table_row(&tb, pass ? out : NULL);
      }
      free(refs);
    }
  }
  slg_table_dispose(&tb);
}
