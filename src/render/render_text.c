/*
 * render_text.c - the report for people: aligned tables, colour only when
 * the CLI says the output is a terminal. This file holds the text
 * helpers, the input and logger sections and the views' layout;
 * render_text_analysis.c and render_text_model.c the other sections.
 *
 * The default report reads top-down the way a Spark engineer triages a
 * run: what was read (and what was not understood), what the scheduler
 * did, which components talked most. Subcommands show one part in full.
 */
#include "render.h"
#include "render_io.h"

#include <stdio.h>
#include <stdlib.h>

#include "analysis.h"
#include "escape.h"
#include "input_kind.h"
#include "knowledge.h"
#include "model.h"
#include "platform.h"

/* Log text s escaped and shortened in its middle to `width` columns (a
 * path, a layout: both ends say what it is). */
static void put_middle(slg_buf *b, const char *s, size_t width)
{
  slg_buf e = SLG_BUF_INIT;
  slg_escape_str(&e, s, SLG_ESC_TEXT);
  slg_text_middle(b, e.ptr ? e.ptr : "", e.len, width > 20 ? width : 20);
  slg_buf_dispose(&e);
}

static void heading(slg_buf *b, int color, const char *text)
{
  slg_styled(b, color, SLG_STYLE_BOLD, text);
  slg_buf_putc(b, '\n');
}
/* Where each application ran: "  platform YARN, client mode (a YARN
 * application id)"; when they differ, one line per platform with its
 * applications and evidence: "  platform apps 1-3, 5: local (tasks ran on
 * executor "driver")". */
static int same_platform(const slg_platform *x, const slg_platform *y)
{
  return x->id == y->id && x->mode == y->mode && x->evidence == y->evidence;
}

static void platform_line(const slg_report *rep, slg_buf *b, size_t width)
{
  size_t napps;
  slg_model_apps(rep->model, &napps);
  if (!napps)
    return;
  slg_platform *ps = slg_xcalloc(napps, sizeof *ps);
  int same = 1;
  for (size_t i = 0; i < napps; i++) {
    slg_report_platform(&ps[i], rep, i);
    same = same && same_platform(&ps[i], &ps[0]);
  }
  if (same) {
    slg_buf_puts(b, "  platform ");
    slg_platform_text(&ps[0], b);
    slg_buf_printf(b, " (%s)\n", ps[0].evidence);
    free(ps);
    return;
  }
  slg_buf line = SLG_BUF_INIT;
  for (size_t i = 0; i < napps; i++) {
    size_t j = 0;
    while (!same_platform(&ps[j], &ps[i]))
      j++;
    if (j < i)
      continue; /* listed with the first application of its platform */
    size_t n = 0;
    for (size_t k = i; k < napps; k++)
      n += same_platform(&ps[k], &ps[i]);
    slg_buf_clear(&line);
    slg_buf_printf(&line, "platform app%s ", n > 1 ? "s" : "");
    /* The applications as ranges of consecutive numbers. */
    const char *sep = "";
    for (size_t k = i; k < napps; k++) {
      if (!same_platform(&ps[k], &ps[i]))
        continue;
      size_t e = k;
      while (e + 1 < napps && same_platform(&ps[e + 1], &ps[i]))
        e++;
      if (e > k)
        slg_buf_printf(&line, "%s%zu-%zu", sep, k + 1, e + 1);
      else
        slg_buf_printf(&line, "%s%zu", sep, k + 1);
      sep = ", ";
      k = e;
    }
    slg_buf_puts(&line, ": ");
    slg_platform_text(&ps[i], &line);
    slg_buf_printf(&line, " (%s)", ps[i].evidence);
    slg_text_wrap_hang(b, slg_buf_cstr(&line), 2, 11, width);
  }
  slg_buf_dispose(&line);
  free(ps);
}

/* The records read from relays' messages (layout.h), when there were
 * any: "  unwrapped from spark_submit.py 150, LineBufferedStream 3". */
