/*
 * chunk.c - parse a line-aligned piece of a file on any thread, and merge
 * the result into the pipeline in input order.
 *
 * A chunk runs the same line code as the serial path (slg_scan_line) with
 * state of its own: a layout detector, a record context, a histogram and
 * counters. What the model needs, it cannot apply (the model is one and
 * order-dependent), so it queues: one item per record the model looks at,
 * one per continuation line after such a record, and one "other record"
 * marker between them. The queued spans borrow from the chunk's bytes,
 * which the caller keeps until the merge (STYLE.md: events handed between
 * threads live in chunk-owned buffers); a message the layout rewrote (JSON
 * unescaping) is copied into the chunk's arena first.
 *
 * Two things are only known at the merge:
 *   - the lines before the chunk's first record: whether they continue a
 *     record or are unrecognised depends on the chunk before. The chunk
 *     leaves them alone and the merge feeds them through the serial path;
 *     after a record the context no longer depends on what came before it
 *     (slg_context_record sets it whole);
 *   - the steps in time, layout ids and histogram positions that cross
 *     the border; the merge computes them from the chunk's first and last
 *     timed record and its layouts in order of first use.
 * When a bound makes a merge inexact (a chunk with more than
 * SLG_MAX_LAYOUTS shapes, loggers past --max-loggers, an arena too small),
 * the whole chunk is fed through the serial path instead, so the report is
 * always byte-identical to the serial one. The merge is a fast path of the
 * registry (fastpath.h, RUN_PARALLEL): in reference mode every chunk takes
 * the serial path.
 */
#include <stdlib.h>

#include "budget.h"
#include "failure.h"
#include "model_events.h"
#include "pipeline.h"
#include "task_runs.h"

#define EXTENSION (64 * 1024) /* positional reads past a chunk's end */
#define EXTENSION_STEP 4096   /* mapped bytes searched at a time for it */

enum {
  ITEM_MODELLED,
  ITEM_OTHER_RECORD,
  ITEM_CONTINUATION,
  ITEM_TASKS,
  ITEM_TRACE, /* an unrecognised line for the failures (it.ev.str) */
  ITEM_SILENCE, /* a time budget's silence: time_ms the step, it.ev.str
                  and str2 the lines before and after, it.ev.n the line
                  number before */
  ITEM_MESSAGE, /* a WARN/ERROR/FATAL template: time_ms is its offset in
                  the chunk's msgbuf (messages.h) */
  ITEM_BORDER /* the chunk's first timed record: the silence across the
                 border, known only at the merge, goes here, after the
                 items before it, as the serial path orders it */
};

/* 216 bytes (248 with the fields in another order and wider): one per
 * modelled record, written by one core and read by another. */
typedef struct chunk_item {
  slg_time time;      /* ITEM_MODELLED */
  uint8_t kind;
  uint32_t line_no;   /* within the chunk (at most 2^30 bytes) */
  int64_t time_ms;    /* its slg_time_ms */
  slg_model_item it;  /* ITEM_MODELLED; ITEM_CONTINUATION: it.ev.str */
} chunk_item;
/* ITEM_TASKS: the chunk's next run of task lines (task_runs.h); line_no
 * is its last line's, time_ms its first line's. While it is the last item, the run is open: the
 * ignored records and continuation lines after it change nothing in the
 * model (a task line leaves no continuation pending), so they are not
 * queued, and the next task line of the same stage attempt joins it. */

