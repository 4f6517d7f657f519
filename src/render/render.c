/*
 * render.c - what several formats share: the verdict sentence (text,
 * JSON, Markdown, GitHub) and the words for a ranked stage's reasons.
 */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "escape.h"
#include "outcome.h"

const char *slg_reason_words(slg_finding_kind k)
{
  switch (k) {
  case SLG_FINDING_SKEW: return "skewed tasks";
  case SLG_FINDING_FETCH_FAILURE: return "fetch failures";
  case SLG_FINDING_STAGE_RETRY: return "a retried attempt";
  case SLG_FINDING_TASK_FAILURES: return "failed tasks";
  case SLG_FINDING_TINY_TASKS: return "too many tiny tasks";
  case SLG_FINDING_FEW_TASKS: return "too few tasks";
  case SLG_FINDING_EXECUTOR_LOSS: return "lost executors";
  case SLG_FINDING_SPECULATION: return "speculative copies";
  case SLG_FINDING_LONG_STAGE: return "long-running";
  default: return slg_finding_id(k);
  }
}

uint64_t slg_fetch_failures(const slg_stage_attempt *t)
{
  for (size_t i = 0; i < t->tasks.nkinds; i++)
    if (strcmp(t->tasks.kinds[i].kind, "FetchFailed") == 0)
      return t->tasks.kinds[i].count;
  return 0;
}

int slg_ranking_spans_apps(const slg_analysis *a)
{
  for (size_t i = 1; i < a->nranking; i++)
    if (a->ranking[i].app != a->ranking[0].app)
      return 1;
  return 0;
}

/* Stage id, then attempt number, then input order (stage, then attempt
 * index): a total order, so any correct sort gives the same refs. */
static int ref_cmp(const slg_app *a, const slg_attempt_ref *x,
                   const slg_attempt_ref *y)
{
  const slg_stage *s = &a->stages[x->stage], *t = &a->stages[y->stage];
  if (s->id != t->id)
    return s->id < t->id ? -1 : 1;
  unsigned ax = x->attempt == SIZE_MAX ? 0 : s->attempts[x->attempt].attempt;
  unsigned ay = y->attempt == SIZE_MAX ? 0 : t->attempts[y->attempt].attempt;
  if (ax != ay)
    return ax < ay ? -1 : 1;
  if (x->stage != y->stage)
    return x->stage < y->stage ? -1 : 1;
  return x->attempt < y->attempt ? -1 : x->attempt > y->attempt;
}

static void sift_down(const slg_app *a, slg_attempt_ref *r, size_t i,
                      size_t n)
{
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= n)
      return;
    if (c + 1 < n && ref_cmp(a, &r[c], &r[c + 1]) < 0)
      c++;
    if (ref_cmp(a, &r[i], &r[c]) >= 0)
      return;
    slg_attempt_ref tmp = r[i];
    r[i] = r[c];
    r[c] = tmp;
    i = c;
  }
}

slg_attempt_ref *slg_stage_order(const slg_app *a, size_t *n)
{
  size_t total = 0;
  for (size_t i = 0; i < a->nstages; i++)
    total += a->stages[i].nattempts ? a->stages[i].nattempts : 1;
  *n = total;
  if (!total)
    return NULL;
  /* The refs alone, sorted where they lie: a million stage attempts
   * cost their 16 bytes each here and no key array or merge buffer (a
   * report's peak memory). Stages are mostly mentioned in id order: a
   * check of the order, then a heap sort only when it is not. */
  slg_attempt_ref *out = slg_xcalloc(total, sizeof *out);
  size_t m = 0;
  for (size_t i = 0; i < a->nstages; i++) {
    const slg_stage *s = &a->stages[i];
    size_t na = s->nattempts ? s->nattempts : 1;
    for (size_t z = 0; z < na; z++, m++) {
      out[m].stage = i;
      out[m].attempt = s->nattempts ? z : SIZE_MAX;
    }
  }
  size_t i = 1;
  while (i < total && ref_cmp(a, &out[i - 1], &out[i]) < 0)
    i++;
  if (i == total)
    return out;
  for (size_t k = total / 2; k-- > 0;)
    sift_down(a, out, k, total);
  for (size_t end = total; end-- > 1;) {
    slg_attempt_ref tmp = out[0];
    out[0] = out[end];
    out[end] = tmp;
    sift_down(a, out, 0, end);
  }
  return out;
}

