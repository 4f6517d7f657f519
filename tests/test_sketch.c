/*
 * test_sketch.c - the duration sketch: nearest rank ceil(q * n) against a
 * sorted array for every shape of input from n = 1 to 10^5 (exact below
 * the cut-off, within the relative error bound above it), the bound on
 * 10^6 adversarial samples, exact count/sum/min/max, and merge-order
 * independence.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sketch.h"

#define N 1000000

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rnd(void)
{
  /* xorshift64*: deterministic, seed fixed. */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * UINT64_C(2685821657736338717);
}

static int cmp(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

typedef void (*gen_fn)(uint64_t *v, size_t n);

static void gen_sorted(uint64_t *v, size_t n)
{
  for (size_t i = 0; i < n; i++)
    v[i] = i + 1;
}

static void gen_reverse(uint64_t *v, size_t n)
{
  for (size_t i = 0; i < n; i++)
    v[i] = n - i;
}

static void gen_constant(uint64_t *v, size_t n)
{
  for (size_t i = 0; i < n; i++)
    v[i] = 1234;
}

static void gen_bimodal(uint64_t *v, size_t n)
{
  for (size_t i = 0; i < n; i++)
    v[i] = (rnd() & 1) ? 5 + rnd() % 10 : 600000 + rnd() % 1000;
}

static void gen_heavy(uint64_t *v, size_t n)
{
  /* Pareto-like: 1 / u^2 scaled, up to ~10^12 ms. */
  for (size_t i = 0; i < n; i++) {
    double u = (double)(rnd() >> 11) / 9007199254740992.0;
    if (u < 1e-6)
      u = 1e-6;
    v[i] = (uint64_t)(1.0 / (u * u)) + (i % 7 == 0 ? 0 : 1);
  }
}

static void check(gen_fn gen)
{
  uint64_t *v = malloc(N * sizeof(*v));
  assert_non_null(v);
  gen(v, N);
  slg_sketch s;
  slg_sketch_init(&s);
  uint64_t sum = 0, mn = UINT64_MAX, mx = 0;
  for (size_t i = 0; i < N; i++) {
    slg_sketch_add(&s, v[i]);
    sum += v[i];
    mn = v[i] < mn ? v[i] : mn;
    mx = v[i] > mx ? v[i] : mx;
  }
  assert_int_equal(s.count, N);
  assert_int_equal(s.sum, sum);
  assert_int_equal(s.min, mn);
  assert_int_equal(s.max, mx);
  qsort(v, N, sizeof(*v), cmp);
  static const double qs[] = {0, 0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 1};
  static const size_t idx[] = {0,          N / 100 - 1, N / 4 - 1,
                               N / 2 - 1,  N / 10 * 9 - 1,
                               N / 100 * 99 - 1, N / 1000 * 999 - 1, N - 1};
  for (size_t k = 0; k < sizeof(qs) / sizeof(qs[0]); k++) {
    double exact = (double)v[idx[k]];
    double got = slg_sketch_quantile(&s, qs[k]);
    if (exact == 0)
      assert_true(got == 0);
    else
      assert_true(fabs(got - exact) / exact <= SLG_SKETCH_REL_ERROR + 1e-9);
  }
  /* Memory stays bounded: a few thousand buckets at most. */
  assert_true(s.nbuckets <= 8192);
  slg_sketch_dispose(&s);
  free(v);
}

static void test_sketch__sorted_within_bound(void **state)
{
  (void)state;
  check(gen_sorted);
}

static void test_sketch__reverse_within_bound(void **state)
{
  (void)state;
  check(gen_reverse);
}

static void test_sketch__constant_within_bound(void **state)
{
  (void)state;
  check(gen_constant);
}

static void test_sketch__bimodal_within_bound(void **state)
{
  (void)state;
  check(gen_bimodal);
}

static void test_sketch__heavy_tail_within_bound(void **state)
{
  (void)state;
  check(gen_heavy);
}

static void test_sketch__merge_order_independent(void **state)
{
  (void)state;
  slg_sketch part[4], a, b;
  for (int i = 0; i < 4; i++)
    slg_sketch_init(&part[i]);
  for (size_t i = 0; i < 200000; i++) {
    uint64_t v = rnd() % (i % 3 == 0 ? 100 : 10000000);
    slg_sketch_add(&part[rnd() % 4], v);
  }
  slg_sketch_init(&a);
  slg_sketch_init(&b);
  for (int i = 0; i < 4; i++)
    slg_sketch_merge(&a, &part[i]);
  for (int i = 3; i >= 0; i--)
    slg_sketch_merge(&b, &part[i]);
  assert_int_equal(a.count, b.count);
  assert_int_equal(a.sum, b.sum);
  assert_int_equal(a.min, b.min);
  assert_int_equal(a.max, b.max);
  for (double q = 0; q <= 1.0; q += 0.01)
    assert_true(slg_sketch_quantile(&a, q) == slg_sketch_quantile(&b, q));
  for (int i = 0; i < 4; i++)
    slg_sketch_dispose(&part[i]);
  slg_sketch_dispose(&a);
  slg_sketch_dispose(&b);
}

static void test_sketch__empty_and_zero(void **state)
{
  (void)state;
  slg_sketch s;
  slg_sketch_init(&s);
  assert_true(slg_sketch_quantile(&s, 0.5) < 0);
  assert_true(slg_sketch_mean(&s) < 0);
  slg_sketch_add(&s, 0);
  slg_sketch_add(&s, 0);
  slg_sketch_add(&s, 10);
  assert_true(slg_sketch_quantile(&s, 0.5) == 0);
  assert_true(slg_sketch_quantile(&s, 1) == 10);
  slg_sketch_dispose(&s);
}

/* Trimming a window to the buckets in use changes no answer, and the
 * sketch still takes values on either side afterwards. */
/* slg_sketch_quantile's documented rule, bucket by bucket. */
static double naive_quantile(const slg_sketch *s, double q)
{
  if (s->count == 0)
    return -1;
  uint64_t rank = (uint64_t)ceil(q * (double)s->count - 1e-9);
  rank = rank ? rank - 1 : 0;
  if (rank < s->zeros)
    return 0;
  if (rank == 0)
    return (double)s->min;
  if (rank == s->count - 1)
    return (double)s->max;
  if (s->counts == NULL) {
    uint64_t v[SLG_SKETCH_EXACT];
    size_t n = (size_t)(s->count - s->zeros);
    memcpy(v, s->exact, n * sizeof *v);
    qsort(v, n, sizeof *v, cmp);
    return (double)v[rank - s->zeros];
  }
  uint64_t seen = s->zeros;
  double v = (double)s->max;
  for (uint32_t k = 0; k < s->nbuckets; k++) {
    seen += s->counts[k];
    if (seen > rank) {
      v = 2.0 * pow(SLG_SKETCH_GAMMA, (double)(s->lo + (int32_t)k)) /
          (SLG_SKETCH_GAMMA + 1.0);
      break;
    }
  }
  if (v < (double)s->min)
    v = (double)s->min;
  if (v > (double)s->max)
    v = (double)s->max;
  return v;
}

/* The one-walk quantiles answer what the one-at-a-time ones do, and both
 * what a plain walk over the buckets gives. */
static void test_sketch__quantiles_in_one_walk(void **state)
{
  (void)state;
  static const double q[] = {0, 0.01, 0.5, 0.5, 0.9, 0.99, 0.999, 1};
  const size_t nq = sizeof q / sizeof q[0];
  uint64_t x = 2463534242u;
  for (int round = 0; round < 200; round++) {
    slg_sketch s;
    slg_sketch_init(&s);
    int n = round % 50;
    for (int i = 0; i < n; i++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      /* Zeros, small and wide values. */
      uint64_t v = (x % 5 == 0) ? 0 : (x >> 20) % (round % 3 ? 1000 : 1000000);
      slg_sketch_add(&s, v);
    }
    double got[sizeof q / sizeof q[0]];
    slg_sketch_quantiles(&s, q, got, nq);
    for (size_t i = 0; i < nq; i++) {
      assert_true(got[i] == slg_sketch_quantile(&s, q[i]));
      assert_true(got[i] == naive_quantile(&s, q[i]));
    }
    slg_sketch_dispose(&s);
  }
}

static void test_sketch__trim_keeps_answers(void **state)
{
  (void)state;
  slg_sketch a, b;
  slg_sketch_init(&a);
  slg_sketch_init(&b);
  for (uint64_t v = 100; v < 5000; v += 7) {
    slg_sketch_add(&a, v);
    slg_sketch_add(&b, v);
  }
  slg_sketch_trim(&b);
  assert_true(b.nbuckets < a.nbuckets);
  for (double q = 0; q <= 1.0; q += 0.01)
    assert_true(slg_sketch_quantile(&a, q) == slg_sketch_quantile(&b, q));
  slg_sketch_add(&a, 3);
  slg_sketch_add(&b, 3);
  slg_sketch_add(&a, 90000);
  slg_sketch_add(&b, 90000);
  for (double q = 0; q <= 1.0; q += 0.01)
    assert_true(slg_sketch_quantile(&a, q) == slg_sketch_quantile(&b, q));
  slg_sketch_dispose(&a);
  slg_sketch_dispose(&b);
}

#define PROP_NQ_ALL 1001

/* Quantiles at every percent, and count/sum/min/max, are the same. */
static void assert_same_answers(const slg_sketch *a, const slg_sketch *b)
{
  assert_true(a->count == b->count && a->zeros == b->zeros &&
              a->sum == b->sum && a->max == b->max);
  if (a->count)
    assert_true(a->min == b->min);
  for (int p = 0; p <= 100; p++)
    assert_true(slg_sketch_quantile(a, p / 100.0) ==
                slg_sketch_quantile(b, p / 100.0));
}

/* A compacted sketch answers as before, drops its values only when min
 * and max are them, and takes adds and merges (both ways) as before. */
static void test_sketch__compact_keeps_answers(void **state)
{
  (void)state;
  static const uint64_t sets[][4] = {
      {7},        {0, 7},      {3, 9},     {0, 3, 9},
      {5, 5},     {0, 0, 4},   {2, 8, 1},  {0},
  };
  static const size_t lens[] = {1, 2, 2, 3, 2, 3, 3, 1};
  static const uint64_t later[] = {0, 1, 6, 100, 20000};
  for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
    for (size_t k = 0; k <= sizeof later / sizeof later[0]; k++) {
      slg_sketch a, b, c, d;
      slg_sketch_init(&a);
      slg_sketch_init(&b);
      for (size_t v = 0; v < lens[i]; v++) {
        slg_sketch_add(&a, sets[i][v]);
        slg_sketch_add(&b, sets[i][v]);
      }
      slg_sketch_compact(&b);
      uint64_t pos = a.count - a.zeros;
      int implied = pos == 1 || (pos == 2 && a.zeros == 0);
      assert_int_equal(b.implied, implied);
      assert_true(implied ? b.exact == NULL : b.exact != NULL || pos == 0);
      assert_same_answers(&a, &b);
      /* Merging from it, and into it. */
      slg_sketch_init(&c);
      slg_sketch_init(&d);
      slg_sketch_add(&c, 42);
      slg_sketch_add(&d, 42);
      slg_sketch_merge(&c, &a);
      slg_sketch_merge(&d, &b);
      assert_same_answers(&c, &d);
      /* Lines after the end: k values more (k == 5: 70, past the cut-off
       * to buckets). */
      size_t more = k < 5 ? k : 70;
      for (size_t v = 0; v < more; v++) {
        uint64_t x = later[v % 5] + v;
        slg_sketch_add(&a, x);
        slg_sketch_add(&b, x);
      }
      assert_same_answers(&a, &b);
      slg_sketch_merge(&a, &c);
      slg_sketch_merge(&b, &c);
      assert_same_answers(&a, &b);
      slg_sketch_compact(&a);
      slg_sketch_compact(&a); /* twice: no change */
      assert_same_answers(&a, &b);
      slg_sketch_dispose(&a);
      slg_sketch_dispose(&b);
      slg_sketch_dispose(&c);
      slg_sketch_dispose(&d);
    }
  }
}

