/*
 * budget.c - the time budget's sweep (budget.h).
 *
 * Each event first moves the clock (the time since the previous event
 * goes to the category of the state in between), then changes the state.
 * Lists are bounded: the top SLG_BUDGET_TOP entries and a count.
 */
#include "budget.h"

#include <stdlib.h>
#include <string.h>

void slg_budget_init(slg_budget *b)
{
  memset(b, 0, sizeof *b);
  b->last_ms = -1;
  b->first_job_ms = -1;
  b->last_end_ms = -1;
}

static void gap_free(slg_budget_gap *g)
{
  free(g->before_text);
  free(g->after_text);
  g->before_text = g->after_text = NULL;
}

static void list_free(slg_budget_list *l)
{
  for (size_t i = 0; i < l->n; i++)
    gap_free(&l->top[i]);
  l->n = 0;
  l->count = 0;
}

void slg_budget_dispose(slg_budget *b)
{
  list_free(&b->gaps);
  list_free(&b->gaps_tent);
  list_free(&b->periods);
  list_free(&b->periods_tent);
  gap_free(&b->straddle);
}

char *slg_budget_text(slg_span line)
{
  const char *p = line.ptr;
  size_t n = line.len;
  /* A line with progress bars glued by \r: its last segment. */
  for (size_t i = n; i > 0; i--)
    if (p[i - 1] == '\r' && i < n) {
      p += i;
      n -= i;
      break;
    }
  while (n > 0 && (p[0] == ' ' || p[0] == '\t'))
    p++, n--;
  while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
                   p[n - 1] == '\r' || p[n - 1] == '\n'))
    n--;
  /* Cut at a character, not inside a UTF-8 sequence. */
  size_t keep = n, chars = 0, cut = 0;
  for (size_t i = 0; i < n; i++) {
    if (((unsigned char)p[i] & 0xC0) == 0x80)
      continue;
    if (chars == SLG_BUDGET_TEXT) {
      keep = i;
      cut = 1;
      break;
    }
    chars++;
  }
  char *out = slg_xmalloc(keep + 4);
  for (size_t i = 0; i < keep; i++)
    out[i] = p[i] == '\t' ? ' ' : p[i];
  if (cut)
    memcpy(out + keep, "...", 3);
  out[keep + (cut ? 3 : 0)] = '\0';
  return out;
}

/* Longest first; of equal ones the earlier line. */
static int before(const slg_budget_gap *a, const slg_budget_gap *b)
{
  if (a->ms != b->ms)
    return a->ms > b->ms;
  if (a->before.file != b->before.file)
    return a->before.file < b->before.file;
  return a->before.line < b->before.line;
}

/* Takes *g (and its texts) into l when it ranks; frees them otherwise. */
static void list_put(slg_budget_list *l, slg_budget_gap *g)
{
  size_t i = l->n;
  if (i == SLG_BUDGET_TOP) {
    if (!before(g, &l->top[i - 1])) {
      gap_free(g);
      return;
    }
    gap_free(&l->top[--i]);
  } else {
    l->n++;
  }
  while (i > 0 && before(g, &l->top[i - 1])) {
    l->top[i] = l->top[i - 1];
    i--;
  }
  l->top[i] = *g;
  memset(g, 0, sizeof *g);
}

static void list_add(slg_budget_list *l, slg_budget_gap *g)
{
  l->count++;
  list_put(l, g);
}

/* Moves `from` into `to`. */
static void list_merge(slg_budget_list *to, slg_budget_list *from)
{
  to->count += from->count;
  for (size_t i = 0; i < from->n; i++)
    list_put(to, &from->top[i]);
  from->n = 0;
  from->count = 0;
}

static int category(const slg_budget *b)
{
  if (b->running)
    return SLG_BUDGET_RUNNING;
  if (b->pending)
    return SLG_BUDGET_PENDING;
  return b->jobs_open + b->map_jobs_open ? SLG_BUDGET_JOB_NO_TASK
                                         : SLG_BUDGET_NO_JOB;
}

