/*
 * input.c - the only code that touches file descriptors: open an input,
 * sniff gzip by its magic bytes, inflate (ISA-L when built with it, zlib
 * otherwise) and hand decoded bytes to the caller in caller-sized chunks.
 *
 * Memory is constant whatever the input: one fixed input window plus the
 * inflate state. Inflate writes straight into the caller's buffer, so a
 * gzip bomb streams through like any other input.
 *
 * Errors are sticky: the bytes decoded before damage are returned first,
 * then every call returns the error. Offsets are raw file offsets:
 *   - corrupt deflate data: the offset of the input byte inflate stopped
 *     at (zlib and ISA-L may stop a few bytes apart on the same damage);
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
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#if SLG_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include "common.h"

#define WINDOW (256 * 1024)

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
  int in_member; /* inside a gzip member */
  uint64_t member_start, member_out; /* raw offset, bytes decoded */
  z_stream zs;
  int zs_ready;
#if SLG_HAVE_ISAL
  struct inflate_state *isal;
#endif
};

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

/* Refills the window, keeping unconsumed bytes. Returns bytes added, 0 at
 * EOF, -1 on a read error (errno set). */
static ptrdiff_t refill(slg_reader *r)
{
  if (r->in_pos > 0) {
    memmove(r->in, r->in + r->in_pos, r->in_len - r->in_pos);
    r->window_offset += r->in_pos;
    r->in_len -= r->in_pos;
    r->in_pos = 0;
  }
  if (r->eof || r->in_len == WINDOW)
    return 0;
  for (;;) {
    ssize_t n = read(r->fd, r->in + r->in_len, WINDOW - r->in_len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return -1;
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

static void fail(slg_reader *r, int error, uint64_t offset)
{
  r->error = error;
  r->error_offset = offset;
}

int slg_reader_open_backend(slg_reader **out, const char *path,
                            int force_zlib)
{
  int fd, own = 1;
  *out = NULL;
  if (strcmp(path, "-") == 0) {
    fd = STDIN_FILENO;
    own = 0;
  } else {
    do
      fd = open(path, O_RDONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
      return open_error(errno);
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (own)
      close(fd);
    errno = EISDIR;
    return SLG_EISDIR;
  }
#ifdef F_SETPIPE_SZ
  /* `zcat big.log.gz | sparklog`: a 4 MiB pipe (else 1 MiB, the usual
   * pipe-max-size) instead of 64 KiB lets the writer run ahead and cuts
   * the context switches per byte. Only a hint: the system may refuse,
   * and nothing changes. */
  if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) &&
      fcntl(fd, F_SETPIPE_SZ, 4 << 20) < 0)
    (void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#endif
  slg_reader *r = slg_xcalloc(1, sizeof *r);
  r->fd = fd;
  r->own_fd = own;
  r->in = slg_xmalloc(WINDOW);
  /* Sniff: read until SNIFF bytes are there or the input ends. */
  while (r->in_len < SNIFF && !r->eof) {
    if (refill(r) < 0) {
      fail(r, SLG_EIO, r->bytes_read);
      break;
    }
  }
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

int slg_reader_open(slg_reader **out, const char *path)
{
  return slg_reader_open_backend(out, path, 0);
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
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      fail(r, SLG_EIO, r->bytes_read);
      return SLG_EIO;
    }
    if (n == 0)
      r->eof = 1;
    r->bytes_read += (uint64_t)n;
    return n;
  }
}

/*
 * Between members: decides what follows a complete member. Returns 1 when
 * another member starts at in_pos, 0 at a clean end (EOF, or only NUL
 * padding left), or sets a sticky error and returns -1.
 */
static int next_member(slg_reader *r)
{
  for (;;) {
    while (r->in_len - r->in_pos < 4 && !r->eof)
      if (refill(r) < 0) {
        fail(r, SLG_EIO, r->bytes_read);
        return -1;
      }
    size_t avail = r->in_len - r->in_pos;
    if (avail == 0)
      return 0;
    const unsigned char *p = r->in + r->in_pos;
    if (avail >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
      /* RFC 1952: method 8 (deflate), reserved flag bits zero. zlib
       * enforces both, ISA-L decodes a member with reserved bits set
       * (gzip(1): "is encrypted -- not supported"); checked here so both
       * backends call it corrupt. Found by fuzz_gzip. */
      if (avail >= 3 && p[2] != 8) {
        fail(r, SLG_ECORRUPT, pos_offset(r) + 2);
        return -1;
      }
      if (avail >= 4 && (p[3] & 0xe0)) {
        fail(r, SLG_ECORRUPT, pos_offset(r) + 3);
        return -1;
      }
      return 1;
    }
    /* NUL padding to the end is ignored; anything else is junk. */
    size_t i = 0;
    while (i < avail && p[i] == 0)
      i++;
    if (i < avail) {
      fail(r, SLG_ETRAILING, pos_offset(r) + i);
      return -1;
    }
    r->in_pos = r->in_len;
    if (r->eof)
      return 0;
  }
}

/* One inflate step's outcome. */
enum { STEP_MORE, STEP_MEMBER_END, STEP_CORRUPT };

/* Starts a member with the current backend (after next_member said one
 * begins at in_pos). */
static void member_begin(slg_reader *r)
{
#if SLG_HAVE_ISAL
  if (r->mode == MODE_GZIP_ISAL) {
    if (!r->isal)
      r->isal = slg_xmalloc(sizeof *r->isal);
    isal_inflate_init(r->isal);
    r->isal->crc_flag = ISAL_GZIP;
    return;
  }
#endif
  if (!r->zs_ready) {
    memset(&r->zs, 0, sizeof r->zs);
    if (inflateInit2(&r->zs, 16 + MAX_WBITS) != Z_OK)
      slg_xmalloc((size_t)-1); /* aborts: zlib could not allocate */
    r->zs_ready = 1;
  } else {
    inflateReset(&r->zs);
  }
}

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
  if (rc == Z_STREAM_END)
    return STEP_MEMBER_END;
  if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_STREAM_ERROR ||
      rc == Z_MEM_ERROR)
    return STEP_CORRUPT;
  return STEP_MORE;
}

