/*
 * main.c - sparklog's entry point: read every input through the pipeline,
 * render the report, write it out, and choose the exit status.
 *
 * Input problems do not stop the run: an unreadable file is reported and
 * the others are still processed, and a corrupt gzip stream contributes
 * everything read before the damage. The exit status then says 3, so a
 * pipeline never mistakes a partial report for a whole one.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */

#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "cli.h"
#include "config.h"
#include "findings.h"
#include "escape.h"
#include "fastpath.h"
#include "knowledge.h"
#include "input.h"
#include "pipeline.h"
#include "run.h"

static int max_status(int a, int b) { return a > b ? a : b; }

/*
 * Plain files are read through mapped windows (input.h). If one shrinks
 * meanwhile (a log rotation truncating it), touching a page lost after
 * its window was populated raises SIGBUS (BUS_ADRERR: past the end of
 * the file). The handler maps a page of zeros there and returns: the
 * read goes on, finds the file shorter than it was and reports it shrunk
 * with the bytes before the new end (parallel.c, shrunk_end). Any other
 * SIGBUS, or a page that cannot be mapped, ends the run with an input
 * error naming the file, not a crash. The message is built before the
 * read, as a handler may only make system calls.
 */
/* The --output destinations, for the paths that end the run at once
 * (signals, out of memory): their temporary files go (unlink(2) only). */
static slg_output *live_outputs;
static size_t live_noutputs;

static void remove_temps(void)
{
  for (size_t i = 0; i < live_noutputs; i++)
    if (live_outputs[i].temp[0])
      (void)unlink(live_outputs[i].temp);
}

static char sigbus_message[4200];
static volatile size_t sigbus_message_len;
static uintptr_t sigbus_page; /* the page size, for the handler */

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
  (void)sig;
  (void)uc;
  if (si->si_code == BUS_ADRERR && si->si_addr && sigbus_page) {
    uintptr_t a = (uintptr_t)si->si_addr & ~(sigbus_page - 1);
    if (mmap((void *)a, (size_t)sigbus_page, PROT_READ,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
             0) != MAP_FAILED)
      return;
  }
  if (sigbus_message_len)
    (void)!write(STDERR_FILENO, sigbus_message, sigbus_message_len);
  remove_temps();
  _exit(SLG_EXIT_INPUT);
}

static void sigbus_names(const char *shown)
{
  slg_buf m = SLG_BUF_INIT;
  slg_buf_puts(&m, "sparklog: ");
  slg_escape_str(&m, shown, SLG_ESC_TEXT);
  slg_buf_puts(&m, ": the file shrank while it was read (truncated?); no "
                   "report; --no-mmap reads it without mapping\n");
  sigbus_message_len = 0;
  if (m.len < sizeof sigbus_message) {
    memcpy(sigbus_message, m.ptr, m.len);
    sigbus_message_len = m.len;
  }
  slg_buf_dispose(&m);
}

/*
 * SIGINT and SIGTERM end the reading, not the run: the handler sets a
 * flag that the reading threads ask between windows and when a read is
 * interrupted; the report then covers what was read, is marked
 * incomplete, is written (a regular --output renamed over its target as
 * always) and the status is 130. A second signal ends the run at once,
 * the temporary output files removed.
 */
static volatile sig_atomic_t interrupted;

/* Ends the run by the signal itself, its default action restored: the
 * shell then sees 128 + sig (130, 143) and knows the run was stopped
 * (a script's `wait` or bash's own SIGINT handling tell it from an exit
 * status). Async-signal-safe. */
static void die_of(int sig)
{
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
  _exit(128 + sig); /* not reached */
}

static void on_stop(int sig)
{
  if (interrupted) {
    remove_temps();
    die_of(sig);
    return;
  }
  interrupted = sig;
}

static int stop_asked(void *ctx)
{
  (void)ctx;
  return interrupted != 0;
}

/* The FIFO has had no writer for two seconds: said once, waited on. */
static void no_writer_yet(void *ctx)
{
  slg_cli_error("waiting for a writer on %s", (const char *)ctx);
}

/* "x.zst: zstd-compressed, not plain text or gzip; try: zstd -dc x.zst |
 * sparklog" (for stdin: "... | zstd -dc | sparklog"). */
