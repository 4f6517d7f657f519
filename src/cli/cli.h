/*
 * cli.h - the sparklog command line: arguments, subcommands, output and
 * exit codes. The only code that prints, exits or reads the environment.
 */
#ifndef SLG_CLI_H
#define SLG_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "render.h"
#include "sparklog.h"

/* Exit statuses; when several apply, the highest wins. */
enum {
  SLG_EXIT_OK = 0,
  SLG_EXIT_CHECK_FAILED = 1,
  SLG_EXIT_USAGE = 2,
  SLG_EXIT_INPUT = 3,
  SLG_EXIT_WRITE = 4,
  SLG_EXIT_RESOURCES = 5, /* out of memory (or another resource) */
  /* SIGINT or SIGTERM: the report covers what was read (128 + SIGINT,
   * the shell's status for a run stopped by Ctrl-C). */
  SLG_EXIT_INTERRUPTED = 130
};

typedef enum slg_command {
  SLG_CMD_REPORT,
  SLG_CMD_LOGGERS,
  SLG_CMD_JOBS,
  SLG_CMD_STAGES,
  SLG_CMD_SHUFFLES,
  SLG_CMD_CHECK,
  SLG_CMD_EXPLAIN
} slg_command;

/* A check setting given as a flag, applied after file and environment. */
typedef struct slg_setting {
  const char *key; /* the flag without "--" ("max-skew") */
  const char *value;
} slg_setting;

#define SLG_MAX_SETTINGS 32

#define SLG_MAX_OUTPUTS 8

/* One requested output: a format and a destination (NULL = stdout). */
typedef struct slg_output_spec {
  slg_format format;
  const char *path;
  int append;
} slg_output_spec;

typedef struct slg_cli {
  slg_command command;
  const char **files;
  size_t nfiles;
  slg_options options;
  slg_format format;
  int format_set;
  int color; /* -1 auto, 0 never, 1 always */
  size_t top;
  size_t width; /* --width N; 0: the terminal's, 80 when piped */
  slg_output_spec outputs[SLG_MAX_OUTPUTS];
  size_t noutputs;
  const char *explain_name;
  slg_setting settings[SLG_MAX_SETTINGS];
  size_t nsettings;
  const char *config_path; /* --config FILE */
  int no_config;
  int print_config;
  int fastpath_counts; /* --fastpath-counts: hits on stderr at the end */
  int quiet;           /* check -q: the gate line alone on stdout */
  int no_pager;        /* --no-pager */
  int each;            /* --each: one report per file */
  int follow;          /* --follow */
  double idle_exit_ms; /* --idle-exit; < 0: never */
  const char *follow_sync; /* --test-follow-sync DIR */
  int no_progress;         /* --no-progress */
  long progress_delay_ms;  /* --test-progress-delay (default 1000) */
} slg_cli;

/*
 * The check's thresholds: defaults, then, when `read_file` (`check` and
 * --print-config), the config file (--config, or a trusted
 * .sparklog.conf found upward from the working directory: check.c says
 * which), then SPARKLOG_* variables (an unknown one is an error when
 * `read_file`, else a warning), then flags. Returns 0 or SLG_EXIT_USAGE
 * after printing the error.
 */
struct slg_thresholds;
int slg_cli_thresholds(const slg_cli *cli, struct slg_thresholds *out,
                       int read_file, char *found_path, size_t found_len);

/*
 * An --output destination (output.c): opened before any input is read;
 * a regular file is written to a temporary file beside it and renamed
 * over it when complete. slg_output_open leaves file NULL and error set
 * when the destination cannot be had; slg_output_write writes the whole
 * report and closes (SLG_EXIT_WRITE after printing the error, the old
 * file untouched); slg_output_put writes a part of it (0, or -1 once a
 * write failed: the error is said by the close) and slg_output_close
 * ends it as slg_output_write does; slg_output_abandon removes what was
 * not written.
 */
typedef struct slg_output {
  const slg_output_spec *spec;
  FILE *file;
  int error;                /* errno of the open */
  int write_error;          /* errno of the first failed put, 0 none */
  char target[4096];        /* the file replaced (a link resolved) */
  char temp[4096 + 16];     /* the temporary file, or "" */
} slg_output;
void slg_output_open(slg_output *o, const slg_output_spec *spec);
int slg_output_write(slg_output *o, const char *data, size_t n);
int slg_output_put(slg_output *o, const char *data, size_t n);
int slg_output_close(slg_output *o);
void slg_output_abandon(slg_output *o);

/*
 * The files to read (inputs.c): file arguments as given, a directory
 * argument's files found recursively in its place, oldest first, and the
 * files it held that are not read (skipped, with the reason).
 * slg_inputs_expand returns SLG_EXIT_OK, or SLG_EXIT_INPUT after printing
 * the error when a directory argument cannot be read. `layout` is the
 * --layout pattern or NULL (for the first record's time).
 */
