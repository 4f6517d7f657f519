/*
 * sparklog.h - public interface of libsparklog.
 *
 * libsparklog reads Apache Spark driver logs in one streaming pass and
 * builds a report: line accounting, detected layouts, a per-logger
 * histogram, the job/stage/task hierarchy and the shuffle-stage ranking.
 *
 * The library never prints, never exits and never reads the environment.
 * Fallible functions return 0 (SLG_OK) or a negative SLG_E* code; running
 * out of memory aborts the process with a message (see slg_xmalloc).
 * Malformed log content is never an error: it is counted in the report.
 *
 * Typical use (tests/api/example.c is this, compiled and run by ctest):
 *
 *   slg_options opt; slg_options_init(&opt);
 *   slg_pipeline *p;
 *   if (slg_pipeline_new(&p, &opt, NULL) < 0) ...
 *   for each input:
 *     slg_reader *r; slg_reader_open(&r, path);
 *     slg_pipeline_begin_file(p, path);
 *     slg_pipeline_read(p, r);   (or slg_pipeline_feed with bytes you have)
 *     slg_pipeline_end_file(p, &status);
 *     slg_reader_close(r);
 *   slg_pipeline_finish(p);
 *   char *json; size_t len;
 *   slg_pipeline_render(p, SLG_FORMAT_JSON, &json, &len);
 *   ... free(json); slg_pipeline_free(p);
 *
 * Nothing is installed yet: the header is the contract the CLI, the tests
 * and the fuzzers are built on.
 */
#ifndef SPARKLOG_H
#define SPARKLOG_H

#include <stddef.h>
#include <stdint.h>

#include "sparklog_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The JSON document's schema id (docs/json-schema.md). */
#define SLG_SCHEMA "sparklog/2"

/* The library's version at run time: "0.2.0" and SLG_VERSION_NUMBER's
 * value (sparklog_version.h has the compile-time one). */
const char *slg_version(void);
int slg_version_number(void);

/* Error codes: one table, X-macro style (libuv). Values are negative. */
#define SLG_ERRNO_MAP(X)                                                     \
  X(OK, 0, "success")                                                        \
  X(EIO, -1, "read error")                                                   \
  X(ECORRUPT, -2, "corrupt gzip data")                                       \
  X(ENOENT, -3, "no such file")                                              \
  X(EACCES, -4, "permission denied")                                         \
  X(EISDIR, -5, "is a directory")                                            \
  X(EINVAL, -6, "invalid argument")                                          \
  X(ECONFIG, -7, "configuration error")                                      \
  X(EWRITE, -8, "write error")                                               \
  X(ETRAILING, -9, "trailing garbage after gzip data")                       \
  X(EFORMAT, -10, "not plain text or gzip")                                  \
  X(ESHRANK, -11, "the file shrank while it was read")                       \
  X(EINTR, -12, "interrupted")

typedef enum slg_errno {
#define SLG_ERRNO_ENUM(name, value, text) SLG_##name = (value),
  SLG_ERRNO_MAP(SLG_ERRNO_ENUM)
#undef SLG_ERRNO_ENUM
} slg_errno;

/* Returns a static, human-readable description of an SLG_E* code. */
const char *slg_strerror(int code);

/* ---------------------------------------------------------------- input */

/*
 * A reader yields the decoded bytes of one input: a regular file, a FIFO,
 * or standard input (path "-"). gzip is recognised by its magic bytes, not
 * by the file name; concatenated gzip members are decoded in sequence.
 * This is the only part of the library that touches file descriptors.
 */
typedef struct slg_reader slg_reader;

/*
 * Opens `path` ("-" for stdin). On success *out owns the reader; release it
 * with slg_reader_close. Returns SLG_ENOENT, SLG_EACCES, SLG_EISDIR or
 * SLG_EIO on failure (errno is left as the system set it).
 */
int slg_reader_open(slg_reader **out, const char *path);

