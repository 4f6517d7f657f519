/*
 * classify.c - continuation or unrecognised: the fate of non-record lines.
 *
 * A line the layout detector did not take as a record is a continuation
 * when it follows a record of the same file and either has a continuation
 * shape or lies in a block that the record opened. Shapes come from what
 * the JVM and Spark print after a log message:
 *
 *   \tat org.apache.spark.scheduler.DAGScheduler.runJob(DAGScheduler.scala:…)
 *   Caused by: java.io.IOException: Connection reset by peer
 *   	... 23 more
 *   org.apache.spark.shuffle.FetchFailedException: Failed to connect to …
 *   )                       <- the end of "FetchFailed(…, message=\n…\n)"
 *   Driver stacktrace:
 *
 * and blocks from messages that end in ':' ("Spark configuration:",
 * "Lost executor 1 on 10.0.0.5:" followed by the Kubernetes exit reason),
 * Python tracebacks and query plans. Everything else is unrecognised and
 * counted by class, so the report can say what it did not understand.
 */
#include "classify.h"

const char *slg_unrecognized_key(slg_unrecognized c)
{
  static const char *const keys[] = {
#define SLG_UNRECOGNIZED_KEY(name, key) key,
      SLG_UNRECOGNIZED_MAP(SLG_UNRECOGNIZED_KEY)
#undef SLG_UNRECOGNIZED_KEY
  };
  if ((unsigned)c >= SLG_UNRECOGNIZED_COUNT)
    return "other";
  return keys[c];
}

static int starts(const char *p, size_t n, const char *lit)
{
  size_t k = strlen(lit);
  return n >= k && memcmp(p, lit, k) == 0;
}

static int ends(const char *p, size_t n, const char *lit)
{
  size_t k = strlen(lit);
  return n >= k && memcmp(p + n - k, lit, k) == 0;
}

/* Trims trailing spaces, tabs and CRs. */
static size_t rtrim(const char *p, size_t n)
{
  while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
    n--;
  return n;
}


/* A dotted Java class name ending in Exception/Error/Throwable, followed
 * by ':' or the end of the line: "java.lang.OutOfMemoryError: Java heap
 * space", "org.apache.spark.SparkException: Job aborted ...". */
static int is_exception_head(const char *p, size_t n)
{
  size_t i = 0, dots = 0;
  while (i < n && (slg_is_alnum((unsigned char)p[i]) || p[i] == '_' ||
                   p[i] == '$' || p[i] == '.')) {
    if (p[i] == '.')
      dots++;
    i++;
  }
  if (dots == 0 || i == 0)
    return 0;
  if (i < n && p[i] != ':')
    return 0;
  return ends(p, i, "Exception") || ends(p, i, "Error") ||
         ends(p, i, "Throwable") || ends(p, i, "Failure");
}

/* "... 23 more", "... 5 common frames omitted" (logback). */
static int is_more_frames(const char *p, size_t n)
{
  if (!starts(p, n, "... "))
    return 0;
  p += 4, n -= 4;
  size_t i = 0;
  while (i < n && slg_is_digit((unsigned char)p[i]))
    i++;
  return i > 0;
}

/* The console progress bar "[Stage 7:=====>   (117 + 145) / 286]",
 * possibly several, separated by CRs; nothing else on the line. */
static int is_progress_bar(const char *p, size_t n)
{
  size_t i = 0;
  int bars = 0;
  while (i < n) {
    while (i < n && (p[i] == '\r' || p[i] == ' '))
      i++;
    if (i == n)
      break;
    if (!starts(p + i, n - i, "[Stage "))
      return 0;
    const char *close = memchr(p + i, ']', n - i);
    if (!close)
      return 0;
    i = (size_t)(close - p) + 1;
    bars++;
  }
  return bars > 0;
}

static int is_yarn_header(const char *p, size_t n)
{
  static const char *const heads[] = {
      "Container: ",   "LogType:",        "LogLength:",
      "Log Contents:", "LogContents:",    "Log Upload Time:",
      "LogLastModifiedTime:", "LogAggregationType:", "End of LogType:"};
  for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
    if (starts(p, n, heads[i]))
      return 1;
  return 0;
}

/* A rule of '=' or '*' (YARN separates containers with them); such lines
 * also underline headings in text files. */
static int is_rule(const char *p, size_t n)
{
  if (n < 3)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (p[i] != p[0] || (p[0] != '=' && p[0] != '*' && p[0] != '-'))
      return 0;
  return 1;
}

/* "$ spark-submit …", "user@host:~/dir$ ls", "[user@host dir]$ …",
 * ">>> df.count()", "scala> sc.parallelize…", "spark-sql> select 1;". */
