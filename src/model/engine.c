/*
 * engine.c - an application's engine features (engine.h): AQE decisions,
 * streaming batches and PySpark worker timings, folded into fixed-size
 * tallies as their lines arrive.
 */
#include <stdlib.h>

#include "engine.h"

static slg_engine *engine_of(slg_engine **e)
{
  if (*e == NULL)
    *e = slg_xcalloc(1, sizeof **e);
  return *e;
}

static void copy_cut(char *dst, size_t cap, slg_span s)
{
  size_t n = s.len < cap - 1 ? s.len : cap - 1;
  if (n)
    memcpy(dst, s.ptr, n);
  dst[n] = '\0';
}

static void aqe_keep(slg_engine *e, const slg_aqe_decision *d)
{
  if (e->naqe < SLG_ENGINE_MAX_AQE)
    e->aqe[e->naqe++] = *d;
  else
    e->aqe_other++;
}

/* "For shuffle(0, 1), advisory target size: A, actual target size T,
 * minimum partition size: M" (SLG_EV_AQE_TARGET). */
static void on_target(slg_engine *e, const slg_event *ev, const slg_pos *pos)
{
  slg_aqe_decision d;
  memset(&d, 0, sizeof d);
  d.pos = *pos;
  d.rule = SLG_AQE_RULE_COUNT;
  copy_cut(d.shuffles, sizeof d.shuffles, ev->str);
  d.advisory = (int64_t)ev->n;
  d.actual = (int64_t)ev->n2;
  d.min_partition = ev->flag ? (int64_t)ev->n3 : -1;
  e->aqe_lines++;
  e->aqe_by_rule[SLG_AQE_RULE_COUNT]++;
  /* The target is below the advisory size only when the parallelism
   * (spark.sql.adaptive.coalescePartitions.minPartitionNum, or the
   * default parallelism) asked for more partitions than the advisory
   * size gives (ShufflePartitionsUtil.coalescePartitions). */
  if (d.actual < d.advisory) {
    if (e->coalesce_capped++ == 0)
      e->first_capped = d;
  }
  aqe_keep(e, &d);
}

static void on_rule(slg_engine *e, const slg_event *ev, const slg_pos *pos)
{
  slg_aqe_decision d;
  memset(&d, 0, sizeof d);
  d.pos = *pos;
  d.rule = ev->n < SLG_AQE_RULE_COUNT ? (int)ev->n : 0;
  d.advisory = d.actual = d.min_partition = -1;
  e->aqe_lines++;
  e->aqe_by_rule[d.rule]++;
  if (ev->n3 == 1) {
    e->skewed_partitions += ev->n2;
    e->skew_known = 1;
  } else if (ev->n3 == 2) {
    e->plan_changes++;
  }
  aqe_keep(e, &d);
}

/* The report read so far becomes a batch. */
static int report_done(slg_engine *e, slg_engine_batch *b)
{
  if (!e->ss_open)
    return 0;
  e->ss_open = 0;
  const slg_progress *p = &e->ss_cur;
  memset(b, 0, sizeof *b);
  b->kind = SLG_BATCH_STRUCTURED;
  b->pos = e->ss_cur_pos;
  b->id = p->have & SLG_PROGRESS_BATCH ? (int64_t)p->batch : -1;
  b->duration_ms = p->have & SLG_PROGRESS_TRIGGER ? (int64_t)p->trigger_ms
                                                   : -1;
  b->delay_ms = -1;
  b->rows = p->have & SLG_PROGRESS_ROWS ? (int64_t)p->rows : -1;
  b->interval_ms = e->ss_interval_ms ? (int64_t)e->ss_interval_ms : -1;
  if (p->have & SLG_PROGRESS_BATCH) {
    if (!e->ss_have_id || p->batch < e->ss_min_id)
      e->ss_min_id = p->batch;
    if (!e->ss_have_id || p->batch > e->ss_max_id)
      e->ss_max_id = p->batch;
    e->ss_have_id = 1;
  }
  if (p->have & SLG_PROGRESS_ROWS)
    e->ss_rows += p->rows;
  if ((p->have & SLG_PROGRESS_TRIGGER) &&
      (!e->ss_have_slowest || b->duration_ms > e->ss_slowest.duration_ms)) {
    e->ss_slowest = *b;
    e->ss_have_slowest = 1;
  }
  return 1;
}

static void on_query_start(slg_engine *e, slg_span id)
{
  char buf[SLG_ENGINE_ID_LEN];
  copy_cut(buf, sizeof buf, id);
  e->ss_runs++;
  for (size_t i = 0; i < e->ss_nids; i++)
    if (strcmp(e->ss_ids[i], buf) == 0)
      return;
  if (e->ss_nids < SLG_ENGINE_MAX_QUERIES)
    memcpy(e->ss_ids[e->ss_nids++], buf, sizeof buf);
  else
    e->ss_ids_other++;
}

