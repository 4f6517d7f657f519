/*
 * render.h - the report in each output format, written into a buffer.
 *
 * One renderer per format (render_json.c, render_text.c, ...). They read
 * a report (report.h), never the pipeline, and never print: the CLI writes
 * the buffer out.
 * Every subcommand's JSON is the same full sparklog/2 document; the text
 * renderers show the part the subcommand is about.
 */
#ifndef SLG_RENDER_H
#define SLG_RENDER_H

#include "analysis.h"
#include "buf.h"
#include "format.h"
#include "model.h"
#include "report.h"

/* What the text output is about (the subcommand). */
typedef enum slg_view {
  SLG_VIEW_REPORT, /* the default full report */
  SLG_VIEW_LOGGERS,
  SLG_VIEW_JOBS,
  SLG_VIEW_STAGES,
  SLG_VIEW_SHUFFLES,
  SLG_VIEW_CHECK
} slg_view;

/* How to present a report (what to show is in the report itself). */
typedef struct slg_render_options {
  slg_view view;
  int color;     /* emit ANSI colour */
  int pretty;    /* indent JSON */
  size_t top;    /* rows in the default report's tables */
  /* When not NULL, the text views append their notes (files not read or
   * skipped, lines not recognised or cut: "note: ..." lines, without
   * colour) here instead of to the report, for the CLI's stderr. */
  slg_buf *notes;
  size_t width;  /* text columns no line exceeds (0: SLG_TEXT_WIDTH) */
} slg_render_options;

/* The report in `format` (include/sparklog.h), appended to out: the one
 * switch over formats, for the CLI and the public API alike. */
void slg_render(const slg_report *rep, const slg_render_options *o,
                slg_format format, slg_buf *out);

void slg_render_json(const slg_report *rep, const slg_render_options *o,
                     slg_buf *out);
void slg_render_text(const slg_report *rep, const slg_render_options *o,
                     slg_buf *out);
/* The Markdown summary: at most SLG_MD_MAX bytes (GitHub's step summary
 * limit), appended to out (which must have no sink). */
#define SLG_MD_MAX ((size_t)1 << 20)
void slg_render_markdown(const slg_report *rep, const slg_render_options *o,
                         slg_buf *out);
void slg_render_junit(const slg_report *rep, const slg_render_options *o,
                      slg_buf *out);
void slg_render_github(const slg_report *rep, const slg_render_options *o,
                       slg_buf *out);
void slg_render_gitlab(const slg_report *rep, const slg_render_options *o,
                       slg_buf *out);

/*
 * The sparklog-ndjson/1 stream (render_ndjson.c, docs/ndjson-schema.md),
 * written into `out` as the input is read:
 *   slg_ndjson_new     a writer appending to out (borrowed; the caller
 *                      takes the lines out of it whenever it likes);
 *   slg_ndjson_header  the first line: command ("report", "check", ...)
 *                      and the options that change the objects (NULL:
 *                      the defaults);
 *   slg_ndjson_on_end  an slg_report_end_fn for slg_pipeline_on_end, ctx
 *                      the writer: job and stage lines;
 *   slg_ndjson_flush   when the input goes idle (slg_pipeline_on_idle);
 *   slg_ndjson_finish  after slg_analysis_run, rep->analysis set: what
 *                      no end wrote, the analysis' objects and the
 *                      summary, last.
 * slg_render_ndjson is the same without a stream: every object from
 * slg_ndjson_finish.
 */
#define SLG_NDJSON_SCHEMA "sparklog-ndjson/1"
typedef struct slg_ndjson slg_ndjson;
slg_ndjson *slg_ndjson_new(slg_buf *out);
void slg_ndjson_free(slg_ndjson *n);
void slg_ndjson_header(slg_ndjson *n, const char *command,
                       const slg_options *opt);
void slg_ndjson_on_end(void *ctx, const slg_report *r, const slg_end *e);
/* The input went idle: what waits for the next line is written now (a
 * job waits one event for the line that gives its duration). */
void slg_ndjson_flush(slg_ndjson *n, const slg_report *r);
void slg_ndjson_finish(slg_ndjson *n, const slg_report *rep,
                       const slg_render_options *o);
