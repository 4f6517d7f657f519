/*
 * extract_taskscheduler.c - TaskSchedulerImpl messages (also logged as
 * YarnScheduler / YarnClusterScheduler) -> events: TaskSets added and
 * removed (which carry the stage attempt number), stage cancellation,
 * executor loss with its reason and the starvation warning.
 */
#include "extract.h"

/* "Adding task set 1.0 with 2 tasks" (+ " resource profile 0", 3.1+). */
static int adding(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Adding task set ") ||
      !slg_cur_dotted(c, &ev->stage, &ev->attempt) ||
      !slg_cur_lit(c, " with ") || !slg_cur_u64(c, &ev->n))
    return 0;
  ev->kind = SLG_EV_TASKSET_ADDED;
  return 1;
}

/* "Removed TaskSet 0.0, whose tasks have all completed, from pool " and
 * 4.0's "Removed TaskSet 0.0 whose tasks ...". */
static int removed(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Removed TaskSet ") ||
      !slg_cur_dotted(c, &ev->stage, &ev->attempt))
    return 0;
  ev->kind = SLG_EV_TASKSET_REMOVED;
  return 1;
}

/* "Cancelling stage 3" (<= 3.5), "Canceling stage 3" (4.0), "Stage 3 was
 * cancelled" (<= 3.5), "Stage 3.0 was cancelled" (4.0). */
static int cancel(slg_cur *c, slg_event *ev)
{
  if (slg_cur_lit(c, "Cancelling stage ") ||
      slg_cur_lit(c, "Canceling stage ")) {
    if (!slg_cur_u64(c, &ev->stage) || c->p != c->end)
      return 0;
    ev->kind = SLG_EV_STAGE_CANCEL;
    return 1;
  }
  if (!slg_cur_lit(c, "Stage ") || !slg_cur_u64(c, &ev->stage))
    return 0;
  if (slg_cur_lit(c, "."))
    if (slg_cur_u64(c, &ev->attempt))
      ev->flag = 1;
  if (!slg_cur_lit(c, " was cancelled"))
    return 0;
  ev->kind = SLG_EV_STAGE_CANCEL;
  return 1;
}

/* "Lost executor 2 on h: Container killed by YARN for exceeding physical
 * memory limits. ..."; on K8s the reason starts on the next line. */
static int lost_executor(slg_cur *c, slg_event *ev)
{
  /* "Lost an executor 2 (already removed): The executor with id 2 was
   * deleted by a user or the framework.": a further reason only. */
  if (slg_cur_lit(c, "Lost an executor ")) {
    const char *w = slg_find(c->p, c->end, " (already removed): ");
    if (w == NULL)
      return 0;
    ev->exec = slg_span_between(c->p, w);
    ev->str2 = slg_span_between(w + 20, c->end);
    ev->kind = SLG_EV_EXECUTOR_REASON;
    return 1;
  }
  if (!slg_cur_lit(c, "Lost executor "))
    return 0;
  const char *on = slg_find(c->p, c->end, " on ");
  if (on == NULL)
    return 0;
  ev->exec = slg_span_between(c->p, on);
  const char *h = on + 4;
  const char *colon = slg_find(h, c->end, ": ");
  if (colon == NULL) {
    const char *e = c->end;
    if (e > h && e[-1] == ':')
      e--;
    ev->host = slg_span_between(h, e);
  } else {
    ev->host = slg_span_between(h, colon);
    ev->str2 = slg_span_between(colon + 2, c->end);
  }
  ev->kind = SLG_EV_EXECUTOR_LOST;
  return 1;
}

/* "Executor 3 on host killed by driver." / "Executor 3 on host is
 * decommissioned after 1.2 s." (3.1+). */
static int exec_state(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Executor "))
    return 0;
  const char *on = slg_find(c->p, c->end, " on ");
  if (on == NULL)
    return 0;
  const char *k = slg_find(on, c->end, " killed by driver");
  const char *d = slg_find(on, c->end, " is decommissioned");
  if (k == NULL && d == NULL)
    return 0;
  ev->exec = slg_span_between(c->p, on);
  ev->host = slg_span_between(on + 4, k ? k : d);
  ev->flag = k ? 0 : 1;
  ev->kind = SLG_EV_EXECUTOR_KILLED;
  return 1;
}

/* "Initial job has not accepted any resources; check your cluster UI to
 * ensure that workers are registered and have sufficient resources"
 * (every version; WARN every spark.starvation.timeout, 15 s, while no
 * task of the first task set has launched). */
static int starved(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Initial job has not accepted any resources"))
    return 0;
  c->p = c->end;
  ev->kind = SLG_EV_NO_RESOURCES;
  return 1;
}

int slg_extract_taskscheduler(slg_span msg, slg_event *out)
{
  int bad = 0;
  int ok = 0;
  msg = slg_trim_right(msg);
  slg_event_clear(out);
  if (msg.len < 10)
    return SLG_EXTRACT_NONE;
  switch (msg.ptr[0]) {
  case 'A':
    ok = slg_try_alt(adding, msg, out, &bad);
    break;
  case 'R':
    ok = slg_try_alt(removed, msg, out, &bad);
    break;
  case 'C':
  case 'S':
    ok = slg_try_alt(cancel, msg, out, &bad);
    break;
  case 'L':
    ok = slg_try_alt(lost_executor, msg, out, &bad);
    break;
  case 'E':
    ok = slg_try_alt(exec_state, msg, out, &bad);
    break;
  case 'I':
    ok = slg_try_alt(starved, msg, out, &bad);
    break;
  default:
    break;
  }
  if (!ok)
    return SLG_EXTRACT_NONE;
  return bad ? SLG_EXTRACT_REJECTED : SLG_EXTRACT_OK;
}
