/*
 * extract.h - scheduler messages -> typed events.
 *
 * One extractor per emitting logger (extract_<logger>.c). Each is a pure
 * function of the message text: it recognises the wordings of every Spark
 * version (0.8 .. 4.0, docs/spark-log-formats.md section 2) and fills one
 * slg_event. Spans in the event borrow from the message and are valid only
 * as long as the message is. Numbers above SLG_EXTRACT_MAX are "too large
 * to be real" (a stage id of 2^70): the extractor then returns
 * SLG_EXTRACT_REJECTED instead of wrapping.
 */
#ifndef SLG_EXTRACT_H
#define SLG_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "event.h"

/* Largest id / count accepted: 2^53 (exact in a double, far above any
 * real stage, job, task or byte count). */
#define SLG_EXTRACT_MAX (UINT64_C(1) << 53)

/* Extractor return values. */
#define SLG_EXTRACT_NONE 0      /* not a message we model */
#define SLG_EXTRACT_OK 1        /* *out holds an event */
#define SLG_EXTRACT_REJECTED -1 /* recognised, but a number was too large */

typedef enum slg_event_kind {
  SLG_EV_NONE = 0,
  /* SparkContext & co. */
  SLG_EV_SPARK_VERSION,   /* str = "3.5.1" */
  SLG_EV_APP_NAME,        /* str */
  SLG_EV_APP_ID,          /* str = "application_..", "app-..", "local-.." */
  /* DAGScheduler */
  SLG_EV_JOB_SUBMITTED,   /* job, str = callsite, n = partitions,
                             flag = 1 for "Got map stage job" */
  SLG_EV_FINAL_STAGE,     /* stage, stage_kind, str = name */
  SLG_EV_STAGE_PARENTS,   /* str = list body ("ShuffleMapStage 0, ..."),
                             flag = 1 for "Missing parents" */
  SLG_EV_STAGE_SUBMITTED, /* stage, stage_kind, str = RDD */
  SLG_EV_STAGE_TASKS,     /* "Submitting N missing tasks": stage,
                             stage_kind, n */
  SLG_EV_STAGE_FINISHED,  /* stage, stage_kind, str = name, ms (-1 =
                             "Unknown") */
  SLG_EV_STAGE_FAILED,    /* stage, stage_kind, str = name, ms,
                             str2 = reason (may be empty) */
  SLG_EV_STAGE_RESUBMIT,  /* stage, stage_kind, n = slg_resubmit reason;
                             for fetch failures stage2 = the failed stage */
  SLG_EV_FETCH_FAILURE,   /* "Marking X as failed due to a fetch failure
                             from Y": stage = X, stage2 = Y (map stage);
                             flag = 1 for a barrier task failure */
  SLG_EV_JOB_ENDED,       /* "Job N finished|failed: site, took T":
                             job, flag = 1 failed, str = callsite, ms;
                             n = 1 for 1.x "Job finished: site, took T"
                             (no job id) */
  SLG_EV_JOB_END_MARKER,  /* "Job N is finished. Cancelling ..." */
  SLG_EV_JOB_CANCEL,      /* "Asked to cancel job N" */
  SLG_EV_SHUFFLE_REGISTER,/* "Registering RDD N (site) as input to shuffle
                             M": n = rdd, shuffle (flag = 0 when the
                             pre-3.0 wording has no shuffle id) */
  SLG_EV_EXECUTOR_LOST,   /* exec, str2 = reason (may be empty),
                             host; flag = 1 for the DAGScheduler's
                             "Executor lost: N (epoch E)" */
  SLG_EV_SHUFFLE_FILES_LOST, /* exec or host (flag = 1 host) */
  SLG_EV_TASK_RESUBMITTED,/* "Resubmitted ShuffleMapTask(S, P)": stage,
                             partition */
  SLG_EV_TASK_COMPLETED_OLD, /* 0.8 "Completed ResultTask(S, P)":
                                stage, partition */
  /* TaskSchedulerImpl */
  SLG_EV_TASKSET_ADDED,   /* stage, attempt, n = tasks */
  SLG_EV_TASKSET_REMOVED, /* stage, attempt */
  SLG_EV_STAGE_CANCEL,    /* "Cancelling stage N" / "Stage N was
                             cancelled": stage (attempt when logged) */
  SLG_EV_EXECUTOR_KILLED, /* "Executor 3 on h killed by driver." / flag=1
                             "is decommissioned": exec, host */
  /* TaskSetManager */
  SLG_EV_TASK_START,      /* stage, attempt, index, task_attempt, tid,
                             host, exec, partition (flag&1 when known),
                             locality, n = serialized bytes */
  SLG_EV_TASK_END,        /* stage, attempt, index, task_attempt, tid,
                             ms, host, exec */
  SLG_EV_TASK_LOST,       /* stage, attempt, index, task_attempt, tid,
                             host, exec, str = reason kind, str2 = the
                             reason, n = "[duplicate N]" (0 none),
                             shuffle (flag&2 when FetchFailed named it) */
  SLG_EV_TASK_ABORT,      /* "Task I in stage S.A failed K times;
                             aborting job": index, stage, attempt, n */
  SLG_EV_TASK_SPECULATABLE, /* index, stage, attempt */
  SLG_EV_TASK_KILL_ATTEMPT, /* "Killing attempt A for task I.A in stage
                               S.A (TID T)": stage, attempt, index,
                               task_attempt, tid */
  /* Executors and dynamic allocation */
  SLG_EV_EXECUTOR_ADDED,  /* exec, host (may be empty) */
  SLG_EV_EXECUTOR_REMOVED,/* exec (or str = comma list when flag = 1),
                             str2 = reason */
  SLG_EV_EXECUTORS_REQUESTED, /* n = delta, n2 = new total */
  /* Shuffle */
  SLG_EV_MAP_STATUS_SIZE, /* shuffle (flag = 1 when known), n = bytes */
  SLG_EV_AQE_TARGET,      /* str = shuffle id list, n = advisory,
                             n2 = actual, n3 = min partition (flag = 1
                             when logged) */
  /* Executor side (local mode) */
  SLG_EV_RESULT_SENT,     /* stage, attempt, tid, n = bytes */
  /* Executor loss reasons (executor_loss.h classifies str2) */
  SLG_EV_EXECUTOR_REASON, /* exec (or str = comma list when flag & 1),
                             str2 = the reason; flag & 2: no executor id
                             (a YarnAllocator line: the driver's "for
                             reason" line with the same text names it) */
  SLG_EV_EXECUTORS_SHUTDOWN, /* "Shutting down all executors" */
  SLG_EV_NO_RESOURCES,    /* "Initial job has not accepted any resources"
                             (TaskSchedulerImpl's starvation timer) */
  SLG_EV_EXECUTOR_RESOURCES, /* YarnAllocator "Will request ...": n3 =
                                cores, n = memory MB, n2 = overhead MB
                                (flag & 1 when logged); flag & 2:
                                SparkContext's "Spark configuration:",
                                whose "key=value" lines follow */
  /* How an application ends and fails (extract_failure.c) */
  SLG_EV_APP_STOP,        /* flag = slg_stop_kind; n = "(Uptime: N ms)"
                             when n2 = 1 */
  SLG_EV_FINAL_STATUS,    /* YARN "Final app status: S, exitCode: N":
                             str = S, n = |N|, flag = 1 when N < 0,
                             str2 = reason */
  SLG_EV_FAILURE,         /* a statement of failure: n = slg_failure_src,
                             str = what failed (exception text, thread) */
  SLG_EV_BUS_STOPPED,     /* "SparkListenerBus has already stopped!
                             Dropping event ..." (2.0 to 2.2, ERROR): the
                             context is down; a job's end it drops is
                             SLG_EV_JOB_ENDED */
  /* Where a driver run begins (slg_extract_run_start) */
  SLG_EV_RUN_START,       /* flag = slg_run_start */
  /* Engine features (extract_engine.c): flag = slg_engine_ev */
  SLG_EV_ENGINE,
  /* I/O phases (extract_io.h) */
  SLG_EV_IO,              /* n = slg_io_kind, ms = stated duration or -1 */
  /* A start-up or shutdown boundary (slg_extract_milestone) */
  SLG_EV_MILESTONE,       /* flag = slg_milestone */
  SLG_EV_COUNT
} slg_event_kind;

