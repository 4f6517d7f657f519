/*
 * pipeline.h - the pipeline's state, for the renderers and tests.
 *
 * slg_pipeline (include/sparklog.h) wires the input-free stages together:
 * lines -> layout -> classify -> histogram + model. Renderers do not read
 * it: they read the slg_report view (report.h) that slg_pipeline_report
 * fills.
 */
#ifndef SLG_PIPELINE_H
#define SLG_PIPELINE_H

#include "classify.h"
#include "fastpath.h"
#include "histogram.h"
#include "input_kind.h"
#include "layout.h"
#include "lines.h"
#include "messages.h"
#include "model.h"
#include "report.h"

/* slg_time_ms with the date's part remembered: records of one log mostly
 * share their date, and the days-from-civil arithmetic is most of
 * slg_time_ms (registry row SCAN_DATE_CACHE). */
typedef struct slg_time_cache {
  uint16_t year;
  uint8_t month, day, flags; /* flags 0: nothing cached */
  int64_t date_ms;
} slg_time_cache;

static inline int64_t slg_time_cache_ms(slg_time_cache *c, const slg_time *t)
{
  if (!(t->flags & SLG_TIME_HAS_TIME))
    return -1;
  int64_t tod = ((int64_t)t->hour * 3600 + t->minute * 60 + t->second) *
                    1000 +
                ((t->flags & SLG_TIME_HAS_MS) ? t->millisecond : 0);
  if (!(t->flags & SLG_TIME_HAS_DATE))
    return tod;
  if (!c->flags || c->year != t->year || c->month != t->month ||
      c->day != t->day) {
    c->year = t->year;
    c->month = t->month;
    c->day = t->day;
    c->flags = 1;
    c->date_ms = slg_time_ms(t) - tod;
  } else {
    SLG_FASTPATH_HIT(SCAN_DATE_CACHE);
  }
  return c->date_ms + tod;
}

/*
 * One thread's parsing state: the layout detector, the record context and
 * the counters a line updates. The serial path has one (in the pipeline,
 * applying records to the model at once); each parallel chunk has its own
 * (queueing records for the merge, parallel.c).
 */
typedef struct slg_chunk slg_chunk;

/* A logger as written, with its short name and histogram index: records
 * come in runs of two or three loggers (TaskSetManager's task lines with
 * BlockManagerInfo's between them), and one compare then stands for the
 * short-name scan and the histogram lookup. */
#define SLG_LOGGER_MEMO_SLOTS 32 /* a power of two */

typedef struct slg_logger_memo {
  char text[64];
  size_t len; /* 0: empty entry */
  size_t short_off, short_len;
  size_t hist; /* index in the scan's histogram */
  const struct slg_model_route *route; /* model_events.h */
} slg_logger_memo;

typedef struct slg_scan {
  slg_layout *layout;
  slg_context ctx;
  slg_histogram *hist;
  slg_accounting *acc;
  slg_file_info *file;  /* counters of the current file */
  uint32_t file_index;
  uint64_t line_no;     /* lines seen, within the file or the chunk */
  slg_time prev_time;   /* last timed record (gap tracking) */
  int64_t prev_ms;      /* its slg_time_ms */
  /* The time budget's silences (budget.h): the current record's line and
   * the last timed record's, with its line number; prev_line may point
   * into prev_copy (slg_scan_keep_line). */
  slg_span line;
  slg_span prev_line;
  uint64_t prev_no;
  /* The line reader's carry (NULL: none): a line assembled there is
   * overwritten by the next partial line within the same feed, so a
   * timed record read from it is copied at once. */
  const char *carry;
  char prev_copy[512];
  slg_time_cache tc;
  slg_logger_memo memo[2]; /* the two loggers seen last */
  unsigned memo_next;       /* the entry to replace */
  /* Behind them, a logger's entry by a hash of its name: a log of many
   * applications interleaves dozens of loggers, and a miss of both
   * costs the short-name scan, the route's package check and the
   * histogram lookup. */
  slg_logger_memo memo_by_hash[SLG_LOGGER_MEMO_SLOTS];
  slg_model *model;     /* serial: records are applied at once */
  slg_chunk *chunk;     /* parallel: records are queued in the chunk */
  /* The chunk's state as the scan needs it on every line, kept here
   * rather than asked of chunk.c per line. */
  unsigned char chunk_state; /* SLG_SCAN_* */
  /* Reference mode (fastpath.h): no logger memo, date cache or same-time
   * skip. */
  int reference;
  /* Masks WARN/ERROR/FATAL messages (messages.h); owned by the pipeline
   * or the chunk, created on first use. */
  struct slg_masker *masker;
} slg_scan;

#define SLG_SCAN_STARTED 1u /* the chunk has seen its first record */
#define SLG_SCAN_STOPPED 2u /* inexact: its merge is serial, stop parsing */

