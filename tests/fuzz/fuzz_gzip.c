/*
 * fuzz_gzip.c - the input reader (gzip sniffing and inflate) over hostile
 * bytes.
 *
 * The input is written to an anonymous memory file and opened through
 * /proc/self/fd, the way the CLI opens a path. The first byte selects the
 * mode:
 *   - even, bit 1 clear: raw (the bytes as given: plain text, damaged
 *     gzip);
 *   - even, bit 1 set: placed (bytes 1-3, big-endian, a lead length L;
 *     the rest is read after a valid empty member of exactly L bytes, its
 *     FNAME filling it), so a small input puts any of its bytes at any
 *     offset around the reader's 256 KiB window edges;
 *   - odd: "compressed" (the rest is gzipped here, possibly twice or with
 *     a second member, then a byte chosen by the input is damaged or the
 *     stream cut), so the fuzzer reaches deep into inflate without having
 *     to discover CRCs.
 * The read size varies per call. Checks the reader's contract: counters
 * agree with what was returned, an error repeats on every later call, and
 * the error offset lies inside the raw input; both backends agree, and
 * agree with zlib's own gzip decoding of the stream (its header, trailer
 * and member parsing are not the reader's).
 *
 * LLVMFuzzerCustomMutator knows the member boundaries: it splits and joins
 * members, inserts empty members and header fields (FNAME, FCOMMENT,
 * FEXTRA, FHCRC), and places a boundary near a window edge; otherwise it
 * leaves the bytes to LLVMFuzzerMutate.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "fuzz.h"
#include "input.h"
#include "sparklog.h"

#define WINDOW (256 * 1024) /* input.c's window */
#define LEAD_MAX (3 * WINDOW + 8192)
/* The smallest lead: header, an empty FNAME, "03 00", trailer. */
#define EMPTY_MEMBER 21

