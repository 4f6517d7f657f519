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
#include "options.h"

static const char usage_head[] =
    "usage: sparklog [COMMAND] [OPTIONS] [FILE...]\n"
    "\n"
    "Analyse Apache Spark driver logs (plain or gzip; stdin when no FILE or "
    "\"-\";\nthe files under a directory).\n"
    "\n"
    "Commands:\n";
static const char usage_tail[] =
    "      --                end of options: what follows is files\n"
    "\n"
    "Exit status: 0 ok, 1 a check failed, 2 usage or configuration error,\n"
    "3 unusable input (unreadable, corrupt or truncated; the report still\n"
    "covers what was read), 4 write error, 5 out of resources. The highest\n"
    "that applies wins. SIGINT or SIGTERM: the report covers what was read,\n"
    "then the signal ends the run (the shell sees 130 or 143).\n"
    "See sparklog(1) for the JSON schema and more.\n";

/* The commands and options come from the table (options.c). */
void slg_cli_usage(FILE *out)
{
  fputs(usage_head, out);
  for (size_t k = 0; k < slg_commands_count; k++)
    slg_options_wrap(out, slg_commands_table[k].label,
                     slg_commands_table[k].help, 18);
  fputs("\nOptions:\n", out);
  slg_options_list(out, SLG_GROUP_GENERAL, 0, 24, 1);
  fputs("\nCheck options (also in .sparklog.conf as key = value, and as\n"
        "SPARKLOG_<KEY> variables; flags > environment > file > defaults):\n",
        out);
  slg_options_list(out, SLG_GROUP_CHECK, 0, 33, 1);
  fputs("\nTest options (for the test suite):\n", out);
  slg_options_list(out, SLG_GROUP_TEST, 0, 24, 1);
  fputs("\n", out);
  slg_options_list(out, SLG_GROUP_META, 0, 24, 1);
  fputs(usage_tail, out);
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
  slg_tty_line_clear(); /* a message never starts inside the line */
  slg_buf_puts(&out, "sparklog: ");
  slg_escape(&out, msg.ptr, msg.len, SLG_ESC_TEXT);
  slg_buf_putc(&out, '\n');
  fwrite(out.ptr, 1, out.len, stderr);
  slg_buf_dispose(&msg);
  slg_buf_dispose(&out);
}

static const char *command_name(slg_command c)
{
  for (size_t k = 0; k < slg_commands_count; k++)
    if (slg_commands_table[k].command == (int)c)
      return slg_commands_table[k].name;
  return "?";
}

/* The command named `word` (not `help`, which comes first alone), or
 * -1. */
