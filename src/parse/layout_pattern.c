/*
 * layout_pattern.c - the --layout compiler: a log4j ConversionPattern becomes an
 * anchored PCRE2 regular expression with named groups.
 *
 * Users who know their layout can say so ("--layout '%d{ISO8601} %-5p
 * [%t] %c - %m%n'") and skip guessing. Each conversion maps to a small
 * regex fragment; the first %d, %p, %t, %c and %m get the named groups
 * time, level, thread, logger and message (later repeats match without
 * capturing, PCRE2 refuses duplicate names). The date format is kept as a
 * tiny program of fields so the captured time text can be read back into
 * an slg_time without a second regex. Literal text is escaped; a run of
 * spaces matches one or more spaces, because padded fields ("%-5p",
 * "%5p") make the spacing of real lines vary.
 */
#include "layout_pattern.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"

/* One field of a SimpleDateFormat: a run of one letter, or a literal. */
typedef struct date_op {
  char letter; /* 0 for a literal */
  uint8_t count;
  uint8_t lit_len;
} date_op;

#define MAX_DATE_OPS 40

struct slg_pattern {
  pcre2_general_context *gc;
  pcre2_code *code;
  pcre2_match_data *md;
  pcre2_match_context *mc; /* the match and depth limits */
  uint32_t g_time, g_level, g_thread, g_logger, g_message;
  date_op ops[MAX_DATE_OPS];
  size_t nops;
  char *regex;
};

slg_level slg_level_parse(const char *s, size_t n)
{
  switch (n) {
  case 4:
    if (memcmp(s, "INFO", 4) == 0)
      return SLG_LEVEL_INFO;
    if (memcmp(s, "WARN", 4) == 0)
      return SLG_LEVEL_WARN;
    break;
  case 5:
    if (memcmp(s, "ERROR", 5) == 0)
      return SLG_LEVEL_ERROR;
    if (memcmp(s, "DEBUG", 5) == 0)
      return SLG_LEVEL_DEBUG;
    if (memcmp(s, "TRACE", 5) == 0)
      return SLG_LEVEL_TRACE;
    if (memcmp(s, "FATAL", 5) == 0)
      return SLG_LEVEL_FATAL;
    break;
  case 6:
    /* java.util.logging's SEVERE is its error level. */
    if (memcmp(s, "SEVERE", 6) == 0)
      return SLG_LEVEL_ERROR;
    break;
  case 7:
    if (memcmp(s, "WARNING", 7) == 0)
      return SLG_LEVEL_WARN;
    break;
  default:
    break;
  }
  return SLG_LEVEL_NONE;
}

/* PCRE2's allocations go through slg_xmalloc, so running out of memory
 * aborts with our message like everywhere else in the core. */
static void *pcre_alloc(PCRE2_SIZE n, void *data)
{
  (void)data;
  return slg_xmalloc(n);
}

static void pcre_free(void *ptr, void *data)
{
  (void)data;
  free(ptr);
}

static int fail(char *error, const char *what, size_t pos)
{
  if (error)
    snprintf(error, 256, "%s at position %zu", what, pos + 1);
  return SLG_EINVAL;
}

static void put_escaped(slg_buf *b, char c)
{
  if (strchr("\\^$.|?*+()[]{}-/#", c) && c != '\0')
    slg_buf_putc(b, '\\');
  slg_buf_putc(b, c);
}

/* log4j 1 and log4j 2 named date formats. */
static const char *named_date(const char *s, size_t n)
{
  static const struct {
    const char *name, *fmt;
  } named[] = {
      {"ISO8601", "yyyy-MM-dd HH:mm:ss,SSS"},
      {"ISO8601_BASIC", "yyyyMMdd'T'HHmmss,SSS"},
      {"ISO8601_PERIOD", "yyyy-MM-dd'T'HH:mm:ss.SSS"},
      {"ISO8601_OFFSET_DATE_TIME_HHMM", "yyyy-MM-dd'T'HH:mm:ss,SSSX"},
      {"ISO8601_OFFSET_DATE_TIME_HHCMM", "yyyy-MM-dd'T'HH:mm:ss,SSSX"},
      {"ABSOLUTE", "HH:mm:ss,SSS"},
      {"ABSOLUTE_PERIOD", "HH:mm:ss.SSS"},
      {"DATE", "dd MMM yyyy HH:mm:ss,SSS"},
      {"DATE_PERIOD", "dd MMM yyyy HH:mm:ss.SSS"},
      {"DEFAULT", "yyyy-MM-dd HH:mm:ss,SSS"},
      {"DEFAULT_PERIOD", "yyyy-MM-dd HH:mm:ss.SSS"},
      {"COMPACT", "yyyyMMddHHmmssSSS"},
  };
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
    if (strlen(named[i].name) == n && memcmp(named[i].name, s, n) == 0)
      return named[i].fmt;
  return NULL;
}

