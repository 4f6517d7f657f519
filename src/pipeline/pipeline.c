/*
 * pipeline.c - one streaming pass: bytes -> lines -> records -> report.
 *
 * Every line is accounted for exactly once, as a record, a continuation
 * of the record before it, or an unrecognised line of some class. Records
 * feed the logger histogram and the job/stage/task model; continuation
 * lines feed the model too (failure reasons span lines). Nothing here
 * allocates per line.
 */
#include "pipeline.h"

#include "analysis.h"
#include "budget.h"
#include "failure.h"
#include "model_events.h"
#include "platform.h"

#include <stdlib.h>

void slg_options_init(slg_options *out)
{
  memset(out, 0, sizeof *out);
  out->max_loggers = SLG_DEFAULT_MAX_LOGGERS;
  out->max_line = SLG_DEFAULT_MAX_LINE;
}

/*
 * Keeps the largest forward step between consecutive timed records: the
 * report's "time not covered". Records with and without a date are not
 * compared (a date-less time would look decades earlier).
 */
static void track_gap(slg_scan *s, const slg_time *t, int64_t ms)
{
  slg_accounting *a = s->acc;
  const slg_time *prev = &s->prev_time;
  if (prev->flags && (prev->flags & SLG_TIME_HAS_DATE) ==
                         (t->flags & SLG_TIME_HAS_DATE)) {
    int64_t step = ms - s->prev_ms;
    if (step < 0) {
      a->time_steps_back++;
    } else if (step > a->gap_ms) {
      a->gap_ms = step;
      a->gap_from = *prev;
      a->gap_to = *t;
    }
    if (step >= SLG_BUDGET_GAP_MS)
      slg_scan_silence(s, step);
  }
  s->prev_time = *t;
  s->prev_ms = ms;
}

/* count_logger past the two loggers seen last: out of line, so that the
 * hit costs no more than the two compares. */
static SLG_NOINLINE slg_span count_logger_miss(slg_scan *s,
                                               const slg_record *rec,
                                               int64_t ms,
                                               const slg_model_route **route)
{
  slg_span logger = rec->logger;
  slg_logger_memo *slot = NULL;
  if (logger.len > 0) {
    size_t n = logger.len;
    unsigned h = ((unsigned)n ^ (unsigned char)logger.ptr[n - 1] * 7u ^
                  (unsigned char)logger.ptr[n / 2] * 13u) &
                 (SLG_LOGGER_MEMO_SLOTS - 1);
    slot = &s->memo_by_hash[h];
    if (slot->len == n && slg_mem_eq(slot->text, logger.ptr, n)) {
      /* Back among the two seen last, which it evicts by turn. */
      s->memo[s->memo_next] = *slot;
      s->memo_next ^= 1;
      slg_histogram_add_index(s->hist, slot->hist, rec->level, &rec->time,
                              ms);
      *route = slot->route;
      SLG_FASTPATH_HIT(SCAN_LOGGER_MEMO);
      return slg_span_make(logger.ptr + slot->short_off, slot->short_len);
    }
  }
  slg_span sh = slg_logger_short(logger);
  *route = slg_model_route_of(sh, logger, s->reference);
  if (!sh.len)
    return sh;
  long idx = slg_histogram_add_ms(s->hist, logger, sh, rec->level,
                                  &rec->time, ms);
  /* In reference mode the memo stays empty: every record looks up. */
  if (idx >= 0 && !s->reference && logger.len <= sizeof s->memo[0].text) {
    slg_logger_memo *m = &s->memo[s->memo_next];
    s->memo_next ^= 1;
    memcpy(m->text, logger.ptr, logger.len);
    m->len = logger.len;
    m->short_off = (size_t)(sh.ptr - logger.ptr);
    m->short_len = sh.len;
    m->hist = (size_t)idx;
    m->route = *route;
    *slot = *m;
  }
  return sh;
}

/* Counts the record in the histogram by its logger; returns the short
 * name (len 0: the layout has no logger) and sets *route to what the
 * model does with the logger's records. */
static slg_span count_logger(slg_scan *s, const slg_record *rec, int64_t ms,
                             const slg_model_route **route)
{
  slg_span logger = rec->logger;
  for (int k = 0; k < 2; k++) {
    slg_logger_memo *m = &s->memo[k];
    if (m->len == logger.len && m->len &&
        slg_mem_eq(m->text, logger.ptr, logger.len)) {
      slg_histogram_add_index(s->hist, m->hist, rec->level, &rec->time, ms);
      *route = m->route;
      SLG_FASTPATH_HIT(SCAN_LOGGER_MEMO);
      return slg_span_make(logger.ptr + m->short_off, m->short_len);
    }
  }
  return count_logger_miss(s, rec, ms, route);
}

