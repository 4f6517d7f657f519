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
