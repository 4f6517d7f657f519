/*
 * config.c - one spelling per key: `--max-skew`, `max_skew`,
 * `SPARKLOG_MAX_SKEW` all name the same entry of the table below. Unknown
 * keys, bad numbers and bad units are errors that name the key (and the
 * file and line), never silently ignored: a threshold that matches nothing
 * would let a CI gate pass vacuously.
 */
#include "config.h"
#include "findings.h"

#include <stdio.h>

typedef enum {
  T_COUNT,
  T_RATIO,
  T_DURATION,
  T_SIZE,
  T_SEVERITY,
  T_BOOL,
  T_ALLOW, /* a list: every setting adds to it (file, env and flags) */
  T_STRING /* char[SLG_CONFIG_STRING] */
} vtype;

static const struct {
  const char *key;
  vtype type;
  size_t offset;
} keys[] = {
    {"max_shuffle_stages", T_COUNT, offsetof(slg_thresholds, max_shuffle_stages)},
    {"max_stage_task_time", T_DURATION, offsetof(slg_thresholds, max_stage_task_ms)},
    {"max_skew", T_RATIO, offsetof(slg_thresholds, max_skew)},
    {"max_failed_tasks", T_COUNT, offsetof(slg_thresholds, max_failed_tasks)},
    {"max_stage_retries", T_COUNT, offsetof(slg_thresholds, max_stage_retries)},
    {"max_fetch_failures", T_COUNT, offsetof(slg_thresholds, max_fetch_failures)},
    {"max_lost_executors", T_COUNT, offsetof(slg_thresholds, max_lost_executors)},
    {"max_app_duration", T_DURATION, offsetof(slg_thresholds, max_app_duration_ms)},
    {"max_map_status_size", T_SIZE, offsetof(slg_thresholds, max_map_status_bytes)},
    {"fail_on", T_SEVERITY, offsetof(slg_thresholds, fail_on)},
    {"allow", T_ALLOW, offsetof(slg_thresholds, allow)},
    {"allow_empty", T_BOOL, offsetof(slg_thresholds, allow_empty)},
    {"exit_zero", T_BOOL, offsetof(slg_thresholds, exit_zero)},
    {"killed_is", T_SEVERITY, offsetof(slg_thresholds, killed_is)},
    {"platform_frames", T_STRING, offsetof(slg_thresholds, platform_frames)},
};

#define NKEYS (sizeof keys / sizeof keys[0])

size_t slg_config_count(void) { return NKEYS; }
const char *slg_config_key(size_t i) { return i < NKEYS ? keys[i].key : NULL; }

const char *slg_config_type(size_t i)
{
  static const char *const names[] = {"count",    "ratio", "duration",
                                      "size",     "severity", "bool",
                                      "findings", "string"};
  return i < NKEYS ? names[keys[i].type] : NULL;
}

static int key_eq(const char *k, const char *s, size_t n)
{
  size_t i = 0;
  for (; i < n && k[i]; i++) {
    char c = s[i] == '-' ? '_' : s[i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != k[i])
      return 0;
  }
  return i == n && k[i] == '\0';
}

/* A non-negative decimal "12", "1.5"; *end is past it. -1 if none. */
static double decimal(const char *s, const char **end)
{
  double v = 0, scale = 1;
  int digits = 0;
  while (slg_is_digit((unsigned char)*s)) {
    v = v * 10 + (*s++ - '0');
    digits++;
    if (v > 1e18)
      return -1;
  }
  if (*s == '.') {
    s++;
    while (slg_is_digit((unsigned char)*s)) {
      scale /= 10;
      v += (*s++ - '0') * scale;
      digits++;
    }
  }
  while (*s == ' ') /* "4 MiB", "30 m" */
    s++;
  *end = s;
  return digits ? v : -1;
}

static int word_eq(const char *s, const char *w)
{
  for (; *s && *w; s++, w++) {
    char c = *s;
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != *w)
      return 0;
  }
  return *s == '\0' && *w == '\0';
}

/* "TINY_TASKS, SKEW@1/3": each entry is added once; the list is kept
 * whole or not at all. */
static int set_allow(slg_thresholds *t, const char *value, char *err)
{
  slg_allow add[SLG_MAX_ALLOW];
  size_t n = t->nallow;
  const char *q = value;
  while (*q == ' ' || *q == '\t')
    q++;
  if (*q == '\0')
    return 0; /* "allow =": nothing to add */
  memcpy(add, t->allow, n * sizeof *add);
  for (const char *p = value;;) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    slg_allow a;
    if (slg_allow_parse(&a, p, len, err) < 0)
      return SLG_ECONFIG;
    int dup = 0;
    for (size_t i = 0; i < n; i++)
      dup |= memcmp(&add[i], &a, sizeof a) == 0;
    if (!dup) {
      if (n == SLG_MAX_ALLOW) {
        snprintf(err, 256, "allow: at most %d entries", SLG_MAX_ALLOW);
        return SLG_ECONFIG;
      }
      add[n++] = a;
    }
    if (!comma)
      break;
    p = comma + 1;
  }
  memcpy(t->allow, add, n * sizeof *add);
  t->nallow = n;
  return 0;
}

