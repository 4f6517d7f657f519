/*
 * gen_completions.c - writes sparklog's bash, zsh or fish completion
 * script from the option table (options.c); run at build time
 * (src/CMakeLists.txt), so that the installed completions cannot drift
 * from the options the binary parses.
 *
 *   gen_completions bash|zsh|fish > FILE
 *   gen_completions options    every option shown, one per line (tests)
 *
 * Each script finds the command (the first word that names one; `report`
 * when none does), offers the options that command takes, the values of
 * an option whose values are a list (formats, --color, --fail-on), files
 * or directories where the value is one, and files for the rest.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "options.h"

static int visible(const slg_option_info *o)
{
  return o->group != SLG_GROUP_HIDDEN;
}

/* The words of the commands (not `help`) taking option o, separated by
 * `sep`. */
static void put_commands_of(FILE *out, const slg_option_info *o,
                            const char *sep)
{
  int first = 1;
  for (size_t k = 0; k < slg_commands_count; k++) {
    const slg_command_info *c = &slg_commands_table[k];
    if (c->command < 0 || !(o->commands & SLG_CMDBIT(c->command)))
      continue;
    fprintf(out, "%s%s", first ? "" : sep, c->name);
    first = 0;
  }
}

static void put_command_names(FILE *out, const char *sep)
{
  for (size_t k = 0; k < slg_commands_count; k++)
    fprintf(out, "%s%s", k ? sep : "", slg_commands_table[k].name);
}

/* Text inside single quotes: ' closes, escapes and reopens. */
static void put_quoted(FILE *out, const char *s, const char *also)
{
  for (; *s; s++) {
    if (*s == '\'')
      fputs("'\\''", out);
    else if (also && strchr(also, *s))
      fprintf(out, "\\%c", *s);
    else
      fputc(*s, out);
  }
}

/* ---- bash ---------------------------------------------------------- */

