/*
 * time_budget.c - the parts of an application's wall time (time_budget.h).
 *
 * The sweep (budget.h) measured the middle, [first job, last job end];
 * start-up is the first line to the first job, and what follows the last
 * job end is shutdown up to the context's stop, then after_stop. So the
 * parts sum to the wall time by construction, which test_time_budget
 * checks.
 */
#include "time_budget.h"

#include <string.h>

/* The earliest of the stop's first lines. */
static void stop_requested(slg_time_budget *out, const slg_app *a)
{
  out->stop_requested = a->hook_pos;
  out->stop_requested_ms = a->hook_ms;
  slg_pos p = a->milestone_pos[SLG_MILESTONE_STOP_REQUESTED];
  if (p.line != 0 && (out->stop_requested.line == 0 ||
                      p.file < out->stop_requested.file ||
                      (p.file == out->stop_requested.file &&
                       p.line < out->stop_requested.line))) {
    out->stop_requested = p;
    out->stop_requested_ms = a->milestone_ms[SLG_MILESTONE_STOP_REQUESTED];
  }
}

/* `ms` within [lo, hi], or `dflt` when unknown (< 0). */
static int64_t clamp(int64_t ms, int64_t dflt, int64_t lo, int64_t hi)
{
  if (ms < 0)
    ms = dflt;
  return ms < lo ? lo : ms > hi ? hi : ms;
}

/* The parts of an application that ran nothing (time_budget.h). */
static void jobless(slg_time_budget *out, const slg_app *a)
{
  int64_t start = a->start_ms, end = a->end_ms;
  int64_t ready = a->milestone_ms[SLG_MILESTONE_BACKEND_READY];
  if (ready < 0)
    ready = a->milestone_ms[SLG_MILESTONE_DRIVER_BLOCK_MANAGER];
  ready = clamp(ready, start, start, end);
  int64_t stop = clamp(out->stop_requested.line ? out->stop_requested_ms
                                                : -1,
                       a->sc_stop_pos.line ? a->sc_stop_ms : end, ready,
                       end);
  int64_t stopped =
      clamp(a->sc_stop_pos.line ? a->sc_stop_ms : -1, stop, stop, end);
  out->no_jobs = 1;
  out->startup_ms = ready - start;
  out->no_job_ms = out->driver_only_ms = stop - ready;
  out->shutdown_ms = stopped - stop;
  out->after_stop_ms = end - stopped;
}

void slg_time_budget_of(slg_time_budget *out, const slg_app *a)
{
  memset(out, 0, sizeof *out);
  out->resolution_ms = (a->start.flags & SLG_TIME_HAS_MS) ? 1 : 1000;
  if (a->start_ms < 0 || a->end_ms < a->start_ms) {
    out->null_reason = "no_timestamps";
    return;
  }
  out->wall_ms = a->end_ms - a->start_ms;
  const slg_budget *b = a->budget;
  stop_requested(out, a);
  /* Ran nothing between a context's start and its stop, both logged: a
   * run that ended before its first job. A context with no logged stop
   * (a JVM's shutdown hook alone included) may have run work with the
   * scheduler's loggers silenced: that cannot be told. */
  int stopped = a->sc_stop_pos.line || out->stop_requested.line;
  if ((b == NULL || !b->middle) && a->njobs == 0 && a->nstages == 0 &&
      a->total_task_ms == 0 && a->peak_running_tasks == 0 && stopped) {
    static const slg_budget none; /* no line of the sweep's lists */
    jobless(out, a);
    out->b = b != NULL ? b : &none;
    return;
  }
  if (b == NULL || !b->middle) {
    out->null_reason =
        a->scheduler_lines == 0 ? "no_scheduler_lines" : "no_jobs";
    return;
  }
  out->b = b;
  out->startup_ms = b->first_job_ms - a->start_ms;
  if (out->startup_ms < 0) /* a clock that stepped back (threads racing) */
    out->startup_ms = 0;
  out->running_ms = b->part[SLG_BUDGET_RUNNING];
  out->pending_ms = b->part[SLG_BUDGET_PENDING];
  out->job_no_task_ms = b->part[SLG_BUDGET_JOB_NO_TASK];
  out->no_job_ms = b->part[SLG_BUDGET_NO_JOB];
  out->driver_only_ms = out->job_no_task_ms + out->no_job_ms;
  out->open_at_end = b->open_at_end;
  int64_t used = out->startup_ms + out->running_ms + out->pending_ms +
                 out->driver_only_ms;
  int64_t rest = out->wall_ms - used;
  if (rest < 0) /* timestamps stepped back past the end */
    rest = 0;
  if (!b->open_at_end && a->sc_stop_pos.line && a->sc_stop_ms >= 0 &&
      a->sc_stop_ms >= b->last_end_ms && a->sc_stop_ms <= a->end_ms)
    out->after_stop_ms = a->end_ms - a->sc_stop_ms;
  if (out->after_stop_ms > rest)
    out->after_stop_ms = rest;
  out->shutdown_ms = rest - out->after_stop_ms;
  /* The parts sum to the wall time; a log whose clock went back can make
   * the sweep's middle longer than first-to-last: the wall is then the
   * sum. */
  out->wall_ms = used + rest;
}