/*
 * Reads up to `cap` decoded bytes into `buf`. Returns the number of bytes
 * (> 0), 0 at the end of the input, or a negative code: SLG_ECORRUPT for
 * corrupt or truncated gzip data, SLG_ETRAILING for non-gzip bytes after a
 * complete gzip member, SLG_EFORMAT for an input that is neither text nor
 * gzip (a zip archive, xz, zstd, ...: see slg_reader_format; nothing of
 * it is returned), SLG_ESHRANK for a regular file that ended before the
 * size it had when opened (truncated while read), SLG_EIO for a read
 * error. After an error every
 * further call returns the same error; the bytes returned before it are
 * valid. slg_reader_error_offset tells where the damage starts.
 */
ptrdiff_t slg_reader_read(slg_reader *r, char *buf, size_t cap);

/* Raw (compressed) bytes consumed so far. */
uint64_t slg_reader_bytes_read(const slg_reader *r);
/* Decoded bytes returned so far. */
uint64_t slg_reader_bytes_decoded(const slg_reader *r);
/* Offset in the raw input of the first damaged byte, valid after an
 * SLG_ECORRUPT or SLG_ETRAILING return (after SLG_ESHRANK and SLG_EINTR:
 * where reading stopped). */
uint64_t slg_reader_error_offset(const slg_reader *r);
/* 1 when the input is gzip. */
int slg_reader_is_gzip(const slg_reader *r);
/* After SLG_EFORMAT: what the input is ("a zip archive", "zstd-compressed",
 * ...) and the command that decodes it to stdout ("unzip -p", "zstd -dc";
 * NULL when there is no common one); NULL otherwise. Static strings. */
const char *slg_reader_format(const slg_reader *r);
const char *slg_reader_format_command(const slg_reader *r);
/* Name of the inflate backend in use: "zlib" or "isa-l". */
const char *slg_reader_backend(void);

void slg_reader_close(slg_reader *r);

/* ------------------------------------------------------------- pipeline */

typedef struct slg_options {
  /* A log4j ConversionPattern (e.g. "%d{ISO8601} %p [%t] %c: %m%n") tried
   * before automatic detection, or NULL. */
  const char *layout;
  /* More loggers that relay another process's log lines (their records'
   * messages are read as records), comma-separated, full or short names;
   * or NULL: Airflow's and Livy's relays only (layout.h). */
  const char *unwrap;
  /* Distinct logger names counted exactly; the rest are summed into
   * loggers_other. Default SLG_DEFAULT_MAX_LOGGERS. */
  size_t max_loggers;
  /* Bytes of one line kept for parsing; longer lines are cut (and counted
   * as cut). Default SLG_DEFAULT_MAX_LINE. */
  size_t max_line;
  /* Hostile-input caps (model.h): stages held before further ones are
   * folded when they end, default SLG_DEFAULT_MAX_STAGES; applications
   * held before further ones go on in the last, default
   * SLG_DEFAULT_MAX_APPS. */
  uint64_t max_stages;
  uint64_t max_apps;
  /* Stages held before further ones fold when they end, uncapped
   * (slg_model_set_fold_held); 0: never. For a caller whose only report
   * is the one written from the end callbacks (the ndjson stream, which
   * sets SLG_NDJSON_HELD): what folds leaves the batch report's lists. */
  uint64_t fold_held;
  /* Parsing threads for slg_pipeline_read; 0 or 1: the calling thread
   * alone. The report does not depend on it. */
  unsigned threads;
  /* Bytes read per parallel chunk; 0: SLG_DEFAULT_CHUNK. Small values only
   * make sense in tests (many chunk borders). */
  size_t chunk_size;
  /* Non-zero: read plain files with read(2)/pread(2) only. By default
   * windows of a regular file are memory-mapped (no copy), which raises
   * SIGBUS if the file is truncated while it is read. */
  int no_mmap;
  /* Non-zero: reference mode. Every fast path, cache and memo of the
   * registry (src/util/fastpath.h) is switched off and the general path
   * alone runs: one thread (threads is ignored) reading with read(2)
   * (as no_mmap). The report is the same. For tests: it is slower. */
  int reference;
  /* Asked between windows and chunks of input and when a read or a wait
   * is interrupted by a signal (EINTR): non-zero ends the input there,
   * reported as SLG_EINTR with what was read so far. NULL: never. It may
   * be called from any reading thread, so it only reads a flag. */
  int (*stopped)(void *ctx);
  void *stop_ctx;
  /* WARN/ERROR/FATAL message templates kept per application; the rest
   * are counted as templates_other. 0: SLG_DEFAULT_MAX_TEMPLATES. */
  size_t max_templates;
} slg_options;

