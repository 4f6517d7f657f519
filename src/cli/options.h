/*
 * options.h - the one table of sparklog's commands and options.
 *
 * Argument parsing (args.c), the option lists of `--help` and `sparklog
 * help COMMAND` (help.c), the "did you mean" candidates and the bash, zsh
 * and fish completions (gen_completions.c, run at build time) all read
 * this table, so that they cannot disagree.
 *
 * Adding an option: an SLG_OPT_* constant below and its entry in
 * slg_options_table (options.c), in the same place of the same group;
 * then its handling in args.c (the switch on the id). The man page must
 * document it (tests/cli/manpage.sh checks every entry).
 */
#ifndef SLG_CLI_OPTIONS_H
#define SLG_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

/* Option ids, in table order (the order of `sparklog --help`). */
typedef enum slg_opt_id {
  /* general */
  SLG_OPT_FORMAT,
  SLG_OPT_OUTPUT,
  SLG_OPT_COLOR,
  SLG_OPT_LAYOUT,
  SLG_OPT_UNWRAP,
  SLG_OPT_MAX_LOGGERS,
  SLG_OPT_MAX_LINE,
  SLG_OPT_MAX_STAGES,
  SLG_OPT_MAX_APPS,
  SLG_OPT_MAX_TEMPLATES,
  SLG_OPT_TOP,
  SLG_OPT_WIDTH,
  SLG_OPT_THREADS,
  SLG_OPT_NO_MMAP,
  SLG_OPT_NO_PAGER,
  SLG_OPT_NO_PROGRESS,
  SLG_OPT_EACH,
  SLG_OPT_FOLLOW,
  SLG_OPT_IDLE_EXIT,
  /* check */
  SLG_OPT_MAX_SHUFFLE_STAGES,
  SLG_OPT_MAX_STAGE_TASK_TIME,
  SLG_OPT_MAX_SKEW,
  SLG_OPT_MAX_FAILED_TASKS,
  SLG_OPT_MAX_STAGE_RETRIES,
  SLG_OPT_MAX_FETCH_FAILURES,
  SLG_OPT_MAX_LOST_EXECUTORS,
  SLG_OPT_MAX_APP_DURATION,
  SLG_OPT_MAX_MAP_STATUS_SIZE,
  SLG_OPT_FAIL_ON,
  SLG_OPT_ALLOW,
  SLG_OPT_ALLOW_EMPTY,
  SLG_OPT_EXIT_ZERO,
  SLG_OPT_QUIET,
  SLG_OPT_CONFIG,
  SLG_OPT_NO_CONFIG,
  SLG_OPT_PRINT_CONFIG,
  /* test */
  SLG_OPT_REFERENCE,
  SLG_OPT_FASTPATH_COUNTS,
  SLG_OPT_TEST_FOLLOW_SYNC,
  SLG_OPT_CHUNK_SIZE,
  SLG_OPT_TEST_PROGRESS_DELAY,
  /* meta */
  SLG_OPT_HELP,
  SLG_OPT_VERSION,
  SLG_OPT_COUNT
} slg_opt_id;

/* Where an option is listed in `sparklog --help`. */
typedef enum slg_opt_group {
  SLG_GROUP_GENERAL,
  SLG_GROUP_CHECK,  /* check settings (config file, SPARKLOG_*) */
  SLG_GROUP_TEST,   /* for the test suite */
  SLG_GROUP_META,   /* --help, --version */
  SLG_GROUP_HIDDEN  /* test-only, in no help and no completion */
} slg_opt_group;

/* What completes an option's value. */
typedef enum slg_opt_complete {
  SLG_COMPLETE_NONE,   /* a number, a pattern: nothing to offer */
  SLG_COMPLETE_VALUES, /* one of `values` */
  SLG_COMPLETE_FILE,
  SLG_COMPLETE_DIR,
  SLG_COMPLETE_OUTPUT  /* FORMAT=PATH: a format of `values`, then a file */
} slg_opt_complete;

/* The commands an option goes with: a bit per slg_command. */
#define SLG_CMDBIT(c) (1u << (c))

typedef struct slg_option_info {
  const char *name;    /* long name without "--" */
  char letter;         /* short option letter, or 0 */
  const char *metavar; /* the value's name ("N"), NULL for a switch */
  unsigned commands;   /* SLG_CMDBIT()s of the commands accepting it */
  unsigned featured;   /* the commands whose `help` lists it */
  slg_opt_group group;
  int repeatable;
  slg_opt_complete complete;
  const char *values;  /* space-separated, for SLG_COMPLETE_VALUES/OUTPUT */
  const char *help;    /* one line: completions and `help COMMAND` */
  const char *more;    /* appended to help in `sparklog --help`, or NULL */
} slg_option_info;

extern const slg_option_info slg_options_table[SLG_OPT_COUNT];

/* The commands, in the order of `sparklog --help`. `command` is the
 * slg_command, or -1 for `help`. */
typedef struct slg_command_info {
  const char *name;
  int command;
  const char *label; /* as --help lists it ("explain [NAME]") */
  const char *help;  /* one line */
} slg_command_info;

extern const slg_command_info slg_commands_table[];
extern const size_t slg_commands_count;

/* The id of "--name" or "--name=value" (*value set for the latter, else
 * NULL), or -1. A switch matches only without "=value". */
int slg_option_find_long(const char *arg, const char **value);

/* Writes the options of `group` whose `featured` has a bit of `featured`
 * (any option of the group when featured is 0), one per entry: "  -f,
 * --format FORMAT" then the help from column `column`, wrapped before
 * column 79; `more` too when `full`. */
void slg_options_list(FILE *out, slg_opt_group group, unsigned featured,
                      int column, int full);

/* Writes "  " label then help from `column`, wrapped likewise. */
void slg_options_wrap(FILE *out, const char *label, const char *text,
                      int column);

#endif /* SLG_CLI_OPTIONS_H */