/* SLG_EV_RUN_START's flag: which first line of a run it is. */
typedef enum slg_run_start {
  /* The JVM's first line: Utils' "Your hostname, h resolves to a loopback
   * address: ..." (once per JVM, before SparkContext starts). */
  SLG_RUN_START_JVM = 1,
  /* A SparkContext's first lines in the versions that print no "Running
   * Spark version" (0.x to 1.2): 0.8's "MemoryStore started with
   * capacity 901.2 MB.", 1.x's "Changing view acls to: user". */
  SLG_RUN_START_CONTEXT = 2
} slg_run_start;

/*
 * SLG_EV_ENGINE's flag: which engine line it is, and its fields.
 *   AQE_RULE     an AQE rule's line: n = slg_aqe_rule; n2 = skewed
 *                partitions when "number of skewed partitions: left L,
 *                right R" (n3 = 1 then); n3 = 2 for "Plan changed"
 *   PROGRESS     "Streaming query made progress: {": what the message
 *                itself holds of the report (slg_progress_scan): n =
 *                batchId, n2 = numInputRows, n3 = triggerExecution ms,
 *                index = the SLG_PROGRESS_* bits read
 *   BEHIND       "Current batch is falling behind. The trigger interval
 *                is N milliseconds, but spent M milliseconds": n, n2
 *   QUERY_START  "Starting [id = X, runId = Y]. Use ...": str = X
 *   DSTREAM      "Total delay: X s for time T ms (execution: Y s)":
 *                n = T, ms = X in ms, n2 = Y in ms
 *   PYTHON       "Times: total = T, boot = B, init = I, finish = F":
 *                n = T, n2 = B, n3 = I, stage = F, each an int64_t
 *                stored as its two's complement (boot is negative for a
 *                worker booted before the task)
 */
