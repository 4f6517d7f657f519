/*
 * analysis.h - what the model means: the shuffle stages ranked by cost,
 * findings with evidence and a suggestion, a verdict on the run, and the
 * CI check's thresholds. Pure functions over the finished model.
 */
#ifndef SLG_ANALYSIS_H
#define SLG_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "input_kind.h"
#include "model_types.h"
#include "outcome.h"

typedef enum slg_severity {
  SLG_SEV_INFO = 0,
  SLG_SEV_WARNING,
  SLG_SEV_ERROR
} slg_severity;

/* "info", "warning", "error". */
const char *slg_severity_name(slg_severity s);

/* One entry of the allow list: `ID[@APP[/STAGE[.ATTEMPT]]]`. */
typedef struct slg_allow {
  int kind;        /* slg_finding_kind */
  int64_t app;     /* 1-based, as the reports number applications; -1 any */
  int64_t stage;   /* -1 any */
  int64_t attempt; /* -1 any */
} slg_allow;

#define SLG_MAX_ALLOW 32

/* The size of a string-valued configuration key, with its NUL. */
#define SLG_CONFIG_STRING 512

/* Finding thresholds and check limits. A limit < 0 is unset. Defaults and
 * their rationale: analysis.c. */
typedef struct slg_thresholds {
  /* Findings. */
  double skew_ratio;      /* SKEW: max / max(p50, 1 ms) at least this */
  double skew_min_ms;     /* ... and max at least this */
  uint64_t skew_min_tasks;
  uint64_t tiny_min_tasks; /* TINY_TASKS: at least this many tasks ... */
  double tiny_p50_ms;      /* ... with a median below this */
  double few_min_wall_ms;  /* FEW_TASKS: only stages this long ... */
  double few_min_share;    /* ... and this share of the app's task time */
  double long_stage_ms;    /* LONG_STAGE */
  /* Check limits (per application; the worst decides). */
  int64_t max_shuffle_stages;
  double max_stage_task_ms;
  double max_skew;
  int64_t max_failed_tasks;
  int64_t max_stage_retries;
  int64_t max_fetch_failures;
  int64_t max_lost_executors;
  double max_app_duration_ms;
  int64_t max_map_status_bytes;
  slg_severity fail_on;
  /* Findings the user accepts (--allow, `allow = ...`): taken out of the
   * findings and reported as suppressed; every other finding still gates. */
  slg_allow allow[SLG_MAX_ALLOW];
  size_t nallow;
  int allow_empty;
  int exit_zero;
  /* Outcomes (outcome.h). */
  slg_severity killed_is;   /* APP_KILLED's severity (default error) */
  char platform_frames[SLG_CONFIG_STRING]; /* more frame prefixes that
                                              are not user code,
                                              comma-separated */
} slg_thresholds;

void slg_thresholds_init(slg_thresholds *out);

/* One ranked shuffle stage attempt. The ranking is global: the costliest
 * stages of the whole input, whatever their file and application. */
typedef struct slg_ranked {
  uint32_t rank; /* 1-based over the whole input */
  size_t app;    /* index in slg_model_apps(); outputs number it app + 1 */
  const slg_stage *stage;
  const slg_stage_attempt *attempt;
  double task_ms;  /* sum of task durations */
  double share;    /* of the app's total task time, 0..1 */
  double wall_ms;  /* -1 unknown */
  double p50, p90, max; /* -1 when no task finished */
  double skew;     /* max / max(p50, 1 ms), -1 unknown */
  int median_zero; /* p50 is 0 ms (skew divided by 1 ms instead) */
  unsigned reasons; /* bit per finding kind (1 << slg_finding_kind) */
} slg_ranked;