/* Earliest and latest time; ties: the first of equal times stays first,
 * the last one becomes last. */
static void span_time(slg_time *first, int64_t *first_ms, slg_time *last,
                      int64_t *last_ms, const slg_time *t, int64_t ms)
{
  if (!first->flags || ms < *first_ms) {
    *first = *t;
    *first_ms = ms;
  }
  if (!last->flags || ms >= *last_ms) {
    *last = *t;
    *last_ms = ms;
  }
}

/* A WARN, ERROR or FATAL record: its template, counted at once on the
 * serial path, queued by a chunk (messages.h). */
static SLG_NOINLINE void scan_message(slg_scan *s, const slg_record *rec,
                                      slg_span logger)
{
  if (!s->masker)
    s->masker = slg_masker_new(s->reference);
  slg_msg_key k;
  k.level = rec->level;
  k.logger = logger;
  k.tpl.ptr = slg_mask(s->masker, rec->message.ptr, rec->message.len,
                       &k.tpl.len);
  k.hash = slg_msg_hash(k.level, k.logger, k.tpl);
  if (s->model) {
    slg_pos pos = {s->file_index, s->line_no};
    slg_model_message(s->model, &k, &pos);
  } else {
    slg_chunk_message(s->chunk, &k, s->line_no);
  }
}

static void on_record(slg_scan *s, const slg_record *rec)
{
  slg_accounting *a = s->acc;
  slg_file_info *f = s->file;
  a->records++;
  f->records++;
  a->levels[rec->level >= 0 && rec->level < SLG_LEVEL_COUNT
                ? (int)rec->level
                : SLG_LEVEL_COUNT]++;
  uint32_t lid =
      rec->layout_id <= SLG_MAX_LAYOUTS ? rec->layout_id : SLG_MAX_LAYOUTS;
  if (s->chunk && a->layout_records[lid] == 0)
    slg_chunk_layout_seen(s->chunk, lid);
  a->layout_records[lid]++;
  if (rec->relay)
    a->unwrapped[rec->relay - 1]++;
  /* Most records have the time of the timed record before them (many
   * lines a second): its milliseconds too. Reference mode computes them
   * from the time alone, every time. */
  int timed = (rec->time.flags & SLG_TIME_HAS_TIME) != 0;
  int same = timed && !s->reference &&
             slg_time_same(&rec->time, &s->prev_time);
  int64_t ms = same           ? s->prev_ms
               : s->reference ? slg_time_ms(&rec->time)
                              : slg_time_cache_ms(&s->tc, &rec->time);
  if (same)
    SLG_FASTPATH_HIT(SCAN_SAME_TIME);
  if (timed) {
    a->timed_records++;
    /* Such a record moves no first or last time of the input or the file
     * (the one before already did, with the same value) and makes no gap
     * once one was measured: nothing to do. */
    if (a->gap_ms < 0 || !same) {
      span_time(&a->first, &a->first_ms, &a->last, &a->last_ms, &rec->time,
                ms);
      span_time(&f->first, &f->first_ms, &f->last, &f->last_ms, &rec->time,
                ms);
      track_gap(s, &rec->time, ms);
    }
    s->prev_line = s->line;
    s->prev_no = s->line_no;
    if (s->line.ptr == s->carry)
      slg_scan_keep_line(s);
  }
  const slg_model_route *route;
  slg_span short_name = count_logger(s, rec, ms, &route);
  /* An ERROR record of a logger the model ignores is still read for a
   * failure (failure.h): a level compare per record. */
  if (route == NULL && rec->level == SLG_LEVEL_ERROR)
    route = slg_model_error_route();
  if (!short_name.len)
    a->records_without_logger++;
  else if (s->chunk && s->hist->other_count)
    slg_chunk_overflow(s->chunk); /* loggers past the bound: serial */
  slg_context_record(&s->ctx, rec->message);
  if (rec->level >= SLG_LEVEL_WARN) /* WARN, ERROR, FATAL */
    scan_message(s, rec, short_name);
  if (s->model) {
    slg_pos pos = {s->file_index, s->line_no};
    slg_model_record_routed(s->model, rec, ms, route, &pos);
  } else {
    slg_chunk_record(s->chunk, rec, ms, route, s->line_no);
  }
}

