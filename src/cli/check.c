/*
 * check.c - the check's thresholds from their four sources, in order:
 * defaults, a config file, SPARKLOG_* environment variables, flags.
 *
 * The config file is --config FILE, or else .sparklog.conf in the working
 * directory or the nearest parent, searching upward but not past the
 * repository root (a directory holding .git) or $HOME, so a stray file in
 * / or a colleague's home never steers a CI run. --no-config reads none.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "cli.h"
#include "config.h"

extern char **environ;

static int exists(const char *dir, const char *name, int want_dir)
{
  char path[4096];
  struct stat st;
  if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
    return 0;
  if (stat(path, &st) != 0)
    return 0;
  return want_dir ? S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)
                  : S_ISREG(st.st_mode);
}

/* Finds .sparklog.conf upward from the working directory. */
static int discover(char *out, size_t len)
{
  char dir[4096];
  if (!getcwd(dir, sizeof dir))
    return 0;
  const char *home = getenv("HOME");
  for (;;) {
    if (exists(dir, ".sparklog.conf", 0)) {
      snprintf(out, len, "%s/.sparklog.conf", dir);
      return 1;
    }
    if (exists(dir, ".git", 1) || (home && *home && strcmp(dir, home) == 0))
      return 0;
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
      return 0;
    *slash = '\0';
  }
}

static int load_file(const char *path, slg_thresholds *t)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    slg_cli_error("%s: %s", path, strerror(errno));
    return SLG_EXIT_USAGE;
  }
  slg_buf text = SLG_BUF_INIT;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && text.len < (1u << 20))
    slg_buf_put(&text, chunk, n);
  fclose(f);
  char err[256];
  int rc = slg_config_parse(t, text.ptr ? text.ptr : "", text.len, path, err);
  slg_buf_dispose(&text);
  if (rc < 0) {
    slg_cli_error("%s", err);
    return SLG_EXIT_USAGE;
  }
  return 0;
}

int slg_cli_thresholds(const slg_cli *cli, slg_thresholds *t,
                       char *found, size_t found_len)
{
  char err[256];
  slg_thresholds_init(t);
  found[0] = '\0';
  if (!cli->no_config) {
    if (cli->config_path)
      snprintf(found, found_len, "%s", cli->config_path);
    else
      discover(found, found_len);
    if (found[0] && load_file(found, t) != 0)
      return SLG_EXIT_USAGE;
  }
  /* A misspelt variable must not be ignored silently. */
  for (char **e = environ; e && *e; e++) {
    if (strncmp(*e, "SPARKLOG_", 9) != 0)
      continue;
    const char *eq = strchr(*e, '=');
    size_t kl = eq ? (size_t)(eq - *e) - 9 : strlen(*e) - 9;
    if (slg_config_set(t, *e + 9, kl, eq ? eq + 1 : "", err) < 0 &&
        strncmp(err, "unknown key", 11) == 0) {
      slg_cli_error("%.*s: unknown setting (see sparklog --help)",
                    (int)(kl + 9), *e);
      return SLG_EXIT_USAGE;
    }
  }
  slg_thresholds_init(t);
  if (found[0] && load_file(found, t) != 0)
    return SLG_EXIT_USAGE;
  for (size_t i = 0; i < slg_config_count(); i++) {
    const char *key = slg_config_key(i);
    char env[64] = "SPARKLOG_";
    size_t n = strlen(env);
    for (const char *k = key; *k && n + 1 < sizeof env; k++)
      env[n++] = (*k >= 'a' && *k <= 'z') ? (char)(*k - 'a' + 'A') : *k;
    env[n] = '\0';
    const char *v = getenv(env);
    if (!v)
      continue;
    if (slg_config_set(t, key, strlen(key), v, err) < 0) {
      slg_cli_error("%s: %s", env, err);
      return SLG_EXIT_USAGE;
    }
  }
  for (size_t i = 0; i < cli->nsettings; i++) {
    const slg_setting *s = &cli->settings[i];
    if (slg_config_set(t, s->key, strlen(s->key), s->value, err) < 0) {
      slg_cli_error("--%s: %s", s->key, err);
      return SLG_EXIT_USAGE;
    }
  }
  return 0;
}
