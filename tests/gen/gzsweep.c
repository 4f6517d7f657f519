/*
 * gzsweep: gzip member boundaries swept across the reader's input window
 * edges (input.c reads 256 KiB windows).
 *
 * For each offset o it builds a multi-member gzip stream in memory whose
 * members after o are the shapes that once read as damage when they
 * crossed an edge: empty members (fixed-Huffman and stored), headers with
 * FNAME, FCOMMENT, FEXTRA and FHCRC, an empty member with all of them,
 * small fixed- and dynamic-Huffman members. The member before o ends at o
 * exactly: either stored data sized to fit, or an empty member whose
 * FNAME fills the gap (a name of up to 512 KiB). As o moves byte by byte,
 * every byte of every shape crosses the edge.
 *
 * Each stream is read with slg_reader_open_backend, zlib and ISA-L (when
 * built with it), from a memory file and from a pipe fed by a thread in
 * chunks of seeded, varied sizes (the full sweep reads each stream through
 * the pipe with one backend, taking turns), with varied read sizes; every
 * read must end cleanly with exactly the bytes put in (length, newlines,
 * CRC-32).
 * Every 64th stream is also damaged (a byte of deflate data after o
 * flipped, or the stream cut) and must fail the same way, at the same
 * offset, from the file and from the pipe.
 *
 *   gzsweep [--quick] [--edges N]
 *     full: every offset within +-4 KiB of the first N window edges
 *     (default 2), a 4 KiB stride elsewhere up to edge N + 1;
 *     --quick: the first edge only, every 16th offset near it, 64 KiB
 *     stride elsewhere (seconds, for the normal tier).
 *
 * Exits 0 when every read held, 1 with the first cases that did not.
 * Test helper: it prints and exits freely, unlike the core.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "input/input.h"

#define WINDOW (256 * 1024) /* input.c's window */
#define NEAR 4096           /* swept byte by byte around each edge */

/* ---- small helpers -------------------------------------------------- */