static void bash(FILE *out)
{
  fputs("# bash completion for sparklog (generated from src/cli/options.c;"
        " do not edit)\n"
        "\n"
        "# Readline splits \"--format=js\" and \"json=pa\" at \"=\" (in\n"
        "# COMP_WORDBREAKS): the words are joined again, the candidates made\n"
        "# for the whole word, and what precedes readline's own word cut\n"
        "# off them.\n"
        "_sparklog()\n"
        "{\n"
        "  local -a words=()\n"
        "  local cword=0 j real=${COMP_WORDS[COMP_CWORD]}\n"
        "  for ((j = 0; j < ${#COMP_WORDS[@]}; j++)); do\n"
        "    if ((j > 1)) && [[ ${COMP_WORDS[j]} == = ||\n"
        "                       ${COMP_WORDS[j-1]} == = ]]; then\n"
        "      words[${#words[@]}-1]+=${COMP_WORDS[j]}\n"
        "    else\n"
        "      words+=(\"${COMP_WORDS[j]}\")\n"
        "    fi\n"
        "    ((j == COMP_CWORD)) && cword=$((${#words[@]} - 1))\n"
        "  done\n"
        "  [[ $real == = ]] && real=\n"
        "  local cur=${words[cword]} prev=\n"
        "  ((cword > 0)) && prev=${words[cword-1]}\n"
        "  COMPREPLY=()\n"
        "  __sparklog_candidates\n"
        "  local strip=${cur%\"$real\"}\n"
        "  [[ -n $strip ]] && COMPREPLY=(\"${COMPREPLY[@]#\"$strip\"}\")\n"
        "  return 0\n"
        "}\n"
        "\n"
        "__sparklog_candidates()\n"
        "{\n"
        "  local cmd=report i w\n",
        out);
  /* The command: the first word naming one, an option's value aside. */
  fputs("  for ((i = 1; i < cword; i++)); do\n"
        "    w=${words[i]}\n"
        "    case $w in\n"
        "      --) break ;;\n",
        out);
  fputs("      ", out);
  int first = 1;
  for (int k = 0; k < SLG_OPT_COUNT; k++) {
    const slg_option_info *o = &slg_options_table[k];
    if (!o->metavar)
      continue;
    fprintf(out, "%s--%s", first ? "" : "|", o->name);
    if (o->letter)
      fprintf(out, "|-%c", o->letter);
    first = 0;
  }
  fputs(") ((i++)) ;;\n", out);
  fputs("      -*) ;;\n      ", out);
  put_command_names(out, "|");
  fputs(") cmd=$w; break ;;\n"
        "      *) break ;;\n"
        "    esac\n"
        "  done\n",
        out);
  /* The value of the option before the cursor, or after its "=". */
  fputs("  local opt=$prev val=$cur pre=\n"
        "  case $cur in\n"
        "    --*=*) opt=${cur%%=*}; val=${cur#*=}; pre=$opt= ;;\n"
        "  esac\n"
        "  case $opt in\n",
        out);
  for (int k = 0; k < SLG_OPT_COUNT; k++) {
    const slg_option_info *o = &slg_options_table[k];
    if (!o->metavar)
      continue;
    fprintf(out, "    --%s", o->name);
    if (o->letter)
      fprintf(out, "|-%c", o->letter);
    fputs(")\n", out);
    switch (o->complete) {
    case SLG_COMPLETE_VALUES:
      fprintf(out,
              "      COMPREPLY=($(compgen -P \"$pre\" -W '%s' -- \"$val\"))\n",
              o->values);
      break;
    case SLG_COMPLETE_FILE:
      fputs("      compopt -o filenames 2>/dev/null\n"
            "      COMPREPLY=($(compgen -P \"$pre\" -f -- \"$val\"))\n",
            out);
      break;
    case SLG_COMPLETE_DIR:
      fputs("      compopt -o filenames 2>/dev/null\n"
            "      COMPREPLY=($(compgen -P \"$pre\" -d -- \"$val\"))\n",
            out);
      break;
    case SLG_COMPLETE_OUTPUT:
      /* FORMAT=PATH: the format and "=", then a file after it. */
      fprintf(out,
              "      if [[ $val == *=* ]]; then\n"
              "        local p=${val#*=}\n"
              "        pre=$pre${val%%%%=*}=\n"
              "        [[ $p == +* ]] && pre=$pre+ && p=${p#+}\n"
              "        COMPREPLY=($(compgen -P \"$pre\" -f -- \"$p\"))\n"
              "      else\n"
              "        compopt -o nospace 2>/dev/null\n"
              "        COMPREPLY=($(compgen -P \"$pre\" -S = -W '%s' -- "
              "\"$val\"))\n"
              "      fi\n",
              o->values);
      break;
    case SLG_COMPLETE_NONE:
      break;
    }
    fputs("      return ;;\n", out);
  }
  fputs("  esac\n", out);
  /* After "--", files only. */
  fputs("  for ((i = 1; i < cword; i++)); do\n"
        "    if [[ ${words[i]} == -- ]]; then\n"
        "      compopt -o filenames 2>/dev/null\n"
        "      COMPREPLY=($(compgen -f -- \"$cur\"))\n"
        "      return\n"
        "    fi\n"
        "  done\n",
        out);
  /* An option: those the command takes. */
  fputs("  if [[ $cur == -* ]]; then\n"
        "    local opts=\n"
        "    case $cmd in\n",
        out);
  for (size_t c = 0; c < slg_commands_count; c++) {
    const slg_command_info *ci = &slg_commands_table[c];
    if (ci->command < 0)
      continue;
    fprintf(out, "      %s) opts='", ci->name);
    int any = 0;
    for (int k = 0; k < SLG_OPT_COUNT; k++) {
      const slg_option_info *o = &slg_options_table[k];
      if (!visible(o) || !(o->commands & SLG_CMDBIT(ci->command)))
        continue;
      fprintf(out, "%s--%s%s", any ? " " : "", o->name, o->metavar ? "=" : "");
      if (o->letter)
        fprintf(out, " -%c", o->letter);
      any = 1;
    }
    fputs("' ;;\n", out);
  }
  fputs("    esac\n"
        "    COMPREPLY=($(compgen -W \"$opts --\" -- \"$cur\"))\n"
        "    [[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace "
        "2>/dev/null\n"
        "    return\n"
        "  fi\n",
        out);
  /* A word: a command in first place, then files (explain: a name). */
  fputs("  if ((cword == 1)); then\n"
        "    COMPREPLY=($(compgen -W '",
        out);
  put_command_names(out, " ");
  fputs("' -- \"$cur\"))\n"
        "  elif [[ ${words[1]} == help ]]; then\n"
        "    ((cword == 2)) && COMPREPLY=($(compgen -W '",
        out);
  put_command_names(out, " ");
  fputs("' -- \"$cur\"))\n"
        "    return\n"
        "  fi\n"
        "  [[ $cmd == explain ]] && return\n"
        "  compopt -o filenames 2>/dev/null\n"
        "  COMPREPLY+=($(compgen -f -- \"$cur\"))\n"
        "}\n"
        "complete -F _sparklog sparklog\n",
        out);
}