/* Past the cut-off a compacted sketch packs its buckets in use (a byte
 * or two per count), answers as before, takes adds and merges both ways,
 * and its packed buckets merge like the window they replace. */
static void test_sketch__compact_packs_buckets(void **state)
{
  (void)state;
  for (int round = 0; round < 60; round++) {
    slg_sketch a, b, c, d;
    slg_sketch_init(&a);
    slg_sketch_init(&b);
    /* A hundred tasks over one to a few decades, some zeros; round 0
     * 70,000 in one bucket (a count past two bytes: kept as it is),
     * round 1 counts past one byte. */
    size_t n = 80 + (size_t)(rnd() % 200) +
               (round == 0 ? 70000 : round == 1 ? 100000 : 0);
    uint64_t span = round == 0 ? 1 : 10 + rnd() % 100000;
    for (size_t i = 0; i < n; i++) {
      uint64_t v = i % 17 == 0 ? 0 : 100 + rnd() % span;
      slg_sketch_add(&a, v);
      slg_sketch_add(&b, v);
    }
    slg_sketch_compact(&b);
    int width = round == 0 ? 0 : round == 1 ? 2 : 1;
    if (b.is_packed != width)
      fail_msg("round %d n %zu span %llu: packed %d, want %d", round, n,
               (unsigned long long)span, b.is_packed, width);
    assert_same_answers(&a, &b);
    slg_sketch_compact(&b); /* twice: no change */
    slg_sketch_trim(&b);
    assert_same_answers(&a, &b);
    double q[PROP_NQ_ALL], qa[PROP_NQ_ALL], qb[PROP_NQ_ALL];
    for (size_t k = 0; k < PROP_NQ_ALL; k++)
      q[k] = (double)k / (PROP_NQ_ALL - 1);
    slg_sketch_quantiles(&a, q, qa, PROP_NQ_ALL);
    slg_sketch_quantiles(&b, q, qb, PROP_NQ_ALL);
    assert_memory_equal(qa, qb, sizeof qa);
    /* Merging from it (it stays packed), and into it. */
    slg_sketch_init(&c);
    slg_sketch_init(&d);
    for (uint64_t v = 1; v < 90; v++) {
      slg_sketch_add(&c, v * 37);
      slg_sketch_add(&d, v * 37);
    }
    slg_sketch_merge(&c, &a);
    slg_sketch_merge(&d, &b);
    assert_int_equal(b.is_packed, width);
    assert_same_answers(&c, &d);
    if (round % 2) {
      slg_sketch_merge(&a, &c);
      slg_sketch_merge(&b, &c);
    } else {
      /* Late values on both sides of the window. */
      slg_sketch_add(&a, 3);
      slg_sketch_add(&b, 3);
      slg_sketch_add(&a, 9000000);
      slg_sketch_add(&b, 9000000);
    }
    assert_false(b.is_packed);
    assert_same_answers(&a, &b);
    slg_sketch_dispose(&a);
    slg_sketch_dispose(&b);
    slg_sketch_dispose(&c);
    slg_sketch_dispose(&d);
  }
}

