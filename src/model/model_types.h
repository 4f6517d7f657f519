/*
 * model_types.h - the data structures of the application -> job -> stage
 * -> task model, for read-only use by the analysis and render layers.
 *
 * Everything is reachable from slg_model_apps() (model.h) as plain arrays
 * with counts, in first-seen order; no call into model.c internals is
 * needed to walk it. All strings are owned by the model, NUL-terminated,
 * and NULL when the log never said. All pointers stay valid until
 * slg_model_free(); they may move while records are still being fed, so
 * read the model only after slg_model_finish().
 *
 * Times: `slg_time` is the timestamp as written (flags == 0 when unknown);
 * the matching `*_ms` field is a monotone millisecond value for arithmetic
 * (slg_time_ms plus whole days added when a time-only layout rolled over
 * midnight), -1 when unknown. Durations are milliseconds as double, -1 when
 * unknown.
 */
#ifndef SLG_MODEL_TYPES_H
#define SLG_MODEL_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "event.h"
#include "executor_loss.h"
#include "model.h"
#include "sketch.h"

/* Status of a job or a stage attempt. */
typedef enum slg_status {
  SLG_STATUS_UNKNOWN = 0, /* seen, but no start/end evidence */
  SLG_STATUS_RUNNING,     /* started, not ended when the log stopped */
  SLG_STATUS_SUCCEEDED,
  SLG_STATUS_FAILED,
  SLG_STATUS_CANCELLED,
  SLG_STATUS_SKIPPED      /* stages only: a parent never submitted */
} slg_status;

/* "unknown", "running", "succeeded", "failed", "cancelled", "skipped". */
const char *slg_status_name(slg_status s);


/* Bounds of the per-stage-attempt tallies (the rest is summed). */
#define SLG_MAX_STAGE_EXECUTORS 256
#define SLG_MAX_FAILURE_KINDS 32
#define SLG_MAX_EVIDENCE 8

/* Task counts and time for one executor within a stage attempt. */
typedef struct slg_exec_tally {
  uint32_t index;    /* into slg_app.executors */
  uint64_t tasks;    /* tasks finished successfully */
  uint64_t task_ms;  /* sum of their durations */
  uint64_t failed;   /* tasks lost on it */
} slg_exec_tally;

/* Failed tasks of one reason kind within a stage attempt. */
typedef struct slg_failure_kind {
  char *kind;          /* "FetchFailed", "ExecutorLostFailure",
                          "TaskKilled", "TaskResultLost",
                          "TaskCommitDenied", "Resubmitted",
                          "UnknownReason", or an exception class such as
                          "java.lang.RuntimeException" */
  uint64_t count;      /* "Lost task" lines of this kind, duplicates
                          included */
  uint64_t duplicates; /* of which "[duplicate N]" repeats */
} slg_failure_kind;

/* Task statistics of one stage attempt (aggregated, never per task). */
typedef struct slg_task_agg {
  uint64_t started;     /* "Starting task" */
  uint64_t succeeded;   /* "Finished task" (TaskSetManager only) */
  uint64_t failed;      /* "Lost task" other than TaskKilled */
  uint64_t killed;      /* "Lost task ... TaskKilled" */
  uint64_t speculatable;/* "Marking task N ... as speculatable" */
  uint64_t speculative; /* launches of an attempt > 0 of a task that was
                           marked speculatable */
  uint64_t retried;     /* launches with attempt > 0 not speculative */
  uint64_t distinct_partitions; /* distinct "partition N" started */
  uint64_t aborted;     /* "Task N in stage S.A failed K times;
                           aborting job" */
  uint64_t locality[SLG_LOC_COUNT];
  uint64_t result_bytes;        /* sum of "N bytes result sent to driver"
                                   (executor side, local mode) */
  uint64_t result_count;        /* lines that gave result_bytes */
  slg_sketch task_ms;           /* durations of succeeded tasks */
  slg_failure_kind *kinds;      /* grown on demand, at most
                                   SLG_MAX_FAILURE_KINDS */
  uint64_t other_kind_failures; /* failures beyond SLG_MAX_FAILURE_KINDS */
  slg_exec_tally *execs;        /* grown on demand, at most
                                   SLG_MAX_STAGE_EXECUTORS */
  slg_exec_tally execs_rest;    /* index unused: all executors beyond
                                   SLG_MAX_STAGE_EXECUTORS, summed */
  /* The model's lookup of a tally by executor index (open addressing,
   * slot + 1 per cell, 0 empty; capacity a power of two; NULL when the
   * attempt ended, rebuilt if a line still comes). */
  uint16_t *execs_ix;
  /* Counts packed together: a log can keep a million of these. */
  uint32_t nkinds;
  uint32_t nexecs;
  uint32_t execs_ix_cap;
} slg_task_agg;

