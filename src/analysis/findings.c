/*
 * findings.c - the findings as a person reads them: once per cause.
 *
 * A log of a streaming job or a loop of small queries repeats the same
 * stage shape many times, and each stage raised its own finding: seven
 * identical TINY_TASKS warnings for 0.2 s stages of a 35 s run, thirteen
 * copies of one TASK_FAILURES paragraph. Here findings of one application,
 * kind, severity, cause (slg_finding.cause) and fix become one finding
 * listing its stages. The mechanism knows no finding kind: any kind,
 * present or added later, groups when its fix text is the same, so a kind
 * whose fix names the stage never merges by mistake.
 *
 * A performance finding is worth reading only when its stages cost
 * something: one whose stages' task time is under max(1 s, 1% of the
 * application's task time) is left out (counted). Failure findings are
 * never left out, whatever they cost: a failed task is news at any size.
 *
 * The allow list (--allow, `allow = ...`) runs first: a finding the user
 * accepted leaves the findings (so it gates nothing) and is kept, grouped
 * the same way, for the report to say what was suppressed.
 */
#include "findings.h"

#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>

#include "fixes.h"
#include "model_types.h"
#include "platform.h"

void slg_finding_dispose(slg_finding *f)
{
  free(f->message);
  free(f->suggestion);
  free(f->cause);
  free(f->stages);
  for (size_t e = 0; e < f->nevidence; e++)
    free(f->evidence[e].str);
  memset(f, 0, sizeof *f);
}

/* ------------------------------------------------------------ allow */

/* The application a finding is on as the reports number it (from 1), and
 * as an index into slg_model_apps(); -1 / SIZE_MAX when none. The one
 * place that knows slg_finding.app counts from 0. */
static int64_t app_seq(const slg_finding *f)
{
  return f->app >= 0 ? f->app + 1 : -1;
}

static size_t app_index(const slg_finding *f)
{
  return f->app >= 0 ? (size_t)f->app : SIZE_MAX;
}

static int kind_by_name(const char *s, size_t n)
{
  for (int k = 0; k < SLG_FINDING_COUNT; k++) {
    const char *id = slg_finding_id((slg_finding_kind)k);
    size_t i = 0;
    for (; i < n && id[i]; i++) {
      char c = s[i];
      if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
      if (c == '-')
        c = '_';
      if (c != id[i])
        break;
    }
    if (i == n && id[i] == '\0')
      return k;
  }
  return -1;
}

/* A decimal of at most 9 digits at *p; -1 when none. */
static int64_t small_number(const char **p, const char *end)
{
  int64_t v = 0;
  int digits = 0;
  while (*p < end && slg_is_digit((unsigned char)**p) && digits < 10) {
    v = v * 10 + (**p - '0');
    (*p)++;
    digits++;
  }
  return digits && digits < 10 ? v : -1;
}

int slg_allow_parse(slg_allow *out, const char *s, size_t len, char *err)
{
  const char *p = s, *end = s + len;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  const char *at = memchr(p, '@', (size_t)(end - p));
  const char *ide = at ? at : end;
  out->kind = kind_by_name(p, (size_t)(ide - p));
  out->app = out->stage = out->attempt = -1;
  if (out->kind < 0) {
    snprintf(err, 256, "allow: unknown finding id '%.*s' (see the "
                       "FINDINGS section of sparklog(1))",
             (int)((ide - p) > 40 ? 40 : (ide - p)), p);
    return SLG_ECONFIG;
  }
  if (!at)
    return 0;
  p = at + 1;
  out->app = small_number(&p, end);
  if (out->app >= 1 && p < end && *p == '/') {
    p++;
    out->stage = small_number(&p, end);
    if (out->stage >= 0 && p < end && *p == '.') {
      p++;
      out->attempt = small_number(&p, end);
      if (out->attempt < 0)
        out->stage = -1; /* reported below */
    }
  }
  if (out->app < 1 || p != end || (at + 1 < end && out->stage < 0 &&
                                   memchr(at, '/', (size_t)(end - at)))) {
    snprintf(err, 256, "allow: expected ID[@APP[/STAGE[.ATTEMPT]]] with "
                       "APP from 1, e.g. SKEW@1/3, got '%.*s'",
             (int)(len > 60 ? 60 : len), s);
    return SLG_ECONFIG;
  }
  return 0;
}

