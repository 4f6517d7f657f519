/*
 * fuzz_gzip.c - the input reader (gzip sniffing and inflate) over hostile
 * bytes.
 *
 * The input is written to an anonymous memory file and opened through
 * /proc/self/fd, the way the CLI opens a path. The first byte selects the
 * mode: raw (the bytes as given: plain text, damaged gzip), or
 * "compressed" (the rest is gzipped here, possibly twice or with a second
 * member, then a byte chosen by the input is damaged or the stream cut),
 * so the fuzzer reaches deep into inflate without having to discover CRCs.
 * The read size varies per call. Checks the reader's contract: counters
 * agree with what was returned, an error repeats on every later call, and
 * the error offset lies inside the raw input.
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

/* Reads the input with each backend (zlib, and ISA-L when built with it):
 * both must agree on the bytes and on whether the input is damaged. */
static void read_all(const uint8_t *raw, size_t rawlen, uint64_t seed)
{
  int fd = memfd_create("fuzz_gzip", 0);
  if (fd < 0)
    abort();
  size_t off = 0;
  while (off < rawlen) {
    ssize_t w = write(fd, raw + off, rawlen - off);
    if (w <= 0)
      abort();
    off += (size_t)w;
  }
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
  close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  uint8_t mode = data[0];
  uint64_t seed = mode;
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
