/*
 * outcome.h - how each application ended and why: succeeded, failed,
 * killed, cancelled, incomplete or unknown, its failed and cancelled
 * jobs, its end line and idle time, and for a failed or killed one the
 * root cause with its class (docs/spark-failure-messages.md section 8).
 * Pure functions over the finished model.
 */
#ifndef SLG_OUTCOME_H
#define SLG_OUTCOME_H

#include <stddef.h>
#include <stdint.h>

#include "model_types.h"

typedef enum slg_outcome {
  SLG_OUTCOME_UNKNOWN = 0,
  SLG_OUTCOME_SUCCEEDED,
  SLG_OUTCOME_FAILED,
  SLG_OUTCOME_KILLED,
  SLG_OUTCOME_CANCELLED,
  SLG_OUTCOME_INCOMPLETE
} slg_outcome;

/* "unknown", "succeeded", "failed", "killed", "cancelled", "incomplete". */
const char *slg_outcome_name(slg_outcome o);

#define SLG_MAX_CAUSE_LINES 8

/* A root cause. Strings are owned (NULL when the log does not say). */
typedef struct slg_root_cause {
  const char *class_id;  /* static: "task-failure", "java-oom", ... */
  char *exception;       /* "java.lang.NumberFormatException" */
  char *message;         /* "For input string: \"12,50\"" */
  char *deepest_cause;   /* the deepest "Caused by:" as logged */
  char *user_frame;      /* "com.example.Main$.parse(Main.scala:41)" */
  char *python_error;    /* "ValueError: order_ts" */
  slg_pos line;          /* the line that states the cause */
  slg_pos lines[SLG_MAX_CAUSE_LINES]; /* its other lines, in order */
  size_t nlines;
  int inferred;          /* read from consequences, not stated */
  uint64_t count;        /* statements of this cause */
} slg_root_cause;

typedef struct slg_app_outcome {
  slg_outcome outcome;
  int driver_died;       /* the log shows the driver going down */
  int recovered;         /* a job failed, later work succeeded */
  uint64_t *failed_jobs, *cancelled_jobs; /* ids, owned */
  size_t nfailed_jobs, ncancelled_jobs;
  slg_pos start_line, end_line;
  double duration_ms;    /* first line to the end, -1 unknown */
  double idle_after_last_job_ms; /* last job's end to the app end, -1 */
  int has_cause;
  slg_root_cause cause;
} slg_app_outcome;

/*
 * Judges one application. `platform_frames` is a comma-separated list of
 * further frame prefixes that are not user code (NULL or "": none).
 */
void slg_outcome_of(slg_app_outcome *out, const slg_app *a,
                    const char *platform_frames);
void slg_outcome_dispose(slg_app_outcome *o);
void slg_outcome_dispose_cause(slg_root_cause *c);

/* 1 when the text is a wrapper that carries its cause in "Caused by:"
 * ("Job aborted.", "Task failed while writing rows", ...). */
int slg_cause_is_wrapper(const char *text);

/* 1 when the application warned "Initial job has not accepted any
 * resources" and no task ever ran nor any job succeeded: it waited for
 * executors until it ended. */
int slg_outcome_starved_to_the_end(const slg_app *a);

/* The class id a failure text names (section 8), NULL when none. */
const char *slg_cause_class_of(const char *text);

#endif /* SLG_OUTCOME_H */
