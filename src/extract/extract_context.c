/*
 * extract_context.c - application identity: SparkContext's "Running Spark
 * version 3.5.1" (which starts a new application in the model) and
 * "Submitted application: name", plus the application id wherever a
 * client or backend logs it: YARN "Submitted application
 * application_1_2" (YarnClientImpl), "Application report for
 * application_..", standalone "Connected to Spark cluster with app ID
 * app-2016..", and the local-mode "local-1723" id. Also Spark 1.x's job
 * end, "Job finished: count at A.scala:14, took 0.066 s" (no job id; the
 * model gives it to the open job of that call site).
 */
#include "extract.h"

static slg_span token(const char *p, const char *end)
{
  const char *e = p;
  while (e < end && *e != ' ' && *e != ',' && *e != ')' && *e != '.')
    e++;
  /* Keep dots inside a version-like token ("3.5.1"). */
  if (e < end && *e == '.') {
    e = p;
    while (e < end && *e != ' ' && *e != ',' && *e != ')')
      e++;
    while (e > p && e[-1] == '.')
      e--;
  }
  return slg_span_between(p, e);
}

void slg_extract_job_finished_noid(slg_span rest, slg_event *out)
{
  const char *end = rest.ptr + rest.len;
  const char *w = slg_rfind(rest.ptr, end, ", took ");
  out->kind = SLG_EV_JOB_ENDED;
  out->n = 1;
  out->str = slg_span_between(rest.ptr, w ? w : end);
  out->ms = -1;
  if (w != NULL) {
    const char *q = w + 7;
    if (!slg_parse_duration(&q, end, &out->ms) ||
        out->ms > (double)SLG_EXTRACT_MAX)
      out->ms = -1;
  }
}

int slg_extract_context(slg_span msg, slg_event *out)
{
  msg = slg_trim_right(msg);
  slg_event_clear(out);
  slg_cur c = slg_cur_make(msg);
  if (slg_cur_lit(&c, "Running Spark version ")) {
    out->kind = SLG_EV_SPARK_VERSION;
    out->str = token(c.p, c.end);
    return SLG_EXTRACT_OK;
  }
  if (slg_cur_lit(&c, "Submitted application: ")) {
    out->kind = SLG_EV_APP_NAME;
    out->str = slg_span_between(c.p, c.end);
    return SLG_EXTRACT_OK;
  }
  if (slg_span_eq(msg, "Spark configuration:")) {
    /* spark.logConf=true: "key=value" lines follow (the executor size
     * is read from them). */
    out->kind = SLG_EV_EXECUTOR_RESOURCES;
    out->flag = 2;
    return SLG_EXTRACT_OK;
  }
  if (slg_span_starts(msg, "SchedulerBackend is ready for scheduling") ||
      slg_span_starts(msg, "SparkContext is stopping")) {
    out->kind = SLG_EV_MILESTONE;
    out->flag = msg.ptr[0] == 'S' && msg.ptr[5] == 'C'
                    ? SLG_MILESTONE_STOP_REQUESTED
                    : SLG_MILESTONE_BACKEND_READY;
    return SLG_EXTRACT_OK;
  }
  if (slg_cur_lit(&c, "Job finished: ")) {
    slg_extract_job_finished_noid(slg_span_between(c.p, c.end), out);
    return SLG_EXTRACT_OK;
  }
  const char *a = slg_find(c.p, c.end, "application_");
  if (a == NULL)
    a = slg_find(c.p, c.end, "app ID ");
  if (a != NULL && (slg_span_starts(msg, "Submitted application ") ||
                    slg_span_starts(msg, "Connected to Spark cluster"))) {
    if (a[0] == 'a' && a[3] == ' ')
      a += 7;
    out->kind = SLG_EV_APP_ID;
    out->str = token(a, c.end);
    return SLG_EXTRACT_OK;
  }
  return SLG_EXTRACT_NONE;
}

/*
 * Where a driver run begins. Every JVM writes "Your hostname, h resolves
 * to a loopback address: 127.0.0.1; using 10.0.0.5 instead" once, before
 * its SparkContext starts, when the host name maps to loopback (laptops,
 * IDE runs appending to one file). Spark before 1.3 prints no "Running
 * Spark version": its SparkContext's first lines are 0.8's "MemoryStore
 * started with capacity 901.2 MB." and 1.x's SecurityManager "Changing
 * view acls to: user". These loggers also write per-block lines ("Block
 * rdd_3_1 stored as values in memory"), so one byte is tested first.
 */
int slg_extract_run_start(slg_span msg, slg_event *out)
{
  if (msg.len < 20 ||
      (msg.ptr[0] != 'Y' && msg.ptr[0] != 'M' && msg.ptr[0] != 'C'))
    return SLG_EXTRACT_NONE;
  slg_event_clear(out);
  int kind = 0;
  if (slg_span_starts(msg, "Your hostname, ")) {
    if (slg_find(msg.ptr, msg.ptr + msg.len, " resolves to a loopback") !=
        NULL)
      kind = SLG_RUN_START_JVM;
  } else if (slg_span_starts(msg, "MemoryStore started with capacity ") ||
             slg_span_starts(msg, "Changing view acls to:")) {
    kind = SLG_RUN_START_CONTEXT;
  }
  if (kind == 0)
    return SLG_EXTRACT_NONE;
  out->kind = SLG_EV_RUN_START;
  out->flag = kind;
  return SLG_EXTRACT_OK;
}

/*
 * The boundaries of a run that BlockManagerMaster and SparkUI log (cited
 * in docs/spark-log-formats.md): "Registered BlockManager
 * BlockManagerId(driver, 10.0.0.5, 33109, None)" ends SparkContext's
 * construction; "Stopped Spark web UI at http://..." is the first step of
 * its stop.
 */
int slg_extract_milestone(slg_span msg, slg_event *out)
{
  slg_event_clear(out);
  if (slg_span_starts(msg, "Registered BlockManager BlockManagerId(driver,"))
    out->flag = SLG_MILESTONE_DRIVER_BLOCK_MANAGER;
  else if (slg_span_starts(msg, "Stopped Spark web UI at "))
    out->flag = SLG_MILESTONE_STOP_REQUESTED;
  else
    return SLG_EXTRACT_NONE;
  out->kind = SLG_EV_MILESTONE;
  return SLG_EXTRACT_OK;
}
