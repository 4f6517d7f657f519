/*
 * task_runs.h - task starts and ends of one stage attempt, summed on the
 * thread that parsed them, for the model to apply at once.
 *
 * Most lines of a big driver log are TaskSetManager "Starting task" and
 * "Finished task" lines, in runs of one stage attempt with only ignored
 * loggers (BlockManagerInfo) between them. The parallel path queued one
 * item per such line for the merging thread, and that queue and its apply
 * were a third of a two-thread run's CPU. A chunk now sums each run into
 * a slg_task_run as it parses, and slg_model_apply_run (model_events.h)
 * applies the run with the same result as its lines one by one.
 *
 * What a run keeps so that the sum is exact:
 *   - counts: lines, starts, ends, localities, task milliseconds;
 *   - the partitions started and the durations ended, as lists: the
 *     attempt's partition bitset and duration sketch take them in turn;
 *   - its executors in order of first appearance (the model creates
 *     executors in that order), each with its first non-empty host and
 *     its ended tasks and milliseconds, and the order of each executor's
 *     first end (the attempt's tallies are made in that order, the first
 *     SLG_MAX_STAGE_EXECUTORS of them apart);
 *   - the walk of running tasks, +1 a start and -1 an end, which the
 *     model never lets go below 0. With S the walk's sum, L its lowest and
 *     H its highest prefix (the empty prefix, 0, counts) and R its highest
 *     rise (S_k - S_j over j <= k), r running tasks before the run end as
 *     S + max(r, -L), and the peak becomes the larger of the old peak,
 *     r + H and R;
 *   - the first and last line's time: the model's clock, the attempt or
 *     application the run's first line creates, the application's end.
 * A line that would need more (slg_task_run_accepts) ends the run and is
 * applied on its own.
 *
 * Storage: the runs and their lists live in one slg_task_runs that the
 * chunk owns; spans borrow from the chunk's bytes (STYLE.md: events
 * handed between threads live in chunk-owned buffers until merged).
 */
#ifndef SLG_TASK_RUNS_H
#define SLG_TASK_RUNS_H

#include <stddef.h>
#include <stdint.h>

#include "model_events.h"

/* exec_num values are below this (model_events.h: slg_model_item). */
#define SLG_EXEC_NUM 4096

/* One executor's part in a run. */
typedef struct slg_task_run_exec {
  slg_span id;        /* as the run's first line that named it wrote it */
  slg_span host;      /* the first non-empty host given with it, or empty */
  uint64_t tasks;     /* tasks that ended on it */
  uint64_t task_ms;   /* their milliseconds */
  int16_t num;        /* exec_num of id */
  uint8_t ended;      /* in the tally order already */
} slg_task_run_exec;

typedef struct slg_task_run {
  uint64_t stage, attempt;
  slg_time first, last;      /* the first and last line's time */
  int64_t first_ms, last_ms; /* their slg_time_ms */
  uint64_t started, succeeded;
  uint64_t locality[SLG_LOC_COUNT];
  uint64_t task_ms;          /* sum over ends */
  int64_t walk, walk_low, walk_high, walk_rise; /* S, L, H, R above */
  /* Where its lists start in the owner's arrays, and their lengths: */
  size_t execs, nexecs;       /* executors by first appearance */
  size_t tallies, ntallies;   /* indexes into execs[] by first end */
  size_t parts, nparts;       /* partitions started */
  size_t durations, ndurations; /* ms of each end, in order */
} slg_task_run;

typedef struct slg_task_runs {
  slg_task_run *runs;
  size_t nruns, runs_cap;
  slg_task_run_exec *execs;
  size_t nexecs, execs_cap;
  uint16_t *tallies;
  size_t ntallies, tallies_cap;
  uint32_t *parts;
  size_t nparts, parts_cap;
  uint64_t *durations;
  size_t ndurations, durations_cap;
  /* The open run's executors by exec_num: slot[num] - 1 indexes its
   * execs when stamp[num] == serial (a run's serial number, so that a
   * new run needs no clearing). */
  uint32_t serial;
  uint32_t stamp[SLG_EXEC_NUM];
  uint16_t slot[SLG_EXEC_NUM];
} slg_task_runs;

/* Caller-allocated (it is large: put it in a heap object). */
void slg_task_runs_init(slg_task_runs *rs);
void slg_task_runs_dispose(slg_task_runs *rs);
/* Forgets every run, keeping the memory. */
void slg_task_runs_reset(slg_task_runs *rs);

/*
 * 1 when an extracted record can join a run: a task start or end of a
 * scheduler logger, extracted whole, at a time with a date (a time-only
 * layout moves the model's day count), naming no executor or a small
 * canonical numeric one (exec_num >= 0), and for a start, the task's
 * first attempt (a later one asks the model whether it was speculative).
 * Inline: it is asked for every modelled record a chunk parses.
 */
static inline int slg_task_run_accepts(const slg_model_item *it,
                                       const slg_time *time)
{
  const slg_event *ev = &it->ev;
  const unsigned dated = SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME;
  if (!it->modelled || !it->scheduler || it->result != SLG_EXTRACT_OK)
    return 0;
  if ((time->flags & dated) != dated)
    return 0;
  if (ev->exec.len > 0 && it->exec_num < 0)
    return 0;
  if (ev->kind == SLG_EV_TASK_START)
    return ev->task_attempt == 0;
  return ev->kind == SLG_EV_TASK_END;
}

/*
 * Adds an accepted record, with its time and slg_time_ms, to the last
 * run when `extend` is set and that run is of the same stage attempt;
 * otherwise opens a run with it. Returns 1 when it opened one. The spans
 * of it->ev must live as long as the runs (until the next reset).
 */
int slg_task_runs_add(slg_task_runs *rs, int extend, const slg_model_item *it,
                      const slg_time *time, int64_t time_ms);

#endif /* SLG_TASK_RUNS_H */