void slg_render_ndjson(const slg_report *rep, const slg_render_options *o,
                       slg_buf *out);

/* `sparklog explain`: component c, or every component when c is NULL, as
 * SLG_FORMAT_JSON (schema sparklog-explain/1) or else text fitting
 * `width` columns (0: SLG_TEXT_WIDTH). */
struct slg_component;
void slg_render_explain(const struct slg_component *c, slg_format format,
                        size_t width, slg_buf *out);

/* render_json_model.c: the model's part of the document. */
/*
 * Writes the model's keys into the JSON object currently open in `j`
 * ("apps": [...]), as documented in docs/json-schema.md.
 */
void slg_model_render_json(const slg_report *rep, slg_json *j);

/* A root cause as a JSON object (docs/json-schema.md, "root_cause"). */
/* `key` (none when NULL) then {"file": path, "line": N}, or null for
 * line 0 (not seen). */
void slg_json_pos(slg_json *j, const slg_report *rep, const char *key,
                  slg_pos p);
void slg_root_cause_render_json(const slg_report *rep,
                                const slg_root_cause *c, slg_json *j);

/* render_text_model.c; `color` != 0 emits ANSI colours. */
void slg_model_render_text_summary(const slg_model *m, slg_buf *out,
                                   int color);
/* The jobs tree and the stages table fit `width` columns (0: 80). */
void slg_model_render_text_jobs(const slg_model *m, slg_buf *out, int color,
                                size_t width);
void slg_model_render_text_stages(const slg_model *m, slg_buf *out,
                                  int color, size_t width);
/* One row of the jobs tree each: an application's heading ("app 1:
 * name  Spark 3.5.1  app-id"; index 0-based), a job, a stage attempt. */
struct slg_app;
struct slg_job;
struct slg_stage;
struct slg_stage_attempt;
void slg_model_render_text_app_row(const struct slg_app *a, size_t index,
                                   slg_buf *out);
void slg_model_render_text_job_row(const struct slg_job *j, slg_buf *out,
                                   int color, size_t width);
void slg_model_render_text_stage_row(const struct slg_stage *s,
                                     const struct slg_stage_attempt *t,
                                     slg_buf *out, int color, size_t width);

/* render_text_analysis.c: the analysis as text (verdict, ranking,
 * findings, check results). */
/* The "Time" section (render_text_budget.c), nothing when no
 * application has a time budget; and the verdict's sentence on the
 * driver working alone, nothing when its share is small. */
void slg_render_text_time(const slg_report *rep, const slg_render_options *o,
                          slg_buf *out);
void slg_time_verdict_sentence(const slg_report *rep, slg_buf *out);
void slg_render_text_verdict(const slg_report *rep,
                             const slg_render_options *o, slg_buf *out);
/* One line per file and application (only when there are several), e.g.
 * "  app 2 (file b.log, application_1_0002): 3 jobs, 1 failed, 1m02s";
 * a file where no application starts gets "  file c.log: ...". */
void slg_render_text_app_lines(const slg_report *rep, slg_buf *out,
                               size_t width);
/* The same, the first `limit` applications (0: all) and every one that
 * did not succeed (failed, killed, cancelled, incomplete), then how many
 * more and how many of them succeeded. */
void slg_render_text_app_lines_limit(const slg_report *rep, slg_buf *out,
                                     size_t limit, size_t width);
/* The cross-file table (slg_file_rows), `limit` rows (0: all), then how
 * many more; nothing for one file. */
void slg_render_text_files(const slg_report *rep,
                           const slg_render_options *o, slg_buf *out,
                           size_t limit);
void slg_render_text_ranking(const slg_report *rep,
                             const slg_render_options *o, slg_buf *out,
                             size_t limit);
/* The "Messages" section (render_messages.c): the 10 most frequent
 * WARN/ERROR/FATAL templates; nothing when there is none. */
void slg_render_text_messages(const slg_report *rep,
                              const slg_render_options *o, slg_buf *out);
void slg_render_text_findings(const slg_report *rep,
                              const slg_render_options *o, slg_buf *out);
/* render_text_engine.c: the "Engine" section and its blank line, nothing
 * when no application logged an engine feature. */