static void unwrapped_line(const slg_report *rep, slg_buf *b)
{
  const char *sep = "  unwrapped from ";
  char n1[32];
  for (unsigned i = 0; i < SLG_MAX_RELAYS; i++) {
    if (!rep->acc->unwrapped[i])
      continue;
    slg_buf_puts(b, sep);
    slg_escape_str(b, slg_layout_relay_name(rep->layout, i), SLG_ESC_TEXT);
    slg_buf_printf(b, " %s", slg_fmt_count(rep->acc->unwrapped[i], n1));
    sep = ", ";
  }
  if (*sep == ',')
    slg_buf_putc(b, '\n');
}

static void input_section(const slg_report *rep, const slg_render_options *o,
                          slg_buf *b)
{
  const slg_accounting *a = rep->acc;
  char n1[32], n2[32], n3[32], n4[32], t1[32], t2[32];
  size_t width = o->width ? o->width : SLG_TEXT_WIDTH;
  heading(b, o->color, "Input");
  /* Many files (a directory): the first `top`, and those not read whole
   * (an error is never left out). */
  size_t limit = o->top ? o->top : 15, listed = 0;
  for (size_t i = 0; i < rep->nfiles; i++) {
    const slg_file_info *f = &rep->files[i];
    if (listed >= limit && !f->error)
      continue;
    listed++;
    /* The counts and the error first, so that the path gets the room
     * that is left (losing its middle when it is more); an error that
     * does not fit after them goes on a line of its own, whole. */
    slg_buf rest = SLG_BUF_INIT;
    slg_buf_printf(&rest, ": %s lines, %s", slg_fmt_count(f->lines, n1),
                   slg_fmt_bytes(f->bytes_read, n2));
    if (f->bytes_decoded != f->bytes_read)
      slg_buf_printf(&rest, " (%s decoded)",
                     slg_fmt_bytes(f->bytes_decoded, n3));
    char msg[96] = "";
    if (slg_error_has_offset(f->error))
      snprintf(msg, sizeof msg, "INCOMPLETE: %s at byte %llu",
               slg_strerror(f->error), (unsigned long long)f->error_offset);
    else if (f->error == SLG_EFORMAT && f->format)
      snprintf(msg, sizeof msg, "NOT READ: %s, %s", f->format,
               slg_strerror(f->error));
    else if (f->error)
      snprintf(msg, sizeof msg, "NOT READ: %s", slg_strerror(f->error));
    size_t used = 2 + slg_text_width(rest.ptr, rest.len);
    size_t pathw = slg_text_width(f->path, strlen(f->path));
    int own_line = *msg && used + pathw + 2 + strlen(msg) > width;
    if (*msg && !own_line)
      used += 2 + strlen(msg);
    slg_buf_puts(b, "  ");
    put_middle(b, f->path, used < width ? width - used : 0);
    slg_buf_put(b, rest.ptr, rest.len);
    if (*msg) {
      slg_buf_puts(b, own_line ? "\n    " : "  ");
      slg_styled(b, o->color, SLG_STYLE_RED, msg);
    }
    slg_buf_putc(b, '\n');
    slg_buf_dispose(&rest);
  }
  if (listed < rep->nfiles)
    slg_buf_printf(b, "  ... %zu more file%s (--format json lists all)\n",
                   rep->nfiles - listed, rep->nfiles - listed == 1 ? "" : "s");
  if (rep->nskipped) {
    /* Found in directories and not read: said once, with the reason. */
    slg_buf_printf(b, "  skipped %zu file%s in directories:\n", rep->nskipped,
                   rep->nskipped == 1 ? "" : "s");
    size_t shown = rep->nskipped < limit ? rep->nskipped : limit;
    for (size_t i = 0; i < shown; i++) {
      slg_buf_puts(b, "    ");
      slg_escape_str(b, rep->skipped[i].path, SLG_ESC_TEXT);
      slg_buf_printf(b, " (%s)\n", rep->skipped[i].reason);
    }
    if (shown < rep->nskipped)
      slg_buf_printf(b, "    ... %zu more (--format json lists all)\n",
                     rep->nskipped - shown);
  }
  slg_buf_printf(b, "  lines %s = records %s + continuation %s + "
                    "unrecognised %s\n",
                 slg_fmt_count(a->lines, n1), slg_fmt_count(a->records, n2),
                 slg_fmt_count(a->continuation_lines, n3),
                 slg_fmt_count(a->unrecognized_lines, n4));
  if (a->unrecognized_lines) {
    slg_buf_puts(b, "  unrecognised:");
    const char *sep = " ";
    for (int c = 0; c < SLG_UNRECOGNIZED_COUNT; c++) {
      if (!a->by_class[c])
        continue;
      slg_buf_printf(b, "%s%s %s", sep,
                     slg_unrecognized_key((slg_unrecognized)c),
                     slg_fmt_count(a->by_class[c], n1));
      sep = ", ";
    }
    slg_buf_putc(b, '\n');
  }
  unwrapped_line(rep, b);
  if (a->lines_cut)
    slg_buf_printf(b, "  %s lines longer than %zu bytes were cut for "
                      "parsing (still counted)\n",
                   slg_fmt_count(a->lines_cut, n1), rep->max_line);
  size_t nl = slg_layout_count(rep->layout);
  for (size_t i = 0; i <= SLG_MAX_LAYOUTS; i++) {
    if (!a->layout_records[i])
      continue;
    slg_buf_puts(b, "  layout ");
    put_middle(b,
               i < nl && i < SLG_MAX_LAYOUTS
                   ? slg_layout_pattern(rep->layout, (uint32_t)i)
                   : "(other shapes)",
               width - 30);
    slg_buf_printf(b, "  (%s records)\n",
                   slg_fmt_count(a->layout_records[i], n1));
  }
  const char *unmatched = slg_report_layout_unmatched(rep);
  if (unmatched) {
    slg_buf_puts(b, "  layout --layout '");
    slg_escape_str(b, unmatched, SLG_ESC_TEXT);
    slg_buf_puts(b, "' matched no line (layouts were detected instead)\n");
  }
  if (a->layout_limit_hits)
    slg_buf_printf(b, "  --layout gave up on %s lines (match limit); they "
                      "were read without it\n",
                   slg_fmt_count(a->layout_limit_hits, n1));
  if (a->timed_records)
    slg_buf_printf(b, "  time   %s -> %s\n", slg_fmt_time(&a->first, t1),
                   slg_fmt_time(&a->last, t2));
  if (a->gap_ms > 0) {
    /* The end's date only when it differs from the start's. */
    const char *from = slg_fmt_time(&a->gap_from, t1);
    const char *to = slg_fmt_time(&a->gap_to, t2);
    const char *space = strchr(from, ' ');
    if (space && strncmp(from, to, (size_t)(space - from) + 1) == 0)
      to += space - from + 1;
    slg_buf_printf(b, "  gap    %s without records, the longest (%s -> %s)\n",
                   slg_fmt_duration((double)a->gap_ms, n1), from, to);
  }
  if (a->time_steps_back) {
    /* Steps back are counted between records that both have a date or
     * both have none; midnight explains them only in the second case. */
    int dated = (a->first.flags & SLG_TIME_HAS_DATE) &&
                (a->last.flags & SLG_TIME_HAS_DATE);
    slg_buf_puts(b, "  time went backwards ");
    if (a->time_steps_back == 1)
      slg_buf_puts(b, "once");
    else
      slg_buf_printf(b, "%s times", slg_fmt_count(a->time_steps_back, n1));
    slg_buf_puts(b, dated ? " (lines written out of order, several runs in "
                            "one input, or clock skew)\n"
                          : " (midnight in a time-only layout, or clock "
                            "skew)\n");
  }
  slg_input_kind kind = slg_report_input_kind(rep);
  slg_buf_puts(b, "  kind   ");
  slg_styled(b, o->color,
             kind == SLG_INPUT_DRIVER ? SLG_STYLE_GREEN : SLG_STYLE_YELLOW,
             slg_input_kind_note(kind));
  slg_buf_putc(b, '\n');
  platform_line(rep, b, width);
  slg_buf_puts(b, "  levels");
  int any = 0;
  for (int l = 0; l < SLG_LEVEL_COUNT; l++) {
    if (!a->levels[l])
      continue;
    slg_buf_printf(b, " %s %s", slg_level_name((slg_level)l),
                   slg_fmt_count(a->levels[l], n1));
    any = 1;
  }
  if (!any)
    slg_buf_puts(b, " (none)");
  slg_buf_putc(b, '\n');
  uint64_t rejected = slg_model_rejected_events(rep->model);
  if (rejected)
    slg_buf_printf(b, "  %s scheduler events rejected (numbers too large "
                      "to be real)\n",
                   slg_fmt_count(rejected, n1));
}

