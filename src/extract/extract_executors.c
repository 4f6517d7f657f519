/*
 * extract_executors.c - executor lifecycle and dynamic allocation:
 * ExecutorAllocationManager, ExecutorMonitor, the scheduler backends'
 * driver endpoints (CoarseGrainedSchedulerBackend$DriverEndpoint and its
 * YARN / K8s / standalone subclasses), YarnSchedulerBackend$
 * YarnSchedulerEndpoint and BlockManagerMasterEndpoint; and the lines
 * that say why an executor went away (HeartbeatReceiver, YarnAllocator,
 * the standalone client and backend, EMR Serverless'
 * ExecutorContainerStoreImpl, the backends' "Shutting down all
 * executors"), whose reasons executor_loss.h classifies.
 */
#include "extract.h"

/* "Registered executor NettyRpcEndpointRef(spark-client://Executor)
 * (10.0.0.5:43210) with ID 1" (+ ",  ResourceProfileId 0" 3.1+). */
static int registered(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Registered executor "))
    return 0;
  const char *w = slg_rfind(c->p, c->end, " with ID ");
  if (w == NULL)
    return 0;
  const char *id = w + 9;
  const char *ie = id;
  while (ie < c->end && *ie != ',' && *ie != ' ')
    ie++;
  ev->exec = slg_span_between(id, ie);
  /* The address is the last "(host:port)" before " with ID". */
  if (w > c->p && w[-1] == ')') {
    const char *o = slg_rfind(c->p, w, "(");
    if (o != NULL) {
      const char *colon = slg_rfind(o, w, ":");
      ev->host = slg_span_between(o + 1, colon ? colon : w - 1);
    }
  }
  ev->kind = SLG_EV_EXECUTOR_ADDED;
  return 1;
}

/* "New executor 3 has registered (new total is 4)". */
static int new_executor(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "New executor "))
    return 0;
  const char *w = slg_find(c->p, c->end, " has registered");
  if (w == NULL)
    return 0;
  ev->exec = slg_span_between(c->p, w);
  ev->kind = SLG_EV_EXECUTOR_ADDED;
  return 1;
}

/* "Requesting 2 new executors because tasks are backlogged (new desired
 * total will be 4[ for resource profile id: 0])". */
static int requesting(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Requesting ") || !slg_cur_u64(c, &ev->n) ||
      !slg_cur_lit(c, " new executor"))
    return 0;
  const char *t = slg_find(c->p, c->end, "total will be ");
  if (t != NULL) {
    c->p = t + 14;
    slg_cur_u64(c, &ev->n2);
  }
  ev->kind = SLG_EV_EXECUTORS_REQUESTED;
  return 1;
}

/* "Removing executor 3 because it has been idle for 60 seconds ..." (<=
 * 2.4), "Executors 1,2 removed due to idle timeout." (3.x) and 4.0's
 * "Executors 1,2removed due to idle timeout."; "Existing executor 3 has
 * been removed (new total is 3)". */
static int idle_removed(slg_cur *c, slg_event *ev)
{
  if (slg_cur_lit(c, "Removing executor ")) {
    const char *w = slg_find(c->p, c->end, " because ");
    if (w == NULL)
      return 0;
    ev->exec = slg_span_between(c->p, w);
    ev->str2 = slg_span_between(w + 9, c->end);
  } else if (slg_cur_lit(c, "Executors ")) {
    const char *w = slg_find(c->p, c->end, "removed due to idle timeout");
    if (w == NULL)
      return 0;
    const char *e = w;
    while (e > c->p && e[-1] == ' ')
      e--;
    ev->str = slg_span_between(c->p, e);
    ev->str2 = slg_span_make(w + 15, 12);
    ev->flag = 1;
  } else if (slg_cur_lit(c, "Existing executor ")) {
    const char *w = slg_find(c->p, c->end, " has been removed");
    if (w == NULL)
      return 0;
    ev->exec = slg_span_between(c->p, w);
  } else {
    return 0;
  }
  ev->kind = SLG_EV_EXECUTOR_REMOVED;
  return 1;
}