static void format_error(const char *shown, const char *path,
                         const slg_reader *r, slg_file_status *st)
{
  const char *what = slg_reader_format(r);
  const char *cmd = slg_reader_format_command(r);
  st->format = what;
  if (cmd == NULL)
    slg_cli_error("%s: %s, %s", shown, what, slg_strerror(SLG_EFORMAT));
  else if (strcmp(path, "-") == 0)
    slg_cli_error("%s: %s, %s; try: ... | %s | sparklog", shown, what,
                  slg_strerror(SLG_EFORMAT), cmd);
  else {
    /* The path as a shell word: quoted unless every byte is safe. */
    slg_buf word = SLG_BUF_INIT;
    int safe = *path != '\0';
    for (const char *c = path; *c; c++)
      if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  "0123456789._-/+=:,@%",
                  *c))
        safe = 0;
    if (safe) {
      slg_buf_puts(&word, path);
    } else {
      slg_buf_putc(&word, '\'');
      for (const char *c = path; *c; c++)
        if (*c == '\'')
          slg_buf_puts(&word, "'\\''");
        else
          slg_buf_putc(&word, *c);
      slg_buf_putc(&word, '\'');
    }
    slg_cli_error("%s: %s, %s; try: %s %s | sparklog", shown, what,
                  slg_strerror(SLG_EFORMAT), cmd, slg_buf_cstr(&word));
    slg_buf_dispose(&word);
  }
}

/* The progress line, or NULL when none is drawn (progress.c). */
static slg_progress_line *progress;

/* Reads path into p: through `ahead` when it holds index i (opened and
 * parsed there, in order), else opened here. */
static int read_input(slg_pipeline *p, const char *path, slg_ahead *ahead,
                      size_t i)
{
  const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
  slg_reader *r = NULL;
  slg_file_status st;
  memset(&st, 0, sizeof st);
  slg_pipeline_begin_file(p, shown);
  sigbus_names(shown);
  slg_reader_hooks hooks = {stop_asked, no_writer_yet, (void *)shown, 2000};
  int via = slg_ahead_has(ahead, i);
  int rc = via ? slg_ahead_open(ahead, i, &r)
               : slg_reader_open_hooked(&r, path, &hooks);
  if (rc == SLG_EINTR) {
    st.error = rc;
    slg_pipeline_end_file(p, &st);
    return SLG_EXIT_INTERRUPTED;
  }
  if (rc < 0) {
    slg_cli_error("%s: %s", shown,
                  rc == SLG_ENOENT || rc == SLG_EACCES || rc == SLG_EIO
                      ? strerror(errno)
                      : slg_strerror(rc));
    st.error = rc;
    slg_pipeline_end_file(p, &st);
    return SLG_EXIT_INPUT;
  }
  ptrdiff_t n =
      via ? slg_ahead_read(ahead, i, p, r) : slg_pipeline_read(p, r);
  st.bytes_read = slg_reader_bytes_read(r);
  st.bytes_decoded = slg_reader_bytes_decoded(r);
  if (progress)
    slg_progress_file_end(progress, st.bytes_read);
  int status = SLG_EXIT_OK;
  if (n == SLG_EINTR) {
    /* Said once for the run, after the reading (main). */
    st.error = (int)n;
    st.error_offset = slg_reader_error_offset(r);
    status = SLG_EXIT_INTERRUPTED;
  } else if (n == SLG_ESHRANK) {
    st.error = (int)n;
    st.error_offset = slg_reader_error_offset(r);
    slg_cli_error("%s: the file shrank to %llu bytes while it was read "
                  "(truncated?); the report covers the %llu bytes read, "
                  "marked incomplete",
                  shown, (unsigned long long)st.error_offset,
                  (unsigned long long)st.bytes_read);
    status = SLG_EXIT_INPUT;
  } else if (n < 0) {
    st.error = (int)n;
    st.error_offset = slg_reader_error_offset(r);
    if (n == SLG_ECORRUPT || n == SLG_ETRAILING)
      slg_cli_error("%s: %s at byte %llu", shown, slg_strerror((int)n),
                    (unsigned long long)st.error_offset);
    else if (n == SLG_EFORMAT)
      format_error(shown, path, r, &st);
    else
      slg_cli_error("%s: %s", shown, strerror(errno));
    status = SLG_EXIT_INPUT;
  }
  slg_reader_close(r);
  slg_pipeline_end_file(p, &st);
  return status;
}

/* Set when stdout's reader went away (EPIPE): nothing more goes there. */
static int stdout_closed;

/*
 * Writes the whole buffer. A closed stdout (EPIPE: `sparklog x | head`)
 * is not an error for a filter: stdout gets nothing more, nothing is
 * printed, and the run ends with the status it has otherwise (so `check`
 * still fails a failed run). EPIPE on an --output destination, a full
 * disk or any other failure is a write error naming the destination
 * (status 4).
 */
static int write_out(FILE *f, const char *what, const char *data, size_t n,
                     int flush)
{
  if (f == stdout && stdout_closed)
    return SLG_EXIT_OK;
  if (n && fwrite(data, 1, n, f) != n)
    goto fail;
  if (flush && fflush(f) != 0)
    goto fail;
  return SLG_EXIT_OK;
fail:
  if (errno == EPIPE && f == stdout) {
    stdout_closed = 1;
    return SLG_EXIT_OK;
  }
  slg_cli_error("%s: write error: %s", what, strerror(errno));
  return SLG_EXIT_WRITE;
}

