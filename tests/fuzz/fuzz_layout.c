/*
 * fuzz_layout.c - layout detection and tokenizing (slg_layout_parse).
 *
 * One detector per input, as in a real run, so shapes registered by early
 * lines shape the parsing of later ones. Every token must be a slice of
 * the line, the layout id must be in range and its pattern printable, and
 * the canonical short logger name must be a slice of the logger. The
 * detectors have relays (the built-in ones and FUZZ_UNWRAP): a record
 * read from a relay's message names a relay that has a name, and lies
 * past the relay's header.
 */
#include <string.h>

#include "fuzz.h"
#include "layout.h"

static void check_record(slg_layout *l, const char *line, size_t len,
                         const slg_record *r)
{
  fuzz_check(fuzz_span_inside(r->thread.ptr, r->thread.len, line, len));
  fuzz_check(fuzz_span_inside(r->logger.ptr, r->logger.len, line, len));
  /* A JSON-layout message is unescaped into the detector's scratch
   * buffer; elsewhere it is a slice of the line. Either way every byte
   * must be readable (ASan checks the reads). */
  if (!fuzz_span_inside(r->message.ptr, r->message.len, line, len))
    fuzz_touch(r->message.ptr, r->message.len);
  fuzz_check(r->prefix_len <= len);
  fuzz_check(r->level >= SLG_LEVEL_NONE && r->level < SLG_LEVEL_COUNT);
  fuzz_check(r->layout_id <= SLG_LAYOUT_OTHER);
  if (r->time.flags & SLG_TIME_HAS_TIME) {
    fuzz_check(r->time.hour < 24 && r->time.minute < 60);
    fuzz_check(r->time.second < 61 && r->time.millisecond < 1000);
    char buf[32];
    fuzz_check(slg_time_format(&r->time, buf) < sizeof buf);
  }
  if (r->time.flags & SLG_TIME_HAS_DATE)
    fuzz_check(r->time.month >= 1 && r->time.month <= 12 && r->time.day >= 1 &&
               r->time.day <= 31);
  if (r->layout_id < slg_layout_count(l)) {
    const char *pat = slg_layout_pattern(l, r->layout_id);
    fuzz_check(pat != NULL);
    fuzz_check(strlen(pat) < 4096);
  }
  slg_span s = slg_logger_short(r->logger);
  fuzz_check(fuzz_span_inside(s.ptr, s.len, r->logger.ptr, r->logger.len));
  fuzz_check(r->relay <= SLG_MAX_RELAYS);
  if (r->relay) {
    const char *name = slg_layout_relay_name(l, r->relay - 1u);
    fuzz_check(name != NULL && strlen(name) < 4096);
    fuzz_check(r->prefix_len > 0);
  }
}

/* The fast paths change nothing: a detector in reference mode (no
 * default_header, memos or shortcuts: fastpath.h) gives the same record
 * and the same layout pattern (a JSON message is unescaped into each
 * detector's own scratch, so messages are compared by content). */
static void check_same(const char *line, size_t len, int rc,
                       const slg_record *r, int rc2, const slg_record *r2)
{
  (void)line;
  (void)len;
  fuzz_check(rc == rc2);
  if (!rc)
    return;
  fuzz_check(r->time.flags == r2->time.flags && r->time.year == r2->time.year &&
             r->time.month == r2->time.month && r->time.day == r2->time.day &&
             r->time.hour == r2->time.hour &&
             r->time.minute == r2->time.minute &&
             r->time.second == r2->time.second &&
             r->time.millisecond == r2->time.millisecond);
  fuzz_check(r->level == r2->level && r->layout_id == r2->layout_id &&
             r->prefix_len == r2->prefix_len && r->relay == r2->relay);
  fuzz_check(r->thread.ptr == r2->thread.ptr && r->thread.len == r2->thread.len);
  fuzz_check(r->logger.ptr == r2->logger.ptr && r->logger.len == r2->logger.len);
  fuzz_check(r->message.len == r2->message.len &&
             (r->message.len == 0 ||
              memcmp(r->message.ptr, r2->message.ptr, r->message.len) == 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  slg_layout *l = NULL, *plain = NULL;
  if (slg_layout_new(&l, NULL, 0, NULL) < 0 ||
      slg_layout_new(&plain, NULL, 1, NULL) < 0)
    fuzz_fail("slg_layout_new without a pattern failed");
  slg_layout_set_relays(l, FUZZ_UNWRAP);
  slg_layout_set_relays(plain, FUZZ_UNWRAP);
  const char *p = (const char *)data, *end = p + size;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    slg_record r, r2;
    memset(&r, 0xa5, sizeof r); /* the parser must fill what it returns */
    int rc = slg_layout_parse(l, p, len, &r);
    if (rc)
      check_record(l, p, len, &r);
    int rc2 = slg_layout_parse(plain, p, len, &r2);
    check_same(p, len, rc, &r, rc2, &r2);
    if (rc)
      fuzz_check(strcmp(slg_layout_pattern(l, r.layout_id),
                        slg_layout_pattern(plain, r2.layout_id)) == 0);
    p += len + (nl ? 1 : 0);
  }
  fuzz_check(slg_layout_count(l) <= SLG_MAX_LAYOUTS);
  slg_layout_free(l);
  slg_layout_free(plain);
  return 0;
}