/* ---- Property: nearest rank against a sorted array, n = 1 .. 10^5. ---- */

/* Quantiles in millionths, so the expected rank is computed in integers,
 * independently of the sketch's arithmetic. */
static const uint64_t prop_qm[] = {0,      1000,   10000,  250000, 500000,
                                   750000, 900000, 950000, 990000, 999000,
                                   1000000};
#define PROP_NQ (sizeof prop_qm / sizeof prop_qm[0])

enum { SHAPE_RANDOM, SHAPE_STEP_AT, SHAPE_STEP_PAST, SHAPE_OUTLIER,
       SHAPE_EQUAL, SHAPE_ZEROS, SHAPE_SOME_ZEROS, SHAPE_COUNT };

static uint64_t rank_of(uint64_t qm, uint64_t n)
{
  uint64_t r = (qm * n + 999999) / 1000000;
  return r < 1 ? 1 : r;
}

static void gen_shape(int shape, uint64_t *v, size_t n)
{
  uint64_t p90 = rank_of(900000, n); /* 1-based */
  for (size_t i = 0; i < n; i++) {
    switch (shape) {
    case SHAPE_RANDOM:
      v[i] = rnd() % (i % 2 ? 1000 : 10000000);
      break;
    case SHAPE_STEP_AT: /* the p90 rank is the first slow value */
      v[i] = i + 1 < p90 ? 100 : 1000;
      break;
    case SHAPE_STEP_PAST: /* the p90 rank is the last fast value */
      v[i] = i + 1 <= p90 ? 100 : 1000;
      break;
    case SHAPE_OUTLIER:
      v[i] = i == n / 2 ? 600000 : 40 + i % 3;
      break;
    case SHAPE_EQUAL:
      v[i] = 837;
      break;
    case SHAPE_ZEROS:
      v[i] = 0;
      break;
    default: /* SHAPE_SOME_ZEROS */
      v[i] = i % 3 ? 0 : 1 + rnd() % 5000;
      break;
    }
  }
  /* Any order: shuffle. */
  for (size_t i = n; i > 1; i--) {
    size_t j = (size_t)(rnd() % i);
    uint64_t t = v[i - 1];
    v[i - 1] = v[j];
    v[j] = t;
  }
}