/* gzip-compresses in[0..n) and appends to out (capacity checked). */
static size_t gz(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
  z_stream z;
  memset(&z, 0, sizeof z);
  if (deflateInit2(&z, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    abort();
  z.next_in = (Bytef *)(uintptr_t)in;
  z.avail_in = (uInt)n;
  z.next_out = out;
  z.avail_out = (uInt)cap;
  if (deflate(&z, Z_FINISH) != Z_STREAM_END)
    abort();
  size_t got = cap - z.avail_out;
  deflateEnd(&z);
  return got;
}

/* What one backend made of an input. */
typedef struct outcome {
  uint64_t decoded, digest;
  ptrdiff_t end; /* 0 or the error */
} outcome;

static outcome read_one(const char *path, size_t rawlen, uint64_t seed,
                        int force_zlib)
{
  slg_reader *r = NULL;
  if (slg_reader_open_backend(&r, path, force_zlib) < 0)
    fuzz_fail("cannot open a readable memfd");
  char buf[4096];
  uint64_t decoded = 0, digest = 1469598103934665603u;
  ptrdiff_t n;
  for (;;) {
    size_t cap = 1 + (size_t)(fuzz_rand(&seed) % sizeof buf);
    n = slg_reader_read(r, buf, cap);
    if (n <= 0)
      break;
    fuzz_check((size_t)n <= cap);
    decoded += (uint64_t)n;
    for (ptrdiff_t i = 0; i < n; i++)
      digest = (digest ^ (unsigned char)buf[i]) * 1099511628211u;
    /* The gzip bomb guard: the harness never holds more than one
     * buffer, and a run is bounded by the input's expansion. */
    if (decoded > (uint64_t)1 << 30)
      fuzz_fail("more than 1 GiB decoded from a fuzz input");
  }
  fuzz_check(slg_reader_bytes_decoded(r) == decoded);
  fuzz_check(slg_reader_bytes_read(r) <= rawlen);
  if (n < 0) {
    fuzz_check(n == SLG_ECORRUPT || n == SLG_ETRAILING || n == SLG_EIO ||
               n == SLG_EFORMAT);
    /* A container refused by its magic: nothing read, and it is named. */
    if (n == SLG_EFORMAT)
      fuzz_check(decoded == 0 && slg_reader_bytes_read(r) == 0 &&
                 slg_reader_format(r) != NULL && !slg_reader_is_gzip(r));
    else
      fuzz_check(slg_reader_format(r) == NULL);
    fuzz_check(slg_reader_read(r, buf, sizeof buf) == n);
    if (n != SLG_EIO && slg_reader_error_offset(r) > rawlen) {
      fprintf(stderr, "error %d at offset %llu of %zu raw bytes\n", (int)n,
              (unsigned long long)slg_reader_error_offset(r), rawlen);
      fuzz_fail("error offset past the end of the input");
    }
    fuzz_check(slg_strerror((int)n) != NULL);
  } else {
    fuzz_check(slg_reader_read(r, buf, sizeof buf) == 0);
    if (!slg_reader_is_gzip(r))
      fuzz_check(decoded == rawlen);
  }
  slg_reader_close(r);
  outcome o = {decoded, digest, n};
  return o;
}

/*
 * zlib's own reading of a gzip stream, member by member (gzip mode: zlib
 * parses the headers and trailers): 1 when it is valid, with what it
 * decodes to; trailing NULs are padding, any other byte after a member is
 * damage. 0 when damaged, -1 when the harness gave up (output too large).
 */
static int oracle(const uint8_t *raw, size_t n, outcome *out)
{
  static unsigned char buf[1 << 16];
  out->decoded = 0;
  out->digest = 1469598103934665603u;
  out->end = 0;
  size_t pos = 0;
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
    abort();
  int ok = 1;
  while (ok == 1) {
    size_t i = pos;
    while (i < n && raw[i] == 0)
      i++;
    if (i == n && (pos > 0 || n == 0))
      break; /* the end, or NUL padding to it */
    if (n - pos < 2 || raw[pos] != 0x1f || raw[pos + 1] != 0x8b) {
      ok = 0;
      break;
    }
    inflateReset(&z);
    z.next_in = (Bytef *)(uintptr_t)(raw + pos);
    z.avail_in = (uInt)(n - pos);
    int rc;
    do {
      z.next_out = buf;
      z.avail_out = sizeof buf;
      rc = inflate(&z, Z_NO_FLUSH);
      size_t made = sizeof buf - z.avail_out;
      for (size_t k = 0; k < made; k++)
        out->digest = (out->digest ^ buf[k]) * 1099511628211u;
      out->decoded += made;
      if (out->decoded > (uint64_t)1 << 26)
        ok = -1;
    } while (rc == Z_OK && ok == 1);
    if (ok == 1 && rc != Z_STREAM_END)
      ok = 0;
    pos = n - z.avail_in;
  }
  inflateEnd(&z);
  return ok;
}

/* Reads the input with each backend (zlib, and ISA-L when built with it):
 * both must agree on the bytes and on whether the input is damaged, and
 * with zlib's own reading of a gzip stream. */
static void read_all(const uint8_t *raw, size_t rawlen, uint64_t seed)
{
  /* One memory file for every run, rewritten in place: its pages stay
   * (placed inputs are up to 800 KB). */
  static int fd = -1;
  if (fd < 0 && (fd = memfd_create("fuzz_gzip", 0)) < 0)
    abort();
  size_t off = 0;
  while (off < rawlen) {
    ssize_t w = pwrite(fd, raw + off, rawlen - off, (off_t)off);
    if (w <= 0)
      abort();
    off += (size_t)w;
  }
  if (ftruncate(fd, (off_t)rawlen) != 0)
    abort();
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  outcome z = read_one(path, rawlen, seed, 1);
  if (strcmp(slg_reader_backend(), "zlib") != 0) {
    outcome d = read_one(path, rawlen, seed, 0);
    if ((d.end < 0) != (z.end < 0))
      fprintf(stderr, "zlib: %td after %llu bytes; %s: %td after %llu\n", z.end,
              (unsigned long long)z.decoded, slg_reader_backend(), d.end,
              (unsigned long long)d.decoded);
    /* Both must see damage, or neither. Which error they name may
     * differ: ISA-L accepts some invalid Huffman code sets that zlib
     * refuses, ends the member early and then sees "trailing garbage"
     * where zlib says "corrupt" (regressions/gzip/isal-lenient-huffman). */
    fuzz_check((d.end < 0) == (z.end < 0));
    if (!z.end)
      fuzz_check(d.decoded == z.decoded && d.digest == z.digest);
  }
  outcome o;
  int verdict = rawlen >= 2 && raw[0] == 0x1f && raw[1] == 0x8b
                    ? oracle(raw, rawlen, &o)
                    : -1;
  if (verdict >= 0 && (verdict == 1) != (z.end == 0))
    fprintf(stderr, "zlib's gzip reading: %s; the reader: %td after %llu\n",
            verdict ? "valid" : "damaged", z.end,
            (unsigned long long)z.decoded);
  if (verdict == 1)
    fuzz_check(z.end == 0 && z.decoded == o.decoded && z.digest == o.digest);
  else if (verdict == 0)
    fuzz_check(z.end < 0);
}

/* Appends a valid empty member of exactly len bytes (len >= 21): its
 * FNAME fills it. */
static size_t lead_member(uint8_t *out, size_t len)
{
  static const uint8_t head[10] = {0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3};
  memcpy(out, head, sizeof head);
  memset(out + 10, 'n', len - EMPTY_MEMBER);
  memcpy(out + len - 11, "\0\3\0\0\0\0\0\0\0\0\0", 11);
  return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  uint8_t mode = data[0];
  uint64_t seed = mode;
  if ((mode & 3) == 2 && size >= 4) { /* placed */
    size_t lead = ((size_t)data[1] << 16 | (size_t)data[2] << 8 | data[3]) %
                  LEAD_MAX;
    if (lead < EMPTY_MEMBER)
      lead = 0;
    uint8_t *raw = malloc(lead + size - 4 + 1);
    if (!raw)
      abort();
    if (lead)
      lead_member(raw, lead);
    memcpy(raw + lead, data + 4, size - 4);
    read_all(raw, lead + size - 4, seed);
    free(raw);
    return 0;
  }
  if (!(mode & 1) || size < 4) {
    read_all(data + 1, size - 1, seed);
    return 0;
  }
  /* Compressed modes: bytes 1-2 pick a damage position, 3 the damage. */
  size_t where = (size_t)data[1] << 8 | data[2];
  uint8_t what = data[3];
  const uint8_t *body = data + 4;
  size_t n = size - 4;
  /* deflate's worst case is n + n/1000 + a few dozen bytes; this leaves
   * room for a double compression plus a second member. */
  size_t cap = 4 * n + 1024;
  uint8_t *a = malloc(cap), *b = malloc(cap);
  if (!a || !b)
    abort();
  size_t len = gz(body, n, a, cap);
  if (mode & 2) { /* a gzip of a gzip */
    len = gz(a, len, b, cap);
    memcpy(a, b, len);
  }
  if (mode & 4) /* a second member: concatenated gzip */
    len += gz(body, n / 2, a + len, cap - len);
  switch ((mode >> 3) & 3) {
  case 1: /* flip a byte */
    if (len)
      a[where % len] ^= what ? what : 1;
    break;
  case 2: /* cut the stream */
    if (len)
      len = where % len;
    break;
  case 3: /* trailing junk */
    if (len < cap)
      a[len++] = what;
    break;
  default:
    break;
  }
  read_all(a, len, seed);
  free(a);
  free(b);
  return 0;
}

/* ------------------------------------------------ the custom mutator */

/* A member of the placed stream: where it starts, where its deflate data
 * starts, where it ends. */
typedef struct span {
  size_t start, body, end;
} span;

#define MAX_SPANS 64

/* The valid members at the start of g[0..n): their count; the bytes after
 * the last are left as they are. */
static size_t members(const uint8_t *g, size_t n, span *s)
{
  size_t count = 0, pos = 0;
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
    abort();
  static unsigned char sink[1 << 15];
  while (count < MAX_SPANS && n - pos >= 18 && g[pos] == 0x1f &&
         g[pos + 1] == 0x8b && g[pos + 2] == 8 && !(g[pos + 3] & 0xe0)) {
    unsigned flg = g[pos + 3];
    size_t p = pos + 10;
    if ((flg & 4) && p + 2 <= n)
      p += 2 + (size_t)(g[p] | g[p + 1] << 8);
    for (unsigned bit = 8; bit <= 16; bit <<= 1)
      if (flg & bit) {
        while (p < n && g[p])
          p++;
        p++;
      }
    if (flg & 2)
      p += 2;
    if (p >= n)
      break;
    inflateReset(&z);
    z.next_in = (Bytef *)(uintptr_t)(g + p);
    z.avail_in = (uInt)(n - p);
    int rc;
    do {
      z.next_out = sink;
      z.avail_out = sizeof sink;
      rc = inflate(&z, Z_NO_FLUSH);
    } while (rc == Z_OK);
    size_t end = n - z.avail_in + 8;
    if (rc != Z_STREAM_END || end > n)
      break;
    s[count].start = pos;
    s[count].body = p;
    s[count].end = end;
    count++;
    pos = end;
  }
  inflateEnd(&z);
  return count;
}

/* What a member decodes to, into out (at most cap bytes): its length, or
 * (size_t)-1 when it does not fit. */
static size_t member_data(const uint8_t *g, const span *m, uint8_t *out,
                          size_t cap)
{
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
    abort();
  z.next_in = (Bytef *)(uintptr_t)(g + m->body);
  z.avail_in = (uInt)(m->end - 8 - m->body);
  z.next_out = out;
  z.avail_out = (uInt)cap;
  int rc = inflate(&z, Z_FINISH);
  size_t got = cap - z.avail_out;
  inflateEnd(&z);
  return rc == Z_STREAM_END ? got : (size_t)-1;
}

typedef struct sink {
  uint8_t *p;
  size_t len, cap;
} sink;

static void emit(sink *o, const void *p, size_t n)
{
  if (o->len + n <= o->cap)
    memcpy(o->p + o->len, p, n);
  o->len += n; /* past cap: the result is dropped */
}

/* A member holding data[0..n), with header fields chosen by rng: none,
 * or any of FNAME, FCOMMENT, FEXTRA (short or, rarely, long) and FHCRC. */
static void new_member(sink *o, const uint8_t *data, size_t n,
                       uint64_t *rng)
{
  uint64_t x = fuzz_rand(rng);
  unsigned flg = x % 3 == 0 ? 0 : (unsigned)(x >> 8) & 0x1e;
  size_t start = o->len;
  uint8_t head[10] = {0x1f, 0x8b, 8, (uint8_t)flg, 0, 0, 0, 0, 0, 3};
  emit(o, head, sizeof head);
  static uint8_t field[4096];
  memset(field, 'f', sizeof field);
  size_t flen = (x >> 16) % 8 == 0 ? (x >> 20) % sizeof field
                                   : (x >> 20) % 40;
  if (flg & 4) {
    uint8_t xl[2] = {(uint8_t)flen, (uint8_t)(flen >> 8)};
    emit(o, xl, 2);
    emit(o, field, flen);
  }
  if (flg & 8) {
    emit(o, field, flen / 2);
    emit(o, "", 1);
  }
  if (flg & 16) {
    emit(o, field, flen / 3);
    emit(o, "", 1);
  }
  if ((flg & 2) && o->len <= o->cap) {
    uint32_t c = (uint32_t)crc32(0, o->p + start, (uInt)(o->len - start));
    uint8_t h[2] = {(uint8_t)c, (uint8_t)(c >> 8)};
    emit(o, h, 2);
  } else if (flg & 2) {
    emit(o, "\0\0", 2);
  }
  /* Deflate data: stored, fixed or dynamic Huffman, any level. */
  int kind = (int)((x >> 32) % 4);
  if (n == 0 && kind == 0) {
    emit(o, "\x01\x00\x00\xff\xff", 5); /* an empty stored block */
  } else {
    z_stream z;
    memset(&z, 0, sizeof z);
    int level = kind == 0 ? 0 : (int)((x >> 40) % 10);
    if (deflateInit2(&z, level, Z_DEFLATED, -MAX_WBITS, 8,
                     kind == 1 ? Z_FIXED : Z_DEFAULT_STRATEGY) != Z_OK)
      abort();
    size_t bound = deflateBound(&z, (uLong)n);
    if (o->len + bound <= o->cap) {
      z.next_in = (Bytef *)(uintptr_t)data;
      z.avail_in = (uInt)n;
      z.next_out = o->p + o->len;
      z.avail_out = (uInt)bound;
      if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        abort();
      o->len += bound - z.avail_out;
    } else {
      o->len += bound;
    }
    deflateEnd(&z);
  }
  uint32_t c = (uint32_t)crc32(0, data, (uInt)n), len = (uint32_t)n;
  uint8_t t[8] = {(uint8_t)c,         (uint8_t)(c >> 8),  (uint8_t)(c >> 16),
                  (uint8_t)(c >> 24), (uint8_t)len,       (uint8_t)(len >> 8),
                  (uint8_t)(len >> 16), (uint8_t)(len >> 24)};
  emit(o, t, sizeof t);
}

/* Sets the lead so that byte `at` of the placed stream lands near one of
 * the first window edges (or, rarely, anywhere within 4 KiB of one). */
static void place(uint8_t *data, size_t at, uint64_t *rng)
{
  uint64_t x = fuzz_rand(rng);
  /* Mostly the first edge: a lead past it costs a window per run. */
  size_t edge = WINDOW * (x % 8 < 6 ? 1 : x % 8 == 6 ? 2 : 3);
  long delta = (x >> 8) % 4 == 0 ? (long)((x >> 16) % 8193) - 4096
                                 : (long)((x >> 16) % 41) - 20;
  long lead = (long)edge + delta - (long)at;
  if (lead < EMPTY_MEMBER)
    lead = 0;
  data[1] = (uint8_t)(lead >> 16);
  data[2] = (uint8_t)(lead >> 8);
  data[3] = (uint8_t)lead;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
                               unsigned int seed)
{
  uint64_t rng = seed * 0x9e3779b97f4a7c15u + 1;
  uint64_t x = fuzz_rand(&rng);
  /* A raw gzip input becomes a placed one now and then. */
  if (size >= 3 && (data[0] & 3) == 0 && data[1] == 0x1f &&
      data[2] == 0x8b && x % 4 == 0 && size + 3 <= max_size) {
    memmove(data + 4, data + 1, size - 1);
    data[0] = 2;
    size += 3;
    place(data, 0, &rng);
  }
  if (size < 4 || (data[0] & 3) != 2 || (x >> 8) % 4 == 0)
    return LLVMFuzzerMutate ? LLVMFuzzerMutate(data, size, max_size) : size;

  const uint8_t *g = data + 4;
  size_t n = size - 4;
  span s[MAX_SPANS];
  size_t count = members(g, n, s);
  if (count == 0 || (x >> 16) % 5 == 0) {
    /* Move a byte (a boundary when there is one) near an edge. */
    size_t at = count && (x >> 24) % 2 ? s[(x >> 32) % count].start
                                       : (size_t)((x >> 32) % (n + 1));
    if (count && (x >> 24) % 4 == 1)
      at = s[(x >> 32) % count].body; /* where the header ends */
    place(data, at, &rng);
    return size;
  }
  size_t cap = max_size - 4;
  uint8_t *out = malloc(cap + 1), *d = malloc(1 << 20);
  if (!out || !d)
    abort();
  sink o = {out, 0, cap};
  size_t i = (size_t)((x >> 32) % count), placed_at = 0;
  int op = (int)((x >> 24) % 4);
  emit(&o, g, s[i].start);
  placed_at = o.len;
  switch (op) {
  case 0: /* an empty member before member i */
    new_member(&o, d, 0, &rng);
    emit(&o, g + s[i].start, s[i].end - s[i].start);
    break;
  case 1: /* member i with new header fields */
  case 2: /* member i split in two */
  {
    size_t len = member_data(g, &s[i], d, 1 << 20);
    if (len == (size_t)-1) {
      emit(&o, g + s[i].start, s[i].end - s[i].start);
      break;
    }
    size_t cut = op == 1 ? len : (size_t)(fuzz_rand(&rng) % (len + 1));
    new_member(&o, d, cut, &rng);
    if (op == 2) {
      placed_at = o.len;
      new_member(&o, d + cut, len - cut, &rng);
    }
    break;
  }
  default: /* members i and i + 1 joined, or member i dropped */
  {
    size_t a = i + 1 < count ? member_data(g, &s[i], d, 1 << 19)
                             : (size_t)-1;
    size_t b = a != (size_t)-1 ? member_data(g, &s[i + 1], d + a, 1 << 19)
                               : (size_t)-1;
    if (b != (size_t)-1) {
      new_member(&o, d, a + b, &rng);
      i++;
    }
    break;
  }
  }
  emit(&o, g + s[i].end, n - s[i].end); /* the rest as it was */
  size_t result = size;
  if (o.len <= cap) {
    memcpy(data + 4, out, o.len);
    result = o.len + 4;
    if (fuzz_rand(&rng) % 2)
      place(data, placed_at, &rng);
  }
  free(out);
  free(d);
  return result;
}
