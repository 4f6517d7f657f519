/*
 * common.h - small shared types of the library core: borrowed spans,
 * timestamps, levels, allocation helpers and locale-free number parsing.
 *
 * Everything here is header-only or in common.c. No <ctype.h>: the core
 * parses bytes the same way whatever the process locale is.
 */
#ifndef SLG_COMMON_H
#define SLG_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sparklog.h"

/* Keeps a rarely taken path out of line, so that the common path's
 * function stays small (fewer registers to save on every call). */
#if defined(__GNUC__)
#define SLG_NOINLINE __attribute__((noinline))
#else
#define SLG_NOINLINE
#endif

/* Inlines a function whose caller passes constants it should fold
 * (e.g. one general function specialised for one line). */
#if defined(__GNUC__)
#define SLG_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define SLG_ALWAYS_INLINE inline
#endif

/* A borrowed slice of bytes; valid only as long as its owner says. */
typedef struct slg_span {
  const char *ptr;
  size_t len;
} slg_span;

/* 1 for an input error that ends a file part way (the report covers the
 * bytes before its offset): damaged gzip, a file that shrank, an
 * interrupted read. Else the file was not read (0 bytes). */
static inline int slg_error_has_offset(int error)
{
  return error == SLG_ECORRUPT || error == SLG_ETRAILING ||
         error == SLG_ESHRANK || error == SLG_EINTR;
}

static inline slg_span slg_span_make(const char *p, size_t n)
{
  slg_span s;
  s.ptr = p;
  s.len = n;
  return s;
}

/*
 * memcmp(a, b, n) == 0 for the short runs compared on every line (logger
 * names, layout keys, executor ids), inlined: eight bytes per step and one
 * overlapping load for the tail, where a library call would cost more than
 * the compare. Reads only [a, a + n) and [b, b + n).
 */
static inline int slg_mem_eq(const void *a, const void *b, size_t n)
{
  const unsigned char *x = a, *y = b;
  if (n >= 8) {
    uint64_t u, v;
    for (; n > 8; x += 8, y += 8, n -= 8) {
      memcpy(&u, x, 8);
      memcpy(&v, y, 8);
      if (u != v)
        return 0;
    }
    /* The last eight bytes, overlapping the ones already compared. */
    memcpy(&u, x + n - 8, 8);
    memcpy(&v, y + n - 8, 8);
    return u == v;
  }
  if (n >= 4) {
    uint32_t u, v, s, t;
    memcpy(&u, x, 4);
    memcpy(&v, y, 4);
    memcpy(&s, x + n - 4, 4);
    memcpy(&t, y + n - 4, 4);
    return u == v && s == t;
  }
  for (size_t i = 0; i < n; i++)
    if (x[i] != y[i])
      return 0;
  return 1;
}

/*
 * memchr(p, ch, end - p) for the short spans searched on every task line
 * (a host, an executor id, the bracketed detail of "Starting task"):
 * sixteen bytes per SSE2 compare and a byte loop for the tail, where a
 * library call costs more in set-up than the search. Reads only [p, end).
 */
static inline const char *slg_find_byte(const char *p, const char *end,
                                        char ch)
{
#if defined(__SSE2__)
  const __m128i want = _mm_set1_epi8(ch);
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, want));
    if (m)
      return p + __builtin_ctz(m);
    p += 16;
  }
#endif
  for (; p < end; p++)
    if (*p == ch)
      return p;
  return NULL;
}

static inline int slg_span_eq(slg_span s, const char *lit)
{
  size_t n = strlen(lit);
  return s.len == n && (n == 0 || memcmp(s.ptr, lit, n) == 0);
}

static inline int slg_span_starts(slg_span s, const char *lit)
{
  size_t n = strlen(lit);
  return s.len >= n && memcmp(s.ptr, lit, n) == 0;
}

/* ASCII classifiers (locale-free). */
static inline int slg_is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int slg_is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int slg_is_lower(int c) { return c >= 'a' && c <= 'z'; }
static inline int slg_is_alpha(int c)
{
  return slg_is_upper(c) || slg_is_lower(c);
}
static inline int slg_is_alnum(int c)
{
  return slg_is_alpha(c) || slg_is_digit(c);
}
static inline int slg_is_space(int c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
         c == '\v';
}

