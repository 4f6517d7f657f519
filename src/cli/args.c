/*
 * args.c - command-line parsing.
 *
 * A known subcommand name as the first word is a subcommand; everything
 * else is options and files. "--" ends the options: what follows is files
 * even if it looks like an option or a subcommand. Options take their
 * value as "--opt value" or "--opt=value". Any mistake is a one-line
 * message and exit status 2.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char slg_cli_usage[] =
    "usage: sparklog [COMMAND] [OPTIONS] [FILE...]\n"
    "\n"
    "Analyse Apache Spark driver logs (plain or gzip; stdin when no FILE or "
    "\"-\").\n"
    "\n"
    "Commands:\n"
    "  report          full report (the default)\n"
    "  loggers         per-logger histogram with levels, time span and "
    "roles\n"
    "  jobs            application -> job -> stage tree\n"
    "  stages          stage attempts as a table\n"
    "  explain [NAME]  what a Spark component (logger) is and does; all "
    "when no NAME\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT   output format: text (default) or json\n"
    "      --color WHEN      colour text output: auto (default), always, "
    "never\n"
    "      --layout PATTERN  log4j ConversionPattern tried before automatic\n"
    "                        layout detection, e.g. '%d %p [%t] %c - %m%n'\n"
    "      --max-loggers N   distinct loggers counted exactly (default "
    "1000)\n"
    "      --max-line BYTES  bytes of a line kept for parsing (default "
    "65536)\n"
    "      --top N           rows in the default report's tables (default "
    "15)\n"
    "  -h, --help            show this help and exit\n"
    "  -V, --version         show the version and exit\n"
    "      --                end of options: what follows is files\n"
    "\n"
    "Exit status: 0 ok, 1 a check failed, 2 usage or configuration error,\n"
    "3 unusable input (unreadable, corrupt or truncated; the report still\n"
    "covers what was read), 4 write error. The highest that applies wins.\n"
    "See sparklog(1) for the JSON schema and more.\n";

void slg_cli_error(const char *fmt, ...)
{
  va_list ap;
  fputs("sparklog: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

static const struct {
  const char *name;
  slg_command command;
} commands[] = {
    {"report", SLG_CMD_REPORT}, {"loggers", SLG_CMD_LOGGERS},
    {"jobs", SLG_CMD_JOBS},     {"stages", SLG_CMD_STAGES},
    {"explain", SLG_CMD_EXPLAIN},
};

static int parse_format(const char *s, slg_format *out)
{
  static const struct {
    const char *name;
    slg_format format;
  } formats[] = {{"text", SLG_FORMAT_TEXT}, {"json", SLG_FORMAT_JSON}};
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    if (strcmp(s, formats[i].name) == 0) {
      *out = formats[i].format;
      return 0;
    }
  return -1;
}

/* A positive decimal count within [min, max]. */
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
  cli->color = -1;
  cli->files = (const char **)calloc((size_t)argc + 1, sizeof *cli->files);
  if (!cli->files) {
    slg_cli_error("out of memory");
    return SLG_EXIT_USAGE;
  }
  if (argc > 1) {
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
      if (strcmp(argv[1], commands[k].name) == 0) {
        cli->command = commands[k].command;
        i = 2;
        break;
      }
  }
  int options_done = 0;
  for (; i < argc; i++) {
    const char *arg = argv[i], *value = NULL;
    if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
      if (cli->command == SLG_CMD_EXPLAIN) {
        if (cli->explain_name) {
          slg_cli_error("explain takes one component name, got '%s' too",
                        arg);
          return SLG_EXIT_USAGE;
        }
        cli->explain_name = arg;
      } else {
        cli->files[cli->nfiles++] = arg;
      }
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      options_done = 1;
      continue;
    }
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      fputs(slg_cli_usage, stdout);
      return -1;
    }
    if (strcmp(arg, "-V") == 0 || strcmp(arg, "--version") == 0) {
      printf("sparklog %s (gzip: %s)\n", SLG_VERSION, slg_reader_backend());
      return -1;
    }
    /* Options with a value. */
    const char *opt = NULL;
    static const char *const with_value[] = {
        "--format", "--color", "--layout", "--max-loggers",
        "--max-line", "--top"};
    if (strcmp(arg, "-f") == 0) {
      opt = "--format";
    } else {
      for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
        if (long_opt(arg, with_value[k], &value)) {
          opt = with_value[k];
          break;
        }
    }
    if (!opt) {
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
    if (strcmp(opt, "--format") == 0) {
      if (parse_format(value, &cli->format) < 0) {
        slg_cli_error("--format: unknown format '%s' (text, json)", value);
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
    } else if (strcmp(opt, "--max-loggers") == 0) {
      if (parse_count(opt, value, 1, 1000000, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.max_loggers = (size_t)n;
    } else if (strcmp(opt, "--max-line") == 0) {
      if (parse_count(opt, value, 256, 64u << 20, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.max_line = (size_t)n;
    } else if (strcmp(opt, "--top") == 0) {
      if (parse_count(opt, value, 1, 1000000, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->top = (size_t)n;
    }
  }
  return 0;
}
