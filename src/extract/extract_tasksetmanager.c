/*
 * extract_tasksetmanager.c - TaskSetManager messages -> task events.
 *
 * These run once per task (millions of lines), so each wording is matched
 * with a literal prefix and a cursor, never a regex. Task ids are "I.A"
 * (index.attempt) in TaskSet "S.A" (stage.attempt). The bracketed detail
 * of "Starting task" changed in nearly every release (2.3 in the formats
 * doc): 1.6 "(TID 1, localhost, partition 0,PROCESS_LOCAL, 2135 bytes)",
 * 2.1 "(TID 0, host, executor 1, partition 0, NODE_LOCAL, 4892 bytes)",
 * 3.1 "(TID 0) (host, executor 1, ...) taskResourceAssignments Map()",
 * 4.0 "(TID 0) (host,executor 0, ...)"; it is read as comma-separated
 * fields recognised by their shape, so all of them parse the same way.
 */
#include "extract.h"
#include "fastpath.h"

/* "task 0.0 in stage 1.0 (TID 1" (the common head). Inline: the
 * Finished-task reader runs it for every such line. */
static inline int task_head(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "task ") ||
      !slg_cur_dotted_inline(c, &ev->index, &ev->task_attempt) ||
      !slg_cur_lit(c, " in stage ") ||
      !slg_cur_dotted_inline(c, &ev->stage, &ev->attempt) ||
      !slg_cur_lit(c, " (TID ") || !slg_cur_u64(c, &ev->tid))
    return 0;
  return 1;
}

static slg_locality locality_of(slg_span s)
{
  /* The length (and for 10, the first byte) leaves one name to compare,
   * instead of a loop over all five on every Starting-task line. */
#define LOC_IS(lit) slg_mem_eq(s.ptr, lit, sizeof(lit) - 1)
  switch (s.len) {
  case 13:
    return LOC_IS("PROCESS_LOCAL") ? SLG_LOC_PROCESS_LOCAL : SLG_LOC_OTHER;
  case 10:
    if (s.ptr[0] == 'N')
      return LOC_IS("NODE_LOCAL") ? SLG_LOC_NODE_LOCAL : SLG_LOC_OTHER;
    return LOC_IS("RACK_LOCAL") ? SLG_LOC_RACK_LOCAL : SLG_LOC_OTHER;
  case 7:
    return LOC_IS("NO_PREF") ? SLG_LOC_NO_PREF : SLG_LOC_OTHER;
  case 3:
    return LOC_IS("ANY") ? SLG_LOC_ANY : SLG_LOC_OTHER;
  default:
    return SLG_LOC_OTHER;
  }
#undef LOC_IS
}

/* One field of the Starting-task detail, classified by its shape. */
static void start_field(slg_span f, int first, slg_event *ev, int *bad)
{
  while (f.len > 0 && f.ptr[0] == ' ') {
    f.ptr++;
    f.len--;
  }
  f = slg_trim_right(f);
  if (f.len == 0)
    return;
  slg_cur c = slg_cur_make(f);
  /* The first byte decides which prefix can match at all. */
  char c0 = f.ptr[0];
  if (c0 == 'e' && slg_cur_lit(&c, "executor ")) {
    ev->exec = slg_span_between(c.p, c.end);
  } else if (c0 == 'p' && slg_cur_lit(&c, "partition ")) {
    if (slg_cur_u64(&c, &ev->partition))
      ev->flag |= 1;
  } else if (f.len > 6 && slg_span_eq(slg_span_make(f.ptr + f.len - 6, 6),
                                      " bytes")) {
    slg_cur_u64(&c, &ev->n);
  } else if (first) {
    ev->host = f;
  } else if (slg_is_upper((unsigned char)f.ptr[0])) {
    ev->locality = locality_of(f);
  }
  *bad |= c.bad;
}

/* "Starting task 0.0 in stage 1.0 (TID 1, ...)" in every version. */
static int starting(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Starting ") || !task_head(c, ev))
    return 0;
  if (!slg_cur_lit(c, ") (") && !slg_cur_lit(c, ", "))
    return 0;
  const char *close = slg_find_byte(c->p, c->end, ')');
  if (close == NULL)
    close = c->end;
  ev->kind = SLG_EV_TASK_START;
  ev->locality = SLG_LOC_OTHER;
  int first = 1;
  const char *f = c->p;
  while (f <= close) {
    const char *comma = slg_find_byte(f, close, ',');
    const char *fe = comma ? comma : close;
    start_field(slg_span_between(f, fe), first, ev, &c->bad);
    first = 0;
    if (comma == NULL)
      break;
    f = comma + 1;
  }
  return 1;
}

