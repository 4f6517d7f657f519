/*
 * sketch.h - a bounded-memory, mergeable sketch of non-negative integer
 * durations (task milliseconds).
 *
 * Values go into fixed logarithmic buckets of ratio SLG_SKETCH_GAMMA
 * (1.01): bucket i holds (gamma^(i-1), gamma^i] and answers quantiles with
 * 2 gamma^i / (gamma + 1), so the relative error of any quantile is at most
 * (gamma - 1) / (gamma + 1) = 0.4975% (SLG_SKETCH_REL_ERROR). Zero has its
 * own counter and is answered exactly. Because bucket boundaries are fixed,
 * the state is a pure function of the multiset of values: merging sketches
 * gives the same result in any order. count, sum, min and max are exact.
 *
 * Memory: the bucket array covers only [lowest, highest] bucket seen (one
 * uint64 per bucket), at most ~3,700 buckets for 1 .. 2^53 ms.
 */
#ifndef SLG_SKETCH_H
#define SLG_SKETCH_H

#include <stddef.h>
#include <stdint.h>

#define SLG_SKETCH_GAMMA 1.01
#define SLG_SKETCH_REL_ERROR 0.004975124378109453

typedef struct slg_sketch {
  uint64_t count;  /* values added (including zeros) */
  uint64_t zeros;  /* values equal to 0 */
  uint64_t sum;    /* exact sum, saturating at UINT64_MAX */
  uint64_t min;    /* exact; meaningless when count == 0 */
  uint64_t max;    /* exact */
  int32_t lo;      /* bucket index of counts[0] */
  uint32_t nbuckets;
  uint64_t *counts; /* owned; NULL while no positive value was added */
} slg_sketch;

/* Caller-allocated: init before use, dispose to free the buckets. */
void slg_sketch_init(slg_sketch *s);
void slg_sketch_dispose(slg_sketch *s);

void slg_sketch_add(slg_sketch *s, uint64_t v);

/* Drops the empty buckets at both ends of the window (the window grows by
 * doubling): for a stage that finished, whose sketch is mostly kept, not
 * added to. Changes no answer; a later add grows the window again. */
void slg_sketch_trim(slg_sketch *s);
/* Adds every value of `from` into `into` (from is unchanged). */
void slg_sketch_merge(slg_sketch *into, const slg_sketch *from);

/*
 * The q-quantile (0 <= q <= 1) by the nearest-rank rule on rank
 * floor(q * (count - 1)), clamped to [min, max]. Returns -1 when empty.
 */
double slg_sketch_quantile(const slg_sketch *s, double q);
/* slg_sketch_quantile for each of q[0..n) (ascending) in one walk of the
 * buckets. */
void slg_sketch_quantiles(const slg_sketch *s, const double *q, double *out,
                          size_t n);
/* sum / count, or -1 when empty. */
double slg_sketch_mean(const slg_sketch *s);

#endif /* SLG_SKETCH_H */