void slg_scan_line(void *ctx, const slg_line *line)
{
  slg_scan *s = ctx;
  slg_accounting *a = s->acc;
  slg_file_info *f = s->file;
  slg_record rec;

  /* A chunk the merge will read serially anyway is not parsed further. */
  if (s->chunk_state & SLG_SCAN_STOPPED)
    return;
  s->line_no++;
  int parsed = slg_layout_parse(s->layout, line->ptr, line->len, &rec);
  /* A chunk's lines before its first record are judged in the context of
   * the chunk before it: the merge reads them (slg_pipeline_merge). */
  if (s->chunk && !(s->chunk_state & SLG_SCAN_STARTED)) {
    if (!(parsed & 1))
      return;
    slg_chunk_start(s->chunk, line);
  }
  s->line = slg_span_make(line->ptr, line->len);
  a->lines++;
  f->lines++;
  if (line->flags & SLG_LINE_CUT)
    a->lines_cut++;
  /* 1, a record, is nearly every line: one compare for it. */
  if (parsed != 1) {
    if (parsed & SLG_LAYOUT_LIMIT_HIT)
      a->layout_limit_hits++;
    if (!(parsed & 1))
      goto not_a_record;
  }
  on_record(s, &rec);
  return;
not_a_record:;
  slg_span sp = slg_span_make(line->ptr, line->len);
  int c = slg_classify_line(&s->ctx, sp);
  if (c < 0) {
    a->continuation_lines++;
    f->continuation_lines++;
    if (s->model) {
      slg_pos pos = {s->file_index, s->line_no};
      slg_model_continuation(s->model, sp, &pos);
    } else {
      slg_chunk_continuation(s->chunk, sp, s->line_no);
    }
  } else {
    a->unrecognized_lines++;
    f->unrecognized_lines++;
    a->by_class[c]++;
    /* "Exception in thread" or a traceback with no record before it:
     * the failures read it (the same lines on every path). */
    if (slg_trace_line_wanted(sp)) {
      if (s->model) {
        slg_pos pos = {s->file_index, s->line_no};
        slg_model_trace_line(s->model, sp, &pos);
      } else {
        slg_chunk_trace_line(s->chunk, sp, s->line_no);
      }
    }
  }
}

void slg_scan_silence(slg_scan *s, int64_t step)
{
  if (s->model) {
    slg_pos before = {s->file_index, s->prev_no};
    slg_pos after = {s->file_index, s->line_no};
    slg_model_silence(s->model, step, &before, s->prev_line, &after,
                      s->line);
  } else {
    slg_chunk_silence(s->chunk, step, s->prev_line, s->prev_no, s->line,
                      s->line_no);
  }
}

void slg_scan_keep_line(slg_scan *s)
{
  slg_span l = s->prev_line;
  if (l.ptr == NULL || l.ptr == s->prev_copy)
    return;
  size_t n = l.len < sizeof s->prev_copy ? l.len : sizeof s->prev_copy;
  memmove(s->prev_copy, l.ptr, n);
  s->prev_line = slg_span_make(s->prev_copy, n);
}

void slg_scan_init(slg_scan *s, slg_layout *layout, slg_histogram *hist,
                   slg_accounting *acc, int reference)
{
  memset(s, 0, sizeof *s);
  s->reference = reference != 0;
  s->layout = layout;
  slg_context_reset(&s->ctx);
  s->hist = hist;
  s->acc = acc;
}

static void model_ended(void *ctx, const slg_end *e);

int slg_pipeline_new(slg_pipeline **out, const slg_options *opts,
                     char *error)
{
  slg_pipeline *p = slg_xcalloc(1, sizeof *p);
  if (opts)
    p->opt = *opts;
  else
    slg_options_init(&p->opt);
  if (!p->opt.max_line)
    p->opt.max_line = SLG_DEFAULT_MAX_LINE;
  if (!p->opt.max_loggers)
    p->opt.max_loggers = SLG_DEFAULT_MAX_LOGGERS;
  int rc = slg_layout_new(&p->layout, p->opt.layout, p->opt.reference, error);
  if (rc == 0)
    slg_layout_set_relays(p->layout, p->opt.unwrap);
  if (rc < 0) {
    free(p);
    *out = NULL;
    return rc;
  }
  p->acc.gap_ms = -1;
  slg_lines_init(&p->lines, p->opt.max_line, slg_scan_line, &p->scan);
  slg_histogram_init(&p->hist, p->opt.max_loggers, p->opt.reference);
  p->model = slg_model_new(p->opt.reference);
  slg_model_set_max_stages(p->model, p->opt.max_stages
                                         ? p->opt.max_stages
                                         : SLG_DEFAULT_MAX_STAGES);
  slg_model_set_fold_held(p->model, p->opt.fold_held);
  slg_model_set_max_apps(p->model, p->opt.max_apps ? p->opt.max_apps
                                                   : SLG_DEFAULT_MAX_APPS);
  slg_model_set_max_templates(p->model, p->opt.max_templates
                                            ? p->opt.max_templates
                                            : SLG_DEFAULT_MAX_TEMPLATES);
  /* Every stage end, to analyse those the cap folds (model_ended). */
  slg_model_on_end(p->model, model_ended, p);
  slg_scan_init(&p->scan, p->layout, &p->hist, &p->acc, p->opt.reference);
  p->scan.carry = p->lines.carry;
  p->scan.model = p->model;
  *out = p;
  return 0;
}

