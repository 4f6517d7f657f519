/*
 * input.h - internal interface of the input layer (the public one is in
 * include/sparklog.h).
 */
#ifndef SLG_INPUT_H
#define SLG_INPUT_H

#include "sparklog.h"

/*
 * slg_reader_open, with the gzip backend forced to zlib when force_zlib is
 * non-zero, so tests exercise both backends in one build.
 */
int slg_reader_open_backend(slg_reader **out, const char *path,
                            int force_zlib);

/*
 * What a reader may ask its caller (all fields may be 0/NULL):
 *   stopped: non-zero when reading must end (SIGINT); asked when a read or
 *     a wait is interrupted by a signal; the read then returns SLG_EINTR;
 *   notice: called once, from slg_reader_open_hooked, when a FIFO has had
 *     no writer (no data and no end) for notice_ms; the wait goes on.
 * Both get ctx. The struct is copied.
 */
typedef struct slg_reader_hooks {
  int (*stopped)(void *ctx);
  void (*notice)(void *ctx);
  void *ctx;
  int notice_ms;
} slg_reader_hooks;

/*
 * slg_reader_open with hooks. A named FIFO is opened without blocking and
 * waited for (poll) until a writer sends data or closes it; the wait
 * ends with SLG_EINTR when hooks->stopped says so.
 */
int slg_reader_open_hooked(slg_reader **out, const char *path,
                           const slg_reader_hooks *hooks);

/*
 * 1 when r is a plain (not gzip) pipe, socket or terminal with nothing
 * buffered and nothing to read now: a read would wait for the writer.
 * `tail -f log | sparklog --format ndjson` then parses the lines it has
 * and writes their objects instead of waiting to fill a chunk. 0 for a
 * regular file, at the end, or when data is there (one poll(2)).
 */
int slg_reader_idle(const slg_reader *r);

/*
 * The plain bytes the reader holds already (read ahead when it was
 * opened: all of a small file), lent without a copy: *out points at them
 * and the count is returned; 0 (and *out NULL) when it holds none, the
 * input is gzip or an error is set. They count as read, as by
 * slg_reader_read, and stay valid until the next call on r.
 */
ptrdiff_t slg_reader_borrow(slg_reader *r, const char **out);

/* What slg_reader_borrow would lend, without taking it: the bytes stay
 * unread (a look from another thread before the reading thread borrows
 * them; the reader must not be used meanwhile). */
ptrdiff_t slg_reader_held(const slg_reader *r, const char **out);

/* 1 when a plain input was read to its end when it was opened (a small
 * file) and nothing was taken yet: slg_reader_borrow lends it all. */
int slg_reader_whole(const slg_reader *r);

/*
 * The first decoded bytes of a file (gzip inflated), for a look before
 * the run: up to cap bytes into buf, their count returned; SLG_EFORMAT
 * with *format set (slg_reader_format) for a container that is not
 * read; the open's error otherwise. Bounded: one window of the file.
 */
ptrdiff_t slg_reader_peek(const char *path, char *buf, size_t cap,
                          const char **format);

/* Ends reading here: further reads return SLG_EINTR (sticky). */
void slg_reader_interrupt(slg_reader *r);

/*
 * Positional reads of plain regular files, for the parallel chunks and
 * the serial windows: by any thread, at any offset, mapped (below) or
 * with pread(2) where mapping is refused or turned off.
 *   slg_reader_positional: the file's size, or -1 when r cannot be read so
 *     (gzip, a pipe or terminal, a file that states size 0 such as procfs's,
 *     or reading already began);
 *   slg_reader_pread: up to cap bytes at offset (0 at the end, SLG_EIO);
 *     any thread, any order;
 *   slg_reader_positional_end: the input was read to `end` (error: an
 *     SLG_E* code, sticky as for slg_reader_read); the byte counters say
 *     so and further slg_reader_read calls return 0 or the error.
 */
int64_t slg_reader_positional(const slg_reader *r);
ptrdiff_t slg_reader_pread(slg_reader *r, char *buf, size_t cap,
                           uint64_t offset);
void slg_reader_positional_end(slg_reader *r, uint64_t end, int error);
/* The same, the error placed at error_offset (a file that shrank: its
 * new end, where what was read may differ from the file). */
void slg_reader_positional_end_at(slg_reader *r, uint64_t end, int error,
                                  uint64_t error_offset);
/* The file's size now (fstat), or -1: a positional read that ends
 * compares it with the size it started from (a file that shrank). */
int64_t slg_reader_size_now(const slg_reader *r);

/*
 * Mapped positional reads: the bytes are parsed where the page cache
 * holds them, with no copy (the copy was a fifth of the parallel path's
 * CPU time). slg_reader_map maps [offset, offset + len) of a positional
 * file read-only and returns the address of byte `offset`; NULL when the
 * file cannot be mapped or is shorter (the caller then uses
 * slg_reader_pread). Pages are brought in and given back window by
 * window:
 *   slg_mapping_populate faults in the pages of [p, p + len): 0, or -1
 *     when they cannot be read (the file shrank: pread them instead);
 *   slg_mapping_drop gives back the pages wholly inside [p, p + len):
 *     they stop counting toward RSS (the page cache keeps them).
 * The bytes stay valid until slg_mapping_release. Pages are mapped only
 * while their window is read, so the mapped pages that count toward RSS
 * stay bounded by the windows in use, not by the file.
 *
 * A mapped file that shrinks while it is read (truncated by a log
 * rotation) raises SIGBUS on the lost pages that populating did not see
 * lost: the CLI's handler maps zeros there and the read goes on; the
 * reading then finds the file shorter than it was (slg_reader_size_now)
 * and reports it shrunk (SLG_ESHRANK), its bytes read up to the new end
 * (main.c); --no-mmap avoids mapping altogether.
 */
typedef struct slg_mapping {
  void *base; /* NULL: nothing mapped */
  size_t len;
  int fd;         /* the file (a size check where populating is not known) */
  uint64_t start; /* file offset of base */
} slg_mapping;
const char *slg_reader_map(slg_reader *r, uint64_t offset, size_t len,
                           slg_mapping *m);
int slg_mapping_populate(const slg_mapping *m, const char *p, size_t len);
void slg_mapping_drop(const slg_mapping *m, const char *p, size_t len);
void slg_mapping_release(slg_mapping *m);

#endif /* SLG_INPUT_H */