static int find_command(const char *word)
{
  for (size_t k = 0; k < slg_commands_count; k++)
    if (slg_commands_table[k].command >= 0 &&
        strcmp(word, slg_commands_table[k].name) == 0)
      return slg_commands_table[k].command;
  return -1;
}

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
  cli->progress_delay_ms = 1000;
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
  if (argc > 1 && find_command(argv[1]) >= 0) {
    cli->command = (slg_command)find_command(argv[1]);
    command_given = 1;
    i = 2;
  }
  unsigned char seen[SLG_OPT_COUNT] = {0};
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
          if (find_command(arg) >= 0) {
            cli->command = (slg_command)find_command(arg);
            command_given = 1;
            continue;
          }
          /* `help` is only ever the first word: not a candidate here. */
          const char *names[16];
          size_t nn = 0;
          for (size_t k = 0; k < slg_commands_count && nn < 16; k++)
            if (slg_commands_table[k].command >= 0)
              names[nn++] = slg_commands_table[k].name;
          const char *near = slg_cli_suggest(arg, names, nn);
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
    /* The option's entry in the table (options.c). Short options take
     * their value as the next word or attached, as getopt does: "-j 4" or
     * "-j4", "-f json" or "-fjson"; a short switch stands alone ("-q"). */
    int id = -1;
    if (arg[1] != '-') {
      for (int k = 0; k < SLG_OPT_COUNT; k++) {
        const slg_option_info *o = &slg_options_table[k];
        if (!o->letter || arg[1] != o->letter)
          continue;
        if (o->metavar) {
          id = k;
          value = arg[2] != '\0' ? arg + 2 : NULL;
        } else if (arg[2] == '\0') {
          id = k;
        }
      }
    } else {
      id = slg_option_find_long(arg, &value);
    }
    if (id < 0) {
      /* Every long option, for "did you mean". */
      const char *names[SLG_OPT_COUNT];
      char spelt[SLG_OPT_COUNT][40];
      for (int k = 0; k < SLG_OPT_COUNT; k++) {
        snprintf(spelt[k], sizeof spelt[k], "--%s",
                 slg_options_table[k].name);
        names[k] = spelt[k];
      }
      /* The name without its "=value" is what was misspelt. */
      char word[64];
      size_t wl = strcspn(arg, "=");
      const char *near = NULL;
      if (arg[1] == '-' && wl < sizeof word) {
        memcpy(word, arg, wl);
        word[wl] = '\0';
        near = slg_cli_suggest(word, names, SLG_OPT_COUNT);
      }
      if (near)
        slg_cli_error("unknown option '%s'; did you mean '%s'? (see sparklog "
                      "--help)", arg, near);
      else
        slg_cli_error("unknown option '%s' (see sparklog --help)", arg);
      return SLG_EXIT_USAGE;
    }
    const slg_option_info *info = &slg_options_table[id];
    char opt[48];
    snprintf(opt, sizeof opt, "--%s", info->name);
    seen[id] = 1;
    if (info->metavar && !value) {
      if (i + 1 >= argc) {
        slg_cli_error("%s needs a value", opt);
        return SLG_EXIT_USAGE;
      }
      value = argv[++i];
    }
    /* Check settings, with or without a value: applied after the config
     * file and the environment (slg_cli_thresholds). */
    if (info->group == SLG_GROUP_CHECK && id != SLG_OPT_QUIET &&
        id != SLG_OPT_CONFIG && id != SLG_OPT_NO_CONFIG &&
        id != SLG_OPT_PRINT_CONFIG) {
      if (cli->nsettings == SLG_MAX_SETTINGS) {
        slg_cli_error("too many check options");
        return SLG_EXIT_USAGE;
      }
      cli->settings[cli->nsettings].key = info->name;
      cli->settings[cli->nsettings++].value = value ? value : "true";
      continue;
    }
    unsigned long long n;
    switch ((slg_opt_id)id) {
    case SLG_OPT_HELP: {
      /* "sparklog check --help": that command's help. */
      const char *name = NULL;
      for (size_t k = 0; command_given && k < slg_commands_count; k++)
        if (slg_commands_table[k].command == (int)cli->command)
          name = slg_commands_table[k].name;
      slg_cli_help(name, stdout);
      return -1;
    }
    case SLG_OPT_VERSION:
      printf("sparklog %s (gzip: %s)\n", SLG_VERSION, slg_reader_backend());
      return -1;
    case SLG_OPT_QUIET:
      cli->quiet = 1;
      break;
    case SLG_OPT_NO_MMAP:
      cli->options.no_mmap = 1;
      break;
    case SLG_OPT_NO_PAGER:
      cli->no_pager = 1;
      break;
    case SLG_OPT_NO_PROGRESS:
      cli->no_progress = 1;
      break;
    case SLG_OPT_REFERENCE:
      cli->options.reference = 1;
      break;
    case SLG_OPT_FASTPATH_COUNTS:
      if (!slg_fastpath_counting()) {
        slg_cli_error("--fastpath-counts: this build counts no fast-path "
                      "hits (configure with -DSLG_FASTPATH_COUNTERS=ON)");
        return SLG_EXIT_USAGE;
      }
      cli->fastpath_counts = 1;
      break;
    case SLG_OPT_EACH:
      cli->each = 1;
      break;
    case SLG_OPT_FOLLOW:
      cli->follow = 1;
      break;
    case SLG_OPT_NO_CONFIG:
      cli->no_config = 1;
      break;
    case SLG_OPT_PRINT_CONFIG:
      cli->print_config = 1;
      break;
    case SLG_OPT_CONFIG:
      cli->config_path = value;
      break;
    case SLG_OPT_OUTPUT: {
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
      break;
    }
    case SLG_OPT_FORMAT:
      if (parse_format(value, &cli->format) < 0) {
        slg_cli_error("--format: unknown format '%s' (text, json, markdown, "
                      "junit, github, gitlab, ndjson)", value);
        return SLG_EXIT_USAGE;
      }
      cli->format_set = 1;
      break;
    case SLG_OPT_COLOR:
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
      break;
    case SLG_OPT_LAYOUT:
      cli->options.layout = value;
      break;
    case SLG_OPT_UNWRAP:
      cli->options.unwrap = value;
      break;
    case SLG_OPT_MAX_LOGGERS:
      if (parse_count(opt, value, 1, 1000000, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.max_loggers = (size_t)n;
      break;
    case SLG_OPT_MAX_TEMPLATES:
      if (parse_count(opt, value, 1, 1000000, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.max_templates = (size_t)n;
      break;
    case SLG_OPT_MAX_STAGES:
      if (parse_count(opt, value, 1, UINT32_MAX - 2, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.max_stages = n;
      break;
    case SLG_OPT_MAX_APPS:
      if (parse_count(opt, value, 1, UINT32_MAX - 2, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.max_apps = n;
      break;
    case SLG_OPT_MAX_LINE:
      if (parse_count(opt, value, 256, 64u << 20, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.max_line = (size_t)n;
      break;
    case SLG_OPT_THREADS:
      if (parse_count(opt, value, 1, SLG_MAX_THREADS, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.threads = (unsigned)n;
      break;
    case SLG_OPT_CHUNK_SIZE:
      if (parse_count(opt, value, 64, 1u << 30, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->options.chunk_size = (size_t)n;
      break;
    case SLG_OPT_TEST_PROGRESS_DELAY:
      if (parse_count(opt, value, 0, 3600000, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->progress_delay_ms = (long)n;
      break;
    case SLG_OPT_IDLE_EXIT: {
      char err[256];
      if (slg_config_duration(opt, value, &cli->idle_exit_ms, err) < 0) {
        slg_cli_error("%s", err);
        return SLG_EXIT_USAGE;
      }
      break;
    }
    case SLG_OPT_TEST_FOLLOW_SYNC:
      cli->follow_sync = value;
      break;
    case SLG_OPT_WIDTH:
      if (parse_count(opt, value, 20, 100000, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->width = (size_t)n;
      break;
    case SLG_OPT_TOP:
      if (parse_count(opt, value, 1, 1000000, &n) < 0)
        return SLG_EXIT_USAGE;
      cli->top = (size_t)n;
      break;
    default: /* the check settings, above */
      break;
    }
  }
  /* An option the table says the command does not take. The check
   * settings say so here; --follow and its companions with explain are
   * said below, with the reason. */
  for (int k = 0; k < SLG_OPT_COUNT; k++)
    if (seen[k] && slg_options_table[k].group == SLG_GROUP_CHECK &&
        !(slg_options_table[k].commands & SLG_CMDBIT(cli->command))) {
      slg_cli_error("check options (--max-*, --fail-on, --config, -q, ...) "
                    "go with `sparklog check`");
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
  for (int k = 0; k < SLG_OPT_COUNT; k++)
    if (seen[k] &&
        !(slg_options_table[k].commands & SLG_CMDBIT(cli->command))) {
      slg_cli_error("--%s does not go with `sparklog %s`",
                    slg_options_table[k].name, command_name(cli->command));
      return SLG_EXIT_USAGE;
    }
  return 0;
}