/* A set of small integers, model bookkeeping: bytes 0 empty; up to
 * sizeof(inl) bytes the bits live in `inl` (the few partitions of most
 * stages cost no allocation), beyond that in `ptr`. */
typedef struct slg_bitset {
  union {
    uint8_t *ptr;
    uint8_t inl[8];
  } u;
  size_t bytes;
} slg_bitset;

/* One attempt of a stage (TaskSet "<stage>.<attempt>"). */
typedef struct slg_stage_attempt {
  /* (Fields ordered to leave no padding: a log can keep a million.) */
  uint32_t attempt;     /* from the TaskSet id "3.1" */
  slg_status status;
  slg_time start;       /* "Submitting ..." or the first task seen */
  slg_time end;         /* "finished in" / "failed in" */
  slg_resubmit resubmitted_because;
  uint64_t num_tasks;   /* "Adding task set 3.1 with N tasks" (or
                           "Submitting N missing tasks"); 0 unknown */
  int64_t start_ms;
  int64_t end_ms;
  double duration_ms;   /* as logged ("finished in 1.353 s"), else
                           end_ms - start_ms, else -1 */
  char *failure;        /* "failed in .. due to <reason>" first line */
  int incomplete;       /* first seen mid-run (no "Submitting") or never
                           ended */
  int submitted;        /* the log showed "Submitting <stage>" for it */
  slg_task_agg tasks;
  slg_pos *evidence;    /* notable lines: lost tasks, fetch failures,
                           aborts, stage failure, first of each kind; at
                           most SLG_MAX_EVIDENCE, NULL while none */
  uint32_t nevidence;
  /* Model bookkeeping (not for readers): */
  int taskset_seen;     /* "Adding task set" fixed the attempt number */
  uint32_t prev_same;   /* the index of the attempt before it with its
                           number, in a stage with an attempt index */
  slg_bitset part_bits; /* partitions started */
  slg_bitset spec_bits; /* task indexes marked speculatable */
} slg_stage_attempt;

/* A stage, with all its attempts. */
typedef struct slg_stage {
  uint64_t id;
  slg_stage_kind kind;
  int skipped;          /* listed as a parent, never submitted */
  int incomplete;       /* first seen mid-run */
  /* Model bookkeeping: the reason the next attempt will carry (here, not
   * below, to leave no padding). */
  slg_resubmit pending_resubmit;
  char *name;           /* call site: "count at <console>:24" */
  char *rdd;            /* "MapPartitionsRDD[] at count at <console>:24"
                           with rdd_id 3: read it whole through
                           slg_stage_rdd */
  uint64_t *parents;    /* parent stage ids, from "Parents of final stage"
                           / "Missing parents" */
  size_t nparents;
  int64_t shuffle_write;/* shuffle id written, -1 unknown */
  uint64_t *shuffle_reads; /* shuffle ids read (parents' shuffle_write) */
  size_t nshuffle_reads;
  uint64_t *jobs;       /* ids of the jobs that include it */
  size_t njobs;
  slg_stage_attempt *attempts; /* in attempt order of first sight */
  size_t nattempts;     /* 0 for a skipped stage */
  int64_t rdd_id;       /* N of "SomeRDD[N] at ..", -1 unknown */
  /* Model bookkeeping: the index of the attempts by number (NULL while
   * they are few). */
  struct slg_idmap *attempt_ix;
} slg_stage;

