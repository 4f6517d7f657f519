/*
 * layout.c - detect and tokenize log4j-style record headers by shape.
 *
 * There is no table of known layouts. A hand-written scanner walks the
 * head of the line token by token and classifies each by what it looks
 * like: a timestamp (digits in one of the date/time shapes below), a
 * level word (TRACE DEBUG INFO WARN WARNING ERROR FATAL, and SEVERE,
 * counted as ERROR; upper case only, optionally padded, bracketed or
 * followed by ':'), a [bracketed] or {braced} group, a Java class name
 * (the logger), a bare word just before the level (Spark's unit-test
 * thread column), a location "(Logging.scala:logInfo(61))", a method name
 * before " - ", and the separators between them. The first token that
 * belongs to none of these, or the separator after the logger, starts
 * the message.
 *
 * The rule for "this line is a record": the header holds a timestamp with
 * a time of day AND (a level or a logger), or it is a level followed by a
 * logger and ": " with no timestamp at all (Spark's layout with the time
 * cut off, see bare_logger), or the line is a Spark 4 JSON log object
 * with a parsable "ts" and a "msg". Everything else (stack
 * frames, "Caused by:", prose, shell prompts, YARN banners) is not a
 * record. Most of it is rejected by its first byte, which must be a digit,
 * '[', '{' or the first letter of a level word once wrapper noise
 * (indentation, "> ", "#> ", console progress bars, CR-separated
 * segments) is skipped. Two rescues follow a failed header: a timestamp
 * put in front by a collector ("kubectl logs --timestamps") is skipped,
 * and a header glued to other output ("...records26/01/03 15:02:52 WARN")
 * is found by its clock - only with a full date directly after a
 * non-space byte, so prose mentioning a time stays prose. When a record's
 * message itself starts with a complete header (Airflow task logs), the
 * inner record wins and the outer header counts as prefix.
 *
 * While scanning, the shape is written down as a log4j ConversionPattern
 * ("%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n", timestamps kept as a short
 * code until the layout is registered); that string is the layout's
 * identity, so a prefix never creates a new layout. Comparing it with the
 * previous record's is the common path. JSON lines are matched natively;
 * their pattern ({"ts":%d{...},"level":%p,"msg":%m,"logger":%c{1}}) only
 * describes them.
 */
#include "layout.h"

#include <stdlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "fastpath.h"
#include "layout_pattern.h"

#define PAT_CAP 200

/* A ConversionPattern being written down while scanning. */
typedef struct pat {
  size_t n;
  int overflow;
  char s[PAT_CAP];
  /* Set by default_header: 1 + its variant of the default layout (see
   * fast_id), 0 for any other scan. With a known variant, s is not
   * written. */
  int fast;
} pat;

typedef struct layout_entry {
  uint64_t hash;
  size_t len;
  char *key;     /* the internal shape (timestamps coded) */
  char *pattern; /* the ConversionPattern shown to users */
} layout_entry;

/* The logger names of the last records read by default_header: most
 * records repeat the logger of one of the two before them (task lines
 * alternate with BlockManagerInfo's). */
typedef struct name_memo {
  struct {
    size_t n; /* 0: empty */
    int dots;
    char s[64];
  } e[2];
  int next; /* the entry to replace */
} name_memo;

/* Variants of the default layout default_header reads: the four logger
 * conversions of put_logger, times "message after ': '" or not. */
#define FAST_VARIANTS 8

/* A record header seen lately, the bytes up to its message, and what it
 * parsed to. Records of a big log mostly repeat the header of one of the
 * last two (TaskSetManager's lines with BlockManagerInfo's between them,
 * in the same second): one compare then stands for the whole header parse
 * and the layout lookup. Only automatic default_header results are kept,
 * so the same bytes always parse the same way. */
#define HEADER_MEMO_BYTES 96
typedef struct header_memo {
  char bytes[HEADER_MEMO_BYTES];
  size_t len; /* 0: empty */
  slg_time time;
  slg_level level;
  size_t logger_off, logger_len;
  uint32_t layout_id;
} header_memo;

struct slg_layout {
  slg_pattern *user;
  name_memo memo;
  header_memo headers[2];
  unsigned headers_next;
  /* Reference mode (fastpath.h): no default_header, no memo, no shape
   * shortcut; every line takes the general scan. */
  int reference;
  /* The timestamp bytes of the last default_header record and what they
   * parsed to: consecutive records mostly share their second. */
  char ts_bytes[17];
  int ts_valid;
  slg_time ts;
  /* register_layout's answer + 1 for each variant (0: not yet asked):
   * the pattern is then neither written nor compared per line. */
  uint32_t fast_id[FAST_VARIANTS];
  layout_entry table[SLG_MAX_LAYOUTS];
  size_t count;
  uint64_t refused; /* new shapes not registered: the table was full */
  uint32_t last_id;
  char *scratch; /* unescaped JSON messages */
  size_t scratch_cap;
  char *relays; /* --unwrap: more relay loggers, comma-separated */
  /* Their names, one per relay id past the built-in ones (in names, a
   * copy of relays split at the commas); nrelays of them. */
  char *names;
  const char *relay[SLG_MAX_RELAYS];
  unsigned nrelays;
};

/* Scanner state for one header. */
typedef struct scan {
  const char *p, *end;
  slg_record *r;
  pat *pt;
  int time, level, thread, logger;
  /* No timestamp, the level first and then only a logger: see
   * bare_logger. */
  int bare;
} scan;

/* Pieces are a few bytes long: a byte loop beats a call to memcpy. */
static inline void put(pat *t, const char *s, size_t n)
{
  if (t->n + n >= PAT_CAP) {
    t->overflow = 1;
    return;
  }
  for (size_t i = 0; i < n; i++)
    t->s[t->n + i] = s[i];
  t->n += n;
}

/* A macro, not a function: strlen of a literal is then a compile-time
 * constant instead of a call per piece on every line. */
#define puts_(t, s) put((t), (s), strlen(s))

static inline void putc_(pat *t, char c)
{
  if (t->n + 1 >= PAT_CAP)
    t->overflow = 1;
  else
    t->s[t->n++] = c;
}

/* ------------------------------------------------------------ timestamps */

static int two(const char *p, const char *end, unsigned *v)
{
  if (end - p < 2 || !slg_is_digit((unsigned char)p[0]) ||
      !slg_is_digit((unsigned char)p[1]))
    return 0;
  *v = (unsigned)(p[0] - '0') * 10 + (unsigned)(p[1] - '0');
  return 1;
}

/*
 * A timestamp's shape is written into the pattern as a 6-byte code (TS_MARK
 * then the fields below) and spelled out as "%d{...}" only when a layout is
 * registered: formatting the date pattern on every line would cost more
 * than reading the time.
 */
#define TS_MARK '\x01'
enum { Y_NONE = 1, Y_YY, Y_YYYY, Y_COMPACT, Y_DMY };
enum { Z_NONE = 1, Z_Z, Z_OFFSET, Z_NAME };

typedef struct ts_shape {
  char year, date_sep, dt_sep, frac_sep, frac_digits, zone;
} ts_shape;