/* ", file:84" (", line 84" when the file is not known), or nothing. */
static void cause_place(const slg_report *rep, const slg_root_cause *c,
                        slg_buf *out)
{
  if (!c->line.line)
    return;
  const char *path = slg_report_file_path(rep, c->line.file);
  slg_buf_puts(out, ", ");
  if (path != NULL) {
    slg_escape(out, path, strlen(path), SLG_ESC_TEXT);
    slg_buf_putc(out, ':');
  } else {
    slg_buf_puts(out, "line ");
  }
  slg_buf_printf(out, "%llu", (unsigned long long)c->line.line);
}

/* At most `max` bytes of s, cut at a character, then "..." when cut. */
static void put_cut(slg_buf *out, const char *s, size_t max)
{
  size_t n = strlen(s);
  if (n <= max) {
    slg_escape(out, s, n, SLG_ESC_TEXT);
    return;
  }
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
    max--;
  slg_escape(out, s, max, SLG_ESC_TEXT);
  slg_buf_puts(out, "...");
}

void slg_root_cause_short(const slg_report *rep, const slg_root_cause *c,
                          slg_buf *out)
{
  /* The exception names the cause; without one, the start of the
   * message ("Container killed on request. Exit code is 137"). */
  if (c->exception)
    put_cut(out, c->exception, 120);
  else if (c->message)
    put_cut(out, c->message, 60);
  else
    slg_buf_puts(out, "no message");
  slg_buf_printf(out, " (%s", c->class_id);
  /* One file: the verdict sentence names it, its lines need not. */
  if (rep->nfiles > 1)
    cause_place(rep, c, out);
  else if (c->line.line)
    slg_buf_printf(out, ", line %llu", (unsigned long long)c->line.line);
  slg_buf_putc(out, ')');
}

int slg_verdict_has_lines(const slg_report *rep)
{
  const slg_analysis *a = rep->analysis;
  return a->scheduler_lines && (a->apps > 1 || rep->nfiles > 1);
}

static void app_line(const slg_report *rep, size_t app, int named,
                     slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  const slg_app_verdict *v = &a->app_verdicts[app];
  const slg_app_outcome *o = a->outcomes ? &a->outcomes[app] : NULL;
  char n1[32], d[32];
  slg_buf_printf(out, "app %zu", v->seq);
  const char *path = named ? slg_report_file_path(rep, v->file) : NULL;
  if (path) {
    slg_buf_puts(out, " (file ");
    slg_escape_str(out, path, SLG_ESC_TEXT);
    if (v->app_id) {
      slg_buf_puts(out, ", ");
      slg_escape_str(out, v->app_id, SLG_ESC_TEXT);
    }
    slg_buf_putc(out, ')');
  } else if (v->app_id) {
    slg_buf_puts(out, " (");
    slg_escape_str(out, v->app_id, SLG_ESC_TEXT);
    slg_buf_putc(out, ')');
  }
  slg_buf_puts(out, ": ");
  if (o)
    slg_buf_printf(out, "%s, ", slg_outcome_name(o->outcome));
  slg_buf_printf(out, "%s job%s", slg_fmt_count(v->jobs, n1),
                 v->jobs == 1 ? "" : "s");
  if (v->jobs_failed)
    slg_buf_printf(out, ", %zu failed", v->jobs_failed);
  if (v->jobs_cancelled)
    slg_buf_printf(out, ", %zu cancelled", v->jobs_cancelled);
  if (v->jobs_unfinished)
    slg_buf_printf(out, ", %zu without an end", v->jobs_unfinished);
  if (v->duration_ms >= 0)
    slg_buf_printf(out, ", %s", slg_fmt_duration(v->duration_ms, d));
  /* A root cause only where it is the application's verdict: a
   * recovered failure is a finding, not the outcome. */
  if (o && o->has_cause && (o->outcome == SLG_OUTCOME_FAILED ||
                            o->outcome == SLG_OUTCOME_KILLED)) {
    slg_buf_puts(out, "; root cause ");
    slg_root_cause_short(rep, &o->cause, out);
  }
}

void slg_app_verdict_line(const slg_report *rep, size_t app, slg_buf *out)
{
  app_line(rep, app, 0, out);
}

void slg_app_verdict_line_named(const slg_report *rep, size_t app,
                                slg_buf *out)
{
  app_line(rep, app, 1, out);
}

