/*
 * render_text_budget.c - the "Time" section (issue 24): where each
 * application's wall time went, and the longest silences in which the
 * driver worked alone, named by the line before them; and the verdict's
 * sentence when the driver alone took a large share of a run.
 */
#include "render.h"

#include <stdio.h>
#include <string.h>

#include "time_budget.h"

/* Applications listed, and silences named, at most. */
#define TIME_APPS 10
#define TIME_GAPS 3
#define TIME_GAP_POOL 32 /* the longest looked at for those 3 */
/* The verdict speaks of the driver alone from this share and time on. */
#define DRIVER_SHARE 30
#define DRIVER_MS 60000

static void cell_duration(slg_table *t, int64_t ms, int64_t wall)
{
  char d[SLG_FMT_SIZE], s[2 * SLG_FMT_SIZE];
  if (ms <= 0) {
    slg_table_cell_str(t, "-", SLG_STYLE_DIM);
    return;
  }
  slg_fmt_duration((double)ms, d);
  if (wall > 0)
    snprintf(s, sizeof s, "%s %2d%%", d,
             (int)((ms * 100 + wall / 2) / wall));
  else
    snprintf(s, sizeof s, "%s", d);
  slg_table_cell_str(t, s, NULL);
}

static const slg_col app_cols[] = {
    {"APP", SLG_COL_RIGHT, 0, 0},     {"WALL", SLG_COL_RIGHT, 0, 0},
    {"START-UP", SLG_COL_RIGHT, 0, 0}, {"RUNNING", SLG_COL_RIGHT, 0, 0},
    {"PENDING", SLG_COL_RIGHT, 1, 0}, {"DRIVER", SLG_COL_RIGHT, 0, 0},
    {"SHUTDOWN", SLG_COL_RIGHT, 2, 0}, {"AFTER", SLG_COL_RIGHT, 3, 0},
};

static void app_row(slg_table *t, slg_buf *out, size_t ai,
                    const slg_time_budget *b)
{
  char n[SLG_FMT_SIZE], d[SLG_FMT_SIZE];
  snprintf(n, sizeof n, "%zu", ai + 1);
  slg_table_cell_str(t, n, NULL);
  slg_table_cell_str(t, slg_fmt_duration((double)b->wall_ms, d), NULL);
  cell_duration(t, b->startup_ms, b->wall_ms);
  cell_duration(t, b->running_ms, b->wall_ms);
  cell_duration(t, b->pending_ms, b->wall_ms);
  cell_duration(t, b->driver_only_ms, b->wall_ms);
  cell_duration(t, b->shutdown_ms, b->wall_ms);
  cell_duration(t, b->after_stop_ms, b->wall_ms);
  slg_table_row(t, out);
}

/* The report's longest driver-only gaps, of all applications. */
typedef struct gap_ref {
  const slg_budget_gap *g;
  size_t app;
} gap_ref;

static size_t longest_gaps(const slg_report *rep, gap_ref *top, size_t max)
{
  size_t napps, n = 0;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  for (size_t ai = 0; ai < napps; ai++) {
    slg_time_budget b;
    slg_time_budget_of(&b, &apps[ai]);
    if (b.null_reason != NULL)
      continue;
    for (size_t k = 0; k < b.b->gaps.n; k++) {
      const slg_budget_gap *g = &b.b->gaps.top[k];
      size_t i = n < max ? n++ : max;
      if (i == max && g->ms <= top[max - 1].g->ms)
        break;
      if (i == max)
        i--;
      while (i > 0 && top[i - 1].g->ms < g->ms) {
        top[i] = top[i - 1];
        i--;
      }
      top[i].g = g;
      top[i].app = ai;
    }
  }
  return n;
}

/* The streaming query's idle silences among an application's longest. */
static size_t idle_silences(const slg_app *app)
{
  slg_time_budget b;
  slg_time_budget_of(&b, app);
  size_t n = 0;
  for (size_t k = 0; b.null_reason == NULL && k < b.b->gaps.n; k++)
    n += b.b->gaps.top[k].streaming_idle != 0;
  return n;
}

static void where(const slg_report *rep, slg_pos p, char *buf, size_t n)
{
  const char *path = slg_report_file_path(rep, p.file);
  const char *base = path ? strrchr(path, '/') : NULL;
  snprintf(buf, n, "%s:%llu", base ? base + 1 : path ? path : "-",
           (unsigned long long)p.line);
}