static int write_all(FILE *f, const char *what, const char *data, size_t n)
{
  return write_out(f, what, data, n, 1);
}

/*
 * A JSON report streams to its destination: the renderer's buffer hands
 * over what it holds each time it would pass STREAM_BOUND bytes, so the
 * report of a million stages is never held whole (docs/reliability.md).
 * The other formats are small and rendered whole.
 */
#define STREAM_BOUND ((size_t)1 << 20)

/*
 * The ndjson stream (--format ndjson, -o ndjson=PATH): the lines the end
 * callbacks write go out at once, through stdio's buffer, which is
 * flushed when the input goes idle (a pipe's writer pauses) and at the
 * end: `tail -f log | sparklog -f ndjson` shows each job as it ends, and
 * a file read at full speed costs no write per line.
 */
typedef struct ndjson_sink {
  slg_ndjson *w;
  const slg_pipeline *p;
  slg_buf buf;
  int to_stdout;
  slg_output *outs[SLG_MAX_OUTPUTS]; /* -o ndjson=PATH destinations */
  size_t nouts;
  int status; /* the stream's write status (said once) */
  int header_done;
} ndjson_sink;

static void ndjson_put(ndjson_sink *k, const char *data, size_t n,
                       int flush)
{
  if (k->to_stdout && k->status == SLG_EXIT_OK)
    k->status = write_out(stdout, "stdout", data, n, flush);
  /* An --output file's write error is said when it is closed
   * (slg_output_write asks ferror). */
  for (size_t i = 0; i < k->nouts; i++) {
    FILE *f = k->outs[i]->file;
    if (f && n)
      (void)!fwrite(data, 1, n, f);
    if (f && flush)
      fflush(f);
  }
}

/* The stream's buffer as a sink: the closing lines of a long run (a
 * million stages' shuffles, rankings, findings) go out as they are
 * written, never held whole. */
static int ndjson_sink_put(void *ctx, const char *data, size_t n)
{
  ndjson_put(ctx, data, n, 0);
  return 0;
}

static void ndjson_emit(ndjson_sink *k, int flush)
{
  ndjson_put(k, k->buf.ptr, k->buf.len, flush);
  slg_buf_clear(&k->buf);
}

static void ndjson_end(void *ctx, const slg_report *r, const slg_end *e)
{
  ndjson_sink *k = ctx;
  slg_ndjson_on_end(k->w, r, e);
  if (k->buf.len)
    ndjson_emit(k, 0);
}

/* The input went idle: what waits is written, and all of it flushed. */
static void ndjson_idle(void *ctx)
{
  ndjson_sink *k = ctx;
  slg_report rep;
  slg_pipeline_report(&rep, k->p);
  slg_ndjson_flush(k->w, &rep);
  ndjson_emit(k, 1);
}

static const char *command_name(slg_command c)
{
  switch (c) {
  case SLG_CMD_LOGGERS: return "loggers";
  case SLG_CMD_JOBS: return "jobs";
  case SLG_CMD_STAGES: return "stages";
  case SLG_CMD_SHUFFLES: return "shuffles";
  case SLG_CMD_CHECK: return "check";
  default: return "report";
  }
}

/* The stream's writer for pipeline p (one per pipeline: --each makes one
 * per file), its end and idle callbacks registered; the header line is
 * written once, before the first. */
static void ndjson_attach(ndjson_sink *k, slg_pipeline *p,
                          const char *command, const slg_options *opt)
{
  k->w = slg_ndjson_new(&k->buf);
  k->p = p;
  slg_buf_set_sink(&k->buf, ndjson_sink_put, k, STREAM_BOUND);
  if (!k->header_done) {
    slg_ndjson_header(k->w, command, opt);
    ndjson_emit(k, 1);
    k->header_done = 1;
  }
  slg_pipeline_on_end(p, ndjson_end, k);
  slg_pipeline_on_idle(p, ndjson_idle, k);
}


/* stdout as a buffer's sink: write_all, whose status it keeps. */
static int sink_stdout(void *ctx, const char *data, size_t n)
{
  int *status = ctx;
  int st = write_all(stdout, "stdout", data, n);
  if (st == SLG_EXIT_OK)
    return 0;
  *status = st;
  return -1;
}

static int sink_output(void *ctx, const char *data, size_t n)
{
  return slg_output_put(ctx, data, n);
}

/* `sparklog explain [NAME]`. */
static int explain(const slg_cli *cli, slg_buf *out)
{
  if (cli->format != SLG_FORMAT_TEXT && cli->format != SLG_FORMAT_JSON) {
    slg_cli_error("explain: --format text or json");
    return SLG_EXIT_USAGE;
  }
  const slg_component *c = NULL;
  if (cli->explain_name) {
    c = slg_knowledge_lookup(cli->explain_name);
    if (!c) {
      slg_cli_error("explain: no component named '%s' (sparklog explain "
                    "lists them all)",
                    cli->explain_name);
      return SLG_EXIT_USAGE;
    }
  }
  slg_render_explain(c, cli->format, slg_cli_text_width(cli->width), out);
  return SLG_EXIT_OK;
}