/* ---- the fixed shape of "Starting task" (fastpath TSM_FAST_START) ----
 *
 * Nearly half the lines of a big log are "Starting task I.A in stage S.A
 * (TID T) (host, executor E, partition P, LOCALITY, N bytes)" (3.x;
 * 2.1-3.0 "(TID T, host, ..."). starting() splits the detail at commas and
 * classifies each field by its shape, which every version needs; the fast
 * reader reads exactly this shape left to right, in one pass with no
 * field splitting and numbers of at most 15 digits; anything else
 * (another version's detail, a space in a name, a long number) returns 0
 * and starting() decides. On every line it accepts it fills the event
 * starting() would (test_extract.c and fuzz_extract compare), and in
 * reference mode it is not called (the model's route runs
 * slg_extract_tasksetmanager_general). It walks a local pointer rather
 * than an slg_cur (docs/performance.md, "Twins that remain"). "Finished task" has no such twin: finished()
 * reads it inline. */

/* 1..15 digits (so below SLG_EXTRACT_MAX): the value and the address of
 * the byte after them, or NULL. The caller knows the input's last byte is
 * not a digit, so every run of digits ends before `end`: no bounds check
 * per digit. (docs/performance.md lists the conversions tried.) */
static inline const char *fast_digits(const char *p, const char *end,
                                      uint64_t *out)
{
  if (p >= end)
    return NULL;
  const char *s = p;
  uint64_t v = 0;
  /* 64-bit: no widening of each digit before the add. */
  uint64_t dg;
  while ((dg = (uint64_t)(unsigned char)*p - '0') <= 9) {
    v = v * 10 + dg;
    p++;
  }
  /* 1..15 digits in one unsigned compare: none wraps to SIZE_MAX. */
  if ((size_t)(p - s) - 1 >= 15)
    return NULL;
  *out = v;
  return p;
}
/* The message ends in a byte that is not a digit: fast_digits may read
 * it. (Every fixed shape ends with ')'.) */
static inline int ends_in_non_digit(const char *p, const char *end)
{
  return end > p && (unsigned)((unsigned char)end[-1] - '0') > 9;
}
/* A name ended by ',': no blank, CR or ')' in it (those need the general
 * parser's trimming and bracket rules). Returns the ',' or NULL. */
static inline const char *fast_token(const char *p, const char *end)
{
  const char *s = p;
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), blank = _mm_set1_epi8(' ');
  const __m128i close = _mm_set1_epi8(')'), cr = _mm_set1_epi8('\r');
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, blank)),
        _mm_or_si128(_mm_cmpeq_epi8(v, close), _mm_cmpeq_epi8(v, cr)));
    unsigned m = (unsigned)_mm_movemask_epi8(hit);
    if (m) {
      p += __builtin_ctz(m);
      return (p > s && *p == ',') ? p : NULL;
    }
    p += 16;
  }
#endif
  while (p < end && *p != ',' && *p != ' ' && *p != ')' && *p != '\r')
    p++;
  return (p > s && p < end && *p == ',') ? p : NULL;
}

/* locality_of(s..q) without a branch on the name, which a log of mixed
 * localities mispredicts on every Starting line: (length ^ first byte) & 7
 * picks the one name it can be, and one 16-byte compare of the first
 * `length` bytes and the length decide. Needs 16 readable bytes at s. */
static inline slg_locality fast_locality(const char *s, const char *q,
                                         const char *end)
{
#if defined(__SSE2__)
  if (end - s >= 16 && q - s <= 16) {
    static const struct {
      char name[16];
      uint8_t len, loc;
    } tab[8] = {
        [(10 ^ 'R') & 7] = {"RACK_LOCAL", 10, SLG_LOC_RACK_LOCAL},
        [(7 ^ 'N') & 7] = {"NO_PREF", 7, SLG_LOC_NO_PREF},
        [(3 ^ 'A') & 7] = {"ANY", 3, SLG_LOC_ANY},
        [(10 ^ 'N') & 7] = {"NODE_LOCAL", 10, SLG_LOC_NODE_LOCAL},
        [(13 ^ 'P') & 7] = {"PROCESS_LOCAL", 13, SLG_LOC_PROCESS_LOCAL},
    };
    size_t len = (size_t)(q - s);
    unsigned h = ((unsigned)len ^ (unsigned char)s[0]) & 7;
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i t = _mm_loadu_si128((const __m128i *)(const void *)tab[h].name);
    unsigned eq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, t));
    unsigned want = (1u << len) - 1; /* the first len bytes */
    return (eq & want) == want && tab[h].len == len ? (slg_locality)tab[h].loc
                                                    : SLG_LOC_OTHER;
  }
