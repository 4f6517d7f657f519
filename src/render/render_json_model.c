/*
 * render_json_model.c - the model's part of the sparklog/2 document:
 * "apps": [...], each with its jobs, stages, executors and shuffles
 * (docs/json-schema.md).
 */
#include "render.h"
#include "render_json.h"
#include "render_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "model_types.h"
#include "platform.h"

static void jstr(slg_json *j, const char *key, const char *v)
{
  slg_json_key(j, key);
  if (v)
    slg_json_str(j, v);
  else
    slg_json_null(j);
}

static void jms(slg_json *j, const char *key, double ms)
{
  slg_json_key(j, key);
  if (ms < 0)
    slg_json_null(j);
  else
    slg_json_double(j, ms, 3);
}

static void jtime(slg_json *j, const char *key, const slg_time *t)
{
  slg_json_key(j, key);
  slg_json_time(j, t);
}

static void jids(slg_json *j, const char *key, const uint64_t *v, size_t n)
{
  slg_json_key(j, key);
  slg_json_array_begin(j);
  for (size_t i = 0; i < n; i++)
    slg_json_u64(j, v[i]);
  slg_json_array_end(j);
}

static void ji64(slg_json *j, const char *key, int64_t v)
{
  slg_json_key(j, key);
  if (v < 0)
    slg_json_null(j);
  else
    slg_json_i64(j, v);
}

static void ju64(slg_json *j, const char *key, uint64_t v)
{
  slg_json_key(j, key);
  slg_json_u64(j, v);
}

static void render_sketch(slg_json *j, const slg_sketch *s)
{
  slg_json_key(j, "task_ms");
  slg_json_object_begin(j);
  ju64(j, "count", s->count);
  if (s->count == 0) {
    static const char *const keys[] = {"sum", "min", "max", "mean",
                                       "p50", "p90", "p99"};
    for (size_t i = 0; i < 7; i++) {
      slg_json_key(j, keys[i]);
      slg_json_null(j);
    }
  } else {
    ju64(j, "sum", s->sum);
    ju64(j, "min", s->min);
    ju64(j, "max", s->max);
    static const double q[3] = {0.5, 0.9, 0.99};
    double v[3];
    slg_sketch_quantiles(s, q, v, 3);
    jms(j, "mean", slg_sketch_mean(s));
    jms(j, "p50", v[0]);
    jms(j, "p90", v[1]);
    jms(j, "p99", v[2]);
  }
  slg_json_object_end(j);
}

