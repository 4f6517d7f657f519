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

void slg_lines_feed(slg_lines *l, const char *bytes, size_t len)
{
  const char *p = bytes, *end = bytes + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) {
      carry_add(l, p, (size_t)(end - p));
      return;
    }
    size_t n = (size_t)(nl - p);
    if (l->carry_full == 0) {
      /* Whole line inside this chunk: no copy unless it is too long. */
      if (n <= l->max_line) {
        emit(l, p, n, n, 0);
      } else {
        l->carry_cut = (p[n - 1] == '\r') ? 2 : 1;
        emit(l, p, l->max_line, n, 0);
        l->carry_cut = 0;
      }
    } else {
      carry_add(l, p, n);
      emit(l, l->carry, l->carry_len, l->carry_full, 0);
      l->carry_len = 0;
      l->carry_full = 0;
      l->carry_cut = 0;
    }
    p = nl + 1;
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
