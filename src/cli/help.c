/*
 * help.c - `sparklog help [COMMAND]` and `COMMAND --help`: what one
 * command does, the options that matter to it, and examples to copy.
 * `sparklog --help` (args.c) lists every option; the man page has the
 * rules. The options listed come from the table (options.c): those whose
 * `featured` names the command.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "options.h"

static const struct {
  const char *name;
  const char *text;
} helps[] = {
    {"report",
     "usage: sparklog [report] [OPTIONS] [FILE...]\n"
     "\n"
     "The full report (the default command): the verdict and root cause,\n"
     "each application's jobs and stages, the costliest shuffle stages, the\n"
     "findings with their fixes, and the loggers. Reads plain or gzip files,\n"
     "or stdin when no FILE or \"-\".\n"
     "\n"
     "Examples:\n"
     "  sparklog driver.log.gz\n"
     "  kubectl logs spark-driver | sparklog\n"
     "  sparklog -f json driver.log > report.json\n"},
    {"loggers",
     "usage: sparklog loggers [OPTIONS] [FILE...]\n"
     "\n"
     "The per-logger histogram: lines per logger and level, first and last\n"
     "time, and what each Spark component is (see `sparklog explain NAME`).\n"
     "\n"
     "Examples:\n"
     "  sparklog loggers driver.log\n"
     "  sparklog loggers --top 5 driver.log.gz\n"},
    {"jobs",
     "usage: sparklog jobs [OPTIONS] [FILE...]\n"
     "\n"
     "The application -> job -> stage tree rebuilt from the scheduler's\n"
     "lines: each job's outcome and duration, its stages with attempts,\n"
     "tasks and failures.\n"
     "\n"
     "Examples:\n"
     "  sparklog jobs driver.log\n"
     "  sparklog jobs -f json driver.log | jq '.apps[].jobs[]'\n"},
    {"stages",
     "usage: sparklog stages [OPTIONS] [FILE...]\n"
     "\n"
     "Every stage attempt as one table row: tasks, wall time, task time,\n"
     "percentiles of task duration, skew, failures.\n"
     "\n"
     "Examples:\n"
     "  sparklog stages driver.log\n"
     "  sparklog stages -f json driver.log > stages.json\n"},
    {"shuffles",
     "usage: sparklog shuffles [OPTIONS] [FILE...]\n"
     "\n"
     "Shuffle stages ranked by task time, with the findings on them (skew,\n"
     "fetch failures, retries, tiny or few tasks) and their fixes.\n"
     "\n"
     "Examples:\n"
     "  sparklog shuffles driver.log\n"
     "  sparklog shuffles --top 5 driver.log.gz\n"},
    {"check",
     "usage: sparklog check [OPTIONS] [FILE...]\n"
     "\n"
     "The CI gate: exit 1 when a finding reaches --fail-on (by default every\n"
     "failed application is one) or a --max-* limit is exceeded, 0 when it\n"
     "passes, 3 when no Spark application could be read. Ends with one line,\n"
     "\"check: PASSED\" or \"check: FAILED (...)\".\n"
     "\n"
     "Every limit is in sparklog --help; limits also come from SPARKLOG_<KEY>\n"
     "variables and .sparklog.conf (sparklog check --print-config shows the\n"
     "effective ones).\n"
     "\n"
     "Examples:\n"
     "  sparklog check driver.log.gz\n"
     "  sparklog check --fail-on warning --max-skew 10 -f junit driver.log \\\n"
     "    > report.xml\n"
     "  zcat driver.log.gz | sparklog check -f github \\\n"
     "    -o markdown=+\"$GITHUB_STEP_SUMMARY\"\n"},
    {"explain",
     "usage: sparklog explain [NAME]\n"
     "\n"
     "What a Spark component (a logger such as DAGScheduler or\n"
     "org.apache.spark.scheduler.TaskSetManager) is and does, and what its\n"
     "messages mean; every known component when no NAME.\n"
     "\n"
     "Examples:\n"
     "  sparklog explain TaskSetManager\n"
     "  sparklog explain -f json > components.json\n"},
    {"help",
     "usage: sparklog help [COMMAND]\n"
     "\n"
     "What COMMAND does, with examples; every option when no COMMAND (the\n"
     "same as sparklog --help). `sparklog COMMAND --help` is the same as\n"
     "`sparklog help COMMAND`.\n"},
};

static const char tail[] =
    "\n"
    "Every option: sparklog --help. The rules: man sparklog.\n";

/* The text up to its examples, then the options of the table that
 * matter to the command (their `featured` bit), then the examples. */
static void put_help(const char *name, const char *text, FILE *out)
{
  const char *ex = strstr(text, "Examples:\n");
  size_t head = ex ? (size_t)(ex - text) : strlen(text);
  fwrite(text, 1, head, out);
  unsigned bit = 0;
  for (size_t k = 0; k < slg_commands_count; k++)
    if (strcmp(name, slg_commands_table[k].name) == 0 &&
        slg_commands_table[k].command >= 0)
      bit = SLG_CMDBIT(slg_commands_table[k].command);
  int any = 0;
  for (int k = 0; bit && k < SLG_OPT_COUNT; k++)
    any = any || (slg_options_table[k].featured & bit);
  if (any) {
    /* The check settings are long: their column. */
    int column = bit == SLG_CMDBIT(SLG_CMD_CHECK) ? 33 : 24;
    fputs("Options that matter here:\n", out);
    slg_options_list(out, SLG_GROUP_GENERAL, bit, column, 0);
    slg_options_list(out, SLG_GROUP_CHECK, bit, column, 0);
    fputs("\n", out);
  }
  fputs(text + head, out);
  fputs(tail, out);
}

int slg_cli_help(const char *command, FILE *out)
{
  if (command == NULL) {
    slg_cli_usage(out);
    return 0;
  }
  for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
    if (strcmp(command, helps[i].name) == 0) {
      put_help(helps[i].name, helps[i].text, out);
      return 0;
    }
  return -1;
}

const char *slg_cli_help_near(const char *word)
{
  const char *names[sizeof helps / sizeof helps[0]];
  for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
    names[i] = helps[i].name;
  return slg_cli_suggest(word, names, sizeof names / sizeof names[0]);
}
