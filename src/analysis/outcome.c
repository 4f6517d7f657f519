/*
 * outcome.c - how each application ended, and why it failed.
 *
 * An application has failed when its last outcome is a failure
 * (docs/spark-failure-messages.md section 8, rule 2: executor losses alone
 * never fail a run):
 *   - YARN's "Final app status: FAILED" (KILLED: killed);
 *   - a statement of the driver that no job follows: Exception in thread
 *     "main", a Python traceback, "User class threw exception", "Error
 *     initializing SparkContext", a streaming query terminated with error,
 *     an uncaught exception;
 *   - its last job failed ("Job N failed", not because the context was
 *     shut down);
 *   - the driver died (an OutOfMemoryError on a driver thread).
 * It was killed when the shutdown hook or a signal stopped it while a job
 * ran (the job then fails with "SparkContext was shut down": it counts as
 * cancelled); cancelled when its last job was cancelled by the program or
 * a user; incomplete when the log stops while jobs run, or stops with no
 * end of the application after its work (jobs or stages) began;
 * succeeded when it ran jobs and none of the above holds (a failed job
 * followed by successful work is recovered), or ran none we can see but
 * ended as a finished program does (ended_itself); unknown otherwise.
 *
 * The root cause is the earliest line that states the failure: the first
 * "Lost task" whose exception the abort repeats, else the deepest "Caused
 * by:" of the deciding statement (wrappers such as "Job aborted." carry
 * the real cause there: rule 4), else its Python error, else the
 * statement itself.
 */
#include "outcome.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "failure.h"

const char *slg_outcome_name(slg_outcome o)
{
  static const char *const n[] = {"unknown",   "succeeded", "failed",
                                  "killed",    "cancelled", "incomplete"};
  return (unsigned)o < 6 ? n[o] : "unknown";
}

static int has(const char *s, const char *needle)
{
  return s != NULL && strstr(s, needle) != NULL;
}

/* Wordings of section 8 that name a class, most specific first. */
static const struct {
  const char *needle;
  const char *class_id;
} wordings[] = {
    {"Unable to acquire", "spark-oom"},
    {"UNABLE_TO_ACQUIRE_MEMORY", "spark-oom"},
    {"OutOfMemoryError", "java-oom"},
    {"spark.driver.maxResultSize", "max-result-size"},
    {"Could not execute broadcast", "broadcast"},
    {"Cannot broadcast the table", "broadcast"},
    {"Not enough memory to build and broadcast", "broadcast"},
    {"Python worker exited unexpectedly", "python-worker"},
    {"PythonException", "python-worker"},
    {"An exception was thrown from the Python worker", "python-worker"},
    {"Failed to find data source", "data-source"},
    {"Failed to find the data source", "data-source"},
    {"DATA_SOURCE_NOT_FOUND", "data-source"},
    {"AnalysisException", "analysis"},
    {"TABLE_OR_VIEW_NOT_FOUND", "analysis"},
    {"Table or view not found", "analysis"},
    {"ClassNotFoundException", "class-missing"},
    {"NoClassDefFoundError", "class-missing"},
    {"No space left on device", "disk"},
    {"Too many open files", "disk"},
    {"Max number of executor failures", "max-exec-failures"},
    {"Missing an output location for shuffle", "missing-map-output"},
    /* A host the fetch cannot reach (section 8, network): not the shuffle
     * service's refusal, which stays fetch-failed. */
    {"No route to host", "network"},
    {"Network is unreachable", "network"},
    {"FetchFailed", "fetch-failed"},
    {"Container killed by YARN for exceeding", "yarn-mem-kill"},
    /* An executor's death, as a lost task's reason repeats it. */
    {"no recent heartbeats", "heartbeat"},
    {"Executor heartbeat timed out", "heartbeat"},
    {"exited unexpectedly with exit code", "emr-serverless-exit"},
    {"The executor with id", "k8s-exit"},
    /* The operator's status names the driver's container, more than the
     * OOMKilled reason it carries. */
    {"driver container failed with ExitCode", "k8s-operator"},
    {"OOMKilled", "k8s-exit"},
    {"Command exited with code", "standalone-exit"},
    {"Exit status: ", "yarn-exit-status"},
    {"Container killed on request", "yarn-exit-status"},
    {"was preempted", "yarn-preempt"},
    {"YARN application has exited unexpectedly", "yarn-app-exited"},
    {"Initial job has not accepted any resources", "no-resources"},
};

/* The index of the most specific wording in text, or the table's size. */
static size_t wording_of(const char *text)
{
  size_t n = sizeof wordings / sizeof wordings[0];
  if (text == NULL)
    return n;
  for (size_t i = 0; i < n; i++)
    if (strstr(text, wordings[i].needle) != NULL)
      return i;
  return n;
}

