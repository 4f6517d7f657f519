/*
 * extract_engine.c - the engine features a driver log shows besides the
 * scheduler: AQE's decisions, Structured Streaming's micro-batches,
 * DStreams' batches and the PySpark workers' timings. Each wording is
 * cited in docs/spark-log-formats.md ("Engine lines") from Spark's source.
 */
#include "extract.h"

static const char *const aqe_names[] = {
#define SLG_AQE_RULE_NAME(name, logger) logger,
    SLG_AQE_RULE_MAP(SLG_AQE_RULE_NAME)
#undef SLG_AQE_RULE_NAME
};

const char *slg_aqe_rule_name(slg_aqe_rule r)
{
  return (unsigned)r < SLG_AQE_RULE_COUNT ? aqe_names[r] : "unknown";
}

/* Reads an unsigned decimal with an optional fraction ("87.374") as
 * thousandths: seconds -> milliseconds. */
static int cur_milli(slg_cur *c, uint64_t *out)
{
  uint64_t whole, frac = 0;
  if (!slg_cur_u64(c, &whole))
    return 0;
  unsigned k = 0;
  if (c->p < c->end && *c->p == '.') {
    c->p++;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
      if (k < 3) {
        frac = frac * 10 + (uint64_t)(*c->p - '0');
        k++;
      }
      c->p++;
    }
  }
  for (; k < 3; k++)
    frac *= 10;
  if (whole > SLG_EXTRACT_MAX / 1000) {
    c->bad = 1;
    whole = 0;
  }
  *out = whole * 1000 + frac;
  return 1;
}

/* A signed decimal, kept as its two's complement: "boot = -469" is a
 * reused worker's (PythonRunner measures boot from the task's start, and
 * a worker booted before it gives a negative), and the sums keep total =
 * boot + init + finish. */
static int cur_signed(slg_cur *c, uint64_t *out)
{
  int neg = slg_cur_lit(c, "-");
  if (!slg_cur_u64(c, out))
    return 0;
  if (neg)
    *out = (uint64_t)0 - *out;
  return 1;
}

/* "Times: total = 3209, boot = 3, init = 1765, finish = 1441"
 * (PythonRunner, PythonUDFRunner, PythonRDD before 1.6: writer thread's
 * end of a task, executor side). */
static int python_times(slg_cur *c, slg_event *ev)
{
  uint64_t fin;
  if (!slg_cur_lit(c, "Times: total = ") || !cur_signed(c, &ev->n) ||
      !slg_cur_lit(c, ", boot = ") || !cur_signed(c, &ev->n2) ||
      !slg_cur_lit(c, ", init = ") || !cur_signed(c, &ev->n3) ||
      !slg_cur_lit(c, ", finish = ") || !cur_signed(c, &fin))
    return 0;
  ev->stage = fin;
  ev->kind = SLG_EV_ENGINE;
  ev->flag = SLG_ENGINE_PYTHON;
  return 1;
}

/* "Total delay: 8.183 s for time 1532676195000 ms (execution: 0.538 s)"
 * (JobScheduler, DStreams, 1.x to 3.x). */
static int dstream(slg_cur *c, slg_event *ev)
{
  uint64_t total, exec;
  if (!slg_cur_lit(c, "Total delay: ") || !cur_milli(c, &total) ||
      !slg_cur_lit(c, " s for time ") || !slg_cur_u64(c, &ev->n) ||
      !slg_cur_lit(c, " ms (execution: ") || !cur_milli(c, &exec) ||
      !slg_cur_lit(c, " s)"))
    return 0;
  ev->ms = (double)total;
  ev->n2 = exec;
  ev->kind = SLG_EV_ENGINE;
  ev->flag = SLG_ENGINE_DSTREAM;
  return 1;
}

/* "Current batch is falling behind. The trigger interval is 10000
 * milliseconds, but spent 14319 milliseconds" (ProcessingTimeExecutor,
 * 2.0 to 4.x). */
static int behind(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Current batch is falling behind. The trigger "
                      "interval is ") ||
      !slg_cur_u64(c, &ev->n) ||
      !slg_cur_lit(c, " milliseconds, but spent ") ||
      !slg_cur_u64(c, &ev->n2))
    return 0;
  ev->kind = SLG_EV_ENGINE;
  ev->flag = SLG_ENGINE_BEHIND;
  return 1;
}

/* "Streaming query made progress: {" followed by the report's JSON on
 * continuation lines (pretty-printed, 2.1 to 4.x), or whole in the
 * message (a JSON layout). */
static int progress(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Streaming query made progress: "))
    return 0;
  slg_progress p = {0, 0, 0, 0};
  slg_progress_scan(slg_span_between(c->p, c->end), &p);
  ev->n = p.batch;
  ev->n2 = p.rows;
  ev->n3 = p.trigger_ms;
  ev->index = p.have;
  ev->kind = SLG_EV_ENGINE;
  ev->flag = SLG_ENGINE_PROGRESS;
  return 1;
}

/* "Starting [id = X, runId = Y]. Use file:/tmp/cp to store the query
 * checkpoint." / "Starting q [id = ...": a query's run begins; a second
 * run of one id is a restart. */