void slg_file_verdict_line(const slg_report *rep, size_t file, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  /* Worst first: what a reader of the file's line needs to know. */
  static const slg_outcome order[] = {
      SLG_OUTCOME_FAILED,     SLG_OUTCOME_KILLED,  SLG_OUTCOME_CANCELLED,
      SLG_OUTCOME_INCOMPLETE, SLG_OUTCOME_UNKNOWN, SLG_OUTCOME_SUCCEEDED};
  size_t count[sizeof order / sizeof *order] = {0}, n = 0;
  for (size_t i = 0; i < a->apps; i++) {
    if (a->app_verdicts[i].file != file)
      continue;
    n++;
    slg_outcome oc = a->outcomes ? a->outcomes[i].outcome
                                 : SLG_OUTCOME_UNKNOWN;
    for (size_t k = 0; k < sizeof order / sizeof *order; k++)
      if (order[k] == oc)
        count[k]++;
  }
  const char *path = slg_report_file_path(rep, (uint32_t)file);
  slg_buf_puts(out, "file ");
  slg_escape_str(out, path ? path : "?", SLG_ESC_TEXT);
  if (!n) {
    slg_buf_puts(out, ": no application starts here");
    return;
  }
  slg_buf_printf(out, ": %zu application%s", n, n == 1 ? "" : "s");
  const char *sep = n == 1 ? ", " : ": ";
  for (size_t k = 0; k < sizeof order / sizeof *order; k++)
    if (count[k]) {
      if (n == 1)
        slg_buf_printf(out, "%s%s", sep, slg_outcome_name(order[k]));
      else
        slg_buf_printf(out, "%s%zu %s", sep, count[k],
                       slg_outcome_name(order[k]));
      sep = ", ";
    }
}

/* Lower is worse: the order of the cross-file table. */
static int outcome_rank(int oc)
{
  switch (oc) {
  case SLG_OUTCOME_FAILED: return 0;
  case SLG_OUTCOME_KILLED: return 1;
  case SLG_OUTCOME_CANCELLED: return 2;
  case SLG_OUTCOME_INCOMPLETE: return 3;
  case SLG_OUTCOME_UNKNOWN: return 4;
  case SLG_OUTCOME_SUCCEEDED: return 5;
  default: return 6; /* no application */
  }
}

static int row_worse(const slg_file_row *x, const slg_file_row *y)
{
  int a = outcome_rank(x->outcome), b = outcome_rank(y->outcome);
  if (a != b)
    return a < b ? -1 : 1;
  int sx = x->worst ? (int)x->worst->severity : -1;
  int sy = y->worst ? (int)y->worst->severity : -1;
  if (sx != sy)
    return sx > sy ? -1 : 1;
  if (x->jobs_failed != y->jobs_failed)
    return x->jobs_failed > y->jobs_failed ? -1 : 1;
  if (x->task_ms != y->task_ms)
    return x->task_ms > y->task_ms ? -1 : 1;
  return x->file < y->file ? -1 : x->file > y->file;
}

static int row_cmp(const void *x, const void *y) { return row_worse(x, y); }

slg_file_row *slg_file_rows(const slg_report *rep)
{
  const slg_analysis *a = rep->analysis;
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  slg_file_row *rows = slg_xcalloc(rep->nfiles ? rep->nfiles : 1,
                                   sizeof *rows);
  for (size_t f = 0; f < rep->nfiles; f++) {
    rows[f].file = f;
    rows[f].outcome = -1;
  }
  for (size_t i = 0; i < a->apps && i < napps; i++) {
    const slg_app_verdict *v = &a->app_verdicts[i];
    if (v->file >= rep->nfiles)
      continue;
    slg_file_row *r = &rows[v->file];
    int oc = a->outcomes ? (int)a->outcomes[i].outcome : SLG_OUTCOME_UNKNOWN;
    if (r->outcome < 0 || outcome_rank(oc) < outcome_rank(r->outcome))
      r->outcome = oc;
    r->apps++;
    r->jobs += v->jobs;
    r->jobs_failed += v->jobs_failed;
    r->task_ms += apps[i].total_task_ms;
  }
  for (size_t k = 0; k < a->nfindings; k++) {
    const slg_finding *fd = &a->findings[k];
    if (fd->app < 0 || (size_t)fd->app >= a->apps)
      continue;
    uint32_t f = a->app_verdicts[fd->app].file;
    if (f < rep->nfiles &&
        (!rows[f].worst || fd->severity > rows[f].worst->severity))
      rows[f].worst = fd;
  }
  for (size_t f = 0; f < rep->nfiles; f++) {
    const slg_file_info *fi = &rep->files[f];
    slg_file_row *r = &rows[f];
    r->kind = r->apps                    ? "driver"
              : fi->error && !fi->lines  ? "unread"
              : !fi->lines               ? "empty"
              : !fi->records             ? "not a log"
                                         : "no application";
  }
  qsort(rows, rep->nfiles, sizeof *rows, row_cmp);
  return rows;
}

/* "java.lang.X: message (task-failure, file:84; user code a.B.c(B.scala:4))":
 * the root cause that leads a failed run's verdict. */
