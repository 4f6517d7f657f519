/*
 * budget.h - where an application's wall time went (issue 24): start-up,
 * tasks running, task sets pending, the driver working alone, shutdown.
 *
 * One sweep over the model's events in input order: between two events
 * nothing changes, so the time from one to the next goes to the category
 * the state after the first one names, by precedence running > pending >
 * driver-only. Running is "at least one task started and not ended" (the
 * model's running_tasks), pending "a task set added whose first task has
 * not started". Nothing per task is stored.
 *
 * The time after the latest job end is tentative: a later job end makes
 * it part of the middle ([first job, last job end]); at the end of the
 * application it is shutdown (slg_budget_finish drops it) unless a job
 * is still open. Gaps and periods found in it are kept apart the same
 * way.
 *
 * All times are the log's own milliseconds (slg_time_ms), so durations
 * have the log's resolution: whole seconds in Spark's default layout.
 */
#ifndef SLG_BUDGET_H
#define SLG_BUDGET_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "model.h"

/* A silence or period counts from this many milliseconds on. */
#define SLG_BUDGET_GAP_MS 5000
/* Entries kept per list (the rest counted). */
#define SLG_BUDGET_TOP 10
/* Open task sets whose wait is measured (more are still counted). */
#define SLG_BUDGET_OPEN_SETS 64
/* Characters of a line's text kept ("..." follows a cut one). */
#define SLG_BUDGET_TEXT 120

/* The middle's categories. */
enum {
  SLG_BUDGET_RUNNING,
  SLG_BUDGET_PENDING,
  SLG_BUDGET_JOB_NO_TASK, /* driver-only while a job is open */
  SLG_BUDGET_NO_JOB,      /* driver-only with no job open */
  SLG_BUDGET_PARTS
};

/* A silence between two consecutive timed lines (gap), or a maximal
 * driver-only interval (period). Texts are owned, NULL when unknown. */
typedef struct slg_budget_gap {
  int64_t ms;          /* driver-only milliseconds */
  int64_t silence_ms;  /* gaps: the whole silence */
  int64_t start_ms;
  slg_pos before, after;
  char *before_text, *after_text;
  int job_open;        /* a job was open: job_no_task, else no_job */
  int streaming_idle;  /* either line says the query is idle */
} slg_budget_gap;

typedef struct slg_budget_list {
  slg_budget_gap top[SLG_BUDGET_TOP]; /* longest first */
  size_t n;
  uint64_t count;      /* all of them */
} slg_budget_list;

/* A task set whose first task started late. */
typedef struct slg_budget_wait {
  int64_t ms;
  uint64_t stage, attempt, tasks;
  slg_pos added, first_task;
} slg_budget_wait;

typedef struct slg_budget_open_set {
  uint64_t stage, attempt, tasks;
  int64_t ms;
  slg_pos pos;
} slg_budget_open_set;

typedef struct slg_budget {
  /* The sweep. */
  int64_t last_ms;     /* the latest event's time, -1 before one */
  int middle;          /* the first job was submitted */
  int running;         /* a task runs */
  uint32_t pending;    /* task sets waiting for their first task */
  uint32_t jobs_open, map_jobs_open;
  int64_t startup_ms;
  int64_t part[SLG_BUDGET_PARTS]; /* up to the latest job end */
  int64_t tent[SLG_BUDGET_PARTS]; /* after it */
  slg_pos first_job;
  int64_t first_job_ms;
  slg_pos last_end;
  int64_t last_end_ms; /* -1 while no job ended */
  /* The driver-only interval in progress. */
  int in_period;
  int64_t period_ms;
  slg_pos period_from;
  int period_job;      /* a job was open when it began */
  slg_budget_gap straddle; /* the period open at the latest job end, cut
                              there (ms 0: none) */
  slg_budget_list gaps, gaps_tent;
  slg_budget_list periods, periods_tent;
  slg_budget_wait waits[SLG_BUDGET_TOP];
  size_t nwaits;
  uint64_t waits_count;
  slg_budget_open_set open_sets[SLG_BUDGET_OPEN_SETS];
  size_t nopen_sets;
  /* Set by slg_budget_finish. */
  int open_at_end;     /* jobs still open: the middle runs to the end */
  int finished;
} slg_budget;

void slg_budget_init(slg_budget *b);
void slg_budget_dispose(slg_budget *b);

/* A job was submitted ("Got job N"; map: "Got map stage job N"). */
void slg_budget_job_start(slg_budget *b, int64_t ms, const slg_pos *pos,
                          int map);
/* An open job ended; map: a map-stage job. */
void slg_budget_job_end(slg_budget *b, int64_t ms, const slg_pos *pos,
                        int map);
/* "Adding task set S.A with N tasks". */
void slg_budget_taskset(slg_budget *b, int64_t ms, const slg_pos *pos,
                        uint64_t stage, uint64_t attempt, uint64_t tasks);
/*
 * Task lines from `first_ms` to `last_ms` (one line: equal), `last` the
 * last one's position. `rise`: the first of them after which a task ran
 * (a start; NULL: none), from where tasks ran until the last line (the
 * parallel path cuts its runs so: task_runs.h; a moment with none running
 * between lines of the same time lasts no time). `now`: whether a task
 * ran after them; `first_start`: the first task of attempt
 * stage.attempt started with them (at `rise`).
 */
void slg_budget_tasks(slg_budget *b, int64_t first_ms, int64_t last_ms,
                      const slg_pos *rise, const slg_pos *last, int now,
                      int first_start, uint64_t stage, uint64_t attempt);
/* A step of `silence_ms` >= SLG_BUDGET_GAP_MS between two consecutive
 * timed lines; texts are the raw lines (copied, shortened). */
void slg_budget_silence(slg_budget *b, int64_t silence_ms,
                        const slg_pos *before, slg_span before_text,
                        const slg_pos *after, slg_span after_text);
/* Closes the sweep at the application's last time `end_ms`. */
void slg_budget_finish(slg_budget *b, int64_t end_ms, const slg_pos *end);

/* The line's text as reported: tabs as spaces, trimmed, cut at
 * SLG_BUDGET_TEXT characters and "..." (a new string). */
char *slg_budget_text(slg_span line);

#endif /* SLG_BUDGET_H */
