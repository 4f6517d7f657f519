/*
 * follow.c - a log file followed as it grows (follow.h).
 *
 * The file is named by its path, not by its descriptor: when a read finds
 * the end, the path is looked at again. Another file there (same path, a
 * new inode) is a rotation: the descriptor held was read to its end, so
 * the old file is done and the new one is opened and read from its first
 * byte. The same file, shorter than what was read of it, was truncated
 * (copytruncate): it is read again from its first byte. A path that names
 * nothing (renamed away, not yet created again) is waited on, the old
 * descriptor kept: a writer that still appends to it is read on.
 */
#define _POSIX_C_SOURCE 200809L
#include "follow.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

struct slg_follow {
  char *path;
  int fd;
  dev_t dev;
  ino_t ino;
  uint64_t offset; /* of the current file */
  uint64_t total;  /* over every file */
  uint64_t truncated_to;
};

static int open_error(void)
{
  switch (errno) {
  case ENOENT:
  case ENOTDIR: return SLG_ENOENT;
  case EACCES:
  case EPERM: return SLG_EACCES;
  case EISDIR: return SLG_EISDIR;
  default: return SLG_EIO;
  }
}

/* Opens the path as a regular file: fd, or a negative SLG_E* code. */
static int open_regular(const char *path, struct stat *st)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return open_error();
  if (fstat(fd, st) != 0) {
    int e = errno;
    close(fd);
    errno = e;
    return SLG_EIO;
  }
  if (S_ISDIR(st->st_mode)) {
    close(fd);
    errno = EISDIR;
    return SLG_EISDIR;
  }
  if (!S_ISREG(st->st_mode)) {
    close(fd);
    return SLG_EINVAL;
  }
  return fd;
}

int slg_follow_open(slg_follow **out, const char *path)
{
  *out = NULL;
  struct stat st;
  int fd = open_regular(path, &st);
  if (fd < 0)
    return fd;
  unsigned char magic[2];
  if (pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    close(fd);
    return SLG_EFORMAT;
  }
  slg_follow *f = slg_xcalloc(1, sizeof *f);
  f->path = slg_xstrndup(path, strlen(path));
  f->fd = fd;
  f->dev = st.st_dev;
  f->ino = st.st_ino;
  *out = f;
  return 0;
}

/* At the end of the current file: what has become of the path? */
static slg_follow_event look_again(slg_follow *f)
{
  struct stat st;
  if (stat(f->path, &st) == 0 &&
      (st.st_dev != f->dev || st.st_ino != f->ino)) {
    struct stat nst;
    int fd = open_regular(f->path, &nst);
    if (fd < 0)
      return SLG_FOLLOW_IDLE; /* not there after all: asked again later */
    close(f->fd);
    f->fd = fd;
    f->dev = nst.st_dev;
    f->ino = nst.st_ino;
    f->offset = 0;
    return SLG_FOLLOW_ROTATED;
  }
  if (fstat(f->fd, &st) == 0 && (uint64_t)st.st_size < f->offset) {
    f->truncated_to = (uint64_t)st.st_size;
    f->offset = 0;
    return SLG_FOLLOW_TRUNCATED;
  }
  return SLG_FOLLOW_IDLE;
}

ptrdiff_t slg_follow_read(slg_follow *f, char *buf, size_t cap,
                          slg_follow_event *ev)
{
  *ev = SLG_FOLLOW_IDLE;
  /* pread at our offset: a truncation under us cannot move a position. */
  ssize_t n = pread(f->fd, buf, cap, (off_t)f->offset);
  if (n > 0) {
    f->offset += (uint64_t)n;
    f->total += (uint64_t)n;
    return n;
  }
  if (n < 0 && errno == EINTR)
    return 0; /* the caller asks whether to stop */
  if (n < 0 && errno != EAGAIN)
    return SLG_EIO;
  *ev = look_again(f);
  return 0;
}

uint64_t slg_follow_bytes(const slg_follow *f) { return f->total; }

uint64_t slg_follow_offset(const slg_follow *f) { return f->offset; }

uint64_t slg_follow_truncated_to(const slg_follow *f)
{
  return f->truncated_to;
}

void slg_follow_close(slg_follow *f)
{
  if (!f)
    return;
  close(f->fd);
  free(f->path);
  free(f);
}
