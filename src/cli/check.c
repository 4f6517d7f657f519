/*
 * check.c - the check's thresholds from their four sources, in order:
 * defaults, a config file, SPARKLOG_* environment variables, flags.
 *
 * The config file is --config FILE, or else .sparklog.conf in the working
 * directory or the nearest parent. Only `check` and --print-config read
 * it. The search goes upward but stops at a repository root (a directory
 * holding .git), at $HOME and at the first directory owned by neither the
 * user nor root, so a stray file in / or a colleague's directory never
 * steers a CI run. A file found there that another user could have
 * written (another owner; writable by group or others, or in such a
 * directory without the sticky bit) is neither obeyed nor ignored: the
 * check fails closed with a usage error naming it (git refuses a
 * repository in the same case). --config FILE is the user's own choice
 * and is read as given; --no-config reads none.
 *
 * The search walks "..", "../..", ... rather than the working directory's
 * name, so it works where getcwd(3) does not (a directory removed while
 * in use, a path longer than PATH_MAX).
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "cli.h"
#include "config.h"

extern char **environ;

/* A config file larger than this is not one (nor cut to fit). */
#define CONFIG_MAX_BYTES (1u << 20)

static int same_dir(const struct stat *a, const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whose files may steer the gate: the user's and root's. */
static int trusted_owner(uid_t u) { return u == geteuid() || u == 0; }

/* Why a found config file must not be obeyed, or NULL. */
static const char *distrust(const struct stat *file, const struct stat *dir)
{
  if (!trusted_owner(file->st_uid))
    return "it belongs to another user";
  if (file->st_mode & (S_IWGRP | S_IWOTH))
    return "it is writable by group or others";
  if ((dir->st_mode & (S_IWGRP | S_IWOTH)) && !(dir->st_mode & S_ISVTX))
    return "its directory is writable by group or others";
  return NULL;
}

/* The path to show for rel (absolute when it can be had). */
static void shown_path(const char *rel, char *out, size_t len)
{
  char abs[PATH_MAX];
  if (realpath(rel, abs))
    snprintf(out, len, "%s", abs);
  else
    snprintf(out, len, "%s", rel);
}

/* A directory the search cannot look into: never a silent "no config". */
static int unsearchable(const char *rel, int err)
{
  char shown[PATH_MAX + 32];
  shown_path(rel, shown, sizeof shown);
  slg_cli_error("%s: cannot look for .sparklog.conf there: %s; name a config "
                "with --config FILE or read none with --no-config",
                shown, strerror(err));
  return SLG_EXIT_USAGE;
}

/*
 * Finds .sparklog.conf upward from the working directory: 0 when there is
 * none to read, 1 when *out names a trusted one, or SLG_EXIT_USAGE after
 * printing why the one found is not trusted or the search could not go on.
 */
static int discover(char *out, size_t len)
{
  char rel[PATH_MAX] = ".";
  char path[PATH_MAX + 32];
  struct stat home, dir, up, file;
  const char *h = getenv("HOME");
  int have_home = h && *h && stat(h, &home) == 0;
  if (stat(rel, &dir) != 0)
    return unsearchable(rel, errno);
  for (;;) {
    if (!trusted_owner(dir.st_uid))
      return 0;
    snprintf(path, sizeof path, "%s/.sparklog.conf", rel);
    if (stat(path, &file) == 0 && S_ISREG(file.st_mode)) {
      shown_path(path, out, len);
      const char *why = distrust(&file, &dir);
      if (why) {
        slg_cli_error("%s: not read: %s; name a config with --config FILE "
                      "or read none with --no-config",
                      out, why);
        return SLG_EXIT_USAGE;
      }
      return 1;
    }
    snprintf(path, sizeof path, "%s/.git", rel);
    if (stat(path, &file) == 0 || (have_home && same_dir(&dir, &home)))
      return 0;
    size_t n = strlen(rel);
    if (n + 4 >= sizeof rel)
      return unsearchable(rel, ENAMETOOLONG);
    if (strcmp(rel, ".") == 0)
      snprintf(rel, sizeof rel, "..");
    else
      memcpy(rel + n, "/..", 4);
    if (stat(rel, &up) != 0)
      return unsearchable(rel, errno);
    if (same_dir(&up, &dir))
      return 0; /* the root */
    dir = up;
  }
}

static int load_file(const char *path, slg_thresholds *t)
{
  struct stat st;
  FILE *f = fopen(path, "rb");
  if (!f) {
    slg_cli_error("%s: %s", path, strerror(errno));
    return SLG_EXIT_USAGE;
  }
  if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    slg_cli_error("%s: is a directory, not a config file", path);
    fclose(f);
    return SLG_EXIT_USAGE;
  }
  slg_buf text = SLG_BUF_INIT;
  char chunk[4096];
  size_t n;
  int too_big = 0;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (text.len + n > CONFIG_MAX_BYTES) {
      too_big = 1;
      break;
    }
    slg_buf_put(&text, chunk, n);
  }
  int read_error = ferror(f) ? errno : 0;
  fclose(f);
  if (too_big || read_error) {
    if (too_big)
      slg_cli_error("%s: larger than 1 MiB: not a config file", path);
    else
      slg_cli_error("%s: %s", path, strerror(read_error));
    slg_buf_dispose(&text);
    return SLG_EXIT_USAGE;
  }
  char err[256];
  int rc = slg_config_parse(t, text.ptr ? text.ptr : "", text.len, path, err);
  slg_buf_dispose(&text);
  if (rc < 0) {
    slg_cli_error("%s", err);
    return SLG_EXIT_USAGE;
  }
  return 0;
}