const char *slg_cause_class_of(const char *text)
{
  size_t i = wording_of(text);
  return i < sizeof wordings / sizeof wordings[0] ? wordings[i].class_id
                                                 : NULL;
}

int slg_cause_is_wrapper(const char *t)
{
  return t != NULL &&
         (strncmp(t, "Job aborted.", 12) == 0 || has(t, ": Job aborted.") ||
          has(t, "Task failed while writing rows") ||
          has(t, "[TASK_WRITE_FAILED]") || has(t, "Aborting job ") ||
          has(t, "Exception thrown in awaitResult"));
}

static const char *src_class(int src)
{
  switch (src) {
  case SLG_FAILURE_TASK:
  case SLG_FAILURE_TASK_ABORT: return "task-failure";
  case SLG_FAILURE_JOB: return "job-abort";
  case SLG_FAILURE_SC_INIT: return "sc-init";
  case SLG_FAILURE_USER_CLASS: return "yarn-user-class";
  case SLG_FAILURE_STREAMING: return "streaming-query";
  case SLG_FAILURE_PYTHON: return "pyspark";
  case SLG_FAILURE_MAIN:
  case SLG_FAILURE_UNCAUGHT: return "uncaught";
  default: return "driver-error";
  }
}

static int pos_before(slg_pos a, slg_pos b)
{
  return a.file < b.file || (a.file == b.file && a.line < b.line);
}

/* The failure of a job's result stage's last attempt ("ResultStage 2
 * failed in 44 s due to Stage cancelled because SparkContext was shut
 * down" comes after "Job 3 failed"). */
static const char *stage_failure(const slg_app *a, const slg_job *j)
{
  if (j->result_stage < 0)
    return NULL;
  const slg_stage *s = slg_app_stage(a, (uint64_t)j->result_stage);
  if (s == NULL || s->nattempts == 0)
    return NULL;
  return s->attempts[s->nattempts - 1].failure;
}

static int says_shut_down(const char *t)
{
  return has(t, "SparkContext was shut down") ||
         has(t, "SparkContext has been shutdown");
}

/* A job that ended because the context went down under it: the reason
 * says so, or it ended after the shutdown hook began the stop. */
static int stopped_under(const slg_app *a, const slg_job *j)
{
  if (j->status != SLG_STATUS_FAILED && j->status != SLG_STATUS_CANCELLED)
    return 0;
  return says_shut_down(j->failure) ||
         says_shut_down(stage_failure(a, j)) ||
         (a->hook_pos.line && j->end_pos.line &&
          !pos_before(j->end_pos, a->hook_pos));
}

/* The job with id `id` ended because the context went down under it:
 * the stop says nothing about why the application failed. */
static int cut_by_stop(const slg_app *a, int64_t id)
{
  for (size_t i = 0; id >= 0 && i < a->njobs; i++)
    if (a->jobs[i].id == (uint64_t)id && !a->jobs[i].map_stage_job)
      return stopped_under(a, &a->jobs[i]);
  return 0;
}

/* A job the program (or a user) cancelled: "Job 1 cancelled part of
 * cancelled job group g", "... as part of cancellation of all jobs". */
static int cancelled_by_app(const slg_app *a, const slg_job *j)
{
  if (j->status == SLG_STATUS_CANCELLED)
    return 1;
  const char *t = stage_failure(a, j);
  return j->status == SLG_STATUS_FAILED &&
         (has(j->failure, " cancelled ") || has(t, " cancelled part of ") ||
          has(t, "cancellation of all jobs") ||
          (has(t, "Job ") && has(t, " cancelled")));
}


/* An OutOfMemoryError on a driver thread (not a task's). */
static int driver_oom(const slg_failure *f)
{
  if (!has(f->text, "OutOfMemoryError") && !has(f->exception,
                                                "OutOfMemoryError"))
    return 0;
  if (f->src == SLG_FAILURE_MAIN)
    return 1;
  return f->src == SLG_FAILURE_UNCAUGHT &&
         !has(f->text, "Executor task launch worker");
}

/* Statements that end the driver's program when no job follows. */
static int strong(const slg_failure *f)
{
  switch (f->src) {
  case SLG_FAILURE_MAIN:
    return f->thread == NULL || strcmp(f->thread, "main") == 0 ||
           driver_oom(f);
  case SLG_FAILURE_UNCAUGHT:
    return driver_oom(f);
  case SLG_FAILURE_SC_INIT:
  case SLG_FAILURE_USER_CLASS:
  case SLG_FAILURE_STREAMING:
  case SLG_FAILURE_PYTHON:
  case SLG_FAILURE_OPERATOR:
    return 1;
  default:
    return 0;
  }
}

