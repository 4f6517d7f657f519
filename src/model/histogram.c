/*
 * histogram.c - per-logger record counts with bounded memory.
 *
 * One hash lookup per record: the canonical short name is hashed (FNV-1a;
 * names are short) into an open-addressing table of logger indexes. Past
 * max_loggers distinct names, records go to the "other" bucket; its
 * distinct names are counted exactly through a set of 64-bit name hashes
 * of at most SLG_OTHER_EXACT entries, after which the figure is a lower
 * bound (other_distinct_exact = 0), so a log of a million random logger
 * names costs a few MiB, not a million strings.
 */
#include "histogram.h"

#include "fastpath.h"

#include <stdlib.h>

#define SLG_OTHER_EXACT (1u << 18)

static uint64_t hash_name(const char *p, size_t n)
{
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)p[i];
    h *= 1099511628211ULL;
  }
  return h;
}

void slg_histogram_init(slg_histogram *h, size_t max_loggers, int reference)
{
  memset(h, 0, sizeof *h);
  h->reference = reference;
  h->max_loggers = max_loggers ? max_loggers : 1;
  h->nslots = 64;
  while (h->nslots < h->max_loggers * 2)
    h->nslots *= 2;
  h->slots = slg_xcalloc(h->nslots, sizeof *h->slots);
  h->loggers = NULL;
  h->other_distinct_exact = 1;
}

void slg_histogram_dispose(slg_histogram *h)
{
  for (size_t i = 0; i < h->count; i++) {
    free(h->loggers[i].name);
    free(h->loggers[i].full_name);
  }
  free(h->loggers);
  free(h->slots);
  free(h->other_set);
  memset(h, 0, sizeof *h);
}

void slg_histogram_reset(slg_histogram *h)
{
  /* Each logger's slot cleared where its probe finds it (it stops only
   * at its own index, so the order of clearing does not matter): a
   * fresh table costs more than a small file's parse. */
  size_t mask = h->nslots - 1;
  if (h->count > h->nslots / 8) {
    memset(h->slots, 0, h->nslots * sizeof *h->slots);
  } else {
    for (size_t i = 0; i < h->count; i++) {
      const slg_logger_stats *c = &h->loggers[i];
      size_t j = (size_t)hash_name(c->name, c->name_len) & mask;
      while (h->slots[j] != i + 1)
        j = (j + 1) & mask;
      h->slots[j] = 0;
    }
  }
  for (size_t i = 0; i < h->count; i++) {
    free(h->loggers[i].name);
    free(h->loggers[i].full_name);
  }
  free(h->other_set);
  h->other_set = NULL;
  h->other_set_n = h->other_set_cap = 0;
  h->count = 0;
  h->other_count = h->other_distinct = 0;
  h->other_distinct_exact = 1;
  h->seq = 0;
  h->last_idx = h->prev_idx = 0;
}

/* A full name is worth keeping when it has a package and no abbreviated
 * segment ("o.a.spark.scheduler.X" is %c{1.} output, not the name). */
static int is_full_name(slg_span logger, slg_span short_name)
{
  if (logger.len <= short_name.len)
    return 0;
  size_t seg = 0;
  for (size_t i = 0; i < logger.len; i++) {
    char c = logger.ptr[i];
    if (c == '.') {
      if (seg < 2)
        return 0;
      seg = 0;
    } else if (slg_is_alnum((unsigned char)c) || c == '_' || c == '$') {
      seg++;
    } else {
      return 0; /* braces, brackets: not a plain class name */
    }
  }
  return 1;
}

