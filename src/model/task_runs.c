/*
 * task_runs.c - summing runs of task lines where they are parsed (see
 * task_runs.h), and the sum of two task deltas (task_delta.h), which is
 * all a run does with its lines: what a line records is
 * slg_task_line_of's, what the model makes of it is model.c's.
 */
#include "task_runs.h"

#include <stdlib.h>
#include <string.h>

#include "common.h"

void slg_task_runs_init(slg_task_runs *rs, int reference)
{
  memset(rs, 0, sizeof(*rs));
  rs->reference = reference != 0;
}

void slg_task_runs_dispose(slg_task_runs *rs)
{
  free(rs->runs);
  free(rs->execs);
  free(rs->tallies);
  free(rs->localities);
  free(rs->parts);
  free(rs->durations);
  free(rs->retries);
  slg_task_runs_init(rs, rs->reference);
}

void slg_task_runs_reset(slg_task_runs *rs)
{
  rs->nruns = rs->nexecs = rs->ntallies = rs->nparts = rs->ndurations = 0;
  rs->nretries = rs->nlocalities = 0;
}

/* Room for one more of `size` bytes in *arr (of *cap). */
static void *room(void *arr, size_t n, size_t *cap, size_t size)
{
  if (n < *cap)
    return arr;
  *cap = *cap ? *cap * 2 : 256;
  return slg_xrealloc(arr, *cap * size);
}

