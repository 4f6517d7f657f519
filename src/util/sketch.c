/*
 * sketch.c - fixed log-bucket duration sketch (see sketch.h for the error
 * bound). Fixed boundaries make the bucket counts a function of the
 * multiset of values, so merging is order-independent; the bucket array
 * spans only the range of buckets seen, growing at either end.
 */
#define _POSIX_C_SOURCE 200809L
#include "sketch.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

void slg_sketch_init(slg_sketch *s)
{
  memset(s, 0, sizeof(*s));
}

void slg_sketch_dispose(slg_sketch *s)
{
  free(s->counts);
  memset(s, 0, sizeof(*s));
}

static int32_t bucket_by_log(uint64_t v)
{
  /* Bucket i holds (gamma^(i-1), gamma^i]; v >= 1 gives i >= 0. */
  double i = ceil(log((double)v) / log(SLG_SKETCH_GAMMA));
  return (int32_t)i;
}

/* Task durations are mostly below SMALL ms: their buckets come from a
 * table made with the same formula once, not from a log() per task. */
#define SMALL 16384
static int16_t small_buckets[SMALL];
static pthread_once_t small_once = PTHREAD_ONCE_INIT;

static void fill_small(void)
{
  for (uint64_t v = 1; v < SMALL; v++)
    small_buckets[v] = (int16_t)bucket_by_log(v);
}

/* The caller made sure the table is filled (slg_sketch_add: at a
 * sketch's first positive value, not per value, which would cost a
 * pthread_once per add). */
static int32_t bucket_of(uint64_t v)
{
  if (v < SMALL)
    return small_buckets[v];
  return bucket_by_log(v);
}

static double bucket_value(int32_t i)
{
  return 2.0 * pow(SLG_SKETCH_GAMMA, (double)i) / (SLG_SKETCH_GAMMA + 1.0);
}

/* Makes bucket i addressable, growing the window on either side. */
static void cover(slg_sketch *s, int32_t i)
{
  if (s->counts == NULL) {
    s->counts = slg_xcalloc(16, sizeof(uint64_t));
    s->lo = i;
    s->nbuckets = 16;
    return;
  }
  if (i >= s->lo && i < s->lo + (int32_t)s->nbuckets)
    return;
  int32_t lo = i < s->lo ? i : s->lo;
  int32_t hi = i >= s->lo + (int32_t)s->nbuckets
                   ? i + 1
                   : s->lo + (int32_t)s->nbuckets;
  uint32_t want = (uint32_t)(hi - lo);
  uint32_t n = s->nbuckets;
  while (n < want)
    n *= 2;
  if (i < s->lo)
    lo = hi - (int32_t)n; /* leave room below for further growth */
  uint64_t *c = slg_xcalloc(n, sizeof(uint64_t));
  memcpy(c + (s->lo - lo), s->counts, s->nbuckets * sizeof(uint64_t));
  free(s->counts);
  s->counts = c;
  s->lo = lo;
  s->nbuckets = n;
}

static void add_n(slg_sketch *s, int32_t i, uint64_t n)
{
  /* Most values land inside the window already. */
  if (s->counts == NULL || i < s->lo || i >= s->lo + (int32_t)s->nbuckets)
    cover(s, i);
  s->counts[i - s->lo] += n;
}

void slg_sketch_add(slg_sketch *s, uint64_t v)
{
  if (s->count == 0 || v < s->min)
    s->min = v;
  if (s->count == 0 || v > s->max)
    s->max = v;
  s->count++;
  s->sum = (UINT64_MAX - s->sum < v) ? UINT64_MAX : s->sum + v;
  if (v == 0) {
    s->zeros++;
    return;
  }
  /* A sketch has buckets only after a positive value was added to it or
   * to one merged into it, which passed here: the table is filled, and
   * visible to whoever holds the sketch now (it was handed over). */
  if (s->counts == NULL)
    pthread_once(&small_once, fill_small);
  add_n(s, bucket_of(v), 1);
}

void slg_sketch_trim(slg_sketch *s)
{
  if (s->counts == NULL)
    return;
  uint32_t first = 0, last = s->nbuckets;
  while (first < s->nbuckets && s->counts[first] == 0)
    first++;
  while (last > first && s->counts[last - 1] == 0)
    last--;
  if (first == 0 && last == s->nbuckets)
    return;
  uint32_t n = last > first ? last - first : 1;
  uint64_t *c = slg_xmalloc(n * sizeof(uint64_t));
  memcpy(c, s->counts + first, n * sizeof(uint64_t));
  free(s->counts);
  s->counts = c;
  s->lo += (int32_t)first;
  s->nbuckets = n;
}

void slg_sketch_merge(slg_sketch *into, const slg_sketch *from)
{
  if (from->count == 0)
    return;
  if (into->count == 0 || from->min < into->min)
    into->min = from->min;
  if (into->count == 0 || from->max > into->max)
    into->max = from->max;
  into->count += from->count;
  into->zeros += from->zeros;
  into->sum = (UINT64_MAX - into->sum < from->sum) ? UINT64_MAX
                                                   : into->sum + from->sum;
  for (uint32_t k = 0; k < from->nbuckets; k++)
    if (from->counts[k] != 0)
      add_n(into, from->lo + (int32_t)k, from->counts[k]);
}

/* Advances bucket k (with seen, the values below it) to the first bucket
 * whose values reach past `rank`, or to nbuckets. Four buckets per step
 * while they stay below: a quantile walks a few hundred buckets, and each
 * stage asks for several. */
static void walk_to(const slg_sketch *s, uint32_t *k, uint64_t *seen,
                    uint64_t rank)
{
  uint32_t i = *k;
  uint64_t sum = *seen;
  const uint64_t *c = s->counts;
  while (i + 4 <= s->nbuckets) {
    uint64_t four = c[i] + c[i + 1] + c[i + 2] + c[i + 3];
    if (sum + four > rank)
      break;
    sum += four;
    i += 4;
  }
  while (i < s->nbuckets && sum + c[i] <= rank)
    sum += c[i++];
  *k = i;
  *seen = sum;
}

double slg_sketch_quantile(const slg_sketch *s, double q)
{
  double v;
  slg_sketch_quantiles(s, &q, &v, 1);
  return v;
}

void slg_sketch_quantiles(const slg_sketch *s, const double *q, double *out,
                          size_t n)
{
  if (s->count == 0) {
    for (size_t i = 0; i < n; i++)
      out[i] = -1;
    return;
  }
  uint64_t seen = s->zeros;
  uint32_t k = 0;
  for (size_t i = 0; i < n; i++) {
    double qi = q[i] < 0 ? 0 : q[i] > 1 ? 1 : q[i];
    uint64_t rank = (uint64_t)(qi * (double)(s->count - 1));
    double v;
    if (rank < s->zeros) {
      v = 0;
    } else {
      /* One walk for all: the ranks ascend, so the bucket of the next
       * is at or after this one's. */
      walk_to(s, &k, &seen, rank);
      v = k < s->nbuckets ? bucket_value(s->lo + (int32_t)k) : (double)s->max;
    }
    if (v < (double)s->min)
      v = (double)s->min;
    if (v > (double)s->max)
      v = (double)s->max;
    out[i] = v;
  }
}

double slg_sketch_mean(const slg_sketch *s)
{
  if (s->count == 0)
    return -1;
  return (double)s->sum / (double)s->count;
}