typedef struct slg_job {
  uint64_t id;
  char *callsite;       /* "count at <console>:24" */
  slg_status status;
  int map_stage_job;    /* "Got map stage job" (AQE) */
  slg_time start;       /* "Got job" */
  int64_t start_ms;
  slg_time end;         /* "Job N finished/failed", "Job N is finished.",
                           or its final stage's end for map-stage jobs */
  int64_t end_ms;
  double duration_ms;   /* "took 0.772280 s" / "took 118.37 ms", else
                           end_ms - start_ms, else -1 */
  int64_t result_stage; /* "Final stage: ResultStage 1", -1 unknown */
  uint64_t num_partitions; /* "with N output partitions" */
  uint64_t *stages;     /* all stage ids, ascending */
  size_t nstages;
  uint64_t *skipped_stages; /* of those, the ones never submitted */
  size_t nskipped_stages;
  char *failure;        /* "Job N failed: .." / the final stage's failure */
  slg_pos end_pos;      /* the line of "Job N finished|failed" (0: none) */
  int incomplete;       /* first seen mid-run, or never ended */
  int cancel_requested; /* "Asked to cancel job N" */
  int got;              /* "Got job" seen (bookkeeping) */
} slg_job;

typedef struct slg_executor {
  char *id;             /* "1", "driver" */
  char *host;           /* NULL when unknown */
  slg_time added;       /* "Registered executor", "New executor" */
  slg_time removed;     /* removed / lost */
  int lost;             /* "Lost executor" / "Executor lost" */
  int decommissioned;
  char *lost_reason;    /* "Container killed by YARN for exceeding ..." */
  uint64_t tasks;       /* tasks finished on it (all stages) */
  uint64_t task_ms;
  uint64_t failed_tasks;
  int registered;       /* counted in slg_app.executors_added */
  int live;             /* bookkeeping for executors_max_concurrent */
  /* Why it went away (executor_loss.h): the class of its most specific
   * reason (a death, or a benign removal), that reason's rank, a short
   * quote of it and its line. SLG_EXEC_NONE while nothing says. */
  slg_exec_class loss_class;
  int loss_rank;
  int64_t loss_code;    /* its exit code, INT64_MIN when none */
  char *loss_evidence;  /* NULL when the line gave no text */
  const char *loss_cause; /* its wording's class (slg_exec_loss.cause) */
  slg_pos loss_line;
  slg_pos lost_line;    /* the first "Lost executor" / "Executor lost" */
} slg_executor;

typedef struct slg_shuffle {
  uint64_t id;
  int64_t writer_stage; /* -1 unknown */
  uint64_t *reader_stages;
  size_t nreader_stages;
  int64_t rdd;          /* "Registering RDD N ... as input to shuffle M" */
  uint64_t map_status_bytes; /* "Size of output statuses" / "Broadcast
                                (map|output)statuses size = .., actual
                                size = N" (largest seen); 0 unknown */
  int64_t aqe_advisory_bytes; /* "For shuffle(0, 1), advisory target
                                 size: N" (-1 unknown) */
  int64_t aqe_actual_bytes;   /* "actual target size N" */
  int64_t aqe_min_partition_bytes; /* "minimum partition size: N" */
  uint64_t fetch_failures;    /* FetchFailed lost tasks naming it */
} slg_shuffle;

/* Bounds of an application's failure statements (the rest counted). */
#define SLG_MAX_FAILURES 32
#define SLG_MAX_FRAMES 6