/*
 * What slg_pipeline_read had to do without, for want of resources (an
 * address-space limit: ulimit -v): each fallback keeps the report the
 * same, only slower. The largest shortfall of the run is kept; the CLI
 * says it once.
 *   threads_wanted/threads_had: parsing threads asked for and started
 *     (threads_had < threads_wanted: fewer, or 1: the serial path);
 *   unmapped: bytes of regular files that could not be mapped and were
 *     read with pread instead (0: none);
 *   ring_wanted/ring_had: chunks of the parallel ring asked for and had.
 */
typedef struct slg_read_notes {
  unsigned threads_wanted, threads_had;
  uint64_t unmapped;
  size_t ring_wanted, ring_had;
} slg_read_notes;

struct slg_pipeline {
  /* The options as given, defaults filled in. opt.reference is the
   * reference switch every layer's constructor is given (fastpath.h). */
  slg_options opt;
  slg_layout *layout;
  slg_lines lines;
  slg_histogram hist;
  slg_model *model;
  slg_file_info *files;
  size_t nfiles, files_cap;
  slg_scan scan; /* the serial path's state */
  slg_accounting acc;
  int finished;
  slg_report_end_fn on_end; /* slg_pipeline_on_end */
  void *on_end_ctx;
  /* The stage attempts the cap folded (slg_pipeline_fold), analysed with
   * `thresholds` (NULL: the defaults). */
  struct slg_fold *fold;
  const struct slg_thresholds *thresholds;
  slg_read_notes notes; /* slg_pipeline_read's fallbacks so far */
  void (*on_idle)(void *ctx); /* slg_pipeline_on_idle */
  void *on_idle_ctx;
  void (*on_progress)(void *ctx, uint64_t bytes_in); /* ..._on_progress */
  void *on_progress_ctx;
};

/*
 * Parallel parsing (parallel.c) in three steps. A chunk is a line-aligned
 * piece of the current file: it ends right after a '\n' and the serial
 * line splitter holds no partial line where it starts.
 *   slg_chunk_new      creates a chunk object for pipeline p (reusable);
 *   slg_chunk_parse    parses `len` bytes at `data` (any thread; reads
 *                      only p's options; `data` must stay valid and
 *                      unchanged until the chunk is merged);
 *   slg_pipeline_merge merges a parsed chunk into p, in input order (the
 *                      pipeline's thread). The report is byte-identical to
 *                      feeding the same bytes with slg_pipeline_feed: a
 *                      chunk whose results cannot be merged exactly (more
 *                      loggers or layouts than the bounds, say) is fed
 *                      through the serial path instead.
 */
slg_chunk *slg_chunk_new(const slg_pipeline *p);
void slg_chunk_free(slg_chunk *c);
void slg_chunk_parse(slg_chunk *c, const char *data, size_t len);
/*
 * Where a positional chunk's bytes come from. The pipeline does no I/O:
 * the run layer hands it its reader through these calls.
 *   read_at  reads up to n bytes at file offset pos into buf: the bytes
 *            read, 0 at the end of the file, or a negative SLG_E* code;
 *   base     the whole file mapped from offset 0, or NULL;
 *   populate makes [p, p + n) of the mapping readable: 0, or -1 where its
 *            pages cannot be had (the file shrank).
 */
typedef struct slg_byte_source {
  ptrdiff_t (*read_at)(void *ctx, char *buf, size_t n, uint64_t pos);
  int (*populate)(void *ctx, const char *p, size_t n);
  const char *base;
  void *ctx;
} slg_byte_source;

/*
 * The positional variant: parses the lines that start in [begin, end) of
 * a plain regular file of `size` bytes, read from src's mapping (its
 * pages populated here) or else into `buf` (end - begin + 1 bytes at
 * least); either stays valid until the merge, and so does *src. It reads
 * on past `end` to the last line's newline. Every line belongs to
 * exactly one chunk of a partition of [0, size). Returns 0 or SLG_EIO
 * (the merge then skips the chunk; slg_chunk_error says so).
 */
int slg_chunk_parse_at(slg_chunk *c, const slg_byte_source *src, char *buf,
                       uint64_t begin, uint64_t end, uint64_t size);
/* The file offset after the chunk's last line, and its SLG_EIO or 0. */
uint64_t slg_chunk_file_end(const slg_chunk *c);
int slg_chunk_error(const slg_chunk *c);
void slg_pipeline_merge(slg_pipeline *p, slg_chunk *c);
/* 1 when the last merge had to take the serial path (tests). */
int slg_chunk_was_serial(const slg_chunk *c);
/* The runs of task lines the last parse summed (task_runs.h), and the
 * task lines in them (tests). */
size_t slg_chunk_task_runs(const slg_chunk *c, uint64_t *lines);