int slg_config_duration(const char *what, const char *value, double *out,
                        char *err)
{
  static const struct {
    const char *unit;
    double ms;
  } units[] = {{"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}};
  const char *end = value;
  double v = decimal(value, &end);
  double scale = -1;
  for (size_t u = 0; v >= 0 && u < 4; u++)
    if (strcmp(end, units[u].unit) == 0)
      scale = units[u].ms;
  if (v == 0 && *end == '\0')
    scale = 1;
  if (v < 0 || scale < 0) {
    snprintf(err, 256, "%s: bad duration '%.40s' (a number with ms, s, m "
                       "or h, e.g. 30m)", what, value);
    return SLG_ECONFIG;
  }
  if (v * scale > 1.0e18) { /* found by fuzz_config: prints unparseable */
    snprintf(err, 256, "%s: duration '%.40s' is too large", what, value);
    return SLG_ECONFIG;
  }
  *out = v * scale;
  return 0;
}

int slg_config_set(slg_thresholds *t, const char *key, size_t len,
                   const char *value, char *err)
{
  size_t i = 0;
  while (i < NKEYS && !key_eq(keys[i].key, key, len))
    i++;
  if (i == NKEYS) {
    snprintf(err, 256, "unknown key '%.*s'", (int)(len > 64 ? 64 : len),
             key);
    return SLG_ECONFIG;
  }
  const char *k = keys[i].key, *end = value;
  char *field = (char *)t + keys[i].offset;
  double v;
  switch (keys[i].type) {
  case T_COUNT:
    v = decimal(value, &end);
    if (v < 0 || *end || v != (double)(int64_t)v) {
      snprintf(err, 256, "%s: expected a whole number, got '%.40s'", k,
               value);
      return SLG_ECONFIG;
    }
    *(int64_t *)field = (int64_t)v;
    return 0;
  case T_RATIO:
    v = decimal(value, &end);
    if (v < 0 || *end) {
      snprintf(err, 256, "%s: expected a number such as 10 or 2.5, got "
                         "'%.40s'", k, value);
      return SLG_ECONFIG;
    }
    *(double *)field = v;
    return 0;
  case T_DURATION:
    return slg_config_duration(k, value, (double *)field, err);
  case T_SIZE: {
    static const struct {
      const char *unit;
      double bytes;
    } units[] = {{"", 1},          {"B", 1},
                 {"KiB", 1024.0},  {"MiB", 1048576.0},
                 {"GiB", 1073741824.0}, {"TiB", 1099511627776.0}};
    v = decimal(value, &end);
    double scale = -1;
    for (size_t u = 0; v >= 0 && u < 6; u++)
      if (strcmp(end, units[u].unit) == 0)
        scale = units[u].bytes;
    if (v < 0 || scale < 0) {
      snprintf(err, 256, "%s: bad size '%.40s' (bytes, or a number with "
                         "KiB, MiB or GiB)", k, value);
      return SLG_ECONFIG;
    }
    if (v * scale > 1.0e18) { /* found by fuzz_config: int64 overflow */
      snprintf(err, 256, "%s: size '%.40s' is too large", k, value);
      return SLG_ECONFIG;
    }
    *(int64_t *)field = (int64_t)(v * scale);
    return 0;
  }
  case T_SEVERITY:
    for (int s = 0; s < 3; s++)
      if (word_eq(value, slg_severity_name((slg_severity)s))) {
        *(slg_severity *)field = (slg_severity)s;
        return 0;
      }
    snprintf(err, 256, "%s: expected info, warning or error, got '%.40s'",
             k, value);
    return SLG_ECONFIG;
  case T_BOOL:
    if (word_eq(value, "true") || word_eq(value, "yes") ||
        word_eq(value, "on") || strcmp(value, "1") == 0) {
      *(int *)field = 1;
      return 0;
    }
    if (word_eq(value, "false") || word_eq(value, "no") ||
        word_eq(value, "off") || strcmp(value, "0") == 0) {
      *(int *)field = 0;
      return 0;
    }
    snprintf(err, 256, "%s: expected true or false, got '%.40s'", k, value);
    return SLG_ECONFIG;
  case T_ALLOW:
    return set_allow(t, value, err);
  case T_STRING:
    if (strlen(value) >= SLG_CONFIG_STRING) {
      snprintf(err, 256, "%s: longer than %d bytes", k,
               SLG_CONFIG_STRING - 1);
      return SLG_ECONFIG;
    }
    snprintf(field, SLG_CONFIG_STRING, "%s", value);
    return 0;
  }
  return SLG_ECONFIG;
}

static int blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

int slg_config_parse(slg_thresholds *t, const char *text, size_t len,
                     const char *filename, char *err)
{
  const char *p = text, *end = text + len;
  char value[256], reason[256];
  for (size_t line = 1; p < end; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    const char *hash = memchr(p, '#', (size_t)(e - p));
    const char *q = hash ? hash : e;
    while (p < q && blank(*p))
      p++;
    while (q > p && blank(q[-1]))
      q--;
    if (p < q) {
      const char *eq = memchr(p, '=', (size_t)(q - p));
      if (!eq) {
        snprintf(err, 256, "%s:%zu: expected 'key = value'", filename, line);
        return SLG_ECONFIG;
      }
      const char *k = p, *ke = eq, *v = eq + 1;
      while (ke > k && blank(ke[-1]))
        ke--;
      while (v < q && blank(*v))
        v++;
      size_t vn = (size_t)(q - v);
      if (vn >= sizeof value) {
        /* Never cut a value silently: a cut list or path means another. */
        snprintf(err, 256, "%.100s:%zu: value longer than %zu bytes",
                 filename, line, sizeof value - 1);
        return SLG_ECONFIG;
      }
      memcpy(value, v, vn);
      value[vn] = '\0';
      if (memchr(value, '\0', vn) ||
          slg_config_set(t, k, (size_t)(ke - k), value, reason) < 0) {
        if (memchr(value, '\0', vn))
          snprintf(reason, sizeof reason, "NUL byte in value");
        snprintf(err, 256, "%.100s:%zu: %.140s", filename, line, reason);
        return SLG_ECONFIG;
      }
    }
    p = nl ? nl + 1 : end;
  }
  return 0;
}

void slg_config_print(const slg_thresholds *t, slg_buf *out)
{
  for (size_t i = 0; i < NKEYS; i++) {
    const char *field = (const char *)t + keys[i].offset;
    /* Unset limits print as comments, so the output parses back. */
    int unset = (keys[i].type == T_COUNT || keys[i].type == T_SIZE)
                    ? *(const int64_t *)field < 0
                : (keys[i].type == T_RATIO || keys[i].type == T_DURATION)
                    ? *(const double *)field < 0
                    : 0;
    if (keys[i].type == T_ALLOW)
      unset = t->nallow == 0;
    if (unset) {
      slg_buf_printf(out, "# %s = (unset)\n", keys[i].key);
      continue;
    }
    if (keys[i].type == T_ALLOW) {
      /* One line per entry (entries add up): a line of them all could
       * exceed a value's length. */
      for (size_t w = 0; w < t->nallow; w++) {
        slg_buf_printf(out, "%s = ", keys[i].key);
        slg_allow_format(&t->allow[w], out);
        slg_buf_putc(out, '\n');
      }
      continue;
    }
    slg_buf_printf(out, "%s = ", keys[i].key);
    switch (keys[i].type) {
    case T_COUNT:
    case T_SIZE:
      slg_buf_printf(out, "%lld", (long long)*(const int64_t *)field);
      break;
    case T_RATIO:
    case T_DURATION: {
      double v = *(const double *)field;
      {
        /* Plain decimals only (the parser takes no exponents), with as
         * many places as it takes to read back the same value: a small
         * limit must not print as 0. */
        char num[64];
        int n = 0;
        for (int places = 6; places <= 30; places++) {
          n = snprintf(num, sizeof num, "%.*f", places, v);
          const char *end;
          if (decimal(num, &end) == v)
            break;
        }
        while (n > 1 && num[n - 1] == '0')
          num[--n] = '\0';
        if (num[n - 1] == '.')
          num[--n] = '\0';
        slg_buf_printf(out, "%s%s", num,
                       keys[i].type == T_DURATION ? "ms" : "");
      }
      break;
    }
    case T_SEVERITY:
      slg_buf_puts(out, slg_severity_name(*(const slg_severity *)field));
      break;
    case T_BOOL:
      slg_buf_puts(out, *(const int *)field ? "true" : "false");
      break;
    case T_ALLOW: /* above */
      break;
    case T_STRING:
      slg_buf_puts(out, (const char *)field);
      break;
    }
    slg_buf_putc(out, '\n');
  }
}
