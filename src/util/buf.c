/*
 * buf.c - growable buffer, UTF-8 repair and a small JSON writer.
 *
 * Logs are arbitrary bytes; our output must not be. Every string that
 * leaves the library goes through utf8_next(), which accepts well-formed
 * UTF-8 and maps each maximal ill-formed subpart to one U+FFFD, the
 * practice the Unicode standard recommends (and what browsers do).
 */
#include "buf.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

void slg_buf_init(slg_buf *b)
{
  memset(b, 0, sizeof(*b));
}

void slg_buf_dispose(slg_buf *b)
{
  free(b->ptr);
  slg_buf_init(b);
}

void slg_buf_clear(slg_buf *b) { b->len = 0; }

void slg_buf_set_sink(slg_buf *b, slg_buf_sink fn, void *ctx, size_t bound)
{
  b->sink = fn;
  b->sink_ctx = ctx;
  b->bound = bound;
  b->sink_failed = 0;
  b->limit = fn != NULL && bound < b->cap ? bound : b->cap;
}

int slg_buf_flush(slg_buf *b)
{
  if (b->sink == NULL)
    return 0;
  if (b->len > 0 && !b->sink_failed &&
      b->sink(b->sink_ctx, b->ptr, b->len) != 0)
    b->sink_failed = 1;
  b->len = 0;
  return b->sink_failed;
}

void slg_buf_grow(slg_buf *b, size_t extra)
{
  /* Every writer asks for room here before it runs out: the moment to
   * hand a sink what is there. */
  if (b->sink != NULL && b->len > 0 && b->len + extra >= b->bound)
    slg_buf_flush(b);
  size_t need = b->len + extra + 1; /* room for a NUL */
  if (need > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
      cap *= 2;
    b->ptr = slg_xrealloc(b->ptr, cap);
    b->cap = cap;
  }
  /* With a sink, the next put past the bound comes back here. */
  b->limit = b->sink != NULL && b->bound < b->cap ? b->bound : b->cap;
}

/* The writers' common case, inlined: room is there (a report is
 * millions of small pieces, and a call and a grow check per piece were
 * a third of rendering the JSON). */
static inline void put(slg_buf *b, const void *p, size_t n)
{
  if (b->len + n >= b->limit)
    slg_buf_grow(b, n);
  memcpy(b->ptr + b->len, p, n);
  b->len += n;
}

static inline void putc_(slg_buf *b, char c)
{
  if (b->len + 1 >= b->limit)
    slg_buf_grow(b, 1);
  b->ptr[b->len++] = c;
}

void slg_buf_put(slg_buf *b, const void *p, size_t n)
{
  if (n)
    put(b, p, n);
}

void slg_buf_puts(slg_buf *b, const char *s) { slg_buf_put(b, s, strlen(s)); }

void slg_buf_putc(slg_buf *b, char c) { putc_(b, c); }

void slg_buf_fill(slg_buf *b, char c, size_t n)
{
  slg_buf_grow(b, n);
  memset(b->ptr + b->len, c, n);
  b->len += n;
}

void slg_buf_vprintf(slg_buf *b, const char *fmt, va_list ap)
{
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n <= 0)
    return;
  slg_buf_grow(b, (size_t)n);
  vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void slg_buf_printf(slg_buf *b, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  slg_buf_vprintf(b, fmt, ap);
  va_end(ap);
}

const char *slg_buf_cstr(slg_buf *b)
{
  slg_buf_grow(b, 0);
  b->ptr[b->len] = '\0';
  return b->ptr;
}

/*
 * Length of the well-formed UTF-8 sequence at s[0..n), or the negated
 * length of the maximal ill-formed subpart to replace with one U+FFFD.
 * n > 0.
 */
static ptrdiff_t utf8_next(const unsigned char *s, size_t n)
{
  unsigned c = s[0];
  unsigned lo = 0x80, hi = 0xBF;
  size_t need;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    need = 1;
  else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0)
      lo = 0xA0;
    else if (c == 0xED)
      hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0)
      lo = 0x90;
    else if (c == 0xF4)
      hi = 0x8F;
  } else
    return -1;
  for (size_t i = 1; i <= need; i++) {
    if (i >= n || s[i] < lo || s[i] > hi)
      return -(ptrdiff_t)i;
    lo = 0x80;
    hi = 0xBF;
  }
  return (ptrdiff_t)(need + 1);
}

static const char replacement[] = "\xEF\xBF\xBD";

void slg_buf_put_utf8(slg_buf *b, const char *str, size_t n)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, run = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c >= 0x20 && c < 0x7F) {
      i++;
      continue;
    }
    ptrdiff_t k = (c < 0x80) ? ((c == '\t') ? 1 : -1) : utf8_next(s + i, n - i);
    if (k > 0) {
      i += (size_t)k;
      continue;
    }
    slg_buf_put(b, s + run, i - run);
    slg_buf_put(b, replacement, 3);
    i += (size_t)(-k);
    run = i;
  }
  slg_buf_put(b, s + run, i - run);
}