/* An application that ran no job we can see (none, or a log above INFO)
 * and still ended as a finished program does: the program stopped its
 * context itself ("Successfully stopped SparkContext" with no "Invoking
 * stop() from shutdown hook"), or YARN's ApplicationMaster reported
 * "Final app status: SUCCEEDED". A stop by the shutdown hook alone says
 * nothing: the JVM also runs it when main threw. */
static int ended_itself(const slg_app *a)
{
  if (a->sc_stop_pos.line && !a->hook_pos.line && !a->signal_pos.line)
    return 1;
  return a->final_status != NULL &&
         strcmp(a->final_status, "SUCCEEDED") == 0;
}

static int is_running(const slg_job *j)
{
  return j->status == SLG_STATUS_RUNNING || j->incomplete;
}

static int in_ids(const uint64_t *ids, size_t n, uint64_t id)
{
  for (size_t i = 0; i < n; i++)
    if (ids[i] == id)
      return 1;
  return 0;
}

/* Appends a job id (the caller keeps them unique), the room doubling. */
static void add_id(uint64_t **ids, size_t *n, uint64_t id)
{
  if (*n == 0 || (*n >= 4 && (*n & (*n - 1)) == 0))
    *ids = slg_xrealloc(*ids, (*n ? 2 * *n : 4) * sizeof **ids);
  (*ids)[(*n)++] = id;
}

/* The exception class at the start of t ("a.b.CException: m" or
 * "ValueError: m"), its length; 0 when t does not start with one. */
static size_t class_len(const char *t)
{
  size_t i = 0;
  while (t[i] && (slg_is_alnum((unsigned char)t[i]) || t[i] == '.' ||
                  t[i] == '_' || t[i] == '$'))
    i++;
  if (i == 0 || (t[i] != ':' && t[i] != '\0' && t[i] != ' '))
    return 0;
  /* "Error initializing SparkContext." is a sentence, not a class. */
  if (t[i] != ':' && memchr(t, '.', i) == NULL)
    return 0;
  return i;
}

static int frame_excluded(const char *frame, const char *extra)
{
  if (extra == NULL)
    return 0;
  const char *p = extra;
  while (*p) {
    while (*p == ',' || *p == ' ')
      p++;
    const char *e = p;
    while (*e && *e != ',')
      e++;
    size_t n = (size_t)(e - p);
    while (n > 0 && p[n - 1] == ' ')
      n--;
    if (n > 0 && strncmp(frame, p, n) == 0)
      return 1;
    p = e;
  }
  return 0;
}

static const char *user_frame(const slg_failure *f, const char *extra,
                              slg_pos *at)
{
  for (size_t i = 0; f != NULL && i < f->nframes; i++)
    if (!frame_excluded(f->frames[i], extra)) {
      *at = f->frame_pos[i];
      return f->frames[i];
    }
  return NULL;
}

static char *dup(const char *s)
{
  return s ? slg_xstrndup(s, strlen(s)) : NULL;
}

static void cause_line(slg_root_cause *c, slg_pos p)
{
  if (p.line == 0 || (p.file == c->line.file && p.line == c->line.line))
    return;
  for (size_t i = 0; i < c->nlines; i++)
    if (c->lines[i].file == p.file && c->lines[i].line == p.line)
      return;
  if (c->nlines < SLG_MAX_CAUSE_LINES)
    c->lines[c->nlines++] = p;
}

/* Fills the cause from failure f (and `also`, the deciding statement, for
 * a user frame and more lines). */
