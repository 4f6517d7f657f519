/*
 * io_phases.h - the driver's I/O phases of an application, as the lines
 * of the loggers that carry them tell (docs/spark-io-phases.md): file
 * listing, write jobs and their commits, output committers, Hive
 * metastore and catalog calls, broadcast builds.
 *
 * One slg_io_phases per application, allocated on its first I/O line
 * (most applications have none or one kind): per kind the line count,
 * the first and last line with their times, and the durations the lines
 * state ("It took N ms to list leaf files", "Elapsed time: N ms"), the
 * first SLG_IO_MAX_EVENTS of them kept with their lines. Bounded: five
 * kinds of fixed size per application.
 */
#ifndef SLG_IO_PHASES_H
#define SLG_IO_PHASES_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "extract_io.h"
#include "model.h"


/* "listing", "write_commit", "committer", "metastore", "broadcast_build". */
const char *slg_io_kind_name(slg_io_kind k);

#define SLG_IO_MAX_EVENTS 20

/* A line that states a duration. */
typedef struct slg_io_event {
  slg_pos pos;
  double ms;
} slg_io_event;

typedef struct slg_io_phase {
  uint64_t lines;           /* 0: the kind was not seen */
  slg_pos first, last;
  int64_t first_ms, last_ms; /* -1 before the first timed line */
  uint64_t durations;       /* lines that state a duration */
  double duration_sum_ms, duration_max_ms;
  slg_pos duration_max_pos;
  /* Time between two of its lines that follow each other in the file
   * (line N, then N + 1): the driver was in the phase all along ("Start
   * to commit write Job" .. "Write Job committed", a metastore client's
   * start-up). Lines spread over the run (broadcasts) add nothing. */
  int64_t contiguous_ms;
  int last_timed; /* the last line had a time */
  slg_io_event events[SLG_IO_MAX_EVENTS]; /* the first ones */
  size_t nevents;
} slg_io_phase;

typedef struct slg_io_phases {
  slg_io_phase kind[SLG_IO_KIND_COUNT];
} slg_io_phases;

/*
 * Counts a line of kind `k` at `pos` into *p (allocated on the first
 * call; free with slg_io_phases_free). `ms` is the duration it states,
 * negative when none; `now_ms` its time, `timed` 0 when the line (or the
 * log) has none.
 */
void slg_io_phases_add(slg_io_phases **p, slg_io_kind k, double ms,
                       const slg_pos *pos, int64_t now_ms, int timed);

/* The time a kind spans, first to last line (ms; -1 when untimed). */
int64_t slg_io_phase_span_ms(const slg_io_phase *ph);

/* The time a kind took, as far as the log says: the larger of its
 * stated durations' sum and its contiguous time (ms). The finding
 * IO_PHASE_DOMINATES compares it with the application's wall time. */
double slg_io_phase_ms(const slg_io_phase *ph);

/* 1 when *p holds at least one line. */
int slg_io_phases_any(const slg_io_phases *p);

void slg_io_phases_free(slg_io_phases *p);

#endif /* SLG_IO_PHASES_H */
