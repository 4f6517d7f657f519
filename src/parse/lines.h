/*
 * lines.h - split a byte stream into lines, in any chunking.
 *
 * Splits on LF; a CR before the LF is dropped (CRLF files). A line longer
 * than max_line is cut: the first max_line bytes are passed on with
 * SLG_LINE_CUT, and the rest is skipped without being stored, so memory
 * stays bounded whatever the input. Every line is delivered exactly once,
 * including a final one without a newline (from slg_lines_finish).
 */
#ifndef SLG_LINES_H
#define SLG_LINES_H

#include <stddef.h>
#include <stdint.h>

enum {
  SLG_LINE_CUT = 1u << 0,        /* longer than max_line; text is a prefix */
  SLG_LINE_NO_NEWLINE = 1u << 1, /* final line without a terminator */
  SLG_LINE_CRLF = 1u << 2        /* ended in CR LF */
};

typedef struct slg_line {
  const char *ptr; /* borrowed; valid during the callback only */
  size_t len;      /* bytes in ptr (<= max_line), terminator excluded */
  uint64_t full_len; /* length of the whole line, terminator excluded */
  unsigned flags;
} slg_line;

typedef void (*slg_line_fn)(void *ctx, const slg_line *line);

typedef struct slg_lines {
  slg_line_fn fn;
  void *ctx;
  size_t max_line;
  char *carry;       /* partial line carried across chunks */
  size_t carry_len;
  uint64_t carry_full; /* full length of the partial line so far */
  int carry_cut;
} slg_lines;

void slg_lines_init(slg_lines *l, size_t max_line, slg_line_fn fn,
                    void *ctx);
void slg_lines_feed(slg_lines *l, const char *bytes, size_t len);
/* Delivers the pending final line, if any, and resets for a new file. */
void slg_lines_finish(slg_lines *l);
void slg_lines_dispose(slg_lines *l);

#endif /* SLG_LINES_H */
