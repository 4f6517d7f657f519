/*
 * analysis.c - rank the shuffle stages, find what went wrong, judge the
 * run, and evaluate the CI check's limits.
 *
 * Cost. A shuffle stage is a ShuffleMapStage (it writes a shuffle) or a
 * stage that reads one (it has shuffle parents). Its cost is its task time:
 * the sum of its tasks' durations from "Finished task ... in N ms", i.e.
 * the executor time it consumed; ties are broken by wall time ("finished
 * in"). Only attempts that ran are ranked (skipped stages cost nothing).
 *
 * Thresholds (defaults, overridable by the check's configuration):
 *  - SKEW (warning): >= 3 finished tasks, max / max(p50, 1 ms) >= 10 and
 *    max >= 5 s. This is DataFlint's rule (max/median > 10 with max >
 *    5 s); the 1 ms floor keeps a zero median (tasks faster than the
 *    log's millisecond) from exempting the stage. Spark UI
 *    and Databricks flag max > 1.5 x p75, which fires on most healthy
 *    stages of a few tasks and is too noisy for a gate; Sparklens reports
 *    max/median without a cut-off. The 5 s floor keeps millisecond noise
 *    (a 60 ms task among 5 ms ones) from counting as skew.
 *  - FETCH_FAILURE (error): a stage attempt lost tasks to FetchFailed.
 *  - STAGE_RETRY (warning): every stage attempt after the first.
 *  - TASK_FAILURES (warning; error when the job was aborted): tasks lost
 *    to their own errors (exceptions, lost results, commit denials), not
 *    FetchFailed / ExecutorLostFailure (own findings) or TaskKilled /
 *    Resubmitted (benign).
 *  - TINY_TASKS (warning): a shuffle stage of >= 200 finished tasks whose
 *    median is under 50 ms: Spark spends a few to tens of milliseconds
 *    scheduling and launching each task, so such tasks are mostly
 *    overhead (too many shuffle partitions).
 *  - FEW_TASKS (info): a first attempt of a shuffle stage with fewer tasks
 *    than the app's peak of concurrently running tasks, only when it
 *    matters: wall time >= 60 s and >= 10% of the app's task time.
 *  - EXECUTOR_LOSS (error for memory deaths, info when every death is a
 *    decommission, else warning): executors died (executor_loss.h; idle
 *    removals, driver kills and the shutdown are benign and never count);
 *    on each stage attempt that lost tasks with them, or once for the
 *    application when no stage shows it. Its fix depends on the classes.
 *  - SPECULATION (info): speculative copies were launched.
 *  - LONG_STAGE (warning): a stage attempt ran >= 30 min of wall time.
 *  - NO_SCHEDULER_LINES (error): the input has no scheduler lines at all.
 *  - THRESHOLD (error): a check limit was exceeded.
 */
#include "analysis.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "engine.h"
#include "findings.h"
#include "fixes.h"
#include "io_fix.h"

const char *slg_severity_name(slg_severity s)
{
  static const char *const names[] = {"info", "warning", "error"};
  return (unsigned)s < 3 ? names[s] : "error";
}

const char *slg_finding_id(slg_finding_kind k)
{
  static const char *const ids[] = {
#define SLG_FINDING_STR(name) #name,
      SLG_FINDING_MAP(SLG_FINDING_STR)
#undef SLG_FINDING_STR
  };
  return (unsigned)k < SLG_FINDING_COUNT ? ids[k] : "UNKNOWN";
}

void slg_thresholds_init(slg_thresholds *out)
{
  memset(out, 0, sizeof *out);
  out->skew_ratio = 10;
  out->skew_min_ms = 5000;
  out->skew_min_tasks = 3;
  out->tiny_min_tasks = 200;
  out->tiny_p50_ms = 50;
  out->few_min_wall_ms = 60000;
  out->few_min_share = 0.10;
  out->long_stage_ms = 30 * 60000.0;
  out->max_shuffle_stages = -1;
  out->max_stage_task_ms = -1;
  out->max_skew = -1;
  out->max_failed_tasks = -1;
  out->max_stage_retries = -1;
  out->max_fetch_failures = -1;
  out->max_lost_executors = -1;
  out->max_app_duration_ms = -1;
  out->max_map_status_bytes = -1;
  out->fail_on = SLG_SEV_ERROR;
  out->killed_is = SLG_SEV_ERROR;
}

