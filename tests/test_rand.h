/*
 * test_rand.h - the seeded generator of the property tests (xorshift64):
 * the same seed gives the same cases, so a failure printed with its seed
 * can be replayed. One per test program; set rng_state before use
 * (never 0).
 */
#ifndef SLG_TEST_RAND_H
#define SLG_TEST_RAND_H

#include <stdint.h>

static uint64_t rng_state;

/* A value in [0, n). */
static inline uint32_t rnd(uint32_t n)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)(rng_state % n);
}

#endif /* SLG_TEST_RAND_H */