static uint64_t rnd(uint64_t *s)
{
  uint64_t z = (*s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static void die(const char *what)
{
  perror(what);
  exit(2);
}

typedef struct bytes {
  unsigned char *p;
  size_t len, cap;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
  if (b->len + n > b->cap) {
    b->cap = (b->len + n) * 2;
    b->p = realloc(b->p, b->cap);
    if (!b->p)
      die("realloc");
  }
  memcpy(b->p + b->len, p, n);
  b->len += n;
}

static void put_byte(bytes *b, unsigned c)
{
  unsigned char x = (unsigned char)c;
  put(b, &x, 1);
}

static void put_le(bytes *b, uint32_t v, int n)
{
  for (int i = 0; i < n; i++)
    put_byte(b, (v >> (8 * i)) & 0xff);
}

/* What a stream decodes to. */
typedef struct expect {
  uint64_t len, lines, digest;
} expect;

static void expect_add(expect *e, const unsigned char *p, size_t n)
{
  e->digest = crc32(e->digest, p, (uInt)n);
  for (const unsigned char *q = p, *end = p + n;
       (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
    e->lines++;
  e->len += n;
}

/* ---- gzip members --------------------------------------------------- */

enum { STORED = -1 }; /* level: stored blocks written here */

typedef struct shape {
  size_t name, comment, extra; /* field lengths; (size_t)-1: absent */
  int hcrc;
  int level, strategy; /* zlib's; or STORED and the number of blocks */
} shape;

#define NONE ((size_t)-1)

static unsigned char *filler; /* header field bytes: letters, no NUL */
static unsigned char *text;   /* log-like lines */
static size_t text_len;

/* Appends one member holding data[0..n) in the given shape. */
static void member(bytes *b, const shape *s, const unsigned char *data,
                   size_t n, expect *e)
{
  size_t start = b->len;
  unsigned flg = (s->hcrc ? 2u : 0) | (s->extra != NONE ? 4u : 0) |
                 (s->name != NONE ? 8u : 0) | (s->comment != NONE ? 16u : 0);
  static const unsigned char fixed[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
  put(b, fixed, sizeof fixed);
  b->p[start + 3] = (unsigned char)flg;
  if (s->extra != NONE) {
    put_le(b, (uint32_t)s->extra, 2);
    put(b, filler, s->extra);
  }
  if (s->name != NONE) {
    put(b, filler, s->name);
    put_byte(b, 0);
  }
  if (s->comment != NONE) {
    put(b, filler, s->comment);
    put_byte(b, 0);
  }
  if (s->hcrc)
    put_le(b, (uint32_t)crc32(0, b->p + start, (uInt)(b->len - start)) &
                  0xffff,
           2);
  if (s->level == STORED) {
    /* strategy: the number of blocks (0: as few as fit), split evenly */
    size_t blocks = s->strategy > 0 ? (size_t)s->strategy
                                    : (n + 65534) / 65535 + (n == 0);
    for (size_t i = 0, off = 0; i < blocks; i++) {
      size_t left = blocks - i, k = (n - off + left - 1) / left;
      put_byte(b, i + 1 == blocks ? 1 : 0);
      put_le(b, (uint32_t)k, 2);
      put_le(b, (uint32_t)~k & 0xffff, 2);
      put(b, data + off, k);
      off += k;
    }
  } else {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, s->level, Z_DEFLATED, -15, 8, s->strategy) != Z_OK)
      die("deflateInit2");
    size_t cap = deflateBound(&z, (uLong)n);
    if (b->len + cap > b->cap) {
      b->cap = (b->len + cap) * 2;
      b->p = realloc(b->p, b->cap);
      if (!b->p)
        die("realloc");
    }
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)n;
    z.next_out = b->p + b->len;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
      die("deflate");
    b->len += cap - z.avail_out;
    deflateEnd(&z);
  }
  put_le(b, (uint32_t)crc32(0, data, (uInt)n), 4);
  put_le(b, (uint32_t)n, 4);
  expect_add(e, data, n);
}

/* Text bytes [from, from + n) of the shared lines (wrapping). */
static const unsigned char *text_at(size_t from, size_t n)
{
  if (n > text_len / 2)
    die("text too short");
  return text + from % (text_len / 2);
}

/* The members after the swept boundary, in order. */
static const shape probes[] = {
    /* empty, fixed Huffman ("03 00"), as gzip(1) writes it */
    {NONE, NONE, NONE, 0, 6, Z_DEFAULT_STRATEGY},
    /* empty, a stored block */
    {NONE, NONE, NONE, 0, STORED, 0},
    /* every header field, a small dynamic-Huffman member */
    {11, 23, 17, 1, 6, Z_DEFAULT_STRATEGY},
    /* empty with every header field */
    {5, 7, 9, 1, 6, Z_DEFAULT_STRATEGY},
    /* FHCRC alone, fixed Huffman */
    {NONE, NONE, NONE, 1, 6, Z_FIXED},
    /* empty FEXTRA, empty FNAME */
    {0, NONE, 0, 0, 1, Z_DEFAULT_STRATEGY},
    /* a larger dynamic-Huffman member */
    {NONE, NONE, NONE, 0, 9, Z_DEFAULT_STRATEGY},
};
static const size_t probe_len[] = {0, 0, 300, 0, 120, 40, 3000};

/* The parts every stream shares: a first member, then (after the pad)
 * the member that ends at the boundary, the probes and a last member. */
static bytes pre, post;
static expect pre_e, post_e;
static size_t post_before; /* bytes of post before the boundary */

static void parts(void)
{
  static const shape plain = {NONE, NONE, NONE, 0, 6, Z_DEFAULT_STRATEGY};
  size_t t = 0; /* text used so far */
  member(&pre, &plain, text_at(t, 2000), 2000, &pre_e);
  t += 2001;
  /* A Huffman-coded member ends right at the boundary. */
  member(&post, &plain, text_at(t, 500), 500, &post_e);
  post_before = post.len;
  t += 501;
  for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) {
    member(&post, &probes[i], text_at(t, probe_len[i]), probe_len[i],
           &post_e);
    t += probe_len[i] + 1;
  }
  member(&post, &plain, text_at(t, 20000), 20000, &post_e);
}

static void expect_cat(expect *e, const expect *more)
{
  e->digest = crc32_combine((uLong)e->digest, (uLong)more->digest,
                            (z_off_t)more->len);
  e->len += more->len;
  e->lines += more->lines;
}

/* Builds the stream whose member boundary is at offset o (the probes
 * start there); family 0 pads with stored data, family 1 with an empty
 * member's FNAME. */
static void build(bytes *b, expect *e, size_t o, int family)
{
  b->len = 0;
  put(b, pre.p, pre.len);
  *e = pre_e;
  if (o < pre.len + post_before + 40)
    die("offset too small");
  size_t gap = o - pre.len - post_before;
  expect pad = {0};
  if (family == 0) {
    /* stored: 18 bytes of frame, 5 per block of up to 65535 */
    size_t blocks = (gap - 18 + 65539) / 65540, n = gap - 18 - 5 * blocks;
    shape s = {NONE, NONE, NONE, 0, STORED, (int)blocks};
    member(b, &s, text_at(o % 4096, n), n, &pad);
  } else {
    /* an empty member, "03 00": 10 + name + NUL + 2 + 8 */
    shape s = {gap - 21, NONE, NONE, 0, 6, Z_DEFAULT_STRATEGY};
    member(b, &s, text, 0, &pad);
  }
  expect_cat(e, &pad);
  if (b->len + post_before != o) {
    fprintf(stderr, "gzsweep: built a boundary at %zu, want %zu\n",
            b->len + post_before, o);
    exit(2);
  }
  put(b, post.p, post.len);
  expect_cat(e, &post_e);
  if (o % 5 == 0)
    put(b, "\0\0\0", 3); /* NUL padding, ignored */
}

/* ---- reading -------------------------------------------------------- */

typedef struct outcome {
  ptrdiff_t end; /* 0 or the error */
  uint64_t offset;
  expect got;
} outcome;

static outcome read_path(const char *path, int force_zlib, uint64_t seed)
{
  slg_reader *r = NULL;
  if (slg_reader_open_backend(&r, path, force_zlib) < 0)
    die(path);
  static char buf[1 << 17];
  outcome o;
  memset(&o, 0, sizeof o);
  ptrdiff_t n;
  for (;;) {
    /* Read sizes from 1 byte to 128 KiB, mostly large. */
    uint64_t x = rnd(&seed);
    size_t cap = x % 4 == 0 ? 1 + (size_t)(x >> 8) % 300
                            : 1 + (size_t)(x >> 8) % sizeof buf;
    n = slg_reader_read(r, buf, cap);
    if (n <= 0)
      break;
    expect_add(&o.got, (unsigned char *)buf, (size_t)n);
  }
  o.end = n;
  o.offset = n < 0 ? slg_reader_error_offset(r) : 0;
  slg_reader_close(r);
  return o;
}

typedef struct feed {
  int fd;
  const unsigned char *p;
  size_t len;
  uint64_t seed;
} feed;

/* Writes the stream in chunks of 1 byte to 64 KiB, yielding between
 * them so the reader sees short reads. */
static void *feeder(void *arg)
{
  feed *f = arg;
  size_t off = 0;
  while (off < f->len) {
    uint64_t x = rnd(&f->seed);
    size_t k = x % 3 == 0 ? 1 + (size_t)(x >> 8) % 64
                          : 1 + (size_t)(x >> 8) % 65536;
    if (k > f->len - off)
      k = f->len - off;
    ssize_t w = write(f->fd, f->p + off, k);
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0)
      die("write to pipe");
    off += (size_t)w;
    sched_yield();
  }
  close(f->fd);
  return NULL;
}