typedef enum slg_engine_ev {
  SLG_ENGINE_AQE_RULE = 1,
  SLG_ENGINE_PROGRESS,
  SLG_ENGINE_BEHIND,
  SLG_ENGINE_QUERY_START,
  SLG_ENGINE_DSTREAM,
  SLG_ENGINE_PYTHON
} slg_engine_ev;

/* The AQE rules whose loggers are read (SLG_ENGINE_AQE_RULE's n). */
#define SLG_AQE_RULE_MAP(X)                                                  \
  X(SKEW_JOIN, "OptimizeSkewedJoin")                                         \
  X(COALESCE, "CoalesceShufflePartitions")                                   \
  X(LOCAL_READ, "OptimizeShuffleWithLocalRead")                              \
  X(JOIN_SELECTION, "DynamicJoinSelection")                                  \
  X(OPTIMIZER, "AQEOptimizer")                                               \
  X(PLAN, "AdaptiveSparkPlanExec")
typedef enum slg_aqe_rule {
#define SLG_AQE_RULE_ENUM(name, logger) SLG_AQE_##name,
  SLG_AQE_RULE_MAP(SLG_AQE_RULE_ENUM)
#undef SLG_AQE_RULE_ENUM
  SLG_AQE_RULE_COUNT
} slg_aqe_rule;

/* The logger's name of a rule ("OptimizeSkewedJoin"). */
const char *slg_aqe_rule_name(slg_aqe_rule r);

/* One event (a tagged record: `kind` says which fields are set). */
typedef struct slg_event {
  slg_event_kind kind;
  slg_stage_kind stage_kind;
  slg_locality locality;
  int flag;
  uint64_t job;
  uint64_t stage, attempt, stage2;
  uint64_t index, task_attempt, tid, partition;
  uint64_t shuffle;
  uint64_t n, n2, n3;
  double ms; /* a duration in milliseconds; -1 when unknown */
  slg_span str, str2, host, exec;
} slg_event;