/* Appends list `src` (cnt entries) to the owner's array `arr`. */
#define APPEND(rs, arr, src, cnt)                                            \
  do {                                                                       \
    for (size_t i_ = 0; i_ < (cnt); i_++) {                                  \
      (rs)->arr = room((rs)->arr, (rs)->n##arr, &(rs)->arr##_cap,            \
                       sizeof(*(rs)->arr));                                  \
      (rs)->arr[(rs)->n##arr++] = (src)[i_];                                 \
    }                                                                        \
  } while (0)

static slg_task_run *open_run(slg_task_runs *rs, uint64_t stage,
                              uint64_t attempt, const slg_time *time,
                              int64_t time_ms)
{
  rs->runs = room(rs->runs, rs->nruns, &rs->runs_cap, sizeof(*rs->runs));
  slg_task_run *r = &rs->runs[rs->nruns++];
  memset(r, 0, sizeof(*r));
  r->sum.stage = stage;
  r->sum.attempt = attempt;
  r->first = *time;
  r->first_ms = time_ms;
  r->localities = rs->nlocalities;
  r->parts = rs->nparts;
  r->durations = rs->ndurations;
  r->retries = rs->nretries;
  r->execs = rs->nexecs;
  r->tallies = rs->ntallies;
  if (++rs->serial == 0) { /* wrapped: stamps of old runs could match */
    memset(rs->stamp, 0, sizeof(rs->stamp));
    rs->serial = 1;
  }
  return r;
}

/* The open run r's entry for executor x (x->num >= 0), new or found. */
static inline slg_task_exec *run_exec(slg_task_runs *rs, slg_task_run *r,
                                      const slg_task_exec *x)
{
  int num = x->num;
  if (rs->stamp[num] == rs->serial)
    return &rs->execs[r->execs + rs->slot[num] - 1];
  rs->execs = room(rs->execs, rs->nexecs, &rs->execs_cap, sizeof(*rs->execs));
  slg_task_exec *e = &rs->execs[rs->nexecs++];
  *e = *x;
  e->host = slg_span_make(NULL, 0);
  e->tasks = e->task_ms = 0;
  e->ended = 0;
  rs->stamp[num] = rs->serial;
  /* At most SLG_EXEC_NUM executors in a run: it fits. */
  rs->slot[num] = (uint16_t)++r->sum.nexecs;
  return e;
}

/*
 * Adds delta d (of lines after the run's) to the open run r. Nothing here
 * knows what a line means: counts add, lists append, the walks join
 * (task_delta.h), executors merge by exec_num.
 */
static SLG_ALWAYS_INLINE void delta_sum(slg_task_runs *rs, slg_task_run *r,
                                        const slg_task_delta *d)
{
  slg_task_delta *s = &r->sum;
  s->started += d->started;
  s->succeeded += d->succeeded;
  s->task_ms += d->task_ms;
  /* The joined walk: d's prefixes start from s's sum, and the highest
   * rise is s's, d's, or from s's lowest prefix to d's highest. */
  int64_t rise = s->walk + d->walk_high - s->walk_low;
  if (d->walk_rise > rise)
    rise = d->walk_rise;
  if (rise > s->walk_rise)
    s->walk_rise = rise;
  if (s->walk + d->walk_low < s->walk_low)
    s->walk_low = s->walk + d->walk_low;
  if (s->walk + d->walk_high > s->walk_high)
    s->walk_high = s->walk + d->walk_high;
  s->walk += d->walk;
  APPEND(rs, localities, d->localities, d->started);
  APPEND(rs, parts, d->parts, d->nparts);
  APPEND(rs, durations, d->durations, d->ndurations);
  APPEND(rs, retries, d->retries, d->nretries);
  s->nparts += d->nparts;
  s->ndurations += d->ndurations;
  s->nretries += d->nretries;
  /* Executors by first appearance, tallies by first end. */
  for (size_t i = 0; i < d->nexecs; i++) {
    slg_task_exec *e = run_exec(rs, r, &d->execs[i]);
    if (e->host.len == 0)
      e->host = d->execs[i].host;
    e->tasks += d->execs[i].tasks;
    e->task_ms += d->execs[i].task_ms;
  }
  for (size_t k = 0; k < d->ntallies; k++) {
    int num = d->execs[d->tallies[k]].num;
    uint16_t i = (uint16_t)(rs->slot[num] - 1);
    slg_task_exec *e = &rs->execs[r->execs + i];
    if (!e->ended) {
      e->ended = 1;
      rs->tallies = room(rs->tallies, rs->ntallies, &rs->tallies_cap,
                         sizeof(*rs->tallies));
      rs->tallies[rs->ntallies++] = i;
      s->ntallies++;
    }
  }
}

/* The run a line of stage attempt `stage`.`attempt` joins: the last one
 * when `extend` is set and it is of that attempt, else a new one. */
static slg_task_run *run_for(slg_task_runs *rs, int extend, uint64_t stage,
                             uint64_t attempt, const slg_time *time,
                             int64_t time_ms, int *opened)
{
  slg_task_run *r = extend && rs->nruns > 0 ? &rs->runs[rs->nruns - 1]
                                            : NULL;
  *opened = 0;
  if (r == NULL || r->sum.stage != stage || r->sum.attempt != attempt) {
    r = open_run(rs, stage, attempt, time, time_ms);
    *opened = 1;
  }
  r->last = *time;
  r->last_ms = time_ms;
  r->tail.flags = 0;
  return r;
}

void slg_task_runs_tail(slg_task_runs *rs, const slg_time *time,
                        int64_t time_ms)
{
  slg_task_run *r = &rs->runs[rs->nruns - 1];
  r->tail = *time;
  r->tail_ms = time_ms;
}

int slg_task_runs_add(slg_task_runs *rs, int extend, const slg_model_item *it,
                      const slg_time *time, int64_t time_ms,
                      uint64_t line_no)
{
  const slg_event *ev = &it->ev;
  int opened;
  slg_task_run *r =
      run_for(rs, extend, ev->stage, ev->attempt, time, time_ms, &opened);
  /* A start's and an end's delta each summed by their own inlined
   * delta_sum, where what the kind of line fixes is constant. */
  slg_task_delta d;
  slg_task_line lists;
  if (ev->kind == SLG_EV_TASK_START) {
    slg_task_line_of(&d, &lists, ev, it->exec_num);
    delta_sum(rs, r, &d);
  } else {
    slg_task_line_of(&d, &lists, ev, it->exec_num);
    delta_sum(rs, r, &d);
  }
  if (opened)
    r->first_line = line_no;
  if (!r->risen && r->sum.walk > r->sum.walk_low) {
    r->risen = 1;
    r->rise_line = line_no;
  }
  return opened;
}

slg_task_delta slg_task_runs_delta(const slg_task_runs *rs,
                                   const slg_task_run *r)
{
  slg_task_delta d = r->sum;
  /* A list no run has used yet is NULL: address it only when not empty
   * (NULL + 0 is undefined). */
  d.localities = d.started ? rs->localities + r->localities : NULL;
  d.parts = d.nparts ? rs->parts + r->parts : NULL;
  d.durations = d.ndurations ? rs->durations + r->durations : NULL;
  d.retries = d.nretries ? rs->retries + r->retries : NULL;
  d.execs = d.nexecs ? rs->execs + r->execs : NULL;
  d.tallies = d.ntallies ? rs->tallies + r->tallies : NULL;
  return d;
}
