/*
 * task_delta.h - what task starts and ends do to the model, in one form
 * for a single line and for a run of lines.
 *
 * A slg_task_delta is the summed effect of task starts and ends of one
 * stage attempt. The model applies every task line through it, so the
 * effect of a task line is written in three places, each once:
 *   - slg_task_line_of (below): what one line records;
 *   - slg_task_delta_sum (task_runs.c): how two deltas add up, which knows
 *     nothing of log lines;
 *   - the model's apply of a delta (model.c, apply_tasks).
 * The serial path applies a delta of one line; a chunk sums a run of
 * lines into one delta where it parses them (task_runs.h) and the merge
 * applies the sum. Adding a field to what a task line records means adding
 * it to the struct, reading it in slg_task_line_of, adding it in the sum
 * and applying it; no code elsewhere mirrors the model.
 *
 * What a delta keeps so that applying the sum equals applying its lines
 * one by one:
 *   - counts: starts, ends, task milliseconds;
 *   - the locality of each start, the partitions started, the durations
 *     ended and the task indexes launched again (attempt > 0), as lists
 *     in line order: the attempt's partition bitset, duration sketch and
 *     speculation test take them in turn (no line of a delta can mark a
 *     task speculatable). The localities are a list, not six counts, so
 *     that applying a line's delta is one increment, as the line's own;
 *   - its executors in order of first appearance (the model creates
 *     executors in that order), each with its first non-empty host and
 *     its ended tasks and milliseconds, and the order of each executor's
 *     first end (the attempt's tallies are made in that order, the first
 *     SLG_MAX_STAGE_EXECUTORS of them apart);
 *   - the walk of running tasks, +1 a start and -1 an end, which the
 *     model never lets go below 0. With S the walk's sum, L its lowest and
 *     H its highest prefix (the empty prefix, 0, counts) and R its highest
 *     rise (S_k - S_j over j <= k), r running tasks before the delta end
 *     as S + max(r, -L), and the peak becomes the larger of the old peak,
 *     r + H and R.
 * The clock, the position and the scheduler-line count are the record's,
 * not the task's: the callers keep them.
 */
#ifndef SLG_TASK_DELTA_H
#define SLG_TASK_DELTA_H

#include <stddef.h>
#include <stdint.h>

#include "extract.h"

/* Executor ids that are canonical decimals below this have one spelling
 * per value: the model's direct table and a run's executor lookup are
 * indexed by them (slg_model_item.exec_num). */
#define SLG_EXEC_NUM 4096

/* Partitions the model tracks (its per-attempt bitset); one at or beyond
 * this is never new, and a delta keeps it as this value. */
#define SLG_MAX_TRACKED_PARTITION (UINT64_C(1) << 24)

/* One executor's part in a delta. */
typedef struct slg_task_exec {
  slg_span id;        /* as the delta's first line that named it wrote it */
  slg_span host;      /* the first non-empty host given with it, or empty */
  uint64_t tasks;     /* tasks that ended on it */
  uint64_t task_ms;   /* their milliseconds */
  int16_t num;        /* exec_num of id (-1: not a small decimal) */
  uint8_t ended;      /* in the tally order already */
} slg_task_exec;

typedef struct slg_task_delta {
  uint64_t stage, attempt;
  uint64_t started, succeeded;
  uint64_t task_ms;                             /* sum over ends */
  int64_t walk, walk_low, walk_high, walk_rise; /* S, L, H, R above */
  /* The lists, in line order (NULL when empty). */
  const uint8_t *localities;  /* slg_locality of each start: `started` */
  const uint32_t *parts;      /* partitions started, clamped */
  size_t nparts;
  const uint64_t *durations;  /* ms of each end */
  size_t ndurations;
  const uint64_t *retries;    /* task index of each start with attempt > 0 */
  size_t nretries;
  const slg_task_exec *execs; /* by first appearance */
  size_t nexecs;
  const uint16_t *tallies;    /* indexes into execs, by first end */
  size_t ntallies;
} slg_task_delta;

/* The lists of a delta of one line: at most one entry each. Kept apart
 * from the delta, which points into it: a delta whose address is never
 * taken can live in registers once its apply is inlined, and then the
 * counts and list lengths that a line fixes are constants there. */
typedef struct slg_task_line {
  uint8_t locality;
  uint32_t part;
  uint64_t duration;
  uint64_t retry;
  slg_task_exec exec;
  uint16_t tally;
} slg_task_line;

/*
 * The delta d of one task start or end (ev->kind SLG_EV_TASK_START or
 * SLG_EV_TASK_END), its lists in *l; exec_num is slg_model_item.exec_num
 * of its executor. d borrows ev's spans and points into *l. Always
 * inlined: it runs for every task line, on the parsing threads and in the
 * serial model, where the caller that knows ev->kind gets a delta of
 * constants but for the line's values.
 */
static SLG_ALWAYS_INLINE void slg_task_line_of(slg_task_delta *d,
                                               slg_task_line *l,
                                               const slg_event *ev,
                                               int exec_num)
{
  int start = ev->kind == SLG_EV_TASK_START;
  int named = ev->exec.len > 0;
  d->stage = ev->stage;
  d->attempt = ev->attempt;
  d->localities = &l->locality;
  d->parts = &l->part;
  d->durations = &l->duration;
  d->retries = &l->retry;
  d->execs = &l->exec;
  d->tallies = &l->tally;
  d->nexecs = (size_t)named;
  l->exec.id = ev->exec;
  l->exec.host = ev->host;
  l->exec.num = (int16_t)exec_num;
  l->tally = 0;
  if (start) {
    d->started = 1;
    l->locality = (uint8_t)(ev->locality < SLG_LOC_COUNT ? ev->locality
                                                         : SLG_LOC_OTHER);
    d->succeeded = 0;
    d->task_ms = 0;
    d->nparts = (size_t)(ev->flag & 1);
    l->part = (uint32_t)(ev->partition < SLG_MAX_TRACKED_PARTITION
                             ? ev->partition
                             : SLG_MAX_TRACKED_PARTITION);
    d->ndurations = 0;
    d->nretries = (size_t)(ev->task_attempt > 0);
    l->retry = ev->index;
    l->exec.tasks = 0;
    l->exec.task_ms = 0;
    l->exec.ended = 0;
    d->ntallies = 0;
    d->walk = 1;
    d->walk_low = 0;
    d->walk_high = 1;
    d->walk_rise = 1;
  } else {
    uint64_t ms = ev->ms >= 0 ? (uint64_t)ev->ms : 0;
    d->started = 0;
    d->succeeded = 1;
    d->task_ms = ms;
    d->nparts = 0;
    d->ndurations = 1;
    l->duration = ms;
    d->nretries = 0;
    l->exec.tasks = 1;
    l->exec.task_ms = ms;
    l->exec.ended = 1;
    d->ntallies = (size_t)named;
    d->walk = -1;
    d->walk_low = -1;
    d->walk_high = 0;
    d->walk_rise = 0;
  }
}

#endif /* SLG_TASK_DELTA_H */