static outcome read_pipe(const bytes *b, int force_zlib, uint64_t seed)
{
  int fds[2];
  if (pipe(fds) != 0)
    die("pipe");
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fds[0]);
  feed f = {fds[1], b->p, b->len, seed ^ 0x5eed};
  pthread_t t;
  if (pthread_create(&t, NULL, feeder, &f) != 0)
    die("pthread_create");
  outcome o = read_path(path, force_zlib, seed);
  pthread_join(t, NULL);
  close(fds[0]);
  return o;
}

/* ---- the sweep ------------------------------------------------------ */

static int memfd = -1;
static char mempath[64];
static int backends, failures, checked, quick;

static void set_file(const bytes *b)
{
  if (pwrite(memfd, b->p, b->len, 0) != (ssize_t)b->len ||
      ftruncate(memfd, (off_t)b->len) != 0)
    die("memfd");
}

static int same(const outcome *a, const outcome *b)
{
  return a->end == b->end && a->offset == b->offset &&
         a->got.len == b->got.len && a->got.digest == b->got.digest;
}

static void report(size_t o, int family, const char *how, int force_zlib,
                   const outcome *got, const char *want)
{
  if (++failures <= 20)
    fprintf(stderr,
            "FAIL: boundary %zu (edge %+ld), family %d, %s, %s: end %td at "
            "%llu, %llu bytes %llu lines; want %s\n",
            o, (long)o - (long)((o + WINDOW / 2) / WINDOW * WINDOW), family,
            how, force_zlib ? "zlib" : slg_reader_backend(), got->end,
            (unsigned long long)got->offset, (unsigned long long)got->got.len,
            (unsigned long long)got->got.lines, want);
}

