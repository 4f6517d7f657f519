/*
 * extract_dagscheduler.c - DAGScheduler messages -> events.
 *
 * The DAGScheduler's event loop logs job submission, the stage graph
 * (final stage, parents), stage submission and completion, shuffle
 * registration, fetch failures and resubmissions, executor loss, and on
 * the job's calling thread "Job N finished". Wordings of 0.8 to 4.0 are
 * accepted (docs/spark-log-formats.md 2.1): "Stage N" before 1.4,
 * "finished in 1,543 s" under a comma locale, 4.0's integer "ms".
 */
#include "extract.h"

#define span_between slg_span_between

/* "Got job 0 (count at <console>:24) with 2 output partitions" and 0.8's
 * "... output partitions (allowLocal=false)"; the call site may hold
 * parentheses, so it ends at the last ") with ". */
static int got_job(slg_cur *c, slg_event *ev)
{
  int map = 0;
  if (slg_cur_lit(c, "Got map stage job "))
    map = 1;
  else if (!slg_cur_lit(c, "Got job "))
    return 0;
  if (!slg_cur_u64(c, &ev->job) || !slg_cur_lit(c, " ("))
    return 0;
  const char *w = slg_rfind(c->p, c->end, ") with ");
  if (w == NULL)
    return 0;
  ev->kind = SLG_EV_JOB_SUBMITTED;
  ev->flag = map;
  ev->str = span_between(c->p, w);
  c->p = w + 7;
  slg_cur_u64(c, &ev->n);
  return 1;
}

/* "Final stage: ResultStage 1 (count at <console>:24)"; before 1.4
 * "Final stage: Stage 0(take at <console>:25)" with no space. */
static int final_stage(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Final stage: ") ||
      !slg_cur_stage(c, &ev->stage_kind, &ev->stage))
    return 0;
  ev->kind = SLG_EV_FINAL_STAGE;
  slg_cur_ws(c);
  if (slg_cur_lit(c, "(") && c->end > c->p && c->end[-1] == ')')
    ev->str = span_between(c->p, c->end - 1);
  return 1;
}

/* "Parents of final stage: List(ShuffleMapStage 0)", "Missing parents:
 * List()"; 0.8 also logs "Missing parents for Stage 3: List()", which
 * concerns a non-final stage and is ignored. */
static int parents(slg_cur *c, slg_event *ev)
{
  if (slg_cur_lit(c, "Parents of final stage: "))
    ev->flag = 0;
  else if (slg_cur_lit(c, "Missing parents: "))
    ev->flag = 1;
  else
    return 0;
  const char *open = memchr(c->p, '(', (size_t)(c->end - c->p));
  if (open == NULL)
    return 0;
  const char *close = c->end;
  if (close > open && close[-1] == ')')
    close--;
  ev->kind = SLG_EV_STAGE_PARENTS;
  ev->str = span_between(open + 1, close);
  return 1;
}

/* "Submitting ShuffleMapStage 0 (MapPartitionsRDD[3] at ...), which has
 * no missing parents" / 0.8 "..., which is now runnable", and "Submitting
 * 2 missing tasks from ResultStage 1 (RDD) (first 15 tasks are ...)". */
static int submitting(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Submitting "))
    return 0;
  if (slg_cur_stage(c, &ev->stage_kind, &ev->stage)) {
    ev->kind = SLG_EV_STAGE_SUBMITTED;
    if (slg_cur_lit(c, " (")) {
      const char *w = slg_rfind(c->p, c->end, "), which ");
      if (w == NULL && c->end > c->p && c->end[-1] == ')')
        w = c->end - 1;
      if (w != NULL)
        ev->str = span_between(c->p, w);
    }
    return 1;
  }
  if (slg_cur_u64(c, &ev->n) && slg_cur_lit(c, " missing tasks from ") &&
      slg_cur_stage(c, &ev->stage_kind, &ev->stage)) {
    ev->kind = SLG_EV_STAGE_TASKS;
    return 1;
  }
  return 0;
}

/* slg_parse_duration, plus the "too large to be real" rule every id
 * follows: "finished in 1180591620717411303424 s" (2^70) is rejected (the
 * cursor is marked bad), not turned into a 10^24 ms duration. */
static int duration(slg_cur *c, const char **q, double *ms)
{
  if (!slg_parse_duration(q, c->end, ms))
    return 0;
  if (*ms > (double)SLG_EXTRACT_MAX)
    c->bad = 1;
  return 1;
}

/* "ShuffleMapStage 0 (count at <console>:24) finished in 1.702 s",
 * 4.0 "... finished in 366 ms", "... failed in 0.5 s due to <reason>"
 * (1.6: no reason). Also 0.8 "Completed ResultTask(0, 1)". */
