/*
 * pipeline.h - the pipeline's state, for the renderers and tests.
 *
 * slg_pipeline (include/sparklog.h) wires the input-free stages together:
 * lines -> layout -> classify -> histogram + model. The report is the
 * pipeline's state after slg_pipeline_finish; renderers read it here.
 */
#ifndef SLG_PIPELINE_H
#define SLG_PIPELINE_H

#include "classify.h"
#include "histogram.h"
#include "layout.h"
#include "lines.h"
#include "model.h"

typedef struct slg_file_info {
  char *path;
  uint64_t bytes_read, bytes_decoded;
  uint64_t lines, records, continuation_lines, unrecognized_lines;
  int error;             /* 0 or SLG_E* */
  uint64_t error_offset; /* with error */
  int ended;             /* slg_pipeline_end_file was called */
  slg_time first, last;  /* earliest and latest record time in the file */
  int64_t first_ms, last_ms; /* their slg_time_ms */
} slg_file_info;

/* Line accounting: lines == records + continuation + unrecognized. */
typedef struct slg_accounting {
  uint64_t lines, records, continuation_lines, unrecognized_lines;
  uint64_t by_class[SLG_UNRECOGNIZED_COUNT];
  uint64_t lines_cut;              /* longer than max_line */
  uint64_t records_without_logger; /* layouts that carry no logger */
  uint64_t levels[SLG_LEVEL_COUNT + 1]; /* last slot: no level */
  uint64_t layout_records[SLG_MAX_LAYOUTS + 1];
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

/* slg_time_ms with the date's part remembered: records of one log mostly
 * share their date, and the days-from-civil arithmetic was a tenth of
 * the run time when done four times per record. */
typedef struct slg_time_cache {
  uint16_t year;
  uint8_t month, day, flags; /* flags 0: nothing cached */
  int64_t date_ms;
} slg_time_cache;

static inline int64_t slg_time_cache_ms(slg_time_cache *c, const slg_time *t)
{
  if (!(t->flags & SLG_TIME_HAS_TIME))
    return -1;
  int64_t tod = ((int64_t)t->hour * 3600 + t->minute * 60 + t->second) *
                    1000 +
                ((t->flags & SLG_TIME_HAS_MS) ? t->millisecond : 0);
  if (!(t->flags & SLG_TIME_HAS_DATE))
    return tod;
  if (!c->flags || c->year != t->year || c->month != t->month ||
      c->day != t->day) {
    c->year = t->year;
    c->month = t->month;
    c->day = t->day;
    c->flags = 1;
    c->date_ms = slg_time_ms(t) - tod;
  }
  return c->date_ms + tod;
}

struct slg_pipeline {
  slg_options opt;
  slg_layout *layout;
  slg_lines lines;
  slg_context ctx;
  slg_histogram hist;
  slg_model *model;
  slg_file_info *files;
  size_t nfiles, files_cap;
  uint64_t line_no; /* within the current file */
  slg_time prev_time; /* last timed record of the current file */
  int64_t prev_ms;    /* its slg_time_ms */
  slg_time_cache tc;
  char prev_logger[128]; /* logger of the previous record, and */
  size_t prev_logger_len, prev_short_off, prev_short_len; /* its short */
  slg_accounting acc;
  int finished;
};

/* 1 when every file was read to its end without error. */
int slg_pipeline_complete(const slg_pipeline *p);

#endif /* SLG_PIPELINE_H */
