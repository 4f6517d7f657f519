/*
 * task_runs.c - summing runs of task lines where they are parsed (see
 * task_runs.h for what a run keeps and why that is enough).
 *
 * The code here mirrors on_task_start and on_task_end in model.c field by
 * field; slg_model_apply_run is the other half. Whatever those two
 * functions read from an event, a run must keep.
 */
#include "task_runs.h"

#include <stdlib.h>
#include <string.h>

#include "common.h"

void slg_task_runs_init(slg_task_runs *rs)
{
  memset(rs, 0, sizeof(*rs));
}

void slg_task_runs_dispose(slg_task_runs *rs)
{
  free(rs->runs);
  free(rs->execs);
  free(rs->tallies);
  free(rs->parts);
  free(rs->durations);
  memset(rs, 0, sizeof(*rs));
}

void slg_task_runs_reset(slg_task_runs *rs)
{
  rs->nruns = rs->nexecs = rs->ntallies = rs->nparts = rs->ndurations = 0;
}

/* Room for one more of `size` bytes in *arr (of *cap). */
static void *room(void *arr, size_t n, size_t *cap, size_t size)
{
  if (n < *cap)
    return arr;
  *cap = *cap ? *cap * 2 : 256;
  return slg_xrealloc(arr, *cap * size);
}

static slg_task_run *open_run(slg_task_runs *rs, const slg_event *ev,
                              const slg_time *time, int64_t time_ms)
{
  rs->runs = room(rs->runs, rs->nruns, &rs->runs_cap, sizeof(*rs->runs));
  slg_task_run *r = &rs->runs[rs->nruns++];
  memset(r, 0, sizeof(*r));
  r->stage = ev->stage;
  r->attempt = ev->attempt;
  r->first = *time;
  r->first_ms = time_ms;
  r->execs = rs->nexecs;
  r->tallies = rs->ntallies;
  r->parts = rs->nparts;
  r->durations = rs->ndurations;
  if (++rs->serial == 0) { /* wrapped: stamps of old runs could match */
    memset(rs->stamp, 0, sizeof(rs->stamp));
    rs->serial = 1;
  }
  return r;
}

/* The run's entry for the executor of an event that names one. */
static slg_task_run_exec *run_exec(slg_task_runs *rs, slg_task_run *r,
                                   const slg_event *ev, int num)
{
  slg_task_run_exec *e;
  if (rs->stamp[num] == rs->serial) {
    e = &rs->execs[r->execs + rs->slot[num] - 1];
  } else {
    rs->execs = room(rs->execs, rs->nexecs, &rs->execs_cap,
                     sizeof(*rs->execs));
    e = &rs->execs[rs->nexecs++];
    memset(e, 0, sizeof(*e));
    e->id = ev->exec;
    e->num = (int16_t)num;
    rs->stamp[num] = rs->serial;
    /* At most SLG_EXEC_NUM executors in a run: it fits. */
    rs->slot[num] = (uint16_t)++r->nexecs;
  }
  if (e->host.len == 0)
    e->host = ev->host;
  return e;
}

int slg_task_runs_add(slg_task_runs *rs, int extend, const slg_model_item *it,
                      const slg_time *time, int64_t time_ms)
{
  const slg_event *ev = &it->ev;
  slg_task_run *r = extend && rs->nruns > 0 ? &rs->runs[rs->nruns - 1]
                                            : NULL;
  int opened = 0;
  if (r == NULL || r->stage != ev->stage || r->attempt != ev->attempt) {
    r = open_run(rs, ev, time, time_ms);
    opened = 1;
  }
  r->last = *time;
  r->last_ms = time_ms;
  slg_task_run_exec *e =
      ev->exec.len > 0 ? run_exec(rs, r, ev, it->exec_num) : NULL;
  if (ev->kind == SLG_EV_TASK_START) {
    r->started++;
    r->locality[ev->locality < SLG_LOC_COUNT ? ev->locality
                                             : SLG_LOC_OTHER]++;
    if (ev->flag & 1) {
      /* The model tracks partitions below 2^24 (bit_set); one beyond is
       * never new, and stays so as 2^24. */
      uint64_t p = ev->partition;
      rs->parts = room(rs->parts, rs->nparts, &rs->parts_cap,
                       sizeof(*rs->parts));
      rs->parts[rs->nparts++] =
          (uint32_t)(p < (UINT64_C(1) << 24) ? p : (UINT64_C(1) << 24));
      r->nparts++;
    }
    r->walk++;
    if (r->walk > r->walk_high)
      r->walk_high = r->walk;
  } else {
    uint64_t ms = ev->ms >= 0 ? (uint64_t)ev->ms : 0;
    r->succeeded++;
    r->task_ms += ms;
    rs->durations = room(rs->durations, rs->ndurations, &rs->durations_cap,
                         sizeof(*rs->durations));
    rs->durations[rs->ndurations++] = ms;
    r->ndurations++;
    if (e != NULL) {
      e->tasks++;
      e->task_ms += ms;
      if (!e->ended) {
        e->ended = 1;
        rs->tallies = room(rs->tallies, rs->ntallies, &rs->tallies_cap,
                           sizeof(*rs->tallies));
        rs->tallies[rs->ntallies++] = (uint16_t)(e - &rs->execs[r->execs]);
        r->ntallies++;
      }
    }
    r->walk--;
    if (r->walk < r->walk_low)
      r->walk_low = r->walk;
  }
  if (r->walk - r->walk_low > r->walk_rise)
    r->walk_rise = r->walk - r->walk_low;
  return opened;
}