struct slg_chunk {
  const char *data;
  size_t len;
  size_t max_loggers;
  const char *pattern; /* the user's --layout, or NULL */
  const char *unwrap;  /* --unwrap, or NULL */
  int reference;       /* the pipeline's reference mode (fastpath.h) */
  slg_scan scan;
  slg_lines lines;
  slg_layout *layout; /* kept across uses: compiling a --layout pattern
                         costs more than a small chunk */
  slg_histogram hist;
  slg_accounting acc;
  slg_file_info file;
  size_t head_len;    /* bytes before the first record */
  slg_time first_timed; /* the first timed record (flags 0: none) */
  int64_t first_timed_ms;
  slg_span first_line;  /* its line and number (silences) */
  uint64_t first_no;
  uint32_t layouts[SLG_MAX_LAYOUTS + 1]; /* local ids by first use */
  size_t nlayouts;
  uint64_t refused_before; /* slg_layout_refused before this use */
  chunk_item *items;
  size_t nitems, items_cap;
  slg_task_runs runs;
  char *arena; /* rewritten messages */
  size_t arena_len, arena_cap;
  int inexact; /* the merge must take the serial path */
  int was_serial;
  /* Positional chunks (slg_chunk_parse_at): the file range of the lines
   * parsed, read again by a serial merge; data is part of them. */
  const slg_byte_source *src;
  uint64_t file_begin, file_end;
  int empty; /* no line starts in the range */
  int error; /* SLG_EIO from pread */
  char *ext;
  /* Templates of WARN/ERROR/FATAL records (ITEM_MESSAGE), each: the
   * hash, the level, the logger's and the template's lengths, then their
   * bytes. Masked here, on the parsing thread; the merge only counts. */
  char *msgbuf;
  size_t msg_len, msg_cap;
  slg_masker *masker;
};

slg_chunk *slg_chunk_new(const slg_pipeline *p)
{
  slg_chunk *c = slg_xcalloc(1, sizeof *c);
  c->reference = p->opt.reference;
  slg_task_runs_init(&c->runs, c->reference);
  char err[256];
  /* The pattern compiled for the pipeline already: it compiles again. */
  if (slg_layout_new(&c->layout, p->opt.layout, p->opt.reference, err) < 0)
    abort();
  slg_layout_set_relays(c->layout, p->opt.unwrap);
  c->max_loggers = p->opt.max_loggers;
  c->pattern = p->opt.layout;
  c->unwrap = p->opt.unwrap;
  slg_lines_init(&c->lines, p->opt.max_line, slg_scan_line, &c->scan);
  slg_histogram_init(&c->hist, c->max_loggers, c->reference);
  return c;
}

void slg_chunk_free(slg_chunk *c)
{
  if (!c)
    return;
  slg_layout_free(c->layout);
  slg_lines_dispose(&c->lines);
  slg_histogram_dispose(&c->hist);
  free(c->ext);
  free(c->items);
  slg_task_runs_dispose(&c->runs);
  free(c->arena);
  free(c->msgbuf);
  slg_masker_free(c->masker);
  free(c);
}

int slg_chunk_was_serial(const slg_chunk *c)
{
  return c->was_serial;
}

size_t slg_chunk_task_runs(const slg_chunk *c, uint64_t *lines)
{
  *lines = 0;
  for (size_t i = 0; i < c->runs.nruns; i++)
    *lines += c->runs.runs[i].sum.started + c->runs.runs[i].sum.succeeded;
  return c->runs.nruns;
}

/* Readies the chunk for new bytes at `data` (len of them in memory). */
static void reset(slg_chunk *c, const char *data, size_t len)
{
  c->data = data;
  c->len = len;
  /* A detector reused for many chunks fills up with their shapes; a full
   * one would send every chunk with a new shape to the serial path. */
  if (slg_layout_count(c->layout) > SLG_MAX_LAYOUTS / 2) {
    slg_layout_free(c->layout);
    if (slg_layout_new(&c->layout, c->pattern, c->reference, NULL) < 0)
      abort();
    slg_layout_set_relays(c->layout, c->unwrap);
  }
  slg_histogram_reset(&c->hist);
  memset(&c->acc, 0, sizeof c->acc);
  c->acc.gap_ms = -1;
  memset(&c->file, 0, sizeof c->file);
  c->head_len = len;
  memset(&c->first_timed, 0, sizeof c->first_timed);
  c->nlayouts = 0;
  c->refused_before = slg_layout_refused(c->layout);
  c->nitems = 0;
  slg_task_runs_reset(&c->runs);
  c->arena_len = 0;
  c->msg_len = 0;
  c->inexact = 0;
  c->src = NULL;
  c->empty = 0;
  c->error = 0;

  slg_scan_init(&c->scan, c->layout, &c->hist, &c->acc, c->reference);
  if (!c->masker)
    c->masker = slg_masker_new(c->reference);
  c->scan.masker = c->masker;
  c->scan.file = &c->file;
  c->scan.chunk = c;
}

static void finish(slg_chunk *c)
{
  /* Delivers an unterminated last line (the end of the input). */
  slg_lines_finish(&c->lines);
  if (slg_layout_refused(c->layout) != c->refused_before)
    c->inexact = 1;
}