/* "Total delay: X s for time T ms (execution: Y s)". The batch interval
 * is the smallest step between batch times seen (a batch with no job
 * logs no line, so steps can be multiples of it). */
static void on_dstream(slg_engine *e, const slg_event *ev, const slg_pos *pos,
                       slg_engine_batch *b)
{
  uint64_t t = ev->n, exec = ev->n2;
  uint64_t delay = ev->ms > 0 ? (uint64_t)ev->ms : 0;
  if (e->ds_batches == 0) {
    e->ds_first = *pos;
    e->ds_first_exec_ms = exec;
  } else if (t > e->ds_last_time) {
    uint64_t step = t - e->ds_last_time;
    if (e->ds_interval_ms == 0 || step < e->ds_interval_ms) {
      /* The first batch is judged once an interval is known. */
      if (e->ds_interval_ms == 0 && e->ds_first_exec_ms > step)
        e->ds_behind++;
      e->ds_interval_ms = step;
    }
  }
  if (e->ds_batches == 0 || t > e->ds_last_time)
    e->ds_last_time = t;
  if (e->ds_batches > 0 && e->ds_interval_ms && exec > e->ds_interval_ms)
    e->ds_behind++;
  e->ds_batches++;
  e->ds_last = *pos;
  if (delay > e->ds_max_delay_ms || e->ds_batches == 1) {
    e->ds_max_delay_ms = delay;
    e->ds_max_delay_pos = *pos;
  }
  if (exec > e->ds_max_exec_ms)
    e->ds_max_exec_ms = exec;
  memset(b, 0, sizeof *b);
  b->kind = SLG_BATCH_DSTREAM;
  b->pos = *pos;
  b->id = (int64_t)t;
  b->duration_ms = (int64_t)exec;
  b->delay_ms = (int64_t)delay;
  b->rows = -1;
  b->interval_ms = e->ds_interval_ms ? (int64_t)e->ds_interval_ms : -1;
}

int slg_engine_apply(slg_engine **ep, const slg_event *ev, const slg_pos *pos,
                     slg_engine_batch out[2], int *cont)
{
  slg_engine *e = engine_of(ep);
  *cont = 0;
  if (ev->kind == SLG_EV_AQE_TARGET) {
    on_target(e, ev, pos);
    return 0;
  }
  switch ((slg_engine_ev)ev->flag) {
  case SLG_ENGINE_AQE_RULE:
    on_rule(e, ev, pos);
    return 0;
  case SLG_ENGINE_PROGRESS: {
    /* A report left open ends here; this one is told when its JSON
     * completes, at once when the message held it whole. */
    int n = report_done(e, &out[0]);
    if (e->ss_reports++ == 0)
      e->ss_first = *pos;
    e->ss_last = *pos;
    e->ss_open = 1;
    e->ss_cur_pos = *pos;
    e->ss_cur.have = (unsigned)ev->index;
    e->ss_cur.batch = ev->n;
    e->ss_cur.rows = ev->n2;
    e->ss_cur.trigger_ms = ev->n3;
    if (ev->index & SLG_PROGRESS_TRIGGER)
      return n + report_done(e, &out[n]);
    *cont = 1;
    return n;
  }
  case SLG_ENGINE_BEHIND:
    if (e->ss_behind++ == 0)
      e->ss_behind_first = *pos;
    e->ss_behind_last = *pos;
    e->ss_interval_ms = ev->n;
    if (ev->n2 > e->ss_behind_max_ms)
      e->ss_behind_max_ms = ev->n2;
    return 0;
  case SLG_ENGINE_QUERY_START:
    on_query_start(e, ev->str);
    return 0;
  case SLG_ENGINE_DSTREAM:
    on_dstream(e, ev, pos, &out[0]);
    return 1;
  case SLG_ENGINE_PYTHON:
    if (e->py_count++ == 0)
      e->py_first = *pos;
    e->py_last = *pos;
    e->py_total_ms += (int64_t)ev->n;
    e->py_boot_ms += (int64_t)ev->n2;
    e->py_init_ms += (int64_t)ev->n3;
    e->py_finish_ms += (int64_t)ev->stage;
    return 0;
  }
  return 0;
}

int slg_engine_continuation(slg_engine *e, slg_span line,
                            slg_engine_batch *batch)
{
  if (e == NULL || !e->ss_open)
    return 0;
  if (slg_progress_scan(line, &e->ss_cur))
    return report_done(e, batch);
  return 0;
}

int slg_engine_close(slg_engine *e, slg_engine_batch *batch)
{
  return e != NULL ? report_done(e, batch) : 0;
}