#define SLG_FINDING_MAP(X)                                                   \
  X(SKEW)                                                                    \
  X(FETCH_FAILURE)                                                           \
  X(STAGE_RETRY)                                                             \
  X(TASK_FAILURES)                                                           \
  X(TINY_TASKS)                                                              \
  X(FEW_TASKS)                                                               \
  X(EXECUTOR_LOSS)                                                           \
  X(SPECULATION)                                                             \
  X(LONG_STAGE)                                                              \
  X(NO_SCHEDULER_LINES)                                                      \
  X(THRESHOLD)                                                               \
  X(APP_FAILED)                                                              \
  X(APP_KILLED)                                                              \
  X(LOG_CUT_OFF)                                                             \
  X(JOB_FAILED_RECOVERED)                                                    \
  X(NO_RESOURCES)                                                            \
  X(STAGES_CAPPED)                                                           \
  X(STREAM_BEHIND)                                                           \
  X(AQE_COALESCE_CAPPED)                                                     \
  X(IO_PHASE_DOMINATES)

typedef enum slg_finding_kind {
#define SLG_FINDING_ENUM(name) SLG_FINDING_##name,
  SLG_FINDING_MAP(SLG_FINDING_ENUM)
#undef SLG_FINDING_ENUM
  SLG_FINDING_COUNT
} slg_finding_kind;

const char *slg_finding_id(slg_finding_kind k);

#define SLG_MAX_EVIDENCE_ITEMS 8

typedef struct slg_evidence_item {
  const char *key;  /* static */
  double num;       /* when str is NULL */
  char *str;        /* owned, or NULL */
} slg_evidence_item;

/* A stage attempt a finding covers. */
typedef struct slg_stage_ref {
  int64_t stage, attempt;
} slg_stage_ref;

typedef struct slg_finding {
  slg_finding_kind kind;
  slg_severity severity;
  /* -1 when not applicable; for a finding over several stages, the first
   * of them (all are in `stages`). */
  int64_t app, job, stage, attempt;
  char *message;    /* owned, one sentence */
  char *suggestion; /* owned */
  /* What tells two findings of one kind apart beyond their fix (owned,
   * NULL: the fix alone): findings of one application, kind, severity,
   * cause and fix are one finding over several stages (findings.c). */
  char *cause;
  slg_stage_ref *stages; /* owned; every stage attempt covered, in order */
  size_t nstages;
  slg_evidence_item evidence[SLG_MAX_EVIDENCE_ITEMS];
  size_t nevidence;
  slg_pos lines[SLG_MAX_EVIDENCE];
  size_t nlines;
} slg_finding;

/* A check limit's outcome for the worst application. */
typedef struct slg_check_result {
  const char *key;   /* "max_skew" */
  double limit;      /* < 0: unset (not evaluated) */
  double worst;      /* the worst application's value; meaningless when
                        worst_app is -1 */
  int64_t worst_app; /* -1: no application gave a value (unknown) */
  int breached;
} slg_check_result;

#define SLG_CHECK_COUNT 9

/* One application's line of the verdict, e.g. in text
 *   app 2 (file b.log, application_1_0002): 3 jobs, 1 failed, 1m02s
 * Every output numbers applications 1, 2, ... in input order (seq). */
typedef struct slg_app_verdict {
  size_t seq;         /* 1-based */
  uint32_t file;      /* the file of its first line (slg_report files) */
  const char *app_id; /* borrowed from the model; NULL when not logged */
  size_t jobs, jobs_failed, jobs_cancelled, jobs_unfinished;
  double duration_ms; /* -1 unknown */
} slg_app_verdict;

