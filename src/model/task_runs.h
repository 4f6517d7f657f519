/*
 * task_runs.h - task starts and ends of one stage attempt, summed on the
 * thread that parsed them, for the model to apply at once.
 *
 * Most lines of a big driver log are TaskSetManager "Starting task" and
 * "Finished task" lines, in runs of one stage attempt with only ignored
 * loggers (BlockManagerInfo) between them. The parallel path queued one
 * item per such line for the merging thread, and that queue and its apply
 * were a third of a two-thread run's CPU. A chunk now sums each run into
 * one slg_task_delta (task_delta.h) as it parses: each line's delta
 * (slg_task_line_of) added to the run's (slg_task_delta_sum), and
 * slg_model_apply_run (model_events.h) applies the sum with the same
 * result as its lines one by one. A line that the sum cannot take
 * (slg_task_runs_accepts) ends the run and is applied on its own.
 *
 * This is a fast path of the fastpath registry (TASK_RUNS): a store made
 * in reference mode accepts no line, so every task line is applied on its
 * own.
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
#include "task_delta.h"

typedef struct slg_task_run {
  /* The lines' sum; its list pointers are unset while the lists grow:
   * slg_task_runs_delta gives the whole delta. */
  slg_task_delta sum;
  slg_time first, last;      /* the first and last line's time */
  int64_t first_ms, last_ms; /* their slg_time_ms */
  /* The first line after which the walk stood above its lowest (a task
   * ran, whatever ran before the run) and the first line's number: the
   * time budget places the moment tasks ran again there (budget.h). */
  uint64_t first_line, rise_line;
  int risen;
  /* The last dated record after its last line that the model takes
   * nothing from (tail_ms valid when tail.flags): the application's end
   * (slg_task_runs_tail). */
  slg_time tail;
  int64_t tail_ms;
  /* Where its lists start in the owner's arrays. */
  size_t localities, parts, durations, retries, execs, tallies;
} slg_task_run;

typedef struct slg_task_runs {
  int reference; /* accept nothing (reference mode) */
  slg_task_run *runs;
  size_t nruns, runs_cap;
  slg_task_exec *execs;
  size_t nexecs, execs_cap;
  uint16_t *tallies;
  size_t ntallies, tallies_cap;
  uint8_t *localities;
  size_t nlocalities, localities_cap;
  uint32_t *parts;
  size_t nparts, parts_cap;
  uint64_t *durations;
  size_t ndurations, durations_cap;
  uint64_t *retries;
  size_t nretries, retries_cap;
  /* The open run's executors by exec_num: slot[num] - 1 indexes its
   * execs when stamp[num] == serial (a run's serial number, so that a
   * new run needs no clearing). */
  uint32_t serial;
  uint32_t stamp[SLG_EXEC_NUM];
  uint16_t slot[SLG_EXEC_NUM];
} slg_task_runs;

/* Caller-allocated (it is large: put it in a heap object). `reference`
 * non-zero: slg_task_runs_accepts refuses every line. */
void slg_task_runs_init(slg_task_runs *rs, int reference);
void slg_task_runs_dispose(slg_task_runs *rs);
/* Forgets every run, keeping the memory. */
void slg_task_runs_reset(slg_task_runs *rs);

/*
 * 1 when an extracted record can join a run: not in reference mode, a
 * task start or end of a scheduler logger, extracted whole, at a time
 * with a date (a time-only layout moves the model's day count), naming
 * no executor or a small canonical numeric one (exec_num >= 0: the run's
 * executor lookup is indexed by it). Inline: it is asked for every
 * modelled record a chunk parses.
 */
static inline int slg_task_runs_accepts(const slg_task_runs *rs,
                                        const slg_model_item *it,
                                        const slg_time *time)
{
  const slg_event *ev = &it->ev;
  const unsigned dated = SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME;
  if (rs->reference)
    return 0;
  if (!it->modelled || !it->scheduler || it->result != SLG_EXTRACT_OK)
    return 0;
  if ((time->flags & dated) != dated)
    return 0;
  if (ev->exec.len > 0 && it->exec_num < 0)
    return 0;
  return ev->kind == SLG_EV_TASK_START || ev->kind == SLG_EV_TASK_END;
}

/*
 * Adds an accepted record, with its time, slg_time_ms and line number, to
 * the last
 * run when `extend` is set and that run is of the same stage attempt;
 * otherwise opens a run with it. Returns 1 when it opened one. The spans
 * of it->ev must live as long as the runs (until the next reset).
 */
int slg_task_runs_add(slg_task_runs *rs, int extend, const slg_model_item *it,
                      const slg_time *time, int64_t time_ms,
                      uint64_t line_no);

/* A dated record the model takes nothing from, after the last run's
 * last line: the run ends the application's clock at it. */
void slg_task_runs_tail(slg_task_runs *rs, const slg_time *time,
                        int64_t time_ms);

/* Run r's sum with its lists, valid until the runs next change. */
slg_task_delta slg_task_runs_delta(const slg_task_runs *rs,
                                   const slg_task_run *r);

#endif /* SLG_TASK_RUNS_H */