static void fill_cause(slg_root_cause *c, const slg_failure *f,
                       const slg_failure *also, const char *extra)
{
  const char *text = f->deepest;
  slg_pos line = f->deepest_pos;
  if (text == NULL && f->python_error != NULL) {
    text = f->python_error;
    line = f->python_pos;
  }
  if (text == NULL && f->exception != NULL &&
      (class_len(f->text) == 0 || slg_cause_is_wrapper(f->text))) {
    text = f->exception;
    line = f->exception_pos;
  }
  if (text == NULL) {
    text = f->text;
    line = f->pos;
  }
  /* "PythonException: Traceback (most recent call last):": the Python
   * error that ends the traceback says what happened. */
  if (f->python_error != NULL && has(text, "Traceback (most recent call")) {
    text = f->python_error;
    line = f->python_pos;
  }
  c->line = line;
  size_t k = class_len(text);
  if (k > 0 && (memchr(text, '.', k) != NULL || text[k] == ':')) {
    c->exception = slg_xstrndup(text, k);
    const char *m = text + k;
    while (*m == ':' || *m == ' ')
      m++;
    c->message = dup(m);
  } else {
    c->message = dup(text);
  }
  c->deepest_cause = dup(f->deepest);
  c->python_error = dup(f->python_error);
  slg_pos at = {0, 0};
  const char *uf = user_frame(f, extra, &at);
  if (uf == NULL)
    uf = user_frame(also, extra, &at);
  if (uf == NULL)
    uf = f->py_frame;
  if (uf == NULL && also != NULL)
    uf = also->py_frame;
  c->user_frame = dup(uf);
  c->count = f->count;
  /* The most specific wording of any of its lines names the class
   * ("Failed to find data source: kafka" over the ClassNotFoundException
   * it wraps); the line is the one that says it. */
  const char *texts[] = {f->deepest, f->python_error, f->exception, f->text,
                         f->detail};
  const slg_pos poss[] = {f->deepest_pos, f->python_pos, f->exception_pos,
                          f->pos, f->detail_pos};
  size_t best = sizeof wordings / sizeof wordings[0], bi = 0;
  for (size_t i = 0; i < 5; i++) {
    size_t w = wording_of(texts[i]);
    if (w < best) {
      best = w;
      bi = i;
    }
  }
  const char *cls = best < sizeof wordings / sizeof wordings[0]
                        ? wordings[best].class_id
                        : NULL;
  if (cls != NULL && wording_of(text) != best && poss[bi].line) {
    /* The class comes from a line other than the cause's text. */
    cause_line(c, c->line);
    c->line = poss[bi];
  }
  if (cls == NULL && (has(f->text, "Job aborted due to stage failure") ||
                      has(f->exception, "Job aborted due to stage failure")))
    cls = "job-abort";
  if (cls == NULL && f->src != SLG_FAILURE_PYTHON &&
      (slg_cause_is_wrapper(f->text) || slg_cause_is_wrapper(f->exception)))
    cls = "write-wrapper";
  c->class_id = cls ? cls : src_class(f->src);
  cause_line(c, f->pos);
  cause_line(c, f->exception_pos);
  cause_line(c, f->python_pos);
  if (also != NULL && also != f) {
    cause_line(c, also->pos);
    cause_line(c, also->deepest_pos);
    cause_line(c, also->python_pos);
  }
}

/* "ExecutorLostFailure (executor 5 exited caused by one of the running
 * tasks) Reason: ..." (every version): the executor whose death the lost
 * task repeats, when the model knows that death; else NULL. */
static const slg_executor *lost_executor(const slg_app *a, const char *t)
{
  static const char lit[] = "ExecutorLostFailure (executor ";
  const char *p = t != NULL ? strstr(t, lit) : NULL;
  if (p == NULL)
    return NULL;
  p += sizeof lit - 1;
  size_t n = 0;
  while (p[n] && p[n] != ' ' && p[n] != ')')
    n++;
  for (size_t i = 0; n > 0 && i < a->nexecutors; i++) {
    const slg_executor *e = &a->executors[i];
    if (strlen(e->id) == n && memcmp(e->id, p, n) == 0)
      return slg_exec_class_is_death(e->loss_class) && e->loss_line.line
                 ? e
                 : NULL;
  }
  return NULL;
}

/* A task lost with its executor: the first line that states that
 * executor's death with its reason (the one EXECUTOR_LOSS names: YARN's
 * "Requesting driver to remove executor 1 for reason ... Exit status:
 * 137", "Lost executor 1 on h: ..." when nothing earlier says it) is the
 * root cause, and its wording gives the class; the lost task's line
 * becomes one of the cause's other lines. */
static void executor_death_cause(slg_root_cause *c, const slg_app *a,
                                 const slg_failure *f)
{
  const slg_executor *e = lost_executor(a, f->text);
  if (e == NULL)
    e = lost_executor(a, f->exception);
  if (e == NULL)
    return;
  slg_pos was = c->line;
  c->line = e->loss_line;
  cause_line(c, was);
  if (e->loss_cause != NULL)
    c->class_id = e->loss_cause;
  /* Kubernetes puts the reason on the lines after "Reason: ": the
   * message ends there and the death's evidence says it. */
  const char *ev = e->loss_evidence;
  size_t n = c->message != NULL ? strlen(c->message) : 0;
  while (n > 0 && c->message[n - 1] == ' ')
    n--;
  if (ev != NULL && n >= 7 && memcmp(c->message + n - 7, "Reason:", 7) == 0) {
    size_t m = strlen(ev);
    char *t = slg_xmalloc(n + m + 2);
    memcpy(t, c->message, n);
    t[n] = ' ';
    memcpy(t + n + 1, ev, m + 1);
    free(c->message);
    c->message = t;
  }
}