void slg_allow_format(const slg_allow *a, slg_buf *out)
{
  slg_buf_puts(out, slg_finding_id((slg_finding_kind)a->kind));
  if (a->app >= 1) {
    slg_buf_printf(out, "@%lld", (long long)a->app);
    if (a->stage >= 0) {
      slg_buf_printf(out, "/%lld", (long long)a->stage);
      if (a->attempt >= 0)
        slg_buf_printf(out, ".%lld", (long long)a->attempt);
    }
  }
}

void slg_finding_ref(const slg_finding *f, slg_buf *out)
{
  slg_allow a = {(int)f->kind, app_seq(f), -1, -1};
  if (a.app >= 1 && f->stage >= 0) {
    a.stage = f->stage;
    a.attempt = f->attempt >= 0 ? f->attempt : -1;
  }
  slg_allow_format(&a, out);
}

static int allowed(const slg_allow *w, const slg_finding *f)
{
  if (w->kind != (int)f->kind)
    return 0;
  if (w->app >= 1 && app_seq(f) != w->app)
    return 0;
  if (w->stage >= 0 && f->stage != w->stage)
    return 0;
  if (w->attempt >= 0 && f->attempt != w->attempt)
    return 0;
  return 1;
}

void slg_finding_stages_text(const slg_finding *f, size_t max, slg_buf *out)
{
  if (f->nstages == 0)
    return;
  slg_buf_puts(out, f->nstages == 1 ? "stage " : "stages ");
  size_t shown = f->nstages < max ? f->nstages : max;
  for (size_t i = 0; i < shown; i++)
    slg_buf_printf(out, "%s%lld.%lld", i ? ", " : "",
                   (long long)f->stages[i].stage,
                   (long long)(f->stages[i].attempt >= 0
                                   ? f->stages[i].attempt
                                   : 0));
  if (shown < f->nstages)
    slg_buf_printf(out, " (+%zu more)", f->nstages - shown);
}

void slg_suppressed_sentence(const slg_analysis *a, int kind, slg_buf *out)
{
  size_t n = 0;
  for (size_t i = 0; i < a->nsuppressed; i++)
    n += kind < 0 || (int)a->suppressed[i].kind == kind;
  if (!n)
    return;
  slg_buf_printf(out, "%zu finding%s suppressed by the allow list: ", n,
                 n == 1 ? "" : "s");
  const char *sep = "";
  for (size_t i = 0; i < a->nsuppressed; i++) {
    const slg_finding *f = &a->suppressed[i];
    if (kind >= 0 && (int)f->kind != kind)
      continue;
    slg_buf_puts(out, sep);
    slg_finding_ref(f, out);
    if (f->nstages > 1)
      slg_buf_printf(out, " (%zu stages)", f->nstages);
    sep = ", ";
  }
  slg_buf_puts(out, ".");
}

/* ------------------------------------------------------------ grouping */

static int str_cmp(const char *x, const char *y)
{
  if (!x || !y)
    return x ? 1 : y ? -1 : 0;
  return strcmp(x, y);
}

/* Same application, kind, severity, cause and fix: one finding. Only
 * findings on a stage group; an application-wide one stands alone. */
static int by_cause(const void *x, const void *y)
{
  const slg_finding *a = *(const slg_finding *const *)x;
  const slg_finding *b = *(const slg_finding *const *)y;
  if (a->app != b->app)
    return a->app < b->app ? -1 : 1;
  if (a->kind != b->kind)
    return (int)a->kind - (int)b->kind;
  if (a->severity != b->severity)
    return (int)a->severity - (int)b->severity;
  if ((a->stage < 0) != (b->stage < 0))
    return a->stage < 0 ? -1 : 1;
  int c = str_cmp(a->cause, b->cause);
  if (c == 0)
    c = str_cmp(a->suggestion, b->suggestion);
  if (c != 0)
    return c;
  if (a->stage != b->stage)
    return a->stage < b->stage ? -1 : 1;
  if (a->attempt != b->attempt)
    return a->attempt < b->attempt ? -1 : 1;
  return a < b ? -1 : a > b;
}