void slg_chunk_parse(slg_chunk *c, const char *data, size_t len)
{
  reset(c, data, len);
  slg_lines_feed(&c->lines, data, len);
  finish(c);
}

/* How many of the `left` mapped bytes from p run to and including the
 * next newline: all of them when there is none; fewer where the pages
 * cannot be had (the file shrank: the caller's pread finds the end). */
static size_t mapped_extension(const slg_byte_source *src, const char *p,
                               uint64_t left)
{
  size_t took = 0;
  while (took < left) {
    size_t step = EXTENSION_STEP;
    if (step > left - took)
      step = (size_t)(left - took);
    if (src->populate(src->ctx, p + took, step) != 0)
      break;
    const char *nl = memchr(p + took, '\n', step);
    if (nl)
      return (size_t)(nl - p) + 1;
    took += step;
  }
  return took;
}

int slg_chunk_parse_at(slg_chunk *c, const slg_byte_source *src, char *buf,
                       uint64_t begin, uint64_t end, uint64_t size)
{
  /* Byte begin - 1 too: a line starts at begin when it is a newline. */
  uint64_t from = begin > 0 ? begin - 1 : 0;
  /* In the mapping of the whole file, where its pages can be had. */
  const char *bytes = NULL;
  if (src->base) {
    bytes = src->base + from;
    if (src->populate(src->ctx, bytes, (size_t)(end - from)) != 0)
      bytes = NULL;
  }
  ptrdiff_t n;
  if (bytes) {
    n = (ptrdiff_t)(end - from);
    SLG_FASTPATH_HIT(RUN_MAPPED);
  } else {
    n = src->read_at(src->ctx, buf, (size_t)(end - from), from);
    bytes = buf;
  }
  size_t got = n > 0 ? (size_t)n : 0;
  size_t start = 0;
  if (begin > 0) {
    const char *nl = got ? memchr(bytes, '\n', got) : NULL;
    start = nl ? (size_t)(nl - bytes) + 1 : got;
  }
  /* The last line that starts here may end past `end`. In the mapping it
   * is read on to its newline where it lies, a page at a time, and fed
   * with the rest, instead of a 64 KiB pread per chunk for a line's last
   * hundred bytes. */
  if (bytes != buf && start < got && bytes[got - 1] != '\n') {
    /* Up to EXTENSION of it: a longer line is read on with pread below,
     * so its pages do not all count against the process at once. */
    uint64_t left = size - end;
    got += mapped_extension(src, bytes + got,
                            left < EXTENSION ? left : EXTENSION);
  }
  reset(c, bytes + start, got - start);
  c->src = src;
  c->file_begin = from + start;
  /* Nothing there (the file shrank before it): no end to speak of, the
   * input's end is the last chunk that read bytes. */
  c->file_end = got ? from + got : 0;
  if (n < 0) {
    c->error = (int)n;
    return c->error;
  }
  if (start == got) {
    /* Every byte belongs to a line that started before: its owner reads
     * it to its end. */
    c->empty = 1;
    return 0;
  }
  slg_lines_feed(&c->lines, c->data, c->len);
  /* The last line that starts here may end past `end`: read on to its
   * newline (the splitter keeps at most max_line bytes of it). */
  uint64_t pos = c->file_end;
  if (bytes[got - 1] != '\n' && pos < size) {
    if (!c->ext)
      c->ext = slg_xmalloc(EXTENSION);
    for (;;) {
      ptrdiff_t k = src->read_at(src->ctx, c->ext, EXTENSION, pos);
      if (k < 0) {
        c->error = (int)k;
        return c->error;
      }
      if (k == 0)
        break;
      const char *nl = memchr(c->ext, '\n', (size_t)k);
      size_t take = nl ? (size_t)(nl - c->ext) + 1 : (size_t)k;
      slg_lines_feed(&c->lines, c->ext, take);
      pos += take;
      if (nl)
        break;
    }
  }
  c->file_end = pos;
  finish(c);
  return 0;
}

uint64_t slg_chunk_file_end(const slg_chunk *c)
{
  return c->file_end;
}

int slg_chunk_error(const slg_chunk *c)
{
  return c->error;
}

/* ------------------------------------------------ what the scan hands in */