/* Compiles a SimpleDateFormat into date ops and a regex fragment. */
static int compile_date(slg_pattern *p, slg_buf *re, const char *f, size_t n,
                        char *error, size_t pos)
{
  size_t i = 0;
  p->nops = 0;
  while (i < n) {
    date_op op = {0, 0, 0};
    char c = f[i];
    if (p->nops == MAX_DATE_OPS)
      return fail(error, "date format too long", pos);
    if (c == '\'') {
      /* 'T' or '' (a quote); the literal's bytes follow in the line. */
      size_t j = i + 1;
      if (j < n && f[j] == '\'') {
        put_escaped(re, '\'');
        op.lit_len = 1;
        i = j + 1;
      } else {
        while (j < n && f[j] != '\'')
          put_escaped(re, f[j++]);
        if (j == n)
          return fail(error, "unterminated quote in date format", pos);
        op.lit_len = (uint8_t)(j - i - 1);
        i = j + 1;
      }
      p->ops[p->nops++] = op;
      continue;
    }
    if (!slg_is_alpha((unsigned char)c)) {
      put_escaped(re, c);
      op.lit_len = 1;
      p->ops[p->nops++] = op;
      i++;
      continue;
    }
    size_t j = i;
    while (j < n && f[j] == c)
      j++;
    op.letter = c;
    op.count = (uint8_t)(j - i > 9 ? 9 : j - i);
    switch (c) {
    case 'y':
    case 'u':
      slg_buf_puts(re, op.count == 2 ? "\\d{2}" : "\\d{4}");
      break;
    case 'M':
      slg_buf_puts(re, op.count >= 3   ? "[A-Za-z]+"
                       : op.count == 2 ? "\\d{2}"
                                       : "\\d{1,2}");
      break;
    case 'd':
    case 'H':
    case 'h':
    case 'k':
    case 'K':
    case 'm':
    case 's':
      slg_buf_puts(re, op.count == 2 ? "\\d{2}" : "\\d{1,2}");
      break;
    case 'S':
      slg_buf_printf(re, "\\d{%u}", (unsigned)op.count);
      break;
    case 'D':
      slg_buf_puts(re, "\\d{1,3}");
      break;
    case 'E':
      slg_buf_puts(re, "[A-Za-z]+");
      break;
    case 'a':
      slg_buf_puts(re, "[AaPp][Mm]");
      break;
    case 'z':
    case 'Z':
    case 'X':
    case 'x':
      slg_buf_puts(re, "(?:Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2}|[A-Z]{1,5})");
      break;
    default:
      return fail(error, "unsupported date letter", pos);
    }
    p->ops[p->nops++] = op;
    i = j;
  }
  return 0;
}

static const char *const month_names = "JanFebMarAprMayJunJulAugSepOctNovDec";

static int take_num(const char **s, const char *end, size_t max_digits,
                    unsigned *out)
{
  unsigned v = 0;
  size_t k = 0;
  while (k < max_digits && *s < end && slg_is_digit((unsigned char)**s)) {
    v = v * 10 + (unsigned)(**s - '0');
    (*s)++;
    k++;
  }
  *out = v;
  return k > 0;
}