static int same_cause(const slg_finding *a, const slg_finding *b)
{
  return a->app == b->app && a->kind == b->kind &&
         a->severity == b->severity && a->stage >= 0 && b->stage >= 0 &&
         str_cmp(a->cause, b->cause) == 0 &&
         str_cmp(a->suggestion, b->suggestion) == 0;
}

static int by_pos(const void *x, const void *y)
{
  const slg_pos *a = x, *b = y;
  if (a->file != b->file)
    return a->file < b->file ? -1 : 1;
  return a->line < b->line ? -1 : a->line > b->line;
}

/* Folds members [1, n) of a run into its lead g[0]: their stages, and
 * their evidence lines taken in turn (the first line of each stage before
 * any second one), so every stage can be looked up. */
static void fold(slg_finding **g, size_t n)
{
  if (n == 0)
    return; /* not on a stage */
  slg_finding *lead = g[0];
  lead->stages = slg_xrealloc(lead->stages, n * sizeof *lead->stages);
  lead->nstages = n;
  slg_pos lines[SLG_MAX_EVIDENCE];
  size_t nlines = 0;
  for (size_t round = 0; round < SLG_MAX_EVIDENCE && nlines < SLG_MAX_EVIDENCE;
       round++) {
    int any = 0;
    for (size_t i = 0; i < n && nlines < SLG_MAX_EVIDENCE; i++)
      if (round < g[i]->nlines) {
        lines[nlines++] = g[i]->lines[round];
        any = 1;
      }
    if (!any)
      break;
  }
  for (size_t i = 0; i < n; i++) {
    lead->stages[i].stage = g[i]->stage;
    lead->stages[i].attempt = g[i]->attempt;
  }
  if (nlines)
    qsort(lines, nlines, sizeof *lines, by_pos);
  memcpy(lead->lines, lines, nlines * sizeof *lines);
  lead->nlines = nlines;
  if (lead->job >= 0)
    for (size_t i = 1; i < n; i++)
      if (g[i]->job != lead->job)
        lead->job = -1; /* several jobs: none is the finding's */
  if (n > 1) {
    slg_buf b = SLG_BUF_INIT;
    slg_buf_printf(&b, "%s (and %zu more stage%s like it)",
                   lead->message ? lead->message : "", n - 1,
                   n == 2 ? "" : "s");
    slg_buf_cstr(&b);
    free(lead->message);
    lead->message = b.ptr;
  }
}

/* Groups v[0..n) (sorted by position) in place; returns the new count.
 * The groups keep the order of their first stage. */
static size_t group(slg_finding *v, size_t n)
{
  if (n < 2) {
    for (size_t i = 0; i < n; i++)
      fold((slg_finding *[]){&v[i]}, v[i].stage >= 0 ? 1 : 0);
    return n;
  }
  slg_finding **order = slg_xmalloc(n * sizeof *order);
  for (size_t i = 0; i < n; i++)
    order[i] = &v[i];
  qsort(order, n, sizeof *order, by_cause);
  unsigned char *gone = slg_xcalloc(n, 1);
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && same_cause(order[i], order[j]))
      j++;
    fold(&order[i], order[i]->stage >= 0 ? j - i : 0);
    for (size_t k = i + 1; k < j; k++)
      gone[order[k] - v] = 1;
    i = j;
  }
  size_t out = 0;
  for (size_t i = 0; i < n; i++) {
    if (gone[i]) {
      slg_finding_dispose(&v[i]);
      continue;
    }
    if (out != i)
      v[out] = v[i];
    out++;
  }
  free(gone);
  free(order);
  return out;
}

/* ------------------------------------------------------------ dropping */

static int performance_kind(slg_finding_kind k)
{
  return k == SLG_FINDING_SKEW || k == SLG_FINDING_TINY_TASKS ||
         k == SLG_FINDING_FEW_TASKS || k == SLG_FINDING_LONG_STAGE ||
         k == SLG_FINDING_SPECULATION;
}

/* The task time of the first attempt of that stage and number, 0 when
 * none. A stage that left the model (--max-stages) cannot tell: its
 * findings are kept, never dropped as small. */
