/*
 * input.c - the only code that touches file descriptors: open an input,
 * sniff gzip by its magic bytes, inflate (ISA-L when built with it, zlib
 * otherwise) and hand decoded bytes to the caller in caller-sized chunks.
 *
 * Memory is constant whatever the input: one fixed input window plus the
 * inflate state. Inflate writes straight into the caller's buffer, so a
 * gzip bomb streams through like any other input.
 *
 * gzip member headers and trailers are parsed here, byte by byte, for
 * both backends (inflate only sees raw deflate data), so a member may
 * start, and any of its header fields or its trailer may end, at any byte
 * of a window. The window is refilled to its full size before inflate
 * sees it, so the same file read through a pipe, whatever sizes read(2)
 * returns, is inflated in the same pieces: the result and any error
 * offset do not depend on how the input arrived.
 *
 * Errors are sticky: the bytes decoded before damage are returned first,
 * then every call returns the error. Offsets are raw file offsets:
 *   - corrupt deflate data: the offset of the input byte inflate stopped
 *     at (zlib and ISA-L may stop a few bytes apart on the same damage);
 *   - a bad member header: the offending byte (the method at +2, reserved
 *     flag bits at +3, the header CRC field when FHCRC does not match);
 *   - truncation (EOF inside a member): the file size;
 *   - a bad CRC or length in the trailer: the offset of the trailer;
 *   - non-gzip bytes after a complete member: the first such byte
 *     (SLG_ETRAILING). Trailing NUL padding, which tape and some
 *     uploaders add, is ignored silently, as gzip(1) does (with a note).
 * A gzip of gzip is decoded one layer: the inner gzip bytes are data.
 */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#if SLG_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include "common.h"

#define WINDOW (256 * 1024)
/* Bytes of the previous window kept in front of the next (gzip): a member
 * ISA-L finished hands back the whole bytes left in its 64-bit bit buffer,
 * which may have come from the previous window. */
#define KEEP 8

enum { MODE_PLAIN, MODE_GZIP_ZLIB, MODE_GZIP_ISAL };

struct slg_reader {
  int fd, own_fd, eof, mode;
  unsigned char *in; /* raw input window */
  size_t in_len, in_pos;
  uint64_t window_offset; /* file offset of in[0] */
  uint64_t bytes_read, bytes_decoded;
  int error;
  uint64_t error_offset;
  const struct container *container; /* a format not read (SLG_EFORMAT) */
  /* gzip (see "gzip members" below) */
  size_t hist;     /* bytes of the previous window kept at in[0..hist) */
  int gz, field;   /* GZ_* and, in a header, F_* */
  unsigned flags;  /* FLG of the current member */
  unsigned char part[10]; /* a fixed-size header or trailer part */
  size_t part_len;
  uint64_t part_at;  /* raw offset of part[0] */
  uint32_t xlen;     /* FEXTRA bytes still to skip */
  uint32_t hcrc;     /* CRC-32 of the header so far (FHCRC) */
  uint32_t crc;      /* CRC-32 of the member's data */
  uint64_t member_start, member_out; /* raw offset, bytes decoded */
  z_stream zs;
  int zs_ready;
#if SLG_HAVE_ISAL
  struct inflate_state *isal;
  z_stream shadow; /* zlib beside ISA-L while a member is empty */
  int shadow_ready, shadow_state;
  uint64_t shadow_at, shadow_end; /* raw offsets: next byte, stream end */
#endif
  slg_reader_hooks hooks;
  /* A regular file opened by path: its size then. read(2) ending before
   * it means the file shrank while it was read (SLG_ESHRANK). */
  uint64_t stated_size;
  int stream; /* a pipe, socket or terminal: slg_reader_idle asks it */
};

static void fail(slg_reader *r, int error, uint64_t offset);

/* 1 when the caller wants reading to end (asked after an EINTR). */
static int stopped(const slg_reader *r)
{
  return r->hooks.stopped && r->hooks.stopped(r->hooks.ctx);
}

static int open_error(int e)
{
  switch (e) {
  case ENOENT:
  case ENOTDIR:
    return SLG_ENOENT;
  case EACCES:
  case EPERM:
    return SLG_EACCES;
  case EISDIR:
    return SLG_EISDIR;
  default:
    return SLG_EIO;
  }
}

/* Refills the window up to `upto` bytes (at most WINDOW), keeping
 * unconsumed bytes. Returns bytes added, 0 at EOF, -1 on a read error
 * (errno set). */
static ptrdiff_t refill(slg_reader *r, size_t upto)
{
  if (r->in_pos > 0) {
    memmove(r->in, r->in + r->in_pos, r->in_len - r->in_pos);
    r->window_offset += r->in_pos;
    r->in_len -= r->in_pos;
    r->in_pos = 0;
  }
  if (r->eof || r->in_len >= upto)
    return 0;
  for (;;) {
    ssize_t n = read(r->fd, r->in + r->in_len, upto - r->in_len);
    if (n < 0 && errno == EINTR && !stopped(r))
      continue;
    if (n < 0) {
      if (errno == EINTR)
        fail(r, SLG_EINTR, r->bytes_read);
      return -1;
    }
    if (n == 0)
      r->eof = 1;
    r->in_len += (size_t)n;
    r->bytes_read += (uint64_t)n;
    return n;
  }
}