/* "HH:mm:ss" with optional ",SSS"/".SSS" and zone; bytes used or 0. */
static size_t clock_at(const char *p, const char *end, slg_time *t,
                       ts_shape *sh)
{
  unsigned h, m, s, bad = 0;
  const unsigned char *u = (const unsigned char *)p;
  const char *q = p;
  if (end - p < 8 || p[2] != ':' || p[5] != ':')
    return 0;
  /* All six digits checked at once: a byte minus '0' above 9 is not. */
  for (int i = 0; i < 8; i += 3)
    bad |= ((unsigned)(u[i] - '0') > 9) | ((unsigned)(u[i + 1] - '0') > 9);
  if (bad)
    return 0;
  h = (unsigned)(u[0] - '0') * 10 + (unsigned)(u[1] - '0');
  m = (unsigned)(u[3] - '0') * 10 + (unsigned)(u[4] - '0');
  s = (unsigned)(u[6] - '0') * 10 + (unsigned)(u[7] - '0');
  if (h > 23 || m > 59 || s > 60)
    return 0;
  q += 8;
  t->hour = (uint8_t)h;
  t->minute = (uint8_t)m;
  t->second = (uint8_t)s;
  t->millisecond = 0;
  t->flags |= SLG_TIME_HAS_TIME;
  sh->frac_sep = 1;
  sh->frac_digits = 1;
  sh->zone = Z_NONE;
  if (q + 1 < end && (*q == ',' || *q == '.') &&
      slg_is_digit((unsigned char)q[1])) {
    unsigned ms = 0, k = 0;
    sh->frac_sep = *q;
    q++;
    while (q < end && slg_is_digit((unsigned char)*q) && k < 9) {
      if (k < 3)
        ms = ms * 10 + (unsigned)(*q - '0');
      q++;
      k++;
    }
    sh->frac_digits = (char)(1 + k);
    for (; k < 3; k++)
      ms *= 10;
    t->millisecond = (uint16_t)ms;
    t->flags |= SLG_TIME_HAS_MS;
  }
  /* Zones: "...Z" (ISO), "+02:00", and Airflow's "00:06:07 UTC". */
  if (q < end && *q == 'Z') {
    t->flags |= SLG_TIME_UTC;
    sh->zone = Z_Z;
    q++;
  } else if (end - q >= 5 && (*q == '+' || *q == '-') &&
             slg_is_digit((unsigned char)q[1]) &&
             slg_is_digit((unsigned char)q[2])) {
    size_t k = (q[3] == ':') ? 6 : 5;
    if (q + k <= end) {
      if (q[1] == '0' && q[2] == '0')
        t->flags |= SLG_TIME_UTC;
      sh->zone = Z_OFFSET;
      q += k;
    }
  } else if (end - q >= 4 && q[0] == ' ' &&
             (memcmp(q + 1, "UTC", 3) == 0 || memcmp(q + 1, "GMT", 3) == 0) &&
             (end - q == 4 || !slg_is_alnum((unsigned char)q[4]))) {
    t->flags |= SLG_TIME_UTC;
    sh->zone = Z_NAME;
    q += 4;
  }
  return (size_t)(q - p);
}

/* "Jan".."Dec" at p (3 bytes readable): 1..12, or 0. */
static unsigned month_at(const char *p)
{
  static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  for (unsigned m = 0; m < 12; m++)
    if (p[0] == names[3 * m] && p[1] == names[3 * m + 1] &&
        p[2] == names[3 * m + 2])
      return m + 1;
  return 0;
}

/*
 * A timestamp at p in one of the shapes
 *   yyyy-MM-dd HH:mm:ss[,SSS]   (also '/', 'T', '@', ", " and '_')
 *   yy/MM/dd HH:mm:ss[.SSS]     yyyyMMdd@HH:mm:ss,SSS   HH:mm:ss.SSS
 * Appends its shape code to `pt`. Returns bytes used or 0.
 */
static size_t time_at(const char *p, const char *end, slg_time *t, pat *pt)
{
  const char *q = p;
  unsigned y = 0, mo, d, n = 0;
  ts_shape sh;
  size_t k;
  while (q < end && slg_is_digit((unsigned char)*q) && n < 9) {
    y = y * 10 + (unsigned)(*q - '0');
    q++;
    n++;
  }
  if (q >= end)
    return 0;
  t->flags = 0;
  if (n == 2 && *q == ':') {
    k = clock_at(p, end, t, &sh);
    if (!k)
      return 0;
    t->year = 0;
    t->month = t->day = 0;
    sh.year = Y_NONE;
    sh.date_sep = sh.dt_sep = 1;
    q = p + k;
    goto done;
  }
  if ((n == 4 || n == 2) && (*q == '-' || *q == '/')) {
    sh.date_sep = *q;
    if (!two(q + 1, end, &mo) || end - q < 6 || q[3] != *q ||
        !two(q + 4, end, &d))
      return 0;
    sh.year = n == 4 ? Y_YYYY : Y_YY;
    q += 6;
  } else if (n == 2 && end - q >= 10 && q[0] == ' ' && q[4] == ' ' &&
             (mo = month_at(q + 1)) != 0 && two(q + 5, end, &y) &&
             two(q + 7, end, &d)) {
    /* log4j's DATE: "13 Aug 2024 15:12:49,007". */
    d = (unsigned)(p[0] - '0') * 10 + (unsigned)(p[1] - '0');
    y = y * 100 + (unsigned)(q[7] - '0') * 10 + (unsigned)(q[8] - '0');
    n = 4;
    sh.year = Y_DMY;
    sh.date_sep = 1;
    q += 9;
  } else if (n == 8) {
    mo = (y / 100) % 100;
    d = y % 100;
    y /= 10000;
    sh.year = Y_COMPACT;
    sh.date_sep = 1;
  } else {
    return 0;
  }
  /* No log predates 1970; "0324/08/13" is "...03" glued to "24/08/13". */
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || (n == 4 && y < 1970))
    return 0;
  t->year = (uint16_t)(n == 2 ? 2000 + y : y);
  t->month = (uint8_t)mo;
  t->day = (uint8_t)d;
  t->flags = SLG_TIME_HAS_DATE;
  /* Date/time separator (',' stands for Airflow's ", "). */
  if (q + 1 < end && q[0] == ',' && q[1] == ' ') {
    sh.dt_sep = ',';
    q += 2;
  } else if (q < end && (*q == ' ' || *q == '@' || *q == '_' || *q == 'T')) {
    sh.dt_sep = *q;
    q++;
  } else {
    return 0;
  }
  k = clock_at(q, end, t, &sh);
  if (!k)
    return 0;
  q += k;
done:
  /* Digits or letters glued after the time: not a timestamp we know. */
  if (q < end && slg_is_alnum((unsigned char)*q))
    return 0;
  putc_(pt, TS_MARK);
  put(pt, (const char *)&sh, sizeof sh);
  return (size_t)(q - p);
}

/* Spells out a shape code as "%d{yy/MM/dd HH:mm:ss}". */
static void put_time_format(pat *o, const char *c)
{
  ts_shape shape;
  const ts_shape *sh = &shape;
  memcpy(&shape, c, sizeof shape);
  puts_(o, "%d{");
  if (sh->year == Y_COMPACT) {
    puts_(o, "yyyyMMdd");
  } else if (sh->year == Y_DMY) {
    puts_(o, "dd MMM yyyy");
  } else if (sh->year != Y_NONE) {
    puts_(o, sh->year == Y_YYYY ? "yyyy" : "yy");
    putc_(o, sh->date_sep);
    puts_(o, "MM");
    putc_(o, sh->date_sep);
    puts_(o, "dd");
  }
  if (sh->year != Y_NONE) {
    if (sh->dt_sep == ',')
      puts_(o, ", ");
    else if (sh->dt_sep == 'T')
      puts_(o, "'T'");
    else
      putc_(o, sh->dt_sep);
  }
  puts_(o, "HH:mm:ss");
  if (sh->frac_digits > 1) {
    putc_(o, sh->frac_sep);
    for (int i = 1; i < sh->frac_digits; i++)
      putc_(o, 'S');
  }
  if (sh->zone == Z_Z)
    puts_(o, "'Z'");
  else if (sh->zone == Z_OFFSET)
    putc_(o, 'X');
  else if (sh->zone == Z_NAME)
    puts_(o, " z");
  putc_(o, '}');
}

/* The readable ConversionPattern of an internal pattern. */
static void render(pat *o, const pat *in)
{
  o->n = 0;
  o->overflow = 0;
  for (size_t i = 0; i < in->n; i++) {
    if (in->s[i] == TS_MARK && i + sizeof(ts_shape) < in->n) {
      put_time_format(o, in->s + i + 1);
      i += sizeof(ts_shape);
    } else {
      putc_(o, in->s[i]);
    }
  }
}

/* ------------------------------------------------------------ word shapes */

/* An upper-case level word at p followed by a non-word byte. */
static slg_level level_at(const char *p, const char *end, size_t *n)
{
  size_t k = 0;
  while (p + k < end && slg_is_upper((unsigned char)p[k]) && k < 8)
    k++;
  if (k < 4 || (p + k < end && (slg_is_alnum((unsigned char)p[k]) ||
                                p[k] == '.' || p[k] == '_')))
    return SLG_LEVEL_NONE;
  *n = k;
  return slg_level_parse(p, k);
}

/* Bytes of a Java class name: 1 for alnum, '_', '$', and 3 for '.' (so
 * v >> 1 counts dots); a table because class_at is the tokenizer's
 * innermost loop. */