#endif
  (void)end;
  return locality_of(slg_span_between(s, q));
}

/* slg_cur_lit on a local pointer. */
#define FAST_LIT(p, end, lit) slg_litn(&(p), (end), ("" lit), sizeof(lit) - 1)

/* "task I.A in stage S.A (TID T" with fast numbers; returns the byte
 * after T or NULL. The message must end in a non-digit. */
static inline const char *fast_task_head(const char *p, const char *end,
                                         slg_event *ev)
{
  if (!FAST_LIT(p, end, "task ") || !(p = fast_digits(p, end, &ev->index)) ||
      !FAST_LIT(p, end, ".") ||
      !(p = fast_digits(p, end, &ev->task_attempt)) ||
      !FAST_LIT(p, end, " in stage ") ||
      !(p = fast_digits(p, end, &ev->stage)) || !FAST_LIT(p, end, ".") ||
      !(p = fast_digits(p, end, &ev->attempt)) ||
      !FAST_LIT(p, end, " (TID ") || !(p = fast_digits(p, end, &ev->tid)))
    return NULL;
  return p;
}

static inline int fast_start(slg_span msg, slg_event *ev)
{
  const char *p = msg.ptr, *end = msg.ptr + msg.len, *q;
  slg_event_clear_inline(ev);
  if (!ends_in_non_digit(p, end) || !FAST_LIT(p, end, "Starting ") ||
      !(p = fast_task_head(p, end, ev)))
    return 0;
  if (!FAST_LIT(p, end, ") (") && !FAST_LIT(p, end, ", "))
    return 0;
  const char *host = p;
  if (!(q = fast_token(p, end)))
    return 0;
  ev->host = slg_span_between(host, q);
  p = q;
  if (!FAST_LIT(p, end, ", executor "))
    return 0;
  const char *exec = p;
  if (!(q = fast_token(p, end)))
    return 0;
  ev->exec = slg_span_between(exec, q);
  p = q;
  if (!FAST_LIT(p, end, ", partition ") ||
      !(p = fast_digits(p, end, &ev->partition)) || !FAST_LIT(p, end, ", "))
    return 0;
  const char *loc = p;
  if (!slg_is_upper((unsigned char)*p) || !(q = fast_token(p, end)))
    return 0;
  ev->locality = fast_locality(loc, q, end);
  p = q;
  if (!FAST_LIT(p, end, ", ") || !(p = fast_digits(p, end, &ev->n)) ||
      !FAST_LIT(p, end, " bytes)"))
    return 0;
  ev->kind = SLG_EV_TASK_START;
  ev->flag = 1;
  return 1;
}

/* "Finished task ..." as finished() reads it, with fast numbers (fastpath
 * TSM_FAST_END): the same event wherever it returns 1. The message must
 * end in a non-digit (every Finished line ends in ')'); a line that does
 * not goes to finished(). */
static inline int fast_end(slg_span msg, slg_event *ev)
{
  const char *p = msg.ptr, *end = msg.ptr + msg.len;
  uint64_t ms;
  slg_event_clear_inline(ev);
  if (!ends_in_non_digit(p, end) || !FAST_LIT(p, end, "Finished ") ||
      !(p = fast_task_head(p, end, ev)) || !FAST_LIT(p, end, ") in ") ||
      !(p = fast_digits(p, end, &ms)) || !FAST_LIT(p, end, " ms on "))
    return 0;
  ev->kind = SLG_EV_TASK_END;
  ev->ms = (double)ms;
  const char *sp = slg_find_byte(p, end, ' ');
  ev->host = slg_span_between(p, sp ? sp : end);
  if (sp != NULL) {
    p = sp + 1;
    if (FAST_LIT(p, end, "(executor ")) {
      const char *cl = slg_find_byte(p, end, ')');
      if (cl != NULL)
        ev->exec = slg_span_between(p, cl);
    }
  }
  return 1;
}

#undef FAST_LIT

int slg_extract_tsm_fast_start(slg_span msg, slg_event *ev)
{
  return fast_start(msg, ev);
}

int slg_extract_tsm_fast_end(slg_span msg, slg_event *ev)
{
  return fast_end(msg, ev);
}

