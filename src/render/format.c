/*
 * format.c - the one style of each number, size, duration and time in
 * human output, and the text layout helpers (format.h).
 */
#include "format.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "width_table.h"

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

static int in_ranges(const slg_width_range *r, size_t n, uint32_t cp)
{
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cp > r[mid].last)
      lo = mid + 1;
    else if (cp < r[mid].first)
      hi = mid;
    else
      return 1;
  }
  return 0;
}

int slg_cp_width(uint32_t cp)
{
  if (cp >= 0x20 && cp < 0x7F)
    return 1;
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
    return 0;
  if (in_ranges(slg_width_zero, sizeof slg_width_zero / sizeof *slg_width_zero,
                cp))
    return 0;
  if (cp >= 0x1100 &&
      in_ranges(slg_width_wide, sizeof slg_width_wide / sizeof *slg_width_wide,
                cp))
    return 2;
  return 1;
}

/* The code point at s[0..n) and its length in *len; a malformed byte is
 * one byte of width 1 (U+FFFD). */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *len)
{
  unsigned c = s[0];
  size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (k == 0 || k > n) {
    *len = 1;
    return 0xFFFD;
  }
  uint32_t cp = k == 1 ? c : c & (0x7Fu >> k);
  for (size_t i = 1; i < k; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (s[i] & 0x3Fu);
  }
  *len = k;
  return cp;
}

/* The length of the ANSI SGR sequence at s[0..n) ("\x1b[31m"), or 0. */
static size_t sgr_len(const char *s, size_t n)
{
  if (n < 3 || s[0] != '\x1b' || s[1] != '[')
    return 0;
  for (size_t i = 2; i < n; i++) {
    if (s[i] == 'm')
      return i + 1;
    if (!((s[i] >= '0' && s[i] <= '9') || s[i] == ';'))
      return 0;
  }
  return 0;
}

size_t slg_text_width(const char *s, size_t n)
{
  size_t w = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c < 0x7F) {
      w++;
      i++;
      continue;
    }
    size_t k = c == 0x1b ? sgr_len(s + i, n - i) : 0;
    if (k) {
      i += k;
      continue;
    }
    uint32_t cp = next_cp((const unsigned char *)s + i, n - i, &k);
    w += (size_t)slg_cp_width(cp);
    i += k;
  }
  return w;
}

/* The bytes of s[0..n) that fill at most `width` columns from the start
 * (with the zero-width marks that follow the last character kept). */
static size_t head_bytes(const char *s, size_t n, size_t width)
{
  size_t w = 0, i = 0;
  while (i < n) {
    size_t k = sgr_len(s + i, n - i);
    if (k) {
      i += k;
      continue;
    }
    uint32_t cp = next_cp((const unsigned char *)s + i, n - i, &k);
    size_t cw = (size_t)slg_cp_width(cp);
    if (w + cw > width)
      break;
    w += cw;
    i += k;
  }
  return i;
}

/* Where the last `width` columns of s[0..n) start (a whole character,
 * its marks with it). */
static size_t tail_start(const char *s, size_t n, size_t width)
{
  size_t w = 0, i = n;
  while (i > 0) {
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
      j--;
    size_t k;
    uint32_t cp = next_cp((const unsigned char *)s + j, n - j, &k);
    if (k != i - j) { /* a stray continuation byte: one column */
      j = i - 1;
      cp = 0xFFFD;
    }
    size_t cw = (size_t)slg_cp_width(cp);
    if (w + cw > width)
      break;
    w += cw;
    i = j;
  }
  return i;
}

