/*
 * sketch.c - exact values up to a cut-off, then a fixed log-bucket
 * duration sketch (see sketch.h for the error bound). Fixed boundaries
 * make the bucket counts a function of the multiset of values, so merging
 * is order-independent; the bucket array spans only the range of buckets
 * seen, growing at either end. Most stages have few tasks: their values
 * cost no more than the smallest bucket window and give exact answers.
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
  free(s->exact);
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

/* The n = count - zeros positive values, in no order, into out. */
static void exact_copy(const slg_sketch *s, uint64_t *out)
{
  uint64_t n = s->count - s->zeros;
  if (n == 0) {
    return; /* s->exact may be NULL: memcpy wants a valid pointer */
  } else if (!s->implied) {
    memcpy(out, s->exact, (size_t)n * sizeof(uint64_t));
  } else if (n == 1) {
    out[0] = s->max;
  } else {
    out[0] = s->min;
    out[1] = s->max;
  }
}

/* Undoes slg_sketch_compact before the values change. */
static SLG_NOINLINE void expand(slg_sketch *s)
{
  uint64_t v[2];
  exact_copy(s, v);
  s->exact_cap = 8;
  s->exact = slg_xmalloc(s->exact_cap * sizeof(uint64_t));
  memcpy(s->exact, v, (size_t)(s->count - s->zeros) * sizeof(uint64_t));
  s->implied = 0;
}

/* Packed buckets: the window from the first to the last bucket in use,
 * each count in is_packed bytes (1 or 2) instead of 8. A stage's counts
 * are mostly small; a count that needs more keeps the window as it is. */
static uint64_t packed_at(const slg_sketch *s, uint32_t k)
{
  return s->is_packed == 1 ? s->packed[k]
                           : ((const uint16_t *)(void *)s->packed)[k];
}

/* Replaces the bucket window by its packed form when the counts fit. */
static void pack(slg_sketch *s)
{
  uint32_t first = 0, last = s->nbuckets;
  uint64_t most = 0;
  while (first < s->nbuckets && s->counts[first] == 0)
    first++;
  while (last > first && s->counts[last - 1] == 0)
    last--;
  for (uint32_t k = first; k < last; k++)
    most = s->counts[k] > most ? s->counts[k] : most;
  if (first == last || most > UINT16_MAX)
    return; /* none in use is not reached past the cut-off */
  uint32_t n = last - first;
  void *out;
  if (most <= UINT8_MAX) {
    uint8_t *c = slg_xmalloc(n);
    for (uint32_t k = 0; k < n; k++)
      c[k] = (uint8_t)s->counts[first + k];
    out = c;
    s->is_packed = 1;
  } else {
    uint16_t *c = slg_xmalloc(n * sizeof(uint16_t));
    for (uint32_t k = 0; k < n; k++)
      c[k] = (uint16_t)s->counts[first + k];
    out = c;
    s->is_packed = 2;
  }
  free(s->counts);
  s->packed = out;
  s->lo += (int32_t)first;
  s->nbuckets = n;
}

/* Undoes pack before the buckets change (a late task of a finished
 * stage: out of line, off the path of every add). */
static SLG_NOINLINE void unpack(slg_sketch *s)
{
  uint64_t *c = slg_xmalloc(s->nbuckets * sizeof(uint64_t));
  for (uint32_t k = 0; k < s->nbuckets; k++)
    c[k] = packed_at(s, k);
  free(s->packed);
  s->counts = c;
  s->is_packed = 0;
}

/* Moves the exact values into buckets: past the cut-off, for memory. */
static void to_buckets(slg_sketch *s, uint64_t n)
{
  /* Buckets exist only after this ran, in the thread that holds the
   * sketch: the table is filled and visible to whoever holds it later
   * (it was handed over). */
  pthread_once(&small_once, fill_small);
  if (n > 0) {
    /* One window over every kept value, its slack split on both sides,
     * not a window doubled from 16 as they come: each doubling is an
     * allocation, a copy and a free, for every stage past the cut-off. */
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (uint64_t i = 0; i < n; i++) {
      int32_t b = bucket_of(s->exact[i]);
      lo = b < lo ? b : lo;
      hi = b > hi ? b : hi;
    }
    uint32_t want = (uint32_t)(hi - lo) + 1, w = 16;
    while (w < want)
      w *= 2;
    s->counts = slg_xcalloc(w, sizeof(uint64_t));
    s->lo = lo - (int32_t)((w - want) / 2);
    s->nbuckets = w;
  }
  for (uint64_t i = 0; i < n; i++)
    add_n(s, bucket_of(s->exact[i]), 1);
  free(s->exact);
  s->exact = NULL;
  s->exact_cap = 0;
}