/* ---- zsh ----------------------------------------------------------- */

static void zsh_spec(FILE *out, const slg_option_info *o)
{
  /* '(-f --format)'{-f+,--format=}'[help]:FORMAT:(text json)' */
  /* A repeatable option excludes nothing; the others themselves. */
  fputs("    ", out);
  if (o->letter && o->repeatable)
    fprintf(out, "'*'{-%c%s,--%s%s}'", o->letter, o->metavar ? "+" : "",
            o->name, o->metavar ? "=" : "");
  else if (o->letter)
    fprintf(out, "'(-%c --%s)'{-%c%s,--%s%s}'", o->letter, o->name,
            o->letter, o->metavar ? "+" : "", o->name,
            o->metavar ? "=" : "");
  else
    fprintf(out, "'%s--%s%s", o->repeatable ? "*" : "", o->name,
            o->metavar ? "=" : "");
  fputc('[', out);
  put_quoted(out, o->help, "[]:\\");
  fputc(']', out);
  if (o->metavar) {
    fputc(':', out);
    put_quoted(out, o->metavar, ":\\");
    fputc(':', out);
    switch (o->complete) {
    case SLG_COMPLETE_VALUES:
      fprintf(out, "(%s)", o->values);
      break;
    case SLG_COMPLETE_FILE:
      fputs("_files", out);
      break;
    case SLG_COMPLETE_DIR:
      fputs("_files -/", out);
      break;
    case SLG_COMPLETE_OUTPUT:
      fputs("_sparklog_output", out);
      break;
    case SLG_COMPLETE_NONE:
      fputs(" ", out);
      break;
    }
  }
  fputs("' \\\n", out);
}

static void zsh(FILE *out)
{
  fputs("#compdef sparklog\n"
        "# zsh completion for sparklog (generated from src/cli/options.c;"
        " do not edit)\n"
        "\n"
        "_sparklog_output() {\n"
        "  # FORMAT=PATH: a format and \"=\", then a file after it.\n"
        "  if compset -P '*='; then\n"
        "    compset -P '+'\n"
        "    _files\n"
        "  else\n"
        "    compadd -S '=' -- ",
        out);
  fputs(slg_options_table[SLG_OPT_OUTPUT].values, out);
  fputs("\n"
        "  fi\n"
        "}\n"
        "\n"
        "_sparklog() {\n"
        "  local cmd=report w i\n"
        "  local -a commands\n"
        "  commands=(\n",
        out);
  for (size_t k = 0; k < slg_commands_count; k++) {
    fprintf(out, "    '%s:", slg_commands_table[k].name);
    put_quoted(out, slg_commands_table[k].help, ":\\");
    fputs("'\n", out);
  }
  fputs("  )\n"
        "  if (( CURRENT == 2 )) && [[ $words[2] != -* ]]; then\n"
        "    _describe -t commands 'sparklog command' commands\n"
        "    _files\n"
        "    return\n"
        "  fi\n"
        "  if [[ $words[2] == help ]]; then\n"
        "    (( CURRENT == 3 )) && _describe -t commands 'command' commands\n"
        "    return\n"
        "  fi\n"
        "  for (( i = 2; i < CURRENT; i++ )); do\n"
        "    w=$words[i]\n"
        "    case $w in\n"
        "      (",
        out);
  put_command_names(out, "|");
  fputs(") cmd=$w; break ;;\n"
        "    esac\n"
        "  done\n"
        "  local -a args\n"
        "  case $cmd in\n",
        out);
  for (size_t c = 0; c < slg_commands_count; c++) {
    const slg_command_info *ci = &slg_commands_table[c];
    if (ci->command < 0)
      continue;
    fprintf(out, "  (%s)\n    args=(\n", ci->name);
    for (int k = 0; k < SLG_OPT_COUNT; k++) {
      const slg_option_info *o = &slg_options_table[k];
      if (visible(o) && (o->commands & SLG_CMDBIT(ci->command)))
        zsh_spec(out, o);
    }
    if (ci->command == SLG_CMD_EXPLAIN)
      fputs("    '1::component name: '\n", out);
    else
      fputs("    '*:log file:_files'\n", out);
    fputs("    ) ;;\n", out);
  }
  fputs("  esac\n"
        "  _arguments -s -S $args\n"
        "}\n"
        "\n"
        "_sparklog \"$@\"\n",
        out);
}