void slg_text_middle(slg_buf *out, const char *s, size_t n, size_t width)
{
  if (slg_text_width(s, n) <= width) {
    slg_buf_put(out, s, n);
    return;
  }
  if (width <= 3) {
    slg_buf_put(out, s, head_bytes(s, n, width));
    return;
  }
  /* The end usually says more (the file:line of a call site, the class
   * of a logger): it gets the odd column. */
  size_t avail = width - 3, head = avail / 2, tail = avail - head;
  size_t h = head_bytes(s, n, head);
  size_t t = tail_start(s, n, tail);
  if (t < h)
    t = h;
  slg_buf_put(out, s, h);
  slg_buf_puts(out, "...");
  slg_buf_put(out, s + t, n - t);
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

/* ------------------------------------------------------------ wrapping */

/*
 * Wraps display text s[0..n) (escaped; may hold SGR sequences) into out:
 * `col` columns are already on the line; continuation lines start with
 * `hang` blanks. A colour open at a break is reset before the newline
 * and opened again after the indent.
 */
static void wrap_raw(slg_buf *out, const char *s, size_t n, size_t col,
                     size_t hang, size_t width)
{
  char style[32] = "";
  int fresh = 1; /* no word on this line yet */
  if (hang + 8 > width) /* a narrow width: the hang must leave room */
    hang = width > 8 ? width - 8 : 0;
  size_t i = 0;
  while (i < n) {
    if (s[i] == '\n') {
      if (*style)
        slg_buf_puts(out, SLG_STYLE_RESET);
      slg_buf_putc(out, '\n');
      slg_buf_fill(out, ' ', hang);
      if (*style)
        slg_buf_puts(out, style);
      col = hang;
      fresh = 1;
      i++;
      while (i < n && s[i] == ' ')
        i++;
      continue;
    }
    if (s[i] == ' ') {
      i++;
      continue;
    }
    size_t wstart = i;
    while (i < n && s[i] != ' ' && s[i] != '\n')
      i++;
    const char *w = s + wstart;
    size_t len = i - wstart, ww = slg_text_width(w, len);
    if (!fresh && col + 1 + ww > width) {
      if (*style)
        slg_buf_puts(out, SLG_STYLE_RESET);
      slg_buf_putc(out, '\n');
      slg_buf_fill(out, ' ', hang);
      if (*style)
        slg_buf_puts(out, style);
      col = hang;
      fresh = 1;
    } else if (!fresh) {
      slg_buf_putc(out, ' ');
      col++;
    }
    /* The word, broken where it meets the width (a path or class name
     * longer than a line); SGR sequences tracked for the breaks. */
    for (size_t j = 0; j < len;) {
      size_t k = sgr_len(w + j, len - j);
      if (k) {
        if (k == 4 && memcmp(w + j, SLG_STYLE_RESET, 4) == 0)
          style[0] = '\0';
        else if (k < sizeof style)
          memcpy(style, w + j, k), style[k] = '\0';
        slg_buf_put(out, w + j, k);
        j += k;
        continue;
      }
      uint32_t cp = next_cp((const unsigned char *)w + j, len - j, &k);
      size_t cw = (size_t)slg_cp_width(cp);
      if (col + cw > width && col > hang) {
        if (*style)
          slg_buf_puts(out, SLG_STYLE_RESET);
        slg_buf_putc(out, '\n');
        slg_buf_fill(out, ' ', hang);
        if (*style)
          slg_buf_puts(out, style);
        col = hang;
      }
      slg_buf_put(out, w + j, k);
      col += cw;
      j += k;
    }
    fresh = 0;
  }
}

void slg_text_wrap(slg_buf *out, const char *text, size_t indent,
                   size_t width)
{
  slg_text_wrap_hang(out, text, indent, indent, width);
}

void slg_text_wrap_hang(slg_buf *out, const char *text, size_t first,
                        size_t indent, size_t width)
{
  if (!width)
    width = SLG_TEXT_WIDTH;
  size_t n = strlen(text);
  if (n && text[n - 1] == '\n') /* a final newline ends the last line */
    n--;
  /* Escaped line by line: a '\n' of the text is a forced break (a
   * config snippet), not a control character to replace. */
  slg_buf esc = SLG_BUF_INIT;
  for (size_t i = 0; i <= n;) {
    const char *nl = memchr(text + i, '\n', n - i);
    size_t end = nl ? (size_t)(nl - text) : n;
    slg_escape(&esc, text + i, end - i, SLG_ESC_TEXT);
    if (!nl)
      break;
    slg_buf_putc(&esc, '\n');
    i = end + 1;
  }
  slg_buf_fill(out, ' ', first);
  wrap_raw(out, esc.ptr ? esc.ptr : "", esc.len, first, indent, width);
  slg_buf_putc(out, '\n');
  slg_buf_dispose(&esc);
}

void slg_text_fit(slg_buf *out, size_t from, size_t width)
{
  if (!width)
    width = SLG_TEXT_WIDTH;
  /* Fast: most lines fit, and nothing is copied until one does not. */
  size_t i = from;
  while (i < out->len) {
    const char *nl = memchr(out->ptr + i, '\n', out->len - i);
    size_t end = nl ? (size_t)(nl - out->ptr) : out->len;
    if (end - i > width && slg_text_width(out->ptr + i, end - i) > width)
      break;
    i = end + 1;
  }
  if (i >= out->len)
    return;
  slg_buf rest = SLG_BUF_INIT;
  slg_buf_put(&rest, out->ptr + i, out->len - i);
  out->len = i;
  for (size_t p = 0; p < rest.len;) {
    const char *nl = memchr(rest.ptr + p, '\n', rest.len - p);
    size_t end = nl ? (size_t)(nl - rest.ptr) : rest.len;
    const char *line = rest.ptr + p;
    size_t len = end - p;
    if (slg_text_width(line, len) <= width) {
      slg_buf_put(out, line, len);
    } else {
      size_t lead = 0;
      while (lead < len && line[lead] == ' ')
        lead++;
      slg_buf_fill(out, ' ', lead);
      wrap_raw(out, line + lead, len - lead, lead, lead + 2, width);
    }
    if (nl)
      slg_buf_putc(out, '\n');
    p = end + 1;
  }
  slg_buf_dispose(&rest);
}

/* ------------------------------------------------------------ tables */

void slg_table_init(slg_table *t, const slg_col *cols, size_t ncols,
                    size_t indent, size_t width, int color)
{
  memset(t, 0, sizeof *t);
  t->cols = cols;
  t->ncols = ncols < SLG_TABLE_MAX_COLS ? ncols : SLG_TABLE_MAX_COLS;
  t->indent = indent;
  t->width = width ? width : SLG_TEXT_WIDTH;
  t->color = color;
  for (size_t c = 0; c < t->ncols; c++) {
    t->natural[c] = slg_text_width(cols[c].head, strlen(cols[c].head));
    t->shown[c] = 1;
  }
  slg_buf_init(&t->cells);
}

void slg_table_dispose(slg_table *t)
{
  slg_buf_dispose(&t->cells);
}

void slg_table_cell(slg_table *t, const char *s, size_t n, const char *style)
{
  if (t->ncells >= t->ncols)
    return;
  t->off[t->ncells] = t->cells.len;
  slg_escape(&t->cells, s, n, SLG_ESC_TEXT);
  t->style[t->ncells] = style;
  t->ncells++;
  t->off[t->ncells] = t->cells.len;
}

void slg_table_cell_str(slg_table *t, const char *s, const char *style)
{
  slg_table_cell(t, s ? s : "-", s ? strlen(s) : 1, style);
}

static size_t table_total(const slg_table *t)
{
  size_t total = t->indent, n = 0;
  for (size_t c = 0; c < t->ncols; c++)
    if (t->shown[c]) {
      total += t->w[c] + (n ? 2 : 0);
      n++;
    }
  return total;
}

/* Takes up to `excess` columns from the widest columns that may give way
 * (above their least width); returns what is still too much. */
static size_t table_shrink(slg_table *t, size_t excess, int any)
{
  while (excess) {
    size_t best = SIZE_MAX;
    for (size_t c = 0; c < t->ncols; c++) {
      if (!t->shown[c])
        continue;
      size_t least = any ? 1 : t->cols[c].min;
      if (!any && !(t->cols[c].flags & SLG_COL_SHRINK))
        continue;
      if (t->w[c] > least && (best == SIZE_MAX || t->w[c] > t->w[best]))
        best = c;
    }
    if (best == SIZE_MAX)
      break;
    t->w[best]--;
    excess--;
  }
  return excess;
}

void slg_table_layout(slg_table *t)
{
  for (;;) {
    for (size_t c = 0; c < t->ncols; c++)
      t->w[c] = t->natural[c];
    size_t total = table_total(t);
    if (total <= t->width ||
        table_shrink(t, total - t->width, 0) == 0)
      return;
    /* Drop the columns of lowest priority (several of the same go
     * together: FIRST and LAST) and try again. */
    int low = 0;
    for (size_t c = 0; c < t->ncols; c++)
      if (t->shown[c] && t->cols[c].prio > 0 &&
          (!low || t->cols[c].prio < low))
        low = t->cols[c].prio;
    if (!low)
      break;
    for (size_t c = 0; c < t->ncols; c++)
      if (t->shown[c] && t->cols[c].prio == low)
        t->shown[c] = 0;
  }
  /* Only columns that are never dropped are left, and they do not fit:
   * every one gives way (a very narrow --width). */
  size_t total = table_total(t);
  if (total > t->width)
    table_shrink(t, total - t->width, 1);
}

static size_t last_shown(const slg_table *t)
{
  size_t last = 0;
  for (size_t c = 0; c < t->ncols; c++)
    if (t->shown[c])
      last = c;
  return last;
}

/* One line of cells: text[c] of len[c] bytes, each shortened or padded
 * to its column. */
static void table_line(slg_table *t, slg_buf *out, const char *const *text,
                       const size_t *len, const char *const *style)
{
  size_t last = last_shown(t), start = out->len;
  int first = 1;
  slg_buf_fill(out, ' ', t->indent);
  for (size_t c = 0; c < t->ncols; c++) {
    if (!t->shown[c])
      continue;
    if (!first)
      slg_buf_puts(out, "  ");
    first = 0;
    size_t cw = slg_text_width(text[c], len[c]);
    size_t pad = cw < t->w[c] ? t->w[c] - cw : 0;
    if (t->cols[c].flags & SLG_COL_RIGHT)
      slg_buf_fill(out, ' ', pad);
    const char *st = t->color && style ? style[c] : NULL;
    if (st)
      slg_buf_puts(out, st);
    slg_text_middle(out, text[c], len[c], t->w[c]);
    if (st)
      slg_buf_puts(out, SLG_STYLE_RESET);
    if (!(t->cols[c].flags & SLG_COL_RIGHT) && c != last)
      slg_buf_fill(out, ' ', pad);
  }
  /* A last cell that was empty leaves blanks: none at a line's end. */
  while (out->len > start && out->ptr[out->len - 1] == ' ')
    out->len--;
  slg_buf_putc(out, '\n');
}

void slg_table_row(slg_table *t, slg_buf *out)
{
  const char *text[SLG_TABLE_MAX_COLS];
  size_t len[SLG_TABLE_MAX_COLS];
  for (size_t c = 0; c < t->ncols; c++) {
    text[c] = c < t->ncells ? t->cells.ptr + t->off[c] : "";
    len[c] = c < t->ncells ? t->off[c + 1] - t->off[c] : 0;
    if (!out) {
      size_t w = slg_text_width(text[c], len[c]);
      if (w > t->natural[c])
        t->natural[c] = w;
    }
  }
  if (out)
    table_line(t, out, text, len, t->style);
  slg_buf_clear(&t->cells);
  t->ncells = 0;
}

void slg_table_header(slg_table *t, slg_buf *out)
{
  const char *text[SLG_TABLE_MAX_COLS];
  size_t len[SLG_TABLE_MAX_COLS];
  for (size_t c = 0; c < t->ncols; c++) {
    text[c] = t->cols[c].head;
    len[c] = strlen(text[c]);
  }
  if (t->color)
    slg_buf_puts(out, SLG_STYLE_DIM);
  table_line(t, out, text, len, NULL);
  if (t->color) {
    /* The reset before the newline: nothing dim leaks past the line. */
    out->len--;
    slg_buf_puts(out, SLG_STYLE_RESET "\n");
  }
}
