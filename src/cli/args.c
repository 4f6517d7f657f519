/*
 * args.c - command-line parsing.
 *
 * A known subcommand name as the first word is a subcommand; everything
 * else is options and files. "--" ends the options: what follows is files
 * even if it looks like an option or a subcommand. Options take their
 * value as "--opt value" or "--opt=value". Any mistake is a one-line
 * message and exit status 2.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "escape.h"
#include "fastpath.h"

/* Two strings: C11 promises only 4095 bytes of one literal. */
static const char usage_general[] =
    "usage: sparklog [COMMAND] [OPTIONS] [FILE...]\n"
    "\n"
    "Analyse Apache Spark driver logs (plain or gzip; stdin when no FILE or "
    "\"-\";\nthe files under a directory).\n"
    "\n"
    "Commands:\n"
    "  report          full report (the default)\n"
    "  loggers         per-logger histogram with levels, time span and "
    "roles\n"
    "  jobs            application -> job -> stage tree\n"
    "  stages          stage attempts as a table\n"
    "  shuffles        shuffle stages ranked by cost, and the findings\n"
    "  check           CI gate: exit 1 when a finding reaches --fail-on or\n"
    "                  a --max-* limit is exceeded\n"
    "  explain [NAME]  what a Spark component (logger) is and does; all "
    "when no NAME\n"
    "  help [COMMAND]  what a command does, with examples\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT   output format: text (default), json, markdown,\n"
    "                        junit, github, gitlab (Code Quality) or\n"
    "                        ndjson (one JSON object per line, written as\n"
    "                        jobs end: sparklog-ndjson/1)\n"
    "  -o, --output FORMAT=PATH\n"
    "                        also write FORMAT to PATH (FORMAT=+PATH appends;\n"
    "                        PATH - is stdout, instead of --format);\n"
    "                        repeatable\n"
    "      --color WHEN      colour text output: auto (default), always, "
    "never\n"
    "      --layout PATTERN  log4j ConversionPattern tried before automatic\n"
    "                        layout detection, e.g. '%d %p [%t] %c - %m%n'\n"
    "      --unwrap LOGGERS  loggers whose messages are log lines of another\n"
    "                        process (besides Airflow's and Livy's), comma-\n"
    "                        separated\n"
    "      --max-loggers N   distinct loggers counted exactly (default "
    "1000)\n"
    "      --max-line BYTES  bytes of a line kept for parsing (default "
    "65536)\n"
    "      --max-stages N    stages held; further ones are analysed when\n"
    "                        they end, then folded (default 10000000)\n"
    "      --max-apps N      applications held; further ones go on in the\n"
    "                        last (default 100000)\n"
    "      --top N           rows in the default report's tables (default "
    "15)\n"
    "  -j, --threads N       parsing threads (default: the number of "
    "cores;\n"
    "                        1 parses on the main thread alone); the report\n"
    "                        is the same whatever N\n"
    "      --no-mmap         read files with read(2) only, never map them\n"
    "                        (for a file that may be truncated while read)\n"
    "      --no-pager        never page long text output on a terminal\n"
    "                        (default pager: $SPARKLOG_PAGER, $PAGER, less)\n"
    "      --each            a report per file (json: one per line)\n"
    "      --follow          read FILE (one regular file), then keep reading\n"
    "                        as it grows, across rotation and truncation;\n"
    "                        stage and job rows are written as they end\n"
    "      --idle-exit DUR   with --follow: end when every application seen\n"
    "                        has ended and nothing came for DUR (30s, 5m);\n"
    "                        default: never\n"
    "\n";