/* YarnSchedulerEndpoint: "Requesting driver to remove executor 2 for
 * reason Container killed by YARN ..." */
static int driver_remove(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Requesting driver to remove executor "))
    return 0;
  const char *w = slg_find(c->p, c->end, " for reason ");
  ev->exec = slg_span_between(c->p, w ? w : c->end);
  if (w != NULL)
    ev->str2 = slg_span_between(w + 12, c->end);
  ev->kind = SLG_EV_EXECUTOR_REMOVED;
  return 1;
}

/* BlockManagerMasterEndpoint: "Registering block manager h:p with 434.4
 * MiB RAM, BlockManagerId(driver, h, p, None)" - the only line naming the
 * local-mode "driver" executor. */
static int block_manager(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Registering block manager "))
    return 0;
  const char *b = slg_find(c->p, c->end, "BlockManagerId(");
  if (b == NULL)
    return 0;
  const char *id = b + 15;
  const char *comma = memchr(id, ',', (size_t)(c->end - id));
  if (comma == NULL)
    return 0;
  ev->exec = slg_span_between(id, comma);
  const char *h = comma + 1;
  while (h < c->end && *h == ' ')
    h++;
  const char *he = memchr(h, ',', (size_t)(c->end - h));
  ev->host = slg_span_between(h, he ? he : h);
  ev->kind = SLG_EV_EXECUTOR_ADDED;
  ev->flag = 2; /* weaker evidence: do not count as a new executor twice */
  return 1;
}

/* HeartbeatReceiver: "Removing executor 3 with no recent heartbeats:
 * 140979 ms exceeds timeout 120000 ms"; DriverEndpoint: "Received
 * executor 3 decommissioned message" (3.1+). */
static int heartbeat_or_decommission(slg_cur *c, slg_event *ev)
{
  const char *w;
  if (slg_cur_lit(c, "Removing executor ")) {
    w = slg_find(c->p, c->end, " with no recent heartbeats");
    if (w == NULL)
      return 0;
    ev->exec = slg_span_between(c->p, w);
    ev->str2 = slg_span_between(w + 6, c->end);
  } else if (slg_cur_lit(c, "Received executor ")) {
    w = slg_find(c->p, c->end, " decommissioned message");
    if (w == NULL)
      return 0;
    ev->exec = slg_span_between(c->p, w);
    ev->str2 = slg_span_between(w + 1, c->end);
  } else {
    return 0;
  }
  ev->kind = SLG_EV_EXECUTOR_REASON;
  return 1;
}

/* The executor id of a standalone "app-20240301100002-0007/3". */
static slg_span standalone_id(const char *p, const char *end)
{
  const char *slash = slg_rfind(p, end, "/");
  return slg_span_between(slash ? slash + 1 : p, end);
}

/* EMR Serverless ExecutorContainerStoreImpl: "Executor(s) 30,31 exited
 * unexpectedly with exit code 137."; standalone: "Executor updated:
 * app-.../3 is now EXITED (Command exited with code 137)" and "Executor
 * app-.../3 removed: Command exited with code 137"; YarnAllocator:
 * "Executor for container c exited because of a YARN event ...". */
static int executor_says(slg_cur *c, slg_event *ev)
{
  const char *w;
  if (slg_cur_lit(c, "Executor(s) ")) {
    w = slg_find(c->p, c->end, " exited ");
    if (w == NULL)
      return 0;
    ev->str = slg_span_between(c->p, w);
    ev->str2 = slg_span_between(w + 1, c->end);
    ev->flag = 1;
  } else if (slg_cur_lit(c, "Executor updated: ")) {
    w = slg_find(c->p, c->end, " is now ");
    if (w == NULL)
      return 0;
    ev->exec = standalone_id(c->p, w);
    ev->str2 = slg_span_between(w + 1, c->end);
  } else if (slg_cur_lit(c, "Executor for container ")) {
    ev->str2 = slg_span_between(c->p - 23, c->end);
    ev->flag = 2;
  } else if (slg_cur_lit(c, "Executor ")) {
    w = slg_find(c->p, c->end, " removed: ");
    if (w == NULL)
      return 0;
    ev->exec = standalone_id(c->p, w);
    ev->str2 = slg_span_between(w + 10, c->end);
  } else {
    return 0;
  }
  ev->kind = SLG_EV_EXECUTOR_REASON;
  return 1;
}

