/*
 * render_json.c - the sparklog/2 JSON document: input, loggers and the
 * analysis here, the applications in render_json_model.c.
 *
 * The schema is documented in docs/json-schema.md; keys are only
 * ever added (a rename or removal needs a schema bump). Every string goes
 * through slg_json_*, which repairs invalid UTF-8, so the document is
 * valid whatever bytes the log held.
 */
#include "render.h"
#include "render_json.h"

#include <stdlib.h>

#include "analysis.h"
#include "findings.h"
#include "input_kind.h"
#include "knowledge.h"

void slg_json_levels(slg_json *j, const uint64_t *levels)
{
  slg_json_object_begin(j);
  for (int l = 0; l < SLG_LEVEL_COUNT; l++) {
    slg_json_key(j, slg_level_name((slg_level)l));
    slg_json_u64(j, levels[l]);
  }
  slg_json_object_end(j);
}

static void file_error(slg_buf *tmp, const slg_file_info *f)
{
  slg_buf_clear(tmp);
  if (slg_error_has_offset(f->error))
    slg_buf_printf(tmp, "%s at byte %llu", slg_strerror(f->error),
                   (unsigned long long)f->error_offset);
  else if (f->error == SLG_EFORMAT && f->format)
    slg_buf_printf(tmp, "%s, %s", f->format, slg_strerror(f->error));
  else
    slg_buf_puts(tmp, slg_strerror(f->error));
}

/* The keys of one input file (docs/json-schema.md, "input.files"). */
void slg_json_file_keys(slg_json *j, const slg_file_info *f)
{
  slg_buf tmp = SLG_BUF_INIT;
  slg_json_key(j, "path");
  slg_json_str(j, f->path);
  slg_json_key(j, "bytes_read");
  slg_json_u64(j, f->bytes_read);
  slg_json_key(j, "bytes_decoded");
  slg_json_u64(j, f->bytes_decoded);
  slg_json_key(j, "lines");
  slg_json_u64(j, f->lines);
  slg_json_key(j, "records");
  slg_json_u64(j, f->records);
  slg_json_key(j, "continuation_lines");
  slg_json_u64(j, f->continuation_lines);
  slg_json_key(j, "unrecognized_lines");
  slg_json_u64(j, f->unrecognized_lines);
  slg_json_key(j, "complete");
  slg_json_bool(j, f->ended && !f->error);
  slg_json_key(j, "first");
  slg_json_time(j, &f->first);
  slg_json_key(j, "last");
  slg_json_time(j, &f->last);
  slg_json_key(j, "error");
  if (f->error) {
    file_error(&tmp, f);
    slg_json_strn(j, tmp.ptr, tmp.len);
  } else {
    slg_json_null(j);
  }
  slg_buf_dispose(&tmp);
}