static void advance(slg_budget *b, int64_t ms)
{
  if (ms < 0)
    return;
  if (b->last_ms >= 0 && ms > b->last_ms) {
    int64_t d = ms - b->last_ms;
    if (!b->middle)
      b->startup_ms += d;
    else
      b->tent[category(b)] += d;
  }
  if (ms > b->last_ms)
    b->last_ms = ms;
}

static int driver_only(const slg_budget *b)
{
  return b->middle && !b->running && !b->pending;
}

static void period_close(slg_budget *b, int64_t ms, const slg_pos *pos)
{
  b->in_period = 0;
  if (ms - b->period_ms < SLG_BUDGET_GAP_MS)
    return;
  slg_budget_gap g = {0};
  g.ms = ms - b->period_ms;
  g.start_ms = b->period_ms;
  g.before = b->period_from;
  g.after = *pos;
  g.job_open = b->period_job;
  list_add(&b->periods_tent, &g);
}

/* After a change of state at `ms`: a driver-only interval begins or
 * ends. */
static void changed(slg_budget *b, int64_t ms, const slg_pos *pos)
{
  if (ms < 0)
    return;
  int drv = driver_only(b);
  if (drv && !b->in_period) {
    b->in_period = 1;
    b->period_ms = ms;
    b->period_from = *pos;
    b->period_job = b->jobs_open + b->map_jobs_open > 0;
  } else if (!drv && b->in_period) {
    period_close(b, ms, pos);
  } else if (drv && ms == b->period_ms) {
    /* Lines of the same moment: the period begins after the last of
     * them (a run of task lines is told at its last: task_runs.h). */
    b->period_from = *pos;
    b->period_job = b->jobs_open + b->map_jobs_open > 0;
  }
}

/* The time so far belongs to the middle. */
static void commit(slg_budget *b)
{
  for (int i = 0; i < SLG_BUDGET_PARTS; i++) {
    b->part[i] += b->tent[i];
    b->tent[i] = 0;
  }
  list_merge(&b->gaps, &b->gaps_tent);
  list_merge(&b->periods, &b->periods_tent);
}

void slg_budget_job_start(slg_budget *b, int64_t ms, const slg_pos *pos,
                          int map)
{
  advance(b, ms);
  if (!b->middle && !map) {
    b->middle = 1;
    b->first_job = *pos;
    b->first_job_ms = ms;
  }
  if (map)
    b->map_jobs_open++;
  else
    b->jobs_open++;
  changed(b, ms, pos);
}

void slg_budget_job_end(slg_budget *b, int64_t ms, const slg_pos *pos,
                        int map)
{
  advance(b, ms);
  if (map) {
    if (b->map_jobs_open)
      b->map_jobs_open--;
    changed(b, ms, pos);
    return;
  }
  if (b->jobs_open)
    b->jobs_open--;
  if (!b->middle)
    return;
  commit(b);
  b->last_end = *pos;
  b->last_end_ms = ms;
  gap_free(&b->straddle);
  memset(&b->straddle, 0, sizeof b->straddle);
  if (b->in_period) {
    b->straddle.ms = ms - b->period_ms;
    b->straddle.start_ms = b->period_ms;
    b->straddle.before = b->period_from;
    b->straddle.after = *pos;
    b->straddle.job_open = b->period_job;
  }
  changed(b, ms, pos);
}

void slg_budget_taskset(slg_budget *b, int64_t ms, const slg_pos *pos,
                        uint64_t stage, uint64_t attempt, uint64_t tasks)
{
  advance(b, ms);
  b->pending++;
  if (b->nopen_sets < SLG_BUDGET_OPEN_SETS) {
    slg_budget_open_set *s = &b->open_sets[b->nopen_sets++];
    s->stage = stage;
    s->attempt = attempt;
    s->tasks = tasks;
    s->ms = ms;
    s->pos = *pos;
  }
  changed(b, ms, pos);
}