/* The length of the run at s[0..n) that JSON takes as it is: no control
 * byte, no byte of 0x80 or above, no '"' or '\\'. Sixteen bytes at a
 * time: the names and messages of a report are mostly such runs. */
static size_t plain_run(const unsigned char *s, size_t n)
{
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    /* Signed: bytes of 0x80 and above are below 0x20 too. */
    __m128i bad = _mm_or_si128(
        _mm_cmplt_epi8(v, space),
        _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    unsigned m = (unsigned)_mm_movemask_epi8(bad);
    if (m)
      return i + (size_t)__builtin_ctz(m);
  }
#endif
  /* Then eight at a time, with the exact "has a byte" tests of Bit
   * Twiddling Hacks: below 0x20, 0x80 and above, '"', '\\'. */
  const uint64_t ones = UINT64_C(0x0101010101010101);
  const uint64_t high = UINT64_C(0x8080808080808080);
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    uint64_t q = x ^ (ones * '"'), k = x ^ (ones * '\\');
    uint64_t bad = ((x - ones * 0x20) & ~x) | x | ((q - ones) & ~q) |
                   ((k - ones) & ~k);
    if (bad & high)
      break;
  }
  for (; i < n; i++) {
    unsigned char c = s[i];
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
      break;
  }
  return i;
}

void slg_json_escape(slg_buf *b, const char *str, size_t n)
{
  static const char hex[] = "0123456789abcdef";
  const unsigned char *s = (const unsigned char *)str;
  size_t i = plain_run(s, n), run = 0;
  if (i == n) {
    put(b, s, n);
    return;
  }
  while (i < n) {
    unsigned char c = s[i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      i++;
      continue;
    }
    slg_buf_put(b, s + run, i - run);
    if (c >= 0x80) {
      ptrdiff_t k = utf8_next(s + i, n - i);
      if (k > 0) {
        slg_buf_put(b, s + i, (size_t)k);
        i += (size_t)k;
      } else {
        slg_buf_put(b, replacement, 3);
        i += (size_t)(-k);
      }
    } else {
      char esc[7];
      switch (c) {
      case '"': slg_buf_put(b, "\\\"", 2); break;
      case '\\': slg_buf_put(b, "\\\\", 2); break;
      case '\n': slg_buf_put(b, "\\n", 2); break;
      case '\r': slg_buf_put(b, "\\r", 2); break;
      case '\t': slg_buf_put(b, "\\t", 2); break;
      default:
        esc[0] = '\\', esc[1] = 'u', esc[2] = '0', esc[3] = '0';
        esc[4] = hex[c >> 4], esc[5] = hex[c & 15];
        slg_buf_put(b, esc, 6);
      }
      i++;
    }
    run = i;
  }
  slg_buf_put(b, s + run, i - run);
}

/* ------------------------------------------------------------ JSON writer */

void slg_json_init(slg_json *j, slg_buf *out, int pretty)
{
  memset(j, 0, sizeof *j);
  j->out = out;
  j->pretty = pretty;
}

static void newline(slg_json *j)
{
  /* A newline and up to 32 levels of two-space indent. */
  static const char indent[] = "\n                                "
                               "                                ";
  if (!j->pretty)
    return;
  put(j->out, indent, 1 + (size_t)j->depth * 2);
}

/* Separator before a value or key at the current depth. */
static void before_value(slg_json *j)
{
  if (j->after_key) {
    j->after_key = 0;
    return;
  }
  if (j->need_comma[j->depth])
    putc_(j->out, ',');
  if (j->depth > 0)
    newline(j);
  j->need_comma[j->depth] = 1;
}

static void open(slg_json *j, char c)
{
  before_value(j);
  putc_(j->out, c);
  if (j->depth < 32)
    j->depth++;
  j->need_comma[j->depth] = 0;
}

static void close_(slg_json *j, char c)
{
  int had = j->need_comma[j->depth];
  if (j->depth > 0)
    j->depth--;
  if (had)
    newline(j);
  putc_(j->out, c);
}

void slg_json_object_begin(slg_json *j) { open(j, '{'); }
void slg_json_object_end(slg_json *j) { close_(j, '}'); }
void slg_json_array_begin(slg_json *j) { open(j, '['); }
void slg_json_array_end(slg_json *j) { close_(j, ']'); }

/* A key's text, quoted, with `escape` deciding how its bytes go in. */
static void key(slg_json *j, const char *key, size_t n, int escape)
{
  before_value(j);
  putc_(j->out, '"');
  if (escape)
    slg_json_escape(j->out, key, n);
  else
    put(j->out, key, n);
  if (j->pretty)
    put(j->out, "\": ", 3);
  else
    put(j->out, "\":", 2);
  j->after_key = 1;
}