static void prop_expect(const slg_sketch *s, const uint64_t *sorted, size_t n,
                        int exact, int shape)
{
  double q[PROP_NQ], got[PROP_NQ];
  for (size_t k = 0; k < PROP_NQ; k++)
    q[k] = (double)prop_qm[k] / 1e6;
  slg_sketch_quantiles(s, q, got, PROP_NQ);
  for (size_t k = 0; k < PROP_NQ; k++) {
    uint64_t r = rank_of(prop_qm[k], n);
    assert_int_equal(slg_sketch_rank(q[k], n), r);
    double want = (double)sorted[r - 1];
    int ok = exact || want == 0 ? got[k] == want
                                : fabs(got[k] - want) / want <=
                                      SLG_SKETCH_REL_ERROR + 1e-12;
    if (!ok)
      fail_msg("n=%zu shape=%d q=%g: got %.3f, want %.0f (rank %llu)", n,
               shape, q[k], got[k], want, (unsigned long long)r);
    assert_true(got[k] == slg_sketch_quantile(s, q[k]));
  }
}

static void prop_one(size_t n, int shape, uint64_t *v, uint64_t *sorted)
{
  gen_shape(shape, v, n);
  slg_sketch s, half[2], merged;
  slg_sketch_init(&s);
  slg_sketch_init(&half[0]);
  slg_sketch_init(&half[1]);
  slg_sketch_init(&merged);
  uint64_t positive = 0;
  for (size_t i = 0; i < n; i++) {
    slg_sketch_add(&s, v[i]);
    slg_sketch_add(&half[i < n / 3], v[i]);
    positive += v[i] > 0;
  }
  memcpy(sorted, v, n * sizeof *v);
  qsort(sorted, n, sizeof *v, cmp);
  int exact = positive <= SLG_SKETCH_EXACT;
  /* Exactly while the values are kept; the buckets only past them. */
  assert_true(exact == (s.counts == NULL));
  prop_expect(&s, sorted, n, exact, shape);
  slg_sketch_trim(&s);
  prop_expect(&s, sorted, n, exact, shape);
  slg_sketch_merge(&merged, &half[1]);
  slg_sketch_merge(&merged, &half[0]);
  assert_int_equal(merged.count, s.count);
  assert_int_equal(merged.sum, s.sum);
  prop_expect(&merged, sorted, n, exact, shape);
  slg_sketch_dispose(&s);
  slg_sketch_dispose(&half[0]);
  slg_sketch_dispose(&half[1]);
  slg_sketch_dispose(&merged);
}