/* Zeroes *ev (ms = -1). */
void slg_event_clear(slg_event *ev);

/* 1 when a and b are the same event: every field, spans by address and
 * length (tests compare two parsers of one message with it). */
int slg_event_equal(const slg_event *a, const slg_event *b);

/* slg_event_clear, inlined where an event is cleared for every line.
 * Field by field, not memset: GCC turns a memset of this size into `rep
 * stosq`, slow to start; plain stores cost a few cycles
 * (docs/performance.md). */
static inline void slg_event_clear_inline(slg_event *ev)
{
  ev->kind = SLG_EV_NONE;
  ev->stage_kind = (slg_stage_kind)0;
  ev->locality = (slg_locality)0;
  ev->flag = 0;
  ev->job = 0;
  ev->stage = 0;
  ev->attempt = 0;
  ev->stage2 = 0;
  ev->index = 0;
  ev->task_attempt = 0;
  ev->tid = 0;
  ev->partition = 0;
  ev->shuffle = 0;
  ev->n = 0;
  ev->n2 = 0;
  ev->n3 = 0;
  ev->ms = -1;
  /* Each span from constants: a chained `a = b = c` would copy them
   * through memory and stall on store forwarding. */
  ev->str = slg_span_make(NULL, 0);
  ev->str2 = slg_span_make(NULL, 0);
  ev->host = slg_span_make(NULL, 0);
  ev->exec = slg_span_make(NULL, 0);
}

/* The extractors: msg -> *out; return SLG_EXTRACT_NONE/OK/REJECTED. */
int slg_extract_dagscheduler(slg_span msg, slg_event *out);
int slg_extract_tasksetmanager(slg_span msg, slg_event *out);
/* slg_extract_tasksetmanager without its fast reader for the common
 * "Starting task" shape (fastpath TSM_FAST_START): the reference it is
 * tested against, and the extractor of reference mode. */
int slg_extract_tasksetmanager_general(slg_span msg, slg_event *out);
/* The fast reader alone: 1 when msg (right-trimmed) has the 2.1-3.x
 * "Starting task" shape with numbers of at most 15 digits, and *out holds
 * its event; else 0 (*out undefined). */
int slg_extract_tsm_fast_start(slg_span msg, slg_event *out);
/* The fast reader of "Finished task" (fastpath TSM_FAST_END): 1 when msg
 * (right-trimmed) is such a line ending in a non-digit, with numbers of
 * at most 15 digits, and *out holds the event finished() gives; else 0. */
int slg_extract_tsm_fast_end(slg_span msg, slg_event *out);
int slg_extract_taskscheduler(slg_span msg, slg_event *out);
int slg_extract_executors(slg_span msg, slg_event *out);
int slg_extract_shuffle(slg_span msg, slg_event *out);
int slg_extract_context(slg_span msg, slg_event *out);
/* Fills *out (already cleared) from the rest of a Spark 1.x "Job
 * finished: <site>, took T" after "Job finished: " (SparkContext or
 * DAGScheduler): SLG_EV_JOB_ENDED with n = 1, no job id. */
void slg_extract_job_finished_noid(slg_span rest, slg_event *out);
int slg_extract_executor_side(slg_span msg, slg_event *out);
/* The first lines of a driver run (slg_run_start), for the MemoryStore,
 * SecurityManager and Utils loggers. */
int slg_extract_run_start(slg_span msg, slg_event *out);
/* BlockManagerMaster's and SparkUI's milestones (SLG_EV_MILESTONE). */
int slg_extract_milestone(slg_span msg, slg_event *out);

/* Engine lines (extract_engine.c): the Structured Streaming loggers
 * (MicroBatchExecution, ProgressReporter, ProcessingTimeExecutor), the
 * DStreams JobScheduler, the PySpark runners; one per AQE rule logger. */
