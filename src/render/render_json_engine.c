/*
 * render_json_engine.c - an application's "engine" object (AQE decisions,
 * streaming batches, PySpark worker timings; model/engine.h) and the
 * ndjson `batch` line, docs/json-schema.md and docs/ndjson-schema.md.
 */
#include "render_json.h"

#include <string.h>

#include "engine.h"
#include "render.h"
#include "failure.h"

static void ju64(slg_json *j, const char *key, uint64_t v)
{
  slg_json_key(j, key);
  slg_json_u64(j, v);
}

/* A value that may be unknown (-1): the number or null. */
static void ji64n(slg_json *j, const char *key, int64_t v)
{
  slg_json_key(j, key);
  if (v < 0)
    slg_json_null(j);
  else
    slg_json_i64(j, v);
}

static const char *rule_logger(int rule)
{
  return rule == SLG_AQE_RULE_COUNT ? "ShufflePartitionsUtil"
                                    : slg_aqe_rule_name((slg_aqe_rule)rule);
}

static void aqe_object(slg_json *j, const slg_report *rep, const slg_engine *e)
{
  slg_json_key(j, "aqe");
  if (e->aqe_lines == 0) {
    slg_json_null(j);
    return;
  }
  slg_json_object_begin(j);
  ju64(j, "lines", e->aqe_lines);
  slg_json_key(j, "by_logger");
  slg_json_object_begin(j);
  for (int r = 0; r <= SLG_AQE_RULE_COUNT; r++)
    if (e->aqe_by_rule[r])
      ju64(j, rule_logger(r), e->aqe_by_rule[r]);
  slg_json_object_end(j);
  ju64(j, "coalesce_targets", e->aqe_by_rule[SLG_AQE_RULE_COUNT]);
  ju64(j, "coalesce_capped", e->coalesce_capped);
  slg_json_key(j, "skewed_partitions");
  if (e->skew_known)
    slg_json_u64(j, e->skewed_partitions);
  else
    slg_json_null(j);
  ju64(j, "plan_changes", e->plan_changes);
  slg_json_key(j, "decisions");
  slg_json_array_begin(j);
  for (size_t i = 0; i < e->naqe; i++) {
    const slg_aqe_decision *d = &e->aqe[i];
    slg_json_object_begin(j);
    slg_json_pos(j, rep, "line", d->pos);
    slg_json_key(j, "logger");
    slg_json_str(j, rule_logger(d->rule));
    slg_json_key(j, "shuffles");
    if (d->rule == SLG_AQE_RULE_COUNT)
      slg_json_str(j, d->shuffles);
    else
      slg_json_null(j);
    ji64n(j, "advisory_target_bytes", d->advisory);
    ji64n(j, "actual_target_bytes", d->actual);
    ji64n(j, "min_partition_bytes", d->min_partition);
    slg_json_key(j, "capped");
    if (d->rule == SLG_AQE_RULE_COUNT)
      slg_json_bool(j, d->actual < d->advisory);
    else
      slg_json_null(j);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  ju64(j, "decisions_other", e->aqe_other);
  slg_json_object_end(j);
}

static void streaming_object(slg_json *j, const slg_report *rep,
                             const slg_app *a, const slg_engine *e)
{
  uint64_t terminated = 0;
  for (size_t i = 0; i < a->nfailures; i++)
    if (a->failures[i].src == SLG_FAILURE_STREAMING)
      terminated += a->failures[i].count;
  slg_json_key(j, "structured_streaming");
  if (e->ss_reports == 0 && e->ss_behind == 0 && e->ss_runs == 0) {
    slg_json_null(j);
    return;
  }
  slg_json_object_begin(j);
  ju64(j, "progress_reports", e->ss_reports);
  slg_json_pos(j, rep, "first_line", e->ss_first);
  slg_json_pos(j, rep, "last_line", e->ss_last);
  slg_json_key(j, "batch_ids");
  if (e->ss_have_id) {
    slg_json_array_begin(j);
    slg_json_u64(j, e->ss_min_id);
    slg_json_u64(j, e->ss_max_id);
    slg_json_array_end(j);
  } else {
    slg_json_null(j);
  }
  ju64(j, "input_rows", e->ss_rows);
  slg_json_key(j, "slowest");
  if (e->ss_have_slowest) {
    slg_json_object_begin(j);
    slg_json_pos(j, rep, "line", e->ss_slowest.pos);
    ji64n(j, "batch_id", e->ss_slowest.id);
    ji64n(j, "trigger_execution_ms", e->ss_slowest.duration_ms);
    ji64n(j, "input_rows", e->ss_slowest.rows);
    slg_json_object_end(j);
  } else {
    slg_json_null(j);
  }
  slg_json_key(j, "falling_behind");
  if (e->ss_behind) {
    slg_json_object_begin(j);
    ju64(j, "count", e->ss_behind);
    slg_json_pos(j, rep, "first_line", e->ss_behind_first);
    slg_json_pos(j, rep, "last_line", e->ss_behind_last);
    ju64(j, "trigger_interval_ms", e->ss_interval_ms);
    ju64(j, "max_spent_ms", e->ss_behind_max_ms);
    slg_json_object_end(j);
  } else {
    slg_json_null(j);
  }
  ju64(j, "query_runs", e->ss_runs);
  ju64(j, "queries", e->ss_nids + e->ss_ids_other);
  /* A second run of one query id is a restart (from its checkpoint);
   * past the ids told apart, runs are not matched. */
  ju64(j, "restarts", e->ss_ids_other == 0 && e->ss_runs > e->ss_nids
                          ? e->ss_runs - e->ss_nids
                          : 0);
  ju64(j, "terminated_with_error", terminated);
  slg_json_object_end(j);
}

static void dstreams_object(slg_json *j, const slg_report *rep,
                            const slg_engine *e)
{
  slg_json_key(j, "dstreams");
  if (e->ds_batches == 0) {
    slg_json_null(j);
    return;
  }
  slg_json_object_begin(j);
  ju64(j, "batches", e->ds_batches);
  slg_json_pos(j, rep, "first_line", e->ds_first);
  slg_json_pos(j, rep, "last_line", e->ds_last);
  ji64n(j, "batch_interval_ms",
        e->ds_interval_ms ? (int64_t)e->ds_interval_ms : -1);
  ju64(j, "max_total_delay_ms", e->ds_max_delay_ms);
  slg_json_pos(j, rep, "max_total_delay_line", e->ds_max_delay_pos);
  ju64(j, "max_execution_ms", e->ds_max_exec_ms);
  ju64(j, "behind", e->ds_behind);
  slg_json_object_end(j);
}

static int local_mode(const slg_app *a)
{
  return a->app_id != NULL && strncmp(a->app_id, "local-", 6) == 0;
}

static void python_object(slg_json *j, const slg_report *rep,
                          const slg_app *a, const slg_engine *e)
{
  slg_json_key(j, "python_runner");
  if (e->py_count == 0) {
    slg_json_null(j);
    /* Python workers log their timings on the executors: a driver log
     * holds them only in local mode or with executor logs merged in. */
    slg_json_key(j, "python_runner_null_reason");
    slg_json_str(j, local_mode(a) ? "no_worker_lines_in_local_mode"
                                  : "executor_lines_not_in_log");
    return;
  }
  slg_json_object_begin(j);
  ju64(j, "count", e->py_count);
  slg_json_pos(j, rep, "first_line", e->py_first);
  slg_json_pos(j, rep, "last_line", e->py_last);
  slg_json_key(j, "total_ms");
  slg_json_i64(j, e->py_total_ms);
  slg_json_key(j, "boot_ms");
  slg_json_i64(j, e->py_boot_ms);
  slg_json_key(j, "init_ms");
  slg_json_i64(j, e->py_init_ms);
  slg_json_key(j, "finish_ms");
  slg_json_i64(j, e->py_finish_ms);
  slg_json_key(j, "task_share");
  if (a->total_task_ms > 0 && e->py_total_ms >= 0)
    slg_json_double(j, (double)e->py_total_ms / (double)a->total_task_ms, 3);
  else
    slg_json_null(j);
  slg_json_object_end(j);
  slg_json_key(j, "python_runner_null_reason");
  slg_json_null(j);
}

void slg_json_engine_key(slg_json *j, const slg_report *rep, const slg_app *a)
{
  const slg_engine *e = a->engine;
  slg_json_key(j, "engine");
  if (e == NULL) {
    slg_json_null(j);
    return;
  }
  slg_json_object_begin(j);
  aqe_object(j, rep, e);
  streaming_object(j, rep, a, e);
  dstreams_object(j, rep, e);
  python_object(j, rep, a, e);
  slg_json_object_end(j);
}

void slg_json_batch_keys(slg_json *j, const slg_report *rep,
                         const struct slg_engine_batch *b)
{
  int ds = b->kind == SLG_BATCH_DSTREAM;
  slg_json_key(j, "kind");
  slg_json_str(j, ds ? "dstream" : "structured");
  slg_json_pos(j, rep, "line", b->pos);
  ji64n(j, ds ? "batch_time_ms" : "batch_id", b->id);
  ji64n(j, "duration_ms", b->duration_ms);
  ji64n(j, "total_delay_ms", b->delay_ms);
  ji64n(j, "input_rows", b->rows);
  ji64n(j, "interval_ms", b->interval_ms);
  slg_json_key(j, "behind");
  if (b->interval_ms < 0 || b->duration_ms < 0)
    slg_json_null(j);
  else
    slg_json_bool(j, b->duration_ms > b->interval_ms);
}