void slg_chunk_start(slg_chunk *c, const slg_line *first_record)
{
  c->scan.chunk_state |= SLG_SCAN_STARTED;
  if (first_record->ptr >= c->data && first_record->ptr <= c->data + c->len) {
    c->head_len = (size_t)(first_record->ptr - c->data);
  } else {
    /* The record is the last line, which runs past the chunk's bytes
     * (slg_chunk_parse_at) and was assembled in the splitter's carry: it
     * starts after the last newline of the chunk's bytes. */
    size_t k = c->len;
    while (k > 0 && c->data[k - 1] != '\n')
      k--;
    c->head_len = k;
  }
}

void slg_chunk_overflow(slg_chunk *c)
{
  c->inexact = 1;
  c->scan.chunk_state |= SLG_SCAN_STOPPED;
}

void slg_chunk_layout_seen(slg_chunk *c, uint32_t layout_id)
{
  c->layouts[c->nlayouts++] = layout_id;
}

static chunk_item *push(slg_chunk *c, int kind, uint64_t line_no)
{
  if (c->nitems == c->items_cap) {
    c->items_cap = c->items_cap ? c->items_cap * 2 : 1024;
    c->items = slg_xrealloc(c->items, c->items_cap * sizeof *c->items);
  }
  chunk_item *it = &c->items[c->nitems++];
  /* The items were last read by the merging core: fetched back a few
   * records ahead, so that the stores do not wait for it. Baseline x86-64
   * has no PREFETCHW, so this is a read prefetch (docs/performance.md). */
  if (c->nitems + 4 < c->items_cap) {
    const char *ahead = (const char *)&c->items[c->nitems + 4];
    __builtin_prefetch(ahead, 1);
    __builtin_prefetch(ahead + 64, 1);
    __builtin_prefetch(ahead + 128, 1);
    __builtin_prefetch(ahead + 192, 1);
  }
  it->kind = (uint8_t)kind;
  it->line_no = (uint32_t)line_no; /* a chunk has fewer lines than bytes */
  return it;
}

static int last_kind(const slg_chunk *c)
{
  return c->nitems ? c->items[c->nitems - 1].kind : -1;
}

/*
 * A record the model takes nothing from: it ends the previous record's
 * continuation and, when dated, moves the application's end (model.h).
 * One marker for a run of such records, with the last dated one's time;
 * after task lines (ITEM_TASKS) none, the open run keeps that time.
 */
static void other_record(slg_chunk *c, const slg_record *rec,
                         int64_t time_ms, uint64_t line_no)
{
  int last = last_kind(c);
  int dated = (rec->time.flags & SLG_TIME_HAS_DATE) &&
              (rec->time.flags & SLG_TIME_HAS_TIME);
  if (last == ITEM_TASKS) {
    if (dated)
      slg_task_runs_tail(&c->runs, &rec->time, time_ms);
    return;
  }
  chunk_item *ci;
  if (last == ITEM_OTHER_RECORD) {
    ci = &c->items[c->nitems - 1];
  } else {
    ci = push(c, ITEM_OTHER_RECORD, line_no);
    ci->it.modelled = 0;
    ci->time.flags = 0;
  }
  if (dated) {
    ci->time = rec->time;
    ci->time_ms = time_ms;
  }
}