/* --fastpath-counts: "name hits", one line per registry row. */
static void print_fastpath_counts(void)
{
  for (int i = 0; i < SLG_FP_COUNT; i++)
    fprintf(stderr, "%s %llu\n", slg_fastpath_name((slg_fastpath)i),
            (unsigned long long)slg_fastpath_hits((slg_fastpath)i));
}

static int use_color(const slg_cli *cli)
{
  if (cli->color >= 0)
    return cli->color;
  const char *no_color = getenv("NO_COLOR");
  if (no_color && *no_color)
    return 0;
  const char *term = getenv("TERM");
  if (term && strcmp(term, "dumb") == 0)
    return 0;
  return isatty(STDOUT_FILENO);
}

/* The report's notes (already escaped), each line as "sparklog: note:
 * ..." on stderr. */
static void print_notes(const slg_buf *notes)
{
  const char *p = notes->ptr, *end = notes->ptr + notes->len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    fputs("sparklog: ", stderr);
    fwrite(p, 1, n, stderr);
    fputc('\n', stderr);
    p += n + 1;
  }
}

/* What the reading did without (ulimit -v): one line, once. */
static void print_read_notes(const slg_read_notes *n)
{
  if (!n->threads_wanted && !n->unmapped && !n->ring_wanted)
    return;
  slg_buf m = SLG_BUF_INIT;
  slg_buf_puts(&m, "note: short of resources (ulimit -v?), read with");
  const char *sep = " ";
  if (n->threads_wanted) {
    slg_buf_printf(&m, "%s%u of %u threads", sep, n->threads_had,
                   n->threads_wanted);
    sep = ", ";
  }
  if (n->ring_wanted) {
    slg_buf_printf(&m, "%s%zu of %zu chunks ahead", sep, n->ring_had,
                   n->ring_wanted);
    sep = ", ";
  }
  if (n->unmapped)
    slg_buf_printf(&m, "%spread instead of mapping (%llu MiB)", sep,
                   (unsigned long long)(n->unmapped >> 20));
  slg_buf_puts(&m, "; the report is the same");
  slg_cli_error("%s", slg_buf_cstr(&m));
  slg_buf_dispose(&m);
}

/* An allocation that failed though threads, stacks and mappings were
 * sized to the limits: one line, status 5 (write(2): malloc is out). */
static void out_of_memory(size_t n)
{
  char msg[160];
  int k = snprintf(msg, sizeof msg,
                   "sparklog: out of memory (allocating %zu bytes); fewer "
                   "threads (-j 1) need less\n",
                   n);
  if (k > 0)
    (void)!write(STDERR_FILENO, msg, (size_t)k);
  remove_temps();
  _exit(SLG_EXIT_RESOURCES);
}

/* --each's header over one file's report (text, markdown, github): the
 * file's name between "==>" and "<==" as head(1) writes it, a blank line
 * before all but the first. */
static void each_header(slg_buf *b, const char *path, int not_first)
{
  if (not_first)
    slg_buf_putc(b, '\n');
  slg_buf_puts(b, "==> ");
  slg_escape_str(b, path, SLG_ESC_TEXT);
  slg_buf_puts(b, " <==\n");
}

/* What one report needs besides the pipeline (main, emit). */
typedef struct run_ctx {
  const slg_cli *cli;
  const slg_thresholds *thresholds;
  slg_output *outputs;
  slg_buf pending[SLG_MAX_OUTPUTS]; /* each --output's text so far */
  const slg_skipped_file *skipped;
  size_t nskipped;
  int color;
  size_t width; /* stdout's text columns */
  int said_interrupted, said_skipped, stdout_used;
  ndjson_sink *nd; /* the ndjson stream, NULL when none is written */
} run_ctx;

/*
 * Finishes p's input, analyses it and renders the report: stdout at once,
 * each --output into its pending text. `each`: one of several reports
 * (--each), preceded in text by a header naming its file, one JSON
 * document per line. Returns the status the report calls for.
 */
