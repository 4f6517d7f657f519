/*
 * inputs.c - what the arguments name, as the list of files to read.
 *
 * A file argument is read as given, in argument order. A directory
 * argument stands, at its place, for the files under it, found
 * recursively: symbolic links are not followed, dotfiles and dot
 * directories are left out, and so are archives, compressed formats other
 * than gzip and files that are not text. Each is listed once as skipped
 * with its reason; none is an input error, so a directory of logs beside
 * their jar or a core dump still passes. The files of one directory come
 * oldest first, by the time of their first record (a rotated set such as
 * spark.log, spark.log.1, spark.log.2.gz, whose names sort the wrong
 * way), then by path; files without a dated record come last.
 *
 * Finding that time costs one look at the first few KiB of each file
 * (gzip inflated): one open and one or two reads, bounded whatever the
 * file's size.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* d_type */

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "input.h"
#include "layout.h"

/* The look at a file's start: enough for its first records. */
#define PEEK 4096

/* Names that say what the bytes are without opening them. */
static const char *const archive_suffixes[] = {
    ".zip", ".tar", ".tgz", ".tbz", ".tbz2", ".txz", ".jar", ".war",
    ".ear", ".bz2", ".xz",  ".zst", ".zstd", ".lz4", ".7z",  ".rar",
    ".Z",   ".lz",  ".lzma", ".snappy", ".tar.gz"};

static int has_suffix(const char *s, const char *suf)
{
  size_t n = strlen(s), k = strlen(suf);
  return n > k && strcmp(s + n - k, suf) == 0;
}

static int archive_name(const char *name)
{
  for (size_t i = 0; i < sizeof archive_suffixes / sizeof *archive_suffixes;
       i++)
    if (has_suffix(name, archive_suffixes[i]))
      return 1;
  return 0;
}

typedef struct found {
  char *path;
  int64_t first_ms; /* -1: no dated record seen */
} found;

typedef struct walk {
  slg_inputs *in;
  slg_layout *layout;
  found *v;
  size_t n, cap;
  char peek[PEEK];
} walk;

static void skip(slg_inputs *in, char *path, const char *reason)
{
  if (in->nskipped == in->skipped_cap) {
    in->skipped_cap = in->skipped_cap ? 2 * in->skipped_cap : 16;
    in->skipped = slg_xrealloc(in->skipped,
                               in->skipped_cap * sizeof *in->skipped);
  }
  in->skipped[in->nskipped].path = path;
  in->skipped[in->nskipped].reason = reason;
  in->nskipped++;
}

static void add_input(slg_inputs *in, char *path, int owned, int fifo,
                      int regular)
{
  if (in->n == in->cap) {
    in->cap = in->cap ? 2 * in->cap : 16;
    in->v = slg_xrealloc(in->v, in->cap * sizeof *in->v);
  }
  in->v[in->n].path = path;
  in->v[in->n].owned = owned;
  in->v[in->n].fifo = fifo;
  in->v[in->n].regular = regular;
  in->n++;
}

/* A regular file found under a directory: kept with its first time, or
 * skipped with the reason. */
static void consider(walk *w, char *path, const char *name)
{
  if (archive_name(name)) {
    skip(w->in, path, "archive");
    return;
  }
  const char *format = NULL;
  ptrdiff_t n = slg_reader_peek(path, w->peek, sizeof w->peek, &format);
  if (n == SLG_EFORMAT) {
    skip(w->in, path, format ? format : "not text");
    return;
  }
  if (n > 0 && memchr(w->peek, '\0', (size_t)n)) {
    skip(w->in, path, "not text");
    return;
  }
  /* An unreadable file is kept: reading it says why, as for an argument. */
  int64_t ms = n > 0 ? slg_layout_first_time(w->layout, w->peek, (size_t)n)
                     : -1;
  if (w->n == w->cap) {
    w->cap = w->cap ? 2 * w->cap : 64;
    w->v = slg_xrealloc(w->v, w->cap * sizeof *w->v);
  }
  w->v[w->n].path = path;
  w->v[w->n].first_ms = ms;
  w->n++;
}