/* Reads the matched time text back by the date ops. */
static void parse_time(const slg_pattern *p, const char *s, size_t n,
                       slg_time *t)
{
  const char *end = s + n;
  unsigned v;
  int pm = -1, h12 = 0;
  memset(t, 0, sizeof *t);
  for (size_t i = 0; i < p->nops; i++) {
    const date_op *op = &p->ops[i];
    if (!op->letter) {
      s += op->lit_len;
      if (s > end)
        return;
      continue;
    }
    switch (op->letter) {
    case 'y':
    case 'u':
      if (!take_num(&s, end, op->count == 2 ? 2 : 4, &v))
        return;
      t->year = (uint16_t)(op->count == 2 ? 2000 + v : v);
      t->flags |= SLG_TIME_HAS_DATE;
      break;
    case 'M':
      if (op->count >= 3) {
        const char *w = s;
        while (s < end && slg_is_alpha((unsigned char)*s))
          s++;
        for (unsigned m = 0; m < 12 && s - w >= 3; m++)
          if ((w[0] | 0x20) == (month_names[3 * m] | 0x20) &&
              (w[1] | 0x20) == month_names[3 * m + 1] &&
              (w[2] | 0x20) == month_names[3 * m + 2])
            t->month = (uint8_t)(m + 1);
      } else if (take_num(&s, end, 2, &v)) {
        t->month = (uint8_t)v;
      }
      break;
    case 'd':
      if (take_num(&s, end, 2, &v))
        t->day = (uint8_t)v;
      break;
    case 'h':
    case 'K':
      h12 = 1;
      /* fall through */
    case 'H':
    case 'k':
      if (take_num(&s, end, 2, &v))
        t->hour = (uint8_t)(op->letter == 'k' && v == 24 ? 0 : v);
      t->flags |= SLG_TIME_HAS_TIME;
      break;
    case 'm':
      if (take_num(&s, end, 2, &v))
        t->minute = (uint8_t)v;
      break;
    case 's':
      if (take_num(&s, end, 2, &v))
        t->second = (uint8_t)v;
      break;
    case 'S': {
      unsigned k;
      const char *w = s;
      if (!take_num(&s, end, op->count, &v))
        break;
      /* Scale to milliseconds: "4" is 400 ms, "123456" is 123 ms. */
      for (k = (unsigned)(s - w); k < 3; k++)
        v *= 10;
      for (; k > 3; k--)
        v /= 10;
      t->millisecond = (uint16_t)v;
      t->flags |= SLG_TIME_HAS_MS;
      break;
    }
    case 'a':
      if (s < end)
        pm = (*s | 0x20) == 'p';
      s += 2;
      break;
    case 'z':
    case 'Z':
    case 'X':
    case 'x': {
      const char *w = s;
      while (s < end && (slg_is_alnum((unsigned char)*s) || *s == '+' ||
                         *s == '-' || *s == ':'))
        s++;
      if ((s - w == 1 && *w == 'Z') ||
          (s - w == 3 &&
           (memcmp(w, "UTC", 3) == 0 || memcmp(w, "GMT", 3) == 0)) ||
          (s - w >= 3 && memcmp(w, "+00", 3) == 0))
        t->flags |= SLG_TIME_UTC;
      break;
    }
    default:
      while (s < end && slg_is_alnum((unsigned char)*s))
        s++;
      break;
    }
    if (s > end)
      return;
  }
  if (h12 && pm >= 0)
    t->hour = (uint8_t)(t->hour % 12 + (pm ? 12 : 0));
  /* A literal 'Z' ("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'") also means UTC. */
  if (n && s[-1] == 'Z' && s == end)
    t->flags |= SLG_TIME_UTC;
}

/* Reads "{...}" at *i (if present); returns its content span. */
static int take_option(const char *c, size_t n, size_t *i, slg_span *opt)
{
  opt->ptr = NULL;
  opt->len = 0;
  if (*i < n && c[*i] == '{') {
    size_t j = *i + 1;
    while (j < n && c[j] != '}')
      j++;
    if (j == n)
      return -1;
    *opt = slg_span_make(c + *i + 1, j - *i - 1);
    *i = j + 1;
  }
  return 0;
}