void slg_chunk_record(slg_chunk *c, const slg_record *rec, int64_t time_ms,
                      const struct slg_model_route *route, uint64_t line_no)
{
  if (!c->first_timed.flags && (rec->time.flags & SLG_TIME_HAS_TIME)) {
    c->first_timed = rec->time;
    c->first_timed_ms = time_ms;
    c->first_line = c->scan.line;
    c->first_no = line_no;
    push(c, ITEM_BORDER, line_no);
  }
  if (route == NULL) {
    other_record(c, rec, time_ms, line_no);
    return;
  }
  slg_record r = *rec;
  const char *m = rec->message.ptr;
  const char *carry = c->lines.carry;
  if (rec->message.len &&
      (m < c->data || m + rec->message.len > c->data + c->len) &&
      (m < carry || m + rec->message.len > carry + c->lines.max_line)) {
    /* The detector's scratch (an unescaped JSON message): copy it, the
     * event's spans must outlive the next line. (A line the splitter
     * assembled in its carry stays there until the chunk is reused.) */
    if (c->arena_cap < c->len + 64) {
      /* Unescaping shrinks a message, so the chunk's size is enough. */
      free(c->arena);
      c->arena_cap = c->len + 64;
      c->arena = slg_xmalloc(c->arena_cap);
    }
    if (c->arena_len + rec->message.len > c->arena_cap) {
      c->inexact = 1;
      c->scan.chunk_state |= SLG_SCAN_STOPPED;
      return;
    }
    memcpy(c->arena + c->arena_len, m, rec->message.len);
    r.message = slg_span_make(c->arena + c->arena_len, rec->message.len);
    c->arena_len += rec->message.len;
  }
  /* Extracted here, on the stack: a task line, nearly every modelled
   * one, is summed into a run and needs no item of its own. */
  slg_model_item it;
  slg_model_extract_routed(&it, &r, route);
  if (!it.modelled) {
    /* A quiet logger's line the model does not take: as above. */
    other_record(c, rec, time_ms, line_no);
    return;
  }
  chunk_item *ci;
  if (slg_task_runs_accepts(&c->runs, &it, &rec->time)) {
    /* Into the open run, or the start of one. A run goes on only while
     * tasks run between its lines, for the time budget (budget.h): not
     * when the clock moves after a line that left its walk at its
     * lowest (no task may run then). */
    int extend = last_kind(c) == ITEM_TASKS;
    if (extend) {
      const slg_task_run *open = &c->runs.runs[c->runs.nruns - 1];
      extend = open->sum.walk != open->sum.walk_low ||
               open->last_ms == time_ms;
    }
    if (slg_task_runs_add(&c->runs, extend, &it, &rec->time, time_ms,
                          line_no)) {
      ci = push(c, ITEM_TASKS, line_no);
      ci->time_ms = (int64_t)line_no; /* the run's first line */
    } else
      ci = &c->items[c->nitems - 1];
    ci->line_no = (uint32_t)line_no;
    return;
  }
  ci = push(c, ITEM_MODELLED, line_no);
  ci->time = rec->time;
  ci->time_ms = time_ms;
  ci->it = it;
}

void slg_chunk_continuation(slg_chunk *c, slg_span line, uint64_t line_no)
{
  /* After a record the model ignores, or a task line, a continuation
   * changes nothing, unless it opens a failure by itself (failure.h:
   * "Exception in thread", a traceback); the lines after such a one are
   * queued because it is then the last item. */
  int last = last_kind(c);
  if ((last == ITEM_OTHER_RECORD || last == ITEM_TASKS) &&
      !slg_trace_line_wanted(line))
    return;
  chunk_item *ci = push(c, ITEM_CONTINUATION, line_no);
  ci->it.ev.str = line;
}

void slg_chunk_silence(slg_chunk *c, int64_t step, slg_span before,
                       uint64_t before_no, slg_span after, uint64_t after_no)
{
  chunk_item *ci = push(c, ITEM_SILENCE, after_no);
  ci->time_ms = step;
  ci->it.ev.str = before;
  ci->it.ev.str2 = after;
  ci->it.ev.n = before_no;
}

typedef struct msg_head {
  uint64_t hash;
  int32_t level;
  uint32_t logger_len, tpl_len;
} msg_head;

void slg_chunk_message(slg_chunk *c, const slg_msg_key *k, uint64_t line_no)
{
  size_t need = sizeof(msg_head) + k->logger.len + k->tpl.len;
  need = (need + 7) & ~(size_t)7;
  if (c->msg_len + need > c->msg_cap) {
    c->msg_cap = c->msg_cap ? 2 * c->msg_cap : 16384;
    while (c->msg_len + need > c->msg_cap)
      c->msg_cap *= 2;
    c->msgbuf = slg_xrealloc(c->msgbuf, c->msg_cap);
  }
  char *w = c->msgbuf + c->msg_len;
  msg_head h = {k->hash, (int32_t)k->level, (uint32_t)k->logger.len,
                (uint32_t)k->tpl.len};
  memcpy(w, &h, sizeof h);
  /* An empty span may have no pointer (a record without a logger). */
  if (k->logger.len)
    memcpy(w + sizeof h, k->logger.ptr, k->logger.len);
  if (k->tpl.len)
    memcpy(w + sizeof h + k->logger.len, k->tpl.ptr, k->tpl.len);
  chunk_item *ci = push(c, ITEM_MESSAGE, line_no);
  ci->time_ms = (int64_t)c->msg_len;
  c->msg_len += need;
}