void slg_render_text_engine(const slg_report *rep,
                            const slg_render_options *o, slg_buf *out);
void slg_render_text_checks(const slg_report *rep,
                            const slg_render_options *o, slg_buf *out);

/* render.c, shared by several formats. */
/* A one-line verdict sentence ("succeeded" / "FAILED: ..."). */
void slg_verdict_sentence(const slg_report *rep, slg_buf *out);
/* The check's one closing line, without a newline: "check: PASSED", or
 * "check: FAILED (2 errors, 1 limit exceeded: max_failed_tasks)" from
 * slg_analysis_gate and the findings at or above fail_on. Needs
 * rep->analysis and rep->thresholds. */
void slg_gate_sentence(const slg_report *rep, slg_buf *out);
/* A root cause in one line: exception, message, class, file:line, user
 * frame ("java.lang.X: m (task-failure, app.log:84; user code ...)"). */
void slg_root_cause_sentence(const slg_report *rep, const slg_root_cause *c,
                             slg_buf *out);
/* A root cause's short form: the exception (or the start of the
 * message), its class and file:line ("java.lang.X (task-failure,
 * app.log:84)"; "line 84" when the input is one file). */
void slg_root_cause_short(const slg_report *rep, const slg_root_cause *c,
                          slg_buf *out);
/* Item 7's verdict lines, the same in every human format (each escapes
 * the text for its context). An application's (`app` indexes
 * slg_model_apps):
 *   "app 2 (application_1_0002): failed, 3 jobs, 1 failed, 1m02s; root
 *    cause java.lang.X (task-failure, b.log:84)"
 * and a file's (`file` indexes rep->files):
 *   "file b.log: 2 applications: 1 failed, 1 succeeded"
 *   "file c.log: no application starts here". */
void slg_app_verdict_line(const slg_report *rep, size_t app, slg_buf *out);
void slg_file_verdict_line(const slg_report *rep, size_t file, slg_buf *out);
/* The application's line naming its file: "app 2 (file b.log,
 * application_1_0002): ..." (several files, no file lines). */
void slg_app_verdict_line_named(const slg_report *rep, size_t app,
                                slg_buf *out);
/* 1 when the verdict lists its files and applications line by line:
 * several of either (one file with one application: the sentence says
 * it all). */
int slg_verdict_has_lines(const slg_report *rep);
/*
 * The cross-file table (several files): one row per file, worst first
 * (outcome failed, killed, cancelled, incomplete, unknown, succeeded,
 * then files where no application starts; then the worst finding's
 * severity, failed jobs, task time; then argument order). kind is
 * "driver" (an application starts in it), "unread" (an input error before
 * any line), "empty", "not a log" (no record) or "no application".
 * outcome is the worst of its applications' (-1: none); task_ms sums
 * its applications'; worst is its most severe finding (NULL: none).
 * Returns rep->nfiles rows the caller frees; needs rep->analysis.
 */
typedef struct slg_file_row {
  size_t file;
  const char *kind;
  size_t apps, jobs, jobs_failed;
  int outcome; /* slg_outcome, -1 none */
  uint64_t task_ms;
  const slg_finding *worst;
} slg_file_row;
slg_file_row *slg_file_rows(const slg_report *rep);

/* Plain words for a ranked stage's reason ("skewed tasks"). */
const char *slg_reason_words(slg_finding_kind k);
/* The attempt's FetchFailed task count. */
uint64_t slg_fetch_failures(const slg_stage_attempt *t);
/* 1 when the ranking holds stages of several applications. */
int slg_ranking_spans_apps(const slg_analysis *a);

/* One stage attempt of an application: indices into a->stages and its
 * attempts (attempt SIZE_MAX: a stage that never ran, shown once). */
typedef struct slg_attempt_ref {
  size_t stage, attempt;
} slg_attempt_ref;

/*
 * The stage attempts of `a` ordered by stage id, then attempt number (the
 * model keeps them in order of first mention). Returns an array of *n
 * refs the caller frees (NULL when *n is 0).
 */
slg_attempt_ref *slg_stage_order(const slg_app *a, size_t *n);

#endif /* SLG_RENDER_H */