/*
 * Containers sparklog does not decode, known by their magic bytes: fed in
 * as text they would be counted as lines of binary, a report of nothing.
 * Spark's own event-log codecs are among them (spark.eventLog.compress:
 * LZ4BlockOutputStream, snappy-java's stream, zstd).
 */
struct container {
  const char *magic;
  size_t len;
  const char *name;    /* slg_reader_format */
  const char *command; /* slg_reader_format_command, or NULL */
};

static const struct container containers[] = {
    {"PK\x03\x04", 4, "a zip archive", "unzip -p"},
    {"\3757zXZ\x00", 6, "xz-compressed", "xz -dc"},
    /* "BZh", the block size, then a block's or the end's magic. */
    {"BZh", 3, "bzip2-compressed", "bzip2 -dc"},
    {"\x28\xb5\x2f\xfd", 4, "zstd-compressed", "zstd -dc"},
    {"\x04\x22\x4d\x18", 4, "lz4-compressed", "lz4 -dc"},
    {"LZ4Block", 8, "compressed with Spark's lz4 codec (an event log?)", NULL},
    {"\x82SNAPPY\x00", 8,
     "compressed with Spark's snappy codec (an event log?)", NULL},
    {"7z\xbc\xaf\x27\x1c", 6, "a 7z archive", "7z e -so"},
    /* Text in another encoding: every other byte NUL, lines of nothing.
     * UTF-32's byte order mark starts like UTF-16's: it comes first. */
    {"\xff\xfe\x00\x00", 4, "UTF-32 text", "iconv -f UTF-32 -t UTF-8"},
    {"\x00\x00\xfe\xff", 4, "UTF-32 text", "iconv -f UTF-32 -t UTF-8"},
    {"\xff\xfe", 2, "UTF-16 text", "iconv -f UTF-16 -t UTF-8"},
    {"\xfe\xff", 2, "UTF-16 text", "iconv -f UTF-16 -t UTF-8"},
};

#define SNIFF 10 /* bytes that tell gzip and the containers apart */
/* The sniff's read of a file larger than the window: a page, which
 * also holds the first records a directory listing looks at. */
#define SNIFF_READ 4096

static int bzip2_magic(const unsigned char *p, size_t n)
{
  static const unsigned char block[6] = {0x31, 0x41, 0x59, 0x26, 0x53, 0x59};
  static const unsigned char end[6] = {0x17, 0x72, 0x45, 0x38, 0x50, 0x90};
  return n >= 10 && p[3] >= '1' && p[3] <= '9' &&
         (memcmp(p + 4, block, 6) == 0 || memcmp(p + 4, end, 6) == 0);
}

static const struct container *container_of(const unsigned char *p, size_t n)
{
  for (size_t i = 0; i < sizeof containers / sizeof *containers; i++) {
    const struct container *c = &containers[i];
    if (n < c->len || memcmp(p, c->magic, c->len) != 0)
      continue;
    if (c->len == 3 && !bzip2_magic(p, n))
      continue;
    return c;
  }
  return NULL;
}

static uint64_t pos_offset(const slg_reader *r)
{
  return r->window_offset + r->in_pos;
}

/* The first error stays: an interruption or a shrink seen by refill is not
 * overwritten by its caller's generic read error. */
static void fail(slg_reader *r, int error, uint64_t offset)
{
  if (r->error)
    return;
  r->error = error;
  r->error_offset = offset;
}