static void sweep_one(bytes *b, size_t o, int family, int damage)
{
  expect e;
  build(b, &e, o, family);
  uint64_t seed = (uint64_t)o * 2 + (uint64_t)family;
  char want[160];
  if (damage) {
    /* A byte of the last member's deflate data, or a cut inside it. */
    if (o % 2)
      b->p[b->len - 200 - o % 1000] ^= 0x55;
    else
      b->len -= 100 + o % 1000;
  }
  set_file(b);
  for (int k = 0; k < backends; k++) {
    int force_zlib = k == 0;
    outcome f = read_path(mempath, force_zlib, seed), p = f;
    checked++;
    /* Through a pipe: both backends in the quick sweep; one, taking
     * turns, in the full one (the windows inflate sees are the file's by
     * construction; this checks that they are). */
    if (quick || damage || backends == 1 ||
        (size_t)k == (o + (size_t)family) % 2) {
      p = read_pipe(b, force_zlib, seed);
      checked++;
    }
    if (!damage) {
      snprintf(want, sizeof want, "end 0, %llu bytes %llu lines",
               (unsigned long long)e.len, (unsigned long long)e.lines);
      outcome ok = {0, 0, e};
      if (!same(&f, &ok) || f.got.lines != e.lines)
        report(o, family, "file", force_zlib, &f, want);
      if (!same(&p, &ok) || p.got.lines != e.lines)
        report(o, family, "pipe", force_zlib, &p, want);
    } else {
      snprintf(want, sizeof want, "the file's: end %td at %llu, %llu bytes",
               f.end, (unsigned long long)f.offset,
               (unsigned long long)f.got.len);
      if (f.end >= 0)
        report(o, family, "damaged file", force_zlib, &f, "an error");
      else if (!same(&f, &p))
        report(o, family, "damaged, pipe", force_zlib, &p, want);
    }
  }
}

int main(int argc, char **argv)
{
  int edges = 2;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--quick") == 0) {
      quick = 1;
      edges = 1;
    } else if (strcmp(argv[i], "--edges") == 0 && i + 1 < argc) {
      edges = atoi(argv[++i]);
    } else {
      fprintf(stderr, "usage: gzsweep [--quick] [--edges N]\n");
      return 2;
    }
  }
  if (edges < 1)
    edges = 1;
  backends = strcmp(slg_reader_backend(), "zlib") == 0 ? 1 : 2;

  size_t fill = (size_t)(edges + 1) * WINDOW + 2 * NEAR;
  filler = malloc(fill);
  if (!filler)
    die("malloc");
  for (size_t i = 0; i < fill; i++)
    filler[i] = (unsigned char)('a' + i % 26);
  text_len = 2 * fill;
  text = malloc(text_len);
  if (!text)
    die("malloc");
  for (size_t i = 0, line = 0; i < text_len; line++) {
    char l[96];
    int n = snprintf(l, sizeof l,
                     "24/03/01 10:00:%02zu INFO Sweep: line %zu of the gzip "
                     "boundary sweep\n",
                     line % 60, line);
    for (int j = 0; j < n && i < text_len; j++)
      text[i++] = (unsigned char)l[j];
  }
  parts();
  memfd = memfd_create("gzsweep", 0);
  if (memfd < 0)
    die("memfd_create");
  snprintf(mempath, sizeof mempath, "/proc/self/fd/%d", memfd);

  bytes b = {0};
  size_t near_step = quick ? 16 : 1, far_step = quick ? 65536 : 4096;
  size_t cases = 0;
  for (size_t o = NEAR; o <= (size_t)(edges + 1) * WINDOW; o += far_step) {
    size_t edge = (o + WINDOW / 2) / WINDOW * WINDOW;
    if (edge >= WINDOW && edge <= (size_t)edges * WINDOW &&
        o + NEAR >= edge && o <= edge + NEAR)
      continue; /* swept byte by byte below */
    for (int family = 0; family < 2; family++, cases++)
      sweep_one(&b, o, family, cases % 64 == 63);
  }
  for (int k = 1; k <= edges; k++) {
    size_t edge = (size_t)k * WINDOW;
    for (size_t o = edge - NEAR; o <= edge + NEAR; o += near_step)
      for (int family = 0; family < 2; family++, cases++)
        sweep_one(&b, o, family, cases % 64 == 63);
  }
  printf("gzsweep: %zu streams, %d reads (%s%s), %d failed\n", cases, checked,
         backends == 2 ? "zlib and " : "", slg_reader_backend(), failures);
  free(b.p);
  free(text);
  free(filler);
  close(memfd);
  return failures ? 1 : 0;
}
