/*
 * common.c - allocation that aborts on out-of-memory, the error table,
 * levels, timestamps and locale-free integer parsing shared by every
 * module of the core.
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>

const char *slg_strerror(int code)
{
  switch (code) {
#define SLG_ERRNO_TEXT(name, value, text)                                    \
  case value:                                                                \
    return text;
    SLG_ERRNO_MAP(SLG_ERRNO_TEXT)
#undef SLG_ERRNO_TEXT
  default:
    return "unknown error";
  }
}

static void (*oom_handler)(size_t n);

void slg_set_out_of_memory(void (*handler)(size_t n))
{
  oom_handler = handler;
}

/* Out-of-memory is not recoverable for a streaming analyser: stop, rather
 * than return a report that silently lacks data. The program's handler
 * decides how (the CLI: one line, exit status 5); without one, say so and
 * abort. */
static void out_of_memory(size_t n)
{
  if (oom_handler)
    oom_handler(n);
  fprintf(stderr, "sparklog: out of memory (allocating %zu bytes)\n", n);
  abort();
}

void *slg_xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if (!p)
    out_of_memory(n);
  return p;
}

void *slg_xcalloc(size_t count, size_t size)
{
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p)
    out_of_memory(count * size);
  return p;
}

void *slg_xrealloc(void *p, size_t n)
{
  void *q = realloc(p, n ? n : 1);
  if (!q)
    out_of_memory(n);
  return q;
}

char *slg_xstrndup(const char *s, size_t n)
{
  char *p = slg_xmalloc(n + 1);
  if (n)
    memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/*
 * Called several times per task line ("task 12.0 in stage 0.0 (TID 12)"),
 * so the common case is kept cheap: up to 19 digits cannot overflow 64
 * bits (10^19 - 1 < 2^64), so they are accumulated with no check and the
 * value is compared with `max` once. Only a 20th digit needs a wrap test;
 * beyond that the value is too large whatever `max` is. A prefix of the
 * digits is never larger than the whole number, so "the number exceeds
 * max" is the same as "some prefix exceeded max" (the old per-digit test).
 */
int slg_parse_u64(const char **p, const char *end, uint64_t max,
                  uint64_t *out)
{
  const char *s = *p;
  uint64_t v = 0;
  int overflow = 0;
  size_t lim = (size_t)(end - s) < 19 ? (size_t)(end - s) : 19;
  size_t k = 0;
  if (s >= end || !slg_is_digit((unsigned char)*s))
    return 0;
  for (; k < lim && slg_is_digit((unsigned char)s[k]); k++)
    v = v * 10 + (uint64_t)(s[k] - '0');
  s += k;
  for (; s < end && slg_is_digit((unsigned char)*s); s++) {
    uint64_t d = (uint64_t)(*s - '0');
    if (!overflow && v > (UINT64_MAX - d) / 10)
      overflow = 1;
    if (!overflow)
      v = v * 10 + d;
  }
  *p = s;
  if (overflow || v > max)
    return -1;
  *out = v;
  return 1;
}

const char *slg_level_name(slg_level level)
{
  static const char *const names[] = {
#define SLG_LEVEL_STR(name) #name,
      SLG_LEVEL_MAP(SLG_LEVEL_STR)
#undef SLG_LEVEL_STR
  };
  if (level < 0 || level >= SLG_LEVEL_COUNT)
    return "NONE";
  return names[level];
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

int64_t slg_time_ms(const slg_time *t)
{
  if (!(t->flags & SLG_TIME_HAS_TIME))
    return -1;
  int64_t ms = ((int64_t)t->hour * 3600 + t->minute * 60 + t->second) *
                   1000 +
               ((t->flags & SLG_TIME_HAS_MS) ? t->millisecond : 0);
  if (t->flags & SLG_TIME_HAS_DATE)
    ms += days_from_civil(t->year, t->month, t->day) * 86400000LL;
  return ms;
}

int slg_time_cmp(const slg_time *a, const slg_time *b)
{
  int64_t x = slg_time_ms(a), y = slg_time_ms(b);
  return (x > y) - (x < y);
}

size_t slg_time_format(const slg_time *t, char *buf)
{
  int n = 0;
  if (!(t->flags & SLG_TIME_HAS_TIME))
    return 0;
  /* By hand where every field fits its digits (a report writes two
   * timestamps per stage); snprintf for anything else. */
  if (t->year <= 9999 && t->month <= 99 && t->day <= 99 && t->hour <= 99 &&
      t->minute <= 99 && t->second <= 99 && t->millisecond <= 999) {
    char *p = buf;
    if (t->flags & SLG_TIME_HAS_DATE) {
      p = slg_put_digits(p, t->year, 4);
      *p++ = '-';
      p = slg_put_digits(p, t->month, 2);
      *p++ = '-';
      p = slg_put_digits(p, t->day, 2);
      *p++ = 'T';
    }
    p = slg_put_digits(p, t->hour, 2);
    *p++ = ':';
    p = slg_put_digits(p, t->minute, 2);
    *p++ = ':';
    p = slg_put_digits(p, t->second, 2);
    if (t->flags & SLG_TIME_HAS_MS) {
      *p++ = '.';
      p = slg_put_digits(p, t->millisecond, 3);
    }
    if (t->flags & SLG_TIME_UTC)
      *p++ = 'Z';
    *p = '\0';
    return (size_t)(p - buf);
  }
  if (t->flags & SLG_TIME_HAS_DATE)
    n = snprintf(buf, 32, "%04u-%02u-%02uT", (unsigned)t->year,
                 (unsigned)t->month, (unsigned)t->day);
  n += snprintf(buf + n, (size_t)(32 - n), "%02u:%02u:%02u",
                (unsigned)t->hour, (unsigned)t->minute, (unsigned)t->second);
  if (t->flags & SLG_TIME_HAS_MS)
    n += snprintf(buf + n, (size_t)(32 - n), ".%03u",
                  (unsigned)t->millisecond);
  if (t->flags & SLG_TIME_UTC)
    buf[n++] = 'Z', buf[n] = '\0';
  return (size_t)n;
}

const char *slg_version(void)
{
  return SLG_VERSION;
}

int slg_version_number(void)
{
  return SLG_VERSION_NUMBER;
}
