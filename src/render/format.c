/*
 * format.c - the one style of each number, size, duration and time in
 * human output, and the text layout helpers (format.h).
 */
#include "format.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"

const char *slg_fmt_count(uint64_t v, char *buf)
{
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
  int o = 0;
  for (int i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0)
      buf[o++] = ',';
    buf[o++] = tmp[i];
  }
  buf[o] = '\0';
  return buf;
}

/*
 * One compact style that fits an 80-column table: two units at most, the
 * larger first. The unit is chosen after rounding, so that 59.96 s is
 * "1m00s", not "60.0 s", and 23h59m40s is "1d00h".
 */
const char *slg_fmt_duration(double ms, char *buf)
{
  if (!(ms >= 0)) { /* negative: unknown; NaN too */
    strcpy(buf, "-");
    return buf;
  }
  if (ms > 1e15) /* past any real run (31,000 years): keep it printable */
    ms = 1e15;
  uint64_t v = (uint64_t)(ms + 0.5);
  if (v < 1000) {
    snprintf(buf, SLG_FMT_SIZE, "%llu ms", (unsigned long long)v);
    return buf;
  }
  v = (uint64_t)(ms / 100 + 0.5); /* tenths of a second */
  if (v < 600) {
    snprintf(buf, SLG_FMT_SIZE, "%llu.%llu s", (unsigned long long)(v / 10),
             (unsigned long long)(v % 10));
    return buf;
  }
  v = (uint64_t)(ms / 1000 + 0.5); /* seconds */
  if (v < 3600) {
    snprintf(buf, SLG_FMT_SIZE, "%llum%02llus", (unsigned long long)(v / 60),
             (unsigned long long)(v % 60));
    return buf;
  }
  v = (uint64_t)(ms / 60000 + 0.5); /* minutes */
  if (v < 24 * 60) {
    snprintf(buf, SLG_FMT_SIZE, "%lluh%02llum", (unsigned long long)(v / 60),
             (unsigned long long)(v % 60));
    return buf;
  }
  v = (uint64_t)(ms / 3600000 + 0.5); /* hours */
  snprintf(buf, SLG_FMT_SIZE, "%llud%02lluh", (unsigned long long)(v / 24),
           (unsigned long long)(v % 24));
  return buf;
}

const char *slg_fmt_bytes(uint64_t v, char *buf)
{
  static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB",
                                      "PiB", "EiB"};
  double d = (double)v;
  int u = 0;
  /* A unit up once the value would print as 1024.0 of this one. */
  while (u < 6 && d >= (u ? 1023.95 : 1024))
    d /= 1024, u++;
  if (u == 0)
    snprintf(buf, SLG_FMT_SIZE, "%llu B", (unsigned long long)v);
  else
    snprintf(buf, SLG_FMT_SIZE, "%.1f %s", d, units[u]);
  return buf;
}

const char *slg_fmt_time(const slg_time *t, char *buf)
{
  size_t n = slg_time_format(t, buf);
  if (!n) {
    strcpy(buf, "-");
    return buf;
  }
  char *T = strchr(buf, 'T');
  if (T)
    *T = ' ';
  return buf;
}

/* ------------------------------------------------------------ text */

void slg_styled(slg_buf *b, int color, const char *style, const char *text)
{
  if (!color) {
    slg_buf_puts(b, text);
    return;
  }
  /* Reset before every newline and style again after it: a line cut off
   * by `head` or a pager never leaves the terminal coloured. */
  slg_buf_puts(b, style);
  for (const char *p = text;;) {
    const char *nl = strchr(p, '\n');
    if (nl == NULL) {
      slg_buf_puts(b, p);
      slg_buf_puts(b, SLG_STYLE_RESET);
      return;
    }
    slg_buf_put(b, p, (size_t)(nl - p));
    slg_buf_puts(b, SLG_STYLE_RESET "\n");
    p = nl + 1;
    if (*p == '\0')
      return;
    slg_buf_puts(b, style);
  }
}

size_t slg_text_width(const char *s, size_t n)
{
  size_t w = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      w++;
  return w;
}

void slg_put_cell(slg_buf *b, const char *s, size_t n, size_t width,
                  int right)
{
  size_t start = b->len;
  slg_escape(b, s, n, SLG_ESC_TEXT);
  size_t w = slg_text_width(b->ptr + start, b->len - start);
  if (w >= width)
    return;
  if (!right) {
    slg_buf_fill(b, ' ', width - w);
    return;
  }
  /* Right-align: move the cell's bytes after the padding. */
  size_t len = b->len - start, pad = width - w;
  slg_buf_grow(b, pad);
  memmove(b->ptr + start + pad, b->ptr + start, len);
  memset(b->ptr + start, ' ', pad);
  b->len += pad;
}

void slg_text_wrap(slg_buf *out, const char *text, size_t indent)
{
  slg_text_wrap_hang(out, text, indent, indent);
}

void slg_text_wrap_hang(slg_buf *out, const char *text, size_t first,
                        size_t indent)
{
  size_t col = first;
  int fresh = 1; /* no word on this line yet */
  slg_buf_fill(out, ' ', first);
  const char *s = text;
  while (*s) {
    /* A final newline ends the last line: no empty indented line. */
    if (*s == '\n' && s[1] == '\0')
      break;
    if (*s == '\n') { /* a forced break, e.g. a config snippet */
      slg_buf_putc(out, '\n');
      slg_buf_fill(out, ' ', indent);
      col = indent;
      fresh = 1;
      s++;
      while (*s == ' ')
        s++;
      continue;
    }
    const char *w = s;
    while (*s && *s != ' ' && *s != '\n')
      s++;
    size_t len = (size_t)(s - w);
    if (len == 0) { /* leading blanks */
      while (*s == ' ')
        s++;
      continue;
    }
    if (!fresh && col + 1 + len > 78) {
      slg_buf_putc(out, '\n');
      slg_buf_fill(out, ' ', indent);
      col = indent;
    } else if (!fresh) {
      slg_buf_putc(out, ' ');
      col++;
    }
    slg_escape(out, w, len, SLG_ESC_TEXT);
    col += len;
    fresh = 0;
    while (*s == ' ')
      s++;
  }
  slg_buf_putc(out, '\n');
}
