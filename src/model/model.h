/*
 * model.h - the application -> job -> stage -> task model, rebuilt from the
 * driver's scheduler messages (the pipeline-facing interface).
 *
 * The pipeline hands every record (and every continuation line) to the
 * model in input order; the model extracts typed events from the messages
 * of the scheduler loggers (extract_*.c) and applies them. Memory grows
 * with the number of applications, jobs, stages and executors, never with
 * the number of lines or tasks.
 */
#ifndef SLG_MODEL_H
#define SLG_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "common.h"
#include "layout.h"

/* Where a line is: input file index (0-based, argument order) and 1-based
 * line number within that file. */
typedef struct slg_pos {
  uint32_t file;
  uint64_t line;
} slg_pos;

typedef struct slg_model slg_model;

/*
 * A new, empty model. `reference` non-zero: reference mode (fastpath.h):
 * the model's caches (the last stage, the executor direct table) are
 * never used, and lookups take the general id maps. The report is the
 * same either way.
 */
slg_model *slg_model_new(int reference);
void slg_model_free(slg_model *m);

/* A new input file starts (records never span files). */
void slg_model_begin_file(slg_model *m, uint32_t file);

/* The current file ended after `lines` lines: an application the log cuts
 * off ends at its last line. */
void slg_model_end_file(slg_model *m, uint64_t lines);

/*
 * One record. `logger` is the canonical short name of rec->logger
 * (slg_logger_short): the route of the record (model_events.h). The
 * record's spans are borrowed for the duration of the call only.
 */
void slg_model_record(slg_model *m, const slg_record *rec, slg_span logger,
                      const slg_pos *pos);

/* A continuation line of the most recent record (stack trace, etc.). */
/* A step of silence_ms >= SLG_BUDGET_GAP_MS (budget.h) between two
 * consecutive timed lines, with their raw texts (borrowed for the call),
 * applied before the record after it. */
void slg_model_silence(slg_model *m, int64_t silence_ms,
                       const slg_pos *before, slg_span before_text,
                       const slg_pos *after, slg_span after_text);
void slg_model_continuation(slg_model *m, slg_span line, const slg_pos *pos);

/* A line that is not a record and not a continuation, which
 * slg_trace_line_wanted (failure.h) took: "Exception in thread" or a
 * traceback with no record before it. The scans hand over exactly those
 * lines, so the model ends the same whatever path read the input. */
void slg_model_trace_line(slg_model *m, slg_span line, const slg_pos *pos);

/* The stream ended: close jobs and stages left open, derive skipped
 * stages, finish statistics. */
void slg_model_finish(slg_model *m);

/*
 * What ended, for slg_model_on_end. Pointers into the model, valid during
 * the callback only (a later event may move them).
 *   SLG_END_STAGE  a stage attempt's end was logged ("finished in",
 *                  "failed in", a cancellation); a failure's reason may
 *                  still follow on continuation lines;
 *   SLG_END_JOB    a job's end was logged (or, for a map-stage job, its
 *                  final stage's); a job that logs no end gets none;
 *   SLG_END_APP    no more events go to the application: the next one
 *                  began, or the stream ended (then after
 *                  slg_model_finish has derived its skipped stages and
 *                  shuffle readers; an earlier application gets those
 *                  at the end of the stream only);
 *   SLG_END_BATCH  a streaming batch completed (engine.h): a progress
 *                  report read whole, or a DStreams "Total delay" line;
 *                  it is not kept in the model.
 * Each fires once per entity, in input order.
 */
typedef enum slg_end_kind {
  SLG_END_STAGE,
  SLG_END_JOB,
  SLG_END_APP,
  SLG_END_BATCH
} slg_end_kind;

struct slg_job;
struct slg_stage;
struct slg_stage_attempt;
struct slg_engine_batch;

typedef struct slg_end {
  slg_end_kind kind;
  size_t app; /* index in slg_model_apps() */
  /* The line that ended it: for an application, the one that began the
   * next, or the last line the model took. */
  slg_pos pos;
  const struct slg_job *job;     /* SLG_END_JOB */
  const struct slg_stage *stage; /* SLG_END_STAGE */
  const struct slg_stage_attempt *attempt; /* SLG_END_STAGE */
  /* SLG_END_STAGE: 1 when the stage leaves the model after the callback
   * (beyond slg_model_set_max_stages, every attempt ended): whatever the
   * report needs of it must be taken now. */
  int fold;
  const struct slg_engine_batch *batch; /* SLG_END_BATCH */
} slg_end;