void slg_root_cause_sentence(const slg_report *rep, const slg_root_cause *c,
                             slg_buf *out)
{
  const char *what = c->message ? c->message : "";
  if (c->exception) {
    slg_escape(out, c->exception, strlen(c->exception), SLG_ESC_TEXT);
    if (*what)
      slg_buf_puts(out, ": ");
  }
  size_t n = strlen(what);
  slg_escape(out, what, n > 300 ? 300 : n, SLG_ESC_TEXT);
  if (n > 300)
    slg_buf_puts(out, "...");
  slg_buf_printf(out, " (%s", c->class_id);
  cause_place(rep, c, out);
  if (c->user_frame) {
    slg_buf_puts(out, "; user code ");
    slg_escape(out, c->user_frame, strlen(c->user_frame), SLG_ESC_TEXT);
  }
  if (c->count > 1)
    slg_buf_printf(out, "; %llu times", (unsigned long long)c->count);
  slg_buf_putc(out, ')');
}

void slg_verdict_sentence(const slg_report *rep, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  char n1[32];
  if (a->cause_app >= 0 && a->outcomes != NULL) {
    /* A failed or killed application: its root cause leads. */
    const slg_app_outcome *o = &a->outcomes[a->cause_app];
    slg_buf_puts(out, o->outcome == SLG_OUTCOME_KILLED ? "The run was KILLED"
                                                       : "The run FAILED");
    if (a->apps > 1)
      slg_buf_printf(out, " (app %lld of %zu)", (long long)a->cause_app + 1,
                     a->apps);
    slg_buf_puts(out, ": ");
    slg_root_cause_sentence(rep, &o->cause, out);
    slg_buf_putc(out, '.');
    if (a->failed_apps > 1)
      slg_buf_printf(out, " %zu applications failed or were killed.",
                     a->failed_apps);
    if (a->jobs_failed)
      slg_buf_printf(out, " %zu of %zu jobs failed.", a->jobs_failed,
                     a->jobs);
  } else if (!a->scheduler_lines) {
    switch (a->kind) {
    case SLG_INPUT_EMPTY:
      slg_buf_puts(out, "No verdict: no line was read.");
      break;
    case SLG_INPUT_EVENT_LOG:
      slg_buf_puts(out, "No verdict: the input is a Spark event log, not a "
                        "driver log (the finding says where the driver's "
                        "log is).");
      break;
    case SLG_INPUT_EXECUTOR:
      slg_buf_puts(out, "No verdict: the input is an executor's log; jobs "
                        "and stages are only in the driver's log.");
      break;
    case SLG_INPUT_NOT_SPARK:
      slg_buf_puts(out, "No verdict: the input does not look like a Spark "
                        "log.");
      break;
    default:
      slg_buf_puts(out, "No verdict: the input has no scheduler lines, so "
                        "jobs and stages cannot be followed.");
    }
    return;
  }
  if (a->cause_app >= 0) {
    /* said above */
  } else if (a->jobs_failed) {
    /* Every application's outcome is a success: it recovered. */
    const slg_job *j = a->first_failed_job;
    slg_buf_printf(out, "The run recovered: %zu of %zu jobs failed and "
                        "later work succeeded; job %llu",
                   a->jobs_failed, a->jobs, (unsigned long long)j->id);
    if (j->callsite) {
      slg_buf_puts(out, " (");
      slg_escape(out, j->callsite, strlen(j->callsite), SLG_ESC_TEXT);
      slg_buf_puts(out, ")");
    }
    if (j->failure) {
      size_t n = strlen(j->failure);
      slg_buf_puts(out, ": ");
      slg_escape(out, j->failure, n > 300 ? 300 : n, SLG_ESC_TEXT);
      if (n > 300)
        slg_buf_puts(out, "...");
    } else {
      slg_buf_puts(out, " failed");
    }
    slg_buf_putc(out, '.');
  } else if (a->jobs) {
    /* An application whose end is not in the log has not succeeded yet. */
    int cut = 0;
    for (size_t i = 0; a->outcomes != NULL && i < a->apps; i++)
      cut |= a->outcomes[i].outcome == SLG_OUTCOME_INCOMPLETE;
    slg_buf_printf(out, "%s: %s job%s",
                   cut ? "The log stops before the run's end"
                       : "The run succeeded",
                   slg_fmt_count(a->jobs, n1), a->jobs == 1 ? "" : "s");
    if (a->jobs_unfinished)
      slg_buf_printf(out, ", of which %zu never logged an end (the log may "
                          "be cut off or still running)",
                     a->jobs_unfinished);
    else
      slg_buf_puts(out, a->jobs == 1 ? " ended well" : ", all ended well");
    slg_buf_printf(out, " in %zu application%s.", a->apps,
                   a->apps == 1 ? "" : "s");
  } else {
    slg_buf_puts(out, "No job was seen (the log holds scheduler lines but no "
                      "\"Got job\"): nothing to judge.");
  }
  if (a->executors_lost_memory)
    slg_buf_printf(out, " %llu executor%s killed for exceeding memory.",
                   (unsigned long long)a->executors_lost_memory,
                   a->executors_lost_memory == 1 ? " was" : "s were");
  else if (a->executors_lost)
    slg_buf_printf(out, " %llu executor%s lost.",
                   (unsigned long long)a->executors_lost,
                   a->executors_lost == 1 ? " was" : "s were");
  if (a->fetch_failures)
    slg_buf_printf(out, " %llu task%s failed to fetch shuffle data.",
                   (unsigned long long)a->fetch_failures,
                   a->fetch_failures == 1 ? "" : "s");
  if (a->nranking && a->ranking[0].task_ms > 0) {
    /* The ranking is global: its first row is the costliest of all. */
    const slg_ranked *r = &a->ranking[0];
    slg_buf_printf(out, " The costliest shuffle stage is %llu.%u",
                   (unsigned long long)r->stage->id, r->attempt->attempt);
    if (slg_ranking_spans_apps(a))
      slg_buf_printf(out, " in app %zu", r->app + 1);
    slg_buf_printf(out, " (%.0f%% of its app's task time).", r->share * 100);
  }
  slg_buf_printf(out, " Findings: %zu error%s, %zu warning%s, %zu info.",
                 a->by_severity[SLG_SEV_ERROR],
                 a->by_severity[SLG_SEV_ERROR] == 1 ? "" : "s",
                 a->by_severity[SLG_SEV_WARNING],
                 a->by_severity[SLG_SEV_WARNING] == 1 ? "" : "s",
                 a->by_severity[SLG_SEV_INFO]);
}

