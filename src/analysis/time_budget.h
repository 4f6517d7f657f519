/*
 * time_budget.h - an application's wall time split into parts that sum to
 * it exactly (issue 24), from the model's sweep (budget.h) and the
 * application's ends. Pure functions over the finished model.
 */
#ifndef SLG_TIME_BUDGET_H
#define SLG_TIME_BUDGET_H

#include <stdint.h>

#include "budget.h"
#include "model_types.h"

typedef struct slg_time_budget {
  /* NULL: the parts below hold; else why there is no budget
   * ("no_timestamps", "no_scheduler_lines", "no_jobs"). */
  const char *null_reason;
  int resolution_ms;   /* 1000: whole seconds; 1: milliseconds */
  int64_t wall_ms;     /* first to last time of the application */
  int64_t startup_ms;  /* first line to the first "Got job" */
  int64_t running_ms, pending_ms, job_no_task_ms, no_job_ms;
  int64_t driver_only_ms; /* job_no_task_ms + no_job_ms */
  /* Last job end to "Successfully stopped SparkContext" (the outcome's
   * idle after the last job when the stop is logged), else to the end;
   * 0 when a job is left open. */
  int64_t shutdown_ms;
  int64_t after_stop_ms; /* the context's stop to the application's end */
  int open_at_end;     /* jobs left open: the middle runs to the end */
  /* An application that ran no job, stage or task: start-up to the end
   * of SparkContext's construction (the backend ready, else the driver's
   * block manager, else nothing), the driver alone to its stop's first
   * line (stop_requested), shutdown to the context's stop, after_stop to
   * the end. */
  int no_jobs;
  /* The first line of the context's stop: "Invoking stop() from shutdown
   * hook", "SparkContext is stopping", "Stopped Spark web UI" (line 0:
   * none). */
  slg_pos stop_requested;
  int64_t stop_requested_ms;
  const slg_budget *b; /* the sweep's lists (NULL with null_reason) */
} slg_time_budget;

void slg_time_budget_of(slg_time_budget *out, const slg_app *a);

#endif /* SLG_TIME_BUDGET_H */
