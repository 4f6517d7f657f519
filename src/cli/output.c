/*
 * output.c - the --output destinations, opened before any input is read
 * (a bad path is said at once, not after a long parse) and written so that
 * a regular file is never left half written: its report goes to a
 * temporary file beside it, created with the target's mode, and is
 * renamed over the target once complete. A crash, a kill or a write error
 * leaves the old file as it was. Append mode (FORMAT=+PATH) and targets
 * that are not regular files (devices, FIFOs, /dev/stdout) are written in
 * place. A symbolic link is followed: its target is replaced, the link
 * kept.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void slg_output_open(slg_output *o, const slg_output_spec *spec)
{
  memset(o, 0, sizeof *o);
  o->spec = spec;
  snprintf(o->target, sizeof o->target, "%s", spec->path);
  struct stat st;
  int exists = stat(spec->path, &st) == 0;
  if (spec->append || (exists && !S_ISREG(st.st_mode))) {
    o->file = fopen(spec->path, spec->append ? "ab" : "wb");
    if (!o->file)
      o->error = errno;
    return;
  }
  /* A link is replaced through: the file it names gets the report. */
  char real[PATH_MAX];
  if (exists && realpath(spec->path, real))
    snprintf(o->target, sizeof o->target, "%s", real);
  const char *slash = strrchr(o->target, '/');
  const char *base = slash ? slash + 1 : o->target;
  int dir_len = slash ? (int)(slash - o->target) + 1 : 0;
  if ((size_t)snprintf(o->temp, sizeof o->temp, "%.*s.%s.XXXXXX", dir_len,
                       o->target, base) >= sizeof o->temp) {
    o->error = ENAMETOOLONG;
    return;
  }
  int fd = mkstemp(o->temp);
  if (fd < 0) {
    o->error = errno;
    o->temp[0] = '\0';
    return;
  }
  mode_t mode;
  if (exists) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  (void)fchmod(fd, mode);
  o->file = fdopen(fd, "wb");
  if (!o->file) {
    o->error = errno;
    close(fd);
    unlink(o->temp);
    o->temp[0] = '\0';
  }
}

int slg_output_put(slg_output *o, const char *data, size_t n)
{
  if (!o->file || o->write_error)
    return -1;
  if (n && fwrite(data, 1, n, o->file) != n) {
    o->write_error = errno ? errno : EIO;
    return -1;
  }
  return 0;
}

int slg_output_close(slg_output *o)
{
  if (!o->file)
    return SLG_EXIT_WRITE; /* said when it was opened */
  int err = o->write_error;
  if (fflush(o->file) != 0 && !err)
    err = errno;
  /* A streamed output (ndjson) was written before: its errors too. */
  if (!err && ferror(o->file))
    err = errno ? errno : EIO;
  if (fclose(o->file) != 0 && !err)
    err = errno;
  o->file = NULL;
  if (!err && o->temp[0] && rename(o->temp, o->target) != 0)
    err = errno;
  if (err) {
    if (o->temp[0])
      unlink(o->temp);
    slg_cli_error("%s: write error: %s", o->spec->path, strerror(err));
    return SLG_EXIT_WRITE;
  }
  return SLG_EXIT_OK;
}

int slg_output_write(slg_output *o, const char *data, size_t n)
{
  slg_output_put(o, data, n);
  return slg_output_close(o);
}

void slg_output_abandon(slg_output *o)
{
  if (o->file)
    fclose(o->file);
  o->file = NULL;
  if (o->temp[0])
    unlink(o->temp);
}