int slg_extract_engine(slg_span msg, slg_event *out);
int slg_extract_aqe_skew_join(slg_span msg, slg_event *out);
int slg_extract_aqe_coalesce(slg_span msg, slg_event *out);
int slg_extract_aqe_local_read(slg_span msg, slg_event *out);
int slg_extract_aqe_join_selection(slg_span msg, slg_event *out);
int slg_extract_aqe_optimizer(slg_span msg, slg_event *out);
int slg_extract_aqe_plan(slg_span msg, slg_event *out);

/* What a piece of a progress report's JSON holds: "batchId",
 * "numInputRows" (the first, the query's), "triggerExecution". */
#define SLG_PROGRESS_BATCH 1u
#define SLG_PROGRESS_ROWS 2u
#define SLG_PROGRESS_TRIGGER 4u
typedef struct slg_progress {
  unsigned have; /* SLG_PROGRESS_* bits */
  uint64_t batch, rows, trigger_ms;
} slg_progress;

/* Reads the keys of `p` not yet in p->have from text (a line or a whole
 * message of the report's JSON, pretty or compact); 1 when the report's
 * triggerExecution, its last key of interest, was read. */
int slg_progress_scan(slg_span text, slg_progress *p);

/*
 * Iterates a stage list body ("ShuffleMapStage 0, ShuffleMapStage 1",
 * "Stage 3"): returns 1 and fills *kind, *id for the next element, 0 at
 * the end, -1 for an element whose id is too large (skipped).
 */
int slg_stage_list_next(const char **p, const char *end,
                        slg_stage_kind *kind, uint64_t *id);

/* Iterates a comma-separated list of unsigned ids ("0, 1" / "1,2"). */
int slg_id_list_next(const char **p, const char *end, uint64_t *id);

/*
 * Parses a logged duration at *p: "1.353 s", "1,543 s", "118 ms",
 * "118.374959 ms", "1.0234567E7 ms", "Unknown s". Returns 1 with *ms
 * (-1 for Unknown), 0 if no duration is there.
 */
int slg_parse_duration(const char **p, const char *end, double *ms);

/* ------------------------------------------------ shared cursor helpers */

/* A parse cursor over one message; `bad` is set when a number exceeded
 * SLG_EXTRACT_MAX. */
typedef struct slg_cur {
  const char *p;
  const char *end;
  int bad;
} slg_cur;

static inline slg_cur slg_cur_make(slg_span s)
{
  slg_cur c;
  c.p = s.ptr;
  c.end = s.ptr + s.len;
  c.bad = 0;
  return c;
}

/* Consumes the n bytes at lit if they are next at *p (before end): the
 * one literal matcher, for a cursor and for a reader on a bare pointer. */
static inline int slg_litn(const char **p, const char *end, const char *lit,
                           size_t n)
{
  if ((size_t)(end - *p) < n || !slg_mem_eq(*p, lit, n))
    return 0;
  *p += n;
  return 1;
}

/* Consumes the n bytes at lit if they are next. */
static inline int slg_cur_litn(slg_cur *c, const char *lit, size_t n)
{
  return slg_litn(&c->p, c->end, lit, n);
}

/* Consumes string literal `lit` if it is next. A macro so that the length
 * is a constant and the compare is inlined: extractors match a handful of
 * literals on every task line. ("" lit) refuses anything but a literal. */
#define slg_cur_lit(c, lit) slg_cur_litn((c), ("" lit), sizeof(lit) - 1)

