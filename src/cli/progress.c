/*
 * progress.c - the progress line of a long read, on a terminal's stderr.
 *
 * "read 1.2 GiB of 3.4 GiB (35%), 512.0 MiB/s, 12,345,678 lines, 1,234
 * stages, ETA 4.3 s". The pipeline calls back after each window or chunk
 * it parsed (slg_pipeline_on_progress), never per line; the line is
 * drawn no sooner than the delay after the start (a short run shows
 * nothing) and at most every REDRAW_MS, through the one status line
 * (tty_line.c) that --follow draws too. The size, hence the share and
 * the ETA, is known when every input is a regular file: its bytes as
 * stored, so a gzip file counts its compressed bytes read; stdin and
 * FIFOs have none.
 */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <time.h>

#include "cli.h"
#include "format.h"
#include "model_types.h"
#include "pipeline.h"

#define REDRAW_MS 250

static int64_t now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t stages_of(const slg_pipeline *p)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(p->model, &napps);
  uint64_t n = 0;
  for (size_t i = 0; i < napps; i++)
    n += apps[i].nstages;
  return n;
}

static void draw(slg_progress_line *pr, int64_t now)
{
  char a[SLG_FMT_SIZE], b[SLG_FMT_SIZE], c[SLG_FMT_SIZE];
  uint64_t bytes = pr->done + pr->now_in;
  double secs = (double)(now - pr->start_ms) / 1000.0;
  slg_buf line = SLG_BUF_INIT;
  slg_buf_printf(&line, "read %s", slg_fmt_bytes(bytes, a));
  if (pr->total && bytes <= pr->total)
    slg_buf_printf(&line, " of %s (%u%%)", slg_fmt_bytes(pr->total, b),
                   (unsigned)(bytes * 100 / pr->total));
  if (secs > 0)
    slg_buf_printf(&line, ", %s/s",
                   slg_fmt_bytes((uint64_t)((double)bytes / secs), c));
  uint64_t lines = pr->lines_before + pr->p->acc.lines;
  uint64_t stages = pr->stages_before + stages_of(pr->p);
  slg_buf_printf(&line, ", %s line%s", slg_fmt_count(lines, a),
                 lines == 1 ? "" : "s");
  slg_buf_printf(&line, ", %s stage%s", slg_fmt_count(stages, b),
                 stages == 1 ? "" : "s");
  /* The average rate so far: steadier than the last window's. */
  if (pr->total && bytes > 0 && bytes < pr->total && secs > 0) {
    double left = (double)(pr->total - bytes) * secs / (double)bytes;
    slg_buf_printf(&line, ", ETA %s", slg_fmt_duration(left * 1000, c));
  }
  slg_tty_line_draw(line.ptr, line.len);
  slg_buf_dispose(&line);
  pr->last_ms = now;
}

static void maybe_draw(slg_progress_line *pr)
{
  int64_t now = now_ms();
  if (now - pr->start_ms < pr->delay_ms ||
      (pr->drawn && now - pr->last_ms < REDRAW_MS))
    return;
  pr->drawn = 1;
  draw(pr, now);
}

static void on_progress(void *ctx, uint64_t bytes_in)
{
  slg_progress_line *pr = ctx;
  pr->now_in = bytes_in;
  maybe_draw(pr);
}

void slg_progress_start(slg_progress_line *pr, int64_t delay_ms,
                        uint64_t total)
{
  memset(pr, 0, sizeof *pr);
  pr->start_ms = now_ms();
  pr->delay_ms = delay_ms;
  pr->total = total;
}

void slg_progress_attach(slg_progress_line *pr, slg_pipeline *p)
{
  if (pr->p) {
    /* --each: the run's counts go on across its pipelines. */
    pr->lines_before += pr->p->acc.lines;
    pr->stages_before += stages_of(pr->p);
  }
  pr->p = p;
  if (p)
    slg_pipeline_on_progress(p, on_progress, pr);
}

void slg_progress_file_end(slg_progress_line *pr, uint64_t bytes_read)
{
  pr->done += bytes_read;
  pr->now_in = 0;
  /* A small file parsed ahead on another thread (run/ahead.c) calls no
   * pipeline progress back: its end is the moment to draw. */
  if (pr->p)
    maybe_draw(pr);
}
