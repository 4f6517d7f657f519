/*
 * buf.h - a growable byte buffer and the JSON writer on top of it.
 *
 * Renderers write into an slg_buf; only the CLI writes a buffer to a file
 * descriptor. A buffer given a sink (slg_buf_set_sink) hands its bytes to
 * the sink whenever the next piece would take it past its bound, so a
 * report of any size streams through a bounded buffer; the sink is the
 * caller's (the CLI's write), the library still does no I/O. The JSON helpers always produce valid UTF-8: invalid input
 * sequences become U+FFFD, one per maximal subpart (Unicode 15, 3.9).
 */
#ifndef SLG_BUF_H
#define SLG_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "common.h"

/* A buffer's destination: takes the n bytes at data; returns 0, or
 * non-zero when the destination failed (it gets nothing more). */
typedef int (*slg_buf_sink)(void *ctx, const char *data, size_t n);

typedef struct slg_buf {
  char *ptr;
  size_t len;
  size_t cap;
  size_t limit; /* the writers' fast path runs below it: cap, or less
                   than the bound with a sink */
  /* slg_buf_set_sink; NULL: the buffer keeps everything. */
  slg_buf_sink sink;
  void *sink_ctx;
  size_t bound;
  int sink_failed;
} slg_buf;

#define SLG_BUF_INIT {NULL, 0, 0, 0, NULL, NULL, 0, 0}

void slg_buf_init(slg_buf *b);
void slg_buf_dispose(slg_buf *b);
void slg_buf_clear(slg_buf *b);
void slg_buf_grow(slg_buf *b, size_t extra);
/*
 * From now on the buffer sends what it holds to fn(ctx, ...) before a
 * piece would take it past `bound` bytes, and keeps only the rest: it
 * holds at most `bound` bytes, or one piece when a piece is longer (a
 * piece: one put, one escaped string). Nothing written into it may be
 * read back or changed afterwards (slg_buf_cstr's view then starts at
 * the last flush). After the sink failed, bytes are dropped.
 */
void slg_buf_set_sink(slg_buf *b, slg_buf_sink fn, void *ctx, size_t bound);
/* Sends what the buffer holds to its sink (none: does nothing). Returns 0,
 * or non-zero when the sink failed, now or before. */
int slg_buf_flush(slg_buf *b);
void slg_buf_put(slg_buf *b, const void *p, size_t n);
void slg_buf_puts(slg_buf *b, const char *s);
void slg_buf_putc(slg_buf *b, char c);
/* Appends n copies of c. */
void slg_buf_fill(slg_buf *b, char c, size_t n);
void slg_buf_printf(slg_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void slg_buf_vprintf(slg_buf *b, const char *fmt, va_list ap);
/* Returns a NUL-terminated view (the NUL is not counted in len). */
const char *slg_buf_cstr(slg_buf *b);

/*
 * Appends `s` with invalid UTF-8 replaced by U+FFFD (maximal subparts) and
 * C0 controls other than tab replaced by U+FFFD too, for text output.
 */
void slg_buf_put_utf8(slg_buf *b, const char *s, size_t n);

/* ------------------------------------------------------------ JSON writer */

/*
 * A minimal streaming JSON writer. It tracks whether a comma is due, so
 * callers write keys and values in order:
 *
 *   slg_json j; slg_json_init(&j, &buf, 1);
 *   slg_json_object_begin(&j);
 *   slg_json_key(&j, "lines"); slg_json_u64(&j, 42);
 *   slg_json_object_end(&j);
 *
 * `pretty` indents with two spaces. Depth is limited to 32.
 */
typedef struct slg_json {
  slg_buf *out;
  int pretty;
  int depth;
  uint8_t need_comma[33];
  uint8_t after_key;
} slg_json;

void slg_json_init(slg_json *j, slg_buf *out, int pretty);
void slg_json_object_begin(slg_json *j);
void slg_json_object_end(slg_json *j);
void slg_json_array_begin(slg_json *j);
void slg_json_array_end(slg_json *j);
void slg_json_keyn(slg_json *j, const char *key, size_t n);
/* A key that needs no escaping (checked in debug builds). */
void slg_json_key_plain(slg_json *j, const char *key, size_t n);
/* Inline, so that a literal key (sparklog's own names, plain ASCII) is
 * written without the escaping scan: a report has hundreds of thousands
 * of them. Any other key is escaped. */
static inline void slg_json_key(slg_json *j, const char *key)
{
#if defined(__GNUC__)
  if (__builtin_constant_p(strlen(key))) {
    slg_json_key_plain(j, key, strlen(key));
    return;
  }
#endif
  slg_json_keyn(j, key, strlen(key));
}
void slg_json_str(slg_json *j, const char *s);
void slg_json_strn(slg_json *j, const char *s, size_t n);
void slg_json_u64(slg_json *j, uint64_t v);
void slg_json_i64(slg_json *j, int64_t v);
/* Finite doubles with up to `decimals` fraction digits, trailing zeros
 * trimmed; non-finite values are written as null. */
void slg_json_double(slg_json *j, double v, int decimals);
void slg_json_bool(slg_json *j, int v);
void slg_json_null(slg_json *j);
/* An slg_time as an ISO-8601 string, or null when absent. */
void slg_json_time(slg_json *j, const slg_time *t);

/* Escapes s into b as a JSON string body (no quotes), repairing UTF-8. */
void slg_json_escape(slg_buf *b, const char *s, size_t n);

#endif /* SLG_BUF_H */