/* Keeps positive v exactly, or, past the cut-off, moves to buckets. The
 * caller counted v already. */
static void add_exact(slg_sketch *s, uint64_t v)
{
  uint64_t n = s->count - s->zeros - 1; /* kept before v */
  if (n == SLG_SKETCH_EXACT) {
    to_buckets(s, n);
    add_n(s, bucket_of(v), 1);
    return;
  }
  if (n == s->exact_cap) {
    s->exact_cap = s->exact_cap ? s->exact_cap * 2 : 8;
    s->exact = slg_xrealloc(s->exact, s->exact_cap * sizeof(uint64_t));
  }
  s->exact[n] = v;
}

void slg_sketch_add(slg_sketch *s, uint64_t v)
{
  if ((s->implied | s->is_packed) != 0) { /* one test on the hot path */
    if (s->implied)
      expand(s);
    else
      unpack(s);
  }
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
  if (s->counts == NULL) {
    add_exact(s, v);
    return;
  }
  add_n(s, bucket_of(v), 1);
}

void slg_sketch_trim(slg_sketch *s)
{
  if (s->implied || s->is_packed)
    return;
  if (s->counts == NULL) {
    uint64_t n = s->count - s->zeros;
    if (n > 0 && n < s->exact_cap) {
      s->exact = slg_xrealloc(s->exact, n * sizeof(uint64_t));
      s->exact_cap = (uint32_t)n;
    }
    return;
  }
  uint32_t first = 0, last = s->nbuckets;
  while (first < s->nbuckets && s->counts[first] == 0)
    first++;
  while (last > first && s->counts[last - 1] == 0)
    last--;
  if (first == 0 && last == s->nbuckets)
    return;
  uint32_t n = last > first ? last - first : 1;
  /* Shrunk in place: no new block, no copy elsewhere. */
  memmove(s->counts, s->counts + first, n * sizeof(uint64_t));
  s->counts = slg_xrealloc(s->counts, n * sizeof(uint64_t));
  s->lo += (int32_t)first;
  s->nbuckets = n;
}

void slg_sketch_compact(slg_sketch *s)
{
  if (s->is_packed)
    return;
  if (s->counts != NULL) {
    pack(s);
    if (s->is_packed)
      return;
  }
  slg_sketch_trim(s);
  uint64_t n = s->count - s->zeros;
  if (s->counts != NULL || s->implied || n == 0 || n > 2 ||
      (n == 2 && s->zeros > 0))
    return;
  /* One positive value is the max; two with no zero, the min and max. */
  free(s->exact);
  s->exact = NULL;
  s->exact_cap = 0;
  s->implied = 1;
}

void slg_sketch_merge(slg_sketch *into, const slg_sketch *from)
{
  if (from->count == 0)
    return;
  if (into->implied)
    expand(into);
  if (into->is_packed)
    unpack(into);
  if (into->count == 0 || from->min < into->min)
    into->min = from->min;
  if (into->count == 0 || from->max > into->max)
    into->max = from->max;
  into->sum = (UINT64_MAX - into->sum < from->sum) ? UINT64_MAX
                                                   : into->sum + from->sum;
  if (from->counts == NULL) {
    /* Value by value, as if added: the cut-off applies to the union. */
    uint64_t n = from->count - from->zeros;
    uint64_t vals[SLG_SKETCH_EXACT];
    exact_copy(from, vals);
    into->count += from->zeros;
    into->zeros += from->zeros;
    for (uint64_t i = 0; i < n; i++) {
      into->count++;
      if (into->counts == NULL)
        add_exact(into, vals[i]);
      else
        add_n(into, bucket_of(vals[i]), 1);
    }
    return;
  }
  if (into->counts == NULL)
    to_buckets(into, into->count - into->zeros);
  into->count += from->count;
  into->zeros += from->zeros;
  for (uint32_t k = 0; k < from->nbuckets; k++) {
    uint64_t c = from->is_packed ? packed_at(from, k) : from->counts[k];
    if (c != 0)
      add_n(into, from->lo + (int32_t)k, c);
  }
}