static const unsigned char name_bytes[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/*
 * A Java class name at p ("org.apache.spark.scheduler.DAGScheduler",
 * "o.a.spark.SparkContext", "YarnSchedulerBackend$YarnDriverEndpoint").
 * Returns its length (0 if none) and the number of dots in *dots.
 */
static size_t class_at(const char *p, const char *end, int *dots)
{
  size_t k = 0, lim = (size_t)(end - p);
  int d = 0;
  if (p >= end || !(slg_is_alpha((unsigned char)*p) || *p == '_'))
    return 0;
  /* Four bytes per step; the dot count is added, not tested. */
  while (k + 4 <= lim) {
    unsigned a = name_bytes[(unsigned char)p[k]];
    unsigned b = name_bytes[(unsigned char)p[k + 1]];
    unsigned c = name_bytes[(unsigned char)p[k + 2]];
    unsigned e = name_bytes[(unsigned char)p[k + 3]];
    if (!(a && b && c && e))
      break;
    d += (int)((a >> 1) + (b >> 1) + (c >> 1) + (e >> 1));
    k += 4;
  }
  while (k < lim && name_bytes[(unsigned char)p[k]]) {
    d += name_bytes[(unsigned char)p[k]] >> 1;
    k++;
  }
  /* "Foo." at the end of a sentence: the dot is not part of the name. */
  while (p[k - 1] == '.') {
    k--;
    d--;
  }
  *dots = d;
  return k;
}

/* Matching ']' for the '[' at p, allowing one level of nesting
 * ("[stream execution thread for q [id = 1]]"). */
static const char *close_bracket(const char *p, const char *end, char open,
                                 char close)
{
  int depth = 0;
  const char *lim = end - p > 256 ? p + 256 : end;
  for (const char *q = p; q < lim; q++) {
    if (*q == open)
      depth++;
    else if (*q == close && --depth == 0)
      return q;
  }
  return NULL;
}

static void skip_spaces(scan *s)
{
  while (s->p < s->end && *s->p == ' ')
    s->p++;
}

/* The logger conversion matching the way the name is written, 0..3 in
 * the order of logger_conv_text. */
static int logger_conv(const char *p, size_t n, int dots)
{
  /* logback's abbreviation: "o.a.spark.SparkContext". */
  if (dots >= 1 && n > 2 && p[1] == '.' && slg_is_lower((unsigned char)p[0]))
    return 0;
  return dots == 0 ? 1 : dots == 1 ? 2 : 3;
}

static const char *const logger_conv_text[] = {"%logger{36}", "%c{1}",
                                               "%c{2}", "%c"};

/* Writes the logger conversion matching the way the name is written. */
static void put_logger(pat *pt, const char *p, size_t n, int dots)
{
  puts_(pt, logger_conv_text[logger_conv(p, n, dots)]);
}

static void take_level(scan *s, slg_level lv, size_t n, int in_bracket)
{
  const char *after = s->p + n;
  size_t pad = 0;
  while (after + pad < s->end && after[pad] == ' ')
    pad++;
  s->r->level = lv;
  s->level = 1;
  /* "INFO  org..." / "[INFO ]": log4j's %-5p padding. */
  if (n < 5 && (in_bracket ? pad > 0 : pad > 1))
    puts_(s->pt, "%-5p");
  else
    puts_(s->pt, "%p");
  s->p = after;
}

/* A method name followed by " - " ("logInfo - ", "<clinit> - ",
 * "apply$mcV$sp - "); returns the method's length or 0. */
static size_t method_at(const char *p, const char *end)
{
  size_t k = 0;
  while (p + k < end && (slg_is_alnum((unsigned char)p[k]) || p[k] == '_' ||
                         p[k] == '$' || p[k] == '<' || p[k] == '>'))
    k++;
  if (k && end - (p + k) >= 3 && memcmp(p + k, " - ", 3) == 0)
    return k;
  return 0;
}

/*
 * After the logger: an optional location, line number groups, method
 * name and late level, then the separator before the message.
 *   "scheduler.JESSchedulerBackend (Logging.scala:logInfo(61)): msg"
 *   "org.apache.spark.scheduler.DAGScheduler(line:54) : msg"
 *   "org.apache.spark.scheduler.DAGScheduler logInfo - msg"
 *   "[org...DAGScheduler] [61] -[msg]"
 *   "DAGScheduler: INFO: msg" (Hail)
 */
static void after_logger(scan *s)
{
  const char *q;
  size_t n;
  slg_level lv;

  for (int round = 0; round < 4; round++) {
    const char *save = s->p;
    skip_spaces(s);
    if (s->p >= s->end)
      break;
    if (*s->p == '(' && (q = close_bracket(s->p, s->end, '(', ')'))) {
      const char *colon = memchr(s->p, ':', (size_t)(q - s->p));
      if (!colon) {
        s->p = save;
        break;
      }
      if (s->p != save)
        putc_(s->pt, ' ');
      if (q[-1] == ')')
        puts_(s->pt, "(%F:%M(%L))");
      else {
        putc_(s->pt, '(');
        put(s->pt, s->p + 1, (size_t)(colon - s->p));
        puts_(s->pt, "%L)");
      }
      s->p = q + 1;
      continue;
    }
    if (*s->p == '[' && (q = close_bracket(s->p, s->end, '[', ']'))) {
      int digits = q > s->p + 1;
      for (const char *d = s->p + 1; d < q; d++)
        digits &= slg_is_digit((unsigned char)*d);
      if (!digits && q != s->p + 1) {
        /* "%c{1} [%t]: %m": the thread after the logger. */
        if (!s->thread && q + 1 < s->end &&
            (q[1] == ':' ||
             (q + 2 < s->end && q[1] == ' ' && (q[2] == '-' || q[2] == ':')))) {
          if (s->p != save)
            putc_(s->pt, ' ');
          puts_(s->pt, "[%t]");
          s->r->thread = slg_span_make(s->p + 1, (size_t)(q - s->p - 1));
          s->thread = 1;
          s->p = q + 1;
          continue;
        }
        s->p = save;
        break;
      }
      if (s->p != save)
        putc_(s->pt, ' ');
      puts_(s->pt, digits ? "[%L]" : "[%X]");
      s->p = q + 1;
      continue;
    }
    if (*s->p == ':' && s->p == save && s->p + 1 < s->end &&
        slg_is_digit((unsigned char)s->p[1])) {
      /* "%c{1}:%L - %m": "DAGScheduler:54 - msg". */
      q = s->p + 1;
      while (q < s->end && slg_is_digit((unsigned char)*q))
        q++;
      if (q < s->end && *q == ' ') {
        puts_(s->pt, ":%L");
        s->p = q;
        continue;
      }
      break;
    }
    if (!s->level && (lv = level_at(s->p, s->end, &n)) != SLG_LEVEL_NONE) {
      /* Hail: "DAGScheduler: INFO: msg". */
      if (s->p != save)
        putc_(s->pt, ' ');
      take_level(s, lv, n, 0);
      if (s->p < s->end && *s->p == ':') {
        putc_(s->pt, ':');
        s->p++;
      }
      continue;
    }
    if (s->p != save && (n = method_at(s->p, s->end))) {
      puts_(s->pt, " %M");
      s->p += n;
      continue;
    }
    s->p = save;
    break;
  }
  /* The separator: ": ", " - ", " : ", "-[...]", or just spaces. */
again:
  q = s->p;
  while (q < s->end && *q == ' ')
    q++;
  if (q < s->end && (*q == ':' || *q == '-' || *q == '|')) {
    const char *sep = q;
    while (q < s->end && (*q == ':' || *q == '-' || *q == '|'))
      q++;
    if (sep > s->p)
      putc_(s->pt, ' ');
    put(s->pt, sep, (size_t)(q - sep));
    if (q < s->end && *q == '[' && s->end[-1] == ']' && q[-1] == '-') {
      puts_(s->pt, "[%m]%n");
      s->r->message = slg_span_make(q + 1, (size_t)(s->end - q - 2));
      s->p = s->end;
      return;
    }
    if (q < s->end && *q == ' ')
      putc_(s->pt, ' ');
    while (q < s->end && *q == ' ')
      q++;
    /* Hail: "DAGScheduler: INFO: msg" - the level after the logger. */
    if (!s->level && (lv = level_at(q, s->end, &n)) != SLG_LEVEL_NONE) {
      s->p = q;
      take_level(s, lv, n, 0);
      goto again;
    }
  } else if (q > s->p) {
    putc_(s->pt, ' ');
  }
  puts_(s->pt, "%m%n");
  s->r->message = slg_span_make(q, (size_t)(s->end - q));
  s->p = s->end;
}

/* Classifies "[...]" at s->p. Returns 1 if it was the logger. */
static int bracket(scan *s, const char *q)
{
  const char *in = s->p + 1;
  size_t n = (size_t)(q - in), k;
  int dots;
  slg_level lv;
  slg_time t;

  while (n && in[n - 1] == ' ')
    n--;
  if (!s->level && n > 1 && in[0] == ' ') {
    /* "[ INFO]": log4j's right-aligned %5p. */
    const char *w = in;
    while (w < in + n && *w == ' ')
      w++;
    lv = level_at(w, in + n, &k);
    if (lv != SLG_LEVEL_NONE && w + k == in + n) {
      puts_(s->pt, "[%5p]");
      s->r->level = lv;
      s->level = 1;
      s->p = q + 1;
      return 0;
    }
  }
  if (!s->level && (lv = level_at(in, in + n, &k)) != SLG_LEVEL_NONE &&
      k == n) {
    putc_(s->pt, '[');
    s->p = in;
    take_level(s, lv, k, 1);
    putc_(s->pt, ']');
    s->p = q + 1;
    return 0;
  }
  if (!s->time && n && slg_is_digit((unsigned char)*in)) {
    size_t mark = s->pt->n;
    putc_(s->pt, '[');
    if (time_at(in, in + n, &t, s->pt) == n) {
      putc_(s->pt, ']');
      s->r->time = t;
      s->time = 1;
      s->p = q + 1;
      return 0;
    }
    s->pt->n = mark;
  }
  if (n && (k = class_at(in, in + n, &dots)) == n &&
      (dots >= 2 || (dots >= 1 && s->thread) || in[n - 1] == '$')) {
    /* "[org.apache.spark.scheduler.DAGScheduler]"; thread names with
     * dots carry dashes ("sparkDriver-akka.actor.default-dispatcher-2"),
     * which class_at refuses. A Scala object ("[ReceiveNettype$]") is a
     * logger too. */
    putc_(s->pt, '[');
    put_logger(s->pt, in, n, dots);
    putc_(s->pt, ']');
    s->r->logger = slg_span_make(in, n);
    s->logger = 1;
    s->p = q + 1;
    return 1;
  }
  if (n && !s->thread) {
    s->r->thread = slg_span_make(in, (size_t)(q - in));
    s->thread = 1;
    puts_(s->pt, "[%t]");
  } else {
    /* "[]" and other MDC-like groups. */
    puts_(s->pt, "[%X]");
  }
  s->p = q + 1;
  return 0;
}

/* Is the word at p a logger by its shape and what follows it? */
static size_t logger_word(const char *p, const char *end, int *dots, int strict)
{
  size_t n = class_at(p, end, dots);
  const char *a = p + n;
  if (!n)
    return 0;
  /* "DAGScheduler:54 - msg" (%c{1}:%L), "DAGScheduler [main]: msg". */
  if (end - a >= 3 && a[0] == ':' && slg_is_digit((unsigned char)a[1])) {
    const char *d = a + 1;
    while (d < end && slg_is_digit((unsigned char)*d))
      d++;
    if (end - d >= 3 && d[0] == ' ' && (d[1] == '-' || d[1] == ':') &&
        d[2] == ' ')
      return n;
  }
  if (end - a >= 2 && a[0] == ' ' && a[1] == '[' && !strict) {
    const char *b = close_bracket(a + 1, end, '[', ']');
    if (b && b + 1 < end && b[1] == ':')
      return n;
  }
  /* "WriteAheadLogManager : msg", "DAGScheduler - msg",
   * "DAGScheduler (Logging.scala:logInfo(54))", "Remoting apply$mcV$sp -
   * msg". */
  if (end - a >= 3 && a[0] == ' ' && a[2] == ' ' &&
      (a[1] == ':' || a[1] == '-'))
    return n;
  if (end - a >= 2 && a[0] == ' ' && a[1] == '(')
    return n;
  if (a < end && *a == ' ' && method_at(a + 1, end))
    return n;
  /* "DAGScheduler: msg" (Spark's default) or "DAGScheduler:" at the end. */
  if (a < end && *a == ':' && (a + 1 == end || a[1] == ' '))
    return n;
  if (a < end && *a == '(')
    return n;
  /* "org.apache.spark.scheduler.DAGScheduler - msg"; after a separator
   * ("%d - %p - %m") a dotted word alone may be the message's first
   * word ("Cluster.__init__ called with ..."), so demand a separator. */
  if (*dots && (a == end || *a == ' ') &&
      (!strict || (end - a >= 3 && a[1] == '-' && a[2] == ' ')))
    return n;
  return 0;
}

static int complete(const scan *s)
{
  return (s->time && (s->level || s->logger)) || s->bare;
}

/*
 * A record with no timestamp: Spark's layout with the time cut off (by a
 * log shipper, "cut -c19-", a console that prints "%p %c{1}: %m%n"):
 *   " INFO DAGScheduler: Got job 0 (collect at WordCount.scala:17) ..."
 * Without a clock the shape alone must carry the line, so it is narrow:
 * the level is the first token, then blanks, then a class name directly
 * followed by ':' and a blank (or the end). Prose ("ERROR: could not find
 * file", "INFO is the level", "WARNING: An illegal ...") has no such
 * name. Returns the name's length or 0.
 */
static size_t bare_logger(const char *p, const char *end, int *dots)
{
  size_t n = class_at(p, end, dots);
  const char *a = p + n;
  if (!n || a >= end || *a != ':' || (a + 1 < end && a[1] != ' '))
    return 0;
  return n;
}

/* Two digits at u (both readable) as a number, or -1. */
static inline int two_digits(const unsigned char *u)
{
  unsigned a = (unsigned)(u[0] - '0'), b = (unsigned)(u[1] - '0');
  return (a > 9 || b > 9) ? -1 : (int)(a * 10 + b);
}

/*
 * Spark's own default layout, "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n":
 *   "24/08/14 15:12:54 INFO TaskSetManager: Starting task 0.0 in stage ..."
 * is nearly every line of a driver log, so it is read here in one pass
 * before the token-by-token scan. Only the exact shape is taken: a single
 * space after the time and after the level (more would be "%-5p" or a
 * thread column), a class name right after the level, and ": " (or the end
 * of the line) right after the name. Anything else returns 0 and header()
 * scans as usual; a line this accepts gets the same record and the same
 * pattern bytes that scan would produce (see time_at, take_level,
 * logger_word's "DAGScheduler: msg" case and after_logger's separator).
 */
static int default_header(slg_layout *l, const char *p, const char *end,
                          slg_record *r, pat *out)
{
  const unsigned char *u = (const unsigned char *)p;
  name_memo *memo = &l->memo;
  int dots = 0;
  size_t n, k;
  slg_level lv;

  if (end - p < 24 || p[17] != ' ' || p[18] == ' ')
    return 0;
  if (l->ts_valid && slg_mem_eq(p, l->ts_bytes, sizeof l->ts_bytes)) {
    /* The same 17 bytes as the last record's timestamp: same time. */
    r->time = l->ts;
    SLG_FASTPATH_HIT(HEADER_TIME_MEMO);
  } else {
    int yy, mo, d, h, mi, sec;
    if (p[2] != '/' || p[5] != '/' || p[8] != ' ' || p[11] != ':' ||
        p[14] != ':')
      return 0;
    yy = two_digits(u);
    mo = two_digits(u + 3);
    d = two_digits(u + 6);
    h = two_digits(u + 9);
    mi = two_digits(u + 12);
    sec = two_digits(u + 15);
    /* Same limits as time_at / clock_at (a negative value failed). */
    if (yy < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 ||
        h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60)
      return 0;
    r->time.year = (uint16_t)(2000 + yy);
    r->time.month = (uint8_t)mo;
    r->time.day = (uint8_t)d;
    r->time.hour = (uint8_t)h;
    r->time.minute = (uint8_t)mi;
    r->time.second = (uint8_t)sec;
    r->time.millisecond = 0;
    r->time.flags = SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME;
    memcpy(l->ts_bytes, p, sizeof l->ts_bytes);
    l->ts = r->time;
    l->ts_valid = 1;
  }
  /* The level, then exactly one space ("%p", not "%-5p"). A zone name
   * ("15:12:49 UTC") is never a level word, so it falls through. */
  const char *q = p + 18;
  if (end - q > 5 && memcmp(q, "INFO ", 5) == 0) {
    /* What level_at says of "INFO " (most records), without its loop. */
    lv = SLG_LEVEL_INFO;
    k = 4;
  } else if ((lv = level_at(q, end, &k)) == SLG_LEVEL_NONE ||
             q + k + 1 >= end) {
    return 0;
  }
  if (q[k] != ' ' || q[k + 1] == ' ')
    return 0;
  const char *lg = q + k + 1;
  /* The same name as last time, ended by ':', is what class_at would
   * find again: its bytes are all name bytes, the last is not a dot, and
   * ':' ends the run. */
  n = 0;
  for (int i = 0; i < 2 && !n; i++) {
    size_t m = memo->e[i].n;
    if (m && (size_t)(end - lg) > m && lg[m] == ':' &&
        slg_mem_eq(lg, memo->e[i].s, m)) {
      n = m;
      dots = memo->e[i].dots;
      SLG_FASTPATH_HIT(HEADER_NAME_MEMO);
    }
  }
  if (!n) {
    n = class_at(lg, end, &dots);
    if (n && n <= sizeof memo->e[0].s) {
      int i = memo->next;
      memcpy(memo->e[i].s, lg, n);
      memo->e[i].n = n;
      memo->e[i].dots = dots;
      memo->next = !i;
    }
  }
  const char *a = lg + n;
  if (!n || a >= end || *a != ':' || (a + 1 < end && a[1] != ' '))
    return 0;

  /* Field by field rather than a memset of the whole record: this runs
   * for every line. */
  r->level = lv;
  r->thread = slg_span_make(NULL, 0);
  r->logger = slg_span_make(lg, n);
  r->layout_id = 0;
  r->prefix_len = 0;
  a++;
  int spaced = a < end;
  while (a < end && *a == ' ')
    a++;
  r->message = slg_span_make(a, (size_t)(end - a));

  int conv = logger_conv(lg, n, dots);
  out->n = 0;
  out->overflow = 0;
  out->fast = 1 + conv * 2 + spaced;
  if (l->fast_id[out->fast - 1] == 0) {
    /* First record of this variant: the pattern the scan would write,
     * for register_layout. */
    static const ts_shape sh = {Y_YY, '/', ' ', 1, 1, Z_NONE};
    putc_(out, TS_MARK);
    put(out, (const char *)&sh, sizeof sh);
    put(out, " %p ", 4);
    puts_(out, logger_conv_text[conv]);
    putc_(out, ':');
    if (spaced)
      putc_(out, ' ');
    puts_(out, "%m%n");
  }
  SLG_FASTPATH_HIT(DEFAULT_HEADER);
  return 1;
}

/* The token-by-token scan of one header at p. Returns 1 for a record. */
static int scan_header(const char *p, const char *end, slg_record *r,
                       pat *out)
{
  scan s;
  size_t n;
  int dots;
  slg_level lv;
  const char *q;

  memset(r, 0, sizeof *r);
  r->level = SLG_LEVEL_NONE;
  s.p = p;
  s.end = end;
  s.r = r;
  s.pt = out;
  out->n = 0;
  out->overflow = 0;
  out->fast = 0;
  s.time = s.level = s.thread = s.logger = s.bare = 0;

  for (int tok = 0; tok < 12; tok++) {
    const char *sp = s.p;
    skip_spaces(&s);
    if (s.p >= end)
      break;
    if (s.p != sp && tok)
      putc_(s.pt, ' ');
    int c = (unsigned char)*s.p;
    if (c == '[' && (q = close_bracket(s.p, end, '[', ']'))) {
      if (bracket(&s, q)) {
        after_logger(&s);
        break;
      }
      continue;
    }
    if (c == '{' && !s.logger && (q = close_bracket(s.p, end, '{', '}'))) {
      /* "{DAGScheduler}", Airflow's "{emr.py:86}". */
      s.r->logger = slg_span_make(s.p, (size_t)(q + 1 - s.p));
      s.logger = 1;
      puts_(s.pt, "{%c{1}}");
      s.p = q + 1;
      after_logger(&s);
      break;
    }
    if (slg_is_digit(c) && !s.time) {
      n = time_at(s.p, end, &s.r->time, s.pt);
      if (!n)
        return 0;
      s.time = 1;
      s.p += n;
      continue;
    }
    if (!s.level && (lv = level_at(s.p, end, &n)) != SLG_LEVEL_NONE) {
      take_level(&s, lv, n, 0);
      if (s.p < end && *s.p == ':') {
        putc_(s.pt, ':');
        s.p++;
      } else if (tok == 0 && s.p < end) {
        /* The level first, then a blank: maybe a record without a time. */
        const char *v = s.p;
        while (v < end && *v == ' ')
          v++;
        if (v > s.p && (n = bare_logger(v, end, &dots))) {
          putc_(s.pt, ' ');
          s.r->logger = slg_span_make(v, n);
          s.logger = 1;
          s.bare = 1;
          put_logger(s.pt, v, n, dots);
          s.p = v + n;
          after_logger(&s);
          break;
        }
      }
      continue;
    }
    if (slg_is_alpha(c) || c == '_') {
      /* "dag-scheduler-event-loop INFO DAGScheduler: ..." (unit tests):
       * a bare word right before the level is the thread. */
      if (!s.level && s.time && !s.thread) {
        const char *w = s.p;
        while (w < end && *w != ' ')
          w++;
        const char *v = w;
        while (v < end && *v == ' ')
          v++;
        /* Not "DAGScheduler: INFO: msg" (Hail: the logger comes first). */
        if (v < end && *v == '[')
          v++;
        if (v > w && w[-1] != ':' && level_at(v, end, &n) != SLG_LEVEL_NONE) {
          s.r->thread = slg_span_make(s.p, (size_t)(w - s.p));
          s.thread = 1;
          puts_(s.pt, "%t");
          s.p = w;
          continue;
        }
      }
      if (s.time && (n = logger_word(s.p, end, &dots, 0))) {
        s.r->logger = slg_span_make(s.p, n);
        s.logger = 1;
        put_logger(s.pt, s.p, n, dots);
        s.p += n;
        after_logger(&s);
        break;
      }
    }
    if ((c == '-' || c == ':' || c == '|') && s.time) {
      /* "INFO --- [main] ..." (Spring Boot), "INFO - msg" (Airflow). */
      q = s.p;
      while (q < end && (*q == '-' || *q == ':' || *q == '|'))
        q++;
      put(s.pt, s.p, (size_t)(q - s.p));
      s.p = q;
      const char *v = q;
      while (v < end && *v == ' ')
        v++;
      if (v < end && (*v == '[' || *v == '{' || logger_word(v, end, &dots, 1)))
        continue;
      if (v < end && !s.logger && level_at(v, end, &n) != SLG_LEVEL_NONE)
        continue;
      if (v > q)
        putc_(s.pt, ' ');
      s.p = v;
    }
    /* Anything else starts the message. */
    if (!complete(&s))
      return 0;
    puts_(s.pt, "%m%n");
    r->message = slg_span_make(s.p, (size_t)(end - s.p));
    s.p = end;
    break;
  }
  if (!complete(&s))
    return 0;
  if (s.p < end || !r->message.ptr) {
    /* Header ran to the end of the line: an empty message. */
    if (!r->message.ptr) {
      r->message = slg_span_make(end, 0);
      puts_(s.pt, "%m%n");
    }
  }
  return 1;
}

/* Reads one header starting at p. Returns 1 for a record. Inline so the
 * common default_header case costs no call into the scanner's frame. In
 * reference mode the scan alone reads every header. */
static inline int header(slg_layout *l, const char *p, const char *end,
                         slg_record *r, pat *out)
{
  return (!l->reference && default_header(l, p, end, r, out)) ||
         scan_header(p, end, r, out);
}

/* ----------------------------------------------------------------- JSON */

/* Skips one JSON value at p; returns the byte after it or NULL. */
static const char *json_skip(const char *p, const char *end, int depth)
{
  if (p >= end || depth > 16)
    return NULL;
  if (*p == '"') {
    for (p++; p < end; p++) {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        return p + 1;
    }
    return NULL;
  }
  if (*p == '{' || *p == '[') {
    char close = *p == '{' ? '}' : ']';
    p++;
    for (;;) {
      while (p < end && slg_is_space((unsigned char)*p))
        p++;
      if (p < end && *p == close)
        return p + 1;
      p = json_skip(p, end, depth + 1);
      if (!p)
        return NULL;
      while (p < end && slg_is_space((unsigned char)*p))
        p++;
      if (p < end && (*p == ':' || *p == ','))
        p++;
      else if (p < end && *p == close)
        return p + 1;
      else
        return NULL;
    }
  }
  const char *s = p;
  while (p < end && (slg_is_alnum((unsigned char)*p) || *p == '-' ||
                     *p == '+' || *p == '.'))
    p++;
  return p > s ? p : NULL;
}

static unsigned hex4(const char *p, const char *end, int *ok)
{
  unsigned v = 0;
  if (end - p < 4) {
    *ok = 0;
    return 0;
  }
  for (int i = 0; i < 4; i++) {
    int c = (unsigned char)p[i];
    v <<= 4;
    if (slg_is_digit(c))
      v |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= (unsigned)(c - 'A' + 10);
    else
      *ok = 0;
  }
  return v;
}

static size_t put_utf8(char *o, unsigned cp)
{
  if (cp < 0x80) {
    o[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18));
  o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Unescapes the JSON string body [p, end) into the scratch buffer. The
 * output is never longer than the input. Returns 0 on a bad escape. */
static int json_unescape(slg_layout *l, const char *p, const char *end,
                         slg_span *out)
{
  size_t need = (size_t)(end - p) + 1;
  char *o;
  if (need > l->scratch_cap) {
    l->scratch_cap = need * 2;
    l->scratch = slg_xrealloc(l->scratch, l->scratch_cap);
  }
  o = l->scratch;
  while (p < end) {
    if (*p != '\\') {
      *o++ = *p++;
      continue;
    }
    if (++p >= end)
      return 0;
    switch (*p++) {
    case 'n':
      *o++ = '\n';
      break;
    case 't':
      *o++ = '\t';
      break;
    case 'r':
      *o++ = '\r';
      break;
    case 'b':
      *o++ = '\b';
      break;
    case 'f':
      *o++ = '\f';
      break;
    case '"':
      *o++ = '"';
      break;
    case '\\':
      *o++ = '\\';
      break;
    case '/':
      *o++ = '/';
      break;
    case 'u': {
      int ok = 1;
      unsigned cp = hex4(p, end, &ok);
      if (!ok)
        return 0;
      p += 4;
      if (cp >= 0xD800 && cp < 0xDC00 && end - p >= 6 && p[0] == '\\' &&
          p[1] == 'u') {
        unsigned lo = hex4(p + 2, end, &ok);
        if (ok && lo >= 0xDC00 && lo < 0xE000) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          p += 6;
        }
      }
      if (cp >= 0xD800 && cp < 0xE000)
        cp = 0xFFFD; /* a lone surrogate */
      o += put_utf8(o, cp);
      break;
    }
    default:
      return 0;
    }
  }
  *out = slg_span_make(l->scratch, (size_t)(o - l->scratch));
  return 1;
}

/*
 * Spark 4 structured logging (spark.log.structuredLogging.enabled):
 *   {"ts":"2025-03-18T05:33:03.598Z","level":"INFO","msg":"...",
 *    "context":{...},"logger":"DAGScheduler"}
 * Keys in any order; unknown keys skipped.
 */
static int json_record(slg_layout *l, const char *p, const char *end,
                       slg_record *r, pat *pt)
{
  slg_span msg = {NULL, 0};
  int have_ts = 0;
  memset(r, 0, sizeof *r);
  r->level = SLG_LEVEL_NONE;
  pt->n = 0;
  pt->overflow = 0;
  pt->fast = 0;
  p++;
  for (;;) {
    while (p < end && *p == ' ')
      p++;
    if (p >= end || *p != '"')
      return 0;
    const char *k = p + 1, *v, *ve;
    p = json_skip(p, end, 0);
    if (!p)
      return 0;
    size_t kn = (size_t)(p - 1 - k);
    while (p < end && *p == ' ')
      p++;
    if (p >= end || *p != ':')
      return 0;
    p++;
    while (p < end && *p == ' ')
      p++;
    v = p;
    p = json_skip(p, end, 0);
    if (!p)
      return 0;
    ve = p;
    if (*v == '"') {
      slg_span s = slg_span_make(v + 1, (size_t)(ve - v - 2));
      if (kn == 2 && memcmp(k, "ts", 2) == 0) {
        pat tmp = {0, 0, {0}, 0};
        if (time_at(s.ptr, s.ptr + s.len, &r->time, &tmp) != s.len)
          return 0;
        have_ts = 1;
        puts_(pt, "{\"ts\":");
        put(pt, tmp.s, tmp.n);
      } else if (kn == 5 && memcmp(k, "level", 5) == 0) {
        r->level = slg_level_parse(s.ptr, s.len);
      } else if (kn == 3 && memcmp(k, "msg", 3) == 0) {
        msg = s;
      } else if (kn == 6 && memcmp(k, "logger", 6) == 0) {
        r->logger = s;
      } else if (kn == 6 && memcmp(k, "thread", 6) == 0) {
        r->thread = s;
      }
    }
    while (p < end && *p == ' ')
      p++;
    if (p < end && *p == ',') {
      p++;
      continue;
    }
    if (p < end && *p == '}')
      break;
    return 0;
  }
  if (!have_ts || !msg.ptr)
    return 0;
  if (!json_unescape(l, msg.ptr, msg.ptr + msg.len, &r->message))
    return 0;
  puts_(pt, ",\"level\":%p,\"msg\":%m,\"logger\":%c{1}}");
  return 1;
}

/* ------------------------------------------------------------ the table */

static uint64_t fnv(const char *s, size_t n)
{
  uint64_t h = 1469598103934665603u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  return h;
}

static uint32_t register_shape(slg_layout *l, const pat *pt)
{
  const layout_entry *last;
  uint64_t h;
  pat readable;
  if (pt->overflow)
    return SLG_LAYOUT_OTHER;
  /* Fast path: the same shape as the previous record. */
  if (l->last_id < l->count && !l->reference) {
    last = &l->table[l->last_id];
    if (last->len == pt->n && memcmp(last->key, pt->s, pt->n) == 0) {
      SLG_FASTPATH_HIT(LAYOUT_LAST_SHAPE);
      return l->last_id;
    }
  }
  h = fnv(pt->s, pt->n);
  for (size_t i = 0; i < l->count; i++)
    if (l->table[i].hash == h && l->table[i].len == pt->n &&
        memcmp(l->table[i].key, pt->s, pt->n) == 0)
      return l->last_id = (uint32_t)i;
  if (l->count == SLG_MAX_LAYOUTS) {
    l->refused++;
    return SLG_LAYOUT_OTHER;
  }
  l->table[l->count].hash = h;
  l->table[l->count].len = pt->n;
  l->table[l->count].key = slg_xstrndup(pt->s, pt->n);
  render(&readable, pt);
  l->table[l->count].pattern = slg_xstrndup(readable.s, readable.n);
  return l->last_id = (uint32_t)l->count++;
}

/* The layout id of a scanned shape. A default_header variant is registered
 * once; its id never changes after (entries are never removed, and a full
 * table stays full), so later records of it skip the pattern compare. */
static uint32_t register_layout(slg_layout *l, const pat *pt)
{
  if (pt->fast) {
    uint32_t *id = &l->fast_id[pt->fast - 1];
    if (*id == 0)
      *id = register_shape(l, pt) + 1;
    return *id - 1;
  }
  return register_shape(l, pt);
}

/* The built-in relays, by id: Airflow's task loggers that relay a
 * child's output ("{NAME.py:LINE}": spark-submit's SparkSubmitHook, a
 * shell's SubprocessHook, a pod's or container's log, a remote command's,
 * captured stdout, and the operators that fetch a Spark driver's log),
 * then Livy's LineBufferedStream. The --unwrap names come after them. */
static const char *const builtin_names[] = {
    "spark_submit.py", "subprocess.py",    "pod_manager.py", "pod.py",
    "docker.py",       "ssh.py",           "logging_mixin.py",
    "standard_task_runner.py",             "emr.py",         "dataproc.py",
    "databricks.py",   "glue.py",          "livy.py",
    "LineBufferedStream"};
#define N_BUILTIN (sizeof builtin_names / sizeof *builtin_names)
#define RELAY_LIVY (N_BUILTIN - 1)
_Static_assert(N_BUILTIN < SLG_MAX_RELAYS, "room for --unwrap names");

/* Relay ids for the --unwrap names: the last one is shared by the names
 * past it. */
#define N_EXTRA (SLG_MAX_RELAYS - N_BUILTIN)

void slg_layout_set_relays(slg_layout *l, const char *extra)
{
  free(l->relays);
  free(l->names);
  l->relays = extra ? slg_xstrndup(extra, strlen(extra)) : NULL;
  l->names = extra ? slg_xstrndup(extra, strlen(extra)) : NULL;
  l->nrelays = 0;
  /* "a,b,,c": an empty name is no relay and takes no id. */
  for (char *p = l->names; p && *p;) {
    char *comma = strchr(p, ',');
    char *next = comma ? comma + 1 : p + strlen(p);
    if (comma)
      *comma = '\0';
    if (*p) {
      if (l->nrelays < N_EXTRA)
        l->relay[l->nrelays++] = p;
      else
        l->relay[N_EXTRA - 1] = "(further --unwrap loggers)";
    }
    p = next;
  }
}

const char *slg_layout_relay_name(const slg_layout *l, unsigned id)
{
  if (id < N_BUILTIN)
    return builtin_names[id];
  return id - N_BUILTIN < l->nrelays ? l->relay[id - N_BUILTIN] : NULL;
}

static int span_is(slg_span s, const char *w, size_t n)
{
  return s.len == n && memcmp(s.ptr, w, n) == 0;
}

/* The relay a record of this logger is (1 + its id), or 0: Airflow's
 * "{spark_submit.py:492}", Livy's LineBufferedStream, or an --unwrap name
 * (the full or the short logger name). Asked only of a record whose
 * message starts like a record. */
static unsigned relay_of(const slg_layout *l, slg_span lg)
{
  if (lg.len > 6 && lg.ptr[0] == '{' && lg.ptr[lg.len - 1] == '}') {
    const char *py = NULL;
    for (const char *q = lg.ptr + 1; q + 4 <= lg.ptr + lg.len; q++)
      if (memcmp(q, ".py:", 4) == 0) {
        py = q;
        break;
      }
    if (py != NULL) {
      /* "spark_submit" of "{spark_submit.py:492}", with its ".py". */
      const char *name = lg.ptr + 1;
      size_t n = (size_t)(py + 3 - name);
      for (size_t i = 0; i < RELAY_LIVY; i++)
        if (strlen(builtin_names[i]) == n &&
            memcmp(name, builtin_names[i], n) == 0)
          return (unsigned)i + 1;
    }
  }
  slg_span sh = slg_logger_short(lg);
  if (span_is(sh, "LineBufferedStream", 18))
    return RELAY_LIVY + 1;
  unsigned k = 0;
  for (const char *p = l->relays; p && *p;) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t)(comma - p) : strlen(p);
    if (n) {
      if (span_is(lg, p, n) || span_is(sh, p, n))
        return N_BUILTIN + (k < N_EXTRA ? k : N_EXTRA - 1) + 1;
      k++;
    }
    p = comma ? comma + 1 : p + n;
  }
  return 0;
}

