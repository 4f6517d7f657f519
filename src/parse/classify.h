/*
 * classify.h - what a line that is not a log record is.
 *
 * Every input line ends up in exactly one bucket: a record (the layout
 * detector found a header), a continuation of the record before it (stack
 * frames, "Caused by:", a config dump the record opened, ...) or an
 * unrecognised line, counted by class. This module decides between the
 * last two, given a little state about the record context.
 */
#ifndef SLG_CLASSIFY_H
#define SLG_CLASSIFY_H

#include <stddef.h>

#include "common.h"

/* Classes of unrecognised lines; the names are the JSON keys. */
#define SLG_UNRECOGNIZED_MAP(X)                                              \
  X(BLANK, "blank")                                                          \
  X(FENCE, "code_fence")                                                     \
  X(PROSE, "prose")                                                          \
  X(SHELL_PROMPT, "shell_prompt")                                            \
  X(SLF4J, "slf4j")                                                          \
  X(LOG4J_INTERNAL, "log4j_internal")                                        \
  X(PROGRESS_BAR, "progress_bar")                                            \
  X(YARN_HEADER, "yarn_header")                                              \
  X(ORPHAN, "continuation_without_record")                                   \
  X(BINARY, "binary")                                                        \
  X(SPARK_EVENT, "spark_event")                                              \
  X(OTHER, "other")

typedef enum slg_unrecognized {
#define SLG_UNRECOGNIZED_ENUM(name, key) SLG_UNRECOGNIZED_##name,
  SLG_UNRECOGNIZED_MAP(SLG_UNRECOGNIZED_ENUM)
#undef SLG_UNRECOGNIZED_ENUM
  SLG_UNRECOGNIZED_COUNT
} slg_unrecognized;

const char *slg_unrecognized_key(slg_unrecognized c);

/* The record context a non-record line is judged in. */
typedef struct slg_context {
  int has_record; /* a record was seen earlier in this file */
  int block;      /* the record opened a block (a config dump, a plan,
                     a Python traceback): any non-blank line continues it */
} slg_context;

/* Reset at the start of each file: records never span files. */
static inline void slg_context_reset(slg_context *c)
{
  c->has_record = 0;
  c->block = 0;
}

/* A record was seen; `message` decides whether it opens a block (inline:
 * it runs for every record). */
static inline void slg_context_record(slg_context *c, slg_span message)
{
  size_t n = message.len;
  /* The last byte without a branch on it: Spark 3.2+ ends every "Starting
   * task" message in a blank and the "Finished task" after it in ')'. */
  unsigned char last = n > 0 ? (unsigned char)message.ptr[n - 1] : 0;
  n -= (size_t)((last == ' ') | (last == '\t') | (last == '\r'));
  while (n > 0 && (message.ptr[n - 1] == ' ' || message.ptr[n - 1] == '\t' ||
                   message.ptr[n - 1] == '\r'))
    n--;
  c->has_record = 1;
  /* "Spark configuration:", "Plan changed:", "Lost executor 1 on h:" (the
   * Kubernetes reason follows on its own lines), "Final plan:". */
  c->block = n > 0 && message.ptr[n - 1] == ':';
}

/*
 * Classifies a non-record line. Returns -1 if it is a continuation of the
 * current record, else its slg_unrecognized class. Updates the context
 * (a code fence or a shell prompt ends a record's context; a Python
 * traceback opens a block).
 */
int slg_classify_line(slg_context *c, slg_span line);

#endif /* SLG_CLASSIFY_H */