/* The logger table's columns: the name and its count stay; the role,
 * the time span and the subsystem give way first on a narrow terminal. */
static const slg_col logger_cols[] = {
    {"COUNT", SLG_COL_RIGHT, 0, 0},   {"SHARE", SLG_COL_RIGHT, 6, 0},
    {"LOGGER", SLG_COL_SHRINK, 0, 24}, {"WARN", SLG_COL_RIGHT, 8, 0},
    {"ERROR", SLG_COL_RIGHT, 9, 0},   {"FIRST", 0, 3, 0},
    {"LAST", 0, 3, 0},                {"SUBSYSTEM", 0, 4, 0},
    {"ROLE", SLG_COL_SHRINK, 1, 20},
};

/* The logger table; `limit` rows (0 = all). */
static void loggers_table(const slg_report *rep, const slg_render_options *o,
                          slg_buf *b, size_t limit)
{
  const slg_histogram *h = rep->hist;
  size_t *order = slg_histogram_sorted(h);
  uint64_t total = rep->acc->records - rep->acc->records_without_logger;
  size_t rows = limit && limit < h->count ? limit : h->count;
  char n1[32], tmp[64];
  if (limit && rows < h->count)
    snprintf(tmp, sizeof tmp, "Loggers (top %zu of %zu)", rows, h->count);
  else
    snprintf(tmp, sizeof tmp, "Loggers (%zu)", h->count);
  heading(b, o->color, tmp);
  if (!h->count) {
    slg_buf_puts(b, "  no log records were recognised\n");
    free(order);
    return;
  }
  slg_table t;
  slg_table_init(&t, logger_cols, sizeof logger_cols / sizeof *logger_cols,
                 2, o->width, o->color);
  slg_buf role = SLG_BUF_INIT;
  for (int pass = 0; pass < 2; pass++) {
    if (pass) {
      slg_table_layout(&t);
      slg_table_header(&t, b);
    }
    for (size_t k = 0; k < rows; k++) {
      const slg_logger_stats *s = &h->loggers[order[k]];
      const slg_component *c = slg_knowledge_find(s->name, s->name_len);
      slg_table_cell_str(&t, slg_fmt_count(s->count, n1), NULL);
      snprintf(tmp, sizeof tmp, "%.1f%%",
               total ? 100.0 * (double)s->count / (double)total : 0.0);
      slg_table_cell_str(&t, tmp, NULL);
      slg_table_cell(&t, s->name, s->name_len, NULL);
      uint64_t warn = s->levels[SLG_LEVEL_WARN];
      uint64_t err = s->levels[SLG_LEVEL_ERROR] + s->levels[SLG_LEVEL_FATAL];
      slg_table_cell_str(&t, warn ? slg_fmt_count(warn, n1) : "-",
                         warn ? SLG_STYLE_YELLOW : NULL);
      slg_table_cell_str(&t, err ? slg_fmt_count(err, n1) : "-",
                         err ? SLG_STYLE_RED : NULL);
      slg_table_cell_str(&t, slg_fmt_time(&s->first, n1), NULL);
      slg_table_cell_str(&t, slg_fmt_time(&s->last, n1), NULL);
      slg_table_cell_str(&t, c ? c->subsystem : "-", NULL);
      slg_buf_clear(&role);
      slg_buf_puts(&role, c ? c->role : "-");
      if (c && c->inferred)
        slg_buf_puts(&role, " (inferred)");
      slg_table_cell(&t, role.ptr, role.len, NULL);
      slg_table_row(&t, pass ? b : NULL);
    }
  }
  slg_buf_dispose(&role);
  slg_table_dispose(&t);
  if (h->other_count)
    slg_buf_printf(b,
                   "  %s records from %s%llu more loggers (past the first "
                   "%zu distinct names)\n",
                   slg_fmt_count(h->other_count, n1),
                   h->other_distinct_exact ? "" : "at least ",
                   (unsigned long long)h->other_distinct, h->max_loggers);
  if (limit && rows < h->count)
    slg_buf_printf(b, "  ... %zu more; `sparklog loggers` lists all\n",
                   h->count - rows);
  free(order);
}

