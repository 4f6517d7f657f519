/*
 * fuzz_pattern.c - the --layout ConversionPattern compiler and matcher.
 *
 * Input: a ConversionPattern on the first line, then log lines. The
 * pattern is compiled directly (slg_pattern_compile) and through the
 * detector (slg_layout_new), which must agree on whether it compiles;
 * when it does, every line is matched and the tokens checked to be slices
 * of the line. A rejected pattern must come with a one-line reason.
 */
#include <string.h>

#include "fuzz.h"
#include "layout.h"
#include "layout_pattern.h"

static void check_tokens(const char *line, size_t len, const slg_record *r)
{
  fuzz_check(fuzz_span_inside(r->thread.ptr, r->thread.len, line, len));
  fuzz_check(fuzz_span_inside(r->logger.ptr, r->logger.len, line, len));
  /* A JSON-layout message is unescaped into the detector's scratch
   * buffer; elsewhere it is a slice of the line. Either way every byte
   * must be readable (ASan checks the reads). */
  if (!fuzz_span_inside(r->message.ptr, r->message.len, line, len))
    fuzz_touch(r->message.ptr, r->message.len);
  fuzz_check(r->level >= SLG_LEVEL_NONE && r->level < SLG_LEVEL_COUNT);
  if (r->time.flags & SLG_TIME_HAS_TIME) {
    char buf[32];
    fuzz_check(slg_time_format(&r->time, buf) < sizeof buf);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *p = (const char *)data, *end = p + size;
  const char *nl = memchr(p, '\n', size);
  size_t plen = nl ? (size_t)(nl - p) : size;
  if (plen > 4096)
    return 0; /* the CLI takes a pattern from argv; keep runs fast */
  char *conv = malloc(plen + 1);
  if (!conv)
    abort();
  memcpy(conv, p, plen);
  conv[plen] = 0; /* an embedded NUL just shortens the pattern */

  char err1[256], err2[256];
  memset(err1, 0x7f, sizeof err1);
  slg_pattern *pat = NULL;
  int rc1 = slg_pattern_compile(&pat, conv, err1);
  slg_layout *l = NULL;
  int rc2 = slg_layout_new(&l, conv, 0, err2);
  fuzz_check((rc1 < 0) == (rc2 < 0));
  if (rc1 < 0) {
    fuzz_check(memchr(err1, 0, sizeof err1) != NULL);
    fuzz_check(strchr(err1, '\n') == NULL);
    fuzz_check(err1[0] != 0);
    free(conv);
    return 0;
  }
  fuzz_check(slg_pattern_regex(pat) != NULL);
  p += plen + (nl ? 1 : 0);
  while (p < end) {
    nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    slg_record r;
    memset(&r, 0, sizeof r);
    if (slg_pattern_match(pat, p, len, &r))
      check_tokens(p, len, &r);
    memset(&r, 0, sizeof r);
    if (slg_layout_parse(l, p, len, &r))
      check_tokens(p, len, &r);
    p += len + (nl ? 1 : 0);
  }
  slg_pattern_free(pat);
  slg_layout_free(l);
  free(conv);
  return 0;
}