static int is_word(const char *w, size_t n, const char *lit)
{
  return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

int slg_pattern_compile(slg_pattern **out, const char *conversion, char *error)
{
  slg_pattern *p = slg_xcalloc(1, sizeof *p);
  slg_buf re = SLG_BUF_INIT;
  const char *c = conversion;
  size_t n = strlen(conversion), i = 0;
  int have_t = 0, have_p = 0, have_th = 0, have_c = 0, have_m = 0;
  int rc = 0;

  *out = NULL;
  while (i < n && rc == 0) {
    size_t start = i;
    if (c[i] != '%') {
      if (c[i] == ' ') {
        while (i < n && c[i] == ' ')
          i++;
        slg_buf_puts(&re, " +");
        continue;
      }
      put_escaped(&re, c[i++]);
      continue;
    }
    i++;
    if (i < n && c[i] == '%') {
      slg_buf_putc(&re, '%');
      i++;
      continue;
    }
    /* Format modifier: "-5", "20.30", ".30". Only padding matters. */
    int left = 0;
    unsigned minw = 0;
    if (i < n && c[i] == '-') {
      left = 1;
      i++;
    }
    while (i < n && slg_is_digit((unsigned char)c[i]))
      minw = minw * 10 + (unsigned)(c[i++] - '0');
    if (i < n && c[i] == '.') {
      i++;
      while (i < n && slg_is_digit((unsigned char)c[i]))
        i++;
    }
    size_t w0 = i;
    while (i < n && slg_is_alpha((unsigned char)c[i]))
      i++;
    const char *w = c + w0;
    size_t wn = i - w0;
    slg_span opt;
    if (wn == 0) {
      rc = fail(error, "conversion character missing", start);
      break;
    }
    if (take_option(c, n, &i, &opt) < 0) {
      rc = fail(error, "unterminated '{' after conversion", start);
      break;
    }
    if (minw && !left)
      slg_buf_puts(&re, " *");
    if (is_word(w, wn, "d") || is_word(w, wn, "date")) {
      const char *fmt = "yyyy-MM-dd HH:mm:ss,SSS";
      size_t fn = strlen(fmt);
      slg_span tz;
      if (opt.ptr) {
        const char *named = named_date(opt.ptr, opt.len);
        if (named) {
          fmt = named;
          fn = strlen(fmt);
        } else if (opt.len == 4 && memcmp(opt.ptr, "UNIX", 4) == 0) {
          fmt = NULL;
        } else if (opt.len == 11 && memcmp(opt.ptr, "UNIX_MILLIS", 11) == 0) {
          fmt = NULL;
        } else {
          fmt = opt.ptr;
          fn = opt.len;
        }
      }
      if (take_option(c, n, &i, &tz) < 0) {
        rc = fail(error, "unterminated '{' after %d", start);
        break;
      }
      slg_buf_puts(&re, have_t ? "(?:" : "(?<time>");
      if (!fmt) {
        /* Epoch numbers: matched, not converted (no time zone data). */
        slg_buf_puts(&re, "\\d+");
      } else if (have_t) {
        slg_pattern tmp;
        if (compile_date(&tmp, &re, fmt, fn, error, start) < 0) {
          rc = SLG_EINVAL;
          break;
        }
      } else if (compile_date(p, &re, fmt, fn, error, start) < 0) {
        rc = SLG_EINVAL;
        break;
      }
      slg_buf_putc(&re, ')');
      have_t = 1;
    } else if (is_word(w, wn, "p") || is_word(w, wn, "le") ||
               is_word(w, wn, "level")) {
      /* A level word, not any word: "%p %c{1}: %m%n" must not take
       * "Caused by: java.io.IOException" for a record. */
      slg_buf_puts(&re, have_p ? "(?:" : "(?<level>");
      slg_buf_puts(&re, "(?i:trace|debug|info|warn(?:ing)?|error|fatal|"
                        "severe))");
      have_p = 1;
    } else if (is_word(w, wn, "c") || is_word(w, wn, "lo") ||
               is_word(w, wn, "logger") || is_word(w, wn, "C") ||
               is_word(w, wn, "class")) {
      slg_buf_puts(&re, have_c ? "\\S+" : "(?<logger>\\S+)");
      have_c = 1;
    } else if (is_word(w, wn, "t") || is_word(w, wn, "thread") ||
               is_word(w, wn, "tn") || is_word(w, wn, "threadName")) {
      slg_buf_puts(&re, have_th ? ".*?" : "(?<thread>.*?)");
      have_th = 1;
    } else if (is_word(w, wn, "m") || is_word(w, wn, "msg") ||
               is_word(w, wn, "message")) {
      slg_buf_puts(&re, have_m ? ".*" : "(?<message>.*)");
      have_m = 1;
    } else if (is_word(w, wn, "n")) {
      /* Lines reach us without their terminator. */
    } else if (is_word(w, wn, "X") || is_word(w, wn, "mdc") ||
               is_word(w, wn, "MDC") || is_word(w, wn, "x") ||
               is_word(w, wn, "NDC") || is_word(w, wn, "ndc") ||
               is_word(w, wn, "K")) {
      slg_buf_puts(&re, ".*?");
    } else if (is_word(w, wn, "L") || is_word(w, wn, "line")) {
      slg_buf_puts(&re, "(?:\\d+|\\?)");
    } else if (is_word(w, wn, "F") || is_word(w, wn, "file")) {
      slg_buf_puts(&re, "[^\\s:()]*");
    } else if (is_word(w, wn, "M") || is_word(w, wn, "method")) {
      slg_buf_puts(&re, "[^\\s()]*");
    } else if (is_word(w, wn, "l") || is_word(w, wn, "location")) {
      slg_buf_puts(&re, "\\S*");
    } else if (is_word(w, wn, "r") || is_word(w, wn, "relative")) {
      slg_buf_puts(&re, "\\d+");
    } else if (is_word(w, wn, "ex") || is_word(w, wn, "exception") ||
               is_word(w, wn, "throwable") || is_word(w, wn, "xEx") ||
               is_word(w, wn, "xThrowable") || is_word(w, wn, "rEx") ||
               is_word(w, wn, "rThrowable") || is_word(w, wn, "wEx")) {
      /* The stack trace comes on continuation lines. */
    } else {
      char what[96];
      snprintf(what, sizeof what, "unknown conversion %%%.*s",
               (int)(wn > 40 ? 40 : wn), w);
      rc = fail(error, what, start);
      break;
    }
    if (minw && left)
      slg_buf_puts(&re, " *");
  }

  if (rc == 0) {
    int err;
    PCRE2_SIZE off;
    p->regex = slg_xstrndup(re.ptr ? re.ptr : "", re.len);
    p->code = pcre2_compile((PCRE2_SPTR)p->regex, PCRE2_ZERO_TERMINATED,
                            PCRE2_ANCHORED | PCRE2_DOTALL, &err, &off, NULL);
    if (!p->code) {
      char msg[160];
      pcre2_get_error_message(err, (PCRE2_UCHAR *)msg, sizeof msg);
      rc = fail(error, msg, 0);
    }
  }
  slg_buf_dispose(&re);
  if (rc < 0) {
    slg_pattern_free(p);
    return rc;
  }
  /* JIT is optional: without it pcre2_match still works, just slower. */
  (void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
  p->gc = pcre2_general_context_create(pcre_alloc, pcre_free, NULL);
  p->md = pcre2_match_data_create_from_pattern(p->code, p->gc);
  p->mc = pcre2_match_context_create(p->gc);
  pcre2_set_match_limit(p->mc, SLG_PATTERN_MATCH_LIMIT);
  pcre2_set_depth_limit(p->mc, SLG_PATTERN_DEPTH_LIMIT);
  p->g_time = have_t ? (uint32_t)pcre2_substring_number_from_name(
                           p->code, (PCRE2_SPTR) "time")
                     : 0;
  p->g_level = have_p ? (uint32_t)pcre2_substring_number_from_name(
                            p->code, (PCRE2_SPTR) "level")
                      : 0;
  p->g_thread = have_th ? (uint32_t)pcre2_substring_number_from_name(
                              p->code, (PCRE2_SPTR) "thread")
                        : 0;
  p->g_logger = have_c ? (uint32_t)pcre2_substring_number_from_name(
                             p->code, (PCRE2_SPTR) "logger")
                       : 0;
  p->g_message = have_m ? (uint32_t)pcre2_substring_number_from_name(
                              p->code, (PCRE2_SPTR) "message")
                        : 0;
  *out = p;
  return 0;
}

void slg_pattern_free(slg_pattern *p)
{
  if (!p)
    return;
  pcre2_match_data_free(p->md);
  pcre2_match_context_free(p->mc);
  pcre2_code_free(p->code);
  pcre2_general_context_free(p->gc);
  free(p->regex);
  free(p);
}

const char *slg_pattern_regex(const slg_pattern *p)
{
  return p->regex;
}

static slg_span group(const slg_pattern *p, uint32_t g, const char *line)
{
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(p->md);
  if (g == 0 || ov[2 * g] == PCRE2_UNSET)
    return slg_span_make(NULL, 0);
  return slg_span_make(line + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
}

int slg_pattern_match(slg_pattern *p, const char *line, size_t len,
                      slg_record *out)
{
  int rc = pcre2_match(p->code, (PCRE2_SPTR)line, len, 0, 0, p->md, p->mc);
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
      rc == PCRE2_ERROR_HEAPLIMIT)
    return -1;
  if (rc < 0)
    return 0;
  slg_span s = group(p, p->g_time, line);
  if (s.ptr)
    parse_time(p, s.ptr, s.len, &out->time);
  else
    memset(&out->time, 0, sizeof out->time);
  s = group(p, p->g_level, line);
  out->level = s.ptr ? slg_level_parse(s.ptr, s.len) : SLG_LEVEL_NONE;
  out->thread = group(p, p->g_thread, line);
  out->logger = group(p, p->g_logger, line);
  out->message = group(p, p->g_message, line);
  out->prefix_len = 0;
  return 1;
}
