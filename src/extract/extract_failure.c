/*
 * extract_failure.c - the wordings that end an application or state its
 * failure (docs/spark-failure-messages.md sections 1 and 8), and the
 * shapes of the lines that follow them: stack frames, "Caused by:",
 * "Exception in thread", Python tracebacks.
 *
 * The readers only recognise and slice; which failure is the root cause
 * and what it means is the analysis's (outcome.c), and what is kept the
 * model's. Every branch starts with a literal compare, so a record of a
 * busy logger (Utils, SparkContext) that says none of this costs a few
 * byte compares.
 */
#include "failure.h"

const char *slg_failure_src_name(slg_failure_src s)
{
  static const char *const names[] = {
#define SLG_FAILURE_SRC_KEY(name, key) key,
      SLG_FAILURE_SRC_MAP(SLG_FAILURE_SRC_KEY)
#undef SLG_FAILURE_SRC_KEY
  };
  return (unsigned)s < SLG_FAILURE_SRC_COUNT ? names[s] : "unknown";
}

/* The Spark operator's status of a failed driver (section 8,
 * k8s-operator). */
#define OPERATOR_EXIT "driver container failed with ExitCode: "

static int failure(slg_event *out, slg_failure_src src, slg_span text)
{
  out->kind = SLG_EV_FAILURE;
  out->n = (uint64_t)src;
  out->str = text;
  return SLG_EXTRACT_OK;
}

static int stop(slg_event *out, slg_stop_kind k)
{
  out->kind = SLG_EV_APP_STOP;
  out->flag = (int)k;
  return SLG_EXTRACT_OK;
}

/* "Successfully stopped SparkContext" and 4.x's " (Uptime: 301234 ms)". */
static int sc_stopped(slg_cur *c, slg_event *out)
{
  stop(out, SLG_STOP_SC_STOPPED);
  uint64_t up;
  if (slg_cur_lit(c, " (Uptime: ") && slg_cur_u64(c, &up) &&
      slg_cur_lit(c, " ms)") && !c->bad) {
    out->n = up;
    out->n2 = 1;
  }
  return SLG_EXTRACT_OK;
}

/* "Final app status: FAILED, exitCode: 15, (reason: User class threw
 * exception: ...)" (ApplicationMaster). */
static int final_status(slg_cur *c, slg_event *out)
{
  const char *s = c->p;
  while (c->p < c->end && *c->p != ',')
    c->p++;
  out->kind = SLG_EV_FINAL_STATUS;
  out->str = slg_span_between(s, c->p);
  if (slg_cur_lit(c, ", exitCode: ")) {
    if (slg_cur_lit(c, "-"))
      out->flag = 1;
    slg_cur_u64(c, &out->n);
    if (slg_cur_lit(c, ", (reason: "))
      out->str2 = slg_span_between(c->p, c->end);
  }
  return slg_cur_result(c);
}

/* A job's end the stopped listener bus drops (2.0 to 2.2, ERROR: the one
 * trace of a job in a log kept at ERROR): "SparkListenerBus has already
 * stopped! Dropping event SparkListenerJobEnd(11,1555945166417,JobFailed(
 * org.apache.spark.SparkException: Job 11 cancelled because SparkContext
 * was shut down))", or "...,JobSucceeded)". SLG_EV_JOB_ENDED, str2 = the
 * failure. */
#define DROPPED_JOB_END                                                      \
  "SparkListenerBus has already stopped! Dropping event SparkListenerJobEnd("

static int dropped_job_end(slg_cur *c, slg_event *out)
{
  if (!slg_cur_u64(c, &out->job) || !slg_cur_lit(c, ","))
    return slg_cur_result(c) == SLG_EXTRACT_REJECTED ? SLG_EXTRACT_REJECTED
                                                     : SLG_EXTRACT_NONE;
  out->kind = SLG_EV_JOB_ENDED;
  while (c->p < c->end && *c->p != ',')
    c->p++; /* the time */
  if (slg_cur_lit(c, ",JobSucceeded"))
    return SLG_EXTRACT_OK;
  if (!slg_cur_lit(c, ",JobFailed(")) {
    slg_event_clear(out);
    return SLG_EXTRACT_NONE;
  }
  const char *e = c->end;
  if (e - c->p >= 2 && e[-1] == ')' && e[-2] == ')')
    e -= 2;
  out->flag = 1;
  out->str2 = slg_span_between(c->p, e);
  return SLG_EXTRACT_OK;
}