int slg_layout_new(slg_layout **out, const char *user_pattern, int reference,
                   char *error)
{
  slg_layout *l = slg_xcalloc(1, sizeof *l);
  *out = NULL;
  l->reference = reference != 0;
  if (user_pattern) {
    int rc = slg_pattern_compile(&l->user, user_pattern, error);
    if (rc < 0) {
      free(l);
      return rc;
    }
    /* The user's layout is layout 0. */
    l->table[0].pattern = slg_xstrndup(user_pattern, strlen(user_pattern));
    /* A key no detected shape can equal. */
    l->table[0].key = slg_xstrndup("", 0);
    l->table[0].len = (size_t)-1;
    l->count = 1;
  }
  *out = l;
  return 0;
}

void slg_layout_free(slg_layout *l)
{
  if (!l)
    return;
  for (size_t i = 0; i < l->count; i++) {
    free(l->table[i].pattern);
    free(l->table[i].key);
  }
  slg_pattern_free(l->user);
  free(l->scratch);
  free(l->relays);
  free(l->names);
  free(l);
}

const char *slg_layout_user_pattern(const slg_layout *l)
{
  return l->user ? l->table[0].pattern : NULL;
}

size_t slg_layout_count(const slg_layout *l)
{
  return l->count;
}

const char *slg_layout_pattern(const slg_layout *l, uint32_t id)
{
  if (id >= l->count)
    return "other";
  return l->table[id].pattern;
}