static double attempt_task_ms(const slg_app *app, int64_t stage,
                              int64_t attempt)
{
  const slg_stage *s =
      stage >= 0 ? slg_app_stage(app, (uint64_t)stage) : NULL;
  if (s == NULL && stage >= 0)
    return HUGE_VAL;
  if (s == NULL || attempt < 0)
    return 0;
  const slg_stage_attempt *t = slg_stage_attempt_find(s, (uint64_t)attempt);
  if (t == NULL)
    return 0;
  for (const slg_stage_attempt *b; (b = slg_stage_attempt_before(s, t));)
    t = b;
  return (double)t->tasks.task_ms.sum;
}

/* A performance finding whose stages' task time is under max(1 s, 1% of
 * the application's task time). */
static int too_small(const slg_finding *f, const slg_app *apps, size_t napps)
{
  size_t ai = app_index(f);
  if (!performance_kind(f->kind) || ai >= napps || f->nstages == 0)
    return 0;
  const slg_app *app = &apps[ai];
  double floor = (double)app->total_task_ms * 0.01;
  if (floor < 1000)
    floor = 1000;
  double sum = 0;
  for (size_t i = 0; i < f->nstages; i++)
    sum += attempt_task_ms(app, f->stages[i].stage, f->stages[i].attempt);
  return sum < floor;
}

void slg_findings_finish(slg_analysis *a, const slg_model *m,
                         const slg_thresholds *th)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(m, &napps);
  /* 1. The allow list. */
  size_t keep = 0;
  for (size_t i = 0; i < a->nfindings; i++) {
    slg_finding *f = &a->findings[i];
    int hit = 0;
    for (size_t w = 0; w < th->nallow && !hit; w++)
      hit = allowed(&th->allow[w], f);
    if (hit) {
      a->suppressed = slg_xrealloc(a->suppressed, (a->nsuppressed + 1) *
                                                      sizeof *a->suppressed);
      a->suppressed[a->nsuppressed++] = *f;
    } else {
      a->findings[keep++] = *f;
    }
  }
  a->nfindings = keep;
  /* 2. One finding per cause. */
  a->nsuppressed = group(a->suppressed, a->nsuppressed);
  a->nfindings = group(a->findings, a->nfindings);
  /* 3. Too small to read. */
  keep = 0;
  for (size_t i = 0; i < a->nfindings; i++) {
    slg_finding *f = &a->findings[i];
    if (too_small(f, apps, napps)) {
      slg_finding_dispose(f);
      a->dropped++;
    } else {
      a->findings[keep++] = *f;
    }
  }
  a->nfindings = keep;
}

/* ------------------------------------------------------------ platform */

static void platform_fix(slg_finding *v, size_t n, const slg_report *rep)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  for (size_t i = 0; i < n; i++) {
    slg_finding *f = &v[i];
    size_t ai = app_index(f);
    if ((f->kind != SLG_FINDING_EXECUTOR_LOSS &&
         f->kind != SLG_FINDING_FETCH_FAILURE) ||
        ai >= napps)
      continue;
    /* Only where executors went with their nodes, or for no reason the
     * log gives: a memory kill has its own fix (executor_loss.c). */
    const uint64_t *loss = apps[ai].exec_loss;
    if (!loss[SLG_EXEC_PREEMPTED] && !loss[SLG_EXEC_NODE_LOST] &&
        !loss[SLG_EXEC_DECOMMISSION] && !loss[SLG_EXEC_UNKNOWN])
      continue;
    slg_platform p;
    slg_report_platform(&p, rep, ai);
    const char *note = slg_fix_node_loss(p.id, apps[ai].spark_version);
    if (!note)
      continue;
    slg_buf b = SLG_BUF_INIT;
    slg_buf_printf(&b, "%s; %s", f->suggestion ? f->suggestion : "", note);
    slg_buf_cstr(&b);
    free(f->suggestion);
    f->suggestion = b.ptr;
  }
}

void slg_findings_platform(slg_analysis *a, const slg_report *rep)
{
  platform_fix(a->findings, a->nfindings, rep);
  platform_fix(a->suppressed, a->nsuppressed, rep);
}