void slg_json_attempt_keys(slg_json *j, const slg_app *a, const slg_stage *s,
                          const slg_stage_attempt *t)
{
  ju64(j, "id", s->id);
  ju64(j, "attempt", t ? t->attempt : 0);
  jstr(j, "kind", slg_stage_kind_name(s->kind));
  jstr(j, "name", s->name);
  if (s->rdd != NULL) {
    slg_buf rdd = SLG_BUF_INIT;
    slg_stage_rdd(s, &rdd);
    jstr(j, "rdd", slg_buf_cstr(&rdd));
    slg_buf_dispose(&rdd);
  } else {
    jstr(j, "rdd", NULL);
  }
  jids(j, "jobs", s->jobs, s->njobs);
  jstr(j, "status",
       slg_status_name(t ? t->status : SLG_STATUS_SKIPPED));
  jids(j, "parents", s->parents, s->nparents);
  ji64(j, "shuffle_write", s->shuffle_write);
  jids(j, "shuffle_reads", s->shuffle_reads, s->nshuffle_reads);
  slg_json_key(j, "num_tasks");
  if (t && t->num_tasks)
    slg_json_u64(j, t->num_tasks);
  else
    slg_json_null(j);
  static const slg_task_agg empty;
  const slg_task_agg *g = t ? &t->tasks : &empty;
  slg_json_key(j, "tasks");
  slg_json_object_begin(j);
  ju64(j, "started", g->started);
  ju64(j, "succeeded", g->succeeded);
  ju64(j, "failed", g->failed);
  ju64(j, "killed", g->killed);
  ju64(j, "speculatable", g->speculatable);
  ju64(j, "speculative", g->speculative);
  ju64(j, "distinct_partitions", g->distinct_partitions);
  ju64(j, "retried", g->retried);
  ju64(j, "aborted", g->aborted);
  if (g->result_count) {
    ju64(j, "result_bytes", g->result_bytes);
    ju64(j, "result_count", g->result_count);
  }
  slg_json_object_end(j);
  slg_json_key(j, "locality");
  slg_json_object_begin(j);
  for (int l = 0; l < SLG_LOC_COUNT; l++)
    if (g->locality[l])
      ju64(j, slg_locality_name((slg_locality)l), g->locality[l]);
  slg_json_object_end(j);
  if (t)
    render_sketch(j, &g->task_ms);
  else {
    slg_sketch z;
    slg_sketch_init(&z);
    render_sketch(j, &z);
  }
  slg_json_key(j, "failure_kinds");
  slg_json_object_begin(j);
  for (size_t i = 0; i < g->nkinds; i++)
    ju64(j, g->kinds[i].kind, g->kinds[i].count);
  if (g->other_kind_failures)
    ju64(j, "other", g->other_kind_failures);
  slg_json_object_end(j);
  slg_json_key(j, "executors");
  slg_json_object_begin(j);
  for (size_t i = 0; i < g->nexecs; i++) {
    slg_json_key(j, a->executors[g->execs[i].index].id);
    slg_json_object_begin(j);
    ju64(j, "tasks", g->execs[i].tasks);
    ju64(j, "task_ms", g->execs[i].task_ms);
    ju64(j, "failed", g->execs[i].failed);
    slg_json_object_end(j);
  }
  if (g->execs_rest.tasks || g->execs_rest.failed) {
    slg_json_key(j, "(others)");
    slg_json_object_begin(j);
    ju64(j, "tasks", g->execs_rest.tasks);
    ju64(j, "task_ms", g->execs_rest.task_ms);
    ju64(j, "failed", g->execs_rest.failed);
    slg_json_object_end(j);
  }
  slg_json_object_end(j);
  jms(j, "duration_ms", t ? t->duration_ms : -1);
  static const slg_time none;
  jtime(j, "start", t ? &t->start : &none);
  jtime(j, "end", t ? &t->end : &none);
  jstr(j, "failure", t ? t->failure : NULL);
  jstr(j, "resubmitted_because",
       t && t->resubmitted_because != SLG_RESUBMIT_NONE
           ? slg_resubmit_name(t->resubmitted_because)
           : NULL);
  slg_json_key(j, "evidence_lines");
  slg_json_array_begin(j);
  for (size_t i = 0; t && i < t->nevidence; i++) {
    slg_json_array_begin(j);
    slg_json_u64(j, t->evidence[i].file);
    slg_json_u64(j, t->evidence[i].line);
    slg_json_array_end(j);
  }
  slg_json_array_end(j);
  slg_json_key(j, "submitted");
  slg_json_bool(j, t ? t->submitted : 0);
  slg_json_key(j, "incomplete");
  slg_json_bool(j, t ? t->incomplete : s->incomplete);
}

static int by_loss_line(const void *x, const void *y)
{
  const slg_executor *a = *(const slg_executor *const *)x;
  const slg_executor *b = *(const slg_executor *const *)y;
  if (a->loss_line.file != b->loss_line.file)
    return a->loss_line.file < b->loss_line.file ? -1 : 1;
  if (a->loss_line.line != b->loss_line.line)
    return a->loss_line.line < b->loss_line.line ? -1 : 1;
  return a < b ? -1 : a > b;
}

/* "executor_deaths" in line order, "executor_deaths_by_class",
 * "benign_removals" and "benign_removals_by_reason". */