/* YarnAllocator (in the driver's log in cluster mode): "Container killed
 * by YARN for exceeding ...", "Container from a bad node: c on host: h.
 * Exit status: 137. ...", "Container marked as failed: ...", "Container
 * c on host: h was preempted.", "Container c exited from explicit
 * termination request.". They name a container, not an executor. */
static int container(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Container "))
    return 0;
  ev->str2 = slg_span_between(c->p - 10, c->end);
  ev->flag = 2;
  ev->kind = SLG_EV_EXECUTOR_REASON;
  return 1;
}

/* "Shutting down all executors" (the scheduler backend, every
 * platform). */
static int shutdown(slg_cur *c, slg_event *ev)
{
  /* An executor's own "Driver commanded a shutdown" (logged by
   * CoarseGrainedExecutorBackend into a file the driver shares) says the
   * same when the driver's line is missing. */
  if (!slg_cur_lit(c, "Shutting down all executors") &&
      !slg_cur_lit(c, "Driver commanded a shutdown"))
    return 0;
  ev->kind = SLG_EV_EXECUTORS_SHUTDOWN;
  return 1;
}

/* YarnAllocator: "Will request 3 executor container(s), each with 4
 * core(s) and 6758 MB memory (including 614 MB of overhead)" (<= 3.0)
 * and "Will request 2 executor container(s) for  ResourceProfile Id: 0,
 * each with 4 core(s) and 6758 MB memory." (3.1+). */
static int will_request(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Will request "))
    return 0;
  const char *w = slg_find(c->p, c->end, "each with ");
  if (w == NULL)
    return 0;
  c->p = w + 10;
  if (!slg_cur_u64(c, &ev->n3) || !slg_cur_lit(c, " core(s) and ") ||
      !slg_cur_u64(c, &ev->n) || !slg_cur_lit(c, " MB memory"))
    return 0;
  if (slg_cur_lit(c, " (including ") && slg_cur_u64(c, &ev->n2) &&
      slg_cur_lit(c, " MB of overhead"))
    ev->flag = 1;
  ev->kind = SLG_EV_EXECUTOR_RESOURCES;
  return 1;
}

int slg_extract_executors(slg_span msg, slg_event *out)
{
  int bad = 0;
  int ok = 0;
  msg = slg_trim_right(msg);
  slg_event_clear(out);
  if (msg.len < 10)
    return SLG_EXTRACT_NONE;
  switch (msg.ptr[0]) {
  case 'R':
    ok = slg_try_alt(registered, msg, out, &bad) ||
         slg_try_alt(heartbeat_or_decommission, msg, out, &bad) ||
         slg_try_alt(driver_remove, msg, out, &bad) ||
         slg_try_alt(requesting, msg, out, &bad) ||
         slg_try_alt(idle_removed, msg, out, &bad) ||
         slg_try_alt(block_manager, msg, out, &bad);
    break;
  case 'N':
    ok = slg_try_alt(new_executor, msg, out, &bad);
    break;
  case 'E':
    ok = slg_try_alt(idle_removed, msg, out, &bad) ||
         slg_try_alt(executor_says, msg, out, &bad);
    break;
  case 'C':
    ok = !slg_span_starts(msg, "Completed container") &&
         slg_try_alt(container, msg, out, &bad);
    break;
  case 'S':
  case 'D':
    ok = slg_try_alt(shutdown, msg, out, &bad);
    break;
  case 'W':
    ok = slg_try_alt(will_request, msg, out, &bad);
    break;
  default:
    break;
  }
  if (!ok)
    return SLG_EXTRACT_NONE;
  return bad ? SLG_EXTRACT_REJECTED : SLG_EXTRACT_OK;
}
