/*
 * render.h - the report in each output format, written into a buffer.
 *
 * One renderer per format (render_json.c, render_text.c, ...). They read
 * a report (report.h), never the pipeline, and never print: the CLI writes
 * the buffer out.
 * Every subcommand's JSON is the same full sparklog/1 document; the text
 * renderers show the part the subcommand is about.
 */
#ifndef SLG_RENDER_H
#define SLG_RENDER_H

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
} slg_render_options;

void slg_render_json(const slg_report *rep, const slg_render_options *o,
                     slg_buf *out);
void slg_render_text(const slg_report *rep, const slg_render_options *o,
                     slg_buf *out);
void slg_render_markdown(const slg_report *rep, const slg_render_options *o,
                         slg_buf *out);
void slg_render_junit(const slg_report *rep, const slg_render_options *o,
                      slg_buf *out);
void slg_render_github(const slg_report *rep, const slg_render_options *o,
                       slg_buf *out);

/* render_model.c: the model's sections. */
/*
 * Writes the model's keys into the JSON object currently open in `j`
 * ("apps": [...]), as documented in docs/json-schema.md.
 */
void slg_model_render_json(const slg_model *m, slg_json *j);

/* Text renderers (render_model.c); `color` != 0 emits ANSI colours. */
void slg_model_render_text_summary(const slg_model *m, slg_buf *out,
                                   int color);
void slg_model_render_text_jobs(const slg_model *m, slg_buf *out, int color);
void slg_model_render_text_stages(const slg_model *m, slg_buf *out,
                                  int color);

/* render_findings.c: the analysis as text (verdict, ranking, findings,
 * check results) and as JSON keys of the open top-level object. */
void slg_render_text_verdict(const slg_report *rep,
                             const slg_render_options *o, slg_buf *out);
void slg_render_text_ranking(const slg_report *rep,
                             const slg_render_options *o, slg_buf *out,
                             size_t limit);
void slg_render_text_findings(const slg_report *rep,
                              const slg_render_options *o, slg_buf *out);
void slg_render_text_checks(const slg_report *rep,
                            const slg_render_options *o, slg_buf *out);
void slg_render_json_analysis(const slg_report *rep,
                              const slg_render_options *o, slg_json *j);
/* Appends `text` wrapped at 78 columns, each line indented by `indent`
 * spaces; '\n' in text forces a break. Ends with a newline. */
void slg_text_wrap(slg_buf *out, const char *text, size_t indent);

/* A one-line verdict sentence ("succeeded" / "FAILED: ..."). */
void slg_verdict_sentence(const slg_report *rep, slg_buf *out);

/* Shared by the text renderers: ANSI styling that is a no-op without
 * colour. */
#define SLG_STYLE_BOLD "\x1b[1m"
#define SLG_STYLE_DIM "\x1b[2m"
#define SLG_STYLE_RED "\x1b[31m"
#define SLG_STYLE_YELLOW "\x1b[33m"
#define SLG_STYLE_GREEN "\x1b[32m"
#define SLG_STYLE_CYAN "\x1b[36m"
#define SLG_STYLE_RESET "\x1b[0m"

/* Appends `text` wrapped in `style` when color is on. */
void slg_styled(slg_buf *b, int color, const char *style, const char *text);

/* Display width of a UTF-8 string (code points; no East Asian width). */
size_t slg_text_width(const char *s, size_t n);
/* Appends s padded with spaces to `width` columns (left-aligned, or
 * right-aligned when right != 0); s is UTF-8-repaired. */
void slg_put_cell(slg_buf *b, const char *s, size_t n, size_t width,
                  int right);

#endif /* SLG_RENDER_H */
