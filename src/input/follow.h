/*
 * follow.h - reading a log file that is still being written (sparklog
 * --follow), like `tail -F`: what the file holds, then what is appended,
 * across rotation and truncation.
 *
 * The follower reads plain text with read(2), never maps: a followed file
 * is one that may be truncated while read. It does not wait: a read that
 * finds nothing new says so, and the caller decides how long to wait
 * before asking again.
 */
#ifndef SLG_FOLLOW_H
#define SLG_FOLLOW_H

#include <stddef.h>
#include <stdint.h>

#include "sparklog.h"

typedef struct slg_follow slg_follow;

/* What a read that returned 0 found. */
typedef enum slg_follow_event {
  /* Nothing new: the file is read to its end (or the path is gone and
   * nothing has replaced it yet). */
  SLG_FOLLOW_IDLE,
  /* The path now names another file (renamed away, a new one created):
   * the old one was read to its end and closed; the next read starts the
   * new one at its first byte. */
  SLG_FOLLOW_ROTATED,
  /* The file is shorter than what was read of it (truncated in place,
   * copytruncate rotation): the next read starts at its first byte;
   * slg_follow_truncated_to says the size found. */
  SLG_FOLLOW_TRUNCATED
} slg_follow_event;

/*
 * Opens the regular file at `path` for following (*out owns it; release
 * with slg_follow_close). Returns 0, SLG_ENOENT, SLG_EACCES, SLG_EISDIR,
 * SLG_EIO (errno as the system set it), SLG_EINVAL when `path` is not a
 * regular file (stdin, a FIFO or a device), or SLG_EFORMAT when it
 * starts with gzip's magic bytes (a compressed file does not grow).
 */
int slg_follow_open(slg_follow **out, const char *path);

/*
 * Reads up to cap bytes: the bytes read (> 0), 0 with *ev saying why
 * there are none now, or SLG_EIO (errno set). Any number of further reads
 * may follow each result.
 */
ptrdiff_t slg_follow_read(slg_follow *f, char *buf, size_t cap,
                          slg_follow_event *ev);

/* Bytes read over all the files the path named, and of the current one. */
uint64_t slg_follow_bytes(const slg_follow *f);
uint64_t slg_follow_offset(const slg_follow *f);
/* After SLG_FOLLOW_TRUNCATED: the size the file was found to have. */
uint64_t slg_follow_truncated_to(const slg_follow *f);

void slg_follow_close(slg_follow *f);

#endif /* SLG_FOLLOW_H */