static int64_t now_ms(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/*
 * A FIFO opened without blocking: waits until a writer sends data or
 * closes it (on Linux, poll reports nothing while no writer has come).
 * After hooks->notice_ms the caller is told once; the wait goes on until
 * hooks->stopped says to end it. Returns 0 or SLG_EINTR.
 */
static int wait_for_writer(int fd, const slg_reader_hooks *h)
{
  int64_t start = now_ms();
  int told = 0;
  for (;;) {
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    /* Short slices: a stop that lands in another thread is seen soon. */
    int rc = poll(&pfd, 1, 200);
    if (rc > 0 || (rc < 0 && errno != EINTR))
      return 0; /* data, an end, or an error read(2) will report */
    if (h && h->stopped && h->stopped(h->ctx))
      return SLG_EINTR;
    if (!told && h && h->notice && now_ms() - start >= h->notice_ms) {
      told = 1;
      h->notice(h->ctx);
    }
  }
}

static int open_reader(slg_reader **out, const char *path, int force_zlib,
                       const slg_reader_hooks *hooks)
{
  int fd, own = 1;
  *out = NULL;
  if (strcmp(path, "-") == 0) {
    fd = STDIN_FILENO;
    own = 0;
  } else {
    /* Not blocking: a FIFO with no writer would block open(2) itself,
     * beyond the reach of a signal's flag; it is waited for below. */
    do
      fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
      return open_error(errno);
  }
  struct stat st;
  memset(&st, 0, sizeof st); /* fstat failing: nothing special below */
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (own)
      close(fd);
    errno = EISDIR;
    return SLG_EISDIR;
  }
  if (own) {
    if (S_ISFIFO(st.st_mode) && wait_for_writer(fd, hooks) < 0) {
      close(fd);
      return SLG_EINTR;
    }
    /* From here reads block, as for any input (a regular file's reads
     * block whatever the flag says). */
    if (!S_ISREG(st.st_mode)) {
      int fl = fcntl(fd, F_GETFL);
      if (fl >= 0)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
  }
#ifdef F_SETPIPE_SZ
  /* `zcat big.log.gz | sparklog`: a 4 MiB pipe (else 1 MiB, the usual
   * pipe-max-size) instead of 64 KiB lets the writer run ahead and cuts
   * the context switches per byte. Only a hint: the system may refuse,
   * and nothing changes. */
  if (S_ISFIFO(st.st_mode) &&
      fcntl(fd, F_SETPIPE_SZ, 4 << 20) < 0)
    (void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#endif
  slg_reader *r = slg_xcalloc(1, sizeof *r);
  r->fd = fd;
  r->own_fd = own;
  if (hooks)
    r->hooks = *hooks;
  if (own && S_ISREG(st.st_mode) && st.st_size > 0)
    r->stated_size = (uint64_t)st.st_size;
  r->stream = S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) ||
              S_ISCHR(st.st_mode);
  r->in = slg_xmalloc(WINDOW + KEEP);
  /* Sniff: read until SNIFF bytes are there or the input ends. A regular
   * file larger than the window is mapped or read straight into the
   * caller's buffer afterwards, so its sniff reads a page, not a window
   * (a directory of such files is opened twice per file: the look at its
   * first record, then the read). */
  size_t first = r->stated_size > WINDOW ? SNIFF_READ : WINDOW;
  while (r->in_len < SNIFF && !r->eof) {
    if (refill(r, first) < 0) {
      fail(r, SLG_EIO, r->bytes_read);
      break;
    }
  }
  /* A small regular file read whole: one more read finds its end now,
   * so the caller can take the bytes where they are (slg_reader_whole)
   * without sizing or mapping the file. */
  if (!r->error && !r->eof && r->stated_size &&
      r->in_len == r->stated_size && r->in_len < WINDOW &&
      refill(r, WINDOW) < 0)
    fail(r, SLG_EIO, r->bytes_read);
  if (r->in_len >= 2 && r->in[0] == 0x1f && r->in[1] == 0x8b) {
#if SLG_HAVE_ISAL
    r->mode = force_zlib ? MODE_GZIP_ZLIB : MODE_GZIP_ISAL;
#else
    (void)force_zlib;
    r->mode = MODE_GZIP_ZLIB;
#endif
  } else {
    r->mode = MODE_PLAIN;
    /* Not a log: the first read says so, before any byte is parsed. None
     * counts as read: how much the sniff got depends on the pipe, and the
     * report must not. */
    if (!r->error && (r->container = container_of(r->in, r->in_len)) != NULL) {
      fail(r, SLG_EFORMAT, 0);
      r->bytes_read = 0;
    }
  }
  *out = r;
  return 0;
}

int slg_reader_open_backend(slg_reader **out, const char *path,
                            int force_zlib)
{
  return open_reader(out, path, force_zlib, NULL);
}

int slg_reader_open_hooked(slg_reader **out, const char *path,
                           const slg_reader_hooks *hooks)
{
  return open_reader(out, path, 0, hooks);
}

int slg_reader_open(slg_reader **out, const char *path)
{
  return open_reader(out, path, 0, NULL);
}

void slg_reader_interrupt(slg_reader *r)
{
  /* Plain bytes read ahead into the window were not returned: for the
   * report, reading ended at the last byte returned. */
  if (r->mode == MODE_PLAIN && !r->error) {
    r->bytes_read = r->bytes_decoded;
    r->in_pos = r->in_len;
  }
  fail(r, SLG_EINTR, r->bytes_read);
}

/* 1 when the file is now shorter than when it was opened. A size that
 * only lies (sysfs states 4096 and holds less) has not changed. */
static int shrank(const slg_reader *r)
{
  struct stat st;
  return fstat(r->fd, &st) == 0 && (uint64_t)st.st_size < r->stated_size;
}

/* Plain input: window bytes first, then read(2) straight into buf. */
static ptrdiff_t read_plain(slg_reader *r, char *buf, size_t cap)
{
  if (r->in_pos < r->in_len) {
    size_t n = r->in_len - r->in_pos;
    if (n > cap)
      n = cap;
    memcpy(buf, r->in + r->in_pos, n);
    r->in_pos += n;
    return (ptrdiff_t)n;
  }
  if (r->eof)
    return 0;
  for (;;) {
    ssize_t n = read(r->fd, buf, cap);
    if (n < 0 && errno == EINTR && !stopped(r))
      continue;
    if (n < 0) {
      fail(r, errno == EINTR ? SLG_EINTR : SLG_EIO, r->bytes_read);
      return r->error;
    }
    if (n == 0 && r->bytes_read < r->stated_size && shrank(r)) {
      /* Ended before the size it had: truncated while read. */
      fail(r, SLG_ESHRANK, r->bytes_read);
      return SLG_ESHRANK;
    }
    if (n == 0)
      r->eof = 1;
    r->bytes_read += (uint64_t)n;
    return n;
  }
}

/* ------------------------------------------------------ gzip members */

/* Where the reader is in the gzip format (RFC 1952). */
enum {
  GZ_NEXT,    /* after a member (or at the start): what follows */
  GZ_PADDING, /* NUL bytes after the last member */
  GZ_HEADER,  /* a member header; field says which part */
  GZ_BODY,    /* deflate data, handed to the backend */
  GZ_TRAILER, /* CRC-32 and ISIZE */
};

/* The parts of a member header, in order; all but F_FIXED optional. */
enum { F_FIXED, F_XLEN, F_EXTRA, F_NAME, F_COMMENT, F_HCRC, F_DONE };

/* FLG bits. */
enum { FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16, FRESERVED = 0xe0 };

#if SLG_HAVE_ISAL
/* The zlib shadow of an ISA-L member (see shadow_feed). */
enum { SHADOW_RUN, SHADOW_END, SHADOW_OFF };
#endif

/*
 * Makes the window ready for the gzip parser: once it is used up, keeps
 * its last KEEP bytes in front and reads WINDOW new bytes; a window not
 * yet full (the first, after the sniff) is topped up. read(2) is called
 * until the window is full or the input ends, so a pipe that returns a
 * few KiB at a time yields the same windows as the file. Returns 0, or -1
 * with the sticky error set.
 */
static int fill_gzip(slg_reader *r)
{
  if (r->in_pos == r->in_len) {
    size_t keep = r->in_pos < KEEP ? r->in_pos : KEEP;
    memmove(r->in, r->in + r->in_pos - keep, keep);
    r->window_offset += r->in_pos - keep;
    r->in_pos = r->in_len = r->hist = keep;
  }
  while (!r->eof && r->in_len < r->hist + WINDOW) {
    ssize_t n = read(r->fd, r->in + r->in_len, r->hist + WINDOW - r->in_len);
    if (n < 0 && errno == EINTR && !stopped(r))
      continue;
    if (n < 0) {
      fail(r, errno == EINTR ? SLG_EINTR : SLG_EIO, r->bytes_read);
      return -1;
    }
    if (n == 0)
      r->eof = 1;
    r->in_len += (size_t)n;
    r->bytes_read += (uint64_t)n;
  }
  return 0;
}

static uint32_t le32(const unsigned char *p)
{
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

/* Consumes k window bytes of the header, in the header CRC when the
 * member has one (not the fixed part, summed whole once the flags are
 * known, nor the CRC field itself). */
static void header_take(slg_reader *r, size_t k)
{
  if ((r->flags & FHCRC) && r->field != F_FIXED && r->field != F_HCRC)
    r->hcrc = (uint32_t)crc32(r->hcrc, r->in + r->in_pos, (uInt)k);
  r->in_pos += k;
}

/* Gathers window bytes into part until it holds n: 1 when it does. */
static int gather(slg_reader *r, size_t n)
{
  size_t k = n - r->part_len, avail = r->in_len - r->in_pos;
  if (k > avail)
    k = avail;
  memcpy(r->part + r->part_len, r->in + r->in_pos, k);
  r->part_len += k;
  header_take(r, k);
  return r->part_len == n;
}

/* Starts deflate data with the current backend. */

/* A raw-deflate stream (no gzip header: input.c reads those) ready for a
 * new member: set up the first time, reset after. */
static void raw_inflate_reset(z_stream *z, int *ready)
{
  if (!*ready) {
    memset(z, 0, sizeof *z);
    if (inflateInit2(z, -MAX_WBITS) != Z_OK)
      slg_xmalloc((size_t)-1); /* aborts: zlib could not allocate */
    *ready = 1;
  } else {
    inflateReset(z);
  }
}

static void body_begin(slg_reader *r)
{
  r->gz = GZ_BODY;
  r->crc = 0;
  r->member_out = 0;
#if SLG_HAVE_ISAL
  if (r->mode == MODE_GZIP_ISAL) {
    if (!r->isal)
      r->isal = slg_xmalloc(sizeof *r->isal);
    isal_inflate_init(r->isal);
    r->isal->crc_flag = ISAL_GZIP_NO_HDR; /* keeps the CRC, no trailer */
    raw_inflate_reset(&r->shadow, &r->shadow_ready);
    r->shadow_state = SHADOW_RUN;
    r->shadow_at = pos_offset(r);
    return;
  }
#endif
  raw_inflate_reset(&r->zs, &r->zs_ready);
}

/* Moves to the next header part the flags call for (or the body). */
static void next_field(slg_reader *r)
{
  static const unsigned need[F_DONE] = {0,     FEXTRA,   FEXTRA,
                                        FNAME, FCOMMENT, FHCRC};
  int f = r->field + 1;
  while (f < F_DONE && !(r->flags & need[f]))
    f++;
  r->field = f;
  r->part_len = 0;
  r->part_at = pos_offset(r);
  if (f == F_DONE)
    body_begin(r);
}

/* One header part, as far as the window goes: 0, or -1 on damage. */
static int header_step(slg_reader *r)
{
  const unsigned char *p = r->in + r->in_pos;
  size_t avail = r->in_len - r->in_pos, k;
  switch (r->field) {
  case F_FIXED: {
    size_t had = r->part_len;
    int whole = gather(r, 10);
    /* Checked as the bytes arrive, first damage first. zlib enforces
     * method 8 and reserved bits zero; ISA-L decodes a member with
     * reserved bits set (gzip(1): "is encrypted -- not supported").
     * Found by fuzz_gzip. */
    for (size_t i = had; i < r->part_len; i++) {
      if (i == 1 && r->part[1] != 0x8b) {
        fail(r, SLG_ETRAILING, r->member_start);
        return -1;
      }
      if ((i == 2 && r->part[2] != 8) || (i == 3 && (r->part[3] & FRESERVED))) {
        fail(r, SLG_ECORRUPT, r->member_start + i);
        return -1;
      }
    }
    if (!whole)
      return 0;
    r->flags = r->part[3];
    r->hcrc = (uint32_t)crc32(0, r->part, 10);
    break;
  }
  case F_XLEN:
    if (!gather(r, 2))
      return 0;
    r->xlen = (uint32_t)r->part[0] | (uint32_t)r->part[1] << 8;
    break;
  case F_EXTRA:
    k = avail < r->xlen ? avail : r->xlen;
    header_take(r, k);
    r->xlen -= (uint32_t)k;
    if (r->xlen)
      return 0;
    break;
  case F_NAME:
  case F_COMMENT: {
    const unsigned char *nul = memchr(p, 0, avail);
    header_take(r, nul ? (size_t)(nul - p) + 1 : avail);
    if (!nul)
      return 0;
    break;
  }
  default: /* F_HCRC: the low 16 bits of the header's CRC-32 */
    if (!gather(r, 2))
      return 0;
    if (((uint32_t)r->part[0] | (uint32_t)r->part[1] << 8) !=
        (r->hcrc & 0xffff)) {
      fail(r, SLG_ECORRUPT, r->part_at);
      return -1;
    }
    break;
  }
  next_field(r);
  return 0;
}

/*
 * Advances over what is not deflate data (what follows a member, a
 * header, a trailer) as far as the window goes. Returns 0, or -1 with the
 * sticky error set.
 */
static int frame_step(slg_reader *r)
{
  while (r->gz != GZ_BODY && r->in_pos < r->in_len) {
    const unsigned char *p = r->in + r->in_pos;
    size_t avail = r->in_len - r->in_pos, i = 0;
    switch (r->gz) {
    case GZ_NEXT:
      if (p[0] == 0x1f) {
        r->gz = GZ_HEADER;
        r->field = F_FIXED;
        r->part_len = 0;
        r->member_start = r->part_at = pos_offset(r);
      } else if (p[0] == 0) {
        r->gz = GZ_PADDING;
      } else {
        fail(r, SLG_ETRAILING, pos_offset(r));
        return -1;
      }
      break;
    case GZ_PADDING: /* NUL padding to the end is ignored */
      while (i < avail && p[i] == 0)
        i++;
      r->in_pos += i;
      if (i < avail) {
        fail(r, SLG_ETRAILING, pos_offset(r));
        return -1;
      }
      break;
    case GZ_HEADER:
      if (header_step(r) < 0)
        return -1;
      break;
    default: /* GZ_TRAILER */
      if (!gather(r, 8))
        break;
      if (le32(r->part) != r->crc ||
          le32(r->part + 4) != (uint32_t)r->member_out) {
        fail(r, SLG_ECORRUPT, r->part_at);
        return -1;
      }
      r->gz = GZ_NEXT;
      break;
    }
  }
  return 0;
}

/* One inflate step's outcome. */
enum { STEP_MORE, STEP_MEMBER_END, STEP_CORRUPT };

/* Inflates from in[in_pos..in_len) into out[0..cap); reports the bytes
 * used and made. */
static int inflate_step(slg_reader *r, unsigned char *out, size_t cap,
                        size_t *used, size_t *made)
{
  size_t avail = r->in_len - r->in_pos;
#if SLG_HAVE_ISAL
  if (r->mode == MODE_GZIP_ISAL) {
    struct inflate_state *st = r->isal;
    st->next_in = r->in + r->in_pos;
    st->avail_in = (uint32_t)avail;
    st->next_out = out;
    st->avail_out = (uint32_t)cap;
    int rc = isal_inflate(st);
    /* On damage ISA-L can hand back bits it buffered in an earlier call,
     * leaving avail_in above what this call gave it; "used" would then
     * wrap and push in_pos (and the reported offset) past 2^64 - 2^32.
     * Found by fuzz_gzip (tests/fuzz/regressions/gzip). */
    *used = st->avail_in <= avail ? avail - st->avail_in : 0;
    *made = cap - st->avail_out;
    if (rc < 0)
      return STEP_CORRUPT;
    return st->block_state == ISAL_BLOCK_FINISH ? STEP_MEMBER_END
                                                : STEP_MORE;
  }
#endif
  r->zs.next_in = r->in + r->in_pos;
  r->zs.avail_in = (uInt)avail;
  r->zs.next_out = out;
  r->zs.avail_out = (uInt)cap;
  int rc = inflate(&r->zs, Z_NO_FLUSH);
  *used = avail - r->zs.avail_in;
  *made = cap - r->zs.avail_out;
  r->crc = (uint32_t)crc32(r->crc, out, (uInt)*made);
  if (rc == Z_STREAM_END)
    return STEP_MEMBER_END;
  if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_STREAM_ERROR ||
      rc == Z_MEM_ERROR)
    return STEP_CORRUPT;
  return STEP_MORE;
}

#if SLG_HAVE_ISAL
/*
 * ISA-L accepts some invalid Huffman code sets and can then end a member
 * early; the trailer check (CRC-32, length) exposes that unless the
 * output is empty, where zero bytes pass as the trailer and a damaged
 * file would read as complete and empty. So while an ISA-L member has
 * produced nothing, zlib inflates the same bytes beside it (at most the
 * header of the first block of a real member): an empty member is valid
 * only when zlib ends it at the same byte, with nothing out. Found by
 * fuzz_gzip (regressions/gzip/isal-empty-member*).
 */
static void shadow_feed(slg_reader *r, const unsigned char *p, size_t n,
                        size_t made)
{
  if (made > 0)
    r->shadow_state = SHADOW_OFF; /* not empty: the trailer checks it */
  if (r->shadow_state != SHADOW_RUN)
    return;
  unsigned char out[1];
  r->shadow.next_in = (Bytef *)(uintptr_t)p;
  r->shadow.avail_in = (uInt)n;
  r->shadow.next_out = out;
  r->shadow.avail_out = sizeof out;
  int rc = inflate(&r->shadow, Z_NO_FLUSH);
  if (r->shadow.total_out > 0 ||
      (rc != Z_OK && rc != Z_BUF_ERROR && rc != Z_STREAM_END)) {
    r->shadow_state = SHADOW_OFF; /* zlib disagrees: not an empty member */
    return;
  }
  if (rc == Z_STREAM_END) {
    r->shadow_state = SHADOW_END;
    r->shadow_end = r->shadow_at + (n - r->shadow.avail_in);
  }
  r->shadow_at += n;
}
#endif

/*
 * The deflate data ended: the trailer follows. Returns 0, or -1 with the
 * sticky error set.
 */
static int body_end(slg_reader *r)
{
#if SLG_HAVE_ISAL
  if (r->mode == MODE_GZIP_ISAL) {
    /* Without the trailer to read, ISA-L stops with the bytes it read
     * ahead still in its bit buffer: the data ended that many bytes
     * back. KEEP bytes of the previous window are there to go back to. */
    size_t back = (size_t)r->isal->read_in_length / 8;
    if (back > r->in_pos) {
      fail(r, SLG_ECORRUPT, pos_offset(r)); /* cannot happen: back <= 8 */
      return -1;
    }
    r->in_pos -= back;
    r->crc = r->isal->crc;
    if (r->member_out == 0 &&
        (r->shadow_state != SHADOW_END || r->shadow_end != pos_offset(r))) {
      fail(r, SLG_ECORRUPT, r->member_start);
      return -1;
    }
  }
#endif
  r->gz = GZ_TRAILER;
  r->part_len = 0;
  r->part_at = pos_offset(r);
  return 0;
}

static ptrdiff_t read_gzip(slg_reader *r, char *buf, size_t cap)
{
  size_t produced = 0;
  if (cap > UINT32_MAX)
    cap = UINT32_MAX;
  while (produced == 0) {
    if (!r->eof &&
        (r->in_pos == r->in_len || r->in_len < r->hist + WINDOW) &&
        fill_gzip(r) < 0)
      break;
    if (r->gz != GZ_BODY) {
      if (frame_step(r) < 0)
        break;
      if (r->gz != GZ_BODY) {
        if (!r->eof)
          continue; /* the window is used up */
        /* The end: clean between members; a lone 0x1f is junk, any
         * other part of a member means it was cut. */
        if (r->gz == GZ_HEADER && r->field == F_FIXED && r->part_len == 1)
          fail(r, SLG_ETRAILING, r->member_start);
        else if (r->gz == GZ_HEADER || r->gz == GZ_TRAILER)
          fail(r, SLG_ECORRUPT, pos_offset(r));
        break;
      }
    }
    size_t before = r->in_pos, used, made;
    int step = inflate_step(r, (unsigned char *)buf + produced,
                            cap - produced, &used, &made);
#if SLG_HAVE_ISAL
    if (r->mode == MODE_GZIP_ISAL)
      shadow_feed(r, r->in + before, used, made);
#endif
    r->in_pos = before + used;
    produced += made;
    r->member_out += made;
    if (step == STEP_CORRUPT) {
      fail(r, SLG_ECORRUPT, pos_offset(r));
      break;
    }
    if (step == STEP_MEMBER_END) {
      if (body_end(r) < 0)
        break;
      continue;
    }
    if (used == 0 && made == 0 && r->eof && r->in_pos == r->in_len) {
      /* EOF inside a member: truncated. */
      fail(r, SLG_ECORRUPT, pos_offset(r));
      break;
    }
  }
  r->bytes_decoded += produced;
  if (produced)
    return (ptrdiff_t)produced;
  return r->error ? r->error : 0;
}

ptrdiff_t slg_reader_read(slg_reader *r, char *buf, size_t cap)
{
  if (r->error)
    return r->error;
  if (cap == 0)
    return 0;
  switch (r->mode) {
  case MODE_PLAIN: {
    ptrdiff_t n = read_plain(r, buf, cap);
    if (n > 0)
      r->bytes_decoded += (uint64_t)n;
    return n;
  }
  default:
    return read_gzip(r, buf, cap);
  }
}

int slg_reader_idle(const slg_reader *r)
{
  if (!r->stream || r->mode != MODE_PLAIN || r->eof || r->error ||
      r->in_pos < r->in_len)
    return 0;
  struct pollfd pfd = {.fd = r->fd, .events = POLLIN};
  return poll(&pfd, 1, 0) == 0;
}

int slg_reader_whole(const slg_reader *r)
{
  return r->mode == MODE_PLAIN && r->eof && !r->error &&
         r->window_offset == 0 && r->bytes_decoded == 0;
}

ptrdiff_t slg_reader_borrow(slg_reader *r, const char **out)
{
  *out = NULL;
  if (r->error || r->mode != MODE_PLAIN || r->in_pos == r->in_len)
    return 0;
  size_t n = r->in_len - r->in_pos;
  *out = (const char *)r->in + r->in_pos;
  r->in_pos = r->in_len;
  r->bytes_decoded += (uint64_t)n;
  return (ptrdiff_t)n;
}

ptrdiff_t slg_reader_held(const slg_reader *r, const char **out)
{
  *out = NULL;
  if (r->error || r->mode != MODE_PLAIN || r->in_pos == r->in_len)
    return 0;
  *out = (const char *)r->in + r->in_pos;
  return (ptrdiff_t)(r->in_len - r->in_pos);
}

uint64_t slg_reader_bytes_read(const slg_reader *r) { return r->bytes_read; }

uint64_t slg_reader_bytes_decoded(const slg_reader *r)
{
  return r->bytes_decoded;
}

uint64_t slg_reader_error_offset(const slg_reader *r)
{
  return r->error_offset;
}

int slg_reader_is_gzip(const slg_reader *r) { return r->mode != MODE_PLAIN; }

const char *slg_reader_format(const slg_reader *r)
{
  return r->container ? r->container->name : NULL;
}

const char *slg_reader_format_command(const slg_reader *r)
{
  return r->container ? r->container->command : NULL;
}

const char *slg_reader_backend(void)
{
#if SLG_HAVE_ISAL
  return "isa-l";
#else
  return "zlib";
#endif
}

/* ------------------------------------------------- positional reads */

int64_t slg_reader_positional(const slg_reader *r)
{
  struct stat st;
  if (r->mode != MODE_PLAIN || r->error || fstat(r->fd, &st) != 0 ||
      !S_ISREG(st.st_mode))
    return -1;
  /* Only before the first slg_reader_read (the sniffed window aside):
   * the two ways of reading do not mix. */
  if (r->bytes_decoded != 0 || r->window_offset != 0)
    return -1;
  /* A file opened at an offset (stdin redirected after a read) starts
   * there for read(2); positional reads would start at 0. */
  off_t here = lseek(r->fd, 0, SEEK_CUR);
  if (here < 0 || (uint64_t)here != r->bytes_read)
    return -1;
  /* A size of 0 says nothing: procfs files (/proc/cpuinfo) state 0 and
   * hold lines. read(2) to the end reads them, and an empty file alike. */
  if (st.st_size == 0)
    return -1;
  return (int64_t)st.st_size;
}

ptrdiff_t slg_reader_pread(slg_reader *r, char *buf, size_t cap,
                           uint64_t offset)
{
  for (;;) {
    ssize_t n = pread(r->fd, buf, cap, (off_t)offset);
    if (n < 0 && errno == EINTR)
      continue;
    return n < 0 ? SLG_EIO : (ptrdiff_t)n;
  }
}

const char *slg_reader_map(slg_reader *r, uint64_t offset, size_t len,
                           slg_mapping *m)
{
  m->base = NULL;
  m->len = 0;
  long page = sysconf(_SC_PAGESIZE);
  struct stat st;
  if (len == 0 || page <= 0)
    return NULL;
  /* A file already shorter than the window (truncated since it was
   * sized) is read with pread, which reports the short read: mapped, its
   * lost pages would raise SIGBUS. */
  if (fstat(r->fd, &st) != 0 || (uint64_t)st.st_size < offset + len)
    return NULL;
  uint64_t start = offset - offset % (uint64_t)page;
  size_t span = (size_t)(offset - start) + len;
  void *base = mmap(NULL, span, PROT_READ, MAP_PRIVATE, r->fd, (off_t)start);
  if (base == MAP_FAILED)
    return NULL;
  m->base = base;
  m->len = span;
  m->fd = r->fd;
  m->start = start;
  return (const char *)base + (offset - start);
}

/* The pages of [p, p + len) inside m, as [*from, *to) page-aligned
 * offsets from base: outward (populate) or inward (drop). */
static int page_range(const slg_mapping *m, const char *p, size_t len,
                      int inward, size_t *from, size_t *to)
{
  long page = sysconf(_SC_PAGESIZE);
  if (!m->base || page <= 0 || len == 0)
    return 0;
  size_t a = (size_t)(p - (const char *)m->base), b = a + len;
  size_t pg = (size_t)page;
  if (inward) {
    a = (a + pg - 1) / pg * pg;
    b = b / pg * pg;
  } else {
    a = a / pg * pg;
    b = (b + pg - 1) / pg * pg;
    if (b > m->len)
      b = m->len;
  }
  *from = a;
  *to = b;
  return b > a;
}

int slg_mapping_populate(const slg_mapping *m, const char *p, size_t len)
{
  size_t a, b;
  if (!page_range(m, p, len, 0, &a, &b))
    return 0;
#ifdef MADV_POPULATE_READ
  /* Fails with EFAULT where a read would raise SIGBUS (a shrunk file). */
  if (madvise((char *)m->base + a, b - a, MADV_POPULATE_READ) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return -1;
#endif
  /* A kernel without it: pages fault in as read; check the size. */
  struct stat st;
  uint64_t need = m->start + (uint64_t)(p - (const char *)m->base) + len;
  return fstat(m->fd, &st) == 0 && (uint64_t)st.st_size >= need ? 0 : -1;
}

void slg_mapping_drop(const slg_mapping *m, const char *p, size_t len)
{
  size_t a, b;
  if (page_range(m, p, len, 1, &a, &b))
    (void)madvise((char *)m->base + a, b - a, MADV_DONTNEED);
}

void slg_mapping_release(slg_mapping *m)
{
  if (m->base)
    munmap(m->base, m->len);
  m->base = NULL;
  m->len = 0;
}

int64_t slg_reader_size_now(const slg_reader *r)
{
  struct stat st;
  return fstat(r->fd, &st) == 0 ? (int64_t)st.st_size : -1;
}

void slg_reader_positional_end_at(slg_reader *r, uint64_t end, int error,
                                  uint64_t error_offset)
{
  r->bytes_read = r->bytes_decoded = end;
  r->eof = 1;
  r->in_pos = r->in_len;
  if (error)
    fail(r, error, error_offset);
}

void slg_reader_positional_end(slg_reader *r, uint64_t end, int error)
{
  slg_reader_positional_end_at(r, end, error, end);
}

void slg_reader_close(slg_reader *r)
{
  if (!r)
    return;
  if (r->zs_ready)
    inflateEnd(&r->zs);
#if SLG_HAVE_ISAL
  free(r->isal);
  if (r->shadow_ready)
    inflateEnd(&r->shadow);
#endif
  if (r->own_fd)
    close(r->fd);
  free(r->in);
  free(r);
}

ptrdiff_t slg_reader_peek(const char *path, char *buf, size_t cap,
                          const char **format)
{
  slg_reader *r = NULL;
  *format = NULL;
  int rc = open_reader(&r, path, 0, NULL);
  if (rc < 0)
    return rc;
  size_t got = 0;
  ptrdiff_t n = 0;
  while (got < cap && (n = slg_reader_read(r, buf + got, cap - got)) > 0)
    got += (size_t)n;
  if (n == SLG_EFORMAT) {
    *format = slg_reader_format(r);
    got = 0;
  }
  slg_reader_close(r);
  return n == SLG_EFORMAT ? SLG_EFORMAT : (ptrdiff_t)got;
}