/* Advances bucket k (with seen, the values below it) to the first bucket
 * whose values reach past `rank`, or to nbuckets. Four buckets per step
 * while they stay below: a quantile walks a few hundred buckets, and each
 * stage asks for several. One walk per width of the counts (packed or
 * not). */
#define WALK_TO(name, type)                                                  \
  static void name(const type *c, uint32_t nbuckets, uint32_t *k,           \
                   uint64_t *seen, uint64_t rank)                           \
  {                                                                          \
    uint32_t i = *k;                                                         \
    uint64_t sum = *seen;                                                    \
    while (i + 4 <= nbuckets) {                                              \
      uint64_t four = (uint64_t)c[i] + c[i + 1] + c[i + 2] + c[i + 3];      \
      if (sum + four > rank)                                                 \
        break;                                                               \
      sum += four;                                                           \
      i += 4;                                                                \
    }                                                                        \
    while (i < nbuckets && sum + c[i] <= rank)                               \
      sum += c[i++];                                                         \
    *k = i;                                                                  \
    *seen = sum;                                                             \
  }
WALK_TO(walk_to64, uint64_t)
WALK_TO(walk_to16, uint16_t)
WALK_TO(walk_to8, uint8_t)

static void walk_to(const slg_sketch *s, uint32_t *k, uint64_t *seen,
                    uint64_t rank)
{
  if (s->is_packed == 0)
    walk_to64(s->counts, s->nbuckets, k, seen, rank);
  else if (s->is_packed == 1)
    walk_to8(s->packed, s->nbuckets, k, seen, rank);
  else
    walk_to16((const uint16_t *)(void *)s->packed, s->nbuckets, k, seen,
              rank);
}

double slg_sketch_quantile(const slg_sketch *s, double q)
{
  double v;
  slg_sketch_quantiles(s, &q, &v, 1);
  return v;
}

uint64_t slg_sketch_rank(double q, uint64_t count)
{
  if (count == 0)
    return 0;
  double qc = q < 0 ? 0 : q > 1 ? 1 : q;
  /* ceil(q * count) in integers on q in millionths: 0.9 * 10 in doubles
   * may land a hair above 9, whose ceiling would be rank 10. */
  uint64_t qm = (uint64_t)(qc * 1e6 + 0.5);
  uint64_t rank;
  if (count <= UINT64_MAX / 1000000u)
    rank = (qm * count + 999999u) / 1000000u;
  else
    rank = (uint64_t)ceil((double)qm / 1e6 * (double)count);
  if (rank < 1)
    rank = 1;
  return rank > count ? count : rank;
}

/* Sorts the few exact values (at most SLG_SKETCH_EXACT). */
static void sort_small(uint64_t *v, size_t n)
{
  for (size_t i = 1; i < n; i++) {
    uint64_t x = v[i];
    size_t j = i;
    for (; j > 0 && v[j - 1] > x; j--)
      v[j] = v[j - 1];
    v[j] = x;
  }
}

void slg_sketch_quantiles(const slg_sketch *s, const double *q, double *out,
                          size_t n)
{
  if (s->count == 0) {
    for (size_t i = 0; i < n; i++)
      out[i] = -1;
    return;
  }
  uint64_t sorted[SLG_SKETCH_EXACT];
  if (s->counts == NULL && s->count > s->zeros) {
    exact_copy(s, sorted);
    sort_small(sorted, (size_t)(s->count - s->zeros));
  }
  uint64_t seen = s->zeros;
  uint32_t k = 0;
  for (size_t i = 0; i < n; i++) {
    /* 0-based: the value with `rank` values before it. */
    uint64_t rank = slg_sketch_rank(q[i], s->count) - 1;
    double v;
    if (rank < s->zeros)
      v = 0;
    else if (rank == 0)
      v = (double)s->min;
    else if (rank == s->count - 1)
      v = (double)s->max;
    else if (s->counts == NULL)
      v = (double)sorted[rank - s->zeros];
    else {
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