/*
 * The views that show one part of the report end with what the input did
 * not let us see, so a partial answer never passes for a whole one.
 */
static void caveats(const slg_report *rep, const slg_render_options *o,
                    slg_buf *out)
{
  /* Not report content: the CLI says them on stderr. */
  slg_buf *b = o->notes ? o->notes : out;
  int color = o->notes ? 0 : o->color;
  const slg_accounting *a = rep->acc;
  char n1[32], n2[32];
  slg_buf msg = SLG_BUF_INIT;
  for (size_t i = 0; i < rep->nfiles; i++) {
    const slg_file_info *f = &rep->files[i];
    if (!f->error)
      continue;
    slg_buf_clear(&msg);
    slg_buf_puts(&msg, "note: ");
    slg_escape(&msg, f->path, strlen(f->path), SLG_ESC_TEXT);
    if (slg_error_has_offset(f->error))
      slg_buf_printf(&msg, " was read only up to byte %llu (%s); the "
                           "report covers what came before",
                     (unsigned long long)f->error_offset,
                     slg_strerror(f->error));
    else if (f->error == SLG_EFORMAT && f->format)
      slg_buf_printf(&msg, " was not read: %s, %s", f->format,
                     slg_strerror(f->error));
    else
      slg_buf_printf(&msg, " could not be read (%s)", slg_strerror(f->error));
    slg_styled(b, color, SLG_STYLE_YELLOW, slg_buf_cstr(&msg));
    slg_buf_putc(b, '\n');
  }
  slg_buf_dispose(&msg);
  if (rep->nskipped) {
    /* The views without the Input section still say it once. */
    size_t limit = o->top ? o->top : 15;
    size_t shown = rep->nskipped < limit ? rep->nskipped : limit;
    slg_buf_printf(b, "note: skipped %zu file%s in directories:",
                   rep->nskipped, rep->nskipped == 1 ? "" : "s");
    for (size_t i = 0; i < shown; i++) {
      slg_buf_puts(b, i ? ", " : " ");
      slg_escape_str(b, rep->skipped[i].path, SLG_ESC_TEXT);
      slg_buf_printf(b, " (%s)", rep->skipped[i].reason);
    }
    if (shown < rep->nskipped)
      slg_buf_printf(b, " and %zu more", rep->nskipped - shown);
    slg_buf_putc(b, '\n');
  }
  if (a->unrecognized_lines)
    slg_buf_printf(b, "note: %s of %s lines were not recognised (see the "
                      "full report)\n",
                   slg_fmt_count(a->unrecognized_lines, n1),
                   slg_fmt_count(a->lines, n2));
  if (a->lines_cut)
    slg_buf_printf(b, "note: %s lines longer than %zu bytes were cut for "
                      "parsing\n",
                   slg_fmt_count(a->lines_cut, n1), rep->max_line);
}

