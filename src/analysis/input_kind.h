/*
 * input_kind.h - what kind of log the input looked like.
 *
 * sparklog reads Spark *driver* logs; an executor log or an unrelated text
 * file gives an empty hierarchy, and the report must say why rather than
 * look like a run with no jobs. The kind is decided from the logger
 * histogram after the stream ends.
 */
#ifndef SLG_INPUT_KIND_H
#define SLG_INPUT_KIND_H

#include <stdint.h>

#include "histogram.h"

typedef enum slg_input_kind {
  SLG_INPUT_EMPTY,       /* no lines at all */
  SLG_INPUT_NOT_SPARK,   /* no record from any Spark component */
  SLG_INPUT_SPARK_OTHER, /* Spark components, but neither driver nor
                            executor (a history server, a fragment, a
                            driver log kept at WARN) */
  SLG_INPUT_EXECUTOR,    /* executor-side loggers, no scheduler */
  SLG_INPUT_EVENT_LOG,   /* a Spark event log (JSON listener events) */
  SLG_INPUT_DRIVER       /* the driver's scheduler or SparkContext */
} slg_input_kind;

/*
 * Classifies a stream from its histogram, its line count and its lines of
 * Spark listener events (the "spark_event" class of unrecognised lines).
 * Loggers past the histogram's bound are not looked at (the first
 * max_loggers names always include the scheduler's in a driver log).
 */
slg_input_kind slg_input_kind_of(const slg_histogram *h, uint64_t lines,
                                 uint64_t event_lines);

/* "empty", "not_spark", "spark_other", "executor", "event_log", "driver". */
const char *slg_input_kind_name(slg_input_kind k);

/* One line for the text report: what the kind means for the report. */
const char *slg_input_kind_note(slg_input_kind k);

#endif /* SLG_INPUT_KIND_H */