/*
 * One statement of failure (failure.h, slg_failure_src) with what the
 * lines after it say: the deepest "Caused by:", the first frames of code
 * that is not a platform's, a Python traceback's last line. Identical
 * statements of one source are one entry with a count.
 */
typedef struct slg_failure {
  int src;              /* slg_failure_src */
  slg_pos pos;          /* the line that states it */
  int64_t time_ms;      /* -1 unknown */
  char *text;           /* the statement: exception and message, or the
                           record's message */
  char *exception;      /* the first exception head after a statement
                           that names none ("Exception in task ..."),
                           NULL */
  slg_pos exception_pos;
  char *deepest;        /* the last "Caused by:" of its trace, NULL */
  slg_pos deepest_pos;
  char *frames[SLG_MAX_FRAMES]; /* "a.B.c(B.scala:4)", not platform */
  slg_pos frame_pos[SLG_MAX_FRAMES];
  size_t nframes;
  char *python_error;   /* "ValueError: x" ending a traceback, NULL */
  slg_pos python_pos;
  char *detail;         /* the first unindented line of its trace that is
                           no frame nor exception: a message's second line
                           ("Failed to find data source: mongodb. ...") */
  slg_pos detail_pos;
  char *py_frame;       /* the innermost traceback frame of user code:
                           "/app/job.py, line 33, in main (x = f())" */
  slg_pos py_frame_pos;
  int interrupted;      /* the traceback runs through PySpark's SIGINT
                           handler or ends in KeyboardInterrupt */
  char *thread;         /* Exception in thread "main": main, NULL */
  int64_t job;          /* the failed job's id, -1 */
  size_t jobs_before;   /* jobs of the app seen before it */
  uint64_t count;       /* statements grouped into this entry */
} slg_failure;

/* How an application's lines end (slg_app.end_reason). */
typedef enum slg_app_end {
  SLG_APP_END_UNKNOWN = 0,
  SLG_APP_END_SC_STOPPED,    /* "Successfully stopped SparkContext" */
  SLG_APP_END_SHUTDOWN_HOOK, /* the stop came from the shutdown hook, or
                                only "Shutdown hook called" */
  SLG_APP_END_LOG_ENDS,      /* the log stops */
  SLG_APP_END_NEXT_APP       /* the next application begins */
} slg_app_end;

/* "unknown", "sc_stopped", "shutdown_hook", "log_ends", "next_app". */
const char *slg_app_end_name(slg_app_end e);