void slg_render(const slg_report *rep, const slg_render_options *o,
                slg_format format, slg_buf *out)
{
  switch (format) {
  case SLG_FORMAT_JSON: slg_render_json(rep, o, out); break;
  case SLG_FORMAT_MARKDOWN: slg_render_markdown(rep, o, out); break;
  case SLG_FORMAT_JUNIT: slg_render_junit(rep, o, out); break;
  case SLG_FORMAT_GITHUB: slg_render_github(rep, o, out); break;
  case SLG_FORMAT_GITLAB: slg_render_gitlab(rep, o, out); break;
  case SLG_FORMAT_NDJSON: slg_render_ndjson(rep, o, out); break;
  case SLG_FORMAT_TEXT:
  default: slg_render_text(rep, o, out); break;
  }
}

void slg_gate_sentence(const slg_report *rep, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  const slg_thresholds *t = rep->thresholds;
  switch (slg_analysis_gate(a, t)) {
  case SLG_GATE_PASSED:
    slg_buf_puts(out, "check: PASSED");
    return;
  case SLG_GATE_EMPTY:
    slg_buf_puts(out, "check: FAILED (no Spark application in the input; "
                      "see --allow-empty)");
    return;
  case SLG_GATE_FAILED:
    break;
  }
  /* The findings that fail it by severity, limits apart: a breached
   * limit is an error finding of its own. */
  static const char *const names[3] = {"info", "warning", "error"};
  size_t limits = 0;
  for (size_t i = 0; i < SLG_CHECK_COUNT; i++)
    limits += a->checks[i].breached != 0;
  slg_buf_puts(out, "check: FAILED (");
  const char *sep = "";
  for (int s = 2; s >= (int)t->fail_on; s--) {
    size_t n = a->by_severity[s];
    if (s == SLG_SEV_ERROR)
      n -= limits < n ? limits : n;
    if (n == 0)
      continue;
    slg_buf_printf(out, "%s%zu %s%s", sep, n,
                   s == SLG_SEV_INFO ? "info finding" : names[s],
                   n > 1 ? "s" : "");
    sep = ", ";
  }
  if (limits) {
    slg_buf_printf(out, "%s%zu limit%s exceeded:", sep, limits,
                   limits > 1 ? "s" : "");
    const char *ksep = " ";
    for (size_t i = 0; i < SLG_CHECK_COUNT; i++)
      if (a->checks[i].breached) {
        slg_buf_printf(out, "%s%s", ksep, a->checks[i].key);
        ksep = ", ";
      }
  }
  slg_buf_putc(out, ')');
  if (t->exit_zero)
    slg_buf_puts(out, "; exit 0 as --exit-zero asks");
}
