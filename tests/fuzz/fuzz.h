/*
 * fuzz.h - helpers shared by the fuzz targets.
 *
 * Each target defines LLVMFuzzerTestOneInput. Built with clang and
 * SLG_FUZZ=ON it is a libFuzzer binary; otherwise replay.c supplies a
 * main() that feeds it every file of the seed and regression corpora (and
 * a few deterministic mutations of each), so ctest exercises the same
 * harnesses on every build. A harness signals a broken invariant with
 * fuzz_fail(), which aborts: libFuzzer and the replayer both report it.
 */
#ifndef SLG_FUZZ_H
#define SLG_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sparklog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A target's own mutator, when it defines one (fuzz_gzip); a weak
 * reference, NULL otherwise. replay.c runs a few of its mutations. */
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
                               unsigned int seed) __attribute__((weak));

/* libFuzzer's own mutation, for a custom mutator to fall back on; NULL in
 * the replayer (weak). */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size)
    __attribute__((weak));

/* Aborts with a message: an invariant of the code under test broke. */
#define fuzz_fail(msg)                                                         \
  do {                                                                         \
    fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n", __FILE__,          \
            __LINE__, (msg));                                                  \
    abort();                                                                   \
  } while (0)

#define fuzz_check(cond)                                                       \
  do {                                                                         \
    if (!(cond))                                                               \
      fuzz_fail(#cond);                                                        \
  } while (0)

/* 1 when [p, p+n) lies inside [base, base+len) (an empty span anywhere in
 * or at the end of the buffer, or a NULL empty span, is fine). */
static inline int fuzz_span_inside(const char *p, size_t n, const char *base,
                                   size_t len)
{
  if (n == 0)
    return 1;
  return p >= base && p <= base + len && n <= (size_t)(base + len - p);
}

/* Reads every byte of [p, p+n), so ASan reports a stale or short span. */
static inline void fuzz_touch(const char *p, size_t n)
{
  volatile unsigned sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += (unsigned char)p[i];
  (void)sum;
}

/* Validates a sparklog JSON document: well-formed UTF-8 everywhere,
 * no raw control bytes inside strings, brackets balanced outside strings,
 * and nothing after the top-level value but a newline. Returns NULL when
 * valid, else what is wrong. */
const char *fuzz_json_problem(const char *s, size_t n);

/* A small deterministic PRNG (xorshift64*), so chunkings reproduce. */
static inline uint64_t fuzz_rand(uint64_t *state)
{
  uint64_t x = *state ? *state : 0x9e3779b97f4a7c15u;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * 0x2545f4914f6cdd1du;
}

/* The --unwrap names the targets set: records in these loggers' messages
 * are read, besides the built-in relays' (seeds "relays"). */
#define FUZZ_UNWRAP "MyApp,com.acme.Relay"

/* The pipeline targets' settings bytes: data[1] picks max_line (cut
 * lines), data[2] max_loggers (the histogram bound). Relays: the built-in
 * ones and FUZZ_UNWRAP. */
static inline void fuzz_pipeline_options(slg_options *opt, const uint8_t *data)
{
  slg_options_init(opt);
  opt->unwrap = FUZZ_UNWRAP;
  opt->max_line =
      data[1] < 128 ? 16 + (size_t)data[1] * 8 : SLG_DEFAULT_MAX_LINE;
  opt->max_loggers =
      data[2] < 128 ? 1 + (size_t)(data[2] % 8) : SLG_DEFAULT_MAX_LOGGERS;
}

#endif /* SLG_FUZZ_H */