static int query_start(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Starting "))
    return 0;
  const char *id = slg_find(c->p, c->end, "[id = ");
  if (id == NULL || slg_find(c->p, c->end, "to store the query checkpoint") ==
                        NULL)
    return 0;
  c->p = id + 6;
  const char *e = c->p;
  while (e < c->end && *e != ',' && *e != ']')
    e++;
  ev->str = slg_span_between(c->p, e);
  ev->kind = SLG_EV_ENGINE;
  ev->flag = SLG_ENGINE_QUERY_START;
  return 1;
}

int slg_extract_engine(slg_span msg, slg_event *out)
{
  int bad = 0;
  msg = slg_trim_right(msg);
  slg_event_clear(out);
  if (msg.len < 12)
    return SLG_EXTRACT_NONE;
  int ok = 0;
  switch (msg.ptr[0]) {
  case 'T':
    ok = slg_try_alt(python_times, msg, out, &bad) ||
         slg_try_alt(dstream, msg, out, &bad);
    break;
  case 'C':
    ok = slg_try_alt(behind, msg, out, &bad);
    break;
  case 'S':
    ok = slg_try_alt(progress, msg, out, &bad) ||
         slg_try_alt(query_start, msg, out, &bad);
    break;
  default:
    break;
  }
  if (!ok)
    return SLG_EXTRACT_NONE;
  return bad ? SLG_EXTRACT_REJECTED : SLG_EXTRACT_OK;
}

/* Every line of an AQE rule's logger is one of its decisions; the skew
 * rule's count of skewed partitions ("number of skewed partitions: left
 * 2, right 0", OptimizeSkewedJoin 3.0 to 4.x, DEBUG) and the planner's
 * "Plan changed from ... to ..." (AdaptiveSparkPlanExec, at
 * spark.sql.adaptive.logLevel) are read. */
static int aqe_rule(slg_span msg, slg_event *out, slg_aqe_rule rule)
{
  msg = slg_trim_right(msg);
  slg_event_clear(out);
  if (msg.len == 0)
    return SLG_EXTRACT_NONE;
  out->kind = SLG_EV_ENGINE;
  out->flag = SLG_ENGINE_AQE_RULE;
  out->n = (uint64_t)rule;
  slg_cur c = slg_cur_make(msg);
  if (rule == SLG_AQE_SKEW_JOIN) {
    const char *k = slg_find(c.p, c.end, "number of skewed partitions: left ");
    uint64_t l, r;
    if (k != NULL) {
      c.p = k + 34;
      if (slg_cur_u64(&c, &l) && slg_cur_lit(&c, ", right ") &&
          slg_cur_u64(&c, &r)) {
        out->n2 = l + r;
        out->n3 = 1;
      }
    }
  } else if (rule == SLG_AQE_PLAN && slg_cur_lit(&c, "Plan changed from")) {
    out->n3 = 2;
  }
  return slg_cur_result(&c);
}

int slg_extract_aqe_skew_join(slg_span msg, slg_event *out)
{
  return aqe_rule(msg, out, SLG_AQE_SKEW_JOIN);
}

int slg_extract_aqe_coalesce(slg_span msg, slg_event *out)
{
  return aqe_rule(msg, out, SLG_AQE_COALESCE);
}

int slg_extract_aqe_local_read(slg_span msg, slg_event *out)
{
  return aqe_rule(msg, out, SLG_AQE_LOCAL_READ);
}

int slg_extract_aqe_join_selection(slg_span msg, slg_event *out)
{
  return aqe_rule(msg, out, SLG_AQE_JOIN_SELECTION);
}

int slg_extract_aqe_optimizer(slg_span msg, slg_event *out)
{
  return aqe_rule(msg, out, SLG_AQE_OPTIMIZER);
}

int slg_extract_aqe_plan(slg_span msg, slg_event *out)
{
  return aqe_rule(msg, out, SLG_AQE_PLAN);
}

/* The value after `"key"` and a colon, blanks around it: 1 with *v. */
static int json_u64(const char *p, const char *end, const char *key,
                    size_t klen, uint64_t *v)
{
  const char *k = p;
  for (;;) {
    const char *f = slg_find(k, end, key);
    if (f == NULL)
      return 0;
    slg_cur c = {f + klen, end, 0};
    slg_cur_ws(&c);
    if (slg_cur_lit(&c, ":")) {
      slg_cur_ws(&c);
      if (slg_cur_u64(&c, v) && !c.bad)
        return 1;
    }
    k = f + klen;
  }
}

int slg_progress_scan(slg_span text, slg_progress *p)
{
  const char *s = text.ptr, *end = text.ptr + text.len;
  if (text.len == 0 || memchr(s, '"', text.len) == NULL)
    return 0;
  /* The report's own batchId and numInputRows come before its
   * durations; the sources' numInputRows after them are not its. */
  if (!(p->have & SLG_PROGRESS_BATCH) &&
      json_u64(s, end, "\"batchId\"", 9, &p->batch))
    p->have |= SLG_PROGRESS_BATCH;
  if (!(p->have & (SLG_PROGRESS_ROWS | SLG_PROGRESS_TRIGGER)) &&
      json_u64(s, end, "\"numInputRows\"", 14, &p->rows))
    p->have |= SLG_PROGRESS_ROWS;
  if (!(p->have & SLG_PROGRESS_TRIGGER) &&
      json_u64(s, end, "\"triggerExecution\"", 18, &p->trigger_ms)) {
    p->have |= SLG_PROGRESS_TRIGGER;
    return 1;
  }
  return 0;
}