typedef struct slg_input {
  char *path;
  int owned; /* found in a directory: freed with the list */
  int fifo;  /* a named FIFO: read after the other inputs */
  int regular; /* a regular file (may be opened ahead: run.h) */
} slg_input;
typedef struct slg_inputs {
  slg_input *v;
  size_t n, cap;
  slg_skipped_file *skipped;
  size_t nskipped, skipped_cap;
} slg_inputs;
int slg_inputs_expand(slg_inputs *out, const char *const *args, size_t n,
                      const char *layout);
void slg_inputs_dispose(slg_inputs *in);

/*
 * `--follow FILE` (follow.c): reads the regular file at `path` into p as
 * one input file, then what is appended, across rotation and truncation,
 * writing each stage attempt and job row as it ends (to stdout when
 * rows_to_stdout, else stderr) and, when stderr is a terminal, a status
 * line. Ends when stopped() says so (status SLG_EXIT_INTERRUPTED, the
 * file marked interrupted), when idle_exit_ms >= 0 and every application
 * seen has ended and no byte came for that long, or, with `check`, when
 * the gate on what was read so far fails (fail fast). Returns the
 * status of the reading (0, SLG_EXIT_INPUT or SLG_EXIT_INTERRUPTED); the
 * report is main's.
 */
struct slg_thresholds;
typedef struct slg_follow_options {
  double idle_exit_ms;
  int check;
  const struct slg_thresholds *thresholds;
  const char *sync_dir; /* --test-follow-sync, or NULL */
  int rows_to_stdout;
  int color;
  size_t width; /* text columns of the rows */
  int (*stopped)(void *ctx);
} slg_follow_options;
int slg_cli_follow(slg_pipeline *p, const char *path,
                   const slg_follow_options *o);

/*
 * The one status line on stderr (tty_line.c), for callers that checked
 * stderr is a terminal: slg_tty_line_draw writes text (no newline) in
 * place of the line shown, cut to the terminal's width, when it changed;
 * slg_tty_line_clear erases it (slg_cli_error does so first);
 * slg_tty_line_dispose clears it and frees its memory.
 */
void slg_tty_line_draw(const char *text, size_t n);
void slg_tty_line_clear(void);
void slg_tty_line_dispose(void);

/*
 * The progress line of a normal run (progress.c), drawn on the status
 * line from the pipeline's progress callback: no sooner than delay_ms
 * after slg_progress_start, then a few times a second. `total`: the
 * bytes of every input as stored (0: unknown, no share or ETA).
 * slg_progress_attach registers it on a pipeline (again for each of
 * --each's: NULL before the old one is freed, whose
 * counts it keeps); slg_progress_file_end adds an input's bytes read when it
 * ends. The caller clears the line (slg_tty_line_clear) before it
 * writes the report.
 */
typedef struct slg_progress_line {
  int64_t start_ms, delay_ms, last_ms;
  uint64_t total, done, now_in;
  uint64_t lines_before, stages_before; /* earlier pipelines' (--each) */
  const slg_pipeline *p;
  int drawn;
} slg_progress_line;
void slg_progress_start(slg_progress_line *pr, int64_t delay_ms,
                        uint64_t total);
void slg_progress_attach(slg_progress_line *pr, slg_pipeline *p);
void slg_progress_file_end(slg_progress_line *pr, uint64_t bytes_read);

/* The candidate nearest `word` (case and '-'/'_' aside), or NULL when
 * none is near enough to be a slip of the keyboard. */
const char *slg_cli_suggest(const char *word, const char *const *cands,
                            size_t n);

/* Parses argv into *cli. Returns 0, or SLG_EXIT_USAGE after printing a
 * one-line error, or -1 when --help/--version was printed (exit 0). */
int slg_cli_parse(slg_cli *cli, int argc, char **argv);

/* Shows data through the pager (pager.c) when stdout is a terminal with
 * fewer rows than data has lines: 0 when the pager showed it (*closed: it
 * quit before reading all), -1 when no pager ran and the caller writes
 * it. */
int slg_pager_write(const char *data, size_t n, int *closed);
/* The columns of text output: `forced` (--width) when not 0; else the
 * terminal's (TIOCGWINSZ on stdout, then $COLUMNS); else, stdout not a
 * terminal, SLG_TEXT_WIDTH. */
size_t slg_cli_text_width(size_t forced);

/* The --format name of a format ("json"). */
const char *slg_format_name(slg_format f);

/* Writes the text of `sparklog --help` to out. */
void slg_cli_usage(FILE *out);

/* Writes `sparklog help COMMAND` (the usage when COMMAND is NULL) to out:
 * 0, or -1 when there is no such command. */
int slg_cli_help(const char *command, FILE *out);
/* The command nearest `word` for a did-you-mean, or NULL. */
const char *slg_cli_help_near(const char *word);

/* Prints "sparklog: " + message to stderr. */
void slg_cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif /* SLG_CLI_H */
