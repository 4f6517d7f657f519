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
  uint64_t timed_records; /* records with a time */
  /* The longest stretch without a record: the largest forward step
   * between consecutive timed records of one file (gap_ms < 0: none). A
   * step backwards (a time-only log crossing midnight, clock skew) is not
   * a gap. */
  slg_time gap_from, gap_to;
  int64_t gap_ms;
  uint64_t time_steps_back; /* consecutive records going back in time */
} slg_accounting;

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
  slg_accounting acc;
  int finished;
};

/* 1 when every file was read to its end without error. */
int slg_pipeline_complete(const slg_pipeline *p);

#endif /* SLG_PIPELINE_H */