static void test_sketch__nearest_rank_property(void **state)
{
  (void)state;
  const size_t max = 100000;
  uint64_t *v = malloc(max * sizeof *v);
  uint64_t *sorted = malloc(max * sizeof *sorted);
  assert_non_null(v);
  assert_non_null(sorted);
  /* Every n up to well past the cut-off, then ~6% steps to 10^5, with
   * the neighbours of round counts (where q * n is an integer). */
  size_t n = 1;
  while (n <= max) {
    for (int shape = 0; shape < SHAPE_COUNT; shape++)
      prop_one(n, shape, v, sorted);
    if (n < 4 * SLG_SKETCH_EXACT)
      n++;
    else if (n % 1000 == 999 || n % 1000 == 0)
      n++;
    else {
      size_t next = n + n / 16;
      size_t round = (next / 1000) * 1000;
      n = round > n + 1 ? round - 1 : next;
    }
  }
  free(v);
  free(sorted);
}

/* The cases of the report that found the floor(q * (n - 1)) rank: five
 * tasks, and 904 x 100 ms + 101 x 1000 ms. */
static void test_sketch__nearest_rank_examples(void **state)
{
  (void)state;
  static const uint64_t five[] = {752, 837, 838, 959, 3851};
  slg_sketch s;
  slg_sketch_init(&s);
  for (size_t i = 0; i < 5; i++)
    slg_sketch_add(&s, five[i]);
  assert_true(slg_sketch_quantile(&s, 0.5) == 838);
  assert_true(slg_sketch_quantile(&s, 0.9) == 3851);
  assert_true(slg_sketch_quantile(&s, 0.99) == 3851);
  slg_sketch_dispose(&s);
  slg_sketch_init(&s);
  for (size_t i = 0; i < 1005; i++)
    slg_sketch_add(&s, i < 904 ? 100 : 1000);
  assert_true(s.counts != NULL); /* past the cut-off: the buckets */
  assert_int_equal(slg_sketch_rank(0.9, 1005), 905);
  assert_true(fabs(slg_sketch_quantile(&s, 0.9) - 1000) <= 1000 *
                                                  SLG_SKETCH_REL_ERROR);
  assert_true(fabs(slg_sketch_quantile(&s, 0.5) - 100) <= 100 *
                                                 SLG_SKETCH_REL_ERROR);
  slg_sketch_dispose(&s);
  /* 0.9 * 10 is rank 9, not 10 (the double product is not the real). */
  for (uint64_t n = 1; n <= 1000; n++)
    for (uint64_t pm = 0; pm <= 1000; pm++) {
      uint64_t want = (pm * n + 999) / 1000;
      assert_int_equal(slg_sketch_rank((double)pm / 1000, n),
                       want ? want : 1);
    }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sketch__sorted_within_bound),
      cmocka_unit_test(test_sketch__reverse_within_bound),
      cmocka_unit_test(test_sketch__constant_within_bound),
      cmocka_unit_test(test_sketch__bimodal_within_bound),
      cmocka_unit_test(test_sketch__heavy_tail_within_bound),
      cmocka_unit_test(test_sketch__merge_order_independent),
      cmocka_unit_test(test_sketch__empty_and_zero),
      cmocka_unit_test(test_sketch__quantiles_in_one_walk),
      cmocka_unit_test(test_sketch__trim_keeps_answers),
      cmocka_unit_test(test_sketch__compact_keeps_answers),
      cmocka_unit_test(test_sketch__compact_packs_buckets),
      cmocka_unit_test(test_sketch__nearest_rank_property),
      cmocka_unit_test(test_sketch__nearest_rank_examples),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