static char *fmt(const char *f, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static char *fmt(const char *f, ...)
{
  slg_buf b = SLG_BUF_INIT;
  va_list ap;
  va_start(ap, f);
  slg_buf_vprintf(&b, f, ap);
  va_end(ap);
  slg_buf_cstr(&b);
  return b.ptr;
}

static slg_finding *add(slg_analysis *a, slg_finding_kind kind,
                        slg_severity sev, int64_t app, int64_t job,
                        int64_t stage, int64_t attempt)
{
  if (a->nfindings == a->findings_cap) {
    a->findings_cap = a->findings_cap ? a->findings_cap * 2 : 16;
    a->findings =
        slg_xrealloc(a->findings, a->findings_cap * sizeof *a->findings);
  }
  slg_finding *f = &a->findings[a->nfindings++];
  memset(f, 0, sizeof *f);
  f->kind = kind;
  f->severity = sev;
  f->app = app, f->job = job, f->stage = stage, f->attempt = attempt;
  return f;
}

static void ev_num(slg_finding *f, const char *key, double v)
{
  if (f->nevidence < SLG_MAX_EVIDENCE_ITEMS) {
    f->evidence[f->nevidence].key = key;
    f->evidence[f->nevidence].num = v;
    f->evidence[f->nevidence++].str = NULL;
  }
}

static void ev_str(slg_finding *f, const char *key, const char *s)
{
  if (s && f->nevidence < SLG_MAX_EVIDENCE_ITEMS) {
    f->evidence[f->nevidence].key = key;
    f->evidence[f->nevidence++].str = slg_xstrndup(s, strlen(s));
  }
}

static void ev_lines(slg_finding *f, const slg_stage_attempt *t)
{
  for (size_t i = 0; i < t->nevidence && f->nlines < SLG_MAX_EVIDENCE; i++)
    f->lines[f->nlines++] = t->evidence[i];
}

static uint64_t kind_count(const slg_task_agg *g, const char *kind)
{
  for (size_t i = 0; i < g->nkinds; i++)
    if (strcmp(g->kinds[i].kind, kind) == 0)
      return g->kinds[i].count;
  return 0;
}

static int benign_or_own_kind(const char *kind)
{
  return strcmp(kind, "FetchFailed") == 0 ||
         strcmp(kind, "ExecutorLostFailure") == 0 ||
         strcmp(kind, "TaskKilled") == 0 || strcmp(kind, "Resubmitted") == 0;
}

/* A death for memory: a container kill (137, YARN memory limits,
 * OOMKilled) or the JVM's own OutOfMemoryError exit (52). */
static int memory_death(const slg_executor *e)
{
  return e->loss_class == SLG_EXEC_OOM_KILL ||
         (e->loss_class == SLG_EXEC_EXIT_CODE && e->loss_code == 52);
}

static int memory_deaths(const slg_app *app)
{
  int n = 0;
  for (size_t i = 0; i < app->nexecutors; i++)
    n += memory_death(&app->executors[i]);
  return n;
}

/* The first death of the application (by line), NULL when none. */
static const slg_executor *first_death(const slg_app *app)
{
  const slg_executor *f = NULL;
  for (size_t i = 0; i < app->nexecutors; i++) {
    const slg_executor *e = &app->executors[i];
    if (!slg_exec_class_is_death(e->loss_class))
      continue;
    if (f == NULL || e->loss_line.file < f->loss_line.file ||
        (e->loss_line.file == f->loss_line.file &&
         e->loss_line.line < f->loss_line.line))
      f = e;
  }
  return f;
}

/* EXECUTOR_LOSS for the application's deaths (benign removals never
 * count): severity, message naming the classes and the first death, a
 * fix per class, the death lines, and the executor size next to a memory
 * fix. `what` starts the message ("stage 3.0 lost 2 tasks with their
 * executors" or NULL for the application). */
static void executor_loss(slg_finding *f, const slg_app *app,
                          const char *what)
{
  slg_buf m = SLG_BUF_INIT, fix = SLG_BUF_INIT;
  const slg_executor *first = first_death(app);
  if (what != NULL)
    slg_buf_printf(&m, "%s; ", what);
  slg_buf_printf(&m, "%llu executor%s died (",
                 (unsigned long long)app->exec_deaths,
                 app->exec_deaths == 1 ? "" : "s");
  const char *sep = "";
  for (int c = SLG_EXEC_FIRST_DEATH; c <= SLG_EXEC_LAST_DEATH; c++)
    if (app->exec_loss[c]) {
      slg_buf_printf(&m, "%s%llu %s", sep,
                     (unsigned long long)app->exec_loss[c],
                     slg_exec_class_name((slg_exec_class)c));
      sep = ", ";
    }
  slg_buf_puts(&m, ")");
  if (first != NULL) {
    slg_buf_printf(&m, "; the first, executor %s, at line %llu", first->id,
                   (unsigned long long)first->loss_line.line);
    if (first->loss_evidence)
      slg_buf_printf(&m, ": %s", first->loss_evidence);
  }
  sep = "";
  int mem = memory_deaths(app);
  /* One fix per class present, in this order; exit codes and missing
   * reasons say more below. */
  static const struct {
    slg_exec_class cls;
    const char *fix;
  } fixes[] = {
      {SLG_EXEC_OOM_KILL,
       "containers were killed for memory (137, memory limits, OOMKilled): "
       "raise spark.executor.memoryOverhead (or spark.executor.memory), give "
       "each executor fewer cores, or use more partitions"},
      {SLG_EXEC_EXIT_CODE, NULL},
      {SLG_EXEC_SIGTERM,
       "containers got SIGTERM (143): the resource manager killed them, "
       "often after a memory check or preemption; read the NodeManager or "
       "pod diagnostics"},
      {SLG_EXEC_HEARTBEAT,
       "executors stopped sending heartbeats, usually long GC pauses or a "
       "hidden OOM: give them more memory and check GC; raise "
       "spark.network.timeout only if the executors are healthy"},
      {SLG_EXEC_PREEMPTED,
       "the cluster preempted containers: use a queue with guaranteed "
       "capacity or change the preemption policy"},
      {SLG_EXEC_NODE_LOST,
       "nodes or workers were lost: check node health (spot reclaims, "
       "auto-scaling, disks); Spark reruns the lost work"},
      {SLG_EXEC_DECOMMISSION,
       "executors were decommissioned: benign unless shuffle data was lost "
       "(see FETCH_FAILURE); spark.storage.decommission.shuffleBlocks.enabled "
       "migrates it"},
      {SLG_EXEC_UNKNOWN, NULL},
  };
  for (size_t k = 0; k < sizeof fixes / sizeof fixes[0]; k++) {
    slg_exec_class cls = fixes[k].cls;
    if (!app->exec_loss[cls])
      continue;
    slg_buf_puts(&fix, sep);
    sep = "; ";
    if (fixes[k].fix != NULL) {
      slg_buf_puts(&fix, fixes[k].fix);
    } else if (cls == SLG_EXEC_EXIT_CODE) {
      int oom = 0;
      for (size_t i = 0; i < app->nexecutors; i++)
        oom |= app->executors[i].loss_class == SLG_EXEC_EXIT_CODE &&
               app->executors[i].loss_code == 52;
      slg_buf_puts(&fix, oom ? "exit code 52 is the executor JVM's "
                               "OutOfMemoryError: raise spark.executor.memory "
                               "or fix the skew that fills one task's heap"
                             : "the executor process exited with an error: "
                               "read its stderr for the exception");
    } else {
      slg_buf_printf(&fix, "the log gives no reason for %s: look for the "
                           "platform's (YARN, Kubernetes, worker) message "
                           "about those executors",
                     app->exec_loss[cls] == 1 ? "one executor"
                                              : "some executors");
    }
  }
  /* The executor size the log states, only these keys (none matches
   * spark.redaction.regex). */
  if (mem && (app->exec_memory || app->exec_overhead || app->exec_cores)) {
    slg_buf_puts(&fix, " (the log states executor");
    if (app->exec_memory)
      slg_buf_printf(&fix, " memory %s", app->exec_memory);
    if (app->exec_overhead)
      slg_buf_printf(&fix, "%s overhead %s", app->exec_memory ? "," : "",
                     app->exec_overhead);
    if (app->exec_cores)
      slg_buf_printf(&fix, "%s %s core%s",
                     app->exec_memory || app->exec_overhead ? "," : "",
                     app->exec_cores,
                     strcmp(app->exec_cores, "1") == 0 ? "" : "s");
    slg_buf_puts(&fix, ")");
    if (app->exec_memory)
      ev_str(f, "executor_memory", app->exec_memory);
    if (app->exec_overhead)
      ev_str(f, "executor_memory_overhead", app->exec_overhead);
    if (app->exec_cores)
      ev_str(f, "executor_cores", app->exec_cores);
  }
  f->message = slg_xstrndup(slg_buf_cstr(&m), m.len);
  f->suggestion = slg_xstrndup(slg_buf_cstr(&fix), fix.len);
  slg_buf_dispose(&m);
  slg_buf_dispose(&fix);
  ev_num(f, "executor_deaths", (double)app->exec_deaths);
  ev_num(f, "memory_deaths", (double)mem);
  if (first != NULL)
    ev_str(f, "first_class", slg_exec_class_name(first->loss_class));
  /* The death lines, first first. */
  if (first != NULL && f->nlines < SLG_MAX_EVIDENCE && first->loss_line.line)
    f->lines[f->nlines++] = first->loss_line;
}

/* error for memory deaths, info when every death is a decommission,
 * else warning. */
static slg_severity loss_severity(const slg_app *app)
{
  if (memory_deaths(app))
    return SLG_SEV_ERROR;
  if (app->exec_loss[SLG_EXEC_DECOMMISSION] == app->exec_deaths)
    return SLG_SEV_INFO;
  return SLG_SEV_WARNING;
}

static int is_shuffle_stage(const slg_stage *s)
{
  return s->kind == SLG_STAGE_SHUFFLE_MAP || s->nshuffle_reads > 0 ||
         s->nparents > 0;
}

static int64_t job_of(const slg_stage *s)
{
  return s->njobs ? (int64_t)s->jobs[0] : -1;
}

/* Skew of a stage attempt's task durations: max / max(p50, 1 ms), -1
 * without a finished task. A median of 0 ms (tasks under the log's
 * resolution) counts as 1 ms: ten 0 ms tasks and one of 10 minutes are
 * skewed, not exempt. */
static double skew_of(const slg_sketch *k, double p50)
{
  if (k->count == 0)
    return -1;
  return (double)k->max / (p50 > 1 ? p50 : 1);
}

/* A ranking row's figures from its attempt's task-time sketch: the one
 * filling for the ranking and for attempts folded past --max-stages. */
static void ranked_costs(slg_ranked *r, const slg_app *app,
                         const slg_stage_attempt *t, const slg_sketch *k,
                         double p50, double max)
{
  r->task_ms = (double)k->sum;
  r->share = app->total_task_ms
                 ? (double)k->sum / (double)app->total_task_ms
                 : 0;
  r->wall_ms = t->duration_ms;
  r->p50 = p50;
  r->p90 = slg_sketch_quantile(k, 0.9);
  r->max = max;
  r->skew = skew_of(k, p50);
  r->median_zero = k->count > 0 && p50 < 1;
}


static void stage_findings(slg_analysis *a, const slg_thresholds *th,
                           const slg_app *app, size_t ai, const slg_stage *s,
                           const slg_stage_attempt *t, int shuffle)
{
  const slg_task_agg *g = &t->tasks;
  const slg_sketch *k = &g->task_ms;
  int64_t job = job_of(s);
  double p50 = slg_sketch_quantile(k, 0.5);
  double max = k->count ? (double)k->max : -1;
  char name[64];
  snprintf(name, sizeof name, "stage %llu.%u", (unsigned long long)s->id,
           t->attempt);
  /* A stage with no parent stage reads input (a scan); one with parents
   * reads their shuffle: their fixes differ (fixes.c). */
  slg_stage_role role = s->nparents > 0 || s->nshuffle_reads > 0
                            ? SLG_ROLE_SHUFFLE_READ
                            : SLG_ROLE_SCAN;
  slg_finding *f;

  double skew = skew_of(k, p50);
  if (k->count >= th->skew_min_tasks && skew >= th->skew_ratio &&
      max >= th->skew_min_ms) {
    f = add(a, SLG_FINDING_SKEW, SLG_SEV_WARNING, (int64_t)ai, job,
            (int64_t)s->id, t->attempt);
    /* A zero median (tasks under the log's millisecond) is said as
     * such: "0x the median" would read as no skew, the ratio is against
     * the 1 ms floor. */
    if (p50 < 1)
      f->message = fmt("%s: its slowest task took %.0f ms; median 0 ms; "
                       "skew against 1 ms: %.0fx (%llu tasks)",
                       name, max, skew, (unsigned long long)k->count);
    else
      f->message = fmt("%s: its slowest task took %.0f ms, %.0fx the "
                       "median of %.0f ms (%llu tasks)",
                       name, max, skew, p50, (unsigned long long)k->count);
    f->suggestion = fmt("%s", slg_fix_skew(app->spark_version, role));
    ev_num(f, "max_ms", max);
    ev_num(f, "p50_ms", p50);
    ev_num(f, "skew", skew);
    ev_num(f, "tasks", (double)k->count);
  }
  uint64_t fetch = kind_count(g, "FetchFailed");
  if (fetch) {
    f = add(a, SLG_FINDING_FETCH_FAILURE, SLG_SEV_ERROR, (int64_t)ai, job,
            (int64_t)s->id, t->attempt);
    f->message = fmt("%s failed to fetch shuffle output %llu time%s%s%s",
                     name, (unsigned long long)fetch, fetch == 1 ? "" : "s",
                     t->failure ? ": " : "", t->failure ? t->failure : "");
    f->suggestion = fmt("map output was lost (usually with the executor "
                        "that wrote it) or could not be served in time: "
                        "look for lost executors, raise "
                        "spark.shuffle.io.maxRetries / "
                        "spark.shuffle.io.retryWait, use the external "
                        "shuffle service, and give executors more memory "
                        "overhead (spark.executor.memoryOverhead)");
    ev_num(f, "fetch_failures", (double)fetch);
    for (size_t i = 0; i < s->nshuffle_reads && i < 4; i++)
      ev_num(f, "shuffle", (double)s->shuffle_reads[i]);
    ev_lines(f, t);
  }
  if (t->attempt > 0) {
    f = add(a, SLG_FINDING_STAGE_RETRY, SLG_SEV_WARNING, (int64_t)ai, job,
            (int64_t)s->id, t->attempt);
    const char *why = t->resubmitted_because == SLG_RESUBMIT_NONE
                          ? "other"
                          : slg_resubmit_name(t->resubmitted_because);
    f->message = fmt("%s is attempt %u of stage %llu (resubmitted because: "
                     "%s); its tasks ran again",
                     name, t->attempt + 1, (unsigned long long)s->id, why);
    f->suggestion = fmt("a retried stage repeats its work; fix the cause "
                        "of the earlier attempt's failure (see the "
                        "FETCH_FAILURE, EXECUTOR_LOSS or TASK_FAILURES "
                        "findings)");
    ev_str(f, "resubmitted_because", why);
    ev_num(f, "tasks", (double)g->started);
  }
  uint64_t own = 0;
  const char *first_kind = NULL;
  for (size_t i = 0; i < g->nkinds; i++)
    if (!benign_or_own_kind(g->kinds[i].kind)) {
      own += g->kinds[i].count;
      if (!first_kind)
        first_kind = g->kinds[i].kind;
    }
  if (own) {
    f = add(a, SLG_FINDING_TASK_FAILURES,
            g->aborted ? SLG_SEV_ERROR : SLG_SEV_WARNING, (int64_t)ai, job,
            (int64_t)s->id, t->attempt);
    f->message = fmt("%s: %llu task attempt%s failed (%s)%s", name,
                     (unsigned long long)own, own == 1 ? "" : "s",
                     first_kind,
                     g->aborted ? "; the job was aborted" : "");
    f->cause = slg_xstrndup(first_kind, strlen(first_kind));
    f->suggestion = fmt("read the first stack trace (lines below); retries "
                        "only help transient errors (spark.task.maxFailures, "
                        "default 4)");
    ev_num(f, "failed", (double)own);
    ev_str(f, "first_kind", first_kind);
    ev_num(f, "aborted", (double)g->aborted);
    ev_lines(f, t);
  }
  if (shuffle && k->count >= th->tiny_min_tasks && p50 >= 0 &&
      p50 < th->tiny_p50_ms) {
    f = add(a, SLG_FINDING_TINY_TASKS, SLG_SEV_WARNING, (int64_t)ai, job,
            (int64_t)s->id, t->attempt);
    f->message = fmt("%s ran %llu tasks with a median of %.0f ms, shorter "
                     "than Spark's per-task scheduling overhead",
                     name, (unsigned long long)k->count, p50);
    f->suggestion = fmt("%s", slg_fix_tiny_tasks(app->spark_version, role));
    ev_num(f, "tasks", (double)k->count);
    ev_num(f, "p50_ms", p50);
  }
  double wall = t->duration_ms;
  double share = app->total_task_ms
                     ? (double)k->sum / (double)app->total_task_ms
                     : 0;
  if (shuffle && t->attempt == 0 && t->num_tasks > 0 &&
      t->num_tasks < app->peak_running_tasks && wall >= th->few_min_wall_ms &&
      share >= th->few_min_share) {
    f = add(a, SLG_FINDING_FEW_TASKS, SLG_SEV_INFO, (int64_t)ai, job,
            (int64_t)s->id, t->attempt);
    f->message = fmt("%s ran only %llu tasks while %llu ran at once "
                     "elsewhere in the app; slots sat idle",
                     name, (unsigned long long)t->num_tasks,
                     (unsigned long long)app->peak_running_tasks);
    f->suggestion = fmt("%s", slg_fix_few_tasks(app->spark_version, role));
    ev_num(f, "tasks", (double)t->num_tasks);
    ev_num(f, "peak_running_tasks", (double)app->peak_running_tasks);
  }
  uint64_t lost = kind_count(g, "ExecutorLostFailure");
  if (lost && app->exec_deaths) {
    char what[192];
    snprintf(what, sizeof what, "%s lost %llu task%s with their executors",
             name, (unsigned long long)lost, lost == 1 ? "" : "s");
    f = add(a, SLG_FINDING_EXECUTOR_LOSS, loss_severity(app), (int64_t)ai,
            job, (int64_t)s->id, t->attempt);
    ev_num(f, "tasks_lost", (double)lost);
    executor_loss(f, app, what);
    ev_lines(f, t);
  }
  if (g->speculative) {
    f = add(a, SLG_FINDING_SPECULATION, SLG_SEV_INFO, (int64_t)ai, job,
            (int64_t)s->id, t->attempt);
    f->message = fmt("%s launched %llu speculative cop%s of slow tasks "
                     "(%llu killed)",
                     name, (unsigned long long)g->speculative,
                     g->speculative == 1 ? "y" : "ies",
                     (unsigned long long)g->killed);
    f->suggestion = fmt("speculation hides stragglers; if it fires often, "
                        "look for slow nodes or skew "
                        "(spark.speculation.multiplier, "
                        "spark.speculation.quantile)");
    ev_num(f, "speculative", (double)g->speculative);
    ev_num(f, "killed", (double)g->killed);
  }
  if (wall >= th->long_stage_ms) {
    f = add(a, SLG_FINDING_LONG_STAGE, SLG_SEV_WARNING, (int64_t)ai, job,
            (int64_t)s->id, t->attempt);
    f->message = fmt("%s ran for %.0f minutes", name, wall / 60000);
    f->suggestion = fmt("split the work or add parallelism; check the "
                        "stage's skew and task count first");
    ev_num(f, "wall_ms", wall);
  }
}

/* The costliest first over the whole input; on a tie the longer wall
 * time, then input order (application, stage id, attempt). */
static int by_cost(const void *x, const void *y)
{
  const slg_ranked *a = x, *b = y;
  if (a->task_ms != b->task_ms)
    return a->task_ms > b->task_ms ? -1 : 1;
  if (a->wall_ms != b->wall_ms)
    return a->wall_ms > b->wall_ms ? -1 : 1;
  if (a->app != b->app)
    return a->app < b->app ? -1 : 1;
  if (a->stage->id != b->stage->id)
    return a->stage->id < b->stage->id ? -1 : 1;
  return (int)a->attempt->attempt - (int)b->attempt->attempt;
}

static int by_position(const void *x, const void *y)
{
  const slg_finding *a = x, *b = y;
  if (a->app != b->app)
    return a->app < b->app ? -1 : 1;
  if (a->stage != b->stage)
    return a->stage < b->stage ? -1 : 1;
  if (a->attempt != b->attempt)
    return a->attempt < b->attempt ? -1 : 1;
  return (int)a->kind - (int)b->kind;
}

static void check_set(slg_check_result *c, const char *key, double limit)
{
  c->key = key;
  c->limit = limit;
  c->worst = 0;
  c->worst_app = -1;
}

/* v < 0: the log cannot give it (no skew measured, no end time, no size
 * logged); such a value is skipped, so a limit nothing was measured for
 * has worst_app -1 and is shown as unknown, never as 0. */
static void check_see(slg_check_result *c, double v, size_t app)
{
  if (v < 0)
    return;
  if (c->worst_app < 0 || v > c->worst) {
    c->worst = v;
    c->worst_app = (int64_t)app;
  }
}

/* Where the driver's log is, by platform (docs/spark-log-formats.md,
 * "line layouts by platform"). One line each: the text report breaks the
 * lines here and wraps each one. */
static const char driver_log_places[] =
    "YARN: yarn logs -applicationId <app id> (cluster mode: the first "
    "container, ..._000001; client mode: the spark-submit console)\n"
    "Kubernetes: kubectl logs <driver pod>\n"
    "Databricks: the cluster's driver logs (log4j-active.log)\n"
    "AWS Glue: the log group /aws-glue/jobs/error, stream "
    "<job-run-id>-driver\n";

void slg_no_scheduler_hint(const slg_model *m, slg_input_kind kind,
                           slg_buf *out)
{
  switch (kind) {
  case SLG_INPUT_EMPTY:
    slg_buf_puts(out, "No line was read (an empty input, or files that "
                      "could not be read: see the input section).\n");
    return;
  case SLG_INPUT_EVENT_LOG:
    slg_buf_puts(out, "This is a Spark event log: JSON listener events, "
                      "written to spark.eventLog.dir for the Spark History "
                      "Server. sparklog reads the driver's log instead, "
                      "the log4j output of the driver JVM:\n");
    slg_buf_puts(out, driver_log_places);
    return;
  case SLG_INPUT_EXECUTOR:
    slg_buf_puts(out, "This is an executor's log: the scheduler "
                      "(DAGScheduler, TaskSetManager) logs only in the "
                      "driver. Read the driver's log:\n");
    slg_buf_puts(out, driver_log_places);
    return;
  case SLG_INPUT_NOT_SPARK:
    slg_buf_puts(out, "No record of a Spark component was found: this does "
                      "not look like a Spark log. If it is one, in a layout "
                      "sparklog does not detect, give its log4j "
                      "ConversionPattern with --layout.\n");
    return;
  default:
    /* Spark loggers but no scheduler: a driver log kept at WARN. */
    slg_model_scheduler_hint(m, out);
  }
}

/* Each application's outcome, and the findings it raises: APP_FAILED,
 * APP_KILLED, LOG_CUT_OFF, JOB_FAILED_RECOVERED. */
/* "850 ms", "14.3 s": a duration in a finding's sentence. */
static void eng_ms(char *out, uint64_t ms)
{
  if (ms < 1000)
    snprintf(out, 32, "%llu ms", (unsigned long long)ms);
  else
    snprintf(out, 32, "%.1f s", (double)ms / 1000.0);
}

/* "64 MiB", "1.5 MiB", "512 B". */
static void eng_bytes(char *out, uint64_t b)
{
  if (b >= 1024 * 1024)
    snprintf(out, 32, "%.3g MiB", (double)b / (1024.0 * 1024.0));
  else if (b >= 1024)
    snprintf(out, 32, "%.3g KiB", (double)b / 1024.0);
  else
    snprintf(out, 32, "%llu B", (unsigned long long)b);
}

/* The engine's findings of one application (model/engine.h): a stream
 * whose batches outlast their trigger or batch interval, and AQE
 * coalescing whose target the parallelism cut below the advisory size. */
static void engine_findings(slg_analysis *a, const slg_app *ap, size_t ai)
{
  const slg_engine *e = ap->engine;
  char d1[32], d2[32];
  if (e == NULL)
    return;
  if (e->ss_behind || e->ds_behind) {
    slg_finding *f = add(a, SLG_FINDING_STREAM_BEHIND, SLG_SEV_WARNING,
                         (int64_t)ai, -1, -1, -1);
    if (e->ss_behind) {
      eng_ms(d1, e->ss_interval_ms);
      eng_ms(d2, e->ss_behind_max_ms);
      f->message = fmt("the streaming query fell behind: %llu batch%s took "
                       "longer than the %s trigger interval (up to %s, "
                       "\"Current batch is falling behind\" from line %llu)",
                       (unsigned long long)e->ss_behind,
                       e->ss_behind == 1 ? "" : "es", d1, d2,
                       (unsigned long long)e->ss_behind_first.line);
      f->suggestion = fmt("make a batch cheaper (cap its input with "
                          "maxOffsetsPerTrigger or maxFilesPerTrigger, add "
                          "executors) or lengthen the trigger interval");
      ev_num(f, "batches_behind", (double)e->ss_behind);
      ev_num(f, "trigger_interval_ms", (double)e->ss_interval_ms);
      ev_num(f, "max_spent_ms", (double)e->ss_behind_max_ms);
      f->lines[f->nlines++] = e->ss_behind_first;
    } else {
      eng_ms(d1, e->ds_interval_ms);
      eng_ms(d2, e->ds_max_delay_ms);
      f->message = fmt("the DStreams job fell behind: %llu of %llu batches "
                       "ran longer than the %s batch interval (total delay "
                       "up to %s, line %llu)",
                       (unsigned long long)e->ds_behind,
                       (unsigned long long)e->ds_batches, d1, d2,
                       (unsigned long long)e->ds_max_delay_pos.line);
      f->suggestion = fmt("make a batch cheaper (more executors, "
                          "spark.streaming.backpressure.enabled=true, a "
                          "rate limit such as spark.streaming.kafka."
                          "maxRatePerPartition) or lengthen the batch "
                          "interval");
      ev_num(f, "batches_behind", (double)e->ds_behind);
      ev_num(f, "batch_interval_ms", (double)e->ds_interval_ms);
      ev_num(f, "max_total_delay_ms", (double)e->ds_max_delay_ms);
      f->lines[f->nlines++] = e->ds_max_delay_pos;
    }
  }
  if (e->coalesce_capped) {
    const slg_aqe_decision *c = &e->first_capped;
    slg_finding *f = add(a, SLG_FINDING_AQE_COALESCE_CAPPED, SLG_SEV_INFO,
                         (int64_t)ai, -1, -1, -1);
    char b1[32], b2[32];
    eng_bytes(b1, (uint64_t)c->actual);
    eng_bytes(b2, (uint64_t)c->advisory);
    f->message = fmt("AQE coalesced shuffle(%s) to a %s target, below the "
                     "%s advisory size (%llu of %llu targets): the "
                     "parallelism asked for more partitions than the data "
                     "fills",
                     c->shuffles, b1, b2,
                     (unsigned long long)e->coalesce_capped,
                     (unsigned long long)e->aqe_by_rule[SLG_AQE_RULE_COUNT]);
    /* 3.2 added parallelismFirst (default true: the target is the data
     * over the default parallelism, floored at minPartitionSize) and the
     * log's "minimum partition size"; 3.0 and 3.1 take the parallelism
     * from minPartitionNum, default the default parallelism. */
    if (c->min_partition >= 0)
      f->suggestion = fmt(
          "if the small tasks cost more than the parallelism gains (a busy "
          "cluster), set spark.sql.adaptive.coalescePartitions."
          "parallelismFirst=false so that spark.sql.adaptive."
          "advisoryPartitionSizeInBytes is the target");
    else
      f->suggestion = fmt(
          "if the small tasks cost more than the parallelism gains, set "
          "spark.sql.adaptive.coalescePartitions.minPartitionNum=1 so that "
          "spark.sql.adaptive.advisoryPartitionSizeInBytes is the target");
    ev_num(f, "advisory_target_bytes", (double)c->advisory);
    ev_num(f, "actual_target_bytes", (double)c->actual);
    ev_num(f, "capped", (double)e->coalesce_capped);
    f->lines[f->nlines++] = c->pos;
  }
}

/* IO_PHASE_DOMINATES: an I/O phase took >= 10% of the application's
 * wall time and >= 30 s (io_fix.h). */
static void io_dominates(slg_analysis *a, const slg_app *ap, size_t ai,
                         const slg_app_outcome *o)
{
  int k = slg_io_dominant(ap->io, o->duration_ms);
  if (k < 0)
    return;
  const slg_io_phase *ph = &ap->io->kind[k];
  double ms = slg_io_phase_ms(ph);
  slg_finding *f = add(a, SLG_FINDING_IO_PHASE_DOMINATES, SLG_SEV_WARNING,
                       (int64_t)ai, -1, -1, -1);
  f->message = fmt("the %s phase took %.0f s of the application's %.0f s "
                   "(%.0f%%), lines %llu to %llu",
                   slg_io_kind_name((slg_io_kind)k), ms / 1000.0,
                   o->duration_ms / 1000.0, 100.0 * ms / o->duration_ms,
                   (unsigned long long)ph->first.line,
                   (unsigned long long)ph->last.line);
  f->suggestion = fmt("%s", slg_io_fix((slg_io_kind)k, ap->spark_version));
  f->cause = fmt("%s", slg_io_kind_name((slg_io_kind)k));
  ev_str(f, "phase", slg_io_kind_name((slg_io_kind)k));
  ev_num(f, "phase_ms", ms);
  ev_num(f, "wall_ms", o->duration_ms);
  f->lines[f->nlines++] = ph->first;
  if (ph->durations)
    f->lines[f->nlines++] = ph->duration_max_pos;
}

static void outcome_findings(slg_analysis *a, const slg_app *apps,
                             size_t napps, const slg_thresholds *th)
{
  a->cause_app = -1;
  a->outcomes = slg_xcalloc(napps ? napps : 1, sizeof *a->outcomes);
  int64_t killed_app = -1;
  for (size_t ai = 0; ai < napps; ai++) {
    slg_app_outcome *o = &a->outcomes[ai];
    slg_outcome_of(o, &apps[ai], th->platform_frames);
    const slg_root_cause *c = &o->cause;
    slg_finding *f = NULL;
    slg_buf jobs = SLG_BUF_INIT;
    for (size_t i = 0; i < o->nfailed_jobs; i++)
      slg_buf_printf(&jobs, "%s%llu", i ? ", " : "",
                     (unsigned long long)o->failed_jobs[i]);
    slg_buf_cstr(&jobs);
    switch (o->outcome) {
    case SLG_OUTCOME_FAILED:
      a->failed_apps++;
      if (a->cause_app < 0)
        a->cause_app = (int64_t)ai;
      f = add(a, SLG_FINDING_APP_FAILED, SLG_SEV_ERROR, (int64_t)ai, -1, -1,
              -1);
      f->message = fmt("the application failed%s%s%s%s: %s%s%.300s "
                       "(%s, line %llu%s%s)",
                       o->nfailed_jobs ? " (job" : "",
                       o->nfailed_jobs > 1 ? "s " : o->nfailed_jobs ? " " : "",
                       jobs.ptr, o->nfailed_jobs ? ")" : "",
                       c->exception ? c->exception : "",
                       c->exception && c->message && *c->message ? ": "
                                                                 : "",
                       c->message ? c->message : "", c->class_id,
                       (unsigned long long)c->line.line,
                       c->user_frame ? "; user code " : "",
                       c->user_frame ? c->user_frame : "");
      f->suggestion = fmt("%s", slg_fix_cause(c->class_id,
                                              apps[ai].spark_version));
      break;
    case SLG_OUTCOME_KILLED:
      a->failed_apps++;
      if (killed_app < 0)
        killed_app = (int64_t)ai;
      f = add(a, SLG_FINDING_APP_KILLED, th->killed_is, (int64_t)ai, -1, -1,
              -1);
      /* The cause's own words when it has them (a signal, an interrupt),
       * not the outcome's stock phrase said twice. */
      int stock = c->message == NULL ||
                  strncmp(c->message, "stopped from outside", 20) == 0;
      f->message = fmt("the application was stopped from outside while %s "
                       "ran%s%s%s",
                       o->ncancelled_jobs ? "a job" : "its work",
                       stock ? "" : " (", stock ? "" : c->message,
                       stock ? "" : ")");
      if (o->has_cause && strcmp(c->class_id, "no-resources") == 0)
        f->suggestion = fmt("%s; then find who stopped it",
                            slg_fix_cause(c->class_id,
                                          apps[ai].spark_version));
      else
        f->suggestion = fmt("find who stopped it (a scheduler timeout, a "
                            "user, a preemption); set killed_is = warning "
                            "if that is expected");
      break;
    case SLG_OUTCOME_INCOMPLETE:
      f = add(a, SLG_FINDING_LOG_CUT_OFF, SLG_SEV_WARNING, (int64_t)ai, -1,
              -1, -1);
      f->message = fmt("the log stops before the application's end (no "
                       "SparkContext stop, shutdown hook or next "
                       "application): whether it succeeded is not in it");
      f->suggestion = fmt("check that the log is complete (log rotation, "
                          "a copy taken mid-run) or that the driver did "
                          "not die");
      break;
    default:
      break;
    }
    if (f != NULL && o->has_cause && c->line.line) {
      f->lines[f->nlines++] = c->line;
      ev_str(f, "class", c->class_id);
    }
    /* The first tasks waited for executors ("Initial job has not
     * accepted any resources"), unless that is already the root cause:
     * one finding per cause. */
    if (apps[ai].starved &&
        !(o->has_cause && strcmp(c->class_id, "no-resources") == 0)) {
      const slg_app *ap = &apps[ai];
      f = add(a, SLG_FINDING_NO_RESOURCES, SLG_SEV_WARNING, (int64_t)ai, -1,
              -1, -1);
      f->message = fmt("the first tasks waited for executors: \"Initial job "
                       "has not accepted any resources\" %llu time%s from "
                       "line %llu",
                       (unsigned long long)ap->starved,
                       ap->starved == 1 ? "" : "s",
                       (unsigned long long)ap->starved_pos.line);
      f->suggestion = fmt("check that the cluster has room for executors "
                          "of the size asked (memory, cores, queue) and "
                          "that they start (see EXECUTOR_LOSS)");
      ev_num(f, "warnings", (double)ap->starved);
      f->lines[f->nlines++] = ap->starved_pos;
    }
    engine_findings(a, &apps[ai], ai);
    io_dominates(a, &apps[ai], ai, o);
    if (o->recovered) {
      f = add(a, SLG_FINDING_JOB_FAILED_RECOVERED, SLG_SEV_WARNING,
              (int64_t)ai, -1, -1, -1);
      f->message = fmt("job%s %s failed, and later work succeeded",
                       o->nfailed_jobs > 1 ? "s" : "", jobs.ptr);
      f->suggestion = fmt("check that the failure was expected (a retry "
                          "loop, a probe); its output is missing");
    }
    slg_buf_dispose(&jobs);
  }
  if (a->cause_app < 0)
    a->cause_app = killed_app;
}

/* ------------------------------------------------------------ folding */

/* One application's part of the check limits from its folded attempts
 * (the same sums and maxima as slg_analysis_run's; skew -1 unknown). */
typedef struct fold_app {
  double shuffle_stages, stage_task, skew, failed, retries, fetch;
  int stage_loss;
} fold_app;

/* A ranking entry of a folded attempt with copies of what the renderers
 * read of its stage and attempt (names are the model's, which outlives
 * the analysis); r.stage and r.attempt point at them. */
typedef struct fold_ranked {
  slg_ranked r;
  slg_stage stage;
  slg_stage_attempt attempt;
} fold_ranked;

struct slg_fold {
  slg_thresholds def;
  const slg_thresholds *th;
  slg_analysis acc; /* the findings of the folded attempts */
  fold_app *apps;
  size_t napps;
  fold_ranked **top; /* up to 2 * SLG_FOLD_RANKED, trimmed when full */
  size_t ntop;
};

slg_fold *slg_fold_new(const slg_thresholds *t)
{
  slg_fold *f = slg_xcalloc(1, sizeof *f);
  slg_thresholds_init(&f->def);
  f->th = t != NULL ? t : &f->def;
  return f;
}

static void fold_ranked_free(fold_ranked *e)
{
  free(e->stage.shuffle_reads);
  free(e->stage.jobs);
  free(e->attempt.tasks.kinds);
  free(e);
}

void slg_fold_free(slg_fold *f)
{
  if (f == NULL)
    return;
  slg_analysis_dispose(&f->acc);
  free(f->apps);
  for (size_t i = 0; i < f->ntop; i++)
    fold_ranked_free(f->top[i]);
  free(f->top);
  free(f);
}

static int by_cost(const void *x, const void *y);

static int by_cost_ptr(const void *x, const void *y)
{
  const fold_ranked *const *a = x, *const *b = y;
  return by_cost(&(*a)->r, &(*b)->r);
}

/* Keeps the SLG_FOLD_RANKED costliest entries. */
static void fold_trim(slg_fold *f)
{
  qsort(f->top, f->ntop, sizeof *f->top, by_cost_ptr);
  for (size_t i = SLG_FOLD_RANKED; i < f->ntop; i++)
    fold_ranked_free(f->top[i]);
  f->ntop = SLG_FOLD_RANKED;
}

static void fold_rank(slg_fold *f, const slg_app *app, size_t ai,
                      const slg_stage *s, const slg_stage_attempt *t,
                      unsigned reasons)
{
  if (f->ntop == 2 * SLG_FOLD_RANKED)
    fold_trim(f);
  if (f->top == NULL)
    f->top = slg_xmalloc(2 * SLG_FOLD_RANKED * sizeof *f->top);
  fold_ranked *e = slg_xcalloc(1, sizeof *e);
  f->top[f->ntop++] = e;
  const slg_sketch *k = &t->tasks.task_ms;
  double p50 = slg_sketch_quantile(k, 0.5);
  /* The stage: its names and the few ids the renderers print. */
  e->stage.id = s->id;
  e->stage.kind = s->kind;
  e->stage.name = s->name;
  e->stage.rdd = s->rdd;
  e->stage.rdd_id = s->rdd_id;
  e->stage.shuffle_write = s->shuffle_write;
  if (s->njobs) {
    e->stage.jobs = slg_xmalloc(sizeof *e->stage.jobs);
    e->stage.jobs[0] = s->jobs[0];
    e->stage.njobs = 1;
  }
  if (s->nshuffle_reads) {
    e->stage.shuffle_reads =
        slg_xmalloc(s->nshuffle_reads * sizeof *e->stage.shuffle_reads);
    memcpy(e->stage.shuffle_reads, s->shuffle_reads,
           s->nshuffle_reads * sizeof *e->stage.shuffle_reads);
    e->stage.nshuffle_reads = s->nshuffle_reads;
  }
  e->stage.attempts = &e->attempt;
  e->stage.nattempts = 1;
  /* The attempt: its numbers and failure kinds (their names are the
   * model's), not its sketch, tallies or bookkeeping. */
  e->attempt.attempt = t->attempt;
  e->attempt.status = t->status;
  e->attempt.start = t->start;
  e->attempt.end = t->end;
  e->attempt.resubmitted_because = t->resubmitted_because;
  e->attempt.num_tasks = t->num_tasks;
  e->attempt.start_ms = t->start_ms;
  e->attempt.end_ms = t->end_ms;
  e->attempt.duration_ms = t->duration_ms;
  e->attempt.incomplete = t->incomplete;
  e->attempt.submitted = t->submitted;
  slg_task_agg *g = &e->attempt.tasks;
  *g = t->tasks;
  memset(&g->task_ms, 0, sizeof g->task_ms);
  g->task_ms.count = t->tasks.task_ms.count;
  g->task_ms.sum = t->tasks.task_ms.sum;
  g->task_ms.max = t->tasks.task_ms.max;
  g->execs = NULL;
  g->nexecs = 0;
  g->execs_ix = NULL;
  g->execs_ix_cap = 0;
  g->kinds = NULL;
  if (t->tasks.nkinds) {
    g->kinds = slg_xmalloc(t->tasks.nkinds * sizeof *g->kinds);
    memcpy(g->kinds, t->tasks.kinds, t->tasks.nkinds * sizeof *g->kinds);
  }
  slg_ranked *r = &e->r;
  r->rank = UINT32_MAX; /* not in the model's numbering */
  r->app = ai;
  r->stage = &e->stage;
  r->attempt = &e->attempt;
  ranked_costs(r, app, t, k, p50, k->count ? (double)k->max : -1);
  r->reasons = reasons;
}

static void fold_linked(slg_fold *f, const slg_model *m, size_t ai,
                        const slg_stage *s, const slg_stage_attempt *t);

void slg_fold_attempt(slg_fold *f, const slg_model *m, size_t ai,
                      const slg_stage *s, const slg_stage_attempt *t)
{
  /* The stage as the end of the input would have linked it to its
   * shuffles, which findings and the ranking read. */
  slg_stage c = *s;
  uint64_t *reads;
  size_t nreads;
  c.shuffle_write = slg_model_stage_links(m, ai, s, &reads, &nreads);
  if (reads != NULL) {
    c.shuffle_reads = reads;
    c.nshuffle_reads = nreads;
  }
  fold_linked(f, m, ai, &c, t);
  free(reads);
}

static void fold_linked(slg_fold *f, const slg_model *m, size_t ai,
                        const slg_stage *s, const slg_stage_attempt *t)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(m, &napps);
  if (ai >= napps)
    return;
  const slg_app *app = &apps[ai];
  const slg_thresholds *th = f->th;
  if (ai >= f->napps) {
    f->apps = slg_xrealloc(f->apps, (ai + 1) * sizeof *f->apps);
    for (size_t i = f->napps; i <= ai; i++) {
      memset(&f->apps[i], 0, sizeof f->apps[i]);
      f->apps[i].skew = -1;
    }
    f->napps = ai + 1;
  }
  fold_app *fa = &f->apps[ai];
  int shuffle = is_shuffle_stage(s);
  size_t before = f->acc.nfindings;
  stage_findings(&f->acc, th, app, ai, s, t, shuffle);
  unsigned reasons = 0;
  for (size_t i = before; i < f->acc.nfindings; i++) {
    slg_finding *g = &f->acc.findings[i];
    reasons |= 1u << g->kind;
    if (g->kind == SLG_FINDING_EXECUTOR_LOSS)
      fa->stage_loss = 1;
  }
  const slg_sketch *k = &t->tasks.task_ms;
  double p50 = slg_sketch_quantile(k, 0.5);
  if ((double)k->sum > fa->stage_task)
    fa->stage_task = (double)k->sum;
  double sk = skew_of(k, p50);
  if (k->count >= th->skew_min_tasks && sk > fa->skew)
    fa->skew = sk;
  fa->failed += (double)t->tasks.failed;
  fa->retries += t->attempt > 0;
  fa->fetch += (double)kind_count(&t->tasks, "FetchFailed");
  if (!shuffle)
    return;
  fa->shuffle_stages++;
  fold_rank(f, app, ai, s, t, reasons);
}