static void render_losses(slg_json *j, const slg_report *rep,
                          const slg_app *a)
{
  const slg_executor **d = NULL;
  size_t n = 0;
  if (a->exec_deaths > 0) {
    d = slg_xmalloc(a->exec_deaths * sizeof *d);
    for (size_t i = 0; i < a->nexecutors; i++)
      if (slg_exec_class_is_death(a->executors[i].loss_class) &&
          n < a->exec_deaths)
        d[n++] = &a->executors[i];
    qsort(d, n, sizeof *d, by_loss_line);
  }
  slg_json_key(j, "executor_deaths");
  slg_json_array_begin(j);
  for (size_t i = 0; i < n; i++) {
    const slg_executor *e = d[i];
    slg_json_object_begin(j);
    jstr(j, "executor", e->id);
    jstr(j, "class", slg_exec_class_name(e->loss_class));
    jstr(j, "evidence", e->loss_evidence);
    slg_json_key(j, "line");
    if (e->loss_line.line == 0) {
      slg_json_null(j);
    } else {
      slg_json_object_begin(j);
      jstr(j, "file", slg_report_file_path(rep, e->loss_line.file));
      ju64(j, "line", e->loss_line.line);
      slg_json_object_end(j);
    }
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  free(d);
  slg_json_key(j, "executor_deaths_by_class");
  slg_json_object_begin(j);
  for (int c = SLG_EXEC_FIRST_DEATH; c <= SLG_EXEC_LAST_DEATH; c++)
    if (a->exec_loss[c] > 0)
      ju64(j, slg_exec_class_name((slg_exec_class)c), a->exec_loss[c]);
  slg_json_object_end(j);
  ju64(j, "benign_removals", a->exec_benign);
  slg_json_key(j, "benign_removals_by_reason");
  slg_json_object_begin(j);
  ju64(j, "idle", a->exec_loss[SLG_EXEC_IDLE]);
  ju64(j, "killed_by_driver", a->exec_loss[SLG_EXEC_KILLED_BY_DRIVER]);
  ju64(j, "shutdown", a->exec_loss[SLG_EXEC_SHUTDOWN]);
  ju64(j, "decommission", a->exec_loss[SLG_EXEC_SCALE_DOWN]);
  slg_json_object_end(j);
  slg_json_key(j, "executor_resources");
  slg_json_object_begin(j);
  jstr(j, "memory", a->exec_memory);
  jstr(j, "memory_overhead", a->exec_overhead);
  jstr(j, "cores", a->exec_cores);
  slg_json_object_end(j);
}

void slg_json_pos(slg_json *j, const slg_report *rep, const char *key,
                  slg_pos p)
{
  if (key)
    slg_json_key(j, key);
  if (p.line == 0) {
    slg_json_null(j);
    return;
  }
  slg_json_object_begin(j);
  jstr(j, "file", slg_report_file_path(rep, p.file));
  ju64(j, "line", p.line);
  slg_json_object_end(j);
}

void slg_root_cause_render_json(const slg_report *rep,
                                const slg_root_cause *c, slg_json *j)
{
  slg_json_object_begin(j);
  jstr(j, "class", c->class_id);
  jstr(j, "exception", c->exception);
  jstr(j, "message", c->message);
  jstr(j, "deepest_cause", c->deepest_cause);
  jstr(j, "user_frame", c->user_frame);
  jstr(j, "python_error", c->python_error);
  slg_json_pos(j, rep, "line", c->line);
  slg_json_key(j, "lines");
  slg_json_array_begin(j);
  for (size_t i = 0; i < c->nlines; i++)
    slg_json_pos(j, rep, NULL, c->lines[i]);
  slg_json_array_end(j);
  ju64(j, "count", c->count);
  slg_json_key(j, "inferred");
  slg_json_bool(j, c->inferred);
  slg_json_object_end(j);
}

/* How the application ended (outcome.h). */
static void render_outcome(slg_json *j, const slg_report *rep,
                           const slg_app *a, const slg_app_outcome *o)
{
  jstr(j, "outcome", slg_outcome_name(o->outcome));
  jstr(j, "end_reason", slg_app_end_name(a->end_reason));
  slg_json_pos(j, rep, "start_line", o->start_line);
  slg_json_pos(j, rep, "end_line", o->end_line);
  jms(j, "duration_ms", o->duration_ms);
  jms(j, "idle_after_last_job_ms", o->idle_after_last_job_ms);
  jids(j, "failed_jobs", o->failed_jobs, o->nfailed_jobs);
  jids(j, "cancelled_jobs", o->cancelled_jobs, o->ncancelled_jobs);
  slg_json_key(j, "root_cause");
  if (o->has_cause)
    slg_root_cause_render_json(rep, &o->cause, j);
  else
    slg_json_null(j);
}

void slg_json_app_keys(slg_json *j, const slg_report *rep, const slg_app *a,
                       size_t ai, const slg_app_outcome *o)
{
  /* The number every reference to this application uses (findings,
   * ranking, failed_job, checks): 1-based, as in the text. */
  ju64(j, "seq", ai + 1);
  jstr(j, "file", slg_report_file_path(rep, a->file));
  jstr(j, "spark_version", a->spark_version);
  jstr(j, "app_name", a->app_name);
  jstr(j, "app_id", a->app_id);
  slg_platform pf;
  slg_report_platform(&pf, rep, ai);
  jstr(j, "platform", slg_platform_name(pf.id));
  jstr(j, "deploy_mode", pf.mode);
  jstr(j, "platform_evidence", pf.evidence);
  jtime(j, "start", &a->start);
  jtime(j, "end", &a->end);
  slg_json_key(j, "incomplete");
  slg_json_bool(j, a->incomplete);
  if (o != NULL)
    render_outcome(j, rep, a, o);
  ju64(j, "scheduler_lines", a->scheduler_lines);
  ju64(j, "peak_running_tasks", a->peak_running_tasks);
  ju64(j, "total_task_ms", a->total_task_ms);
  slg_json_key(j, "executor_counts");
  slg_json_object_begin(j);
  ju64(j, "seen", a->nexecutors);
  ju64(j, "added", a->executors_added);
  ju64(j, "removed", a->executors_removed);
  ju64(j, "lost", a->executors_lost);
  ju64(j, "max_concurrent", a->executors_max_concurrent);
  ju64(j, "requested", a->executors_requested);
  slg_json_object_end(j);
  render_losses(j, rep, a);
  slg_json_time_budget(j, rep, a);
  slg_json_engine_key(j, rep, a);
}

static int cmp_id(const void *x, const void *y)
{
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return a < b ? -1 : a > b;
}

void slg_json_job_keys(slg_json *j, const slg_job *b,
                       const uint64_t *skipped, size_t nskipped)
{
  ju64(j, "id", b->id);
  jstr(j, "callsite", b->callsite);
  jstr(j, "status", slg_status_name(b->status));
  slg_json_key(j, "map_stage_job");
  slg_json_bool(j, b->map_stage_job);
  jtime(j, "start", &b->start);
  jtime(j, "end", &b->end);
  jms(j, "duration_ms", b->duration_ms);
  ji64(j, "result_stage", b->result_stage);
  /* Ascending, as slg_model_finish leaves them: a job written when it
   * ends (ndjson) still has them in the order first seen. */
  int sorted = 1;
  for (size_t i = 1; i < b->nstages && sorted; i++)
    sorted = b->stages[i - 1] < b->stages[i];
  if (sorted) {
    jids(j, "stages", b->stages, b->nstages);
  } else {
    uint64_t *v = slg_xmalloc(b->nstages * sizeof *v);
    memcpy(v, b->stages, b->nstages * sizeof *v);
    qsort(v, b->nstages, sizeof *v, cmp_id);
    jids(j, "stages", v, b->nstages);
    free(v);
  }
  if (skipped == NULL) {
    skipped = b->skipped_stages;
    nskipped = b->nskipped_stages;
  }
  jids(j, "skipped_stages", skipped, nskipped);
  jstr(j, "failure", b->failure);
  slg_json_key(j, "incomplete");
  slg_json_bool(j, b->incomplete);
}

void slg_json_executor_keys(slg_json *j, const slg_executor *e)
{
  jstr(j, "id", e->id);
  jstr(j, "host", e->host);
  jtime(j, "added", &e->added);
  jtime(j, "removed", &e->removed);
  slg_json_key(j, "lost");
  slg_json_bool(j, e->lost);
  jstr(j, "lost_reason", e->lost_reason);
  ju64(j, "tasks", e->tasks);
  ju64(j, "task_ms", e->task_ms);
  ju64(j, "failed_tasks", e->failed_tasks);
}

void slg_json_shuffle_keys(slg_json *j, const slg_shuffle *s)
{
  ju64(j, "id", s->id);
  ji64(j, "writer_stage", s->writer_stage);
  jids(j, "reader_stages", s->reader_stages, s->nreader_stages);
  slg_json_key(j, "map_status_bytes");
  if (s->map_status_bytes)
    slg_json_u64(j, s->map_status_bytes);
  else
    slg_json_null(j);
  slg_json_key(j, "aqe");
  if (s->aqe_advisory_bytes < 0) {
    slg_json_null(j);
  } else {
    slg_json_object_begin(j);
    ji64(j, "advisory_target_bytes", s->aqe_advisory_bytes);
    ji64(j, "actual_target_bytes", s->aqe_actual_bytes);
    ji64(j, "min_partition_bytes", s->aqe_min_partition_bytes);
    slg_json_object_end(j);
  }
  ju64(j, "fetch_failures", s->fetch_failures);
}

static void render_app(slg_json *j, const slg_report *rep, const slg_app *a,
                       size_t ai, const slg_app_outcome *o)
{
  slg_json_object_begin(j);
  slg_json_app_keys(j, rep, a, ai, o);
  slg_json_messages_keys(j, rep, a);
  slg_json_key(j, "jobs");
  slg_json_array_begin(j);
  for (size_t i = 0; i < a->njobs; i++) {
    slg_json_object_begin(j);
    slg_json_job_keys(j, &a->jobs[i], NULL, 0);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);

  slg_json_key(j, "stages");
  slg_json_array_begin(j);
  size_t nrefs;
  slg_attempt_ref *refs = slg_stage_order(a, &nrefs);
  for (size_t i = 0; i < nrefs; i++) {
    const slg_stage *s = &a->stages[refs[i].stage];
    slg_json_object_begin(j);
    slg_json_attempt_keys(j, a, s,
                          refs[i].attempt == SIZE_MAX
                              ? NULL
                              : &s->attempts[refs[i].attempt]);
    slg_json_object_end(j);
  }
  free(refs);
  slg_json_array_end(j);

  slg_json_key(j, "executors");
  slg_json_array_begin(j);
  for (size_t i = 0; i < a->nexecutors; i++) {
    slg_json_object_begin(j);
    slg_json_executor_keys(j, &a->executors[i]);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);

  slg_json_key(j, "shuffles");
  slg_json_array_begin(j);
  for (size_t i = 0; i < a->nshuffles; i++) {
    slg_json_object_begin(j);
    slg_json_shuffle_keys(j, &a->shuffles[i]);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  slg_json_io_phases(j, rep, a);
  slg_json_object_end(j);
}

void slg_model_render_json(const slg_report *rep, slg_json *j)
{
  size_t n;
  const slg_app *apps = slg_model_apps(rep->model, &n);
  const slg_app_outcome *o =
      rep->analysis != NULL ? rep->analysis->outcomes : NULL;
  slg_json_key(j, "apps");
  slg_json_array_begin(j);
  for (size_t i = 0; i < n; i++)
    render_app(j, rep, &apps[i], i, o != NULL ? &o[i] : NULL);
  slg_json_array_end(j);
}