/* "Missing an output location for shuffle N": the executor that held the
 * map output is gone. When a death precedes it (YARN preemption, a lost
 * node, a memory kill), that death is why: the last one before the fetch
 * failure is the root cause, and the fetch failure one of its other
 * lines. */
static void map_output_death_cause(slg_root_cause *c, const slg_app *a)
{
  if (c->class_id == NULL || strcmp(c->class_id, "missing-map-output") != 0)
    return;
  const slg_executor *last = NULL;
  for (size_t i = 0; i < a->nexecutors; i++) {
    const slg_executor *e = &a->executors[i];
    if (slg_exec_class_is_death(e->loss_class) && e->loss_line.line &&
        pos_before(e->loss_line, c->line) &&
        (last == NULL || pos_before(last->loss_line, e->loss_line)))
      last = e;
  }
  if (last == NULL || last->loss_cause == NULL)
    return;
  slg_pos was = c->line;
  c->line = last->loss_line;
  cause_line(c, was);
  c->class_id = last->loss_cause;
  if (last->loss_evidence != NULL && c->message != NULL) {
    slg_buf m = SLG_BUF_INIT;
    slg_buf_printf(&m, "executor %s died (%s) with the map output: %s%s%s",
                   last->id, last->loss_evidence,
                   c->exception ? c->exception : "",
                   c->exception ? ": " : "", c->message);
    /* The death states no exception. */
    free(c->exception);
    c->exception = NULL;
    free(c->message);
    c->message = slg_xstrndup(slg_buf_cstr(&m), m.len);
    slg_buf_dispose(&m);
  }
}

/* Where a program interrupted from outside says so: the "KeyboardInterrupt"
 * that ends a traceback, else the first traceback that runs through
 * PySpark's SIGINT handler (what the statements after it report, a query
 * "terminated with error", is a consequence). */
static slg_pos interrupt_line(const slg_app *a)
{
  const slg_failure *first = NULL;
  for (size_t i = 0; i < a->nfailures; i++) {
    const slg_failure *f = &a->failures[i];
    if (!strong(f) || f->jobs_before != a->njobs || !f->interrupted)
      continue;
    if (f->python_error != NULL &&
        strncmp(f->python_error, "KeyboardInterrupt", 17) == 0)
      return f->python_pos;
    if (first == NULL)
      first = f;
  }
  slg_pos none = {0, 0};
  return first != NULL ? first->pos : none;
}

int slg_outcome_starved_to_the_end(const slg_app *a)
{
  if (a->starved == 0 || a->peak_running_tasks > 0)
    return 0;
  for (size_t i = 0; i < a->njobs; i++)
    if (a->jobs[i].status == SLG_STATUS_SUCCEEDED)
      return 0;
  return 1;
}

static int says_job_aborted(const char *t)
{
  return has(t, "Job aborted") || has(t, "aborting job");
}

/* The exception class named at the start of a failure's text. */
static int names_same(const slg_failure *task, const char *abort_text)
{
  if (abort_text == NULL)
    return 0;
  /* The reason's first word: "java.io.IOException", "ExecutorLostFailure",
   * "FetchFailed(...". */
  size_t k = 0;
  const char *t = task->text;
  while (t[k] && (slg_is_alnum((unsigned char)t[k]) || t[k] == '.' ||
                  t[k] == '_' || t[k] == '$'))
    k++;
  if (k < 5)
    return 0;
  char name[256];
  if (k >= sizeof name)
    k = sizeof name - 1;
  memcpy(name, task->text, k);
  name[k] = '\0';
  return strstr(abort_text, name) != NULL;
}