static const char usage_check[] =
    "Check options (also in .sparklog.conf as key = value, and as\n"
    "SPARKLOG_<KEY> variables; flags > environment > file > defaults):\n"
    "      --max-shuffle-stages N     shuffle stage attempts per app\n"
    "      --max-stage-task-time DUR  task time of one stage attempt (30m)\n"
    "      --max-skew RATIO           slowest task / median task of a stage\n"
    "      --max-failed-tasks N       failed task attempts per app\n"
    "      --max-stage-retries N      stage attempts after the first\n"
    "      --max-fetch-failures N     tasks lost to FetchFailed\n"
    "      --max-lost-executors N     executors lost per app\n"
    "      --max-app-duration DUR     application wall time\n"
    "      --max-map-status-size SIZE largest map output statuses (4MiB)\n"
    "      --fail-on SEVERITY         info, warning or error (default)\n"
    "      --allow ID[@APP[/STAGE]]   accept one finding (e.g. SKEW@1/3):\n"
    "                                 reported as suppressed, gates nothing;\n"
    "                                 repeatable\n"
    "      --allow-empty              pass input without scheduler lines\n"
    "      --exit-zero                report but always exit 0 on findings\n"
    "  -q, --quiet                   print only the closing line, \"check:\n"
    "                                 PASSED\" or \"check: FAILED (...)\"\n"
    "      --config FILE              read this config file\n"
    "      --no-config                read no config file\n"
    "      --print-config             print the effective configuration\n"
    "\n"
    "Test options (for the test suite):\n"
    "      --reference       every fast path off; same report, slower\n"
    "      --fastpath-counts print each fast path's hits on stderr after the\n"
    "                        report (builds with SLG_FASTPATH_COUNTERS)\n"
    "      --test-follow-sync DIR\n"
    "                        with --follow: before each poll, write \"idle N\"\n"
    "                        to the FIFO DIR/ack and wait for a byte on the\n"
    "                        FIFO DIR/ctl (one poll interval each)\n"
    "\n"
    "  -h, --help            show this help and exit (after a command:\n"
    "                        that command's help, as sparklog help COMMAND)\n"
    "  -V, --version         show the version and exit\n"
    "      --                end of options: what follows is files\n"
    "\n"
    "Exit status: 0 ok, 1 a check failed, 2 usage or configuration error,\n"
    "3 unusable input (unreadable, corrupt or truncated; the report still\n"
    "covers what was read), 4 write error, 5 out of resources. The highest\n"
    "that applies wins. SIGINT or SIGTERM: the report covers what was read,\n"
    "then the signal ends the run (the shell sees 130 or 143).\n"
    "See sparklog(1) for the JSON schema and more.\n";

void slg_cli_usage(FILE *out)
{
  fputs(usage_general, out);
  fputs(usage_check, out);
}

/* The message quotes file names, arguments and config text: through the
 * escaper, so that no control byte reaches the terminal. */
void slg_cli_error(const char *fmt, ...)
{
  va_list ap;
  slg_buf msg = SLG_BUF_INIT, out = SLG_BUF_INIT;
  va_start(ap, fmt);
  slg_buf_vprintf(&msg, fmt, ap);
  va_end(ap);
  slg_buf_puts(&out, "sparklog: ");
  slg_escape(&out, msg.ptr, msg.len, SLG_ESC_TEXT);
  slg_buf_putc(&out, '\n');
  fwrite(out.ptr, 1, out.len, stderr);
  slg_buf_dispose(&msg);
  slg_buf_dispose(&out);
}

static const struct {
  const char *name;
  slg_command command;
} commands[] = {
    {"report", SLG_CMD_REPORT}, {"loggers", SLG_CMD_LOGGERS},
    {"jobs", SLG_CMD_JOBS},     {"stages", SLG_CMD_STAGES},
    {"shuffles", SLG_CMD_SHUFFLES}, {"check", SLG_CMD_CHECK},
    {"explain", SLG_CMD_EXPLAIN},
};

static const struct {
  const char *name;
  slg_format format;
} formats[] = {{"text", SLG_FORMAT_TEXT},
                 {"json", SLG_FORMAT_JSON},
                 {"markdown", SLG_FORMAT_MARKDOWN},
                 {"junit", SLG_FORMAT_JUNIT},
                 {"github", SLG_FORMAT_GITHUB},
                 {"gitlab", SLG_FORMAT_GITLAB},
                 {"ndjson", SLG_FORMAT_NDJSON}};

const char *slg_format_name(slg_format f)
{
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    if (formats[i].format == f)
      return formats[i].name;
  return "?";
}

static int parse_format(const char *s, slg_format *out)
{
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    if (strcmp(s, formats[i].name) == 0) {
      *out = formats[i].format;
      return 0;
    }
  return -1;
}