static int is_shell_prompt(const char *p, size_t n)
{
  static const char *const prompts[] = {"$ ", ">>> ", "scala> ",
                                        "spark-sql> ", "sql> "};
  for (size_t k = 0; k < sizeof prompts / sizeof prompts[0]; k++)
    if (starts(p, n, prompts[k]))
      return 1;
  /* user@host:~/dir$ cmd, or [user@host dir]$ cmd: a '$' or '#' and a
   * space within the first word (or the bracketed first words). */
  size_t lim = n < 80 ? n : 80;
  const char *at = memchr(p, '@', lim);
  if (!at || at == p)
    return 0;
  int bracketed = p[0] == '[';
  for (size_t i = 1; i + 1 < lim; i++) {
    if ((p[i] == '$' || p[i] == '#') && p[i + 1] == ' ' &&
        (size_t)(at - p) < i)
      return 1;
    if (p[i] == ' ' && !bracketed)
      return 0;
    if (p[i] == ']')
      bracketed = 0;
  }
  return 0;
}

static int has_binary(const char *p, size_t n)
{
  size_t ctrl = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == 0)
      return 1;
    if (c < 0x20 && c != '\t' && c != '\r' && c != '\x1b')
      ctrl++;
  }
  return ctrl * 8 > n;
}

int slg_classify_line(slg_context *c, slg_span line)
{
  const char *p = line.ptr;
  size_t n = rtrim(p, line.len);

  if (n == 0)
    return SLG_UNRECOGNIZED_BLANK;
  if (has_binary(p, n))
    return SLG_UNRECOGNIZED_BINARY;

  /* Leading whitespace is the strongest continuation shape (frames,
   * "\t client token: N/A", indented plan lines, Python "  File ...").
   * Check it before the markers below, which are only meaningful at the
   * start of a line. */
  int indented = p[0] == ' ' || p[0] == '\t';
  size_t i = 0;
  while (i < n && (p[i] == ' ' || p[i] == '\t'))
    i++;
  const char *q = p + i;
  size_t m = n - i;

  if (!indented) {
    if (starts(q, m, "```") || starts(q, m, "~~~")) {
      c->has_record = 0; /* a code block ends: so does the record */
      c->block = 0;
      return SLG_UNRECOGNIZED_FENCE;
    }
    /* A Spark event log's line, written by EventLoggingListener:
     * {"Event":"SparkListenerLogStart","Spark Version":"3.5.1"}. */
    if (starts(q, m, "{\"Event\":\""))
      return SLG_UNRECOGNIZED_SPARK_EVENT;
    if (starts(q, m, "SLF4J:"))
      return SLG_UNRECOGNIZED_SLF4J;
    if (starts(q, m, "log4j:") || starts(q, m, "Using Spark's default log4j"))
      return SLG_UNRECOGNIZED_LOG4J_INTERNAL;
    if (is_yarn_header(q, m)) {
      c->has_record = 0;
      c->block = 0;
      return SLG_UNRECOGNIZED_YARN_HEADER;
    }
    if (is_shell_prompt(q, m)) {
      c->has_record = 0;
      c->block = 0;
      return SLG_UNRECOGNIZED_SHELL_PROMPT;
    }
  }
  if (is_progress_bar(q, m))
    return SLG_UNRECOGNIZED_PROGRESS_BAR;

  int shape = indented || starts(q, m, "at ") || starts(q, m, "Caused by:") ||
              starts(q, m, "Suppressed:") || is_more_frames(q, m) ||
              (m == 1 && q[0] == ')') || starts(q, m, "Driver stacktrace:") ||
              starts(q, m, "Exception in thread \"") ||
              starts(q, m, "Traceback (most recent call last):") ||
              starts(q, m, "== ") || is_exception_head(q, m);

  if (!c->has_record) {
    if (shape)
      return SLG_UNRECOGNIZED_ORPHAN;
    if (is_rule(q, m))
      return SLG_UNRECOGNIZED_YARN_HEADER;
    return slg_is_alpha((unsigned char)q[0]) || (unsigned char)q[0] >= 0x80
               ? SLG_UNRECOGNIZED_PROSE
               : SLG_UNRECOGNIZED_OTHER;
  }
  if (starts(q, m, "Traceback (most recent call last):") ||
      starts(q, m, "== "))
    c->block = 1; /* Python tracebacks end in an unindented error line;
                     plans have unindented operator lines */
  if (shape || c->block)
    return -1;
  if (is_rule(q, m))
    return SLG_UNRECOGNIZED_OTHER;
  return slg_is_alpha((unsigned char)q[0]) || (unsigned char)q[0] >= 0x80
             ? SLG_UNRECOGNIZED_PROSE
             : SLG_UNRECOGNIZED_OTHER;
}
