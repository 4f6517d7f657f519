/*
 * options.c - the table of commands and options (options.h) and the
 * formatting of its help lines.
 *
 * One entry per option, grouped as `sparklog --help` lists them; `help`
 * is one line (completion descriptions and `sparklog help COMMAND`),
 * `more` what `sparklog --help` adds after it.
 */
#include <string.h>

#include "cli.h"
#include "options.h"

#define ALL 0x7fu                                /* every slg_command */
#define LOGS (ALL & ~SLG_CMDBIT(SLG_CMD_EXPLAIN)) /* the ones reading logs */
#define CHECK SLG_CMDBIT(SLG_CMD_CHECK)
#define REPORT SLG_CMDBIT(SLG_CMD_REPORT)
#define LOGGERS SLG_CMDBIT(SLG_CMD_LOGGERS)
#define SHUFFLES SLG_CMDBIT(SLG_CMD_SHUFFLES)
#define EXPLAIN SLG_CMDBIT(SLG_CMD_EXPLAIN)

#define FORMATS "text json markdown junit github gitlab ndjson"

const slg_option_info slg_options_table[SLG_OPT_COUNT] = {
    /* name, letter, metavar, commands, featured, group, repeatable,
     * complete, values, help, more */
    [SLG_OPT_FORMAT] = {"format", 'f', "FORMAT", ALL,
                        REPORT | CHECK | EXPLAIN, SLG_GROUP_GENERAL, 0,
                        SLG_COMPLETE_VALUES, FORMATS,
                        "output format: text (default), json, markdown, "
                        "junit, github, gitlab or ndjson",
                        "(gitlab: Code Quality; ndjson: one JSON object per "
                        "line, written as jobs end: sparklog-ndjson/1)"},
    [SLG_OPT_OUTPUT] = {"output", 'o', "FORMAT=PATH", ALL, REPORT | CHECK,
                        SLG_GROUP_GENERAL, 1, SLG_COMPLETE_OUTPUT, FORMATS,
                        "also write FORMAT to PATH",
                        "(FORMAT=+PATH appends; FORMAT=- writes to stdout in "
                        "place of --format); repeatable"},
    [SLG_OPT_COLOR] = {"color", 0, "WHEN", ALL, 0, SLG_GROUP_GENERAL, 0,
                       SLG_COMPLETE_VALUES, "auto always never",
                       "colour text output: auto (default), always, never",
                       NULL},
    [SLG_OPT_LAYOUT] = {"layout", 0, "PATTERN", ALL, 0, SLG_GROUP_GENERAL, 0,
                        SLG_COMPLETE_NONE, NULL,
                        "log4j ConversionPattern tried before automatic "
                        "layout detection",
                        ", e.g. '%d %p [%t] %c - %m%n'"},
    [SLG_OPT_UNWRAP] = {"unwrap", 0, "LOGGERS", ALL, 0, SLG_GROUP_GENERAL, 0,
                        SLG_COMPLETE_NONE, NULL,
                        "loggers whose messages are log lines of another "
                        "process",
                        "(besides Airflow's and Livy's), comma-separated"},
    [SLG_OPT_MAX_LOGGERS] = {"max-loggers", 0, "N", ALL, LOGGERS,
                             SLG_GROUP_GENERAL, 0, SLG_COMPLETE_NONE, NULL,
                             "distinct loggers counted exactly (default "
                             "1000)",
                             NULL},
    [SLG_OPT_MAX_TEMPLATES] = {"max-templates", 0, "N", ALL, 0,
                               SLG_GROUP_GENERAL, 0, SLG_COMPLETE_NONE, NULL,
                               "WARN/ERROR message templates kept per "
                               "application (default 1000)",
                               NULL},
    [SLG_OPT_MAX_LINE] = {"max-line", 0, "BYTES", ALL, 0, SLG_GROUP_GENERAL,
                          0, SLG_COMPLETE_NONE, NULL,
                          "bytes of a line kept for parsing (default 65536)",
                          NULL},
    [SLG_OPT_MAX_STAGES] = {"max-stages", 0, "N", ALL, 0, SLG_GROUP_GENERAL,
                            0, SLG_COMPLETE_NONE, NULL,
                            "stages held; further ones are analysed when "
                            "they end, then folded",
                            "(default 10000000)"},
    [SLG_OPT_MAX_APPS] = {"max-apps", 0, "N", ALL, 0, SLG_GROUP_GENERAL, 0,
                          SLG_COMPLETE_NONE, NULL,
                          "applications held; further ones go on in the "
                          "last",
                          "(default 100000)"},
    [SLG_OPT_TOP] = {"top", 0, "N", ALL, REPORT | LOGGERS | SHUFFLES,
                     SLG_GROUP_GENERAL, 0, SLG_COMPLETE_NONE, NULL,
                     "rows in the tables (default 15)", NULL},
    [SLG_OPT_WIDTH] = {"width", 0, "N", ALL, REPORT | LOGGERS | SHUFFLES,
                       SLG_GROUP_GENERAL, 0, SLG_COMPLETE_NONE, NULL,
                       "text columns no line exceeds (default: the terminal's)",
                       "(80 when not a terminal)"},
    [SLG_OPT_THREADS] = {"threads", 'j', "N", ALL, REPORT, SLG_GROUP_GENERAL,
                         0, SLG_COMPLETE_NONE, NULL,
                         "parsing threads (default: the number of cores)",
                         "; 1 parses on the main thread alone; the report is "
                         "the same whatever N"},
    [SLG_OPT_NO_MMAP] = {"no-mmap", 0, NULL, ALL, 0, SLG_GROUP_GENERAL, 0,
                         SLG_COMPLETE_NONE, NULL,
                         "read files with read(2) only, never map them",
                         "(for a file that may be truncated while read)"},
    [SLG_OPT_NO_PAGER] = {"no-pager", 0, NULL, ALL, 0, SLG_GROUP_GENERAL, 0,
                          SLG_COMPLETE_NONE, NULL,
                          "never page long text output on a terminal",
                          "(default pager: $SPARKLOG_PAGER, $PAGER, less)"},
    [SLG_OPT_NO_PROGRESS] = {"no-progress", 0, NULL, ALL, 0, SLG_GROUP_GENERAL,
                             0, SLG_COMPLETE_NONE, NULL,
                             "no progress line on a terminal's stderr while",
                             "a long input is read"},
    [SLG_OPT_EACH] = {"each", 0, NULL, ALL, 0, SLG_GROUP_GENERAL, 0,
                      SLG_COMPLETE_NONE, NULL,
                      "a report per file (json: one per line)", NULL},
    [SLG_OPT_FOLLOW] = {"follow", 0, NULL, LOGS, REPORT | CHECK,
                        SLG_GROUP_GENERAL, 0, SLG_COMPLETE_NONE, NULL,
                        "keep reading FILE as it grows",
                        "(one regular file), across rotation and truncation; "
                        "stage and job rows are written as they end; with "
                        "check, exit 1 at the first failure"},
    [SLG_OPT_IDLE_EXIT] = {"idle-exit", 0, "DUR", LOGS, 0, SLG_GROUP_GENERAL,
                           0, SLG_COMPLETE_NONE, NULL,
                           "with --follow: end when every application has "
                           "ended and nothing came for DUR",
                           "(30s, 5m); default: never"},

    [SLG_OPT_MAX_SHUFFLE_STAGES] = {"max-shuffle-stages", 0, "N", CHECK, 0,
                                    SLG_GROUP_CHECK, 0, SLG_COMPLETE_NONE,
                                    NULL, "shuffle stage attempts per app",
                                    NULL},
    [SLG_OPT_MAX_STAGE_TASK_TIME] = {"max-stage-task-time", 0, "DUR", CHECK,
                                     0, SLG_GROUP_CHECK, 0,
                                     SLG_COMPLETE_NONE, NULL,
                                     "task time of one stage attempt (30m)",
                                     NULL},
    [SLG_OPT_MAX_SKEW] = {"max-skew", 0, "RATIO", CHECK, CHECK,
                          SLG_GROUP_CHECK, 0, SLG_COMPLETE_NONE, NULL,
                          "slowest task / median task of a stage", NULL},
    [SLG_OPT_MAX_FAILED_TASKS] = {"max-failed-tasks", 0, "N", CHECK, CHECK,
                                  SLG_GROUP_CHECK, 0, SLG_COMPLETE_NONE, NULL,
                                  "failed task attempts per app", NULL},
    [SLG_OPT_MAX_STAGE_RETRIES] = {"max-stage-retries", 0, "N", CHECK, CHECK,
                                   SLG_GROUP_CHECK, 0, SLG_COMPLETE_NONE,
                                   NULL, "stage attempts after the first",
                                   NULL},
    [SLG_OPT_MAX_FETCH_FAILURES] = {"max-fetch-failures", 0, "N", CHECK, 0,
                                    SLG_GROUP_CHECK, 0, SLG_COMPLETE_NONE,
                                    NULL, "tasks lost to FetchFailed", NULL},
    [SLG_OPT_MAX_LOST_EXECUTORS] = {"max-lost-executors", 0, "N", CHECK,
                                    CHECK, SLG_GROUP_CHECK, 0,
                                    SLG_COMPLETE_NONE, NULL,
                                    "executors lost per app", NULL},
    [SLG_OPT_MAX_APP_DURATION] = {"max-app-duration", 0, "DUR", CHECK, CHECK,
                                  SLG_GROUP_CHECK, 0, SLG_COMPLETE_NONE, NULL,
                                  "application wall time", NULL},
    [SLG_OPT_MAX_MAP_STATUS_SIZE] = {"max-map-status-size", 0, "SIZE", CHECK,
                                     0, SLG_GROUP_CHECK, 0,
                                     SLG_COMPLETE_NONE, NULL,
                                     "largest map output statuses (4MiB)",
                                     NULL},
    [SLG_OPT_FAIL_ON] = {"fail-on", 0, "SEVERITY", CHECK, CHECK,
                         SLG_GROUP_CHECK, 0, SLG_COMPLETE_VALUES,
                         "info warning error",
                         "info, warning or error (default)", NULL},
    [SLG_OPT_ALLOW] = {"allow", 0, "ID[@APP[/STAGE]]", CHECK, CHECK,
                       SLG_GROUP_CHECK, 1, SLG_COMPLETE_NONE, NULL,
                       "accept one finding (e.g. SKEW@1/3)",
                       ": reported as suppressed, gates nothing; repeatable"},
    [SLG_OPT_ALLOW_EMPTY] = {"allow-empty", 0, NULL, CHECK, 0,
                             SLG_GROUP_CHECK, 0, SLG_COMPLETE_NONE, NULL,
                             "pass input without scheduler lines", NULL},
    [SLG_OPT_EXIT_ZERO] = {"exit-zero", 0, NULL, CHECK, 0, SLG_GROUP_CHECK,
                           0, SLG_COMPLETE_NONE, NULL,
                           "report but always exit 0 on findings", NULL},
    [SLG_OPT_QUIET] = {"quiet", 'q', NULL, CHECK, CHECK, SLG_GROUP_CHECK, 0,
                       SLG_COMPLETE_NONE, NULL,
                       "print only the closing line",
                       ": \"check: PASSED\" or \"check: FAILED (...)\""},
    [SLG_OPT_CONFIG] = {"config", 0, "FILE", CHECK, 0, SLG_GROUP_CHECK, 0,
                        SLG_COMPLETE_FILE, NULL, "read this config file",
                        NULL},
    /* Accepted by every command: it only turns reading off. */
    [SLG_OPT_NO_CONFIG] = {"no-config", 0, NULL, ALL, 0, SLG_GROUP_CHECK, 0,
                           SLG_COMPLETE_NONE, NULL, "read no config file",
                           NULL},
    [SLG_OPT_PRINT_CONFIG] = {"print-config", 0, NULL, CHECK, 0,
                              SLG_GROUP_CHECK, 0, SLG_COMPLETE_NONE, NULL,
                              "print the effective configuration", NULL},

    [SLG_OPT_REFERENCE] = {"reference", 0, NULL, ALL, 0, SLG_GROUP_TEST, 0,
                           SLG_COMPLETE_NONE, NULL,
                           "every fast path off; same report, slower", NULL},
    [SLG_OPT_FASTPATH_COUNTS] = {"fastpath-counts", 0, NULL, ALL, 0,
                                 SLG_GROUP_TEST, 0, SLG_COMPLETE_NONE, NULL,
                                 "print each fast path's hits on stderr "
                                 "after the report",
                                 "(builds with SLG_FASTPATH_COUNTERS)"},
    [SLG_OPT_TEST_FOLLOW_SYNC] = {"test-follow-sync", 0, "DIR", LOGS, 0,
                                  SLG_GROUP_TEST, 0, SLG_COMPLETE_DIR, NULL,
                                  "with --follow: before each poll, write "
                                  "\"idle N\" to the FIFO DIR/ack",
                                  "and wait for a byte on the FIFO DIR/ctl "
                                  "(one poll interval each)"},
    /* Many chunk borders in a small log. */
    [SLG_OPT_CHUNK_SIZE] = {"chunk-size", 0, "BYTES", ALL, 0,
                            SLG_GROUP_HIDDEN, 0, SLG_COMPLETE_NONE, NULL,
                            "bytes per parsing chunk", NULL},
    /* The progress line's delay in ms (0: drawn at once). */
    [SLG_OPT_TEST_PROGRESS_DELAY] = {"test-progress-delay", 0, "MS", ALL, 0,
                                     SLG_GROUP_HIDDEN, 0, SLG_COMPLETE_NONE,
                                     NULL, "progress line delay", NULL},

    [SLG_OPT_HELP] = {"help", 'h', NULL, ALL, 0, SLG_GROUP_META, 0,
                      SLG_COMPLETE_NONE, NULL, "show this help and exit",
                      "(after a command: that command's help, as sparklog "
                      "help COMMAND)"},
    [SLG_OPT_VERSION] = {"version", 'V', NULL, ALL, 0, SLG_GROUP_META, 0,
                         SLG_COMPLETE_NONE, NULL,
                         "show the version and exit", NULL},
};

