/*
 * histogram.h - records counted per logger (canonical short name).
 *
 * The first `max_loggers` distinct names are counted exactly, each with
 * its per-level counts, first and last timestamp and the longest
 * unabbreviated full name seen; records of further names are summed into
 * one "other" bucket (distinct names there are counted up to a bound, see
 * histogram.c). Memory is bounded by max_loggers, whatever the input.
 */
#ifndef SLG_HISTOGRAM_H
#define SLG_HISTOGRAM_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

typedef struct slg_logger_stats {
  char *name;      /* canonical short name, NUL-terminated */
  size_t name_len;
  char *full_name; /* longest unabbreviated dotted name seen, or NULL */
  size_t full_name_len;
  uint64_t count;
  uint64_t levels[SLG_LEVEL_COUNT + 1]; /* last slot: no level */
  slg_time first, last; /* earliest and latest (flags 0 when none) */
  int64_t first_ms, last_ms; /* slg_time_ms of first and last */
  uint64_t first_seq, last_seq; /* stream order of first/last record */
} slg_logger_stats;

typedef struct slg_histogram {
  slg_logger_stats *loggers; /* in order of first appearance */
  size_t count, max_loggers;
  uint32_t *slots; /* open addressing: index + 1, 0 = empty */
  size_t nslots;
  size_t loggers_cap;
  uint64_t other_count;    /* records of loggers past the bound */
  uint64_t other_distinct; /* distinct names past the bound */
  int other_distinct_exact; /* 0: other_distinct is a lower bound */
  uint64_t *other_set;     /* hashes of the names past the bound */
  size_t other_set_n, other_set_cap;
  uint64_t seq;
  size_t last_idx; /* logger of the previous record + 1, 0 = none */
  size_t prev_idx; /* the other logger seen most recently + 1, 0 = none */
  int reference;   /* the lookup always hashes (fastpath.h) */
} slg_histogram;

/* reference != 0: the two most recent loggers are never tried before the
 * hash (fastpath.h, HIST_RECENT). */
void slg_histogram_init(slg_histogram *h, size_t max_loggers, int reference);
void slg_histogram_dispose(slg_histogram *h);
/* Empties h for reuse with the same bound, keeping its tables (a chunk
 * parsed after another). */
void slg_histogram_reset(slg_histogram *h);

/*
 * Counts one record. `logger` is the name as written, `short_name` its
 * canonical short form (a sub-span). Returns the logger's index, or -1
 * when it fell into "other".
 */
long slg_histogram_add(slg_histogram *h, slg_span logger, slg_span short_name,
                       slg_level level, const slg_time *time);

/* The same with the time's slg_time_ms already computed (`ms`, ignored
 * when the time has no SLG_TIME_HAS_TIME): the pipeline computes it once
 * per record. */
long slg_histogram_add_ms(slg_histogram *h, slg_span logger,
                          slg_span short_name, slg_level level,
                          const slg_time *time, int64_t ms);

/*
 * Merging the histogram of a later stretch of the stream (another
 * thread's): slg_histogram_can_merge says whether the result would equal
 * counting both stretches in one histogram (it is not when `from` sent
 * records to "other", or when `into` would overflow); slg_histogram_merge
 * then adds `from` into `into`.
 */
int slg_histogram_can_merge(const slg_histogram *into,
                            const slg_histogram *from);
void slg_histogram_merge(slg_histogram *into, const slg_histogram *from);

/* One record of logger s (here, not in histogram.c: inlined into the
 * scan, it runs for every record). */
static inline void slg_histogram_count(slg_histogram *h, slg_logger_stats *s,
                                       slg_level level, const slg_time *time,
                                       int64_t ms)
{
  s->count++;
  s->levels[level >= 0 && level < SLG_LEVEL_COUNT ? (int)level
                                                  : SLG_LEVEL_COUNT]++;
  s->last_seq = h->seq++;
  /* Ties: the first of equal times stays first, the last becomes last
   * (what slg_time_cmp's < 0 and >= 0 did). */
  if (time->flags & SLG_TIME_HAS_TIME) {
    if (!s->first.flags || ms < s->first_ms) {
      s->first = *time;
      s->first_ms = ms;
    }
    if (!s->last.flags || ms >= s->last_ms) {
      s->last = *time;
      s->last_ms = ms;
    }
  }
}

/* Counts one more record of logger `idx`, which slg_histogram_add_ms
 * returned for the same logger name as written: the lookup and the
 * full-name check (already made for that name) are skipped. */
static inline void slg_histogram_add_index(slg_histogram *h, size_t idx,
                                           slg_level level,
                                           const slg_time *time, int64_t ms)
{
  slg_histogram_count(h, &h->loggers[idx], level, time, ms);
}

/* Indexes of the loggers sorted by count (desc), then name; caller frees. */
size_t *slg_histogram_sorted(const slg_histogram *h);

#endif /* SLG_HISTOGRAM_H */