/* A log without scheduler lines has no hierarchy to show: what to do
 * about it instead, for the kind of input it was. 1 when so. */
static int no_scheduler(const slg_report *rep, slg_buf *out, size_t width)
{
  if (slg_model_scheduler_lines(rep->model) != 0)
    return 0;
  slg_buf hint = SLG_BUF_INIT;
  slg_no_scheduler_hint(rep->model, slg_report_input_kind(rep), &hint);
  slg_text_wrap(out, slg_buf_cstr(&hint), 0, width);
  slg_buf_dispose(&hint);
  return 1;
}

static void render_view(const slg_report *rep, const slg_render_options *o,
                        slg_buf *out)
{
  switch (o->view) {
  case SLG_VIEW_LOGGERS:
    loggers_table(rep, o, out, 0);
    caveats(rep, o, out);
    return;
  case SLG_VIEW_JOBS:
    if (!no_scheduler(rep, out, o->width))
      slg_model_render_text_jobs(rep->model, out, o->color, o->width);
    caveats(rep, o, out);
    return;
  case SLG_VIEW_STAGES:
    if (!no_scheduler(rep, out, o->width))
      slg_model_render_text_stages(rep->model, out, o->color,
                                     o->width);
    caveats(rep, o, out);
    return;
  case SLG_VIEW_SHUFFLES:
    if (rep->analysis) {
      slg_render_text_ranking(rep, o, out, 0);
      if (slg_ranking_spans_apps(rep->analysis)) {
        /* What each APP number of the ranking is. */
        slg_buf_putc(out, '\n');
        slg_styled(out, o->color, SLG_STYLE_BOLD, "Applications");
        slg_buf_putc(out, '\n');
        slg_render_text_app_lines(rep, out, o->width);
      }
      slg_buf_putc(out, '\n');
      slg_render_text_findings(rep, o, out);
    }
    caveats(rep, o, out);
    return;
  case SLG_VIEW_CHECK:
    if (rep->analysis) {
      slg_render_text_verdict(rep, o, out);
      slg_buf_putc(out, '\n');
      slg_render_text_checks(rep, o, out);
      slg_buf_putc(out, '\n');
      slg_render_text_findings(rep, o, out);
    }
    caveats(rep, o, out);
    if (rep->analysis && rep->thresholds) {
      /* The gate's last word is the report's last line. */
      slg_buf_putc(out, '\n');
      slg_gate_sentence(rep, out);
      slg_buf_putc(out, '\n');
    }
    return;
  default:
    break;
  }
  if (rep->analysis) {
    slg_render_text_verdict(rep, o, out);
    slg_buf_putc(out, '\n');
    size_t before_time = out->len;
    slg_render_text_time(rep, o, out);
    if (out->len != before_time)
      slg_buf_putc(out, '\n');
    slg_render_text_ranking(rep, o, out, 5);
    slg_buf_putc(out, '\n');
    slg_render_text_findings(rep, o, out);
    slg_buf_putc(out, '\n');
  }
  slg_render_text_messages(rep, o, out);
  input_section(rep, o, out);
  slg_buf_putc(out, '\n');
  heading(out, o->color, "Scheduler");
  if (rep->analysis && slg_model_scheduler_lines(rep->model) == 0)
    slg_buf_puts(out, "  no scheduler lines: see the NO_SCHEDULER_LINES "
                      "finding above\n");
  else if (!no_scheduler(rep, out, o->width))
    slg_model_render_text_summary(rep->model, out, o->color);
  slg_render_text_io(rep, o, out);
  slg_buf_putc(out, '\n');
  slg_render_text_engine(rep, o, out);
  loggers_table(rep, o, out, o->top ? o->top : 15);
}

void slg_render_text(const slg_report *rep, const slg_render_options *o,
                     slg_buf *out)
{
  /* The sections fit the width themselves (tables, wrapped prose); what
   * a section did not foresee (a long number, a long name in a sentence)
   * is wrapped here, so that no line is ever wider. */
  size_t from = out->len;
  render_view(rep, o, out);
  slg_text_fit(out, from, o->width);
}
