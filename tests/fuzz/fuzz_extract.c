/*
 * fuzz_extract.c - the scheduler message extractors and the model that
 * applies their events.
 *
 * Input: one record per line, "Logger: message" (a line without ": " is
 * a continuation line of the record before it), so seeds read like the
 * logs they come from and the dictionary's fragments combine naturally.
 * A line "#T<ms>" sets the clock (milliseconds since midnight; time-only
 * timestamps), so times can go backwards or wrap. Each message also goes
 * through every extractor directly, whose spans must be slices of it.
 * The model is then finished and rendered to JSON, which must be valid.
 */
#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "layout.h"
#include "model.h"
#include "render.h"
#if defined(__has_include)
#if __has_include("extract.h")
#include "extract.h"
#define HAVE_EXTRACT_H 1
#endif
#endif

#ifdef HAVE_EXTRACT_H
typedef int (*extractor)(slg_span msg, slg_event *out);
static const extractor extractors[] = {
    slg_extract_dagscheduler,  slg_extract_tasksetmanager,
    slg_extract_taskscheduler, slg_extract_executors,
    slg_extract_shuffle,       slg_extract_context,
    slg_extract_executor_side, slg_extract_run_start,
};

/* The TaskSetManager fast paths give the general parser's event. */
static void tsm_fast_agrees(slg_span msg)
{
  slg_event fast, general;
  slg_event_clear(&general);
  int rc = slg_extract_tasksetmanager(msg, &fast);
  fuzz_check(rc == slg_extract_tasksetmanager_general(msg, &general));
  if (rc == SLG_EXTRACT_OK)
    fuzz_check(slg_event_equal(&fast, &general));
}

static void extract_directly(slg_span msg)
{
  tsm_fast_agrees(msg);
  for (size_t i = 0; i < sizeof extractors / sizeof *extractors; i++) {
    slg_event ev;
    slg_event_clear(&ev);
    int rc = extractors[i](msg, &ev);
    fuzz_check(rc == SLG_EXTRACT_NONE || rc == SLG_EXTRACT_OK ||
               rc == SLG_EXTRACT_REJECTED);
    if (rc != SLG_EXTRACT_OK)
      continue;
    fuzz_check(ev.kind > SLG_EV_NONE && ev.kind < SLG_EV_COUNT);
    fuzz_check(fuzz_span_inside(ev.str.ptr, ev.str.len, msg.ptr, msg.len));
    fuzz_check(fuzz_span_inside(ev.str2.ptr, ev.str2.len, msg.ptr, msg.len));
    fuzz_check(fuzz_span_inside(ev.host.ptr, ev.host.len, msg.ptr, msg.len));
    fuzz_check(fuzz_span_inside(ev.exec.ptr, ev.exec.len, msg.ptr, msg.len));
    /* Ids above the bound must have been rejected, not passed on. */
    fuzz_check(ev.stage <= SLG_EXTRACT_MAX && ev.job <= SLG_EXTRACT_MAX &&
               ev.tid <= SLG_EXTRACT_MAX);
    fuzz_check(ev.ms != ev.ms ? 0 : 1); /* never NaN */
  }
  const char *p = msg.ptr, *end = msg.ptr + msg.len;
  double ms;
  for (size_t guard = 0; p < end && guard <= msg.len; guard++) {
    const char *before = p;
    if (slg_parse_duration(&p, end, &ms) == 1)
      fuzz_check(p > before && p <= end);
    else
      p = before + 1;
  }
  p = msg.ptr;
  slg_stage_kind kind;
  uint64_t id;
  for (size_t guard = 0; guard <= msg.len + 1; guard++) {
    const char *before = p;
    int rc = slg_stage_list_next(&p, end, &kind, &id);
    if (rc == 0)
      break;
    fuzz_check(p <= end);
    fuzz_check(p > before); /* progress, or the caller loops forever */
  }
}
#else
static void extract_directly(slg_span msg)
{
  (void)msg;
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  slg_model *m = slg_model_new(0);
  slg_model_begin_file(m, 0);
  const char *p = (const char *)data, *end = p + size;
  uint64_t line_no = 0, clock_ms = 0;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    slg_pos pos = {0, ++line_no};
    slg_span line = slg_span_make(p, len);
    const char *colon = NULL;
    for (size_t i = 0; i + 1 < len; i++)
      if (p[i] == ':' && p[i + 1] == ' ') {
        colon = p + i;
        break;
      }
    if (len > 2 && p[0] == '#' && p[1] == 'T') {
      const char *q = p + 2;
      uint64_t v;
      if (slg_parse_u64(&q, p + len, UINT64_C(86400000) * 400, &v) == 1)
        clock_ms = v;
    } else if (!colon) {
      slg_model_continuation(m, line, &pos);
    } else {
      slg_record rec;
      memset(&rec, 0, sizeof rec);
      uint64_t t = clock_ms % 86400000u;
      rec.time.flags = SLG_TIME_HAS_TIME | SLG_TIME_HAS_MS;
      rec.time.hour = (uint8_t)(t / 3600000);
      rec.time.minute = (uint8_t)(t / 60000 % 60);
      rec.time.second = (uint8_t)(t / 1000 % 60);
      rec.time.millisecond = (uint16_t)(t % 1000);
      rec.level = SLG_LEVEL_INFO;
      rec.logger = slg_span_make(p, (size_t)(colon - p));
      rec.message = slg_span_make(colon + 2, len - (size_t)(colon - p) - 2);
      extract_directly(rec.message);
      slg_model_record(m, &rec, slg_logger_short(rec.logger), &pos);
      clock_ms += 7;
    }
    p += len + (nl ? 1 : 0);
  }
  slg_model_finish(m);
  (void)slg_model_rejected_events(m);
  slg_buf out = SLG_BUF_INIT;
  slg_json j;
  slg_json_init(&j, &out, 0);
  slg_json_object_begin(&j);
  slg_report rep;
  memset(&rep, 0, sizeof rep);
  rep.model = m; /* no histogram: the platform from the model alone */
  slg_model_render_json(&rep, &j);
  slg_json_object_end(&j);
  slg_buf_putc(&out, '\n');
  const char *why = fuzz_json_problem(out.ptr, out.len);
  if (why)
    fuzz_fail(why);
  slg_buf_clear(&out);
  slg_model_render_text_summary(m, &out, 1);
  slg_model_render_text_jobs(m, &out, 0, 80);
  slg_model_render_text_stages(m, &out, 0, 80);
  slg_buf_dispose(&out);
  slg_model_free(m);
  return 0;
}
