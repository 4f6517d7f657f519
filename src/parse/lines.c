/*
 * lines.c - split decoded bytes into lines, whatever the chunking.
 *
 * Most lines lie wholly inside one chunk and are passed on in place,
 * without a copy. Only a line that straddles a chunk border is assembled
 * in `carry`, which never grows beyond max_line bytes: the tail of an
 * over-long line is counted (full_len) but not stored, so a 100 MB line
 * without a newline costs max_line bytes of memory.
 */
#include "lines.h"

#include <stdlib.h>
#include <string.h>

#include "common.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

void slg_lines_init(slg_lines *l, size_t max_line, slg_line_fn fn, void *ctx)
{
  memset(l, 0, sizeof *l);
  l->fn = fn;
  l->ctx = ctx;
  l->max_line = max_line ? max_line : 1;
  l->carry = slg_xmalloc(l->max_line);
}

void slg_lines_dispose(slg_lines *l)
{
  free(l->carry);
  l->carry = NULL;
}

static void emit(slg_lines *l, const char *p, size_t len, uint64_t full,
                 unsigned flags)
{
  slg_line line;
  /* CRLF: drop the CR. It is only known to be the last byte of the line
   * when the line was not cut (a cut line's tail is not stored). */
  if (!(flags & SLG_LINE_NO_NEWLINE) && full > 0) {
    int cr = 0;
    if (len == full)
      cr = len > 0 && p[len - 1] == '\r';
    else
      cr = l->carry_cut == 2; /* the skipped tail ended in CR */
    if (cr) {
      flags |= SLG_LINE_CRLF;
      full--;
      if (len > full)
        len = (size_t)full;
    }
  }
  line.ptr = p;
  line.len = len;
  line.full_len = full;
  line.flags = flags | (full > len ? SLG_LINE_CUT : 0u);
  l->fn(l->ctx, &line);
}

/* Appends bytes of a line in progress to the carry, keeping at most
 * max_line of them. */
static void carry_add(slg_lines *l, const char *p, size_t n)
{
  if (n == 0)
    return;
  size_t room = l->max_line - l->carry_len;
  size_t take = n < room ? n : room;
  memcpy(l->carry + l->carry_len, p, take);
  l->carry_len += take;
  if (take < n)
    l->carry_cut = (p[n - 1] == '\r') ? 2 : 1;
  else if (l->carry_cut)
    l->carry_cut = (p[n - 1] == '\r') ? 2 : 1;
  l->carry_full += n;
}

/* A line wholly inside the fed bytes: passed on in place, cut when too
 * long. */
static void emit_whole(slg_lines *l, const char *p, size_t n)
{
  if (n <= l->max_line) {
    emit(l, p, n, n, 0);
  } else {
    l->carry_cut = (p[n - 1] == '\r') ? 2 : 1;
    emit(l, p, l->max_line, n, 0);
    l->carry_cut = 0;
  }
}

#if defined(__SSE2__)
/* The positions of '\n' among the 64 bytes at p, as bits. One mask per 64
 * bytes beats a memchr call per line: Spark lines are ~150 bytes, too short
 * for memchr's vector loop to pay for its set-up. */
static inline uint64_t newlines64(const char *p)
{
  const __m128i nl = _mm_set1_epi8('\n');
  uint64_t m = 0;
  for (int k = 0; k < 4; k++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
    m |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl))
         << (16 * k);
  }
  return m;
}
#endif

void slg_lines_feed(slg_lines *l, const char *bytes, size_t len)
{
  const char *p = bytes, *end = bytes + len;
  if (len == 0)
    return;
  if (l->carry_full > 0) {
    /* The line carried from the previous bytes ends here, or not yet. */
    const char *nl = memchr(p, '\n', len);
    if (!nl) {
      carry_add(l, p, len);
      return;
    }
    carry_add(l, p, (size_t)(nl - p));
    emit(l, l->carry, l->carry_len, l->carry_full, 0);
    l->carry_len = 0;
    l->carry_full = 0;
    l->carry_cut = 0;
    p = nl + 1;
  }
  /* From here on p is at a line start and nothing is carried. */
  const char *scan = p; /* bytes before it hold no newline after p */
#if defined(__SSE2__)
  while (end - scan >= 64) {
    uint64_t m = newlines64(scan);
    while (m) {
      const char *nl = scan + __builtin_ctzll(m);
      m &= m - 1;
      emit_whole(l, p, (size_t)(nl - p));
      p = nl + 1;
    }
    scan += 64;
  }
#endif
  while (p < end) {
    const char *nl = memchr(scan, '\n', (size_t)(end - scan));
    if (!nl) {
      carry_add(l, p, (size_t)(end - p));
      return;
    }
    emit_whole(l, p, (size_t)(nl - p));
    p = scan = nl + 1;
  }
}

void slg_lines_finish(slg_lines *l)
{
  if (l->carry_full > 0)
    emit(l, l->carry, l->carry_len, l->carry_full, SLG_LINE_NO_NEWLINE);
  l->carry_len = 0;
  l->carry_full = 0;
  l->carry_cut = 0;
}