static void other_add(slg_histogram *h, uint64_t hv)
{
  h->other_count++;
  if (!h->other_distinct_exact)
    return;
  if (hv == 0)
    hv = 1; /* 0 marks an empty slot */
  if (h->other_set_n * 2 >= h->other_set_cap) {
    if (h->other_set_n >= SLG_OTHER_EXACT) {
      /* Stop tracking: the count stays a lower bound. */
      h->other_distinct_exact = 0;
      return;
    }
    size_t cap = h->other_set_cap ? h->other_set_cap * 2 : 1024;
    uint64_t *set = slg_xcalloc(cap, sizeof *set);
    for (size_t i = 0; i < h->other_set_cap; i++) {
      uint64_t v = h->other_set[i];
      if (!v)
        continue;
      size_t j = (size_t)v & (cap - 1);
      while (set[j])
        j = (j + 1) & (cap - 1);
      set[j] = v;
    }
    free(h->other_set);
    h->other_set = set;
    h->other_set_cap = cap;
  }
  size_t j = (size_t)hv & (h->other_set_cap - 1);
  while (h->other_set[j]) {
    if (h->other_set[j] == hv)
      return;
    j = (j + 1) & (h->other_set_cap - 1);
  }
  h->other_set[j] = hv;
  h->other_set_n++;
  h->other_distinct++;
}

/* Makes logger idx (+ 1) the most recent one. */
static void touch(slg_histogram *h, size_t idx)
{
  if (idx != h->last_idx) {
    h->prev_idx = h->last_idx;
    h->last_idx = idx;
  }
}

/* The logger named `short_name`, or NULL; *slot is where a new one goes.
 * Consecutive records mostly share their logger ("Starting task" and
 * "Finished task" lines of TaskSetManager come in long runs, with
 * BlockManagerInfo's "Added rdd_1_3 in memory" lines between them), so the
 * two most recent loggers are tried before hashing. */
static slg_logger_stats *find(slg_histogram *h, slg_span short_name,
                              uint64_t *hv, size_t *slot)
{
  if (h->last_idx && !h->reference) {
    slg_logger_stats *c = &h->loggers[h->last_idx - 1];
    if (c->name_len == short_name.len &&
        slg_mem_eq(c->name, short_name.ptr, short_name.len)) {
      SLG_FASTPATH_HIT(HIST_RECENT);
      return c;
    }
  }
  if (h->prev_idx && !h->reference) {
    slg_logger_stats *c = &h->loggers[h->prev_idx - 1];
    if (c->name_len == short_name.len &&
        slg_mem_eq(c->name, short_name.ptr, short_name.len)) {
      SLG_FASTPATH_HIT(HIST_RECENT);
      touch(h, h->prev_idx);
      return c;
    }
  }
  *hv = hash_name(short_name.ptr, short_name.len);
  size_t mask = h->nslots - 1, j = (size_t)*hv & mask;
  uint32_t idx;
  while ((idx = h->slots[j]) != 0) {
    slg_logger_stats *c = &h->loggers[idx - 1];
    if (c->name_len == short_name.len &&
        slg_mem_eq(c->name, short_name.ptr, short_name.len)) {
      touch(h, idx);
      return c;
    }
    j = (j + 1) & mask;
  }
  *slot = j;
  return NULL;
}

long slg_histogram_add(slg_histogram *h, slg_span logger, slg_span short_name,
                       slg_level level, const slg_time *time)
{
  return slg_histogram_add_ms(h, logger, short_name, level, time,
                              slg_time_ms(time));
}

long slg_histogram_add_ms(slg_histogram *h, slg_span logger,
                          slg_span short_name, slg_level level,
                          const slg_time *time, int64_t ms)
{
  uint64_t hv = 0;
  size_t j = 0;
  slg_logger_stats *s = find(h, short_name, &hv, &j);
  if (!s) {
    if (h->count >= h->max_loggers) {
      other_add(h, hv);
      return -1;
    }
    if (h->count == h->loggers_cap) {
      h->loggers_cap = h->loggers_cap ? h->loggers_cap * 2 : 16;
      h->loggers =
          slg_xrealloc(h->loggers, h->loggers_cap * sizeof *h->loggers);
    }
    s = &h->loggers[h->count];
    memset(s, 0, sizeof *s);
    s->name = slg_xstrndup(short_name.ptr, short_name.len);
    s->name_len = short_name.len;
    s->first_seq = h->seq;
    h->slots[j] = (uint32_t)(++h->count);
    touch(h, h->count);
  }
  slg_histogram_count(h, s, level, time, ms);
  if (logger.len > s->full_name_len && logger.len > short_name.len &&
      is_full_name(logger, short_name)) {
    free(s->full_name);
    s->full_name = slg_xstrndup(logger.ptr, logger.len);
    s->full_name_len = logger.len;
  }
  return (long)(s - h->loggers);
}