static int stage_end(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_stage(c, &ev->stage_kind, &ev->stage) ||
      !slg_cur_lit(c, " ("))
    return 0;
  const char *w = slg_rfind(c->p, c->end, ") finished in ");
  if (w != NULL) {
    const char *q = w + 14;
    if (!duration(c, &q, &ev->ms))
      return 0;
    ev->kind = SLG_EV_STAGE_FINISHED;
    ev->str = span_between(c->p, w);
    return 1;
  }
  w = slg_find(c->p, c->end, ") failed in ");
  if (w != NULL) {
    const char *q = w + 12;
    if (!duration(c, &q, &ev->ms))
      ev->ms = -1;
    ev->kind = SLG_EV_STAGE_FAILED;
    ev->str = span_between(c->p, w);
    const char *d = slg_find(q, c->end, " due to ");
    if (d != NULL)
      ev->str2 = span_between(d + 8, c->end);
    return 1;
  }
  return 0;
}

/* "Resubmitting ShuffleMapStage 2 (map at ..) because some of its tasks
 * had failed: 3, 7", "Resubmitting ShuffleMapStage 2 (..) and ResultStage
 * 3 (..) due to fetch failure", "Resubmitting ResultStage 3 (..) due to
 * barrier stage failure." ("Resubmitting failed stages" is ignored). */
static int resubmitting(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Resubmitting ") ||
      !slg_cur_stage(c, &ev->stage_kind, &ev->stage))
    return 0;
  ev->kind = SLG_EV_STAGE_RESUBMIT;
  if (slg_find(c->p, c->end, "because some of its tasks had failed")) {
    ev->n = SLG_RESUBMIT_FAILED_TASKS;
  } else if (c->end - c->p >= 20 &&
             slg_span_eq(span_between(c->end - 20, c->end),
                         "due to fetch failure")) {
    ev->n = SLG_RESUBMIT_FETCH_FAILURE;
    const char *a = slg_rfind(c->p, c->end, ") and ");
    if (a != NULL) {
      slg_cur d = *c;
      slg_stage_kind k;
      d.p = a + 6;
      if (slg_cur_stage(&d, &k, &ev->stage2))
        ev->flag = 1;
      c->bad |= d.bad;
    }
  } else if (slg_find(c->p, c->end, "due to barrier stage failure")) {
    ev->n = SLG_RESUBMIT_BARRIER;
  } else {
    ev->n = SLG_RESUBMIT_OTHER;
  }
  return 1;
}

/* "Marking ResultStage 3 (count at ..) as failed due to a fetch failure
 * from ShuffleMapStage 2 (map at ..)"; barrier: "Marking ResultStage 3
 * (..) as failed due to a barrier task failed." (4.0 prints a bare id). */
static int marking(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Marking "))
    return 0;
  if (!slg_cur_stage(c, &ev->stage_kind, &ev->stage)) {
    if (!slg_cur_u64(c, &ev->stage))
      return 0;
  }
  const char *w = slg_find(c->p, c->end, " as failed due to a fetch failure "
                                         "from ");
  if (w != NULL) {
    slg_cur d = *c;
    slg_stage_kind k;
    d.p = w + 39;
    if (!slg_cur_stage(&d, &k, &ev->stage2))
      return 0;
    c->bad |= d.bad;
    ev->kind = SLG_EV_FETCH_FAILURE;
    return 1;
  }
  if (slg_find(c->p, c->end, "as failed due to a barrier task failed")) {
    ev->kind = SLG_EV_FETCH_FAILURE;
    ev->flag = 1;
    ev->stage2 = ev->stage;
    return 1;
  }
  return 0;
}

/* "Job 0 finished: collect at LogQuery.scala:86, took 0.772280 s",
 * "Job 3 failed: ..., took 1,5 s", 4.0 "took 1234.567891 ms" or
 * "took 1.0234567E7 ms"; "Job 0 is finished. Cancelling potential
 * speculative or zombie tasks for this job" (3.0+); Spark 1.x "Job
 * finished: count at A.scala:14, took 0.066 s" (no job id). */
static int job_line(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Job "))
    return 0;
  if (slg_cur_lit(c, "finished: ")) {
    slg_extract_job_finished_noid(slg_span_between(c->p, c->end), ev);
    return 1;
  }
  if (!slg_cur_u64(c, &ev->job))
    return 0;
  if (slg_cur_lit(c, " is finished.")) {
    ev->kind = SLG_EV_JOB_END_MARKER;
    return 1;
  }
  if (slg_cur_lit(c, " finished: "))
    ev->flag = 0;
  else if (slg_cur_lit(c, " failed: "))
    ev->flag = 1;
  else
    return 0;
  ev->kind = SLG_EV_JOB_ENDED;
  const char *w = slg_rfind(c->p, c->end, ", took ");
  if (w == NULL) {
    ev->str = span_between(c->p, c->end);
    return 1;
  }
  ev->str = span_between(c->p, w);
  const char *q = w + 7;
  if (!duration(c, &q, &ev->ms))
    ev->ms = -1;
  return 1;
}