/* Bytes that can open a header (after wrapper noise): digits, '[', '{',
 * and the first letters of level words for level-first layouts. */
static int may_start(int c)
{
  return slg_is_digit(c) || c == '[' || c == '{' || c == 'I' || c == 'W' ||
         c == 'E' || c == 'D' || c == 'T' || c == 'F' || c == 'S';
}

/* Skips indentation, markdown quotes "> " and R's "#> ". */
static const char *skip_noise(const char *p, const char *end)
{
  while (p < end) {
    if (*p == ' ' || *p == '\t' || *p == '>')
      p++;
    else if (*p == '#' && p + 1 < end && p[1] == '>')
      p += 2;
    else
      break;
  }
  return p;
}

/* "\r[Stage 0:>   (0 + 1) / 1]\r\r    \r25/03/09 ...": the record is the
 * last CR-separated segment that has content. */
static const char *last_segment(const char *p, const char *end)
{
  const char *seg = p;
  for (const char *q = p; q < end; q++)
    if (*q == '\r' && q + 1 < end && q[1] != '\r')
      seg = q + 1;
  return seg;
}

/*
 * A record glued to the end of other output, as when a program prints
 * without a newline before the logger writes:
 *   "📊 Processing Batch 31 with 41 records26/01/03 15:02:52 WARN ..."
 * Found by its "HH:mm:ss" clock; only a full date glued to a non-space
 * byte counts, so prose that mentions a time ("failed at 12:00:01 INFO
 * level") stays prose.
 */
