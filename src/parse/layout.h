/*
 * layout.h - find the parts of a log4j-style record in one line.
 *
 * Detection is general: the timestamp, level, thread, logger and message
 * are located by their shape, not by one regular expression per known
 * layout, so layouts never seen before are read too. Each distinct shape
 * found is registered once and described as a log4j ConversionPattern
 * (reusable as --layout). A user-given --layout pattern, compiled to PCRE2,
 * is tried before detection.
 *
 * Tokens are borrowed slices into the line passed in; they are valid until
 * the caller's line buffer changes.
 */
#ifndef SLG_LAYOUT_H
#define SLG_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

/* One tokenized record (the first line of a log event). */
typedef struct slg_record {
  slg_time time;     /* flags == 0 when the layout has no timestamp */
  slg_level level;   /* SLG_LEVEL_NONE when absent */
  slg_span thread;   /* len 0 when absent */
  slg_span logger;   /* as written: "org.apache.spark.scheduler.DAGScheduler",
                        "scheduler.DAGScheduler", "{DAGScheduler}" ... */
  slg_span message;  /* the rest; trailing CR/space not stripped except
                        where the layout wraps it ("-[msg]") */
  uint32_t layout_id; /* index into the detector's layout table */
  /* 0, or 1 + the relay (slg_layout_relay_name) whose record's message
   * this record was: the relay's header was dropped. */
  uint16_t relay;
  /* Bytes before the record header (a wrapper prefix, a progress bar). */
  size_t prefix_len;
} slg_record;

/* Maximum number of distinct layouts registered; further new shapes are
 * still tokenized and counted under SLG_LAYOUT_OTHER. */
#define SLG_MAX_LAYOUTS 64
#define SLG_LAYOUT_OTHER (SLG_MAX_LAYOUTS)

typedef struct slg_layout slg_layout;

/*
 * Creates a detector. `user_pattern` is a log4j ConversionPattern or NULL.
 * `reference` non-zero: the detector's fast paths (src/util/fastpath.h:
 * the default-header reader, its memos, the header memo, the last-shape
 * shortcut) are off and every line takes the general scan; records and
 * layouts are the same either way. Returns SLG_EINVAL if the pattern does
 * not compile; `error` (NULL or at least 256 bytes) then says why in one
 * line.
 */
int slg_layout_new(slg_layout **out, const char *user_pattern, int reference,
                   char *error);
void slg_layout_free(slg_layout *l);

/*
 * Tokenizes one line (without its line terminator). Returns 1 and fills
 * *out if the line holds a log record, 0 otherwise, with
 * SLG_LAYOUT_LIMIT_HIT added when the user's --layout gave up on the line
 * at its match limit (layout_pattern.h; detection still read the line).
 * Never allocates on the hot path (a new layout shape is registered once).
 */
#define SLG_LAYOUT_LIMIT_HIT 2
int slg_layout_parse(slg_layout *l, const char *line, size_t len,
                     slg_record *out);

/*
 * The time (slg_time_ms) of the first record with a date and a time among
 * the whole lines of text (a file's first bytes; a last line without its
 * newline is not read), or -1 when none has both: a time of day alone
 * says nothing of which file came first. Registers layouts as parsing
 * does.
 */
int64_t slg_layout_first_time(slg_layout *l, const char *text, size_t len);

/*
 * Loggers whose records relay another process's log lines: a record of
 * one whose message is itself a record is read as the inner record (the
 * relay's header dropped); any other logger's message is data, so a line
 * quoted in a message cannot forge a Spark event. Built in: Airflow's
 * task loggers that relay a child ("{spark_submit.py:N}",
 * "{subprocess.py:N}", "{pod_manager.py:N}", ...: layout.c lists them)
 * and Livy's LineBufferedStream. `extra`: more logger names (full or
 * short), comma-separated (--unwrap), or NULL; copied.
 */
void slg_layout_set_relays(slg_layout *l, const char *extra);

/*
 * Relays are numbered: the built-in ones first, then the `extra` names in
 * order; the same in every detector given the same `extra`, so counts by
 * relay add up across detectors. Names past SLG_MAX_RELAYS ids share the last
 * number. slg_layout_relay_name gives relay `id`'s name as reported
 * ("spark_submit.py", "LineBufferedStream", an --unwrap name as given),
 * NUL-terminated and owned by the detector, or NULL when `id` names none.
 */
#define SLG_MAX_RELAYS 32
const char *slg_layout_relay_name(const slg_layout *l, unsigned id);

/* The --layout pattern given to slg_layout_new (layout 0 when not NULL),
 * owned by the detector; NULL when none was given. */
const char *slg_layout_user_pattern(const slg_layout *l);

/* Number of layouts registered so far. */
size_t slg_layout_count(const slg_layout *l);
/* The ConversionPattern describing layout `id` (NUL-terminated, owned by
 * the detector), e.g. "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n". */
const char *slg_layout_pattern(const slg_layout *l, uint32_t id);

/*
 * The global id, in detector `l`, of layout `id` of detector `from`
 * (another thread's), registering it when new: merging detectors in input
 * order gives the ids one detector would have given. SLG_LAYOUT_OTHER when
 * `l` is full.
 */
uint32_t slg_layout_adopt(slg_layout *l, const slg_layout *from, uint32_t id);
/* New shapes that found the table full (and were counted as other). */
uint64_t slg_layout_refused(const slg_layout *l);

/*
 * Canonical short logger name: the last dot-separated segment with any
 * {braces}, [brackets], trailing ':' and the Glue/Log4j location suffix
 * removed; inner classes keep their '$' ("YarnSchedulerBackend$
 * YarnDriverEndpoint"). Returns a sub-span of `logger`.
 */
slg_span slg_logger_short(slg_span logger);

#endif /* SLG_LAYOUT_H */
