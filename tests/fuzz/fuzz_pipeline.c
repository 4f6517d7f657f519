/*
 * fuzz_pipeline.c - the whole input-free pipeline, in random chunkings.
 *
 * The first four bytes are settings: byte 0 seeds the chunk sizes and
 * picks their scale (1 byte .. 4 KiB), byte 1 max_line (cut lines),
 * byte 2 max_loggers (the histogram bound), byte 3 whether the input is
 * split into two files. The rest is fed in those chunks. The finished
 * report is rendered as JSON (which must be valid UTF-8, balanced, and
 * account for every line) and as text in each view. The same bytes go
 * through a second pipeline in reference mode (every fast path off:
 * src/util/fastpath.h), fed whole: its JSON report must be byte-identical.
 */
#include <string.h>

#include "pipeline.h"
#include "fuzz.h"
#include "render.h"

static void feed_chunked(slg_pipeline *p, const char *s, size_t n,
                         uint64_t *seed, unsigned scale)
{
  size_t off = 0;
  while (off < n) {
    size_t c = 1 + (size_t)(fuzz_rand(seed) % ((uint64_t)1 << scale));
    if (c > n - off)
      c = n - off;
    slg_pipeline_feed(p, s + off, c);
    off += c;
  }
}

/* The input through a pipeline with `opt`, each file fed whole: the
 * reference pipeline. Its JSON report in *out. */
static void run_whole(const slg_options *opt, const char *s, size_t n,
                      size_t half, const uint8_t *data,
                      const slg_render_options *ro, slg_buf *out)
{
  slg_pipeline *p = NULL;
  slg_file_status st;
  if (slg_pipeline_new(&p, opt, NULL) < 0)
    fuzz_fail("slg_pipeline_new without a layout failed");
  memset(&st, 0, sizeof st);
  slg_pipeline_begin_file(p, "fuzz-a.log");
  slg_pipeline_feed(p, s, half);
  st.bytes_read = st.bytes_decoded = half;
  slg_pipeline_end_file(p, &st);
  if (data[3] & 1) { /* two files */
    slg_pipeline_begin_file(p, "fuzz-b.log");
    slg_pipeline_feed(p, s + half, n - half);
    st.bytes_read = st.bytes_decoded = n - half;
    st.error = (data[3] & 2) ? SLG_ECORRUPT : 0;
    st.error_offset = n - half;
    slg_pipeline_end_file(p, &st);
  }
  slg_pipeline_finish(p);
  slg_report rep;
  slg_pipeline_report(&rep, p);
  slg_render_json(&rep, ro, out);
  slg_pipeline_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 4)
    return 0;
  uint64_t seed = data[0];
  unsigned scale = data[0] % 13;
  slg_options opt;
  fuzz_pipeline_options(&opt, data);
  int two_files = data[3] & 1;
  const char *s = (const char *)data + 4;
  size_t n = size - 4;

  slg_pipeline *p = NULL;
  if (slg_pipeline_new(&p, &opt, NULL) < 0)
    fuzz_fail("slg_pipeline_new without a layout failed");
  size_t half = two_files ? n / 2 : n;
  slg_file_status st;
  memset(&st, 0, sizeof st);
  slg_pipeline_begin_file(p, "fuzz-a.log");
  feed_chunked(p, s, half, &seed, scale);
  st.bytes_read = st.bytes_decoded = half;
  slg_pipeline_end_file(p, &st);
  if (two_files) {
    slg_pipeline_begin_file(p, "fuzz-b.log");
    feed_chunked(p, s + half, n - half, &seed, scale);
    st.bytes_read = st.bytes_decoded = n - half;
    st.error = (data[3] & 2) ? SLG_ECORRUPT : 0; /* a damaged gzip */
    st.error_offset = n - half;
    slg_pipeline_end_file(p, &st);
  }
  slg_pipeline_finish(p);

  const slg_accounting *a = &p->acc;
  fuzz_check(a->lines ==
             a->records + a->continuation_lines + a->unrecognized_lines);
  /* Records read from relays (FUZZ_UNWRAP and the built-in ones): each a
   * record, each relay named. */
  uint64_t unwrapped = 0;
  for (unsigned i = 0; i < SLG_MAX_RELAYS; i++) {
    unwrapped += a->unwrapped[i];
    if (a->unwrapped[i])
      fuzz_check(slg_layout_relay_name(p->layout, i) != NULL);
  }
  fuzz_check(unwrapped <= a->records);
  fuzz_check(p->hist.count <= opt.max_loggers);

  slg_render_options ro;
  slg_report rep;
  slg_pipeline_report(&rep, p);
  memset(&ro, 0, sizeof ro);
  ro.pretty = data[3] & 4 ? 1 : 0;
  ro.top = 1 + (data[3] >> 4);
  slg_buf out = SLG_BUF_INIT;
  slg_render_json(&rep, &ro, &out);
  const char *why = fuzz_json_problem(out.ptr, out.len);
  if (why) {
    fprintf(stderr, "%.*s\n", (int)(out.len < 4000 ? out.len : 4000), out.ptr);
    fuzz_fail(why);
  }
  slg_options ref_opt = opt;
  ref_opt.reference = 1;
  slg_buf ref = SLG_BUF_INIT;
  run_whole(&ref_opt, s, n, half, data, &ro, &ref);
  if (ref.len != out.len || memcmp(ref.ptr, out.ptr, out.len) != 0) {
    fprintf(stderr, "normal:\n%.*s\nreference:\n%.*s\n", (int)out.len,
            out.ptr, (int)ref.len, ref.ptr);
    fuzz_fail("the reference report differs from the normal one");
  }
  slg_buf_dispose(&ref);
  static const slg_view views[] = {SLG_VIEW_REPORT, SLG_VIEW_LOGGERS,
                                   SLG_VIEW_JOBS, SLG_VIEW_STAGES};
  for (size_t i = 0; i < sizeof views / sizeof *views; i++) {
    slg_buf_clear(&out);
    ro.view = views[i];
    ro.color = (int)(i & 1);
    slg_render_text(&rep, &ro, &out);
  }
  slg_buf_dispose(&out);
  slg_pipeline_free(p);
  return 0;
}