static const char *glued(slg_layout *l, const char *line, const char *end,
                         slg_record *r, pat *pt)
{
  const char *lim = end - line > 512 ? line + 512 : end;
  const char *c = line;
  int tries = 0;
  /* Bounded: a line full of clocks must not cost a header scan each. */
  while (tries < 8 && (c = memchr(c, ':', (size_t)(lim - c))) != NULL) {
    if (c - line >= 11 && end - c >= 6 && c[3] == ':' &&
        slg_is_digit((unsigned char)c[-1]) &&
        slg_is_digit((unsigned char)c[-2]) && c[-3] != ':') {
      static const int back[] = {11, 13}; /* "yy/MM/dd ", "yyyy-..." */
      for (int k = 0; k < 2; k++) {
        const char *h = c - back[k];
        if (h <= line || slg_is_space((unsigned char)h[-1]) ||
            slg_is_digit((unsigned char)h[-1]))
          continue;
        tries++;
        if (header(l, h, end, r, pt) && (r->time.flags & SLG_TIME_HAS_DATE))
          return h;
      }
    }
    c++;
  }
  return NULL;
}

/* A message `m` of `n` bytes whose start the full parse would look past:
 * blanks and noise skipped, or the start of a record inside the message
 * (a relay's, parse_full), after Livy's "stdout: " or "stderr: ". The
 * remembered header may be a relay's whose earlier message held no
 * record. */