/* "Finished task 0.0 in stage 0.0 (TID 0) in 4029 ms on localhost (1/1)"
 * (1.6-2.0) and "... on 172.19.0.4 (executor 0) (1/1)" (2.1+). The one
 * reader of these lines, inlined into slg_extract_tasksetmanager. */
static inline int finished(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Finished ") || !task_head(c, ev) ||
      !slg_cur_lit(c, ") in "))
    return 0;
  uint64_t ms;
  if (!slg_cur_u64(c, &ms) || !slg_cur_lit(c, " ms on "))
    return 0;
  ev->kind = SLG_EV_TASK_END;
  ev->ms = (double)ms;
  const char *sp = slg_find_byte(c->p, c->end, ' ');
  ev->host = slg_span_between(c->p, sp ? sp : c->end);
  if (sp != NULL) {
    c->p = sp + 1;
    if (slg_cur_lit(c, "(executor ")) {
      const char *cl = slg_find_byte(c->p, c->end, ')');
      if (cl != NULL)
        ev->exec = slg_span_between(c->p, cl);
    }
  }
  return 1;
}

/* The kind of a TaskEndReason.toErrorString: "FetchFailed(...)",
 * "ExecutorLostFailure (...)", "TaskKilled (...)", ..., or the exception
 * class of an ExceptionFailure ("java.lang.RuntimeException: boom",
 * duplicates "java.lang.X (msg) [duplicate 1]"). */
static void reason_kind(slg_cur *c, slg_span r, slg_event *ev)
{
  static const char *const fixed[] = {
      "FetchFailed",   "ExecutorLostFailure", "TaskKilled",
      "TaskResultLost", "TaskCommitDenied",   "Resubmitted",
      "UnknownReason"};
  ev->str2 = r;
  for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
    size_t n = strlen(fixed[i]);
    if (r.len >= n && memcmp(r.ptr, fixed[i], n) == 0 &&
        (r.len == n || r.ptr[n] == ' ' || r.ptr[n] == '(')) {
      ev->str = slg_span_make(r.ptr, n);
      if (i == 0) {
        /* FetchFailed(BlockManagerId(..), shuffleId=2, mapIndex=.. */
        const char *s = slg_find(r.ptr, r.ptr + r.len, "shuffleId=");
        if (s != NULL) {
          slg_cur d = slg_cur_make(slg_span_between(s + 10, r.ptr + r.len));
          if (slg_cur_u64(&d, &ev->shuffle))
            ev->flag |= 2;
          c->bad |= d.bad;
        }
      }
      return;
    }
  }
  size_t k = 0;
  while (k < r.len && r.ptr[k] != ':' && r.ptr[k] != ' ' && r.ptr[k] != '(')
    k++;
  ev->str = slg_span_make(r.ptr, k);
}

/* "Lost task 0.3 in stage 2.0 (TID 9) (10.0.0.7 executor 2): reason"
 * (3.1+), "(TID 9, host, executor 2): reason" (2.1-3.0), "(TID 9, host):
 * reason" (1.x); duplicates "(TID 5) on h, executor 2: X (msg) [duplicate
 * 1]" (2.1+) and "(TID 5) on executor h: X (msg) [duplicate 1]" (1.6). */
static int lost(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Lost ") || !task_head(c, ev))
    return 0;
  const char *colon = slg_find(c->p, c->end, ": ");
  if (colon == NULL)
    return 0;
  ev->kind = SLG_EV_TASK_LOST;
  slg_span detail = slg_span_between(c->p, colon);
  slg_cur d = slg_cur_make(detail);
  if (slg_cur_lit(&d, ") on executor ")) {
    ev->host = slg_span_between(d.p, d.end);
  } else if (slg_cur_lit(&d, ") on ") || slg_cur_lit(&d, ") (") ||
             slg_cur_lit(&d, ", ")) {
    const char *ex = slg_find(d.p, d.end, "executor ");
    const char *he = ex ? ex : d.end;
    while (he > d.p && (he[-1] == ' ' || he[-1] == ',' || he[-1] == ')'))
      he--;
    ev->host = slg_span_between(d.p, he);
    if (ex != NULL) {
      const char *xe = d.end;
      while (xe > ex && xe[-1] == ')')
        xe--;
      ev->exec = slg_span_between(ex + 9, xe);
    }
  }
  slg_span r = slg_span_between(colon + 2, c->end);
  /* "... [duplicate 3]" */
  if (r.len > 0 && r.ptr[r.len - 1] == ']') {
    const char *b = slg_rfind(r.ptr, r.ptr + r.len, " [duplicate ");
    if (b != NULL) {
      slg_cur e = slg_cur_make(slg_span_between(b + 12, r.ptr + r.len));
      if (slg_cur_u64(&e, &ev->n) && ev->n == 0)
        ev->n = 1;
      c->bad |= e.bad;
    }
  }
  reason_kind(c, r, ev);
  return 1;
}