void slg_render_text_time(const slg_report *rep, const slg_render_options *o,
                          slg_buf *out)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  size_t shown = 0, more = 0;
  for (size_t ai = 0; ai < napps; ai++) {
    slg_time_budget b;
    slg_time_budget_of(&b, &apps[ai]);
    if (b.null_reason == NULL && b.wall_ms > 0)
      shown < TIME_APPS ? shown++ : more++;
  }
  if (shown == 0)
    return;
  size_t width = o->width ? o->width : SLG_TEXT_WIDTH;
  slg_styled(out, o->color, SLG_STYLE_BOLD, "Time");
  slg_buf_putc(out, '\n');
  slg_table t;
  slg_table_init(&t, app_cols, sizeof app_cols / sizeof *app_cols, 2, width,
                 o->color);
  for (int pass = 0; pass < 2; pass++) {
    if (pass) {
      slg_table_layout(&t);
      slg_table_header(&t, out);
    }
    size_t k = 0;
    for (size_t ai = 0; ai < napps && k < TIME_APPS; ai++) {
      slg_time_budget b;
      slg_time_budget_of(&b, &apps[ai]);
      if (b.null_reason != NULL || b.wall_ms <= 0)
        continue;
      app_row(&t, pass ? out : NULL, ai, &b);
      k++;
    }
  }
  slg_table_dispose(&t);
  if (more)
    slg_buf_printf(out, "  ... %zu more application%s (JSON: time_budget)\n",
                   more, more == 1 ? "" : "s");
  slg_buf_printf(out, "  %s\n",
                 "DRIVER: no task running or waiting; AFTER: after the "
                 "context stopped");
  /* The longest silences; a streaming query's idle ones repeat the same
   * line, so each application's are told once, the longest, with how
   * many more of them its list holds. */
  gap_ref top[TIME_GAP_POOL];
  size_t ng = longest_gaps(rep, top, TIME_GAP_POOL);
  slg_buf line = SLG_BUF_INIT;
  size_t told = 0;
  for (size_t i = 0; i < ng && told < TIME_GAPS; i++) {
    const slg_budget_gap *g = top[i].g;
    size_t idle_more = 0;
    if (g->streaming_idle) {
      int seen = 0;
      for (size_t k = 0; k < i; k++)
        seen |= top[k].app == top[i].app && top[k].g->streaming_idle;
      if (seen)
        continue;
      idle_more = idle_silences(&apps[top[i].app]) - 1;
    }
    char d[SLG_FMT_SIZE], at[256];
    where(rep, g->before, at, sizeof at);
    slg_buf_clear(&line);
    slg_buf_printf(&line, "%s of the driver alone%s (app %zu) after %s: %s",
                   slg_fmt_duration((double)g->ms, d),
                   g->streaming_idle ? ", a streaming query idle" : "",
                   top[i].app + 1, at,
                   g->before_text ? g->before_text : "");
    if (idle_more)
      slg_buf_printf(&line, " (and %zu more such silence%s)", idle_more,
                     idle_more == 1 ? "" : "s");
    slg_text_wrap_hang(out, slg_buf_cstr(&line), 2, 4, width);
    told++;
  }
  slg_buf_dispose(&line);
}

void slg_time_verdict_sentence(const slg_report *rep, slg_buf *out)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  int64_t wall = 0, drv = 0;
  for (size_t ai = 0; ai < napps; ai++) {
    slg_time_budget b;
    slg_time_budget_of(&b, &apps[ai]);
    if (b.null_reason != NULL)
      continue;
    wall += b.wall_ms;
    drv += b.driver_only_ms;
  }
  if (wall <= 0 || drv < DRIVER_MS || drv * 100 < wall * DRIVER_SHARE)
    return;
  gap_ref top[1];
  char d[SLG_FMT_SIZE], at[256];
  int pct = (int)((drv * 100 + wall / 2) / wall);
  size_t ng = longest_gaps(rep, top, 1);
  if (ng == 1 && top[0].g->streaming_idle) {
    /* Not driver work: a streaming query waiting for data. */
    slg_buf_printf(out, "For %d%% of the run no task ran nor waited, a "
                        "streaming query idle for new data.", pct);
    return;
  }
  slg_buf_printf(out, "%d%% of the run was the driver working alone", pct);
  if (ng == 1) {
    where(rep, top[0].g->before, at, sizeof at);
    slg_buf_printf(out, "; the longest gap, %s, followed \"%s\" (%s)",
                   slg_fmt_duration((double)top[0].g->ms, d),
                   top[0].g->before_text ? top[0].g->before_text : "", at);
  }
  slg_buf_puts(out, ".");
}