static void merge_message(slg_pipeline *p, const slg_chunk *c,
                          const chunk_item *ci, const slg_pos *pos)
{
  const char *r = c->msgbuf + ci->time_ms;
  msg_head h;
  memcpy(&h, r, sizeof h);
  slg_msg_key k;
  k.hash = h.hash;
  k.level = (slg_level)h.level;
  k.logger = slg_span_make(r + sizeof h, h.logger_len);
  k.tpl = slg_span_make(r + sizeof h + h.logger_len, h.tpl_len);
  slg_model_message(p->model, &k, pos);
}

void slg_chunk_trace_line(slg_chunk *c, slg_span line, uint64_t line_no)
{
  chunk_item *ci = push(c, ITEM_TRACE, line_no);
  ci->it.ev.str = line;
}

/* ------------------------------------------------------------- merging */

static void merge_span(slg_time *first, int64_t *first_ms, slg_time *last,
                       int64_t *last_ms, const slg_time *cf, int64_t cf_ms,
                       const slg_time *cl, int64_t cl_ms)
{
  if (cf->flags && (!first->flags || cf_ms < *first_ms)) {
    *first = *cf;
    *first_ms = cf_ms;
  }
  if (cl->flags && (!last->flags || cl_ms >= *last_ms)) {
    *last = *cl;
    *last_ms = cl_ms;
  }
}

/* The counts and the step across the border; returns that step when it
 * is a time budget's silence, else -1 (ITEM_BORDER applies it). */
static int64_t merge_counts(slg_pipeline *p, const slg_chunk *c)
{
  slg_accounting *a = &p->acc;
  const slg_accounting *b = &c->acc;
  slg_scan *s = &p->scan;
  slg_file_info *f = s->file;

  a->lines += b->lines;
  a->records += b->records;
  a->continuation_lines += b->continuation_lines;
  a->unrecognized_lines += b->unrecognized_lines;
  for (int i = 0; i < SLG_UNRECOGNIZED_COUNT; i++)
    a->by_class[i] += b->by_class[i];
  a->lines_cut += b->lines_cut;
  a->layout_limit_hits += b->layout_limit_hits;
  for (int i = 0; i < SLG_MAX_RELAYS; i++)
    a->unwrapped[i] += b->unwrapped[i];
  a->records_without_logger += b->records_without_logger;
  for (int i = 0; i <= SLG_LEVEL_COUNT; i++)
    a->levels[i] += b->levels[i];
  for (size_t i = 0; i < c->nlayouts; i++) {
    uint32_t local = c->layouts[i];
    uint32_t global = local == SLG_LAYOUT_OTHER
                          ? SLG_LAYOUT_OTHER
                          : slg_layout_adopt(p->layout, c->layout, local);
    a->layout_records[global] += b->layout_records[local];
  }
  a->timed_records += b->timed_records;
  merge_span(&a->first, &a->first_ms, &a->last, &a->last_ms, &b->first,
             b->first_ms, &b->last, b->last_ms);

  f->lines += c->file.lines;
  f->records += c->file.records;
  f->continuation_lines += c->file.continuation_lines;
  f->unrecognized_lines += c->file.unrecognized_lines;
  merge_span(&f->first, &f->first_ms, &f->last, &f->last_ms, &c->file.first,
             c->file.first_ms, &c->file.last, c->file.last_ms);

  int64_t silence = -1;
  if (c->first_timed.flags) {
    /* The step across the border, then the chunk's own (track_gap). */
    const slg_time *prev = &s->prev_time;
    if (prev->flags && (prev->flags & SLG_TIME_HAS_DATE) ==
                           (c->first_timed.flags & SLG_TIME_HAS_DATE)) {
      int64_t step = c->first_timed_ms - s->prev_ms;
      if (step < 0) {
        a->time_steps_back++;
      } else if (step > a->gap_ms) {
        a->gap_ms = step;
        a->gap_from = *prev;
        a->gap_to = c->first_timed;
      }
      if (step >= SLG_BUDGET_GAP_MS)
        silence = step;
    }
    if (b->gap_ms > a->gap_ms) {
      a->gap_ms = b->gap_ms;
      a->gap_from = b->gap_from;
      a->gap_to = b->gap_to;
    }
    a->time_steps_back += b->time_steps_back;
  }
  return silence;
}