void slg_json_keyn(slg_json *j, const char *k, size_t n) { key(j, k, n, 1); }

void slg_json_key_plain(slg_json *j, const char *k, size_t n)
{
  assert(plain_run((const unsigned char *)k, n) == n);
  key(j, k, n, 0);
}

void slg_json_strn(slg_json *j, const char *s, size_t n)
{
  before_value(j);
  putc_(j->out, '"');
  slg_json_escape(j->out, s, n);
  putc_(j->out, '"');
}

void slg_json_str(slg_json *j, const char *s)
{
  if (!s) {
    slg_json_null(j);
    return;
  }
  slg_json_strn(j, s, strlen(s));
}

/* Decimal digits of v, as "%llu" writes them, without a vsnprintf pass
 * to measure and another to write: reports hold thousands of numbers. */
static void put_u64(slg_buf *b, int neg, uint64_t v)
{
  char tmp[21];
  size_t i = sizeof tmp;
  do {
    tmp[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  if (neg)
    tmp[--i] = '-';
  put(b, tmp + i, sizeof tmp - i);
}

void slg_json_u64(slg_json *j, uint64_t v)
{
  before_value(j);
  put_u64(j->out, 0, v);
}

void slg_json_i64(slg_json *j, int64_t v)
{
  before_value(j);
  /* The magnitude in unsigned arithmetic: -INT64_MIN does not fit. */
  put_u64(j->out, v < 0, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
}

/*
 * "%.*f" of v with its trailing zeros trimmed, for the usual durations:
 * v * 10^decimals rounded to an integer. Returns 0 (nothing written) where
 * that could differ from printf's exact decimal rounding: a product near
 * a half (the multiplication's error could move it across) or too large
 * for its rounding error to stay far below one.
 */
static int put_fixed(slg_buf *b, double v, int decimals)
{
  static const double scale[] = {1, 10, 100, 1000, 1e4, 1e5, 1e6};
  if (decimals < 1 || decimals > 6)
    return 0;
  double a = fabs(v) * scale[decimals];
  if (!(a < 8796093022208.0)) /* 2^43: the product's error below 2^-9 */
    return 0;
  double fl = floor(a), frac = a - fl;
  if (frac > 0.49 && frac < 0.51)
    return 0;
  uint64_t r = (uint64_t)fl + (frac > 0.5);
  uint64_t unit = (uint64_t)scale[decimals];
  uint64_t whole = r / unit, part = r % unit;
  put_u64(b, v < 0 && r != 0, whole); /* "-0.000" is written "0" */
  if (part) {
    int d = decimals;
    while (part % 10 == 0) { /* trailing zeros trimmed */
      part /= 10;
      d--;
    }
    char tmp[8];
    tmp[0] = '.';
    slg_put_digits(tmp + 1, (unsigned)part, d); /* part < 10^6 */
    put(b, tmp, 1 + (size_t)d);
  }
  return 1;
}

void slg_json_double(slg_json *j, double v, int decimals)
{
  if (!isfinite(v)) {
    slg_json_null(j);
    return;
  }
  before_value(j);
  /* A whole number (most durations are whole milliseconds): what "%.*f"
   * prints once its zeros are trimmed, without printf's exact-decimal
   * machinery. */
  if (fabs(v) < 9007199254740992.0 && v == (double)(int64_t)v) {
    int64_t w = (int64_t)v;
    put_u64(j->out, w < 0, w < 0 ? 0 - (uint64_t)w : (uint64_t)w);
    return;
  }
  if (put_fixed(j->out, v, decimals))
    return;
  char tmp[64];
  int n = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
  /* snprintf uses the C locale's '.' as long as nobody called setlocale
   * with LC_NUMERIC; the CLI never does. Trim trailing zeros. */
  if (n > 0 && decimals > 0) {
    while (n > 1 && tmp[n - 1] == '0')
      n--;
    if (tmp[n - 1] == '.')
      n--;
  }
  if (n == 2 && tmp[0] == '-' && tmp[1] == '0')
    tmp[0] = '0', n = 1;
  slg_buf_put(j->out, tmp, (size_t)n);
}

void slg_json_bool(slg_json *j, int v)
{
  before_value(j);
  slg_buf_puts(j->out, v ? "true" : "false");
}

void slg_json_null(slg_json *j)
{
  before_value(j);
  slg_buf_puts(j->out, "null");
}

void slg_json_time(slg_json *j, const slg_time *t)
{
  char tmp[32];
  size_t n = t ? slg_time_format(t, tmp) : 0;
  if (!n) {
    slg_json_null(j);
    return;
  }
  slg_json_strn(j, tmp, n);
}