const slg_command_info slg_commands_table[] = {
    {"report", SLG_CMD_REPORT, "report", "full report (the default)"},
    {"loggers", SLG_CMD_LOGGERS, "loggers",
     "per-logger histogram with levels, time span and roles"},
    {"jobs", SLG_CMD_JOBS, "jobs", "application -> job -> stage tree"},
    {"stages", SLG_CMD_STAGES, "stages", "stage attempts as a table"},
    {"shuffles", SLG_CMD_SHUFFLES, "shuffles",
     "shuffle stages ranked by cost, and the findings"},
    {"check", SLG_CMD_CHECK, "check",
     "CI gate: exit 1 when a finding reaches --fail-on or a --max-* limit "
     "is exceeded"},
    {"explain", SLG_CMD_EXPLAIN, "explain [NAME]",
     "what a Spark component (logger) is and does; all when no NAME"},
    {"help", -1, "help [COMMAND]", "what a command does, with examples"},
};
const size_t slg_commands_count =
    sizeof slg_commands_table / sizeof slg_commands_table[0];

int slg_option_find_long(const char *arg, const char **value)
{
  *value = NULL;
  if (arg[0] != '-' || arg[1] != '-')
    return -1;
  const char *name = arg + 2;
  for (int k = 0; k < SLG_OPT_COUNT; k++) {
    const slg_option_info *o = &slg_options_table[k];
    size_t n = strlen(o->name);
    if (strncmp(name, o->name, n) != 0)
      continue;
    if (name[n] == '\0')
      return k;
    if (name[n] == '=' && o->metavar) {
      *value = name + n + 1;
      return k;
    }
  }
  return -1;
}