static void first_task(slg_budget *b, int64_t ms, const slg_pos *pos,
                       uint64_t stage, uint64_t attempt)
{
  if (b->pending)
    b->pending--;
  for (size_t i = 0; i < b->nopen_sets; i++) {
    slg_budget_open_set *s = &b->open_sets[i];
    if (s->stage != stage || s->attempt != attempt)
      continue;
    int64_t wait = ms - s->ms;
    if (wait >= SLG_BUDGET_GAP_MS && s->ms >= 0 && ms >= 0) {
      b->waits_count++;
      size_t k = b->nwaits;
      if (k == SLG_BUDGET_TOP && b->waits[k - 1].ms >= wait)
        k = SIZE_MAX;
      if (k != SIZE_MAX) {
        if (k == SLG_BUDGET_TOP)
          k--;
        else
          b->nwaits++;
        while (k > 0 && b->waits[k - 1].ms < wait) {
          b->waits[k] = b->waits[k - 1];
          k--;
        }
        slg_budget_wait *w = &b->waits[k];
        w->ms = wait;
        w->stage = stage;
        w->attempt = attempt;
        w->tasks = s->tasks;
        w->added = s->pos;
        w->first_task = *pos;
      }
    }
    b->open_sets[i] = b->open_sets[--b->nopen_sets];
    break;
  }
}

void slg_budget_tasks(slg_budget *b, int64_t first_ms, int64_t last_ms,
                      const slg_pos *rise, const slg_pos *last, int now,
                      int first_start, uint64_t stage, uint64_t attempt)
{
  advance(b, first_ms);
  if (rise != NULL) {
    /* Lines before the rise left none running: they share its time
     * (task_runs.h), so it is first_ms. */
    if (first_start)
      first_task(b, first_ms, rise, stage, attempt);
    b->running = 1;
    changed(b, first_ms, rise);
    advance(b, last_ms);
  }
  b->running = now;
  changed(b, last_ms >= 0 ? last_ms : first_ms, last);
}

/* "Streaming query has been idle and waiting for new data". */
static int says_idle(slg_span t)
{
  static const char idle[] = "Streaming query has been idle and waiting";
  size_t k = sizeof idle - 1;
  for (size_t i = 0; t.ptr && i + k <= t.len; i++)
    if (t.ptr[i] == 'S' && memcmp(t.ptr + i, idle, k) == 0)
      return 1;
  return 0;
}

void slg_budget_silence(slg_budget *b, int64_t silence_ms,
                        const slg_pos *before_pos, slg_span before_text,
                        const slg_pos *after_pos, slg_span after_text)
{
  if (!driver_only(b) || silence_ms < SLG_BUDGET_GAP_MS)
    return;
  slg_budget_gap g = {0};
  g.ms = g.silence_ms = silence_ms;
  g.start_ms = b->last_ms;
  g.before = *before_pos;
  g.after = *after_pos;
  g.job_open = b->jobs_open + b->map_jobs_open > 0;
  g.streaming_idle = says_idle(before_text) || says_idle(after_text);
  g.before_text = before_text.ptr ? slg_budget_text(before_text) : NULL;
  g.after_text = after_text.ptr ? slg_budget_text(after_text) : NULL;
  list_add(&b->gaps_tent, &g);
}

void slg_budget_finish(slg_budget *b, int64_t end_ms, const slg_pos *end)
{
  if (b->finished)
    return;
  b->finished = 1;
  advance(b, end_ms);
  if (!b->middle)
    return;
  if (b->jobs_open > 0) {
    /* A job left open runs to the end: so does the middle. */
    b->open_at_end = 1;
    if (b->in_period)
      period_close(b, b->last_ms, end);
    commit(b);
    return;
  }
  /* Shutdown: what came after the last job end is not the middle's. */
  for (int i = 0; i < SLG_BUDGET_PARTS; i++)
    b->tent[i] = 0;
  list_free(&b->gaps_tent);
  list_free(&b->periods_tent);
  if (b->straddle.ms >= SLG_BUDGET_GAP_MS)
    list_add(&b->periods, &b->straddle);
  gap_free(&b->straddle);
  b->in_period = 0;
}
