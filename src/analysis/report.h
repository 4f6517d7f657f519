/*
 * report.h - what the renderers read: one read-only view of a run.
 *
 * The pipeline counts lines and files and builds the logger histogram and
 * the model; the caller analyses the finished model. An slg_report points
 * at all of them (it copies nothing) so that a renderer needs no other
 * object and no layer above the analysis. The pipeline fills one with
 * slg_pipeline_report, or hands one to the callbacks registered with
 * slg_pipeline_on_end while the stream is read (pipeline.h).
 *
 * Lifetime: every pointer borrows from the pipeline (and from the
 * caller's analysis and thresholds) and is valid until the pipeline is fed,
 * finished or freed again; take a fresh view after that.
 */
#ifndef SLG_REPORT_H
#define SLG_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "classify.h"
#include "histogram.h"
#include "input_kind.h"
#include "layout.h"
#include "model.h"

struct slg_analysis;
struct slg_thresholds;

typedef struct slg_file_info {
  char *path;
  uint64_t bytes_read, bytes_decoded;
  uint64_t lines, records, continuation_lines, unrecognized_lines;
  int error;             /* 0 or SLG_E* */
  uint64_t error_offset; /* with error */
  const char *format;    /* SLG_EFORMAT: what the input is (static) */
  int ended;             /* slg_pipeline_end_file was called */
  slg_time first, last;  /* earliest and latest record time in the file */
  int64_t first_ms, last_ms; /* their slg_time_ms */
} slg_file_info;

/* A file a directory argument held that the run did not read, and why
 * (static text: "dotfile", "symbolic link", "archive", "not text", ...).
 * Listed once in the report; never an input error. */
typedef struct slg_skipped_file {
  char *path;
  const char *reason;
} slg_skipped_file;

/* Line accounting: lines == records + continuation + unrecognized. */
typedef struct slg_accounting {
  uint64_t lines, records, continuation_lines, unrecognized_lines;
  uint64_t by_class[SLG_UNRECOGNIZED_COUNT];
  uint64_t lines_cut;              /* longer than max_line */
  uint64_t records_without_logger; /* layouts that carry no logger */
  uint64_t levels[SLG_LEVEL_COUNT + 1]; /* last slot: no level */
  uint64_t layout_records[SLG_MAX_LAYOUTS + 1];
  /* Lines the --layout pattern gave up on at its match limit
   * (layout_pattern.h): read by detection, or unrecognised. */
  uint64_t layout_limit_hits;
  /* Records read from a relay's message, by relay id
   * (slg_layout_relay_name). */
  uint64_t unwrapped[SLG_MAX_RELAYS];
  slg_time first, last; /* earliest and latest record time */
  int64_t first_ms, last_ms; /* their slg_time_ms */
  uint64_t timed_records; /* records with a time */
  /* The longest stretch without a record: the largest forward step
   * between consecutive timed records of one file (gap_ms < 0: none). A
   * step backwards (a time-only log crossing midnight, clock skew) is not
   * a gap. */
  slg_time gap_from, gap_to;
  int64_t gap_ms;
  uint64_t time_steps_back; /* consecutive records going back in time */
} slg_accounting;

typedef struct slg_report {
  const slg_accounting *acc;
  const slg_file_info *files; /* in argument order */
  size_t nfiles;
  const slg_histogram *hist;  /* the loggers */
  const slg_model *model;     /* slg_model_apps() and the model's counts */
  const slg_layout *layout;   /* the layouts' patterns, by layout id */
  size_t max_line;            /* lines longer than this were cut */
  int finished;               /* slg_pipeline_finish was called */
  /* Set by the caller after slg_analysis_run; NULL: not analysed (always
   * while the stream is read). */
  const struct slg_analysis *analysis;
  const struct slg_thresholds *thresholds; /* NULL: the defaults */
  /* Set by the caller: files of directory arguments not read. */
  const slg_skipped_file *skipped;
  size_t nskipped;
  /* slg_platform_logger_bits of every logger, or-ed once for the report
   * (slg_report_platform runs per application); 0 with loggers_known 0:
   * computed where needed. */
  unsigned platform_loggers;
  int platform_loggers_known;
} slg_report;

/*
 * A callback for output while the stream is read (slg_pipeline_on_end):
 * `e` says what ended (model.h); `r` is the report so far, without
 * analysis. Both are valid during the call only.
 */
typedef void (*slg_report_end_fn)(void *ctx, const slg_report *r,
                                  const slg_end *e);

/* What the input looked like, from the loggers and the line classes. */
slg_input_kind slg_report_input_kind(const slg_report *r);

/* 1 when every file was read to its end without error. */
int slg_report_complete(const slg_report *r);

/*
 * The --layout pattern when it was given and read no record of a
 * non-empty input (layouts were then detected automatically, or nothing
 * was read), NULL otherwise. Owned by the report's layout detector.
 */
const char *slg_report_layout_unmatched(const slg_report *r);

/* The path of file `index` (an slg_pos's file), NULL when out of range. */
const char *slg_report_file_path(const slg_report *r, uint32_t index);

#endif /* SLG_REPORT_H */