typedef struct slg_app {
  char *spark_version;  /* "Running Spark version 3.5.1" */
  char *app_name;       /* "Submitted application: X" */
  char *app_id;         /* "application_..." / "local-..." / "app-..." */
  slg_time start;
  int64_t start_ms;
  slg_time end;
  int64_t end_ms;
  int incomplete;       /* started mid-run or jobs/stages left open */
  uint32_t file;        /* the file of its first line (slg_pos.file) */
  slg_job *jobs;        /* first-seen order */
  size_t njobs;
  slg_stage *stages;    /* first-seen order */
  size_t nstages;
  slg_executor *executors;
  size_t nexecutors;
  slg_shuffle *shuffles;
  size_t nshuffles;
  /* Executors. */
  uint64_t executors_added;
  uint64_t executors_removed;
  uint64_t executors_lost;
  uint64_t executors_max_concurrent;
  uint64_t executors_requested; /* sum of "Requesting N new executors" */
  /* Executors by loss class, deaths and benign removals (index
   * slg_exec_class; [SLG_EXEC_NONE] unused), set by slg_model_finish. */
  uint64_t exec_loss[SLG_EXEC_CLASS_COUNT];
  uint64_t exec_deaths;         /* the death classes summed */
  uint64_t exec_benign;         /* the benign ones summed */
  /* Executor size as the log states it (spark.executor.memory,
   * spark.executor.memoryOverhead, spark.executor.cores in a logged
   * configuration, or YarnAllocator's "Will request ... each with C
   * core(s) and M MB memory (including O MB of overhead)"); NULL when
   * not logged. */
  char *exec_memory;
  char *exec_overhead;
  char *exec_cores;
  /* "Initial job has not accepted any resources": how often, the first. */
  uint64_t starved;
  slg_pos starved_pos;
  /* Tasks, over all stages. */
  uint64_t running_tasks;       /* at the end of the log */
  uint64_t peak_running_tasks;  /* max concurrently running, from the
                                   order of Starting vs Finished/Lost */
  uint64_t total_task_ms;
  uint64_t scheduler_lines;     /* records of scheduler loggers */
  /* Where it is and how it ends. Positions: line 0 when not seen. */
  slg_pos first_pos, last_pos;  /* first and last line the model took */
  slg_app_end end_reason;       /* set by slg_model_finish */
  slg_pos sc_stop_pos;          /* "Successfully stopped SparkContext" */
  int64_t sc_stop_ms;
  int64_t uptime_ms;            /* "(Uptime: N ms)" (4.x), -1 */
  slg_pos hook_pos;             /* "Invoking stop() from shutdown hook" */
  int64_t hook_ms;
  slg_pos hook_called_pos;      /* "Shutdown hook called" */
  int64_t hook_called_ms;
  /* The first line of each slg_milestone (line 0: none) and its time. */
  slg_pos milestone_pos[SLG_MILESTONE_COUNT];
  int64_t milestone_ms[SLG_MILESTONE_COUNT];
  slg_pos signal_pos;           /* "RECEIVED SIGNAL TERM" */
  char *signal;
  int no_stop_lines;            /* a Spark before 1.0 (its only task line
                                   "Completed ResultTask(0, 1)"): no
                                   shutdown hook, a program's end is not
                                   logged */
  size_t jobs_open_at_stop;     /* jobs running when the hook or a signal
                                   began the stop */
  char *final_status;           /* YARN "Final app status: FAILED" */
  int64_t final_exit_code;
  char *final_reason;
  slg_pos final_pos;
  slg_failure *failures;        /* in order, at most SLG_MAX_FAILURES */
  size_t nfailures;
  uint64_t failures_dropped;
  struct slg_engine *engine;    /* engine.h: AQE, streaming, PySpark;
                                   NULL when no such line */
  /* Model bookkeeping: the stages by id (slg_app_stage), kept as they
   * are read. */
  const struct slg_idmap *stage_ix;
  /* Where its wall time went (budget.h); NULL while no event of it was
   * timed. */
  struct slg_budget *budget;
  /* WARN/ERROR/FATAL templates (messages.h), NULL when none. */
  struct slg_msgs *msgs;
  struct slg_io_phases *io;     /* I/O phases (io_phases.h), NULL: none */
} slg_app;

/* The applications, in order. Valid until slg_model_free. */
const slg_app *slg_model_apps(const slg_model *m, size_t *count);

/*
 * Lookups that cost the same whatever the number of stages or attempts
 * (a report of 1,000,000 stages must not search them per stage).
 *
 * slg_app_stage: the stage of `a` with id `id`, NULL when none (or
 * folded by --max-stages). Hashed, also while the input is read.
 * slg_stage_attempt_find: the latest attempt of `s` numbered `no`, NULL
 * when none; slg_stage_attempt_before: the one before `t` with t's
 * number, NULL when none (a log can number two attempts alike).
 */
const slg_stage *slg_app_stage(const slg_app *a, uint64_t id);
/* Appends the stage's RDD as logged ("MapPartitionsRDD[3] at count at
 * <console>:24"; s->rdd keeps it without the id), nothing when unknown. */
void slg_stage_rdd(const slg_stage *s, slg_buf *out);
const slg_stage_attempt *slg_stage_attempt_find(const slg_stage *s,
                                                uint64_t no);
const slg_stage_attempt *slg_stage_attempt_before(
    const slg_stage *s, const slg_stage_attempt *t);

#endif /* SLG_MODEL_TYPES_H */