/* A positive decimal count within [min, max]. */
/* One parsing thread per online core, within SLG_MAX_THREADS. */
static unsigned default_threads(void)
{
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1)
    return 1;
  return n > SLG_MAX_THREADS ? SLG_MAX_THREADS : (unsigned)n;
}

static int parse_count(const char *opt, const char *s, unsigned long long min,
                       unsigned long long max, unsigned long long *out)
{
  const char *p = s;
  unsigned long long v = 0;
  if (!*p)
    goto bad;
  for (; *p; p++) {
    if (*p < '0' || *p > '9')
      goto bad;
    if (v > (max - (unsigned long long)(*p - '0')) / 10)
      goto bad;
    v = v * 10 + (unsigned long long)(*p - '0');
  }
  if (v < min)
    goto bad;
  *out = v;
  return 0;
bad:
  slg_cli_error("%s: expected a whole number from %llu to %llu, got '%s'",
                opt, min, max, s);
  return -1;
}

/* Matches "--name" or "--name=value"; *value is set for the latter. */
static int long_opt(const char *arg, const char *name, const char **value)
{
  size_t n = strlen(name);
  if (strncmp(arg, name, n) != 0)
    return 0;
  if (arg[n] == '\0') {
    *value = NULL;
    return 1;
  }
  if (arg[n] == '=') {
    *value = arg + n + 1;
    return 1;
  }
  return 0;
}

