/*
 * test_sketch.c - the duration sketch: relative error bound on 10^6
 * adversarial samples, exact count/sum/min/max, and merge-order
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
  for (size_t k = 0; k < sizeof(qs) / sizeof(qs[0]); k++) {
    double exact = (double)v[(size_t)(qs[k] * (N - 1))];
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
  uint64_t rank = (uint64_t)(q * (double)(s->count - 1));
  if (rank < s->zeros)
    return 0;
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
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