/* Consumes an unsigned decimal. 0 if none; sets bad when too large. */
static inline int slg_cur_u64(slg_cur *c, uint64_t *out)
{
  /* Ids and counts are a few digits: up to 15 of them (< 10^15, below
   * SLG_EXTRACT_MAX) are read here; longer numbers go to the checked
   * parser, which gives the same value or the rejection. */
  const char *s = c->p;
  size_t k = 0;
  uint64_t v = 0;
  unsigned dg;
  if (c->end - s >= 16) {
    /* 16 bytes readable: no end check per digit (the bound 15 is a
     * constant, so the loop unrolls to a compare per digit). */
    while (k < 15 && (dg = (unsigned)((unsigned char)s[k] - '0')) <= 9) {
      v = v * 10 + dg;
      k++;
    }
    if (k == 0)
      return 0;
    if (k < 15 || (unsigned)((unsigned char)s[15] - '0') > 9) {
      c->p = s + k;
      *out = v;
      return 1;
    }
  } else {
    size_t lim = (size_t)(c->end - s);
    while (k < lim && (dg = (unsigned)((unsigned char)s[k] - '0')) <= 9) {
      v = v * 10 + dg;
      k++;
    }
    if (k == 0)
      return 0;
    /* Fewer than 16 bytes: at most 15 digits, all read. */
    c->p = s + k;
    *out = v;
    return 1;
  }
  int r = slg_parse_u64(&c->p, c->end, SLG_EXTRACT_MAX, out);
  if (r < 0) {
    c->bad = 1;
    *out = 0;
    return 1;
  }
  return r;
}

/* Skips spaces. */
static inline void slg_cur_ws(slg_cur *c)
{
  while (c->p < c->end && *c->p == ' ')
    c->p++;
}

/* Finds `lit` at or after the cursor; returns its start or NULL. */
const char *slg_find(const char *p, const char *end, const char *lit);
/* Finds the last occurrence of `lit` in [p, end); NULL if none. */
const char *slg_rfind(const char *p, const char *end, const char *lit);

/*
 * Parses "ResultStage 3" / "ShuffleMapStage 3" / "Stage 3" at the cursor.
 */
int slg_cur_stage(slg_cur *c, slg_stage_kind *kind, uint64_t *id);

/* Parses "<stage>.<attempt>" (TaskSet id) or "<index>.<attempt>". */
int slg_cur_dotted(slg_cur *c, uint64_t *a, uint64_t *b);

/* slg_cur_dotted, inlined for the task lines ("task 0.0 in stage 1.0"). */
static inline int slg_cur_dotted_inline(slg_cur *c, uint64_t *a, uint64_t *b)
{
  const char *save = c->p;
  if (slg_cur_u64(c, a) && slg_cur_lit(c, ".") && slg_cur_u64(c, b))
    return 1;
  c->p = save;
  return 0;
}

/* Drops trailing blanks and CR: no wording we match ends in them. */
static inline slg_span slg_trim_right(slg_span s)
{
  while (s.len > 0 && (s.ptr[s.len - 1] == ' ' || s.ptr[s.len - 1] == '\r'))
    s.len--;
  return s;
}

/* The span [a, b) (empty when b <= a). */
static inline slg_span slg_span_between(const char *a, const char *b)
{
  return slg_span_make(a, b > a ? (size_t)(b - a) : 0);
}

/* One wording parser: 1 when it matched and filled the event. */
typedef int (*slg_extract_alt)(slg_cur *c, slg_event *ev);

/* Runs `fn` on a fresh cursor over msg with a cleared event; on a match
 * sets *bad to whether a number was rejected and returns 1. */
int slg_try_alt(slg_extract_alt fn, slg_span msg, slg_event *out, int *bad);

/* slg_try_alt for a hot extractor: called with a constant `fn`, the
 * compiler calls (or inlines) the wording parser directly. */
static inline int slg_try_alt_inline(slg_extract_alt fn, slg_span msg,
                                     slg_event *out, int *bad)
{
  slg_cur c = slg_cur_make(msg);
  slg_event_clear_inline(out);
  if (fn(&c, out)) {
    *bad = c.bad;
    return 1;
  }
  slg_event_clear(out);
  return 0;
}

/* The return value for a recognised message. */
static inline int slg_cur_result(const slg_cur *c)
{
  return c->bad ? SLG_EXTRACT_REJECTED : SLG_EXTRACT_OK;
}

#endif /* SLG_EXTRACT_H */
