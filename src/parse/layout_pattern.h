/*
 * layout_pattern.h - compile a log4j ConversionPattern (--layout) to PCRE2.
 *
 * The pattern "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n" becomes an anchored
 * PCRE2 regular expression (JIT-compiled when available) with the named
 * groups time, level, thread, logger and message; the time group is
 * parsed back into an slg_time by the pattern's own date format. One
 * match-data block is allocated at compile time and reused, so matching
 * never allocates.
 */
#ifndef SLG_PATTERN_H
#define SLG_PATTERN_H

#include <stddef.h>

#include "common.h"
#include "layout.h"

typedef struct slg_pattern slg_pattern;

/*
 * Compiles `conversion` (NUL-terminated). On success *out owns the
 * compiled pattern (release with slg_pattern_free) and 0 is returned. On
 * an unknown conversion, an unbalanced brace or a bad date format returns
 * SLG_EINVAL and, when `error` is not NULL (>= 256 bytes), writes one line
 * naming the 1-based position, e.g. "unknown conversion %q at position 4".
 */
int slg_pattern_compile(slg_pattern **out, const char *conversion, char *error);
void slg_pattern_free(slg_pattern *p);

/*
 * A user's layout may backtrack without bound (`%t%t%t ... %p`, each %t a
 * lazy group: a line that does not match tries every split). PCRE2's
 * defaults (10 million steps) let one such line cost seconds; these
 * limits keep a line's match within a few times the cost of reading it
 * with a detected layout, far above what a line that matches needs
 * (docs/reliability.md).
 */
#define SLG_PATTERN_MATCH_LIMIT 2000u
#define SLG_PATTERN_DEPTH_LIMIT 2000u

/*
 * Matches one line (no terminator). Returns 1 and fills every field of
 * *out except layout_id (left untouched) and prefix_len (set to 0), 0
 * when the line does not match, or -1 when the match gave up at
 * SLG_PATTERN_MATCH_LIMIT or SLG_PATTERN_DEPTH_LIMIT (not known to
 * match). Spans borrow from `line`. Not thread-safe: the match data is
 * shared between calls on the same pattern.
 */
int slg_pattern_match(slg_pattern *p, const char *line, size_t len,
                      slg_record *out);

/* The generated PCRE2 source (for tests and --debug output). */
const char *slg_pattern_regex(const slg_pattern *p);

/*
 * Maps a level word to slg_level: TRACE, DEBUG, INFO, WARN, WARNING,
 * ERROR, FATAL, and SEVERE (java.util.logging; counted as ERROR) in upper
 * case only. Returns SLG_LEVEL_NONE for anything else.
 */
slg_level slg_level_parse(const char *s, size_t n);

#endif /* SLG_PATTERN_H */