typedef struct slg_analysis {
  slg_ranked *ranking;
  size_t nranking;
  slg_finding *findings;
  size_t nfindings, findings_cap;
  slg_check_result checks[SLG_CHECK_COUNT];
  /* Verdict. */
  int succeeded;        /* every job ended well (no failed job) */
  size_t apps, jobs, jobs_failed, jobs_unfinished;
  slg_app_verdict *app_verdicts; /* `apps` of them, in input order */
  const slg_job *first_failed_job;
  size_t first_failed_app;
  uint64_t executors_lost, executors_lost_memory, fetch_failures;
  uint64_t scheduler_lines;
  slg_input_kind kind; /* what the input looked like (for the verdict) */
  slg_severity worst; /* highest severity among findings */
  size_t by_severity[3];
  /* Findings taken out by the check's allow list (slg_thresholds.allow),
   * grouped like the findings; they count toward no severity. */
  slg_finding *suppressed;
  size_t nsuppressed;
  /* Performance findings left out because the task time of their stages
   * is under max(1 s, 1% of the application's): not worth a reading. */
  size_t dropped;
  /* One per application (slg_model_apps order). */
  slg_app_outcome *outcomes;
  size_t failed_apps;   /* outcome failed or killed */
  /* The root cause that leads the verdict: the first failed (else
   * killed) application's; -1 none. */
  int64_t cause_app;
} slg_analysis;

/* Runs the analysis over a finished model of an input of the given kind
 * (slg_pipeline_input_kind: it decides what a log without scheduler lines
 * is told). The result borrows from the model (stages, jobs) and owns its
 * strings; release with dispose. */
void slg_analysis_run(slg_analysis *out, const slg_model *m,
                      const slg_thresholds *t, slg_input_kind kind);
void slg_analysis_dispose(slg_analysis *a);

/*
 * What the analysis took from the stage attempts that left the model
 * (--max-stages, slg_model_set_max_stages): each was analysed when it
 * ended, by slg_fold_attempt from the end callback that has slg_end.fold
 * set: its findings (with the run totals of that moment: an
 * application's task time, peak of running tasks, executor deaths so
 * far), its contribution to the check limits, and its ranking entry, of
 * which the SLG_FOLD_RANKED costliest are kept. slg_analysis_run_folded
 * merges them into the analysis of the finished model, with a
 * STAGES_CAPPED warning when anything was folded, so the cap hides no
 * failure from `check`.
 *
 * slg_fold_new: `t` is borrowed (NULL: the defaults) and must be the
 * thresholds of the analysis run. Memory: the findings of the folded
 * attempts (grouped at the end like the others) and SLG_FOLD_RANKED
 * ranking entries, not the attempts.
 */
#define SLG_FOLD_RANKED 1000
typedef struct slg_fold slg_fold;
slg_fold *slg_fold_new(const slg_thresholds *t);
void slg_fold_free(slg_fold *f);
void slg_fold_attempt(slg_fold *f, const slg_model *m, size_t app,
                      const slg_stage *s, const slg_stage_attempt *t);
/* slg_analysis_run, plus what `fold` took (NULL: nothing). */
void slg_analysis_run_folded(slg_analysis *out, const slg_model *m,
                             const slg_thresholds *t, slg_input_kind kind,
                             const slg_fold *fold);

/* What to do about a log without scheduler lines, for an input of this
 * kind: only a Spark log with other loggers is likely a driver log kept at
 * WARN (slg_model_scheduler_hint); the other kinds were not driver logs
 * at all. Lines end in '\n'. */
void slg_no_scheduler_hint(const slg_model *m, slg_input_kind kind,
                           slg_buf *out);

/* 1 when some finding is at or above t->fail_on. */
int slg_analysis_failed(const slg_analysis *a, const slg_thresholds *t);

/* What `check` decides: EMPTY when the input shows no Spark application
 * (no scheduler line, no application) and t->allow_empty is off (a gate
 * never passes vacuously: exit 3), else FAILED when slg_analysis_failed
 * (exit 1 unless t->exit_zero), else PASSED. */
typedef enum { SLG_GATE_PASSED, SLG_GATE_FAILED, SLG_GATE_EMPTY } slg_gate;
slg_gate slg_analysis_gate(const slg_analysis *a, const slg_thresholds *t);

#endif /* SLG_ANALYSIS_H */
