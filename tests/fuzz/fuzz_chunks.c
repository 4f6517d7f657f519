/*
 * fuzz_chunks.c - the parallel path's merge against the serial path: the
 * same bytes fed serially and cut into line-aligned chunks (parsed apart,
 * merged in order, as parallel.c does) must give byte-identical JSON.
 *
 * The first four bytes are settings: byte 0 seeds where the chunks end
 * (1 to 2^(byte 0 % 6) lines each), byte 1 max_line, byte 2 max_loggers
 * (the bounds that send chunks down the serial path), byte 3 whether the
 * last line keeps its newline. The rest is the log; a line longer than a
 * chunk or without a newline goes through the serial splitter, as the
 * reader thread does with it. A third pipeline in reference mode (every
 * fast path off: src/util/fastpath.h) reads the bytes serially: its report
 * must be byte-identical too.
 */
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "fuzz.h"
#include "render.h"

static char *report(slg_pipeline *p, size_t *len)
{
  slg_render_options ro;
  slg_report rep;
  slg_buf out = SLG_BUF_INIT;
  slg_pipeline_finish(p);
  slg_pipeline_report(&rep, p);
  memset(&ro, 0, sizeof ro);
  slg_render_json(&rep, &ro, &out);
  *len = out.len;
  return out.ptr; /* the caller frees */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 4)
    return 0;
  uint64_t seed = data[0];
  unsigned scale = data[0] % 6;
  slg_options opt;
  fuzz_pipeline_options(&opt, data);
  const char *s = (const char *)data + 4;
  size_t n = size - 4;
  if (!(data[3] & 1) && n > 0 && s[n - 1] != '\n')
    n--; /* sometimes an unterminated last line, sometimes not */

  slg_pipeline *a = NULL, *b = NULL, *r = NULL;
  slg_options ref_opt = opt;
  ref_opt.reference = 1;
  if (slg_pipeline_new(&a, &opt, NULL) < 0 ||
      slg_pipeline_new(&b, &opt, NULL) < 0 ||
      slg_pipeline_new(&r, &ref_opt, NULL) < 0)
    fuzz_fail("slg_pipeline_new without a layout failed");
  slg_pipeline_begin_file(a, "fuzz.log");
  slg_pipeline_feed(a, s, n);
  slg_pipeline_end_file(a, NULL);
  slg_pipeline_begin_file(r, "fuzz.log");
  slg_pipeline_feed(r, s, n);
  slg_pipeline_end_file(r, NULL);

  slg_chunk *c = slg_chunk_new(b);
  slg_pipeline_begin_file(b, "fuzz.log");
  size_t off = 0;
  while (off < n) {
    size_t want = 1 + (size_t)(fuzz_rand(&seed) % ((uint64_t)1 << scale));
    size_t end = off;
    for (size_t k = 0; k < want && end < n; k++) {
      const char *nl = memchr(s + end, '\n', n - end);
      if (!nl) {
        end = n;
        break;
      }
      end = (size_t)(nl - s) + 1;
    }
    if (s[end - 1] != '\n') {
      /* The unterminated tail: serial, as the reader thread sends it. */
      slg_pipeline_feed(b, s + off, end - off);
    } else {
      slg_chunk_parse(c, s + off, end - off);
      slg_pipeline_merge(b, c);
    }
    off = end;
  }
  slg_pipeline_end_file(b, NULL);

  size_t la, lb, lr;
  char *ra = report(a, &la), *rb = report(b, &lb), *rr = report(r, &lr);
  if (la != lb || memcmp(ra, rb, la) != 0) {
    fprintf(stderr, "serial:\n%.*s\nchunked:\n%.*s\n", (int)la, ra,
            (int)lb, rb);
    fuzz_fail("the chunked report differs from the serial one");
  }
  if (la != lr || memcmp(ra, rr, la) != 0) {
    fprintf(stderr, "serial:\n%.*s\nreference:\n%.*s\n", (int)la, ra,
            (int)lr, rr);
    fuzz_fail("the reference report differs from the serial one");
  }
  free(ra);
  free(rb);
  free(rr);
  slg_chunk_free(c);
  slg_pipeline_free(a);
  slg_pipeline_free(b);
  slg_pipeline_free(r);
  return 0;
}
