/*
 * escape.c - the one escaper (escape.h): repair, then each context's
 * metacharacters.
 */
#include "escape.h"

#include <string.h>

/* The replacement of one repaired byte in ctx, or NULL to keep it. */
static const char *meta(char c, slg_esc ctx)
{
  switch (ctx) {
  case SLG_ESC_MARKDOWN:
    switch (c) {
    case '|': return "\\|"; /* ends a table cell */
    case '\\': return "\\\\"; /* would escape the escapes */
    case '<': return "&lt;";  /* raw HTML: <img src=...>, <script> */
    case '>': return "&gt;";
    case '&': return "&amp;"; /* an entity */
    case '[': return "\\[";  /* links and images: [login](http://...) */
    case ']': return "\\]";
    case '`': return "\\`";  /* code spans */
    case '*': return "\\*";  /* emphasis: __main__ stays __main__ */
    case '_': return "\\_";
    default: return NULL;
    }
  case SLG_ESC_XML:
    switch (c) {
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '&': return "&amp;";
    case '"': return "&quot;";
    case '\t': return "&#9;";
    default: return NULL;
    }
  case SLG_ESC_MERMAID:
    switch (c) {
    case ':': return "\xEF\xBC\x9A"; /* U+FF1A: ends the task's label */
    case '#': return "\xEF\xBC\x83"; /* U+FF03: starts a comment */
    case ';': return "\xEF\xBC\x9B"; /* U+FF1B: ends a statement */
    case '%': return "\xEF\xBC\x85"; /* U+FF05: %%{init}%% */
    case '"': return "\xEF\xBC\x82"; /* U+FF02 */
    case '\t': return " ";
    default: return NULL;
    }
  case SLG_ESC_TEXT:
    /* A tab's width is the terminal's to decide: a blank, one column. */
    return c == '\t' ? " " : NULL;
  case SLG_ESC_GITHUB_PROPERTY:
    if (c == ':')
      return "%3A";
    if (c == ',')
      return "%2C";
    /* fall through */
  case SLG_ESC_GITHUB:
    return c == '%' ? "%25" : c == '\r' ? "%0D" : c == '\n' ? "%0A" : NULL;
  default:
    return NULL;
  }
}

/*
 * The length of an invisible control at s[i..n) of repaired text that
 * must not reach a reader, or 0: the C1 controls (U+0080-U+009F; some
 * terminals take U+009B as ESC [), the line and paragraph separators
 * (U+2028, U+2029: line breaks to JavaScript and some viewers), the
 * bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), which reorder what is displayed ("Trojan Source"), and
 * the noncharacters U+FFFE and U+FFFF, which XML forbids.
 */
static size_t invisible(const unsigned char *s, size_t i, size_t n)
{
  if (s[i] == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
    return 2;
  if (s[i] == 0xE2 && i + 2 < n &&
      ((s[i + 1] == 0x80 && s[i + 2] >= 0xA8 && s[i + 2] <= 0xAE) ||
       (s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9)))
    return 3;
  if (s[i] == 0xEF && i + 2 < n && s[i + 1] == 0xBF &&
      (s[i + 2] == 0xBE || s[i + 2] == 0xBF))
    return 3;
  return 0;
}

void slg_escape(slg_buf *out, const char *s, size_t n, slg_esc ctx)
{
  if (ctx == SLG_ESC_JSON) {
    slg_json_escape(out, s, n);
    return;
  }
  slg_buf tmp = SLG_BUF_INIT;
  slg_buf_put_utf8(&tmp, s, n);
  const unsigned char *u = (const unsigned char *)tmp.ptr;
  size_t run = 0;
  for (size_t i = 0; i < tmp.len;) {
    const char *r = NULL;
    size_t k = 1;
    if (u[i] >= 0x80) {
      k = invisible(u, i, tmp.len);
      if (k)
        r = "\xEF\xBF\xBD"; /* U+FFFD */
      else
        k = 1;
    } else {
      r = meta(tmp.ptr[i], ctx);
    }
    if (!r) {
      i += k;
      continue;
    }
    slg_buf_put(out, tmp.ptr + run, i - run);
    slg_buf_puts(out, r);
    i += k;
    run = i;
  }
  if (run < tmp.len) /* tmp.ptr is NULL while tmp is empty */
    slg_buf_put(out, tmp.ptr + run, tmp.len - run);
  slg_buf_dispose(&tmp);
}

void slg_escape_str(slg_buf *out, const char *s, slg_esc ctx)
{
  if (s)
    slg_escape(out, s, strlen(s), ctx);
}