typedef void (*slg_end_fn)(void *ctx, const slg_end *e);

/* Calls fn(ctx, ...) whenever an application, job or stage attempt ends
 * (NULL: none). The callback must not change the model. A stage attempt
 * is compacted (its lookups and spare room freed, fastpath.h
 * MODEL_COMPACT) only after the callback for its end returned: the
 * callback sees it whole, and what the report reads never changes. */
void slg_model_on_end(slg_model *m, slg_end_fn fn, void *ctx);

/*
 * The hostile-input cap (--max-stages; 0, the default: none). Once `max`
 * stages are held, a further stage still builds while it runs and is
 * told to the end callback with slg_end.fold set when its last running
 * attempt ends; then it leaves the model (its applications' stage array
 * and lookups) and only slg_model_stages_folded counts it. Jobs keep its
 * id. A later line for it starts it anew.
 */
void slg_model_set_max_stages(slg_model *m, uint64_t max);

/* Stages folded by the cap, and (attempts non-NULL) their attempts. */
uint64_t slg_model_stages_folded(const slg_model *m, uint64_t *attempts);

/*
 * Folding for a report written while the log is read (the ndjson stream
 * alone, whose end callback writes each stage attempt as it ends): once
 * `held` stages are held (0, the default: never), a further stage folds
 * when it ends exactly as past slg_model_set_max_stages (slg_end.fold),
 * but it is not capped: slg_model_stages_folded does not count it (no
 * STAGES_CAPPED), slg_model_stages_streamed does. Memory then grows with
 * what runs, not with what ran.
 */
void slg_model_set_fold_held(slg_model *m, uint64_t held);
uint64_t slg_model_stages_streamed(const slg_model *m);

/* The shuffle links of stage `s` of application `app` as the end of the
 * input will make them (finish_app), known already when it ends: returns
 * the id of the shuffle it writes (-1 none) and sets *reads to the ids of
 * those it reads (malloc'd, the caller frees; NULL when none, or when
 * s->shuffle_reads is set already). For an attempt analysed before the
 * end (slg_fold_attempt). */
int64_t slg_model_stage_links(const slg_model *m, size_t app,
                              const struct slg_stage *s, uint64_t **reads,
                              size_t *nreads);

/* The applications' cap (--max-apps; 0, the default: none): once `max`
 * applications are held, the lines of each further one go on in the
 * last (its jobs, stages and failures counted there, so a failure still
 * shows); slg_model_apps_merged counts those applications. */
void slg_model_set_max_apps(slg_model *m, uint64_t max);
uint64_t slg_model_apps_merged(const slg_model *m);

/* Message templates kept per application (messages.h), default
 * SLG_DEFAULT_MAX_TEMPLATES. */
void slg_model_set_max_templates(slg_model *m, size_t max);
/* Counts a WARN/ERROR/FATAL record's template `k` (messages.h) at `pos`
 * in the current application; before the first one, in the one that
 * comes next. Touches nothing else of the model. */
struct slg_msg_key;
void slg_model_message(slg_model *m, const struct slg_msg_key *k,
                       const slg_pos *pos);

/* Events rejected because an id or number was too large to be real. */
uint64_t slg_model_rejected_events(const slg_model *m);


/* Records from the scheduler loggers (DAGScheduler, TaskSetManager,
 * TaskSchedulerImpl and its YARN names) over the whole stream. 0 in a log
 * kept at WARN: the report should then say so (slg_model_scheduler_hint). */
uint64_t slg_model_scheduler_lines(const slg_model *m);

/* The Spark version of the last "Running Spark version" seen, NULL when
 * none; owned by the model. */
const char *slg_model_spark_version(const slg_model *m);

/*
 * Appends a plain sentence explaining that no scheduler lines were found,
 * with the logging setting that enables them in the syntax of the
 * detected version: log4j 1 ("log4j.logger.org.apache.spark.scheduler=
 * INFO") before 3.3, log4j2 ("logger.scheduler.name = ..." /
 * "logger.scheduler.level = info") from 3.3 on, both when unknown.
 */
void slg_model_scheduler_hint(const slg_model *m, slg_buf *out);

#endif /* SLG_MODEL_H */