static SLG_ALWAYS_INLINE int message_start_is_plain(const char *m, size_t n)
{
  /* The first bytes to look at: 1 never plain, 2 "stdout: "/"stderr: "
   * perhaps. One load: every header memo hit asks. */
  static const uint8_t look[256] = {
      [' '] = 1, ['\t'] = 1, ['#'] = 1, ['>'] = 1, ['['] = 1,
      ['0'] = 1, ['1'] = 1,  ['2'] = 1, ['3'] = 1, ['4'] = 1,
      ['5'] = 1, ['6'] = 1,  ['7'] = 1, ['8'] = 1, ['9'] = 1,
      ['s'] = 2};
  unsigned k = look[(unsigned char)*m];
  if (k == 0)
    return 1;
  if (k == 1)
    return 0;
  if (n <= 8)
    return 1;
  uint64_t w, out, err;
  memcpy(&w, m, 8);
  memcpy(&out, "stdout: ", 8);
  memcpy(&err, "stderr: ", 8);
  return w != out && w != err;
}

/* line[0, n) == m->bytes[0, n): a default header is about 40 bytes, so
 * 16 at a time (the last 16 overlapping) where SSE2 is there. */
static inline int header_eq(const char *line, const char *bytes, size_t n)
{
#if defined(__SSE2__)
  if (n >= 16) {
    size_t i = 0;
    for (; i + 16 < n; i += 16) {
      __m128i u = _mm_loadu_si128((const __m128i *)(const void *)(line + i));
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(bytes + i));
      if (_mm_movemask_epi8(_mm_cmpeq_epi8(u, v)) != 0xffff)
        return 0;
    }
    __m128i u =
        _mm_loadu_si128((const __m128i *)(const void *)(line + n - 16));
    __m128i v =
        _mm_loadu_si128((const __m128i *)(const void *)(bytes + n - 16));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(u, v)) == 0xffff;
  }
#endif
  return slg_mem_eq(line, bytes, n);
}

/* The parse of a line that starts with a remembered header. */
static int header_memo_hit(const slg_layout *l, const char *line, size_t len,
                           slg_record *out)
{
  for (int k = 0; k < 2; k++) {
    const header_memo *m = &l->headers[k];
    if (m->len && len > m->len && header_eq(line, m->bytes, m->len) &&
        message_start_is_plain(line + m->len, len - m->len)) {
      out->time = m->time;
      out->level = m->level;
      out->thread = slg_span_make(NULL, 0);
      out->logger = slg_span_make(line + m->logger_off, m->logger_len);
      out->message = slg_span_make(line + m->len, len - m->len);
      out->layout_id = m->layout_id;
      out->prefix_len = 0;
      SLG_FASTPATH_HIT(HEADER_MEMO);
      return 1;
    }
  }
  return 0;
}

