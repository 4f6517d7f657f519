/*
 * render_text_engine.c - the "Engine" section of the text report: per
 * application, what the log shows of AQE's decisions, the streaming
 * batches and the PySpark workers (model/engine.h), one table row per
 * feature. Left out when no application logged any.
 */
#include <stdio.h>

#include "engine.h"
#include "format.h"
#include "render.h"

static const slg_col cols[] = {
    {"APP", SLG_COL_RIGHT, 0, 0},
    {"FEATURE", 0, 0, 0},
    {"SEEN", SLG_COL_SHRINK, 0, 30},
};

static void row(slg_table *t, slg_buf *out, size_t app, const char *feature,
                const char *seen, const char *style)
{
  char n[SLG_FMT_SIZE];
  snprintf(n, sizeof n, "%zu", app + 1);
  slg_table_cell_str(t, n, NULL);
  slg_table_cell_str(t, feature, style);
  slg_table_cell_str(t, seen, NULL);
  slg_table_row(t, out);
}

static void app_rows(slg_table *t, slg_buf *out, const slg_app *a, size_t ai)
{
  const slg_engine *e = a->engine;
  char s[256], d1[SLG_FMT_SIZE], d2[SLG_FMT_SIZE], d3[SLG_FMT_SIZE];
  if (e->aqe_lines) {
    uint64_t targets = e->aqe_by_rule[SLG_AQE_RULE_COUNT];
    if (e->coalesce_capped) {
      const slg_aqe_decision *c = &e->first_capped;
      snprintf(s, sizeof s,
               "%llu of %llu target%s capped: %s < %s advisory, line %llu",
               (unsigned long long)e->coalesce_capped,
               (unsigned long long)targets, targets == 1 ? "" : "s",
               slg_fmt_bytes((uint64_t)c->actual, d1),
               slg_fmt_bytes((uint64_t)c->advisory, d2),
               (unsigned long long)c->pos.line);
    } else {
      snprintf(s, sizeof s, "%llu line%s, %llu coalescing target%s",
               (unsigned long long)e->aqe_lines,
               e->aqe_lines == 1 ? "" : "s", (unsigned long long)targets,
               targets == 1 ? "" : "s");
    }
    row(t, out, ai, "AQE", s, NULL);
    if (e->skew_known || e->plan_changes) {
      snprintf(s, sizeof s, "%llu skewed partition%s split, %llu plan "
               "change%s",
               (unsigned long long)e->skewed_partitions,
               e->skewed_partitions == 1 ? "" : "s",
               (unsigned long long)e->plan_changes,
               e->plan_changes == 1 ? "" : "s");
      row(t, out, ai, "AQE rules", s, NULL);
    }
  }
  if (e->ss_reports) {
    int k = snprintf(s, sizeof s, "%llu micro-batch%s",
                     (unsigned long long)e->ss_reports,
                     e->ss_reports == 1 ? "" : "es");
    if (e->ss_have_id && k > 0 && (size_t)k < sizeof s)
      k += snprintf(s + k, sizeof s - (size_t)k, " (ids %llu-%llu)",
                    (unsigned long long)e->ss_min_id,
                    (unsigned long long)e->ss_max_id);
    if (e->ss_have_slowest && k > 0 && (size_t)k < sizeof s)
      snprintf(s + k, sizeof s - (size_t)k, ", slowest %s (line %llu)",
               slg_fmt_duration((double)e->ss_slowest.duration_ms, d1),
               (unsigned long long)e->ss_slowest.pos.line);
    row(t, out, ai, "streaming", s, NULL);
  }
  if (e->ss_behind) {
    snprintf(s, sizeof s,
             "%llu batch%s over the %s trigger, up to %s, line %llu",
             (unsigned long long)e->ss_behind,
             e->ss_behind == 1 ? "" : "es",
             slg_fmt_duration((double)e->ss_interval_ms, d1),
             slg_fmt_duration((double)e->ss_behind_max_ms, d2),
             (unsigned long long)e->ss_behind_first.line);
    row(t, out, ai, "behind", s, SLG_STYLE_YELLOW);
  }
  if (e->ss_runs > e->ss_nids && e->ss_ids_other == 0) {
    snprintf(s, sizeof s, "%llu run%s of %zu quer%s: %llu restart%s",
             (unsigned long long)e->ss_runs, e->ss_runs == 1 ? "" : "s",
             e->ss_nids, e->ss_nids == 1 ? "y" : "ies",
             (unsigned long long)(e->ss_runs - e->ss_nids),
             e->ss_runs - e->ss_nids == 1 ? "" : "s");
    row(t, out, ai, "queries", s, NULL);
  }
  if (e->ds_batches) {
    int k = snprintf(s, sizeof s, "%llu batch%s",
                     (unsigned long long)e->ds_batches,
                     e->ds_batches == 1 ? "" : "es");
    if (e->ds_interval_ms && k > 0 && (size_t)k < sizeof s)
      k += snprintf(s + k, sizeof s - (size_t)k, " every %s",
                    slg_fmt_duration((double)e->ds_interval_ms, d1));
    if (k > 0 && (size_t)k < sizeof s)
      k += snprintf(s + k, sizeof s - (size_t)k,
                    ", max delay %s, line %llu",
                    slg_fmt_duration((double)e->ds_max_delay_ms, d2),
                    (unsigned long long)e->ds_max_delay_pos.line);
    if (e->ds_behind && k > 0 && (size_t)k < sizeof s)
      snprintf(s + k, sizeof s - (size_t)k, "; %llu behind",
               (unsigned long long)e->ds_behind);
    row(t, out, ai, "DStreams", s, e->ds_behind ? SLG_STYLE_YELLOW : NULL);
  }
  if (e->py_count) {
    int k = snprintf(s, sizeof s, "%llu timing%s %s, boot %s, init %s",
                     (unsigned long long)e->py_count,
                     e->py_count == 1 ? "" : "s",
                     slg_fmt_duration((double)e->py_total_ms, d1),
                     slg_fmt_duration((double)e->py_boot_ms, d2),
                     slg_fmt_duration((double)e->py_init_ms, d3));
    if (a->total_task_ms > 0 && e->py_total_ms >= 0 && k > 0 && (size_t)k < sizeof s)
      snprintf(s + k, sizeof s - (size_t)k, "; %.0f%% of task time",
               100.0 * (double)e->py_total_ms / (double)a->total_task_ms);
    row(t, out, ai, "PySpark", s, NULL);
  }
}

void slg_render_text_engine(const slg_report *rep,
                            const slg_render_options *o, slg_buf *out)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  size_t any = 0;
  for (size_t i = 0; i < napps; i++)
    any += apps[i].engine != NULL;
  if (any == 0)
    return;
  slg_styled(out, o->color, SLG_STYLE_BOLD, "Engine");
  slg_buf_putc(out, '\n');
  slg_table t;
  slg_table_init(&t, cols, sizeof cols / sizeof *cols, 2,
                 o->width ? o->width : 80, o->color);
  for (int pass = 0; pass < 2; pass++) {
    if (pass) {
      slg_table_layout(&t);
      slg_table_header(&t, out);
    }
    for (size_t i = 0; i < napps; i++)
      if (apps[i].engine != NULL)
        app_rows(&t, pass ? out : NULL, &apps[i], i);
  }
  slg_table_dispose(&t);
  slg_buf_putc(out, '\n');
}