/* ---- fish ---------------------------------------------------------- */

static void fish(FILE *out)
{
  fputs("# fish completion for sparklog (generated from src/cli/options.c;"
        " do not edit)\n"
        "\n"
        "# The command: the first word naming one (report when none does).\n"
        "function __sparklog_command\n"
        "    for w in (commandline -opc)[2..-1]\n"
        "        switch $w\n"
        "            case ",
        out);
  put_command_names(out, " ");
  fputs("\n"
        "                echo $w\n"
        "                return\n"
        "            case '--'\n"
        "                break\n"
        "        end\n"
        "    end\n"
        "    echo report\n"
        "end\n"
        "\n"
        "function __sparklog_using\n"
        "    contains -- (__sparklog_command) $argv\n"
        "end\n"
        "\n"
        "# FORMAT=PATH: a format and \"=\", then a file after it.\n"
        "function __sparklog_output\n"
        "    set -l tok (commandline -ct | string replace -r -- "
        "'^--output=' '')\n"
        "    if string match -q -- '*=*' $tok\n"
        "        set -l pre (string replace -r -- '=\\+?.*' '' $tok)\n"
        "        set -l sep (string match -r -- '=\\+?' $tok)\n"
        "        set -l path (string replace -r -- '^[^=]*=\\+?' '' $tok)\n"
        "        for f in (__fish_complete_path $path)\n"
        "            echo $pre$sep$f\n"
        "        end\n"
        "    else\n"
        "        for f in ",
        out);
  fputs(slg_options_table[SLG_OPT_OUTPUT].values, out);
  fputs("\n"
        "            echo $f=\n"
        "        end\n"
        "    end\n"
        "end\n"
        "\n"
        "complete -c sparklog -e\n"
        "# Files, except as explain's or help's argument.\n"
        "complete -c sparklog -n '__sparklog_using explain help' -f\n",
        out);
  for (size_t k = 0; k < slg_commands_count; k++) {
    const slg_command_info *c = &slg_commands_table[k];
    fprintf(out,
            "complete -c sparklog -n '__fish_use_subcommand' -a %s -d '",
            c->name);
    put_quoted(out, c->help, NULL);
    fputs("'\n", out);
  }
  fputs("complete -c sparklog -n '__fish_seen_subcommand_from help' -f -a '",
        out);
  put_command_names(out, " ");
  fputs("'\n", out);
  for (int k = 0; k < SLG_OPT_COUNT; k++) {
    const slg_option_info *o = &slg_options_table[k];
    if (!visible(o))
      continue;
    fputs("complete -c sparklog -n '__sparklog_using ", out);
    put_commands_of(out, o, " ");
    fputs("'", out);
    if (o->letter)
      fprintf(out, " -s %c", o->letter);
    fprintf(out, " -l %s", o->name);
    if (o->metavar) {
      switch (o->complete) {
      case SLG_COMPLETE_VALUES:
        fprintf(out, " -x -a '%s'", o->values);
        break;
      case SLG_COMPLETE_FILE:
        fputs(" -r -F", out);
        break;
      case SLG_COMPLETE_DIR:
        fputs(" -x -a '(__fish_complete_directories)'", out);
        break;
      case SLG_COMPLETE_OUTPUT:
        fputs(" -x -a '(__sparklog_output)'", out);
        break;
      case SLG_COMPLETE_NONE:
        fputs(" -x", out);
        break;
      }
    }
    fputs(" -d '", out);
    put_quoted(out, o->help, NULL);
    fputs("'\n", out);
  }
}

int main(int argc, char **argv)
{
  if (argc == 2 && strcmp(argv[1], "bash") == 0)
    bash(stdout);
  else if (argc == 2 && strcmp(argv[1], "zsh") == 0)
    zsh(stdout);
  else if (argc == 2 && strcmp(argv[1], "fish") == 0)
    fish(stdout);
  else if (argc == 2 && strcmp(argv[1], "options") == 0) {
    /* For tests/cli/manpage.sh: every option help and man page show. */
    for (int k = 0; k < SLG_OPT_COUNT; k++)
      if (visible(&slg_options_table[k]))
        printf("--%s\n", slg_options_table[k].name);
  }
  else {
    fputs("usage: gen_completions bash|zsh|fish|options\n", stderr);
    return 2;
  }
  return fflush(stdout) == 0 ? 0 : 1;
}
