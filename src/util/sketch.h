/*
 * sketch.h - a bounded-memory, mergeable sketch of non-negative integer
 * durations (task milliseconds).
 *
 * The first SLG_SKETCH_EXACT positive values are kept as they are, and
 * quantiles are then exact. Past that (for memory only) values go into
 * fixed logarithmic buckets of ratio SLG_SKETCH_GAMMA (1.01): bucket i
 * holds (gamma^(i-1), gamma^i] and answers quantiles with
 * 2 gamma^i / (gamma + 1), so the relative error of any quantile is at most
 * (gamma - 1) / (gamma + 1) = 0.4975% (SLG_SKETCH_REL_ERROR). Zero has its
 * own counter and is answered exactly, and so are the ranks of the min and
 * the max. Because bucket boundaries are fixed and the switch depends only
 * on the count, the answers are a pure function of the multiset of values:
 * merging sketches gives the same result in any order. count, sum, min and
 * max are exact.
 *
 * Memory: 72 bytes, plus at most 8 * SLG_SKETCH_EXACT bytes of exact
 * values (an array grown by doubling from 8), or, once past that, the
 * bucket array over only [lowest, highest] bucket seen (one uint64 per
 * bucket), at most ~3,700 buckets for 1 .. 2^53 ms; a compacted sketch
 * keeps only the buckets from the first to the last in use, a byte or
 * two each.
 */
#ifndef SLG_SKETCH_H
#define SLG_SKETCH_H

#include <stddef.h>
#include <stdint.h>

#define SLG_SKETCH_GAMMA 1.01
#define SLG_SKETCH_REL_ERROR 0.004975124378109453
/* Positive values kept exactly before the buckets take over. */
#define SLG_SKETCH_EXACT 64

typedef struct slg_sketch {
  uint64_t count;  /* values added (including zeros) */
  uint64_t zeros;  /* values equal to 0 */
  uint64_t sum;    /* exact sum, saturating at UINT64_MAX */
  uint64_t min;    /* exact; meaningless when count == 0 */
  uint64_t max;    /* exact */
  int32_t lo;      /* bucket index of counts[0] (packed: of the first
                      bucket in use) */
  uint32_t nbuckets; /* buckets in the window (packed: from the first to
                        the last bucket in use) */
  union {
    uint64_t *counts; /* owned; NULL until more than SLG_SKETCH_EXACT
                         positive values were added */
    uint8_t *packed;  /* when is_packed: the counts of the window, each in
                         is_packed bytes */
  };
  uint64_t *exact;  /* owned; the positive values in no order while counts
                       is NULL (count - zeros of them), unless implied */
  uint32_t exact_cap;
  uint16_t implied; /* slg_sketch_compact dropped `exact`: min and max
                       are the positive values (one, or two and no
                       zero) */
  uint16_t is_packed; /* 0, or the bytes per count (1 or 2) since
                         slg_sketch_compact packed the buckets: `packed`
                         replaces `counts` until the next add or merge
                         into it */
} slg_sketch;

/* Caller-allocated: init before use, dispose to free the buckets. */
void slg_sketch_init(slg_sketch *s);
void slg_sketch_dispose(slg_sketch *s);

void slg_sketch_add(slg_sketch *s, uint64_t v);

/* Drops the empty buckets at both ends of the window (the window grows by
 * doubling), or the unused room of the exact values: for a stage that
 * finished, whose sketch is mostly kept, not added to. Changes no answer;
 * a later add grows the window again. */
void slg_sketch_trim(slg_sketch *s);
/* slg_sketch_trim, and when the positive values are only min and max
 * (one value, or two and no zero) drops their copy: for a finished stage
 * of a task or two, which a log can hold a million of. Past the cut-off it
 * packs the buckets from the first to the last in use, a byte or two
 * each instead of eight: a stage of a hundred tasks spreads them over a
 * few hundred buckets, mostly empty, counts of a byte or two. Changes no answer; a later add or
 * merge into it restores the copy or the window first. */
void slg_sketch_compact(slg_sketch *s);
/* Adds every value of `from` into `into` (from is unchanged). */
void slg_sketch_merge(slg_sketch *into, const slg_sketch *from);

/*
 * The q-quantile (0 <= q <= 1) by the nearest-rank rule: the value of
 * 1-based rank ceil(q * count) (at least 1) in ascending order, q read to
 * millionths so that 0.9 * 10 is rank 9, not 10. Exact while the values
 * are kept (see above), else within SLG_SKETCH_REL_ERROR of it and inside
 * [min, max]. Returns -1 when empty.
 */
double slg_sketch_quantile(const slg_sketch *s, double q);
/* slg_sketch_quantile for each of q[0..n) (ascending) in one walk of the
 * buckets (one sort of the exact values). */
void slg_sketch_quantiles(const slg_sketch *s, const double *q, double *out,
                          size_t n);
/* The 1-based nearest rank of q among count values (see above); 0 when
 * count is 0. */
uint64_t slg_sketch_rank(double q, uint64_t count);
/* sum / count, or -1 when empty. */
double slg_sketch_mean(const slg_sketch *s);

#endif /* SLG_SKETCH_H */