/* "Registering RDD 3 (count at <console>:24) as input to shuffle 0"
 * (3.0+); "Registering RDD 3 (count at <console>:24)" before. */
static int registering(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Registering RDD ") || !slg_cur_u64(c, &ev->n))
    return 0;
  ev->kind = SLG_EV_SHUFFLE_REGISTER;
  const char *w = slg_rfind(c->p, c->end, " as input to shuffle ");
  if (w != NULL) {
    c->p = w + 21;
    if (slg_cur_u64(c, &ev->shuffle))
      ev->flag = 1;
  }
  return 1;
}

/* "Executor lost: 3 (epoch 5)"; "Shuffle files lost for executor: 3
 * (epoch 5)" / "Shuffle files lost for host: h (epoch 5" (4.0 drops the
 * ')'). */
static int lost(slg_cur *c, slg_event *ev)
{
  if (slg_cur_lit(c, "Executor lost: ")) {
    const char *w = slg_find(c->p, c->end, " (epoch");
    ev->kind = SLG_EV_EXECUTOR_LOST;
    ev->flag = 1;
    ev->exec = span_between(c->p, w ? w : c->end);
    return 1;
  }
  if (slg_cur_lit(c, "Shuffle files lost for ")) {
    int host = slg_cur_lit(c, "host: ");
    if (!host && !slg_cur_lit(c, "executor: "))
      return 0;
    const char *w = slg_find(c->p, c->end, " (epoch");
    ev->kind = SLG_EV_SHUFFLE_FILES_LOST;
    ev->flag = host;
    if (host)
      ev->host = span_between(c->p, w ? w : c->end);
    else
      ev->exec = span_between(c->p, w ? w : c->end);
    return 1;
  }
  return 0;
}

/* "Resubmitted ShuffleMapTask(2, 5), so marking it as still running" and
 * 0.8 "Completed ResultTask(0, 1)". */
static int task_obj(slg_cur *c, slg_event *ev)
{
  slg_event_kind k;
  if (slg_cur_lit(c, "Resubmitted "))
    k = SLG_EV_TASK_RESUBMITTED;
  else if (slg_cur_lit(c, "Completed "))
    k = SLG_EV_TASK_COMPLETED_OLD;
  else
    return 0;
  if (!slg_cur_lit(c, "ShuffleMapTask(") && !slg_cur_lit(c, "ResultTask("))
    return 0;
  if (!slg_cur_u64(c, &ev->stage) || !slg_cur_lit(c, ", ") ||
      !slg_cur_u64(c, &ev->partition))
    return 0;
  ev->kind = k;
  return 1;
}

static int cancel_job(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Asked to cancel job ") || !slg_cur_u64(c, &ev->job))
    return 0;
  if (c->p != c->end)
    return 0; /* "Asked to cancel job group g" */
  ev->kind = SLG_EV_JOB_CANCEL;
  return 1;
}

int slg_extract_dagscheduler(slg_span msg, slg_event *out)
{
  int bad = 0;
  int ok = 0;
  msg = slg_trim_right(msg);
  slg_event_clear(out);
  if (msg.len < 8)
    return SLG_EXTRACT_NONE;
  /* Dispatch on the first byte: this runs for every DAGScheduler line. */
  switch (msg.ptr[0]) {
  case 'G':
    ok = slg_try_alt(got_job, msg, out, &bad);
    break;
  case 'F':
    ok = slg_try_alt(final_stage, msg, out, &bad);
    break;
  case 'P':
    ok = slg_try_alt(parents, msg, out, &bad);
    break;
  case 'M':
    ok = slg_try_alt(parents, msg, out, &bad) || slg_try_alt(marking, msg, out, &bad);
    break;
  case 'S':
    ok = slg_try_alt(submitting, msg, out, &bad) ||
         slg_try_alt(stage_end, msg, out, &bad) || slg_try_alt(lost, msg, out, &bad);
    break;
  case 'R':
    ok = slg_try_alt(stage_end, msg, out, &bad) ||
         slg_try_alt(resubmitting, msg, out, &bad) ||
         slg_try_alt(registering, msg, out, &bad) ||
         slg_try_alt(task_obj, msg, out, &bad);
    break;
  case 'J':
    ok = slg_try_alt(job_line, msg, out, &bad);
    break;
  case 'E':
    ok = slg_try_alt(lost, msg, out, &bad);
    break;
  case 'C':
    ok = slg_try_alt(task_obj, msg, out, &bad);
    break;
  case 'A':
    ok = slg_try_alt(cancel_job, msg, out, &bad);
    break;
  default:
    break;
  }
  if (!ok) {
    slg_event_clear(out);
    return SLG_EXTRACT_NONE;
  }
  return bad ? SLG_EXTRACT_REJECTED : SLG_EXTRACT_OK;
}
