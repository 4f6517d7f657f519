/*
 * render_json_budget.c - an application's "time_budget" object (issue
 * 24): the parts of its wall time, the lines that bound them, the longest
 * driver-only gaps and periods and the longest pending waits. One writer
 * for the JSON document and the ndjson `app` object.
 */
#include "render_json.h"
#include "time_budget.h"

static void jkey_i64(slg_json *j, const char *key, int64_t v)
{
  slg_json_key(j, key);
  slg_json_i64(j, v);
}

/* {"file", "line", "text"}; null for line 0. */
static void jline(slg_json *j, const slg_report *rep, const char *key,
                  slg_pos p, const char *text)
{
  slg_json_key(j, key);
  if (p.line == 0) {
    slg_json_null(j);
    return;
  }
  slg_json_object_begin(j);
  slg_json_key(j, "file");
  slg_json_str(j, slg_report_file_path(rep, p.file));
  slg_json_key(j, "line");
  slg_json_u64(j, p.line);
  if (text != NULL) {
    slg_json_key(j, "text");
    slg_json_str(j, text);
  }
  slg_json_object_end(j);
}

static void gaps(slg_json *j, const slg_report *rep, const char *key,
                 const slg_budget_list *l, int silences)
{
  slg_json_key(j, key);
  slg_json_array_begin(j);
  for (size_t i = 0; i < l->n; i++) {
    const slg_budget_gap *g = &l->top[i];
    slg_json_object_begin(j);
    jkey_i64(j, "ms", g->ms);
    if (silences)
      jkey_i64(j, "silence_ms", g->silence_ms);
    slg_json_key(j, "kind");
    slg_json_str(j, g->job_open ? "job_no_task" : "no_job");
    if (silences) {
      slg_json_key(j, "streaming_idle");
      slg_json_bool(j, g->streaming_idle);
    }
    jline(j, rep, "before", g->before, g->before_text);
    jline(j, rep, "after", g->after, g->after_text);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  slg_json_key(j, silences ? "driver_gaps_count" : "driver_periods_count");
  slg_json_u64(j, l->count);
}

void slg_json_time_budget(slg_json *j, const slg_report *rep,
                          const slg_app *a)
{
  slg_time_budget t;
  slg_time_budget_of(&t, a);
  slg_json_key(j, "time_budget");
  slg_json_object_begin(j);
  jkey_i64(j, "resolution_ms", t.resolution_ms);
  jkey_i64(j, "wall_ms", t.wall_ms);
  slg_json_key(j, "budget");
  if (t.null_reason != NULL) {
    slg_json_null(j);
    slg_json_key(j, "null_reason");
    slg_json_str(j, t.null_reason);
    slg_json_object_end(j);
    return;
  }
  const slg_budget *b = t.b;
  slg_json_object_begin(j);
  jkey_i64(j, "startup_ms", t.startup_ms);
  jkey_i64(j, "running_ms", t.running_ms);
  jkey_i64(j, "pending_ms", t.pending_ms);
  jkey_i64(j, "driver_only_ms", t.driver_only_ms);
  jkey_i64(j, "job_no_task_ms", t.job_no_task_ms);
  jkey_i64(j, "no_job_ms", t.no_job_ms);
  jkey_i64(j, "shutdown_ms", t.shutdown_ms);
  jkey_i64(j, "after_stop_ms", t.after_stop_ms);
  slg_json_object_end(j);
  slg_json_key(j, "open_jobs_at_end");
  slg_json_bool(j, t.open_at_end);
  slg_json_key(j, "no_jobs");
  slg_json_bool(j, t.no_jobs);
  slg_json_key(j, "startup");
  slg_json_object_begin(j);
  jline(j, rep, "first_line", a->first_pos, NULL);
  jline(j, rep, "driver_block_manager",
        a->milestone_pos[SLG_MILESTONE_DRIVER_BLOCK_MANAGER], NULL);
  jline(j, rep, "backend_ready", a->milestone_pos[SLG_MILESTONE_BACKEND_READY],
        NULL);
  jline(j, rep, "first_job_submitted", b->first_job, NULL);
  slg_json_object_end(j);
  slg_json_key(j, "shutdown");
  slg_json_object_begin(j);
  jline(j, rep, "last_job_end", t.open_at_end ? (slg_pos){0, 0} : b->last_end,
        NULL);
  jline(j, rep, "stop_requested", t.stop_requested, NULL);
  jline(j, rep, "sc_stopped", a->sc_stop_pos, NULL);
  slg_json_object_end(j);
  gaps(j, rep, "driver_gaps", &b->gaps, 1);
  gaps(j, rep, "driver_periods", &b->periods, 0);
  slg_json_key(j, "pending");
  slg_json_array_begin(j);
  for (size_t i = 0; i < b->nwaits; i++) {
    const slg_budget_wait *w = &b->waits[i];
    slg_json_object_begin(j);
    jkey_i64(j, "ms", w->ms);
    slg_json_key(j, "stage");
    slg_json_u64(j, w->stage);
    slg_json_key(j, "attempt");
    slg_json_u64(j, w->attempt);
    slg_json_key(j, "tasks");
    slg_json_u64(j, w->tasks);
    jline(j, rep, "added", w->added, NULL);
    jline(j, rep, "first_task", w->first_task, NULL);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  slg_json_key(j, "pending_count");
  slg_json_u64(j, b->waits_count);
  slg_json_object_end(j);
}