int slg_extract_failure(slg_span msg, slg_event *out)
{
  msg = slg_trim_right(msg);
  slg_event_clear(out);
  slg_cur c = slg_cur_make(msg);
  if (msg.len < 8)
    return SLG_EXTRACT_NONE;
  switch (msg.ptr[0]) {
  case 'S':
    if (slg_cur_lit(&c, "Successfully stopped SparkContext"))
      return sc_stopped(&c, out);
    if (slg_cur_lit(&c, "Shutdown hook called"))
      return stop(out, SLG_STOP_HOOK_CALLED);
    if (slg_cur_lit(&c, DROPPED_JOB_END))
      return dropped_job_end(&c, out);
    if (slg_cur_lit(&c, "SparkListenerBus has already stopped!")) {
      out->kind = SLG_EV_BUS_STOPPED;
      return SLG_EXTRACT_OK;
    }
    break;
  case 'I':
    if (slg_span_eq(msg, "Invoking stop() from shutdown hook"))
      return stop(out, SLG_STOP_HOOK_INVOKED);
    break;
  case 'K':
    /* ExecutorPodsWatchSnapshotSource, at WARN: what SparkContext.stop
     * leaves in a log kept at WARN on Kubernetes. */
    if (slg_cur_lit(&c, "Kubernetes client has been closed"))
      return stop(out, SLG_STOP_K8S_CLOSED);
    break;
  case 'R':
    if (slg_cur_lit(&c, "RECEIVED SIGNAL ")) {
      stop(out, SLG_STOP_SIGNAL);
      out->str = slg_span_between(c.p, c.end);
      return SLG_EXTRACT_OK;
    }
    break;
  case 'F':
    if (slg_cur_lit(&c, "Final app status: "))
      return final_status(&c, out);
    break;
  case 'E':
    if (slg_span_starts(msg, "Error initializing SparkContext"))
      return failure(out, SLG_FAILURE_SC_INIT, msg);
    if (slg_cur_lit(&c, "Error from Python:"))
      return failure(out, SLG_FAILURE_PYTHON, slg_span_between(c.p, c.end));
    break;
  case 'U':
    if (slg_cur_lit(&c, "User class threw exception: "))
      return failure(out, SLG_FAILURE_USER_CLASS,
                     slg_span_between(c.p, c.end));
    if (slg_span_starts(msg, "User application exited with status "))
      return failure(out, SLG_FAILURE_USER_CLASS, msg);
    if (slg_cur_lit(&c, "Uncaught exception in thread ") ||
        slg_cur_lit(&c, "Uncaught OutOfMemoryError in thread "))
      return failure(out, SLG_FAILURE_UNCAUGHT, msg);
    break;
  case '[':
    if (slg_cur_lit(&c, "[Container in shutdown] Uncaught exception in "))
      return failure(out, SLG_FAILURE_UNCAUGHT, msg);
    break;
  case 'Q':
    /* "Query q [id = .., runId = ..] terminated with error" */
    if (slg_cur_lit(&c, "Query ") &&
        slg_find(c.p, c.end, "terminated with error") != NULL)
      return failure(out, SLG_FAILURE_STREAMING, msg);
    break;
  default:
    break;
  }
  return SLG_EXTRACT_NONE;
}

/* ---------------------------------------------------------- trace lines */

static int ends_with(const char *p, size_t n, const char *lit, size_t k)
{
  return n >= k && slg_mem_eq(p + n - k, lit, k);
}

/* An exception head at p: a (dotted) name ending in Error, Exception,
 * Throwable, Failure, Exit or Interrupt, then ':' or the end:
 * "java.lang.OutOfMemoryError: Java heap space", "ValueError: bad",
 * "KeyboardInterrupt". An undotted name must be longer than the bare
 * suffix ("Error: ..." is prose). */
static int exception_head(const char *p, size_t n)
{
  size_t i = 0, dots = 0;
  while (i < n && (slg_is_alnum((unsigned char)p[i]) || p[i] == '_' ||
                   p[i] == '$' || p[i] == '.')) {
    dots += p[i] == '.';
    i++;
  }
  if (i == 0 || (i < n && p[i] != ':') || p[i - 1] == '.')
    return 0;
  static const char *const suffix[] = {"Exception", "Error", "Throwable",
                                       "Failure", "Exit", "Interrupt"};
  for (size_t k = 0; k < sizeof suffix / sizeof suffix[0]; k++) {
    size_t len = strlen(suffix[k]);
    if (ends_with(p, i, suffix[k], len) && (dots > 0 || i > len))
      return 1;
  }
  return 0;
}

