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
    return c == '|' ? "\\|" : NULL;
  case SLG_ESC_XML:
    switch (c) {
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '&': return "&amp;";
    case '"': return "&quot;";
    case '\t': return "&#9;";
    default: return NULL;
    }
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

void slg_escape(slg_buf *out, const char *s, size_t n, slg_esc ctx)
{
  if (ctx == SLG_ESC_JSON) {
    slg_json_escape(out, s, n);
    return;
  }
  if (ctx == SLG_ESC_TEXT) {
    slg_buf_put_utf8(out, s, n);
    return;
  }
  slg_buf tmp = SLG_BUF_INIT;
  slg_buf_put_utf8(&tmp, s, n);
  size_t run = 0;
  for (size_t i = 0; i < tmp.len; i++) {
    const char *r = meta(tmp.ptr[i], ctx);
    if (!r)
      continue;
    slg_buf_put(out, tmp.ptr + run, i - run);
    slg_buf_puts(out, r);
    run = i + 1;
  }
  slg_buf_put(out, tmp.ptr + run, tmp.len - run);
  slg_buf_dispose(&tmp);
}

void slg_escape_str(slg_buf *out, const char *s, slg_esc ctx)
{
  if (s)
    slg_escape(out, s, strlen(s), ctx);
}
