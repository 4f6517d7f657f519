/*
 * fuzz_lines.c - the line splitter and the non-record classifier.
 *
 * The first byte chooses max_line (so cutting is exercised with small
 * caps) and a chunking seed; the rest is fed in those chunks. Checks that
 * every byte is accounted for: the full lengths plus terminators add up to
 * the input, delivered text never exceeds max_line, and a cut line is
 * flagged. Each delivered line is then classified.
 */
#include <string.h>

#include "classify.h"
#include "fuzz.h"
#include "lines.h"

typedef struct state {
  size_t max_line;
  uint64_t total; /* full_len + terminator bytes of every line */
  slg_context ctx;
} state;

static void on_line(void *ctx, const slg_line *line)
{
  state *s = ctx;
  fuzz_check(line->len <= s->max_line);
  fuzz_check(line->len <= line->full_len);
  fuzz_check(!(line->flags & SLG_LINE_CUT) == (line->len == line->full_len));
  s->total += line->full_len;
  if (!(line->flags & SLG_LINE_NO_NEWLINE))
    s->total += (line->flags & SLG_LINE_CRLF) ? 2 : 1;
  /* Touch every byte, so ASan sees a stale pointer. */
  volatile unsigned sum = 0;
  for (size_t i = 0; i < line->len; i++)
    sum += (unsigned char)line->ptr[i];
  (void)sum;
  int c = slg_classify_line(&s->ctx, slg_span_make(line->ptr, line->len));
  fuzz_check(c < (int)SLG_UNRECOGNIZED_COUNT);
  if (c < 0 && line->len)
    slg_context_record(&s->ctx, slg_span_make(line->ptr, line->len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  state s;
  memset(&s, 0, sizeof s);
  s.max_line = (size_t)1 << (data[0] & 15); /* 1 .. 32 KiB */
  uint64_t seed = data[0];
  data++;
  size--;
  slg_context_reset(&s.ctx);
  slg_lines l;
  slg_lines_init(&l, s.max_line, on_line, &s);
  size_t off = 0;
  while (off < size) {
    size_t n = 1 + (size_t)(fuzz_rand(&seed) % 64);
    if (n > size - off)
      n = size - off;
    slg_lines_feed(&l, (const char *)data + off, n);
    off += n;
  }
  slg_lines_finish(&l);
  slg_lines_dispose(&l);
  fuzz_check(s.total == size);
  return 0;
}
