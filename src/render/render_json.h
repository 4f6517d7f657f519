/*
 * render_json.h - the object writers of the sparklog/2 document, shared
 * by the batch document (render_json.c, render_json_model.c) and the
 * ndjson stream (render_ndjson.c): a key that both write has one name and
 * one value because one function writes it.
 *
 * The *_keys functions write their keys into the JSON object open in `j`
 * (the caller begins and ends it, so the stream can put its placing keys
 * first); the *_object and *_key functions write a whole value.
 */
#ifndef SLG_RENDER_JSON_H
#define SLG_RENDER_JSON_H

#include "analysis.h"
#include "buf.h"
#include "model_types.h"
#include "report.h"

/* {"trace": n, "debug": n, ...}: records by level. */
void slg_json_levels(slg_json *j, const uint64_t *levels);
/* One entry of input.files. */
void slg_json_file_keys(slg_json *j, const slg_file_info *f);
/* "input": {...} (key and object). */
void slg_json_input_key(const slg_report *rep, slg_json *j);
/* "loggers": [...] and "loggers_other": {...}. */
void slg_json_loggers_keys(const slg_report *rep, slg_json *j);

/* The model's objects (render_json_model.c): an application's own keys
 * (o NULL: no outcome keys; not its jobs, stages, executors or
 * shuffles), one job, one stage attempt (t NULL: a stage that never ran),
 * one executor, one shuffle. */
void slg_json_app_keys(slg_json *j, const slg_report *rep, const slg_app *a,
                       size_t ai, const slg_app_outcome *o);
/* "engine": an application's engine features, null when it logged none
 * (render_json_engine.c); the keys of an ndjson `batch` line. */
void slg_json_engine_key(slg_json *j, const slg_report *rep,
                         const slg_app *a);
struct slg_engine_batch;
void slg_json_batch_keys(slg_json *j, const slg_report *rep,
                         const struct slg_engine_batch *b);
/* skipped NULL: the job's skipped_stages (set by slg_model_finish); the
 * stream gives the ones known when it writes the job. */
void slg_json_job_keys(slg_json *j, const slg_job *b, const uint64_t *skipped,
                       size_t nskipped);
void slg_json_attempt_keys(slg_json *j, const slg_app *a, const slg_stage *s,
                           const slg_stage_attempt *t);
void slg_json_executor_keys(slg_json *j, const slg_executor *e);
/* "time_budget": {...} (key and object; render_json_budget.c). */
void slg_json_time_budget(slg_json *j, const slg_report *rep,
                          const slg_app *a);
void slg_json_shuffle_keys(slg_json *j, const slg_shuffle *s);

/* The analysis' objects (rep->analysis set; the check's also
 * rep->thresholds). */
void slg_json_verdict_object(const slg_report *rep, slg_json *j);
void slg_json_ranked_keys(const slg_report *rep, const slg_ranked *r,
                          slg_json *j);
void slg_json_finding_keys(const slg_report *rep, const slg_finding *f,
                           slg_json *j);
/* "suppressed": {...} and "findings_dropped": n. */
void slg_json_suppressed_keys(const slg_report *rep, slg_json *j);
void slg_json_check_object(const slg_report *rep, slg_json *j);

/* Message templates (render_messages.c): an application's "messages"
 * (all kept, by count then first line), "templates_other" and
 * "warn_error_lines"; the latter two alone; one template's keys (an
 * ndjson `message`). */
struct slg_msg;
void slg_json_messages_keys(slg_json *j, const slg_report *rep,
                            const slg_app *a);
void slg_json_templates_other(slg_json *j, const slg_app *a);
void slg_json_message_keys(slg_json *j, const slg_report *rep,
                           const struct slg_msg *m);

#endif /* SLG_RENDER_JSON_H */