/* 1 when zlib agrees that the member just ended at in_pos, starting at
 * member_start, is a valid member with no data. A member no longer wholly
 * in the window (only possible past WINDOW bytes) is not: nothing real
 * compresses nothing that large. */
static int empty_member_ok(slg_reader *r)
{
  if (r->member_start < r->window_offset)
    return 0;
  size_t from = (size_t)(r->member_start - r->window_offset);
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
    slg_xmalloc((size_t)-1); /* aborts: zlib could not allocate */
  unsigned char out[1];
  z.next_in = r->in + from;
  z.avail_in = (uInt)(r->in_pos - from);
  z.next_out = out;
  z.avail_out = sizeof out;
  int rc = inflate(&z, Z_FINISH);
  int ok = rc == Z_STREAM_END && z.total_out == 0 && z.avail_in == 0;
  inflateEnd(&z);
  return ok;
}

static ptrdiff_t read_gzip(slg_reader *r, char *buf, size_t cap)
{
  size_t produced = 0;
  if (cap > UINT32_MAX)
    cap = UINT32_MAX;
  while (produced == 0) {
    if (!r->in_member) {
      int m = next_member(r);
      if (m <= 0)
        return m < 0 ? r->error : 0;
      member_begin(r);
      r->in_member = 1;
      r->member_start = pos_offset(r);
      r->member_out = 0;
    }
    if (r->in_pos == r->in_len && !r->eof)
      if (refill(r) < 0) {
        fail(r, SLG_EIO, r->bytes_read);
        break;
      }
    size_t used, made;
    int step = inflate_step(r, (unsigned char *)buf + produced,
                            cap - produced, &used, &made);
    r->in_pos += used;
    produced += made;
    if (step == STEP_CORRUPT) {
      fail(r, SLG_ECORRUPT, pos_offset(r));
      break;
    }
    r->member_out += made;
    if (step == STEP_MEMBER_END) {
      r->in_member = 0;
      /* ISA-L accepts some invalid Huffman code sets and can then end a
       * member early; the trailer check (CRC-32, length) exposes that
       * unless the output is empty, where zero bytes pass as the trailer
       * and a damaged file would read as complete and empty. So an empty
       * ISA-L member is checked again with zlib. Found by fuzz_gzip
       * (regressions/gzip/isal-empty-member*). */
      if (r->mode != MODE_GZIP_ZLIB && r->member_out == 0 &&
          !empty_member_ok(r)) {
        fail(r, SLG_ECORRUPT, r->member_start);
        break;
      }
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

void slg_reader_positional_end(slg_reader *r, uint64_t end, int error)
{
  r->bytes_read = r->bytes_decoded = end;
  r->eof = 1;
  r->in_pos = r->in_len;
  if (error)
    fail(r, error, end);
}

void slg_reader_close(slg_reader *r)
{
  if (!r)
    return;
  if (r->zs_ready)
    inflateEnd(&r->zs);
#if SLG_HAVE_ISAL
  free(r->isal);
#endif
  if (r->own_fd)
    close(r->fd);
  free(r->in);
  free(r);
}