/*
 * Parses an unsigned decimal at *p (no sign, no spaces) up to `end`.
 * Returns 1 and advances *p on success; 0 if no digit is there; -1 if the
 * value exceeds `max` (digits are still consumed, so the caller can count
 * the value as rejected rather than wrapped).
 */
int slg_parse_u64(const char **p, const char *end, uint64_t max,
                  uint64_t *out);

/* ------------------------------------------------------------ allocation */

/* malloc/realloc/strdup that call the out-of-memory handler when they
 * fail (set by the program; the default prints a line and aborts). The
 * handler does not return. */
void slg_set_out_of_memory(void (*handler)(size_t n));
void *slg_xmalloc(size_t n);
void *slg_xcalloc(size_t count, size_t size);
void *slg_xrealloc(void *p, size_t n);
char *slg_xstrndup(const char *s, size_t n);

/* ----------------------------------------------------------------- levels */

#define SLG_LEVEL_MAP(X)                                                     \
  X(TRACE)                                                                   \
  X(DEBUG)                                                                   \
  X(INFO)                                                                    \
  X(WARN)                                                                    \
  X(ERROR)                                                                   \
  X(FATAL)

typedef enum slg_level {
  SLG_LEVEL_NONE = -1, /* the layout has no level */
#define SLG_LEVEL_ENUM(name) SLG_LEVEL_##name,
  SLG_LEVEL_MAP(SLG_LEVEL_ENUM)
#undef SLG_LEVEL_ENUM
  SLG_LEVEL_COUNT
} slg_level;

/* "INFO", ...; "NONE" for SLG_LEVEL_NONE. */
const char *slg_level_name(slg_level level);

/* ------------------------------------------------------------------ times */

/* Which parts of a timestamp the log carried. */
enum {
  SLG_TIME_HAS_DATE = 1u << 0, /* year, month, day are valid */
  SLG_TIME_HAS_TIME = 1u << 1, /* hour, minute, second are valid */
  SLG_TIME_HAS_MS = 1u << 2,   /* millisecond is valid */
  SLG_TIME_UTC = 1u << 3       /* the log said the time is UTC */
};

/* Laid out without padding, so slg_time_same can compare the bytes. */
typedef struct slg_time {
  uint16_t year; /* four digits; a two-digit year yy means 2000 + yy */
  uint16_t millisecond;
  uint8_t month, day, hour, minute, second;
  uint8_t flags; /* 0 = no timestamp */
} slg_time;
_Static_assert(sizeof(slg_time) == 10, "slg_time has no padding");

/* 1 when a and b are the same timestamp, written the same way. */
static inline int slg_time_same(const slg_time *a, const slg_time *b)
{
  return memcmp(a, b, sizeof *a) == 0;
}

/*
 * Milliseconds since 1970-01-01 of the wall-clock time as written (no time
 * zone applied). For a time-only timestamp: milliseconds since midnight.
 * Returns -1 when flags has no SLG_TIME_HAS_TIME.
 */
int64_t slg_time_ms(const slg_time *t);

/* Compares two times by slg_time_ms (times without a time sort first). */
int slg_time_cmp(const slg_time *a, const slg_time *b);

/* n >= 1 decimal digits of v at p, zero-padded (v < 10^n); returns the
 * byte after them. */
static inline char *slg_put_digits(char *p, unsigned v, int n)
{
  for (int k = n - 1; k >= 0; k--) {
    p[k] = (char)('0' + v % 10);
    v /= 10;
  }
  return p + n;
}

/* Writes ISO-8601 ("2024-08-13T15:12:49", ".123" when known, "Z" when UTC;
 * "15:12:49" for time-only) into buf (>= 32 bytes). Returns the length, 0
 * when the time is absent. */
size_t slg_time_format(const slg_time *t, char *buf);

#endif /* SLG_COMMON_H */