static char *join(const char *dir, const char *name)
{
  size_t a = strlen(dir), b = strlen(name);
  int slash = a && dir[a - 1] == '/';
  char *p = slg_xmalloc(a + b + 2);
  memcpy(p, dir, a);
  if (!slash)
    p[a++] = '/';
  memcpy(p + a, name, b + 1);
  return p;
}

static int by_name(const void *x, const void *y)
{
  return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Walks dir; 0, or -1 when dir itself cannot be read (errno set). */
static int walk_dir(walk *w, const char *dir)
{
  DIR *d = opendir(dir);
  if (!d)
    return -1;
  /* Names sorted: what is found does not depend on the directory's
   * order. */
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 32;
      names = slg_xrealloc(names, cap * sizeof *names);
    }
    names[n++] = slg_xstrndup(e->d_name, strlen(e->d_name));
  }
  closedir(d);
  if (n) /* qsort wants a valid pointer even for 0 elements */
    qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++) {
    char *path = join(dir, names[i]);
    struct stat st;
    if (names[i][0] == '.')
      skip(w->in, path, "dotfile");
    else if (lstat(path, &st) != 0)
      skip(w->in, path, "vanished");
    else if (S_ISLNK(st.st_mode))
      skip(w->in, path, "symbolic link");
    else if (S_ISDIR(st.st_mode)) {
      if (walk_dir(w, path) != 0)
        skip(w->in, path, "unreadable directory");
      else
        free(path);
    } else if (!S_ISREG(st.st_mode))
      skip(w->in, path, "not a regular file");
    else
      consider(w, path, names[i]);
    free(names[i]);
  }
  free(names);
  return 0;
}

/* Oldest first, then by path; undated last. */
static int by_time(const void *x, const void *y)
{
  const found *a = x, *b = y;
  if ((a->first_ms < 0) != (b->first_ms < 0))
    return a->first_ms < 0 ? 1 : -1;
  if (a->first_ms != b->first_ms)
    return a->first_ms < b->first_ms ? -1 : 1;
  return strcmp(a->path, b->path);
}

int slg_inputs_expand(slg_inputs *out, const char *const *args, size_t n,
                      const char *layout)
{
  memset(out, 0, sizeof *out);
  int status = SLG_EXIT_OK;
  walk *w = NULL;
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    int known = strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0;
    if (!known || !S_ISDIR(st.st_mode)) {
      add_input(out, (char *)args[i], 0, known && S_ISFIFO(st.st_mode),
                known && S_ISREG(st.st_mode));
      continue;
    }
    if (!w) {
      w = slg_xcalloc(1, sizeof *w);
      w->in = out;
      /* --layout was checked when the pipeline was made: a failure here
       * leaves the detector to automatic layouts. */
      if (slg_layout_new(&w->layout, layout, 0, NULL) < 0)
        (void)slg_layout_new(&w->layout, NULL, 0, NULL);
    }
    w->n = 0;
    if (walk_dir(w, args[i]) != 0) {
      slg_cli_error("%s: %s", args[i], strerror(errno));
      status = SLG_EXIT_INPUT;
      continue;
    }
    if (w->n == 0)
      slg_cli_error("%s: no file to read in this directory", args[i]);
    if (w->n) /* qsort wants a valid pointer even for 0 elements */
      qsort(w->v, w->n, sizeof *w->v, by_time);
    for (size_t k = 0; k < w->n; k++)
      add_input(out, w->v[k].path, 1, 0, 1);
  }
  if (w) {
    slg_layout_free(w->layout);
    free(w->v);
    free(w);
  }
  return status;
}

void slg_inputs_dispose(slg_inputs *in)
{
  for (size_t i = 0; i < in->n; i++)
    if (in->v[i].owned)
      free(in->v[i].path);
  for (size_t i = 0; i < in->nskipped; i++)
    free(in->skipped[i].path);
  free(in->v);
  free(in->skipped);
  memset(in, 0, sizeof *in);
}
