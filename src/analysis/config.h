/*
 * config.h - the check's configuration: one key table shared by flags
 * ("--max-skew"), config files ("max_skew = 10") and the environment
 * ("SPARKLOG_MAX_SKEW"). Pure parsing; the CLI reads files and the
 * environment and applies them in order defaults < file < env < flags.
 */
#ifndef SLG_CONFIG_H
#define SLG_CONFIG_H

#include <stddef.h>

#include "analysis.h"
#include "buf.h"

/* Number of keys and their names, in documentation order. */
size_t slg_config_count(void);
const char *slg_config_key(size_t i);
/* What a key's value is: "count", "ratio", "duration", "size",
 * "severity", "bool". */
const char *slg_config_type(size_t i);

/*
 * Sets `key` (len bytes; '-' and '_' are the same) from `value`. Returns 0,
 * or SLG_ECONFIG with a reason in err (>= 256 bytes): "unknown key 'x'",
 * "max_stage_task_time: bad duration '30x' (use ms, s, m or h)" ...
 */
int slg_config_set(slg_thresholds *t, const char *key, size_t len,
                   const char *value, char *err);

/*
 * A duration in the config's syntax ("30s", "5m", "250ms", "1.5h", "0")
 * into *out, in milliseconds. Returns 0, or SLG_ECONFIG with err (>= 256
 * bytes) = "<what>: bad duration '...' (...)".
 */
int slg_config_duration(const char *what, const char *value, double *out,
                        char *err);

/*
 * Parses a config file's text: "key = value" lines, '#' comments, blank
 * lines. Returns 0 or SLG_ECONFIG with err = "FILE:LINE: reason".
 */
int slg_config_parse(slg_thresholds *t, const char *text, size_t len,
                     const char *filename, char *err);

/* Writes the effective configuration as a config file would hold it. */
void slg_config_print(const slg_thresholds *t, slg_buf *out);

#endif /* SLG_CONFIG_H */