void slg_outcome_of(slg_app_outcome *out, const slg_app *a,
                    const char *extra)
{
  memset(out, 0, sizeof *out);
  out->start_line = a->first_pos;
  out->duration_ms = -1;
  out->idle_after_last_job_ms = -1;

  /* The deciding statement: the first strong one no job follows (the
   * ones after it repeat it: "Error initializing SparkContext", then
   * Exception in thread "main"). */
  const slg_failure *decisive = NULL;
  int any_strong = 0;
  for (size_t i = 0; i < a->nfailures; i++) {
    const slg_failure *f = &a->failures[i];
    if (!strong(f))
      continue;
    any_strong = 1;
    if (f->jobs_before == a->njobs) {
      if (decisive == NULL)
        decisive = f;
    }
    if (driver_oom(f) || f->src == SLG_FAILURE_OPERATOR)
      out->driver_died = 1;
  }

  /* A failed application's final status: the jobs its stop cut off
   * failed with it (YARN's "Final app status: FAILED ... Max number of
   * executor failures", then the shutdown hook cancels the job). */
  int final_failed = a->final_status != NULL &&
                     strcmp(a->final_status, "FAILED") == 0;

  /* Jobs. Each job is in one list at most, but for the ones a failure
   * left running (below): which jobs are in failed_jobs. Job ids are
   * unique in an application. */
  const slg_job *last = NULL;
  int any_failed = 0, shut_under = 0;
  double last_end = -1;
  unsigned char *in_failed = slg_xcalloc(a->njobs ? a->njobs : 1, 1);
  for (size_t i = 0; i < a->njobs; i++) {
    const slg_job *j = &a->jobs[i];
    if (j->map_stage_job)
      continue;
    last = j;
    if (j->end_ms >= 0 && (double)j->end_ms > last_end)
      last_end = (double)j->end_ms;
    int failed = j->status == SLG_STATUS_FAILED;
    int cancelled = j->status == SLG_STATUS_CANCELLED;
    if ((failed || cancelled) && stopped_under(a, j)) {
      shut_under = 1;
      if (any_strong || out->driver_died || final_failed)
        in_failed[i] = 1;
      else
        add_id(&out->cancelled_jobs, &out->ncancelled_jobs, j->id);
    } else if (failed && !cancelled_by_app(a, j)) {
      any_failed = 1;
      in_failed[i] = 1;
    } else if (failed || cancelled) {
      add_id(&out->cancelled_jobs, &out->ncancelled_jobs, j->id);
    } else if (is_running(j) && out->driver_died) {
      /* The driver's death ended it. */
      in_failed[i] = 1;
    }
    if (in_failed[i])
      add_id(&out->failed_jobs, &out->nfailed_jobs, j->id);
  }
  int stopped = a->sc_stop_pos.line || a->hook_pos.line ||
                a->hook_called_pos.line;
  int open = 0;
  for (size_t i = 0; i < a->njobs; i++)
    open += a->jobs[i].incomplete || a->jobs[i].status == SLG_STATUS_RUNNING;
  int last_failed = last != NULL && last->status == SLG_STATUS_FAILED &&
                    !stopped_under(a, last) && !cancelled_by_app(a, last);
  int last_cancelled = last != NULL && cancelled_by_app(a, last) &&
                       !stopped_under(a, last);
  int final_killed = a->final_status != NULL &&
                     strcmp(a->final_status, "KILLED") == 0;

  /* A KeyboardInterrupt ends the program from outside (Ctrl-C, a
   * scheduler's SIGINT). */
  int interrupted = 0;
  for (size_t i = 0; i < a->nfailures; i++)
    if (strong(&a->failures[i]) &&
        a->failures[i].jobs_before == a->njobs &&
        a->failures[i].interrupted)
      interrupted = 1;
  /* A log without the DAGScheduler's job lines still shows an abort:
   * "Task 0 in stage 4.0 failed 4 times; aborting job", "Job aborted due
   * to stage failure" in an ERROR record's trace. */
  const slg_failure *unnumbered = NULL;
  /* ... when the application then ended: a log cut off after a caught
   * abort (the stream went on) is incomplete. */
  for (size_t i = 0; a->njobs == 0 && a->end_reason != SLG_APP_END_LOG_ENDS &&
                     i < a->nfailures;
       i++) {
    const slg_failure *f = &a->failures[i];
    if (f->src == SLG_FAILURE_ERROR_RECORD &&
        (has(f->text, "Job aborted") || has(f->exception, "Job aborted"))) {
      unnumbered = f;
      break;
    }
    if (f->src == SLG_FAILURE_TASK_ABORT && unnumbered == NULL)
      unnumbered = f;
  }
  slg_outcome o;
  if (interrupted && !final_failed)
    o = SLG_OUTCOME_KILLED;
  else if (final_failed || decisive != NULL || last_failed ||
           out->driver_died || unnumbered != NULL)
    o = SLG_OUTCOME_FAILED;
  else if (final_killed || shut_under || a->jobs_open_at_stop > 0 ||
           (a->signal != NULL && open))
    o = SLG_OUTCOME_KILLED;
  else if (last_cancelled)
    o = SLG_OUTCOME_CANCELLED;
  else if (open && !stopped)
    o = SLG_OUTCOME_INCOMPLETE;
  else if (a->end_reason == SLG_APP_END_LOG_ENDS && !a->no_stop_lines &&
           (a->njobs > 0 || a->nstages > 0))
    /* Its work is in the log, its end is not: whether it went on to
     * succeed cannot be told, even when every job seen finished. */
    o = SLG_OUTCOME_INCOMPLETE;
  else if (last != NULL || ended_itself(a))
    o = SLG_OUTCOME_SUCCEEDED;
  else
    o = SLG_OUTCOME_UNKNOWN;
  out->outcome = o;
  out->recovered = o == SLG_OUTCOME_SUCCEEDED && any_failed;
  /* The jobs a failure left running ended with it. */
  for (size_t i = 0; o == SLG_OUTCOME_FAILED && i < a->njobs; i++)
    if (!a->jobs[i].map_stage_job && is_running(&a->jobs[i]) &&
        !in_failed[i])
      add_id(&out->failed_jobs, &out->nfailed_jobs, a->jobs[i].id);
  free(in_failed);

  /* Where and when it ends. */
  slg_pos end = a->last_pos;
  int64_t end_ms = a->end_ms;
  if (a->sc_stop_pos.line) {
    end = a->sc_stop_pos;
    end_ms = a->sc_stop_ms;
  } else if (a->hook_pos.line) {
    end = a->hook_pos;
    end_ms = a->hook_ms;
  }
  if (a->hook_called_pos.line && !pos_before(a->hook_called_pos, end))
    end = a->hook_called_pos;
  out->end_line = end;
  if (a->uptime_ms >= 0)
    out->duration_ms = (double)a->uptime_ms;
  else if (a->start_ms >= 0 && a->end_ms >= a->start_ms)
    out->duration_ms = (double)(a->end_ms - a->start_ms);
  if (last_end >= 0 && end_ms >= 0 && (double)end_ms >= last_end)
    out->idle_after_last_job_ms = (double)end_ms - last_end;

  /* The root cause. */
  slg_root_cause *c = &out->cause;
  if (o == SLG_OUTCOME_KILLED && slg_outcome_starved_to_the_end(a)) {
    /* Stopped from outside while its first tasks waited for executors
     * that never came: the starvation is why. */
    out->has_cause = 1;
    c->class_id = "no-resources";
    c->line = a->starved_pos;
    cause_line(c, a->signal_pos.line ? a->signal_pos : a->hook_pos);
    c->message = dup("Initial job has not accepted any resources");
    c->count = a->starved;
    return;
  }
  if (o == SLG_OUTCOME_KILLED) {
    out->has_cause = 1;
    c->class_id = "shutdown";
    c->line = a->signal_pos.line ? a->signal_pos : a->hook_pos;
    if (interrupted)
      c->line = interrupt_line(a);
    /* No stop line: the first job the stop cut off says it ("Job 11
     * cancelled because SparkContext was shut down"). */
    for (size_t i = 0; c->line.line == 0 && i < a->njobs; i++)
      if (stopped_under(a, &a->jobs[i]) && a->jobs[i].end_pos.line)
        c->line = a->jobs[i].end_pos;
    if (c->line.line == 0)
      c->line = a->final_pos.line ? a->final_pos : end;
    c->message = dup(interrupted  ? "KeyboardInterrupt"
                     : a->signal ? a->signal
                                 : "stopped from outside while a job ran");
    c->count = 1;
    return;
  }
  if (o != SLG_OUTCOME_FAILED)
    return;
  out->has_cause = 1;
  /* The failed job that decides, and a task failure its abort repeats. */
  const slg_failure *job_f = NULL, *task_f = NULL, *err_f = NULL;
  for (size_t i = 0; i < a->nfailures; i++) {
    const slg_failure *f = &a->failures[i];
    if (f->src == SLG_FAILURE_JOB && in_ids(out->failed_jobs,
                                            out->nfailed_jobs,
                                            (uint64_t)f->job) &&
        !cut_by_stop(a, f->job))
      job_f = f;
    if (f->src == SLG_FAILURE_ERROR_RECORD)
      err_f = f;
  }
  /* An ERROR record after the last job that names a class ("YARN
   * application has exited unexpectedly") says more than the program's
   * exception that follows it. */
  for (size_t i = 0; decisive != NULL && i < a->nfailures; i++) {
    const slg_failure *f = &a->failures[i];
    if (f == decisive)
      break;
    if (f->src == SLG_FAILURE_ERROR_RECORD && f->jobs_before == a->njobs &&
        slg_cause_class_of(f->text) != NULL) {
      decisive = f;
      break;
    }
  }
  const char *abort_text = job_f != NULL ? job_f->text : NULL;
  if (abort_text == NULL && decisive != NULL)
    abort_text = decisive->text;
  for (size_t i = 0; i < a->nfailures && abort_text != NULL; i++) {
    const slg_failure *f = &a->failures[i];
    if (f->src == SLG_FAILURE_TASK && names_same(f, abort_text) &&
        (job_f == NULL || pos_before(f->pos, job_f->pos))) {
      task_f = f;
      break;
    }
  }
  /* No job line (a log at WARN) and a statement whose trace holds the
   * abort ("Query ... terminated with error", then "Job aborted due to
   * stage failure" and "Caused by: X"): the first lost task with X. */
  if (task_f == NULL && job_f == NULL && decisive != NULL &&
      (says_job_aborted(decisive->exception) ||
       says_job_aborted(decisive->detail))) {
    for (size_t i = 0; i < a->nfailures; i++) {
      const slg_failure *f = &a->failures[i];
      if (f->src == SLG_FAILURE_TASK && pos_before(f->pos, decisive->pos) &&
          (names_same(f, decisive->deepest) ||
           names_same(f, decisive->exception))) {
        task_f = f;
        break;
      }
    }
  }
  if (task_f == NULL && job_f != NULL) {
    /* The abort's reason names no exception (2.0 logs none): the last
     * lost task before "failed K times; aborting job". */
    const slg_failure *abort_f = NULL;
    for (size_t i = 0; i < a->nfailures; i++) {
      const slg_failure *f = &a->failures[i];
      if (f->src == SLG_FAILURE_TASK_ABORT && pos_before(f->pos, job_f->pos))
        abort_f = f;
    }
    for (size_t i = 0; i < a->nfailures; i++) {
      const slg_failure *f = &a->failures[i];
      if (f->src == SLG_FAILURE_TASK && pos_before(f->pos, job_f->pos) &&
          (abort_f != NULL ? pos_before(f->pos, abort_f->pos)
                           : has(job_f->text, "times")))
        task_f = f;
    }
  }
  if (task_f == NULL && job_f == NULL && decisive == NULL &&
      unnumbered != NULL && unnumbered->src == SLG_FAILURE_TASK_ABORT) {
    /* "failed 1 times; aborting job" with no job line (a WARN-level
     * log): the last lost task before it. */
    for (size_t i = 0; i < a->nfailures; i++) {
      const slg_failure *f = &a->failures[i];
      if (f->src == SLG_FAILURE_TASK && pos_before(f->pos, unnumbered->pos))
        task_f = f;
    }
  }
  /* The program's exception that only reports the failed job (an
   * exception in main, a Py4JJavaError traceback, whose trace says "Job
   * aborted"): the job's own cause is the root. */
  int decisive_wraps_job =
      decisive != NULL && (job_f != NULL || task_f != NULL) &&
      (says_job_aborted(decisive->text) ||
       says_job_aborted(decisive->exception) ||
       says_job_aborted(decisive->deepest) ||
       says_job_aborted(decisive->detail) ||
       says_job_aborted(decisive->python_error));
  const slg_failure *pick = NULL;
  if (decisive != NULL && !(decisive_wraps_job && (task_f || job_f)))
    pick = decisive;
  else if (task_f != NULL)
    pick = task_f;
  else if (job_f != NULL)
    pick = job_f;
  else if (decisive != NULL)
    pick = decisive;
  else if (unnumbered != NULL)
    pick = unnumbered;
  if (pick != NULL) {
    fill_cause(c, pick, decisive != NULL ? decisive : job_f, extra);
    executor_death_cause(c, a, pick);
    map_output_death_cause(c, a);
    if (pick == job_f && job_f->deepest == NULL && decisive != NULL &&
        decisive->deepest != NULL) {
      /* The job's one-line reason; the program's trace says more. */
      slg_outcome_dispose_cause(c);
      fill_cause(c, decisive, job_f, extra);
    }
    return;
  }
  if (a->final_status != NULL) {
    const char *cls = slg_cause_class_of(a->final_reason);
    c->class_id = cls ? cls : "yarn-am-final";
    c->line = a->final_pos;
    c->message = dup(a->final_reason ? a->final_reason : a->final_status);
    c->count = 1;
    return;
  }
  if (err_f != NULL) {
    fill_cause(c, err_f, NULL, extra);
    return;
  }
  c->class_id = "unknown";
  c->line = end;
  c->inferred = 1;
}

void slg_outcome_dispose_cause(slg_root_cause *c)
{
  free(c->exception);
  free(c->message);
  free(c->deepest_cause);
  free(c->user_frame);
  free(c->python_error);
  memset(c, 0, sizeof *c);
}

void slg_outcome_dispose(slg_app_outcome *o)
{
  free(o->failed_jobs);
  free(o->cancelled_jobs);
  slg_outcome_dispose_cause(&o->cause);
}