#define SLG_DEFAULT_MAX_LOGGERS 1000
#define SLG_DEFAULT_MAX_LINE (64 * 1024)
#define SLG_DEFAULT_MAX_STAGES 10000000
#define SLG_DEFAULT_MAX_APPS 100000
#define SLG_NDJSON_HELD 16384
/* The default is halved, down to SLG_MIN_DEFAULT_CHUNK, while the ring of
 * threads + 3 chunks would pass 16 MiB (many threads). */
#define SLG_DEFAULT_CHUNK (1024 * 1024)
#define SLG_MIN_DEFAULT_CHUNK (256 * 1024)
#define SLG_MAX_THREADS 64

void slg_options_init(slg_options *out);

typedef struct slg_pipeline slg_pipeline;

/*
 * Creates a pipeline. Returns SLG_EINVAL when opts->layout does not
 * compile; `error` (may be NULL, else at least 256 bytes) then holds a
 * one-line reason.
 */
int slg_pipeline_new(slg_pipeline **out, const slg_options *opts,
                     char *error);
void slg_pipeline_free(slg_pipeline *p);

/* Starts a new input file; records never span files. `path` is copied. */
void slg_pipeline_begin_file(slg_pipeline *p, const char *path);

/* Feeds decoded bytes of the current file, in any chunking. */
void slg_pipeline_feed(slg_pipeline *p, const char *bytes, size_t len);

/*
 * Reads the whole of `r` into the current file: slg_reader_read and
 * slg_pipeline_feed in a loop, or, with opts->threads > 1, a reader thread
 * (inflating gzip), opts->threads parsing threads and this thread merging
 * in input order, in bounded memory. Returns 0 at the end of the input or
 * the reader's negative SLG_E* code (the bytes before it were read).
 */
ptrdiff_t slg_pipeline_read(slg_pipeline *p, slg_reader *r);

typedef struct slg_file_status {
  uint64_t bytes_read;    /* raw bytes */
  uint64_t bytes_decoded; /* bytes after inflate */
  int error;              /* 0 or an SLG_E* code */
  uint64_t error_offset;  /* where the damage starts, when error != 0 */
  const char *format;     /* SLG_EFORMAT: slg_reader_format (static) */
} slg_file_status;

/* Ends the current file (flushes a final line without newline). */
void slg_pipeline_end_file(slg_pipeline *p, const slg_file_status *status);

/* Ends the stream; the report is complete after this. */
void slg_pipeline_finish(slg_pipeline *p);

/* --------------------------------------------------------------- render */

typedef enum slg_format {
  SLG_FORMAT_TEXT,
  SLG_FORMAT_JSON,
  SLG_FORMAT_MARKDOWN,
  SLG_FORMAT_JUNIT,
  SLG_FORMAT_GITHUB,
  SLG_FORMAT_GITLAB,
  /* The CLI's sparklog-ndjson/1 stream (--format ndjson): not for
   * slg_pipeline_render (SLG_EINVAL). */
  SLG_FORMAT_NDJSON
} slg_format;

/*
 * The report of a finished pipeline (slg_pipeline_finish), analysed with
 * the default thresholds, in `format`: the full report in text (without
 * colour), the sparklog JSON document (docs/json-schema.md), or the check
 * as Markdown, JUnit XML, GitHub workflow commands or a GitLab Code
 * Quality report. *out receives a new
 * NUL-terminated buffer that the caller releases with free(); *len (may be
 * NULL) its length without the NUL. Returns 0, or SLG_EINVAL when the
 * pipeline is not finished or `format` is not one of the above (*out is
 * then NULL).
 */
int slg_pipeline_render(const slg_pipeline *p, slg_format format, char **out,
                        size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* SPARKLOG_H */
