/*
 * follow.c - `sparklog --follow FILE`: read a log while it is written.
 *
 * The file is read to its end, then asked again every poll interval
 * (follow.h survives rotation and truncation). Each stage attempt and job
 * is written as it ends, as the jobs tree's rows (render_text_model.c);
 * on a terminal, stderr carries a status line rewritten in place. The
 * reading ends at SIGINT/SIGTERM, at --idle-exit (every application seen
 * has ended and no byte came for that long), or, for `check`, at the
 * first finding or limit that fails the gate (fail fast); main then
 * writes the report as for any other run.
 *
 * Test hook (--test-follow-sync DIR): instead of sleeping a poll
 * interval, the loop writes "idle BYTES\n" to the FIFO DIR/ack and reads
 * one byte from the FIFO DIR/ctl; each such wait counts as one poll
 * interval of the idle clock. A test then changes the file between two
 * polls, step by step, with no timing involved.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "cli.h"
#include "escape.h"
#include "findings.h"
#include "follow.h"
#include "model_types.h"
#include "pipeline.h"

#define POLL_MS 100
/* A gate or a status line costs a pass over the model's stages: not more
 * often than this while data keeps coming. */
#define ANALYSE_EVERY_MS 1000
#define STATUS_EVERY_MS 200

typedef struct follower {
  const slg_follow_options *o;
  slg_pipeline *p;
  slg_buf rows;         /* rows of the ends not yet written */
  size_t app_shown;     /* the application whose heading was written + 1 */
  int gate_now;         /* a failure ended: gate before reading on */
  int failed;           /* the gate failed */
  size_t findings;      /* at the last analysis */
  int64_t last_status, last_analysis;
  int data_since_analysis;
} follower;

static int64_t now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int failed_status(slg_status s)
{
  return s == SLG_STATUS_FAILED;
}

static void on_end(void *ctx, const slg_report *r, const slg_end *e)
{
  follower *f = ctx;
  size_t napps;
  const slg_app *apps = slg_model_apps(r->model, &napps);
  if (e->kind == SLG_END_APP || e->kind == SLG_END_BATCH || e->app >= napps)
    return;
  const slg_app *a = &apps[e->app];
  if (f->app_shown != e->app + 1) {
    slg_model_render_text_app_row(a, e->app, &f->rows);
    f->app_shown = e->app + 1;
  }
  if (e->kind == SLG_END_STAGE) {
    slg_model_render_text_stage_row(e->stage, e->attempt, &f->rows,
                                    f->o->color, f->o->width);
    if (failed_status(e->attempt->status))
      f->gate_now = 1;
  } else {
    slg_model_render_text_job_row(e->job, &f->rows, f->o->color,
                                  f->o->width);
    if (failed_status(e->job->status))
      f->gate_now = 1;
  }
}

static void clear_status(follower *f)
{
  (void)f;
  slg_tty_line_clear();
}

static void write_rows(follower *f)
{
  if (!f->rows.len)
    return;
  clear_status(f);
  FILE *to = f->o->rows_to_stdout ? stdout : stderr;
  /* A closed stdout is main's to notice (its last write): quiet here. */
  if (fwrite(f->rows.ptr, 1, f->rows.len, to) == f->rows.len)
    fflush(to);
  slg_buf_clear(&f->rows);
}

/* Runs the analysis of what was read so far: the findings count for the
 * status line and, for `check`, the gate. */
static void analyse(follower *f)
{
  slg_report rep;
  slg_pipeline_report(&rep, f->p);
  slg_analysis a;
  slg_analysis_run_folded(&a, rep.model, f->o->thresholds,
                          slg_report_input_kind(&rep),
                          slg_pipeline_fold(f->p));
  slg_findings_platform(&a, &rep);
  f->findings = a.nfindings;
  if (f->o->check && !f->o->thresholds->exit_zero &&
      slg_analysis_gate(&a, f->o->thresholds) == SLG_GATE_FAILED)
    f->failed = 1;
  slg_analysis_dispose(&a);
  f->data_since_analysis = 0;
  f->last_analysis = now_ms();
}

/* "following x.log: 2 stages running, tasks 40/64, 1 finding" */
static void draw_status(follower *f, const char *shown)
{
  uint64_t running = 0, done = 0, total = 0;
  size_t napps;
  const slg_app *apps = slg_model_apps(f->p->model, &napps);
  for (size_t i = 0; i < napps; i++)
    for (size_t k = 0; k < apps[i].nstages; k++) {
      const slg_stage *s = &apps[i].stages[k];
      for (size_t q = 0; q < s->nattempts; q++) {
        const slg_stage_attempt *t = &s->attempts[q];
        if (t->status != SLG_STATUS_RUNNING)
          continue;
        running++;
        done += t->tasks.succeeded;
        total += t->num_tasks;
      }
    }
  slg_buf line = SLG_BUF_INIT;
  slg_buf_puts(&line, "following ");
  slg_escape_str(&line, shown, SLG_ESC_TEXT);
  slg_buf_printf(&line, ": %llu stage%s running, tasks %llu/%llu, %zu "
                        "finding%s",
                 (unsigned long long)running, running == 1 ? "" : "s",
                 (unsigned long long)done, (unsigned long long)total,
                 f->findings, f->findings == 1 ? "" : "s");
  f->last_status = now_ms();
  slg_tty_line_draw(line.ptr, line.len); /* when it changed */
  slg_buf_dispose(&line);
}

/* Every application seen has logged its end (SparkContext stopped, the
 * shutdown hook ran); none seen counts as all ended. */
static int all_apps_ended(const slg_pipeline *p)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(p->model, &napps);
  for (size_t i = 0; i < napps; i++)
    if (!apps[i].sc_stop_pos.line && !apps[i].hook_called_pos.line)
      return 0;
  return 1;
}