int slg_cli_parse(slg_cli *cli, int argc, char **argv)
{
  int i = 1;
  memset(cli, 0, sizeof *cli);
  slg_options_init(&cli->options);
  cli->options.threads = default_threads();
  cli->color = -1;
  cli->files = (const char **)calloc((size_t)argc + 1, sizeof *cli->files);
  if (!cli->files) {
    slg_cli_error("out of memory");
    return SLG_EXIT_USAGE;
  }
  cli->idle_exit_ms = -1;
  int command_given = 0;
  if (argc > 1 && strcmp(argv[1], "help") == 0) {
    /* "sparklog help [COMMAND]": nothing else may follow. */
    if (argc > 3) {
      slg_cli_error("help takes one command name, got '%s' too", argv[3]);
      return SLG_EXIT_USAGE;
    }
    if (slg_cli_help(argc > 2 ? argv[2] : NULL, stdout) == 0)
      return -1;
    const char *near = slg_cli_help_near(argv[2]);
    if (near)
      slg_cli_error("help: no command '%s'; did you mean '%s'?", argv[2],
                    near);
    else
      slg_cli_error("help: no command '%s' (see sparklog --help)", argv[2]);
    return SLG_EXIT_USAGE;
  }
  if (argc > 1) {
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
      if (strcmp(argv[1], commands[k].name) == 0) {
        cli->command = commands[k].command;
        command_given = 1;
        i = 2;
        break;
      }
  }
  int options_done = 0;
  /* The index of the first word that is not an option, when no command
   * word came first (0: a command did). */
  int first_word_at = 0;
  for (; i < argc; i++) {
    const char *arg = argv[i], *value = NULL;
    if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
      if (cli->command == SLG_CMD_REPORT && i > 0 && cli->nfiles == 0 &&
          first_word_at == 0 && !command_given)
        first_word_at = i;
      if (cli->command == SLG_CMD_EXPLAIN) {
        if (cli->explain_name) {
          slg_cli_error("explain takes one component name, got '%s' too",
                        arg);
          return SLG_EXIT_USAGE;
        }
        cli->explain_name = arg;
      } else {
        /* "sparklog shuffel x.log": with no command, a first word near a
         * command that names no file is a slip, not a file to report on. */
        if (i == first_word_at && !options_done &&
            access(arg, F_OK) != 0) {
          /* A command after options ("sparklog -q check x.log") is still
           * the command, when no file has its name. */
          int found = 0;
          for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
            if (strcmp(arg, commands[k].name) == 0) {
              cli->command = commands[k].command;
              command_given = found = 1;
            }
          if (found)
            continue;
          const char *names[sizeof commands / sizeof commands[0]];
          for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
            names[k] = commands[k].name;
          const char *near =
              slg_cli_suggest(arg, names, sizeof names / sizeof names[0]);
          if (near) {
            slg_cli_error("unknown command '%s' (and no such file); did you "
                          "mean '%s'?", arg, near);
            return SLG_EXIT_USAGE;
          }
        }
        cli->files[cli->nfiles++] = arg;
      }
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      options_done = 1;
      continue;
    }
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      /* "sparklog check --help": that command's help. */
      const char *name = NULL;
      for (size_t k = 0; command_given && k < sizeof commands /
                                                  sizeof commands[0]; k++)
        if (commands[k].command == cli->command)
          name = commands[k].name;
      slg_cli_help(name, stdout);
      return -1;
    }
    if (strcmp(arg, "-V") == 0 || strcmp(arg, "--version") == 0) {
      printf("sparklog %s (gzip: %s)\n", SLG_VERSION, slg_reader_backend());
      return -1;
    }
    /* Check switches without a value. */
    if (strcmp(arg, "--allow-empty") == 0 || strcmp(arg, "--exit-zero") == 0) {
      if (cli->nsettings == SLG_MAX_SETTINGS) {
        slg_cli_error("too many check options");
        return SLG_EXIT_USAGE;
      }
      cli->settings[cli->nsettings].key = arg + 2;
      cli->settings[cli->nsettings++].value = "true";
      continue;
    }
    if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
      cli->quiet = 1;
      continue;
    }
    if (strcmp(arg, "--no-mmap") == 0) {
      cli->options.no_mmap = 1;
      continue;
    }
    if (strcmp(arg, "--no-pager") == 0) {
      cli->no_pager = 1;
      continue;
    }
    if (strcmp(arg, "--reference") == 0) {
      cli->options.reference = 1;
      continue;
    }
    if (strcmp(arg, "--fastpath-counts") == 0) {
      if (!slg_fastpath_counting()) {
        slg_cli_error("--fastpath-counts: this build counts no fast-path "
                      "hits (configure with -DSLG_FASTPATH_COUNTERS=ON)");
        return SLG_EXIT_USAGE;
      }
      cli->fastpath_counts = 1;
      continue;
    }
    if (strcmp(arg, "--each") == 0) {
      cli->each = 1;
      continue;
    }
    if (strcmp(arg, "--follow") == 0) {
      cli->follow = 1;
      continue;
    }
    if (strcmp(arg, "--no-config") == 0) {
      cli->no_config = 1;
      continue;
    }
    if (strcmp(arg, "--print-config") == 0) {
      cli->print_config = 1;
      continue;
    }
    /* Options with a value. */
    const char *opt = NULL;
    static const char *const with_value[] = {
        "--format", "--color", "--layout", "--unwrap", "--max-loggers",
        "--max-line", "--max-stages", "--max-apps", "--top", "--output", "--config", "--threads",
        "--chunk-size",
        "--max-shuffle-stages", "--max-stage-task-time", "--max-skew",
        "--max-failed-tasks", "--max-stage-retries", "--max-fetch-failures",
        "--max-lost-executors", "--max-app-duration", "--max-map-status-size",
        "--fail-on", "--allow", "--idle-exit", "--test-follow-sync"};
    /* Short options take their value as the next word or attached, as
     * getopt does: "-j 4" or "-j4", "-f json" or "-fjson". */
    static const struct {
      char letter;
      const char *name;
    } short_opts[] = {{'f', "--format"}, {'o', "--output"}, {'j', "--threads"}};
    for (size_t k = 0; k < sizeof short_opts / sizeof short_opts[0]; k++)
      if (arg[1] == short_opts[k].letter) {
        opt = short_opts[k].name;
        value = arg[2] != '\0' ? arg + 2 : NULL;
      }
    if (!opt) {
      for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
        if (long_opt(arg, with_value[k], &value)) {
          opt = with_value[k];
          break;
        }
    }
    if (!opt) {
      /* Every long option, for "did you mean". */
      static const char *const switches[] = {
          "--help",        "--version",       "--allow-empty",
          "--exit-zero",   "--quiet",         "--no-mmap",
          "--reference",   "--fastpath-counts", "--no-config",
          "--print-config", "--no-pager", "--each", "--follow"};
      enum { NW = sizeof with_value / sizeof with_value[0],
             NS = sizeof switches / sizeof switches[0] };
      const char *names[NW + NS];
      for (size_t k = 0; k < NW; k++)
        names[k] = with_value[k];
      for (size_t k = 0; k < NS; k++)
        names[NW + k] = switches[k];
      /* The name without its "=value" is what was misspelt. */
      char word[64];
      size_t wl = strcspn(arg, "=");
      const char *near = NULL;
      if (arg[1] == '-' && wl < sizeof word) {
        memcpy(word, arg, wl);
        word[wl] = '\0';
        near = slg_cli_suggest(word, names, NW + NS);
      }
      if (near)
        slg_cli_error("unknown option '%s'; did you mean '%s'? (see sparklog "
                      "--help)", arg, near);
      else
        slg_cli_error("unknown option '%s' (see sparklog --help)", arg);
      return SLG_EXIT_USAGE;
    }
    if (!value) {
      if (i + 1 >= argc) {
        slg_cli_error("%s needs a value", opt);
        return SLG_EXIT_USAGE;
      }
      value = argv[++i];
    }
    unsigned long long n;
    int check_opt = (strncmp(opt, "--max-", 6) == 0 &&
                     strcmp(opt, "--max-loggers") != 0 &&
                     strcmp(opt, "--max-line") != 0 &&
                     strcmp(opt, "--max-stages") != 0 &&
                     strcmp(opt, "--max-apps") != 0) ||
                    strcmp(opt, "--fail-on") == 0 ||
                    strcmp(opt, "--allow") == 0;
    if (check_opt) {
      if (cli->nsettings == SLG_MAX_SETTINGS) {
        slg_cli_error("too many check options");
        return SLG_EXIT_USAGE;
      }
      cli->settings[cli->nsettings].key = opt + 2;
      cli->settings[cli->nsettings++].value = value;
    } else if (strcmp(opt, "--config") == 0) {
      cli->config_path = value;
    } else if (strcmp(opt, "--output") == 0) {
      const char *eq = strchr(value, '=');
      char fmt[16];
      size_t fl = eq ? (size_t)(eq - value) : 0;
      if (!eq || fl == 0 || fl >= sizeof fmt || eq[1] == '\0' ||
          (eq[1] == '+' && eq[2] == '\0')) {
        slg_cli_error("--output: expected FORMAT=PATH or FORMAT=+PATH, got "
                      "'%s'", value);
        return SLG_EXIT_USAGE;
      }
      memcpy(fmt, value, fl);
      fmt[fl] = '\0';
      if (cli->noutputs == SLG_MAX_OUTPUTS) {
        slg_cli_error("--output: at most %d outputs", SLG_MAX_OUTPUTS);
        return SLG_EXIT_USAGE;
      }
      slg_output_spec *o = &cli->outputs[cli->noutputs];
      if (parse_format(fmt, &o->format) < 0) {
        slg_cli_error("--output: unknown format '%s' (text, json, markdown, "
                      "junit, github, gitlab, ndjson)", fmt);
        return SLG_EXIT_USAGE;
      }
      o->append = eq[1] == '+';
      o->path = eq + 1 + o->append;
      cli->noutputs++;
    } else if (strcmp(opt, "--format") == 0) {
      if (parse_format(value, &cli->format) < 0) {
        slg_cli_error("--format: unknown format '%s' (text, json, markdown, "
                      "junit, github, gitlab, ndjson)", value);
        return SLG_EXIT_USAGE;
      }
      cli->format_set = 1;
    } else if (strcmp(opt, "--color") == 0) {
      if (strcmp(value, "auto") == 0)
        cli->color = -1;
      else if (strcmp(value, "always") == 0)
        cli->color = 1;
      else if (strcmp(value, "never") == 0)
        cli->color = 0;
      else {
        slg_cli_error("--color: expected auto, always or never, got '%s'",
                      value);
        return SLG_EXIT_USAGE;
      }
    } else if (strcmp(opt, "--layout") == 0) {
      cli->options.layout = value;
    } else if (strcmp(opt, "--unwrap") == 0) {
      cli->options.unwrap = value;
    } else if (strcmp(opt, "--max-loggers") == 0) {
      if (parse_count(opt, value, 1, 1000000, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.max_loggers = (size_t)n;
    } else if (strcmp(opt, "--max-stages") == 0) {
      if (parse_count(opt, value, 1, UINT32_MAX - 2, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.max_stages = n;
    } else if (strcmp(opt, "--max-apps") == 0) {
      if (parse_count(opt, value, 1, UINT32_MAX - 2, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.max_apps = n;
    } else if (strcmp(opt, "--max-line") == 0) {
      if (parse_count(opt, value, 256, 64u << 20, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.max_line = (size_t)n;
    } else if (strcmp(opt, "--threads") == 0) {
      if (parse_count(opt, value, 1, SLG_MAX_THREADS, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.threads = (unsigned)n;
    } else if (strcmp(opt, "--chunk-size") == 0) {
      /* Test-only (not in --help): many chunk borders in a small log. */
      if (parse_count(opt, value, 64, 1u << 30, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.chunk_size = (size_t)n;
    } else if (strcmp(opt, "--idle-exit") == 0) {
      char err[256];
      if (slg_config_duration(opt, value, &cli->idle_exit_ms, err) < 0) {
        slg_cli_error("%s", err);
        return SLG_EXIT_USAGE;
      }
    } else if (strcmp(opt, "--test-follow-sync") == 0) {
      cli->follow_sync = value;
    } else if (strcmp(opt, "--top") == 0) {
      if (parse_count(opt, value, 1, 1000000, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->top = (size_t)n;
    }
  }
  if (cli->command != SLG_CMD_CHECK &&
      (cli->nsettings || cli->config_path || cli->print_config ||
       cli->quiet)) {
    slg_cli_error("check options (--max-*, --fail-on, --config, -q, ...) go "
                  "with `sparklog check`");
    return SLG_EXIT_USAGE;
  }
  /* "--output FORMAT=-": FORMAT is what stdout gets, in place of the
   * --format report; stdout cannot take two. */
  for (size_t k = 0; k < cli->noutputs; k++) {
    if (strcmp(cli->outputs[k].path, "-") != 0)
      continue;
    if (cli->format_set || cli->quiet) {
      if (cli->quiet)
        slg_cli_error("--output %s=-: stdout already gets the -q line",
                      slg_format_name(cli->outputs[k].format));
      else
        slg_cli_error("--output %s=-: stdout already gets the %s report",
                      slg_format_name(cli->outputs[k].format),
                      slg_format_name(cli->format));
      return SLG_EXIT_USAGE;
    }
    cli->format = cli->outputs[k].format;
    cli->format_set = 1;
    memmove(&cli->outputs[k], &cli->outputs[k + 1],
            (cli->noutputs - k - 1) * sizeof cli->outputs[0]);
    cli->noutputs--;
    k--;
  }
  /* JUnit and GitLab documents are one per run: a file each cannot be
   * concatenated. */
  int whole = 0;
  for (size_t k = 0; k <= cli->noutputs; k++) {
    slg_format f = k < cli->noutputs ? cli->outputs[k].format : cli->format;
    whole = whole || f == SLG_FORMAT_JUNIT || f == SLG_FORMAT_GITLAB;
  }
  if (cli->each && whole) {
    slg_cli_error("--each: junit and gitlab are one document for the run; "
                  "use them without --each");
    return SLG_EXIT_USAGE;
  }
  if (cli->follow && cli->each) {
    slg_cli_error("--follow reads one file: --each has nothing to split");
    return SLG_EXIT_USAGE;
  }
  if (!cli->follow && (cli->idle_exit_ms >= 0 || cli->follow_sync)) {
    slg_cli_error("--idle-exit and --test-follow-sync go with --follow");
    return SLG_EXIT_USAGE;
  }
  if (cli->follow && cli->command == SLG_CMD_EXPLAIN) {
    slg_cli_error("--follow: explain reads no log");
    return SLG_EXIT_USAGE;
  }
  return 0;
}