void slg_json_input_key(const slg_report *rep, slg_json *j)
{
  const slg_accounting *a = rep->acc;
  slg_buf tmp = SLG_BUF_INIT;
  slg_json_key(j, "input");
  slg_json_object_begin(j);
  slg_json_key(j, "files");
  slg_json_array_begin(j);
  for (size_t i = 0; i < rep->nfiles; i++) {
    slg_json_object_begin(j);
    slg_json_file_keys(j, &rep->files[i]);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  if (rep->nskipped) {
    /* Files of directory arguments not read, and why. */
    slg_json_key(j, "skipped");
    slg_json_array_begin(j);
    for (size_t i = 0; i < rep->nskipped; i++) {
      slg_json_object_begin(j);
      slg_json_key(j, "path");
      slg_json_str(j, rep->skipped[i].path);
      slg_json_key(j, "reason");
      slg_json_str(j, rep->skipped[i].reason);
      slg_json_object_end(j);
    }
    slg_json_array_end(j);
  }
  slg_json_key(j, "lines");
  slg_json_u64(j, a->lines);
  slg_json_key(j, "records");
  slg_json_u64(j, a->records);
  slg_json_key(j, "continuation_lines");
  slg_json_u64(j, a->continuation_lines);
  slg_json_key(j, "unrecognized_lines");
  slg_json_u64(j, a->unrecognized_lines);
  slg_json_key(j, "unrecognized_by_class");
  slg_json_object_begin(j);
  for (int c = 0; c < SLG_UNRECOGNIZED_COUNT; c++) {
    if (!a->by_class[c])
      continue;
    slg_json_key(j, slg_unrecognized_key((slg_unrecognized)c));
    slg_json_u64(j, a->by_class[c]);
  }
  slg_json_object_end(j);
  slg_json_key(j, "lines_cut");
  slg_json_u64(j, a->lines_cut);
  slg_json_key(j, "max_line_bytes");
  slg_json_u64(j, rep->max_line);
  slg_json_key(j, "records_without_logger");
  slg_json_u64(j, a->records_without_logger);
  slg_json_key(j, "rejected_events");
  slg_json_u64(j, slg_model_rejected_events(rep->model));
  slg_json_key(j, "complete");
  slg_json_bool(j, slg_report_complete(rep));
  slg_json_key(j, "first");
  slg_json_time(j, &a->first);
  slg_json_key(j, "last");
  slg_json_time(j, &a->last);
  /* What the report could not see: the longest stretch without records
   * (null when fewer than two timed records), steps back in time, and
   * whether this was a driver log at all. */
  slg_json_key(j, "largest_gap");
  if (a->gap_ms >= 0) {
    slg_json_object_begin(j);
    slg_json_key(j, "from");
    slg_json_time(j, &a->gap_from);
    slg_json_key(j, "to");
    slg_json_time(j, &a->gap_to);
    slg_json_key(j, "ms");
    slg_json_i64(j, a->gap_ms);
    slg_json_object_end(j);
  } else {
    slg_json_null(j);
  }
  slg_json_key(j, "time_steps_back");
  slg_json_u64(j, a->time_steps_back);
  slg_json_key(j, "kind");
  slg_json_str(j, slg_input_kind_name(slg_report_input_kind(rep)));
  slg_json_key(j, "layouts");
  slg_json_array_begin(j);
  size_t nl = slg_layout_count(rep->layout);
  for (size_t i = 0; i <= SLG_MAX_LAYOUTS; i++) {
    if (!a->layout_records[i])
      continue;
    slg_json_object_begin(j);
    slg_json_key(j, "pattern");
    if (i < nl && i < SLG_MAX_LAYOUTS)
      slg_json_str(j, slg_layout_pattern(rep->layout, (uint32_t)i));
    else
      slg_json_null(j); /* shapes past the registry bound */
    slg_json_key(j, "records");
    slg_json_u64(j, a->layout_records[i]);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  /* The --layout pattern that read no line (null: none given, or it
   * matched). */
  slg_json_key(j, "layout_unmatched");
  slg_json_str(j, slg_report_layout_unmatched(rep));
  slg_json_key(j, "layout_limit_hits");
  slg_json_u64(j, a->layout_limit_hits);
  /* Records read from the messages of relay loggers (layout.h), by
   * relay, in relay order. */
  slg_json_key(j, "unwrapped");
  slg_json_array_begin(j);
  for (unsigned i = 0; i < SLG_MAX_RELAYS; i++) {
    if (!a->unwrapped[i])
      continue;
    slg_json_object_begin(j);
    slg_json_key(j, "logger");
    slg_json_str(j, slg_layout_relay_name(rep->layout, i));
    slg_json_key(j, "records");
    slg_json_u64(j, a->unwrapped[i]);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  slg_json_object_end(j);
  slg_buf_dispose(&tmp);
}

void slg_json_loggers_keys(const slg_report *rep, slg_json *j)
{
  const slg_histogram *h = rep->hist;
  size_t *order = slg_histogram_sorted(h);
  uint64_t total = rep->acc->records - rep->acc->records_without_logger;
  slg_json_key(j, "loggers");
  slg_json_array_begin(j);
  for (size_t k = 0; k < h->count; k++) {
    const slg_logger_stats *s = &h->loggers[order[k]];
    const slg_component *c = slg_knowledge_find(s->name, s->name_len);
    slg_json_object_begin(j);
    slg_json_key(j, "name");
    slg_json_strn(j, s->name, s->name_len);
    slg_json_key(j, "full_name");
    slg_json_str(j, s->full_name);
    slg_json_key(j, "count");
    slg_json_u64(j, s->count);
    slg_json_key(j, "share");
    slg_json_double(j, total ? (double)s->count / (double)total : 0.0, 4);
    slg_json_key(j, "levels");
    slg_json_levels(j, s->levels);
    slg_json_key(j, "first");
    slg_json_time(j, &s->first);
    slg_json_key(j, "last");
    slg_json_time(j, &s->last);
    slg_json_key(j, "subsystem");
    slg_json_str(j, c ? c->subsystem : NULL);
    slg_json_key(j, "role");
    slg_json_str(j, c ? c->role : NULL);
    slg_json_key(j, "inferred");
    slg_json_bool(j, c ? c->inferred : 0);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  free(order);
  slg_json_key(j, "loggers_other");
  slg_json_object_begin(j);
  slg_json_key(j, "distinct");
  slg_json_u64(j, h->other_distinct);
  slg_json_key(j, "distinct_exact");
  slg_json_bool(j, h->other_distinct_exact);
  slg_json_key(j, "count");
  slg_json_u64(j, h->other_count);
  slg_json_key(j, "max_loggers");
  slg_json_u64(j, h->max_loggers);
  slg_json_object_end(j);
}

static void json_num_or_null(slg_json *j, double v, int decimals)
{
  if (v < 0)
    slg_json_null(j);
  else
    slg_json_double(j, v, decimals);
}

static void json_i64_or_null(slg_json *j, int64_t v)
{
  if (v < 0)
    slg_json_null(j);
  else
    slg_json_i64(j, v);
}

/* An application reference: its 1-based apps[].seq (the analysis keeps
 * the 0-based index), null when there is none. */
static void json_app(slg_json *j, int64_t index)
{
  if (index < 0)
    slg_json_null(j);
  else
    slg_json_i64(j, index + 1);
}

/* The path of the file an application's first line is in, or null. */
static void json_app_file(slg_json *j, const slg_report *rep, size_t app)
{
  const slg_analysis *a = rep->analysis;
  uint32_t f = app < a->apps ? a->app_verdicts[app].file : UINT32_MAX;
  slg_json_str(j, slg_report_file_path(rep, f));
}

/* The verdict object (docs/json-schema.md, "verdict"). */
void slg_json_verdict_object(const slg_report *rep, slg_json *j)
{
  const slg_analysis *a = rep->analysis;
  slg_buf tmp = SLG_BUF_INIT;
  slg_json_object_begin(j);
  slg_json_key(j, "succeeded");
  if (a->scheduler_lines && a->jobs)
    slg_json_bool(j, a->jobs_failed == 0);
  else
    slg_json_null(j);
  slg_json_key(j, "apps");
  slg_json_u64(j, a->apps);
  slg_json_key(j, "jobs");
  slg_json_u64(j, a->jobs);
  slg_json_key(j, "jobs_failed");
  slg_json_u64(j, a->jobs_failed);
  slg_json_key(j, "jobs_unfinished");
  slg_json_u64(j, a->jobs_unfinished);
  slg_json_key(j, "failed_job");
  if (a->first_failed_job) {
    const slg_job *fj = a->first_failed_job;
    slg_json_object_begin(j);
    slg_json_key(j, "app");
    json_app(j, (int64_t)a->first_failed_app);
    slg_json_key(j, "id");
    slg_json_u64(j, fj->id);
    slg_json_key(j, "callsite");
    slg_json_str(j, fj->callsite);
    slg_json_key(j, "failure");
    slg_json_str(j, fj->failure);
    slg_json_object_end(j);
  } else {
    slg_json_null(j);
  }
  slg_json_key(j, "executors_lost");
  slg_json_u64(j, a->executors_lost);
  slg_json_key(j, "executors_lost_memory");
  slg_json_u64(j, a->executors_lost_memory);
  slg_json_key(j, "fetch_failures");
  slg_json_u64(j, a->fetch_failures);
  slg_json_key(j, "root_cause");
  if (a->cause_app >= 0) {
    slg_root_cause_render_json(rep, &a->outcomes[a->cause_app].cause, j);
  } else {
    slg_json_null(j);
  }
  slg_json_key(j, "text");
  slg_verdict_sentence(rep, &tmp);
  slg_json_strn(j, tmp.ptr, tmp.len);
  if (rep->nfiles > 1) {
    /* The cross-file table: every file, worst first. */
    slg_file_row *rows = slg_file_rows(rep);
    slg_json_key(j, "files");
    slg_json_array_begin(j);
    for (size_t k = 0; k < rep->nfiles; k++) {
      const slg_file_row *r = &rows[k];
      slg_json_object_begin(j);
      slg_json_key(j, "path");
      slg_json_str(j, rep->files[r->file].path);
      slg_json_key(j, "kind");
      slg_json_str(j, r->kind);
      slg_json_key(j, "apps");
      slg_json_u64(j, r->apps);
      slg_json_key(j, "outcome");
      if (r->outcome < 0)
        slg_json_null(j);
      else
        slg_json_str(j, slg_outcome_name((slg_outcome)r->outcome));
      slg_json_key(j, "jobs");
      slg_json_u64(j, r->jobs);
      slg_json_key(j, "jobs_failed");
      slg_json_u64(j, r->jobs_failed);
      slg_json_key(j, "task_ms");
      slg_json_u64(j, r->task_ms);
      slg_json_key(j, "worst_finding");
      if (r->worst) {
        slg_json_object_begin(j);
        slg_json_key(j, "id");
        slg_json_str(j, slg_finding_id(r->worst->kind));
        slg_json_key(j, "severity");
        slg_json_str(j, slg_severity_name(r->worst->severity));
        slg_json_object_end(j);
      } else {
        slg_json_null(j);
      }
      slg_json_object_end(j);
    }
    slg_json_array_end(j);
    free(rows);
  }
  slg_json_object_end(j);

  slg_buf_dispose(&tmp);
}

/* The keys of one "shuffle_ranking" entry. */
void slg_json_ranked_keys(const slg_report *rep, const slg_ranked *r,
                          slg_json *j)
{
  const slg_stage_attempt *t = r->attempt;
  slg_json_key(j, "rank");
  slg_json_u64(j, r->rank);
  slg_json_key(j, "app");
  json_app(j, (int64_t)r->app);
  slg_json_key(j, "file");
  json_app_file(j, rep, r->app);
  slg_json_key(j, "stage");
  slg_json_u64(j, r->stage->id);
  slg_json_key(j, "attempt");
  slg_json_u64(j, t->attempt);
  slg_json_key(j, "job");
  if (r->stage->njobs)
    slg_json_u64(j, r->stage->jobs[0]);
  else
    slg_json_null(j);
  slg_json_key(j, "name");
  slg_json_str(j, r->stage->name);
  slg_json_key(j, "kind");
  slg_json_str(j, slg_stage_kind_name(r->stage->kind));
  slg_json_key(j, "tasks");
  slg_json_u64(j, t->tasks.succeeded);
  slg_json_key(j, "wall_ms");
  json_num_or_null(j, r->wall_ms, 3);
  slg_json_key(j, "task_ms_sum");
  slg_json_double(j, r->task_ms, 0);
  slg_json_key(j, "share");
  slg_json_double(j, r->share, 4);
  slg_json_key(j, "p50_ms");
  json_num_or_null(j, r->p50, 3);
  slg_json_key(j, "p90_ms");
  json_num_or_null(j, r->p90, 3);
  slg_json_key(j, "max_ms");
  json_num_or_null(j, r->max, 3);
  slg_json_key(j, "skew");
  json_num_or_null(j, r->skew, 2);
  slg_json_key(j, "median_zero");
  slg_json_bool(j, r->median_zero);
  slg_json_key(j, "resubmitted_because");
  slg_json_str(j, t->resubmitted_because == SLG_RESUBMIT_NONE
                      ? NULL
                      : slg_resubmit_name(t->resubmitted_because));
  slg_json_key(j, "fetch_failures");
  slg_json_u64(j, slg_fetch_failures(t));
  slg_json_key(j, "failed_tasks");
  slg_json_u64(j, t->tasks.failed);
  slg_json_key(j, "shuffle_write");
  json_i64_or_null(j, r->stage->shuffle_write);
  slg_json_key(j, "shuffle_reads");
  slg_json_array_begin(j);
  for (size_t k = 0; k < r->stage->nshuffle_reads; k++)
    slg_json_u64(j, r->stage->shuffle_reads[k]);
  slg_json_array_end(j);
  slg_json_key(j, "reasons");
  slg_json_array_begin(j);
  for (int k = 0; k < SLG_FINDING_COUNT; k++)
    if (r->reasons & (1u << k))
      slg_json_str(j, slg_reason_words((slg_finding_kind)k));
  slg_json_array_end(j);
  slg_json_key(j, "finding_ids");
  slg_json_array_begin(j);
  for (int k = 0; k < SLG_FINDING_COUNT; k++)
    if (r->reasons & (1u << k))
      slg_json_str(j, slg_finding_id((slg_finding_kind)k));
  slg_json_array_end(j);
}

/* The keys of one "findings" entry. */
void slg_json_finding_keys(const slg_report *rep, const slg_finding *f,
                           slg_json *j)
{
  slg_json_key(j, "id");
  slg_json_str(j, slg_finding_id(f->kind));
  slg_json_key(j, "severity");
  slg_json_str(j, slg_severity_name(f->severity));
  slg_json_key(j, "app");
  json_app(j, f->app);
  slg_json_key(j, "job");
  json_i64_or_null(j, f->job);
  slg_json_key(j, "stage");
  json_i64_or_null(j, f->stage);
  slg_json_key(j, "attempt");
  json_i64_or_null(j, f->attempt);
  slg_json_key(j, "stages");
  slg_json_array_begin(j);
  for (size_t s = 0; s < f->nstages; s++) {
    slg_json_object_begin(j);
    slg_json_key(j, "stage");
    slg_json_i64(j, f->stages[s].stage);
    slg_json_key(j, "attempt");
    slg_json_i64(j, f->stages[s].attempt);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  slg_json_key(j, "message");
  slg_json_str(j, f->message);
  slg_json_key(j, "evidence");
  slg_json_object_begin(j);
  for (size_t e = 0; e < f->nevidence; e++) {
    slg_json_key(j, f->evidence[e].key);
    if (f->evidence[e].str)
      slg_json_str(j, f->evidence[e].str);
    else
      slg_json_double(j, f->evidence[e].num, 3);
  }
  slg_json_object_end(j);
  slg_json_key(j, "suggestion");
  slg_json_str(j, f->suggestion);
  slg_json_key(j, "lines");
  slg_json_array_begin(j);
  for (size_t l = 0; l < f->nlines; l++) {
    slg_json_object_begin(j);
    slg_json_key(j, "file");
    slg_json_str(j, f->lines[l].file < rep->nfiles
                        ? rep->files[f->lines[l].file].path
                        : NULL);
    slg_json_key(j, "line");
    slg_json_u64(j, f->lines[l].line);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
}

/* "suppressed" and "findings_dropped". */
void slg_json_suppressed_keys(const slg_report *rep, slg_json *j)
{
  const slg_analysis *a = rep->analysis;
  slg_buf tmp = SLG_BUF_INIT;
  slg_json_key(j, "suppressed");
  slg_json_object_begin(j);
  slg_json_key(j, "count");
  slg_json_u64(j, a->nsuppressed);
  slg_json_key(j, "ids");
  slg_json_array_begin(j);
  for (size_t i = 0; i < a->nsuppressed; i++) {
    slg_buf_clear(&tmp);
    slg_finding_ref(&a->suppressed[i], &tmp);
    slg_json_strn(j, tmp.ptr, tmp.len);
  }
  slg_json_array_end(j);
  slg_json_object_end(j);
  slg_json_key(j, "findings_dropped");
  slg_json_u64(j, a->dropped);
  slg_buf_dispose(&tmp);
}

/* The check object: the gate's setting and each limit set. */
void slg_json_check_object(const slg_report *rep, slg_json *j)
{
  const slg_analysis *a = rep->analysis;
  const slg_thresholds *t = rep->thresholds;
  slg_json_object_begin(j);
  slg_json_key(j, "fail_on");
  slg_json_str(j, slg_severity_name(t->fail_on));
  /* The gate as the exit status and the closing line have it: input
   * with no Spark application is "empty" and does not pass. */
  slg_gate gate = slg_analysis_gate(a, t);
  slg_json_key(j, "passed");
  slg_json_bool(j, gate == SLG_GATE_PASSED);
  slg_json_key(j, "gate");
  slg_json_str(j, gate == SLG_GATE_PASSED   ? "passed"
                  : gate == SLG_GATE_FAILED ? "failed"
                                            : "empty");
  slg_json_key(j, "limits");
  slg_json_array_begin(j);
  for (size_t i = 0; i < SLG_CHECK_COUNT; i++) {
    const slg_check_result *c = &a->checks[i];
    if (c->limit < 0)
      continue;
    slg_json_object_begin(j);
    slg_json_key(j, "key");
    slg_json_str(j, c->key);
    slg_json_key(j, "limit");
    slg_json_double(j, c->limit, 3);
    slg_json_key(j, "worst");
    if (c->worst_app < 0) /* nothing measured: unknown, not 0 */
      slg_json_null(j);
    else
      slg_json_double(j, c->worst, 3);
    slg_json_key(j, "worst_app");
    json_app(j, c->worst_app);
    slg_json_key(j, "breached");
    slg_json_bool(j, c->breached);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  slg_json_object_end(j);
}

/* The analysis' keys: "verdict", "shuffle_ranking", "findings" and, for
 * the check, "check". */
static void analysis_keys(const slg_report *rep, const slg_render_options *o,
                          slg_json *j)
{
  const slg_analysis *a = rep->analysis;
  if (!a)
    return;
  slg_json_key(j, "verdict");
  slg_json_verdict_object(rep, j);
  slg_json_key(j, "shuffle_ranking");
  slg_json_array_begin(j);
  for (size_t i = 0; i < a->nranking; i++) {
    slg_json_object_begin(j);
    slg_json_ranked_keys(rep, &a->ranking[i], j);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  slg_json_key(j, "findings");
  slg_json_array_begin(j);
  for (size_t i = 0; i < a->nfindings; i++) {
    slg_json_object_begin(j);
    slg_json_finding_keys(rep, &a->findings[i], j);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  slg_json_suppressed_keys(rep, j);
  if (o->view == SLG_VIEW_CHECK && rep->thresholds) {
    slg_json_key(j, "check");
    slg_json_check_object(rep, j);
  }
}

void slg_render_json(const slg_report *rep, const slg_render_options *o,
                     slg_buf *out)
{
  slg_json j;
  slg_json_init(&j, out, o->pretty);
  slg_json_object_begin(&j);
  slg_json_key(&j, "schema");
  slg_json_str(&j, SLG_SCHEMA);
  slg_json_key(&j, "generator");
  slg_json_str(&j, "sparklog " SLG_VERSION);
  slg_json_input_key(rep, &j);
  slg_json_key(&j, "levels");
  slg_json_levels(&j, rep->acc->levels);
  slg_json_loggers_keys(rep, &j);
  slg_model_render_json(rep, &j);
  analysis_keys(rep, o, &j);
  slg_json_object_end(&j);
  slg_buf_putc(out, '\n');
}