/* Remembers the header of a record default_header read at the line's
 * start (pt->fast), when nothing in front of it or in its message made
 * the parse depend on more than the header bytes. */
static void header_memo_keep(slg_layout *l, const char *line,
                             const slg_record *r, const pat *pt)
{
  size_t hlen = (size_t)(r->message.ptr - line);
  if (!pt->fast || r->prefix_len != 0 || r->message.len == 0 ||
      r->message.ptr < line || hlen > HEADER_MEMO_BYTES ||
      !message_start_is_plain(r->message.ptr, r->message.len))
    return;
  header_memo *m = &l->headers[l->headers_next];
  l->headers_next ^= 1;
  memcpy(m->bytes, line, hlen);
  m->len = hlen;
  m->time = r->time;
  m->level = r->level;
  m->logger_off = (size_t)(r->logger.ptr - line);
  m->logger_len = r->logger.len;
  m->layout_id = r->layout_id;
}

static SLG_NOINLINE int parse_full(slg_layout *l, const char *line,
                                   size_t len, slg_record *out);

/* The user's layout first, then detection; a match that gave up at its
 * limit is said in the result (SLG_LAYOUT_LIMIT_HIT). */
static SLG_NOINLINE int parse_user(slg_layout *l, const char *line,
                                   size_t len, slg_record *out)
{
  int m = slg_pattern_match(l->user, line, len, out);
  if (m > 0) {
    out->layout_id = 0;
    return 1;
  }
  return parse_full(l, line, len, out) | (m < 0 ? SLG_LAYOUT_LIMIT_HIT : 0);
}

/* Most lines start with a header remembered from a line before: answered
 * here, in a function small enough to need no register saves (the full
 * parse's entry and exit cost more than the memo compare). */
int slg_layout_parse(slg_layout *l, const char *line, size_t len,
                     slg_record *out)
{
  out->relay = 0;
  if (l->user)
    return parse_user(l, line, len, out);
  if (!l->reference && header_memo_hit(l, line, len, out))
    return 1;
  return parse_full(l, line, len, out);
}

static SLG_NOINLINE int parse_full(slg_layout *l, const char *line,
                                   size_t len, slg_record *out)
{
  const char *end = line + len, *p = line;
  pat pt;

  p = skip_noise(p, end);
  if (p < end && *p == '\r')
    p = skip_noise(last_segment(p, end), end);
  /* Console progress bar glued in front: "[Stage 3:>  (0 + 4) / 5]24/..".
   */
  if (end - p > 7 && memcmp(p, "[Stage ", 7) == 0) {
    const char *q = memchr(p, ']', (size_t)(end - p));
    if (!q)
      return 0;
    p = q + 1;
    if (p < end && *p == '\r')
      p = last_segment(p, end);
    p = skip_noise(p, end);
  }
  if (p < end && *p == '{' && p + 1 < end && p[1] == '"') {
    if (!json_record(l, p, end, out, &pt))
      return 0;
  } else if (p >= end || !may_start((unsigned char)*p) ||
             !header(l, p, end, out, &pt)) {
    /* A timestamp added in front by a collector ("kubectl logs
     * --timestamps": "2024-08-13T15:12:49.123456789Z 24/08/13 ..."). */
    slg_time t0;
    pat scratch;
    const char *h = p;
    size_t n0;
    scratch.n = 0;
    scratch.overflow = 0;
    if (p < end && slg_is_digit((unsigned char)*p) &&
        (n0 = time_at(p, end, &t0, &scratch)) != 0) {
      h = p + n0;
      while (h < end && *h == ' ')
        h++;
      if (h < end && (slg_is_digit((unsigned char)*h) || *h == '[') &&
          header(l, h, end, out, &pt))
        p = h;
      else
        h = NULL;
    } else {
      h = NULL;
    }
    if (!h && !(p = glued(l, p, end, out, &pt)))
      return 0;
  } else {
    /* A relay's record holds another process's record (Airflow's task
     * log: "[2026-05-04, 00:06:07 UTC] {emr.py:86} INFO - 26/05/04 ...";
     * Livy: "... INFO LineBufferedStream: stdout: 20/03/13 ..."): the
     * inner one wins. Any other logger's message is data, whatever it
     * holds: a line forged in a message is not Spark's. The message's
     * first byte is looked at before the logger. */
    const char *m = out->message.ptr;
    const char *me = m + out->message.len;
    slg_record inner;
    pat ipt;
    m = skip_noise(m, me);
    if (me - m > 8 && (memcmp(m, "stdout: ", 8) == 0 ||
                       memcmp(m, "stderr: ", 8) == 0))
      m += 8;
    unsigned relay;
    if (m < me && (slg_is_digit((unsigned char)*m) || *m == '[') &&
        (relay = relay_of(l, out->logger)) != 0 &&
        header(l, m, me, &inner, &ipt)) {
      *out = inner;
      out->relay = (uint16_t)relay;
      pt = ipt;
      p = m;
    }
  }
  out->prefix_len = (size_t)(p - line);
  out->layout_id = register_layout(l, &pt);
  if (!l->user && !l->reference && p == line)
    header_memo_keep(l, line, out, &pt);
  return 1;
}

/* ------------------------------------------------------------ loggers */

/* Bytes slg_logger_short looks for: 1 ends the name (a location
 * "(line:54)", a space, ':' and the closing '}' or ']'), 2 is a dot. */
static const unsigned char short_class[256] = {
    [' '] = 1, ['('] = 1, [':'] = 1, ['}'] = 1, [']'] = 1, ['.'] = 2};

slg_span slg_logger_short(slg_span lg)
{
  if (!lg.len)
    return lg; /* no logger: ptr may be NULL, and NULL + 0 is UB */
  const char *p = lg.ptr, *e = lg.ptr + lg.len;
  while (p < e && (*p == '{' || *p == '[' || *p == ' '))
    p++;
  /* Cut at a location or anything that is not part of a class name:
   * "DAGScheduler(line:54)", "emr.py:86}", "TaskSetManager:". The name
   * starts after the last dot that has something after it (one pass,
   * remembering the last two dots). */
  const char *q = p, *dot = NULL, *dot2 = NULL;
  for (; q < e; q++) {
    unsigned k = short_class[(unsigned char)*q];
    if (k == 0)
      continue;
    if (k == 1)
      break;
    dot2 = dot;
    dot = q;
  }
  if (dot != NULL && dot + 1 == q)
    dot = dot2; /* "Foo." - a trailing dot does not start a name */
  if (dot != NULL)
    p = dot + 1;
  return slg_span_make(p, (size_t)(q - p));
}

/* ------------------------------------------------- parallel detectors */

uint32_t slg_layout_adopt(slg_layout *l, const slg_layout *from, uint32_t id)
{
  if (id >= from->count)
    return SLG_LAYOUT_OTHER;
  const layout_entry *e = &from->table[id];
  /* The user's pattern (len (size_t)-1) is layout 0 of every detector
   * made with it. */
  for (size_t i = 0; i < l->count; i++)
    if (l->table[i].len == e->len &&
        (e->len == (size_t)-1 || memcmp(l->table[i].key, e->key, e->len) == 0))
      return (uint32_t)i;
  if (l->count == SLG_MAX_LAYOUTS) {
    l->refused++;
    return SLG_LAYOUT_OTHER;
  }
  layout_entry *d = &l->table[l->count];
  d->hash = e->hash;
  d->len = e->len;
  d->key = slg_xstrndup(e->key, e->len);
  d->pattern = slg_xstrndup(e->pattern, strlen(e->pattern));
  return (uint32_t)l->count++;
}

uint64_t slg_layout_refused(const slg_layout *l)
{
  return l->refused;
}



int64_t slg_layout_first_time(slg_layout *l, const char *text, size_t len)
{
  const char *p = text, *end = text + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
      break; /* a line cut by the peek: not read */
    size_t n = (size_t)(nl - p);
    if (n && p[n - 1] == '\r')
      n--;
    slg_record rec;
    if ((slg_layout_parse(l, p, n, &rec) & 1) &&
        (rec.time.flags & SLG_TIME_HAS_TIME) &&
        (rec.time.flags & SLG_TIME_HAS_DATE))
      return slg_time_ms(&rec.time);
    p = nl + 1;
  }
  return -1;
}