void slg_pipeline_free(slg_pipeline *p)
{
  if (!p)
    return;
  slg_layout_free(p->layout);
  slg_lines_dispose(&p->lines);
  slg_histogram_dispose(&p->hist);
  slg_model_free(p->model);
  slg_masker_free(p->scan.masker);
  slg_fold_free(p->fold);
  for (size_t i = 0; i < p->nfiles; i++)
    free(p->files[i].path);
  free(p->files);
  free(p);
}

void slg_pipeline_begin_file(slg_pipeline *p, const char *path)
{
  if (p->nfiles == p->files_cap) {
    p->files_cap = p->files_cap ? p->files_cap * 2 : 4;
    p->files = slg_xrealloc(p->files, p->files_cap * sizeof *p->files);
  }
  slg_file_info *f = &p->files[p->nfiles++];
  memset(f, 0, sizeof *f);
  f->path = slg_xstrndup(path, strlen(path));
  p->scan.file = f;
  p->scan.file_index = (uint32_t)(p->nfiles - 1);
  p->scan.line_no = 0;
  memset(&p->scan.prev_time, 0, sizeof p->scan.prev_time);
  slg_context_reset(&p->scan.ctx);
  slg_model_begin_file(p->model, (uint32_t)(p->nfiles - 1));
}

void slg_pipeline_feed(slg_pipeline *p, const char *bytes, size_t len)
{
  slg_lines_feed(&p->lines, bytes, len);
  slg_scan_keep_line(&p->scan);
}

void slg_pipeline_end_file(slg_pipeline *p, const slg_file_status *status)
{
  slg_lines_finish(&p->lines);
  slg_scan_keep_line(&p->scan);
  slg_file_info *f = &p->files[p->nfiles - 1];
  f->ended = 1;
  slg_model_end_file(p->model, p->scan.line_no);
  if (status) {
    f->bytes_read = status->bytes_read;
    f->bytes_decoded = status->bytes_decoded;
    f->error = status->error;
    f->error_offset = status->error_offset;
    f->format = status->format;
  }
}

void slg_pipeline_finish(slg_pipeline *p)
{
  if (p->finished)
    return;
  p->finished = 1;
  slg_model_finish(p->model);
}

void slg_pipeline_report(slg_report *out, const slg_pipeline *p)
{
  memset(out, 0, sizeof *out);
  out->acc = &p->acc;
  out->files = p->files;
  out->nfiles = p->nfiles;
  out->hist = &p->hist;
  out->model = p->model;
  out->layout = p->layout;
  out->max_line = p->opt.max_line;
  out->finished = p->finished;
  out->platform_loggers = slg_platform_hist_bits(&p->hist);
  out->platform_loggers_known = 1;
}

static void model_ended(void *ctx, const slg_end *e)
{
  slg_pipeline *p = ctx;
  if (e->fold) {
    if (p->fold == NULL)
      p->fold = slg_fold_new(p->thresholds);
    slg_fold_attempt(p->fold, p->model, e->app, e->stage, e->attempt);
  }
  if (p->on_end == NULL)
    return;
  slg_report r;
  slg_pipeline_report(&r, p);
  p->on_end(p->on_end_ctx, &r, e);
}

void slg_pipeline_set_thresholds(slg_pipeline *p, const slg_thresholds *t)
{
  p->thresholds = t;
}

const slg_fold *slg_pipeline_fold(const slg_pipeline *p)
{
  return p->fold;
}

void slg_pipeline_on_idle(slg_pipeline *p, void (*fn)(void *ctx),
                          void *ctx)
{
  p->on_idle = fn;
  p->on_idle_ctx = ctx;
}

void slg_pipeline_on_progress(slg_pipeline *p,
                              void (*fn)(void *ctx, uint64_t bytes_in),
                              void *ctx)
{
  p->on_progress = fn;
  p->on_progress_ctx = ctx;
}

void slg_pipeline_on_end(slg_pipeline *p, slg_report_end_fn fn, void *ctx)
{
  p->on_end = fn;
  p->on_end_ctx = ctx;
}

slg_input_kind slg_pipeline_input_kind(const slg_pipeline *p)
{
  slg_report r;
  slg_pipeline_report(&r, p);
  return slg_report_input_kind(&r);
}

int slg_pipeline_complete(const slg_pipeline *p)
{
  slg_report r;
  slg_pipeline_report(&r, p);
  return slg_report_complete(&r);
}
