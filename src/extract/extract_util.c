/*
 * extract_util.c - the small cursor parsers the extract_*.c files share:
 * stage references ("ShuffleMapStage 3", pre-1.4 "Stage 3"), TaskSet and
 * task ids ("3.1"), stage and id lists (List/Set/HashSet bodies) and the
 * logged durations of every version ("1.353 s", "1,543 s" under a comma
 * locale, "118 ms", "1.0234567E7 ms", "Unknown").
 */
#include "extract.h"

#include <math.h>

void slg_event_clear(slg_event *ev)
{
  slg_event_clear_inline(ev);
}

static int same_span(slg_span a, slg_span b)
{
  return a.ptr == b.ptr && a.len == b.len;
}

int slg_event_equal(const slg_event *a, const slg_event *b)
{
  return a->kind == b->kind && a->stage_kind == b->stage_kind &&
         a->locality == b->locality && a->flag == b->flag &&
         a->job == b->job && a->stage == b->stage &&
         a->attempt == b->attempt && a->stage2 == b->stage2 &&
         a->index == b->index && a->task_attempt == b->task_attempt &&
         a->tid == b->tid && a->partition == b->partition &&
         a->shuffle == b->shuffle && a->n == b->n && a->n2 == b->n2 &&
         a->n3 == b->n3 && a->ms == b->ms && same_span(a->str, b->str) &&
         same_span(a->str2, b->str2) && same_span(a->host, b->host) &&
         same_span(a->exec, b->exec);
}

const char *slg_find(const char *p, const char *end, const char *lit)
{
  size_t n = strlen(lit);
  if (n == 0)
    return p;
  while ((size_t)(end - p) >= n) {
    const char *q = memchr(p, lit[0], (size_t)(end - p) - n + 1);
    if (q == NULL)
      return NULL;
    if (memcmp(q, lit, n) == 0)
      return q;
    p = q + 1;
  }
  return NULL;
}

const char *slg_rfind(const char *p, const char *end, const char *lit)
{
  size_t n = strlen(lit);
  if ((size_t)(end - p) < n)
    return NULL;
  for (const char *q = end - n;; q--) {
    if (memcmp(q, lit, n) == 0)
      return q;
    if (q == p)
      return NULL;
  }
}

int slg_cur_stage(slg_cur *c, slg_stage_kind *kind, uint64_t *id)
{
  const char *save = c->p;
  if (slg_cur_lit(c, "ShuffleMapStage "))
    *kind = SLG_STAGE_SHUFFLE_MAP;
  else if (slg_cur_lit(c, "ResultStage "))
    *kind = SLG_STAGE_RESULT;
  else if (slg_cur_lit(c, "Stage "))
    *kind = SLG_STAGE_UNKNOWN;
  else
    return 0;
  if (!slg_cur_u64(c, id)) {
    c->p = save;
    return 0;
  }
  return 1;
}

int slg_cur_dotted(slg_cur *c, uint64_t *a, uint64_t *b)
{
  return slg_cur_dotted_inline(c, a, b);
}

int slg_stage_list_next(const char **p, const char *end,
                        slg_stage_kind *kind, uint64_t *id)
{
  slg_cur c;
  c.p = *p;
  c.end = end;
  c.bad = 0;
  for (;;) {
    while (c.p < end && (*c.p == ',' || *c.p == ' '))
      c.p++;
    if (c.p >= end)
      break;
    if (slg_cur_stage(&c, kind, id)) {
      *p = c.p;
      if (c.bad)
        return -1;
      return 1;
    }
    /* Not a stage reference: skip to the next element. */
    while (c.p < end && *c.p != ',')
      c.p++;
  }
  *p = end;
  return 0;
}

int slg_id_list_next(const char **p, const char *end, uint64_t *id)
{
  const char *q = *p;
  while (q < end && !slg_is_digit((unsigned char)*q))
    q++;
  if (q >= end) {
    *p = end;
    return 0;
  }
  int r = slg_parse_u64(&q, end, SLG_EXTRACT_MAX, id);
  *p = q;
  return r < 0 ? -1 : 1;
}

int slg_parse_duration(const char **p, const char *end, double *ms)
{
  const char *q = *p;
  double v = 0;
  if ((size_t)(end - q) >= 7 && memcmp(q, "Unknown", 7) == 0) {
    q += 7;
    v = -1;
  } else {
    int digits = 0;
    while (q < end && slg_is_digit((unsigned char)*q)) {
      v = v * 10 + (*q - '0');
      q++;
      digits++;
    }
    if (q + 1 < end && (*q == '.' || *q == ',') &&
        slg_is_digit((unsigned char)q[1])) {
      double scale = 0.1;
      q++;
      while (q < end && slg_is_digit((unsigned char)*q)) {
        v += (*q - '0') * scale;
        scale /= 10;
        q++;
        digits++;
      }
    }
    if (digits == 0)
      return 0;
    /* Java's Double.toString switches to "1.0234567E7" at 10^7. */
    if (q < end && (*q == 'E' || *q == 'e')) {
      const char *r = q + 1;
      int neg = 0;
      uint64_t e = 0;
      if (r < end && *r == '-') {
        neg = 1;
        r++;
      }
      if (slg_parse_u64(&r, end, 400, &e) == 1) {
        v *= pow(10.0, neg ? -(double)e : (double)e);
        q = r;
      }
    }
  }
  while (q < end && *q == ' ')
    q++;
  if ((size_t)(end - q) >= 2 && q[0] == 'm' && q[1] == 's') {
    q += 2;
  } else if (q < end && *q == 's') {
    q++;
    if (v > 0)
      v *= 1000.0;
  } else {
    return 0;
  }
  *ms = v;
  *p = q;
  return 1;
}

int slg_try_alt(slg_extract_alt fn, slg_span msg, slg_event *out, int *bad)
{
  return slg_try_alt_inline(fn, msg, out, bad);
}

const char *slg_stage_kind_name(slg_stage_kind k)
{
  switch (k) {
  case SLG_STAGE_SHUFFLE_MAP:
    return "ShuffleMapStage";
  case SLG_STAGE_RESULT:
    return "ResultStage";
  default:
    return "unknown";
  }
}

const char *slg_locality_name(slg_locality l)
{
  static const char *const n[] = {"PROCESS_LOCAL", "NODE_LOCAL", "NO_PREF",
                                  "RACK_LOCAL",    "ANY",        "other"};
  return (unsigned)l < SLG_LOC_COUNT ? n[l] : "other";
}

const char *slg_resubmit_name(slg_resubmit r)
{
  static const char *const n[] = {"none",          "fetch_failure",
                                  "failed_tasks",  "executor_lost",
                                  "barrier",       "other"};
  return (unsigned)r < 6 ? n[r] : "other";
}