/* SPARKLOG_ and the key in capitals: the one spelling of a variable. */
static void env_name(const char *key, char *out, size_t len)
{
  size_t n = (size_t)snprintf(out, len, "SPARKLOG_");
  for (const char *k = key; *k && n + 1 < len; k++)
    out[n++] = (*k >= 'a' && *k <= 'z') ? (char)(*k - 'a' + 'A') : *k;
  out[n] = '\0';
}

/*
 * Applies every SPARKLOG_* variable but SPARKLOG_PAGER. Each key has one
 * spelling; any other variable of the prefix is an error when `strict` (a
 * misspelt limit must not let a gate pass), else a warning.
 */
static int apply_env(slg_thresholds *t, int strict)
{
  char names[64][64];
  const char *cands[64];
  size_t nk = slg_config_count() < 64 ? slg_config_count() : 64;
  for (size_t i = 0; i < nk; i++) {
    env_name(slg_config_key(i), names[i], sizeof names[i]);
    cands[i] = names[i];
  }
  for (char **e = environ; e && *e; e++) {
    if (strncmp(*e, "SPARKLOG_", 9) != 0)
      continue;
    /* Variables of the program, not check settings (pager.c). */
    if (strncmp(*e, "SPARKLOG_PAGER=", 15) == 0)
      continue;
    const char *eq = strchr(*e, '=');
    size_t nl = eq ? (size_t)(eq - *e) : strlen(*e);
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)(nl < 127 ? nl : 127), *e);
    size_t i = 0;
    while (i < nk && strcmp(names[i], name) != 0)
      i++;
    if (i == nk) {
      const char *near = slg_cli_suggest(name, cands, nk);
      char hint[96] = "";
      if (near)
        snprintf(hint, sizeof hint, "; did you mean %s?", near);
      if (strict) {
        slg_cli_error("%s: unknown setting%s (sparklog --help lists them)",
                      name, hint);
        return SLG_EXIT_USAGE;
      }
      slg_cli_error("warning: %s: unknown setting, ignored%s", name, hint);
      continue;
    }
    const char *key = slg_config_key(i);
    char err[256];
    if (slg_config_set(t, key, strlen(key), eq ? eq + 1 : "", err) < 0) {
      slg_cli_error("%s: %s", name, err);
      return SLG_EXIT_USAGE;
    }
  }
  return 0;
}

int slg_cli_thresholds(const slg_cli *cli, slg_thresholds *t, int read_file,
                       char *found, size_t found_len)
{
  char err[256];
  slg_thresholds_init(t);
  found[0] = '\0';
  if (read_file && !cli->no_config) {
    if (cli->config_path)
      snprintf(found, found_len, "%s", cli->config_path);
    else if (discover(found, found_len) == SLG_EXIT_USAGE)
      return SLG_EXIT_USAGE;
    if (found[0] && load_file(found, t) != 0)
      return SLG_EXIT_USAGE;
  }
  if (apply_env(t, read_file) != 0)
    return SLG_EXIT_USAGE;
  for (size_t i = 0; i < cli->nsettings; i++) {
    const slg_setting *s = &cli->settings[i];
    if (slg_config_set(t, s->key, strlen(s->key), s->value, err) < 0) {
      slg_cli_error("--%s: %s", s->key, err);
      return SLG_EXIT_USAGE;
    }
  }
  return 0;
}