static int emit(run_ctx *run, slg_pipeline *p, int each)
{
  const slg_cli *cli = run->cli;
  int status = SLG_EXIT_OK;
  slg_tty_line_clear(); /* the report never starts inside the line */
  slg_pipeline_finish(p);
  if (interrupted && !run->said_interrupted) {
    run->said_interrupted = 1;
    slg_cli_error("interrupted (%s); the report covers what was read "
                  "and is marked incomplete",
                  interrupted == SIGTERM ? "SIGTERM" : "SIGINT");
    status = SLG_EXIT_INTERRUPTED;
  }
  print_read_notes(&p->notes);

  slg_render_options ro;
  memset(&ro, 0, sizeof ro);
  ro.top = cli->top;
  ro.width = cli->width ? cli->width : SLG_TEXT_WIDTH; /* --output files */
  ro.pretty = !each;
  switch (cli->command) {
  case SLG_CMD_LOGGERS: ro.view = SLG_VIEW_LOGGERS; break;
  case SLG_CMD_JOBS: ro.view = SLG_VIEW_JOBS; break;
  case SLG_CMD_STAGES: ro.view = SLG_VIEW_STAGES; break;
  case SLG_CMD_SHUFFLES: ro.view = SLG_VIEW_SHUFFLES; break;
  case SLG_CMD_CHECK: ro.view = SLG_VIEW_CHECK; break;
  default: ro.view = SLG_VIEW_REPORT; break;
  }
  slg_report rep;
  slg_pipeline_report(&rep, p);
  /* The skipped files belong to the run: said once, in the merged report
   * or in the first of --each's. */
  if (!each || !run->said_skipped) {
    rep.skipped = run->skipped;
    rep.nskipped = run->nskipped;
    run->said_skipped = 1;
  }
  const char *unmatched = slg_report_layout_unmatched(&rep);
  if (unmatched)
    slg_cli_error("warning: --layout '%s' matched no line; layouts were "
                  "detected instead", unmatched);
  slg_analysis analysis;
  slg_analysis_run_folded(&analysis, rep.model, run->thresholds,
                          slg_report_input_kind(&rep), slg_pipeline_fold(p));
  slg_findings_platform(&analysis, &rep);
  rep.analysis = &analysis;
  rep.thresholds = run->thresholds;
  if (run->nd && run->nd->w) {
    /* The stream's closing lines: this pipeline's files, applications,
     * findings and summary. */
    slg_ndjson_finish(run->nd->w, &rep, &ro);
    ndjson_emit(run->nd, 1);
    status = max_status(status, run->nd->status);
    slg_ndjson_free(run->nd->w);
    run->nd->w = NULL;
  }

  slg_buf out = SLG_BUF_INIT, notes = SLG_BUF_INIT;
  const char *path = rep.nfiles ? rep.files[0].path : "";
  for (size_t i = 0; i < cli->noutputs; i++) {
    const slg_output_spec *spec = &cli->outputs[i];
    if (spec->format == SLG_FORMAT_NDJSON)
      continue; /* streamed */
    ro.color = 0;
    if (spec->format == SLG_FORMAT_JSON) {
      /* Into the file as it is rendered; closed with the others. */
      slg_buf doc = SLG_BUF_INIT;
      slg_buf_set_sink(&doc, sink_output, &run->outputs[i], STREAM_BOUND);
      slg_render(&rep, &ro, spec->format, &doc);
      slg_buf_flush(&doc);
      slg_buf_dispose(&doc);
      continue;
    }
    if (each && spec->format != SLG_FORMAT_JSON)
      each_header(&run->pending[i], path, run->pending[i].len != 0);
    slg_render(&rep, &ro, spec->format, &run->pending[i]);
  }
  ro.color = cli->format == SLG_FORMAT_TEXT ? run->color : 0;
  ro.width = run->width;
  /* When no input could be read at all, stdout gets no text report: the
   * errors on stderr are the whole story, and a report of nothing would
   * read as a run that had nothing wrong. A machine format is still
   * written, as the --output files are: its input failure is what a CI
   * system shows. */
  int nothing_read = rep.nfiles > 0 && cli->format == SLG_FORMAT_TEXT;
  for (size_t i = 0; i < rep.nfiles && nothing_read; i++)
    nothing_read = rep.files[i].error != 0 && rep.files[i].bytes_read == 0;
  int streamed = cli->format == SLG_FORMAT_NDJSON && !cli->quiet;
  if (each && cli->format != SLG_FORMAT_JSON && !streamed && !nothing_read) {
    each_header(&out, path, run->stdout_used);
    run->stdout_used = 1;
  }
  if (nothing_read || streamed) {
    /* nothing (more) on stdout */
  } else if (cli->quiet) {
    slg_gate_sentence(&rep, &out);
    slg_buf_putc(&out, '\n');
  } else if (cli->format == SLG_FORMAT_JSON) {
    /* Written as it is rendered: nothing is left for write_all (whose
     * flush would say a failed write a second time). */
    int st = SLG_EXIT_OK;
    streamed = 1;
    slg_buf_set_sink(&out, sink_stdout, &st, STREAM_BOUND);
    slg_render(&rep, &ro, cli->format, &out);
    slg_buf_flush(&out);
    slg_buf_set_sink(&out, NULL, NULL, 0);
    status = max_status(status, st);
  } else {
    /* The text views' notes are not the report: stderr, after it. */
    ro.notes = cli->format == SLG_FORMAT_TEXT ? &notes : NULL;
    slg_render(&rep, &ro, cli->format, &out);
    ro.notes = NULL;
  }
  /* --each writes each report as it is made: not through a pager. */
  int paged = 0;
  /* --follow wrote its rows to the terminal already: the report goes
   * after them, not into a pager. */
  if (!each && !cli->no_pager && !cli->follow && !cli->quiet &&
      cli->format == SLG_FORMAT_TEXT && out.len) {
    int closed = 0;
    paged = slg_pager_write(out.ptr, out.len, &closed) == 0;
    stdout_closed |= closed;
  }
  if (!paged && !streamed)
    status = max_status(status, write_all(stdout, "stdout", out.ptr,
                                          out.len));
  slg_buf_dispose(&out);
  /* They qualify the report: not said when its reader has gone. */
  if (!stdout_closed)
    print_notes(&notes);
  slg_buf_dispose(&notes);

  if (cli->command == SLG_CMD_CHECK) {
    /* A gate never passes vacuously: input with no Spark application
     * (no scheduler line, no application start, no failure statement)
     * is unusable unless --allow-empty; unreadable input already set 3.
     * A recognised failure always fails the check (status 1), whatever
     * --allow-empty says. */
    slg_gate gate = slg_analysis_gate(&analysis, run->thresholds);
    if (gate == SLG_GATE_EMPTY && nothing_read) {
      status = max_status(status, SLG_EXIT_INPUT);
    } else if (gate == SLG_GATE_EMPTY) {
      if (each)
        slg_cli_error("check: %s shows no Spark application, so it "
                      "cannot pass (--allow-empty accepts that)", path);
      else
        slg_cli_error("check: the input shows no Spark application, so it "
                      "cannot pass (--allow-empty accepts that)");
      status = max_status(status, SLG_EXIT_INPUT);
    } else if (gate == SLG_GATE_FAILED) {
      /* A failing gate says so on stderr too, where a CI log shows it
       * whatever became of stdout; unless both are this terminal and the
       * text on stdout already ended with it, or stdout's reader left
       * (EPIPE: nothing more is said). */
      if (!stdout_closed &&
          !(isatty(STDOUT_FILENO) && isatty(STDERR_FILENO) &&
            (cli->quiet || cli->format == SLG_FORMAT_TEXT))) {
        slg_buf line = SLG_BUF_INIT;
        if (each) {
          slg_escape_str(&line, path, SLG_ESC_TEXT);
          slg_buf_puts(&line, ": ");
        }
        slg_gate_sentence(&rep, &line);
        slg_buf_putc(&line, '\n');
        fwrite(line.ptr, 1, line.len, stderr);
        slg_buf_dispose(&line);
      }
      if (!run->thresholds->exit_zero)
        status = max_status(status, SLG_EXIT_CHECK_FAILED);
    }
  }
  slg_analysis_dispose(&analysis);
  return status;
}