/* A scan over `layout` counting into hist and acc, with no file, model or
 * chunk yet (the caller sets the one it feeds); `reference` non-zero
 * turns its fast paths off (fastpath.h). */
void slg_scan_init(slg_scan *s, slg_layout *layout, slg_histogram *hist,
                   slg_accounting *acc, int reference);
/* The line callback of slg_lines for a scan (pipeline.c). */
void slg_scan_line(void *scan, const slg_line *line);
/* Copies the last timed record's line into the scan, before the bytes it
 * points into go (after each feed of the serial path). */
void slg_scan_keep_line(slg_scan *s);
/* A forward step of `step` ms to the current record, from the last timed
 * one: a silence for the time budget when long enough. */
void slg_scan_silence(slg_scan *s, int64_t step);
/* What a chunk's scan hands to the chunk (chunk.c). */
void slg_chunk_start(slg_chunk *c, const slg_line *first_record);
void slg_chunk_layout_seen(slg_chunk *c, uint32_t layout_id);
void slg_chunk_record(slg_chunk *c, const slg_record *rec, int64_t time_ms,
                      const struct slg_model_route *route, uint64_t line_no);
void slg_chunk_continuation(slg_chunk *c, slg_span line, uint64_t line_no);
/* A WARN/ERROR/FATAL record's template (messages.h), queued before the
 * record's own item. */
void slg_chunk_message(slg_chunk *c, const struct slg_msg_key *k,
                       uint64_t line_no);
/* An unrecognised line that slg_trace_line_wanted took (failure.h). */
void slg_chunk_trace_line(slg_chunk *c, slg_span line, uint64_t line_no);
/* A silence (slg_scan_silence) within the chunk: the lines are the
 * chunk's own. */
void slg_chunk_silence(slg_chunk *c, int64_t step, slg_span before,
                       uint64_t before_no, slg_span after,
                       uint64_t after_no);
/* The chunk's histogram overflowed: its merge must be serial. */
void slg_chunk_overflow(slg_chunk *c);

/* 1 when every file was read to its end without error. */
int slg_pipeline_complete(const slg_pipeline *p);

/*
 * Fills *out with a view of p's state (report.h): accounting, files,
 * loggers, model, layouts. Analysis and thresholds are left NULL for the
 * caller to set. The view borrows from p and holds until p is fed,
 * finished or freed.
 */
void slg_pipeline_report(slg_report *out, const slg_pipeline *p);

/*
 * Calls fn(ctx, report, end) whenever an application, a job or a stage
 * attempt ends (slg_model_on_end), in input order, during feed, merge or
 * finish: output can be written while the stream is read, by the same
 * renderers as the final report. The report's counters stand at the
 * ending line, or at the end of its chunk when chunks are merged (the
 * end's pos names the line either way). NULL fn: none.
 */
void slg_pipeline_on_end(slg_pipeline *p, slg_report_end_fn fn, void *ctx);

/*
 * --max-stages (slg_options.max_stages): the stage attempts that leave
 * the model are analysed as they end (analysis.h, slg_fold) with `t`
 * (borrowed until the pipeline is freed; NULL: the defaults), which must
 * be the thresholds the caller analyses the model with. slg_pipeline_fold
 * gives what they left for slg_analysis_run_folded, NULL when none was
 * folded; owned by the pipeline.
 */
void slg_pipeline_set_thresholds(slg_pipeline *p,
                                 const struct slg_thresholds *t);
const struct slg_fold *slg_pipeline_fold(const slg_pipeline *p);

/*
 * Calls fn(ctx) when a stream's input goes idle (slg_reader_idle: the
 * writer of a pipe pauses) after the complete lines read so far were
 * parsed and their end callbacks have run: the time to flush output
 * written from them. Set, it also makes slg_pipeline_read hand a
 * partly filled chunk to the parsers when the input is idle, rather
 * than wait to fill it. NULL fn: none (chunks are filled).
 */
void slg_pipeline_on_idle(slg_pipeline *p, void (*fn)(void *ctx),
                          void *ctx);

/*
 * Calls fn(ctx, bytes_in) on the pipeline's thread each time a window or
 * chunk of the current input has been parsed into p (slg_pipeline_read;
 * never per line): bytes_in is how much of the input as stored was
 * consumed so far (a gzip file's compressed bytes, not its text). The
 * callback may read p (its line counts, its model) but not feed it; a
 * progress display samples its counters there. NULL fn: none.
 */
void slg_pipeline_on_progress(slg_pipeline *p,
                              void (*fn)(void *ctx, uint64_t bytes_in),
                              void *ctx);

/* What the input looked like (after slg_pipeline_finish). */
slg_input_kind slg_pipeline_input_kind(const slg_pipeline *p);

#endif /* SLG_PIPELINE_H */