/* The test hook's FIFOs, opened in this order (the test opens its ends
 * in the same order). */
typedef struct sync_fds {
  int ctl, ack;
} sync_fds;

static int open_sync(sync_fds *s, const char *dir)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/ctl", dir);
  s->ctl = open(path, O_RDONLY | O_CLOEXEC);
  snprintf(path, sizeof path, "%s/ack", dir);
  s->ack = s->ctl < 0 ? -1 : open(path, O_WRONLY | O_CLOEXEC);
  return s->ctl >= 0 && s->ack >= 0 ? 0 : -1;
}

/* One poll interval: slept, or, under the test hook, one step asked. */
static void wait_a_poll(sync_fds *s, uint64_t bytes)
{
  if (s->ctl < 0) {
    (void)poll(NULL, 0, POLL_MS); /* EINTR: the loop asks why */
    return;
  }
  char msg[40];
  int n = snprintf(msg, sizeof msg, "idle %llu\n", (unsigned long long)bytes);
  if (write(s->ack, msg, (size_t)n) != n) {
    close(s->ctl);
    s->ctl = -1; /* the test went away: plain polling from now on */
    return;
  }
  char c;
  ssize_t r = read(s->ctl, &c, 1);
  if (r == 0) {
    close(s->ctl);
    s->ctl = -1;
  }
}

int slg_cli_follow(slg_pipeline *p, const char *path,
                   const slg_follow_options *o)
{
  follower f;
  memset(&f, 0, sizeof f);
  f.o = o;
  f.p = p;
  slg_file_status st;
  memset(&st, 0, sizeof st);
  slg_pipeline_begin_file(p, path);
  slg_follow *fl = NULL;
  int rc = slg_follow_open(&fl, path);
  if (rc < 0) {
    if (rc == SLG_EFORMAT)
      slg_cli_error("%s: gzip-compressed; --follow reads a plain text log "
                    "as it is written", path);
    else
      slg_cli_error("%s: %s", path,
                    rc == SLG_EINVAL ? slg_strerror(rc) : strerror(errno));
    st.error = rc;
    slg_pipeline_end_file(p, &st);
    return SLG_EXIT_INPUT;
  }
  sync_fds sync = {-1, -1};
  if (o->sync_dir && open_sync(&sync, o->sync_dir) < 0) {
    slg_cli_error("--test-follow-sync: %s: %s", o->sync_dir,
                  strerror(errno));
    if (sync.ctl >= 0)
      close(sync.ctl);
    sync.ctl = -1;
  }
  int tty = isatty(STDERR_FILENO);
  slg_pipeline_on_end(p, on_end, &f);
  static char buf[64 * 1024];
  char last = '\n';
  int status = SLG_EXIT_OK;
  /* The idle clock: real time, or the test hook's steps. */
  int64_t clock = now_ms(), last_data = clock;
  for (;;) {
    if (o->stopped(NULL)) {
      st.error = SLG_EINTR;
      st.error_offset = slg_follow_bytes(fl);
      status = SLG_EXIT_INTERRUPTED;
      break;
    }
    slg_follow_event ev;
    ptrdiff_t n = slg_follow_read(fl, buf, sizeof buf, &ev);
    if (n > 0) {
      slg_pipeline_feed(p, buf, (size_t)n);
      last = buf[n - 1];
      f.data_since_analysis = 1;
      last_data = sync.ctl >= 0 ? clock : now_ms();
      write_rows(&f);
      if (f.gate_now && o->check) {
        f.gate_now = 0;
        analyse(&f);
      }
      if (f.failed)
        break;
      if (tty && now_ms() - f.last_status >= STATUS_EVERY_MS)
        draw_status(&f, path);
      continue;
    }
    if (n < 0) {
      slg_cli_error("%s: %s", path, strerror(errno));
      st.error = (int)n;
      st.error_offset = slg_follow_bytes(fl);
      status = SLG_EXIT_INPUT;
      break;
    }
    if (ev != SLG_FOLLOW_IDLE) {
      /* The old file's last line, if it lacked its newline, ends with
       * the file: it never runs into the new file's first line. */
      if (last != '\n') {
        slg_pipeline_feed(p, "\n", 1);
        last = '\n';
        write_rows(&f);
      }
      if (ev == SLG_FOLLOW_TRUNCATED) {
        clear_status(&f);
        slg_cli_error("warning: %s: truncated to %llu bytes; reading it "
                      "again from the start",
                      path, (unsigned long long)slg_follow_truncated_to(fl));
      }
      continue;
    }
    /* Caught up with the writer. */
    if (f.data_since_analysis && (o->check || tty) &&
        (sync.ctl >= 0 || now_ms() - f.last_analysis >= ANALYSE_EVERY_MS))
      analyse(&f);
    if (f.failed)
      break;
    if (tty)
      draw_status(&f, path);
    if (sync.ctl < 0)
      clock = now_ms();
    if (o->idle_exit_ms >= 0 && (double)(clock - last_data) >=
                                    o->idle_exit_ms && all_apps_ended(p))
      break;
    if (o->stopped(NULL))
      continue; /* a signal during the read: no wait */
    wait_a_poll(&sync, slg_follow_bytes(fl));
    if (sync.ctl >= 0)
      clock += POLL_MS;
  }
  clear_status(&f);
  write_rows(&f);
  slg_pipeline_on_end(p, NULL, NULL);
  if (sync.ctl >= 0)
    close(sync.ctl);
  if (sync.ack >= 0)
    close(sync.ack);
  st.bytes_read = st.bytes_decoded = slg_follow_bytes(fl);
  slg_follow_close(fl);
  slg_pipeline_end_file(p, &st);
  slg_buf_dispose(&f.rows);
  return status;
}