/* A copy of a folded finding for an analysis that owns its own. */
static void finding_copy(slg_finding *out, const slg_finding *f)
{
  *out = *f;
  out->message = f->message ? slg_xstrndup(f->message, strlen(f->message))
                            : NULL;
  out->suggestion =
      f->suggestion ? slg_xstrndup(f->suggestion, strlen(f->suggestion))
                    : NULL;
  out->cause = f->cause ? slg_xstrndup(f->cause, strlen(f->cause)) : NULL;
  out->stages = NULL;
  out->nstages = 0;
  for (size_t i = 0; i < f->nevidence; i++)
    if (f->evidence[i].str)
      out->evidence[i].str =
          slg_xstrndup(f->evidence[i].str, strlen(f->evidence[i].str));
}

void slg_analysis_run(slg_analysis *a, const slg_model *m,
                      const slg_thresholds *th, slg_input_kind kind)
{
  slg_analysis_run_folded(a, m, th, kind, NULL);
}

void slg_analysis_run_folded(slg_analysis *a, const slg_model *m,
                             const slg_thresholds *th, slg_input_kind kind,
                             const slg_fold *fold)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(m, &napps);
  memset(a, 0, sizeof *a);
  a->apps = napps;
  a->app_verdicts = slg_xcalloc(napps ? napps : 1, sizeof *a->app_verdicts);
  a->kind = kind;
  a->scheduler_lines = slg_model_scheduler_lines(m);
  slg_check_result *c = a->checks;
  check_set(&c[0], "max_shuffle_stages", (double)th->max_shuffle_stages);
  check_set(&c[1], "max_stage_task_time", th->max_stage_task_ms);
  check_set(&c[2], "max_skew", th->max_skew);
  check_set(&c[3], "max_failed_tasks", (double)th->max_failed_tasks);
  check_set(&c[4], "max_stage_retries", (double)th->max_stage_retries);
  check_set(&c[5], "max_fetch_failures", (double)th->max_fetch_failures);
  check_set(&c[6], "max_lost_executors", (double)th->max_lost_executors);
  check_set(&c[7], "max_app_duration", th->max_app_duration_ms);
  check_set(&c[8], "max_map_status_size", (double)th->max_map_status_bytes);

  outcome_findings(a, apps, napps, th);
  size_t cap = 0;
  /* Every stage attempt numbered in model order (app, stage, attempt):
   * first[ai][si] is the number of a stage's first attempt. A ranked
   * attempt keeps its number in `rank` until the ranking is sorted, then
   * rank_of[number] is its place, so that a finding's stages find their
   * ranked attempts without a pass over the ranking. */
  size_t **first = slg_xcalloc(napps ? napps : 1, sizeof *first);
  size_t nattempts = 0;
  for (size_t ai = 0; ai < napps; ai++) {
    first[ai] = slg_xmalloc((apps[ai].nstages + 1) * sizeof **first);
    for (size_t si = 0; si < apps[ai].nstages; si++) {
      first[ai][si] = nattempts;
      nattempts += apps[ai].stages[si].nattempts;
    }
  }
  for (size_t ai = 0; ai < napps; ai++) {
    const slg_app *app = &apps[ai];
    /* skew and map_status stay -1 (unknown) until a stage or a shuffle
     * gives one. */
    double shuffle_stages = 0, stage_task = 0, skew = -1, failed = 0,
           retries = 0, fetch = 0, map_status = -1;
    int stage_loss = 0;
    for (size_t si = 0; si < app->nstages; si++) {
      const slg_stage *s = &app->stages[si];
      int shuffle = is_shuffle_stage(s);
      for (size_t ti = 0; ti < s->nattempts; ti++) {
        const slg_stage_attempt *t = &s->attempts[ti];
        const slg_sketch *k = &t->tasks.task_ms;
        size_t before = a->nfindings;
        stage_findings(a, th, app, ai, s, t, shuffle);
        for (size_t fi = before; fi < a->nfindings; fi++)
          if (a->findings[fi].kind == SLG_FINDING_EXECUTOR_LOSS)
            stage_loss = 1;
        double p50 = slg_sketch_quantile(k, 0.5);
        double mx = k->count ? (double)k->max : -1;
        if ((double)k->sum > stage_task)
          stage_task = (double)k->sum;
        double sk = skew_of(k, p50);
        if (k->count >= th->skew_min_tasks && sk > skew)
          skew = sk;
        failed += (double)t->tasks.failed;
        retries += t->attempt > 0;
        fetch += (double)kind_count(&t->tasks, "FetchFailed");
        if (!shuffle)
          continue;
        shuffle_stages++;
        if (a->nranking == cap) {
          cap = cap ? cap * 2 : 32;
          a->ranking = slg_xrealloc(a->ranking, cap * sizeof *a->ranking);
        }
        slg_ranked *r = &a->ranking[a->nranking++];
        memset(r, 0, sizeof *r);
        r->rank = (uint32_t)(first[ai][si] + ti);
        r->app = ai;
        r->stage = s;
        r->attempt = t;
        ranked_costs(r, app, t, k, p50, mx);
      }
    }
    if (fold != NULL && ai < fold->napps) {
      /* The attempts that left the model, analysed when they ended. */
      const fold_app *fa = &fold->apps[ai];
      shuffle_stages += fa->shuffle_stages;
      if (fa->stage_task > stage_task)
        stage_task = fa->stage_task;
      if (fa->skew > skew)
        skew = fa->skew;
      failed += fa->failed;
      retries += fa->retries;
      fetch += fa->fetch;
      stage_loss |= fa->stage_loss;
    }
    if (app->exec_deaths && !stage_loss) {
      /* Idle removals, driver kills and the shutdown are benign: only
       * deaths raise it (executor_loss.h). */
      slg_finding *f = add(a, SLG_FINDING_EXECUTOR_LOSS, loss_severity(app),
                           (int64_t)ai, -1, -1, -1);
      executor_loss(f, app, NULL);
    }
    /* map_status_bytes 0: never logged. */
    for (size_t i = 0; i < app->nshuffles; i++)
      if (app->shuffles[i].map_status_bytes > 0 &&
          (double)app->shuffles[i].map_status_bytes > map_status)
        map_status = (double)app->shuffles[i].map_status_bytes;
    /* To the context's stop or the shutdown hook, or the logged uptime:
     * not the last scheduler line; -1 unknown. */
    double duration = a->outcomes[ai].duration_ms;
    check_see(&c[0], shuffle_stages, ai);
    check_see(&c[1], stage_task, ai);
    check_see(&c[2], skew, ai);
    check_see(&c[3], failed, ai);
    check_see(&c[4], retries, ai);
    check_see(&c[5], fetch, ai);
    check_see(&c[6], (double)app->exec_deaths, ai);
    check_see(&c[7], duration, ai);
    check_see(&c[8], map_status, ai);

    /* Verdict. */
    slg_app_verdict *v = &a->app_verdicts[ai];
    v->seq = ai + 1;
    v->file = app->file;
    v->app_id = app->app_id;
    /* Unknown (-1) when the layout has no timestamps to tell it. */
    v->duration_ms = (app->start.flags & SLG_TIME_HAS_TIME) &&
                             (app->end.flags & SLG_TIME_HAS_TIME) &&
                             app->end_ms >= app->start_ms
                         ? (double)(app->end_ms - app->start_ms)
                         : -1;
    /* A job that ended "failed" because the run was stopped under it
     * ("Job 11 cancelled because SparkContext was shut down") is what the
     * outcome says it is: its lists are in job order, so a cursor. */
    const slg_app_outcome *o = &a->outcomes[ai];
    size_t oc = 0;
    for (size_t ji = 0; ji < app->njobs; ji++) {
      const slg_job *j = &app->jobs[ji];
      a->jobs++;
      v->jobs++;
      int listed = oc < o->ncancelled_jobs && o->cancelled_jobs[oc] == j->id &&
                   !j->map_stage_job;
      oc += (size_t)listed;
      if (j->status == SLG_STATUS_CANCELLED ||
          (listed && j->status == SLG_STATUS_FAILED))
        v->jobs_cancelled++;
      if (j->status == SLG_STATUS_FAILED && !listed) {
        a->jobs_failed++;
        v->jobs_failed++;
        if (!a->first_failed_job) {
          a->first_failed_job = j;
          a->first_failed_app = ai;
        }
      } else if (j->status != SLG_STATUS_SUCCEEDED &&
                 j->status != SLG_STATUS_CANCELLED &&
                 j->status != SLG_STATUS_FAILED) {
        a->jobs_unfinished++;
        v->jobs_unfinished++;
      }
    }
    a->executors_lost += app->exec_deaths;
    a->executors_lost_memory += (uint64_t)memory_deaths(app);
    a->fetch_failures += (uint64_t)fetch;
  }
  uint64_t folded_attempts,
      folded = slg_model_stages_folded(m, &folded_attempts);
  if (fold != NULL) {
    for (size_t i = 0; i < fold->acc.nfindings; i++)
      finding_copy(add(a, SLG_FINDING_SKEW, SLG_SEV_INFO, -1, -1, -1, -1),
                   &fold->acc.findings[i]);
    /* The costliest SLG_FOLD_RANKED of the (up to twice as many) kept. */
    fold_ranked **top = slg_xmalloc((fold->ntop + 1) * sizeof *top);
    if (fold->ntop) {
      memcpy(top, fold->top, fold->ntop * sizeof *top);
      qsort(top, fold->ntop, sizeof *top, by_cost_ptr);
    }
    for (size_t i = 0; i < fold->ntop && i < SLG_FOLD_RANKED; i++) {
      if (a->nranking == cap) {
        cap = cap ? cap * 2 : 32;
        a->ranking = slg_xrealloc(a->ranking, cap * sizeof *a->ranking);
      }
      slg_ranked *r = &a->ranking[a->nranking++];
      *r = top[i]->r;
      /* Its share of its application's task time at the end, as the
       * others' (ranked_costs), not when it was folded. */
      const slg_app *app = r->app < napps ? &apps[r->app] : NULL;
      r->share = app != NULL && app->total_task_ms
                     ? r->task_ms / (double)app->total_task_ms
                     : 0;
    }
    free(top);
  }
  uint64_t merged = slg_model_apps_merged(m);
  if (merged) {
    slg_finding *f = add(a, SLG_FINDING_STAGES_CAPPED, SLG_SEV_WARNING, -1,
                         -1, -1, -1);
    f->message = fmt("applications beyond --max-apps went on in the last "
                     "one (%llu application start%s): their jobs, stages "
                     "and failures are counted there",
                     (unsigned long long)merged, merged == 1 ? "" : "s");
    f->suggestion = fmt("raise --max-apps, or read the log in parts");
    ev_num(f, "app_starts_merged", (double)merged);
  }
  if (folded) {
    slg_finding *f = add(a, SLG_FINDING_STAGES_CAPPED, SLG_SEV_WARNING, -1,
                         -1, -1, -1);
    f->message = fmt("%llu stage%s (%llu attempt%s) beyond --max-stages "
                     "left the model when they ended: their findings and "
                     "limits count, the ranking keeps the costliest %d, "
                     "the stage lists do not show them",
                     (unsigned long long)folded, folded == 1 ? "" : "s",
                     (unsigned long long)folded_attempts,
                     folded_attempts == 1 ? "" : "s", SLG_FOLD_RANKED);
    f->suggestion = fmt("raise --max-stages if the machine has the memory "
                        "(about 1 KiB per stage), or read the log in "
                        "parts");
    ev_num(f, "stages_folded", (double)folded);
    ev_num(f, "attempts_folded", (double)folded_attempts);
  }
  if (a->scheduler_lines == 0 && a->failed_apps == 0) {
    /* --allow-empty: the user accepts such input; keep it as a note. When
     * every application's end shows it succeeded (YARN's "Final app
     * status: SUCCEEDED", the program's own stop) the gate has a verdict
     * to stand on: only the analysis is missing, a warning. */
    int known = napps > 0;
    for (size_t ai = 0; ai < napps; ai++)
      known &= a->outcomes[ai].outcome == SLG_OUTCOME_SUCCEEDED;
    slg_finding *f =
        add(a, SLG_FINDING_NO_SCHEDULER_LINES,
            th->allow_empty ? SLG_SEV_INFO
            : known         ? SLG_SEV_WARNING
                            : SLG_SEV_ERROR,
            -1, -1, -1, -1);
    slg_buf hint = SLG_BUF_INIT;
    slg_no_scheduler_hint(m, kind, &hint);
    f->message = fmt("the input has no scheduler lines (DAGScheduler, "
                     "TaskSetManager, TaskSchedulerImpl): jobs, stages and "
                     "shuffles cannot be analysed");
    f->suggestion = slg_xstrndup(slg_buf_cstr(&hint), hint.len);
    slg_buf_dispose(&hint);
  }
  for (size_t i = 0; i < SLG_CHECK_COUNT; i++) {
    if (c[i].limit < 0 || c[i].worst_app < 0 || c[i].worst <= c[i].limit)
      continue;
    c[i].breached = 1;
    slg_finding *f = add(a, SLG_FINDING_THRESHOLD, SLG_SEV_ERROR,
                         c[i].worst_app, -1, -1, -1);
    f->message = fmt("%s: %g exceeds the limit %g (app %lld)", c[i].key,
                     c[i].worst, c[i].limit, (long long)c[i].worst_app + 1);
    char flag[32];
    size_t n = 0;
    for (const char *p = c[i].key; *p && n + 1 < sizeof flag; p++)
      flag[n++] = *p == '_' ? '-' : *p;
    flag[n] = '\0';
    f->suggestion = fmt("see the other findings for the cause, or raise "
                        "the limit (--%s) if this is expected", flag);
    ev_str(f, "key", c[i].key);
    ev_num(f, "value", c[i].worst);
    ev_num(f, "limit", c[i].limit);
  }
  if (a->nranking) /* qsort wants a valid pointer even for 0 elements */
    qsort(a->ranking, a->nranking, sizeof *a->ranking, by_cost);
  uint32_t *rank_of = slg_xmalloc((nattempts ? nattempts : 1) *
                                  sizeof *rank_of);
  memset(rank_of, 0xff, (nattempts ? nattempts : 1) * sizeof *rank_of);
  for (size_t i = 0; i < a->nranking; i++) {
    if (a->ranking[i].rank != UINT32_MAX) /* folded: reasons are set */
      rank_of[a->ranking[i].rank] = (uint32_t)i;
    a->ranking[i].rank = (uint32_t)(i + 1);
  }
  /* A run whose outcome is not a failure did not fail: the stage-level
   * errors of a job it recovered from are warnings (JOB_FAILED_RECOVERED
   * says so), and only APP_FAILED / APP_KILLED fail it. */
  for (size_t i = 0; i < a->nfindings; i++) {
    slg_finding *f = &a->findings[i];
    if (f->app < 0 || (size_t)f->app >= napps ||
        (f->kind != SLG_FINDING_TASK_FAILURES &&
         f->kind != SLG_FINDING_FETCH_FAILURE) ||
        f->severity != SLG_SEV_ERROR)
      continue;
    slg_outcome o = a->outcomes[f->app].outcome;
    if (o != SLG_OUTCOME_FAILED && o != SLG_OUTCOME_KILLED)
      f->severity = SLG_SEV_WARNING;
  }
  if (a->nfindings)
    qsort(a->findings, a->nfindings, sizeof *a->findings, by_position);
  slg_findings_finish(a, m, th);
  for (size_t i = 0; i < a->nfindings; i++) {
    slg_finding *f = &a->findings[i];
    a->by_severity[f->severity]++;
    if (f->severity > a->worst)
      a->worst = f->severity;
    /* The ranking's reasons: the findings on the same stage attempt
     * (every attempt of the app with that stage id and number). */
    if (f->app < 0 || (size_t)f->app >= napps)
      continue;
    const slg_app *app = &apps[f->app];
    for (size_t s = 0; s < f->nstages; s++) {
      const slg_stage *st = f->stages[s].stage >= 0
                                ? slg_app_stage(app,
                                                (uint64_t)f->stages[s].stage)
                                : NULL;
      if (st == NULL || f->stages[s].attempt < 0)
        continue;
      for (const slg_stage_attempt *t = slg_stage_attempt_find(
               st, (uint64_t)f->stages[s].attempt);
           t != NULL; t = slg_stage_attempt_before(st, t)) {
        size_t no = first[f->app][st - app->stages] +
                    (size_t)(t - st->attempts);
        if (rank_of[no] != UINT32_MAX)
          a->ranking[rank_of[no]].reasons |= 1u << f->kind;
      }
    }
  }
  for (size_t ai = 0; ai < napps; ai++)
    free(first[ai]);
  free(first);
  free(rank_of);
  a->succeeded = a->jobs_failed == 0;
}

void slg_analysis_dispose(slg_analysis *a)
{
  for (size_t i = 0; i < a->nfindings; i++)
    slg_finding_dispose(&a->findings[i]);
  for (size_t i = 0; i < a->nsuppressed; i++)
    slg_finding_dispose(&a->suppressed[i]);
  free(a->findings);
  free(a->suppressed);
  free(a->ranking);
  free(a->app_verdicts);
  for (size_t i = 0; i < a->apps && a->outcomes; i++)
    slg_outcome_dispose(&a->outcomes[i]);
  free(a->outcomes);
  memset(a, 0, sizeof *a);
}

int slg_analysis_failed(const slg_analysis *a, const slg_thresholds *t)
{
  for (size_t s = t->fail_on; s < 3; s++)
    if (a->by_severity[s])
      return 1;
  return 0;
}

slg_gate slg_analysis_gate(const slg_analysis *a, const slg_thresholds *t)
{
  if (!a->scheduler_lines && !a->apps && !t->allow_empty)
    return SLG_GATE_EMPTY;
  return slg_analysis_failed(a, t) ? SLG_GATE_FAILED : SLG_GATE_PASSED;
}
