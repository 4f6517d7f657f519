/*
 * render_findings.c - the analysis for people and machines: the verdict,
 * the shuffle-stage ranking, the findings and the check's limits, as text
 * and as the sparklog/1 JSON keys "verdict", "shuffle_ranking",
 * "findings" and "check".
 */
#include <stdio.h>
#include <stdlib.h>

#include "analysis.h"
#include "escape.h"
#include "render.h"

/* Plain words for a ranked stage's reasons. */
static const char *reason_words(slg_finding_kind k)
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

static uint64_t fetch_failures(const slg_stage_attempt *t)
{
  for (size_t i = 0; i < t->tasks.nkinds; i++)
    if (strcmp(t->tasks.kinds[i].kind, "FetchFailed") == 0)
      return t->tasks.kinds[i].count;
  return 0;
}

/* The ranking is sorted by application first: it covers several when its
 * first and last entries differ. */
static int ranking_spans_apps(const slg_analysis *a)
{
  return a->nranking > 1 &&
         a->ranking[0].app != a->ranking[a->nranking - 1].app;
}

void slg_verdict_sentence(const slg_report *rep, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  char n1[32];
  if (!a->scheduler_lines) {
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
  if (a->jobs_failed) {
    const slg_job *j = a->first_failed_job;
    slg_buf_printf(out, "The run FAILED: %zu of %zu jobs failed; job %llu",
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
    slg_buf_printf(out, "The run succeeded: %s job%s", slg_fmt_count(a->jobs, n1),
                   a->jobs == 1 ? "" : "s");
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
    /* The ranking is per application: the costliest of all is the first
     * with the most task time (the first application's on a tie). */
    const slg_ranked *r = &a->ranking[0];
    for (size_t i = 1; i < a->nranking; i++)
      if (a->ranking[i].task_ms > r->task_ms)
        r = &a->ranking[i];
    slg_buf_printf(out, " The costliest shuffle stage is %llu.%u",
                   (unsigned long long)r->stage->id, r->attempt->attempt);
    if (ranking_spans_apps(a))
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

void slg_text_wrap(slg_buf *out, const char *text, size_t indent)
{
  size_t col = indent;
  slg_buf_fill(out, ' ', indent);
  const char *s = text;
  while (*s) {
    /* A final newline ends the last line: no empty indented line. */
    if (*s == '\n' && s[1] == '\0')
      break;
    if (*s == '\n') { /* a forced break, e.g. a config snippet */
      slg_buf_putc(out, '\n');
      slg_buf_fill(out, ' ', indent);
      col = indent;
      s++;
      while (*s == ' ')
        s++;
      continue;
    }
    const char *w = s;
    while (*s && *s != ' ' && *s != '\n')
      s++;
    size_t len = (size_t)(s - w);
    if (col > indent && col + 1 + len > 78) {
      slg_buf_putc(out, '\n');
      slg_buf_fill(out, ' ', indent);
      col = indent;
    } else if (col > indent) {
      slg_buf_putc(out, ' ');
      col++;
    }
    slg_escape(out, w, len, SLG_ESC_TEXT);
    col += len;
    while (*s == ' ')
      s++;
  }
  slg_buf_putc(out, '\n');
}

void slg_render_text_verdict(const slg_report *rep,
                             const slg_render_options *o, slg_buf *out)
{
  slg_buf s = SLG_BUF_INIT;
  slg_verdict_sentence(rep, &s);
  const slg_analysis *a = rep->analysis;
  const char *style = !a->scheduler_lines ? SLG_STYLE_YELLOW
                      : a->jobs_failed   ? SLG_STYLE_RED
                                         : SLG_STYLE_GREEN;
  slg_styled(out, o->color, SLG_STYLE_BOLD, "Verdict");
  slg_buf_putc(out, '\n');
  if (o->color)
    slg_buf_puts(out, style);
  slg_text_wrap(out, slg_buf_cstr(&s), 2);
  if (o->color)
    slg_buf_puts(out, SLG_STYLE_RESET);
  slg_buf_dispose(&s);
}

void slg_render_text_ranking(const slg_report *rep,
                             const slg_render_options *o, slg_buf *out,
                             size_t limit)
{
  const slg_analysis *a = rep->analysis;
  size_t rows = limit && limit < a->nranking ? limit : a->nranking;
  char tmp[128], c1[32], c2[32], c3[32], c4[32];
  /* Ranked within each application (RANK starts again at 1 with each
   * APP): said in the heading when there is more than one, so that rank
   * 1 of the second application is not read as a tie. */
  const char *per = ranking_spans_apps(a) ? ", ranked per application" : "";
  if (limit && rows < a->nranking)
    snprintf(tmp, sizeof tmp, "Costliest shuffle stages%s (top %zu of %zu)",
             per, rows, a->nranking);
  else
    snprintf(tmp, sizeof tmp, "Shuffle stages by cost%s (%zu)", per,
             a->nranking);
  slg_styled(out, o->color, SLG_STYLE_BOLD, tmp);
  slg_buf_putc(out, '\n');
  if (!rows) {
    slg_buf_puts(out, "  no shuffle stage ran\n");
    return;
  }
  if (o->color)
    slg_buf_puts(out, SLG_STYLE_DIM);
  slg_buf_puts(out, "  RANK APP  STAGE     JOB  TASKS      WALL  TASK TIME  "
                    "SHARE      P50      MAX   SKEW  FAIL FETCH  REASONS\n");
  if (o->color)
    slg_buf_puts(out, SLG_STYLE_RESET);
  for (size_t i = 0; i < rows; i++) {
    const slg_ranked *r = &a->ranking[i];
    const slg_stage_attempt *t = r->attempt;
    char stage[32], job[24], skew[24];
    snprintf(stage, sizeof stage, "%llu.%u", (unsigned long long)r->stage->id,
             t->attempt);
    if (r->stage->njobs)
      snprintf(job, sizeof job, "%llu", (unsigned long long)r->stage->jobs[0]);
    else
      strcpy(job, "-");
    if (r->skew >= 0)
      snprintf(skew, sizeof skew, "%.1f", r->skew);
    else
      strcpy(skew, "-");
    slg_fmt_duration(r->wall_ms, c1);
    slg_fmt_duration(r->task_ms, c2);
    slg_fmt_duration(r->p50, c3);
    slg_fmt_duration(r->max, c4);
    slg_buf_printf(out, "  %4u %3zu  %-8s %4s %6llu %9s %10s %5.1f%% %8s "
                        "%8s %6s %5llu %5llu  ",
                   r->rank, r->app + 1, stage, job,
                   (unsigned long long)t->tasks.succeeded, c1, c2,
                   r->share * 100, c3, c4, skew,
                   (unsigned long long)t->tasks.failed,
                   (unsigned long long)fetch_failures(t));
    const char *sep = "";
    for (int k = 0; k < SLG_FINDING_COUNT; k++)
      if (r->reasons & (1u << k)) {
        slg_buf_printf(out, "%s%s", sep, reason_words((slg_finding_kind)k));
        sep = ", ";
      }
    if (!*sep)
      slg_buf_puts(out, "-");
    slg_buf_puts(out, "  ");
    if (r->stage->name)
      slg_escape(out, r->stage->name, strlen(r->stage->name), SLG_ESC_TEXT);
    slg_buf_putc(out, '\n');
  }
}

static int finding_has_place(const slg_finding *f)
{
  return f->app >= 0 || f->stage >= 0 || f->job >= 0;
}

static void finding_where(slg_buf *out, const slg_finding *f)
{
  if (f->app >= 0)
    slg_buf_printf(out, "app %lld", (long long)f->app + 1);
  if (f->stage >= 0)
    slg_buf_printf(out, " stage %lld.%lld", (long long)f->stage,
                   (long long)f->attempt);
  if (f->job >= 0)
    slg_buf_printf(out, " (job %lld)", (long long)f->job);
}

void slg_render_text_findings(const slg_report *rep,
                              const slg_render_options *o, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  char tmp[64];
  snprintf(tmp, sizeof tmp, "Findings (%zu)", a->nfindings);
  slg_styled(out, o->color, SLG_STYLE_BOLD, tmp);
  slg_buf_putc(out, '\n');
  if (!a->nfindings) {
    slg_buf_puts(out, "  none: no skew, failures, retries, lost executors "
                      "or partitioning problems were seen\n");
    return;
  }
  for (size_t i = 0; i < a->nfindings; i++) {
    const slg_finding *f = &a->findings[i];
    const char *style = f->severity == SLG_SEV_ERROR     ? SLG_STYLE_RED
                        : f->severity == SLG_SEV_WARNING ? SLG_STYLE_YELLOW
                                                         : SLG_STYLE_CYAN;
    snprintf(tmp, sizeof tmp, "%-7s", slg_severity_name(f->severity));
    slg_buf_puts(out, "  ");
    slg_styled(out, o->color, style, tmp);
    /* The id padded to its column only when a place follows it (a
     * finding of the whole input has none: no blanks at the line's end). */
    if (finding_has_place(f)) {
      slg_buf_printf(out, " %-18s ", slg_finding_id(f->kind));
      finding_where(out, f);
    } else {
      slg_buf_printf(out, " %s", slg_finding_id(f->kind));
    }
    slg_buf_putc(out, '\n');
    slg_text_wrap(out, f->message, 6);
    slg_buf_puts(out, "      fix:\n");
    slg_text_wrap(out, f->suggestion, 8);
    if (f->nlines) {
      slg_buf_puts(out, "      lines:");
      for (size_t l = 0; l < f->nlines; l++) {
        const slg_pos *pos = &f->lines[l];
        const char *path =
            pos->file < rep->nfiles ? rep->files[pos->file].path : "?";
        slg_buf_puts(out, l ? ", " : " ");
        slg_escape(out, path, strlen(path), SLG_ESC_TEXT);
        slg_buf_printf(out, ":%llu", (unsigned long long)pos->line);
      }
      slg_buf_putc(out, '\n');
    }
  }
}

void slg_render_text_checks(const slg_report *rep,
                            const slg_render_options *o, slg_buf *out)
{
  const slg_analysis *a = rep->analysis;
  slg_styled(out, o->color, SLG_STYLE_BOLD, "Checks");
  slg_buf_putc(out, '\n');
  int any = 0;
  for (size_t i = 0; i < SLG_CHECK_COUNT; i++) {
    const slg_check_result *c = &a->checks[i];
    if (c->limit < 0)
      continue;
    any = 1;
    slg_buf_printf(out, "  %-4s %-22s worst %-12g limit %g\n",
                   c->breached ? "FAIL" : "ok", c->key, c->worst, c->limit);
  }
  if (!any)
    slg_buf_puts(out, "  no --max-* limits set; findings alone decide\n");
}

/* ------------------------------------------------------------------ JSON */

static void json_num_or_null(slg_json *j, double v, int decimals)
{
  if (v < 0)
    slg_json_null(j);
  else
    slg_json_double(j, v, decimals);
}

static void json_i64_or_null(slg_json *j, int64_t v)
{
  if (v < 0)
    slg_json_null(j);
  else
    slg_json_i64(j, v);
}

void slg_render_json_analysis(const slg_report *rep,
                              const slg_render_options *o, slg_json *j)
{
  const slg_analysis *a = rep->analysis;
  if (!a)
    return;
  slg_buf tmp = SLG_BUF_INIT;
  slg_json_key(j, "verdict");
  slg_json_object_begin(j);
  slg_json_key(j, "succeeded");
  if (a->scheduler_lines && a->jobs)
    slg_json_bool(j, a->jobs_failed == 0);
  else
    slg_json_null(j);
  slg_json_key(j, "apps");
  slg_json_u64(j, a->apps);
  slg_json_key(j, "jobs");
  slg_json_u64(j, a->jobs);
  slg_json_key(j, "jobs_failed");
  slg_json_u64(j, a->jobs_failed);
  slg_json_key(j, "jobs_unfinished");
  slg_json_u64(j, a->jobs_unfinished);
  slg_json_key(j, "failed_job");
  if (a->first_failed_job) {
    const slg_job *fj = a->first_failed_job;
    slg_json_object_begin(j);
    slg_json_key(j, "app");
    slg_json_u64(j, a->first_failed_app);
    slg_json_key(j, "id");
    slg_json_u64(j, fj->id);
    slg_json_key(j, "callsite");
    slg_json_str(j, fj->callsite);
    slg_json_key(j, "failure");
    slg_json_str(j, fj->failure);
    slg_json_object_end(j);
  } else {
    slg_json_null(j);
  }
  slg_json_key(j, "executors_lost");
  slg_json_u64(j, a->executors_lost);
  slg_json_key(j, "executors_lost_memory");
  slg_json_u64(j, a->executors_lost_memory);
  slg_json_key(j, "fetch_failures");
  slg_json_u64(j, a->fetch_failures);
  slg_json_key(j, "text");
  slg_verdict_sentence(rep, &tmp);
  slg_json_strn(j, tmp.ptr, tmp.len);
  slg_json_object_end(j);

  slg_json_key(j, "shuffle_ranking");
  slg_json_array_begin(j);
  for (size_t i = 0; i < a->nranking; i++) {
    const slg_ranked *r = &a->ranking[i];
    const slg_stage_attempt *t = r->attempt;
    slg_json_object_begin(j);
    slg_json_key(j, "rank");
    slg_json_u64(j, r->rank);
    slg_json_key(j, "app");
    slg_json_u64(j, r->app);
    slg_json_key(j, "stage");
    slg_json_u64(j, r->stage->id);
    slg_json_key(j, "attempt");
    slg_json_u64(j, t->attempt);
    slg_json_key(j, "job");
    if (r->stage->njobs)
      slg_json_u64(j, r->stage->jobs[0]);
    else
      slg_json_null(j);
    slg_json_key(j, "name");
    slg_json_str(j, r->stage->name);
    slg_json_key(j, "kind");
    slg_json_str(j, slg_stage_kind_name(r->stage->kind));
    slg_json_key(j, "tasks");
    slg_json_u64(j, t->tasks.succeeded);
    slg_json_key(j, "wall_ms");
    json_num_or_null(j, r->wall_ms, 3);
    slg_json_key(j, "task_ms_sum");
    slg_json_double(j, r->task_ms, 0);
    slg_json_key(j, "share");
    slg_json_double(j, r->share, 4);
    slg_json_key(j, "p50_ms");
    json_num_or_null(j, r->p50, 3);
    slg_json_key(j, "p90_ms");
    json_num_or_null(j, r->p90, 3);
    slg_json_key(j, "max_ms");
    json_num_or_null(j, r->max, 3);
    slg_json_key(j, "skew");
    json_num_or_null(j, r->skew, 2);
    slg_json_key(j, "resubmitted_because");
    slg_json_str(j, t->resubmitted_because == SLG_RESUBMIT_NONE
                        ? NULL
                        : slg_resubmit_name(t->resubmitted_because));
    slg_json_key(j, "fetch_failures");
    slg_json_u64(j, fetch_failures(t));
    slg_json_key(j, "failed_tasks");
    slg_json_u64(j, t->tasks.failed);
    slg_json_key(j, "shuffle_write");
    json_i64_or_null(j, r->stage->shuffle_write);
    slg_json_key(j, "shuffle_reads");
    slg_json_array_begin(j);
    for (size_t k = 0; k < r->stage->nshuffle_reads; k++)
      slg_json_u64(j, r->stage->shuffle_reads[k]);
    slg_json_array_end(j);
    slg_json_key(j, "reasons");
    slg_json_array_begin(j);
    for (int k = 0; k < SLG_FINDING_COUNT; k++)
      if (r->reasons & (1u << k))
        slg_json_str(j, reason_words((slg_finding_kind)k));
    slg_json_array_end(j);
    slg_json_key(j, "finding_ids");
    slg_json_array_begin(j);
    for (int k = 0; k < SLG_FINDING_COUNT; k++)
      if (r->reasons & (1u << k))
        slg_json_str(j, slg_finding_id((slg_finding_kind)k));
    slg_json_array_end(j);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);

  slg_json_key(j, "findings");
  slg_json_array_begin(j);
  for (size_t i = 0; i < a->nfindings; i++) {
    const slg_finding *f = &a->findings[i];
    slg_json_object_begin(j);
    slg_json_key(j, "id");
    slg_json_str(j, slg_finding_id(f->kind));
    slg_json_key(j, "severity");
    slg_json_str(j, slg_severity_name(f->severity));
    slg_json_key(j, "app");
    json_i64_or_null(j, f->app);
    slg_json_key(j, "job");
    json_i64_or_null(j, f->job);
    slg_json_key(j, "stage");
    json_i64_or_null(j, f->stage);
    slg_json_key(j, "attempt");
    json_i64_or_null(j, f->attempt);
    slg_json_key(j, "message");
    slg_json_str(j, f->message);
    slg_json_key(j, "evidence");
    slg_json_object_begin(j);
    for (size_t e = 0; e < f->nevidence; e++) {
      slg_json_key(j, f->evidence[e].key);
      if (f->evidence[e].str)
        slg_json_str(j, f->evidence[e].str);
      else
        slg_json_double(j, f->evidence[e].num, 3);
    }
    slg_json_object_end(j);
    slg_json_key(j, "suggestion");
    slg_json_str(j, f->suggestion);
    slg_json_key(j, "lines");
    slg_json_array_begin(j);
    for (size_t l = 0; l < f->nlines; l++) {
      slg_json_object_begin(j);
      slg_json_key(j, "file");
      slg_json_str(j, f->lines[l].file < rep->nfiles
                          ? rep->files[f->lines[l].file].path
                          : NULL);
      slg_json_key(j, "line");
      slg_json_u64(j, f->lines[l].line);
      slg_json_object_end(j);
    }
    slg_json_array_end(j);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);

  if (o->view == SLG_VIEW_CHECK && rep->thresholds) {
    const slg_thresholds *t = rep->thresholds;
    slg_json_key(j, "check");
    slg_json_object_begin(j);
    slg_json_key(j, "fail_on");
    slg_json_str(j, slg_severity_name(t->fail_on));
    slg_json_key(j, "passed");
    slg_json_bool(j, !slg_analysis_failed(a, t));
    slg_json_key(j, "limits");
    slg_json_array_begin(j);
    for (size_t i = 0; i < SLG_CHECK_COUNT; i++) {
      const slg_check_result *c = &a->checks[i];
      if (c->limit < 0)
        continue;
      slg_json_object_begin(j);
      slg_json_key(j, "key");
      slg_json_str(j, c->key);
      slg_json_key(j, "limit");
      slg_json_double(j, c->limit, 3);
      slg_json_key(j, "worst");
      slg_json_double(j, c->worst, 3);
      slg_json_key(j, "worst_app");
      json_i64_or_null(j, c->worst_app);
      slg_json_key(j, "breached");
      slg_json_bool(j, c->breached);
      slg_json_object_end(j);
    }
    slg_json_array_end(j);
    slg_json_object_end(j);
  }
  slg_buf_dispose(&tmp);
}