void slg_read_trace_line(slg_span line, slg_trace_line *out)
{
  memset(out, 0, sizeof *out);
  line = slg_trim_right(line);
  const char *p = line.ptr, *end = line.ptr + line.len;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  out->indented = p > line.ptr;
  out->kind = SLG_TRACE_OTHER;
  out->text = slg_span_between(p, end);
  const char *q = p;
  if (slg_litn(&q, end, "at ", 3)) {
    /* "at java.base/java.lang.Thread.run(..)", "at app//a.B.c(..)": the
     * module goes. */
    const char *paren = memchr(q, '(', (size_t)(end - q));
    const char *stop_at = paren ? paren : end;
    for (const char *s = q; s < stop_at; s++)
      if (*s == '/')
        q = s + 1;
    out->kind = SLG_TRACE_FRAME;
    out->text = slg_span_between(q, end);
  } else if (slg_litn(&q, end, "Caused by: ", 11)) {
    out->kind = SLG_TRACE_CAUSED_BY;
    out->text = slg_span_between(q, end);
  } else if (slg_litn(&q, end, "Exception in thread \"", 21)) {
    const char *close = memchr(q, '"', (size_t)(end - q));
    if (close != NULL) {
      out->kind = SLG_TRACE_MAIN;
      out->thread = slg_span_between(q, close);
      q = close + 1;
      while (q < end && *q == ' ')
        q++;
      out->text = slg_span_between(q, end);
    }
  } else if (slg_litn(&q, end, "File \"", 6)) {
    /* File "/app/job.py", line 33, in <listcomp> */
    const char *close = memchr(q, '"', (size_t)(end - q));
    if (close != NULL) {
      out->kind = SLG_TRACE_PY_FRAME;
      out->text = slg_span_between(q, close);
      out->thread = slg_span_between(close + 1, end);
    }
  } else if (slg_span_starts(out->text,
                             "Traceback (most recent call last):")) {
    out->kind = SLG_TRACE_TRACEBACK;
  } else if (exception_head(p, (size_t)(end - p))) {
    out->kind = SLG_TRACE_EXCEPTION;
  } else if ((q = slg_find(p, end, OPERATOR_EXIT)) != NULL) {
    /* {"errorMessage":"driver container failed with ExitCode: 137,
     * Reason: OOMKilled","state":"FAILED"} */
    const char *e = q;
    while (e < end && *e != '"')
      e++;
    out->kind = SLG_TRACE_OPERATOR;
    out->text = slg_span_between(q, e);
  }
}

int slg_trace_is_bare_head(slg_span text)
{
  text = slg_trim_right(text);
  if (text.len < 3 || text.ptr[0] != ':' || text.ptr[1] != ' ')
    return 0;
  const char *p = text.ptr + 2;
  size_t n = text.len - 2;
  if (p[n - 1] == ':')
    n--;
  /* The class is the whole text: nothing follows its ':'. */
  for (size_t i = 0; i < n; i++)
    if (p[i] == ' ' || p[i] == ':')
      return 0;
  return n > 0 && exception_head(p, n);
}

int slg_trace_line_wanted(slg_span line)
{
  const char *p = line.ptr, *end = line.ptr + line.len;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (p == end)
    return 0;
  /* An operator's status object, short; never an event log's line. */
  if (*p == '{')
    return end - p < 512 && !slg_span_starts(line, "{\"Event\"") &&
           slg_find(p, end, OPERATOR_EXIT) != NULL;
  if (*p == 'C' || *p == 'E' || *p == 'T') {
    const char *q = p;
    if (slg_litn(&q, end, "Caused by: ", 11) ||
        slg_litn(&q, end, "Exception in thread \"", 21) ||
        slg_litn(&q, end, "Traceback (most recent call last):", 34))
      return 1;
  }
  return p == line.ptr && slg_is_alpha((unsigned char)*p) &&
         exception_head(p, (size_t)(slg_trim_right(line).len));
}

int slg_py_frame_is_platform(slg_span f)
{
  static const char *const parts[] = {"/pyspark/", "/py4j/", "pyspark.zip",
                                      "py4j-", "site-packages/",
                                      "dist-packages/", "/lib/python",
                                      "/lib64/python"};
  const char *end = f.ptr + f.len;
  const char *quote = memchr(f.ptr, '"', f.len);
  if (quote != NULL)
    end = quote;
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
    if (slg_find(f.ptr, end, parts[i]) != NULL)
      return 1;
  return 0;
}

int slg_frame_is_platform(slg_span f)
{
  static const char *const prefixes[] = {
      "org.apache.spark.", "org.sparkproject.", "org.spark_project.",
      "scala.",            "java.",             "javax.",
      "jdk.",              "sun.",              "com.sun.",
      "org.apache.hadoop.", "com.amazonaws.",   "software.amazon.",
      "com.amazon.",       "amazon.",           "com.databricks.",
      "io.netty.",         "com.fasterxml.jackson.", "py4j.",
      "pyspark.",          "io.delta.",         "org.apache.iceberg.",
      "org.apache.hudi.",  "org.apache.kafka.", "com.google.cloud.hadoop.",
      "org.apache.parquet.", "org.apache.orc.", "org.apache.hive.",
      "org.apache.hadoop.hive.", "com.google.common.",
      "org.apache.commons.", "org.glassfish.",  "org.eclipse.jetty.",
      /* JDBC drivers: a write or read fails inside them, never in them. */
      "com.mysql.",        "org.mariadb.jdbc.", "org.postgresql.",
      "oracle.jdbc.",      "com.microsoft.sqlserver.", "net.snowflake.",
      "org.h2.",           "org.sqlite.",
      "<"};
  for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
    if (slg_span_starts(f, prefixes[i]))
      return 1;
  return 0;
}