/* After the chunk's items: the silence before ITEM_BORDER needed the
 * record before the chunk. */
static void take_last_timed(slg_scan *s, const slg_chunk *c, uint64_t base)
{
  if (!c->first_timed.flags)
    return;
  s->prev_time = c->scan.prev_time;
  s->prev_ms = c->scan.prev_ms;
  s->prev_line = c->scan.prev_line;
  s->prev_no = base + c->scan.prev_no;
  slg_scan_keep_line(s);
}

/* The chunk's bytes through the pipeline's own splitter. */
static void feed_serial(slg_pipeline *p, slg_chunk *c)
{
  if (!c->src) {
    slg_lines_feed(&p->lines, c->data, c->len);
    slg_scan_keep_line(&p->scan);
    return;
  }
  /* Positional: read the range again, a piece at a time. */
  if (!c->ext)
    c->ext = slg_xmalloc(EXTENSION);
  for (uint64_t pos = c->file_begin; pos < c->file_end;) {
    uint64_t want = c->file_end - pos;
    ptrdiff_t k = c->src->read_at(c->src->ctx, c->ext,
                                  want < EXTENSION ? (size_t)want
                                                   : EXTENSION,
                                  pos);
    if (k <= 0) {
      c->error = k < 0 ? (int)k : SLG_ESHRANK;
      return;
    }
    slg_lines_feed(&p->lines, c->ext, (size_t)k);
    slg_scan_keep_line(&p->scan);
    pos += (uint64_t)k;
  }
}

void slg_pipeline_merge(slg_pipeline *p, slg_chunk *c)
{
  slg_scan *s = &p->scan;
  c->was_serial = 0;
  if (c->empty || c->error)
    return;
  int started = (c->scan.chunk_state & SLG_SCAN_STARTED) != 0;
  /* Reference mode merges nothing: the serial path reads every chunk. */
  if (!started || c->inexact || p->opt.reference ||
      !slg_histogram_can_merge(&p->hist, &c->hist)) {
    c->was_serial = started;
    feed_serial(p, c);
    return;
  }
  SLG_FASTPATH_HIT(RUN_PARALLEL);
  uint64_t base = s->line_no;
  if (c->head_len)
    slg_lines_feed(&p->lines, c->data, c->head_len);
  int64_t border_silence = merge_counts(p, c);
  slg_histogram_merge(&p->hist, &c->hist);
  size_t run = 0;
  for (size_t i = 0; i < c->nitems; i++) {
    const chunk_item *ci = &c->items[i];
    slg_pos pos = {s->file_index, base + ci->line_no};
    if (ci->kind == ITEM_CONTINUATION)
      slg_model_continuation(p->model, ci->it.ev.str, &pos);
    else if (ci->kind == ITEM_TRACE)
      slg_model_trace_line(p->model, ci->it.ev.str, &pos);
    else if (ci->kind == ITEM_SILENCE) {
      slg_pos before = {s->file_index, base + ci->it.ev.n};
      slg_model_silence(p->model, ci->time_ms, &before, ci->it.ev.str, &pos,
                        ci->it.ev.str2);
    }
    else if (ci->kind == ITEM_MESSAGE)
      merge_message(p, c, ci, &pos);
    else if (ci->kind == ITEM_BORDER) {
      if (border_silence >= 0) {
        slg_pos before = {s->file_index, s->prev_no};
        slg_model_silence(p->model, border_silence, &before, s->prev_line,
                          &pos, c->first_line);
      }
    }
    else if (ci->kind == ITEM_TASKS) {
      slg_pos first = {s->file_index, base + (uint64_t)ci->time_ms};
      slg_model_apply_run(p->model, &c->runs, &c->runs.runs[run++], &first,
                          &pos);
    } else { /* a modelled record, or the marker (it.modelled == 0) */
      slg_model_apply(p->model, &ci->it, &ci->time, ci->time_ms, &pos);
    }
  }
  take_last_timed(s, c, base);
  s->ctx = c->scan.ctx;
  s->line_no = base + c->scan.line_no;
}