int main(int argc, char **argv)
{
  slg_set_out_of_memory(out_of_memory);
  slg_cli cli;
  int status = slg_cli_parse(&cli, argc, argv);
  if (status != 0) {
    free(cli.files);
    return status < 0 ? SLG_EXIT_OK : status;
  }
  /* A closed stdout must end the run quietly: handle EPIPE, not the
   * signal. */
  signal(SIGPIPE, SIG_IGN);
  /* A file size limit (ulimit -f) is a write error (EFBIG, status 4),
   * not death by SIGXFSZ with an output half written. */
  signal(SIGXFSZ, SIG_IGN);
#if defined(__GLIBC__)
  /* Under an address-space limit (ulimit -v), one malloc arena: glibc
   * gives each allocating thread an arena of 64 MiB of address space,
   * and an arena that cannot grow fails an allocation the limit allows. */
  struct rlimit as;
  if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
    mallopt(M_ARENA_MAX, 1);
#endif
  /* sigaction, not signal(): under strict C11 glibc's signal() has
   * System V semantics, resetting the handler at the first delivery, so
   * a second thread touching a lost page at the same moment would die of
   * the signal before the first one's _exit. Here the handler stays. */
  struct sigaction bus;
  memset(&bus, 0, sizeof bus);
  long page = sysconf(_SC_PAGESIZE);
  sigbus_page = page > 0 ? (uintptr_t)page : 0;
  bus.sa_sigaction = on_sigbus;
  bus.sa_flags = SA_SIGINFO;
  sigemptyset(&bus.sa_mask);
  sigaction(SIGBUS, &bus, NULL);

  slg_buf out = SLG_BUF_INIT;
  if (cli.command == SLG_CMD_EXPLAIN) {
    status = explain(&cli, &out);
    status = max_status(status, write_all(stdout, "stdout", out.ptr, out.len));
    slg_buf_dispose(&out);
    free(cli.files);
    return status;
  }

  slg_thresholds thresholds;
  char config_path[4096];
  /* Only the gate reads a config file: a report is the same wherever
   * it is made. */
  int read_file = cli.command == SLG_CMD_CHECK || cli.print_config;
  if (slg_cli_thresholds(&cli, &thresholds, read_file, config_path,
                         sizeof config_path) != 0) {
    free(cli.files);
    return SLG_EXIT_USAGE;
  }
  if (cli.print_config) {
    slg_buf_printf(&out, "# effective configuration (%s)\n",
                   config_path[0] ? config_path : "no config file");
    slg_config_print(&thresholds, &out);
    status = write_all(stdout, "stdout", out.ptr, out.len);
    slg_buf_dispose(&out);
    free(cli.files);
    return status;
  }

  if (cli.follow) {
    /* One regular file: stdin and FIFOs are read to their end without
     * --follow (a pipe already follows its writer). */
    struct stat fst;
    if (cli.nfiles != 1 || strcmp(cli.files[0], "-") == 0 ||
        (stat(cli.files[0], &fst) == 0 && !S_ISREG(fst.st_mode))) {
      slg_cli_error("--follow: name one regular file (stdin and FIFOs are "
                    "read to their end without --follow)");
      free(cli.files);
      return SLG_EXIT_USAGE;
    }
  }

  /* The outputs before the inputs: a path that cannot be written is said
   * now, not after the parse. */
  static slg_output outputs[SLG_MAX_OUTPUTS];
  for (size_t i = 0; i < cli.noutputs; i++) {
    slg_output_open(&outputs[i], &cli.outputs[i]);
    if (!outputs[i].file) {
      slg_cli_error("%s: %s", cli.outputs[i].path,
                    strerror(outputs[i].error));
      status = max_status(status, SLG_EXIT_WRITE);
    }
  }

  live_outputs = outputs;
  live_noutputs = cli.noutputs;
  struct sigaction stop;
  memset(&stop, 0, sizeof stop);
  stop.sa_handler = on_stop;
  sigemptyset(&stop.sa_mask);
  /* No SA_RESTART: a read waiting for a pipe returns EINTR. A SIGINT
   * ignored from the start (a script's background job) stays ignored. */
  struct sigaction old;
  if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
    sigaction(SIGINT, &stop, NULL);
  sigaction(SIGTERM, &stop, NULL);
  cli.options.stopped = stop_asked;

  /* The ndjson stream alone is written as the log is read: a stage it
   * wrote can leave the model (model.h slg_model_set_fold_held). */
  int stream_only = cli.format == SLG_FORMAT_NDJSON;
  for (size_t i = 0; i < cli.noutputs; i++)
    stream_only &= cli.outputs[i].format == SLG_FORMAT_NDJSON;
  if (stream_only)
    cli.options.fold_held = SLG_NDJSON_HELD;

  char err[256] = "";
  slg_pipeline *p = NULL;
  if (slg_pipeline_new(&p, &cli.options, err) < 0) {
    slg_cli_error("--layout: %s", err);
    for (size_t i = 0; i < cli.noutputs; i++)
      slg_output_abandon(&outputs[i]);
    free(cli.files);
    return SLG_EXIT_USAGE;
  }
  if (cli.nfiles == 0 && isatty(STDIN_FILENO)) {
    /* Bare "sparklog" at a prompt would wait on the keyboard without a
     * word: say how it is used instead. */
    slg_cli_error("no input: name log files, or pipe a log in");
    slg_cli_usage(stderr);
    for (size_t i = 0; i < cli.noutputs; i++)
      slg_output_abandon(&outputs[i]);
    slg_pipeline_free(p);
    free(cli.files);
    return SLG_EXIT_USAGE;
  }
  if (cli.nfiles == 0)
    cli.files[cli.nfiles++] = "-";
  slg_inputs in;
  status = max_status(status, slg_inputs_expand(&in, cli.files, cli.nfiles,
                                                cli.options.layout));
  run_ctx run;
  memset(&run, 0, sizeof run);
  run.cli = &cli;
  run.thresholds = &thresholds;
  slg_pipeline_set_thresholds(p, &thresholds);
  run.outputs = outputs;
  run.skipped = in.skipped;
  run.nskipped = in.nskipped;
  run.color = use_color(&cli);
  run.width = slg_cli_text_width(cli.width);
  for (size_t i = 0; i < cli.noutputs; i++)
    run.pending[i] = (slg_buf)SLG_BUF_INIT;
  ndjson_sink nd;
  memset(&nd, 0, sizeof nd);
  nd.to_stdout = cli.format == SLG_FORMAT_NDJSON && !cli.quiet;
  for (size_t i = 0; i < cli.noutputs; i++)
    if (cli.outputs[i].format == SLG_FORMAT_NDJSON && outputs[i].file)
      nd.outs[nd.nouts++] = &outputs[i];
  if (nd.to_stdout || nd.nouts) {
    run.nd = &nd;
    ndjson_attach(&nd, p, command_name(cli.command), &cli.options);
  }
  /* A progress line on a terminal's stderr (not with --follow, which
   * has its status line; not for TERM=dumb, which cannot erase it). */
  static slg_progress_line progress_line;
  const char *term = getenv("TERM");
  if (!cli.follow && !cli.no_progress && isatty(STDERR_FILENO) &&
      !(term && strcmp(term, "dumb") == 0)) {
    /* The size is known when every input is a regular file. */
    uint64_t total = 0;
    struct stat ist;
    for (size_t i = 0; i < in.n; i++) {
      if (strcmp(in.v[i].path, "-") == 0 || stat(in.v[i].path, &ist) != 0 ||
          !S_ISREG(ist.st_mode)) {
        total = 0;
        break;
      }
      total += (uint64_t)ist.st_size;
    }
    slg_progress_start(&progress_line, cli.progress_delay_ms, total);
    slg_progress_attach(&progress_line, p);
    progress = &progress_line;
  }
  /* Named FIFOs come last, in their order: one waiting for its writer
   * must not hold up the files. Whether a path is a FIFO does not depend
   * on timing, so neither does the order of the report. */
  if (cli.follow) {
    slg_follow_options fo;
    memset(&fo, 0, sizeof fo);
    fo.idle_exit_ms = cli.idle_exit_ms;
    fo.check = cli.command == SLG_CMD_CHECK;
    fo.thresholds = &thresholds;
    fo.sync_dir = cli.follow_sync;
    fo.rows_to_stdout = cli.format == SLG_FORMAT_TEXT && !cli.quiet;
    fo.color = fo.rows_to_stdout ? use_color(&cli) : 0;
    fo.width = run.width;
    fo.stopped = stop_asked;
    status = max_status(status, slg_cli_follow(p, cli.files[0], &fo));
  }
  /* The regular files are opened and parsed ahead on the parsing
   * threads, and merged in this order (run.h). */
  const char **ahead_paths =
      slg_xcalloc(in.n ? in.n : 1, sizeof *ahead_paths);
  for (size_t i = 0; i < in.n; i++)
    if (in.v[i].regular && !in.v[i].fifo)
      ahead_paths[i] = in.v[i].path;
  slg_reader_hooks ahead_hooks = {stop_asked, NULL, NULL, 0};
  slg_ahead *ahead = cli.follow ? NULL
                                : slg_ahead_new(p, ahead_paths, in.n,
                                                &ahead_hooks);
  size_t done = 0;
  for (int fifos = 0; fifos < 2 && !cli.follow; fifos++)
    for (size_t i = 0; i < in.n; i++) {
      const char *path = in.v[i].path;
      if (in.v[i].fifo != fifos)
        continue;
      if (cli.each && done++ > 0) {
        /* One report per file: a fresh pipeline for each. */
        if (interrupted)
          break;
        if (progress)
          slg_progress_attach(progress, NULL);
        slg_pipeline_free(p);
        p = NULL;
        (void)slg_pipeline_new(&p, &cli.options, err);
        slg_pipeline_set_thresholds(p, &thresholds);
        if (run.nd)
          ndjson_attach(run.nd, p, command_name(cli.command), &cli.options);
        if (progress)
          slg_progress_attach(progress, p);
      }
      if (interrupted) {
        /* Not read: listed, so the report says what it lacks. */
        slg_file_status st;
        memset(&st, 0, sizeof st);
        st.error = SLG_EINTR;
        slg_pipeline_begin_file(p, strcmp(path, "-") == 0 ? "<stdin>" : path);
        slg_pipeline_end_file(p, &st);
      } else {
        status = max_status(status, read_input(p, path, ahead, i));
      }
      if (cli.each)
        status = max_status(status, emit(&run, p, 1));
    }
  slg_ahead_free(ahead);
  free(ahead_paths);
  if (!cli.each || done == 0)
    status = max_status(status, emit(&run, p, 0));
  if (interrupted)
    status = max_status(status, SLG_EXIT_INTERRUPTED);

  /* The --output destinations get their whole text at the end; an
   * ndjson one was streamed and is closed (renamed over its target). */
  for (size_t i = 0; i < cli.noutputs; i++) {
    status = max_status(status,
                        slg_output_write(&outputs[i], run.pending[i].ptr,
                                         run.pending[i].len));
    slg_buf_dispose(&run.pending[i]);
  }
  slg_tty_line_dispose();
  progress = NULL;
  slg_buf_dispose(&out);
  slg_buf_dispose(&nd.buf);
  slg_pipeline_free(p);
  slg_inputs_dispose(&in);
  free(cli.files);
  if (cli.fastpath_counts)
    print_fastpath_counts();
  if (interrupted) {
    /* The report is out: now the signal ends the run as it asked. */
    fflush(stdout);
    fflush(stderr);
    die_of(interrupted);
  }
  return status;
}