static const slg_histogram *sort_ctx;

static int by_count(const void *a, const void *b)
{
  const slg_logger_stats *x = &sort_ctx->loggers[*(const size_t *)a];
  const slg_logger_stats *y = &sort_ctx->loggers[*(const size_t *)b];
  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  return strcmp(x->name, y->name);
}

size_t *slg_histogram_sorted(const slg_histogram *h)
{
  size_t *idx = slg_xmalloc((h->count ? h->count : 1) * sizeof *idx);
  for (size_t i = 0; i < h->count; i++)
    idx[i] = i;
  /* qsort has no context argument in C11; the histogram is not shared
   * between threads while a report is rendered. */
  sort_ctx = h;
  qsort(idx, h->count, sizeof *idx, by_count);
  sort_ctx = NULL;
  return idx;
}

/* ---------------------------------------------------------- merging */

int slg_histogram_can_merge(const slg_histogram *into,
                            const slg_histogram *from)
{
  /* Records that went to "other" in `from` may belong to loggers `into`
   * counts exactly, and the stream order (seq) only adds up when both
   * count the same records. */
  if (from->other_count)
    return 0;
  size_t fresh = 0;
  for (size_t i = 0; i < from->count; i++) {
    const slg_logger_stats *s = &from->loggers[i];
    uint64_t hv;
    size_t slot;
    if (!find((slg_histogram *)into, slg_span_make(s->name, s->name_len),
              &hv, &slot))
      fresh++;
  }
  return into->count + fresh <= into->max_loggers;
}

void slg_histogram_merge(slg_histogram *into, const slg_histogram *from)
{
  for (size_t i = 0; i < from->count; i++) {
    const slg_logger_stats *s = &from->loggers[i];
    uint64_t hv = 0;
    size_t j = 0;
    slg_logger_stats *d =
        find(into, slg_span_make(s->name, s->name_len), &hv, &j);
    if (!d) {
      if (into->count == into->loggers_cap) {
        into->loggers_cap = into->loggers_cap ? into->loggers_cap * 2 : 16;
        into->loggers = slg_xrealloc(into->loggers,
                                     into->loggers_cap * sizeof *into->loggers);
      }
      d = &into->loggers[into->count];
      memset(d, 0, sizeof *d);
      d->name = slg_xstrndup(s->name, s->name_len);
      d->name_len = s->name_len;
      d->first_seq = into->seq + s->first_seq;
      into->slots[j] = (uint32_t)(++into->count);
      into->last_idx = into->count;
    }
    d->count += s->count;
    for (int k = 0; k <= SLG_LEVEL_COUNT; k++)
      d->levels[k] += s->levels[k];
    d->last_seq = into->seq + s->last_seq;
    if (s->first.flags && (!d->first.flags || s->first_ms < d->first_ms)) {
      d->first = s->first;
      d->first_ms = s->first_ms;
    }
    if (s->last.flags && (!d->last.flags || s->last_ms >= d->last_ms)) {
      d->last = s->last;
      d->last_ms = s->last_ms;
    }
    if (s->full_name_len > d->full_name_len) {
      free(d->full_name);
      d->full_name = slg_xstrndup(s->full_name, s->full_name_len);
      d->full_name_len = s->full_name_len;
    }
  }
  into->seq += from->seq;
}