/* "Task 0 in stage 2.0 failed 4 times; aborting job". */
static int aborting(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Task ") || !slg_cur_u64(c, &ev->index) ||
      !slg_cur_lit(c, " in stage ") ||
      !slg_cur_dotted(c, &ev->stage, &ev->attempt) ||
      !slg_cur_lit(c, " failed ") || !slg_cur_u64(c, &ev->n) ||
      !slg_cur_lit(c, " times; aborting job"))
    return 0;
  ev->kind = SLG_EV_TASK_ABORT;
  return 1;
}

/* "Marking task 3 in stage 1.0 (on h) as speculatable because it ran more
 * than 1500 ms" (+ "(2 speculatable tasks in this taskset now)" 3.0+,
 * "1500.0 ms(2speculatable" 4.0: nothing after the prefix is needed). */
static int speculatable(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "Marking task ") || !slg_cur_u64(c, &ev->index) ||
      !slg_cur_lit(c, " in stage ") ||
      !slg_cur_dotted(c, &ev->stage, &ev->attempt))
    return 0;
  if (!slg_find(c->p, c->end, " as speculatable"))
    return 0;
  ev->kind = SLG_EV_TASK_SPECULATABLE;
  return 1;
}

/* "Killing attempt 0 for task 3.0 in stage 1.0 (TID 40) on h1 as the
 * attempt 1 succeeded on h2". */
static int killing(slg_cur *c, slg_event *ev)
{
  uint64_t a;
  if (!slg_cur_lit(c, "Killing attempt ") || !slg_cur_u64(c, &a) ||
      !slg_cur_lit(c, " for ") || !task_head(c, ev))
    return 0;
  ev->kind = SLG_EV_TASK_KILL_ATTEMPT;
  return 1;
}

static inline int extract(slg_span msg, slg_event *out)
{
  int bad = 0;
  int ok = 0;
  msg = slg_trim_right(msg);
  if (msg.len < 10) {
    slg_event_clear(out);
    return SLG_EXTRACT_NONE;
  }
  /* One wording per first byte; each case calls its parser directly
   * and clears the event once. */
  switch (msg.ptr[0]) {
  case 'S':
    ok = slg_try_alt_inline(starting, msg, out, &bad);
    break;
  case 'F':
    ok = slg_try_alt_inline(finished, msg, out, &bad);
    break;
  case 'L':
    ok = slg_try_alt(lost, msg, out, &bad);
    break;
  case 'T':
    ok = slg_try_alt(aborting, msg, out, &bad);
    break;
  case 'M':
    ok = slg_try_alt(speculatable, msg, out, &bad);
    break;
  case 'K':
    ok = slg_try_alt(killing, msg, out, &bad);
    break;
  default:
    slg_event_clear(out);
    break;
  }
  if (!ok)
    return SLG_EXTRACT_NONE;
  return bad ? SLG_EXTRACT_REJECTED : SLG_EXTRACT_OK;
}

/* Every wording by its general parser (test_extract.c and fuzz_extract
 * compare the fast readers with it). Out of line: slg_extract_tasksetmanager
 * falls back to it only for the rare lines. */
SLG_NOINLINE int slg_extract_tasksetmanager_general(slg_span msg,
                                                    slg_event *out)
{
  return extract(msg, out);
}

/* The task lines first, in a function with little to save on entry:
 * "Starting task" of the fixed shape and every "Finished task" inline;
 * every other wording (and a Starting line the fast reader refuses) goes
 * to the general parsers, out of line. */
int slg_extract_tasksetmanager(slg_span msg, slg_event *out)
{
  msg = slg_trim_right(msg);
  if (msg.len >= 10) {
    if (msg.ptr[0] == 'S' && fast_start(msg, out)) {
      SLG_FASTPATH_HIT(TSM_FAST_START);
      return SLG_EXTRACT_OK;
    }
    if (msg.ptr[0] == 'F' && fast_end(msg, out)) {
      SLG_FASTPATH_HIT(TSM_FAST_END);
      return SLG_EXTRACT_OK;
    }
  }
  return slg_extract_tasksetmanager_general(msg, out);
}