/* Words of `text` from `column`, a line at most 78 columns wide (a word
 * longer than the room goes on a line of its own); `at` is the column
 * the cursor is at. */
static void wrap_words(FILE *out, const char *text, int column, int at)
{
  const int width = 78;
  const char *p = text;
  int first = 1;
  while (*p) {
    while (*p == ' ')
      p++;
    if (!*p)
      break;
    size_t n = strcspn(p, " ");
    if (!first && at + 1 + (int)n > width) {
      fprintf(out, "\n%*s", column, "");
      at = column;
    } else if (!first) {
      fputc(' ', out);
      at++;
    }
    fwrite(p, 1, n, out);
    at += (int)n;
    p += n;
    first = 0;
  }
  fputc('\n', out);
}

void slg_options_wrap(FILE *out, const char *label, const char *text,
                      int column)
{
  int at = fprintf(out, "  %s", label);
  if (at + 1 > column) {
    fprintf(out, "\n%*s", column, "");
  } else {
    fprintf(out, "%*s", column - at, "");
  }
  wrap_words(out, text, column, column);
}

void slg_options_list(FILE *out, slg_opt_group group, unsigned featured,
                      int column, int full)
{
  for (int k = 0; k < SLG_OPT_COUNT; k++) {
    const slg_option_info *o = &slg_options_table[k];
    if (o->group != group || (featured && !(o->featured & featured)))
      continue;
    char label[96], text[512];
    if (o->letter)
      snprintf(label, sizeof label, "-%c, --%s%s%s", o->letter, o->name,
               o->metavar ? " " : "", o->metavar ? o->metavar : "");
    else
      snprintf(label, sizeof label, "    --%s%s%s", o->name,
               o->metavar ? " " : "", o->metavar ? o->metavar : "");
    /* `more` goes on after a space, or after its own punctuation. */
    const char *more = full && o->more ? o->more : "";
    snprintf(text, sizeof text, "%s%s%s", o->help,
             *more && !strchr(";:,.", *more) ? " " : "", more);
    slg_options_wrap(out, label, text, column);
  }
}
