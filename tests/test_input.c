/*
 * test_input.c - the reader: plain and gzip (both backends), multi-member,
 * truncation at every byte, corruption, trailing junk, every read size,
 * a streaming gzip bomb, open errors, and containers it does not decode.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "buf.h"
#include "input.h"

static char tmpdir[] = "/tmp/slg-input-XXXXXX";

static int setup(void **state)
{
  (void)state;
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

static const char *path_of(const char *name)
{
  static char p[256];
  snprintf(p, sizeof p, "%s/%s", tmpdir, name);
  return p;
}

static void write_file(const char *path, const void *data, size_t n)
{
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  fclose(f);
}

/* gzip-compresses `in` into *out as one member. */
static void gzip_member(const char *in, size_t n, slg_buf *out)
{
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 31, 8,
                                Z_DEFAULT_STRATEGY),
                   Z_OK);
  size_t bound = deflateBound(&zs, (uLong)n) + 32;
  slg_buf_grow(out, bound);
  zs.next_in = (Bytef *)in;
  zs.avail_in = (uInt)n;
  zs.next_out = (Bytef *)out->ptr + out->len;
  zs.avail_out = (uInt)bound;
  assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out->len += bound - zs.avail_out;
  deflateEnd(&zs);
}

/* Reads a whole file with reads of `chunk` bytes; returns the final code
 * (0 or an error) and the bytes in *out. */
static int read_all(const char *path, int force_zlib, size_t chunk,
                    slg_buf *out, uint64_t *offset)
{
  slg_reader *r;
  int rc = slg_reader_open_backend(&r, path, force_zlib);
  if (rc < 0)
    return rc;
  char *buf = malloc(chunk);
  ptrdiff_t n;
  while ((n = slg_reader_read(r, buf, chunk)) > 0)
    slg_buf_put(out, buf, (size_t)n);
  if (offset)
    *offset = slg_reader_error_offset(r);
  /* Errors are sticky. */
  if (n < 0)
    assert_int_equal(slg_reader_read(r, buf, chunk), n);
  free(buf);
  slg_reader_close(r);
  return (int)n;
}

static const char text[] =
    "24/08/13 15:12:49 INFO DAGScheduler: Got job 0 (json at X.java:0) "
    "with 8 output partitions\n"
    "24/08/13 15:12:50 INFO TaskSetManager: Finished task 1.0 in stage 0.0 "
    "(TID 1) in 1039 ms on 3316099bf65c (executor driver) (1/8)\n";

static void test_input__plain_passthrough(void **state)
{
  (void)state;
  write_file(path_of("plain.log"), text, strlen(text));
  for (size_t chunk = 1; chunk < 70; chunk += 3) {
    slg_buf got = SLG_BUF_INIT;
    assert_int_equal(read_all(path_of("plain.log"), 0, chunk, &got, NULL), 0);
    assert_int_equal(got.len, strlen(text));
    assert_memory_equal(got.ptr, text, got.len);
    slg_buf_dispose(&got);
  }
  write_file(path_of("empty.log"), "", 0);
  slg_buf got = SLG_BUF_INIT;
  assert_int_equal(read_all(path_of("empty.log"), 0, 64, &got, NULL), 0);
  assert_int_equal(got.len, 0);
  /* One byte: not enough for a gzip magic, still data. */
  write_file(path_of("one.log"), "\x1f", 1);
  assert_int_equal(read_all(path_of("one.log"), 0, 64, &got, NULL), 0);
  assert_int_equal(got.len, 1);
  slg_buf_dispose(&got);
}

/* A small file is read whole when opened and lent without a copy: the
 * bytes once, counted as decoded, then the end; gzip is never lent. */
static void test_input__small_file_lent_whole(void **state)
{
  (void)state;
  write_file(path_of("small.log"), text, strlen(text));
  slg_reader *r = NULL;
  assert_int_equal(slg_reader_open(&r, path_of("small.log")), 0);
  assert_int_equal(slg_reader_whole(r), 1);
  const char *p = NULL;
  assert_int_equal(slg_reader_borrow(r, &p), (ptrdiff_t)strlen(text));
  assert_memory_equal(p, text, strlen(text));
  assert_int_equal(slg_reader_bytes_decoded(r), strlen(text));
  assert_int_equal(slg_reader_whole(r), 0);
  assert_int_equal(slg_reader_borrow(r, &p), 0);
  assert_null(p);
  char buf[64];
  assert_int_equal(slg_reader_read(r, buf, sizeof buf), 0);
  assert_int_equal(slg_reader_bytes_read(r), strlen(text));
  slg_reader_close(r);
  slg_buf gz = SLG_BUF_INIT;
  gzip_member(text, strlen(text), &gz);
  write_file(path_of("small.gz"), gz.ptr, gz.len);
  assert_int_equal(slg_reader_open(&r, path_of("small.gz")), 0);
  assert_int_equal(slg_reader_whole(r), 0);
  assert_int_equal(slg_reader_borrow(r, &p), 0);
  slg_reader_close(r);
  slg_buf_dispose(&gz);
}

static void test_input__gzip_every_read_size_both_backends(void **state)
{
  (void)state;
  slg_buf gz = SLG_BUF_INIT;
  gzip_member(text, strlen(text), &gz);
  write_file(path_of("one.gz"), gz.ptr, gz.len);
  for (int zlib = 0; zlib <= 1; zlib++)
    for (size_t chunk = 1; chunk < 70; chunk++) {
      slg_buf got = SLG_BUF_INIT;
      assert_int_equal(read_all(path_of("one.gz"), zlib, chunk, &got, NULL),
                       0);
      assert_int_equal(got.len, strlen(text));
      assert_memory_equal(got.ptr, text, got.len);
      slg_buf_dispose(&got);
    }
  slg_buf_dispose(&gz);
}

static void test_input__multi_member(void **state)
{
  (void)state;
  slg_buf gz = SLG_BUF_INIT, want = SLG_BUF_INIT;
  gzip_member(text, strlen(text), &gz);
  gzip_member("", 0, &gz); /* an empty member in between */
  gzip_member("third\n", 6, &gz);
  slg_buf_puts(&want, text);
  slg_buf_puts(&want, "third\n");
  write_file(path_of("multi.gz"), gz.ptr, gz.len);
  for (int zlib = 0; zlib <= 1; zlib++) {
    slg_buf got = SLG_BUF_INIT;
    assert_int_equal(read_all(path_of("multi.gz"), zlib, 7, &got, NULL), 0);
    assert_int_equal(got.len, want.len);
    assert_memory_equal(got.ptr, want.ptr, want.len);
    slg_buf_dispose(&got);
  }
  slg_buf_dispose(&gz);
  slg_buf_dispose(&want);
}

static void test_input__truncated_at_every_byte(void **state)
{
  (void)state;
  slg_buf gz = SLG_BUF_INIT;
  gzip_member(text, strlen(text), &gz);
  for (int zlib = 0; zlib <= 1; zlib++)
    for (size_t cut = 2; cut <= gz.len; cut++) {
      write_file(path_of("cut.gz"), gz.ptr, cut);
      slg_buf got = SLG_BUF_INIT;
      uint64_t off = 0;
      int rc = read_all(path_of("cut.gz"), zlib, 16, &got, &off);
      /* Whatever came out is a prefix of the true text. */
      assert_true(got.len <= strlen(text));
      assert_memory_equal(got.ptr ? got.ptr : "", text, got.len);
      if (cut == gz.len) {
        assert_int_equal(rc, 0);
        assert_int_equal(got.len, strlen(text));
      } else {
        if (rc != SLG_ECORRUPT)
          fail_msg("cut at %zu (zlib=%d): rc %d", cut, zlib, rc);
        assert_int_equal(off, cut);
      }
      slg_buf_dispose(&got);
    }
  slg_buf_dispose(&gz);
}

static void test_input__corrupt_data_and_trailer(void **state)
{
  (void)state;
  slg_buf gz = SLG_BUF_INIT;
  gzip_member(text, strlen(text), &gz);
  for (int zlib = 0; zlib <= 1; zlib++) {
    /* A flipped CRC byte in the trailer. */
    char *bad = malloc(gz.len);
    memcpy(bad, gz.ptr, gz.len);
    bad[gz.len - 6] ^= 0x55;
    write_file(path_of("crc.gz"), bad, gz.len);
    slg_buf got = SLG_BUF_INIT;
    uint64_t off = 0;
    assert_int_equal(read_all(path_of("crc.gz"), zlib, 4096, &got, &off),
                     SLG_ECORRUPT);
    assert_true(off <= gz.len);
    slg_buf_dispose(&got);
    /* A bad block type in the deflate data. */
    memcpy(bad, gz.ptr, gz.len);
    bad[10] = (char)0xff;
    write_file(path_of("data.gz"), bad, gz.len);
    assert_int_equal(read_all(path_of("data.gz"), zlib, 4096, &got, &off),
                     SLG_ECORRUPT);
    assert_true(off >= 10 && off <= gz.len);
    slg_buf_dispose(&got);
    free(bad);
  }
  slg_buf_dispose(&gz);
}

static void test_input__trailing_junk_and_zeros(void **state)
{
  (void)state;
  slg_buf gz = SLG_BUF_INIT;
  gzip_member(text, strlen(text), &gz);
  size_t member = gz.len;
  slg_buf_fill(&gz, '\0', 512);
  write_file(path_of("zeros.gz"), gz.ptr, gz.len);
  slg_buf_puts(&gz, "junk");
  write_file(path_of("junk.gz"), gz.ptr, gz.len);
  for (int zlib = 0; zlib <= 1; zlib++) {
    slg_buf got = SLG_BUF_INIT;
    uint64_t off = 0;
    /* NUL padding is ignored, like gzip(1) does. */
    assert_int_equal(read_all(path_of("zeros.gz"), zlib, 100, &got, NULL), 0);
    assert_int_equal(got.len, strlen(text));
    slg_buf_clear(&got);
    /* Anything else is trailing garbage, at its first byte; the text
     * before it was delivered whole. */
    assert_int_equal(read_all(path_of("junk.gz"), zlib, 100, &got, &off),
                     SLG_ETRAILING);
    assert_int_equal(got.len, strlen(text));
    assert_int_equal(off, member + 512);
    slg_buf_dispose(&got);
  }
  slg_buf_dispose(&gz);
}

static void test_input__gzip_of_gzip_is_one_layer(void **state)
{
  (void)state;
  slg_buf inner = SLG_BUF_INIT, outer = SLG_BUF_INIT;
  gzip_member(text, strlen(text), &inner);
  gzip_member(inner.ptr, inner.len, &outer);
  write_file(path_of("double.gz"), outer.ptr, outer.len);
  slg_buf got = SLG_BUF_INIT;
  assert_int_equal(read_all(path_of("double.gz"), 0, 64, &got, NULL), 0);
  assert_int_equal(got.len, inner.len);
  assert_memory_equal(got.ptr, inner.ptr, inner.len);
  slg_buf_dispose(&got);
  slg_buf_dispose(&inner);
  slg_buf_dispose(&outer);
}

static void test_input__bomb_streams(void **state)
{
  (void)state;
  /* 200 MB of zeros compress to ~200 KB; decode with a 64 KiB buffer:
   * every read is capped, so memory is the buffer plus the window. */
  const char *path = path_of("bomb.gz");
  gzFile g = gzopen(path, "wb9");
  assert_non_null(g);
  char *zeros = calloc(1, 1 << 20);
  for (int i = 0; i < 200; i++)
    assert_int_equal(gzwrite(g, zeros, 1 << 20), 1 << 20);
  gzclose(g);
  free(zeros);
  slg_reader *r;
  assert_int_equal(slg_reader_open(&r, path), 0);
  char *buf = malloc(65536);
  ptrdiff_t n;
  uint64_t total = 0;
  while ((n = slg_reader_read(r, buf, 65536)) > 0) {
    assert_true(n <= 65536);
    total += (uint64_t)n;
  }
  assert_int_equal(n, 0);
  assert_int_equal(total, 200u << 20);
  assert_int_equal(slg_reader_bytes_decoded(r), total);
  assert_true(slg_reader_is_gzip(r));
  free(buf);
  slg_reader_close(r);
}

static void test_input__open_errors(void **state)
{
  (void)state;
  slg_reader *r = (slg_reader *)1;
  assert_int_equal(slg_reader_open(&r, path_of("missing.log")), SLG_ENOENT);
  assert_null(r);
  assert_int_equal(slg_reader_open(&r, tmpdir), SLG_EISDIR);
  if (geteuid() != 0) {
    write_file(path_of("secret.log"), "x\n", 2);
    chmod(path_of("secret.log"), 0);
    assert_int_equal(slg_reader_open(&r, path_of("secret.log")),
                     SLG_EACCES);
  }
}

/* Containers sparklog does not decode: the first read is SLG_EFORMAT,
 * nothing of them is returned or counted, positional reads are refused
 * (so the parallel path gives the same error), and the reader names what
 * it saw. Near misses are text. */
static void test_input__containers_refused(void **state)
{
  (void)state;
  static const struct {
    const char *bytes;
    size_t len;
    const char *what, *command;
  } cases[] = {
      {"PK\x03\x04\x14\x00\x00\x00\x08\x00", 10, "a zip archive", "unzip -p"},
      {"\3757zXZ\x00\x00\x04\xe6\xd6", 10, "xz-compressed", "xz -dc"},
      {"BZh91AY&SY\x01", 11, "bzip2-compressed", "bzip2 -dc"},
      {"BZh1\x17\x72\x45\x38\x50\x90", 10, "bzip2-compressed", "bzip2 -dc"},
      {"\x28\xb5\x2f\xfd\x24\x05\x00\x00\x01\x02", 10, "zstd-compressed",
       "zstd -dc"},
      {"\x04\x22\x4d\x18\x64\x40\xa7\x00\x01\x02", 10, "lz4-compressed",
       "lz4 -dc"},
      {"LZ4Block\x25\x00", 10,
       "compressed with Spark's lz4 codec (an event log?)", NULL},
      {"\x82SNAPPY\x00\x00\x00", 11,
       "compressed with Spark's snappy codec (an event log?)", NULL},
      {"7z\xbc\xaf\x27\x1c\x00\x04\x01\x02", 10, "a 7z archive", "7z e -so"},
  };
  char buf[64];
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    write_file(path_of("c.bin"), cases[i].bytes, cases[i].len);
    slg_reader *r = NULL;
    assert_int_equal(slg_reader_open(&r, path_of("c.bin")), 0);
    assert_int_equal(slg_reader_positional(r), -1);
    assert_int_equal(slg_reader_read(r, buf, sizeof buf), SLG_EFORMAT);
    assert_int_equal(slg_reader_read(r, buf, sizeof buf), SLG_EFORMAT);
    assert_string_equal(slg_reader_format(r), cases[i].what);
    if (cases[i].command)
      assert_string_equal(slg_reader_format_command(r), cases[i].command);
    else
      assert_null(slg_reader_format_command(r));
    assert_int_equal(slg_reader_bytes_read(r), 0);
    assert_int_equal(slg_reader_bytes_decoded(r), 0);
    slg_reader_close(r);
  }
  assert_string_equal(slg_strerror(SLG_EFORMAT), "not plain text or gzip");

  /* Text that starts like a magic: "BZh" without a block magic, "PK"
   * without the local-header bytes, a file shorter than the sniff. */
  static const char *const texts[] = {"BZh9 is a line\n", "PK\x03 x\n",
                                      "LZ4Bloc\n", "PK\x03"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    size_t n = strlen(texts[i]);
    write_file(path_of("t.log"), texts[i], n);
    slg_reader *r = NULL;
    assert_int_equal(slg_reader_open(&r, path_of("t.log")), 0);
    assert_null(slg_reader_format(r));
    assert_int_equal(slg_reader_read(r, buf, sizeof buf), (ptrdiff_t)n);
    assert_memory_equal(buf, texts[i], n);
    slg_reader_close(r);
  }
}

/* Mapped windows give the file's bytes at any offset, page-aligned or
 * not; a window past the end (a file shorter than the caller thinks) is
 * refused, so it is read with pread and never faults. */
static void test_input__mapped_windows(void **state)
{
  (void)state;
  size_t n = 3 * 4096 + 123;
  char *data = malloc(n);
  for (size_t i = 0; i < n; i++)
    data[i] = (char)('a' + (i * 7 + i / 13) % 26);
  write_file(path_of("mapped.log"), data, n);
  slg_reader *r;
  assert_int_equal(slg_reader_open(&r, path_of("mapped.log")), 0);
  assert_int_equal(slg_reader_positional(r), (int64_t)n);
  static const uint64_t offsets[] = {0, 1, 4095, 4096, 4097, 8191, 12000};
  for (size_t k = 0; k < sizeof offsets / sizeof offsets[0]; k++) {
    uint64_t off = offsets[k];
    size_t len = n - (size_t)off;
    slg_mapping m;
    const char *p = slg_reader_map(r, off, len, &m);
    assert_non_null(p);
    assert_int_equal(slg_mapping_populate(&m, p, len), 0);
    assert_memory_equal(p, data + off, len);
    slg_mapping_release(&m);
    assert_null(m.base);
    /* One byte too many: refused, nothing mapped. */
    assert_null(slg_reader_map(r, off, len + 1, &m));
    assert_null(m.base);
  }
  slg_mapping m;
  assert_null(slg_reader_map(r, 0, 0, &m));
  slg_mapping_release(&m); /* releasing nothing is harmless */
  slg_reader_close(r);
  free(data);
}

/* A regular file larger than the reader's window is mapped or read into
 * the caller's buffer: opening it reads only a page to sniff (a directory
 * listing opens each file twice), yet every byte still comes back in
 * order, through read as through the mapping. */
static void test_input__large_file_sniffs_a_page(void **state)
{
  (void)state;
  size_t n = 1024 * 1024 + 77;
  char *data = malloc(n);
  for (size_t i = 0; i < n; i++)
    data[i] = i % 97 == 96 ? '\n' : (char)('a' + (i * 7 + i / 13) % 26);
  write_file(path_of("large.log"), data, n);
  slg_reader *r;
  assert_int_equal(slg_reader_open(&r, path_of("large.log")), 0);
  assert_int_equal(slg_reader_whole(r), 0);
  assert_in_range(slg_reader_bytes_read(r), 10, 4096);
  assert_int_equal(slg_reader_positional(r), (int64_t)n);
  slg_reader_close(r);
  slg_buf out = SLG_BUF_INIT;
  assert_int_equal(read_all(path_of("large.log"), 0, 65536, &out, NULL), 0);
  assert_int_equal(out.len, n);
  assert_memory_equal(out.ptr, data, n);
  slg_buf_dispose(&out);
  /* gzip: its windows are topped up after the short sniff. */
  slg_buf gz = SLG_BUF_INIT;
  gzip_member(data, n, &gz);
  slg_buf big = SLG_BUF_INIT;
  while (big.len <= 300 * 1024) /* larger than the window, compressed */
    slg_buf_put(&big, gz.ptr, gz.len);
  write_file(path_of("large.gz"), big.ptr, big.len);
  size_t members = big.len / gz.len;
  assert_int_equal(read_all(path_of("large.gz"), 1, 4096, &out, NULL), 0);
  assert_int_equal(out.len, members * n);
  for (size_t k = 0; k < members; k++)
    assert_memory_equal(out.ptr + k * n, data, n);
  slg_buf_dispose(&out);
  slg_buf_dispose(&big);
  slg_buf_dispose(&gz);
  free(data);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_input__plain_passthrough),
      cmocka_unit_test(test_input__small_file_lent_whole),
      cmocka_unit_test(test_input__gzip_every_read_size_both_backends),
      cmocka_unit_test(test_input__multi_member),
      cmocka_unit_test(test_input__truncated_at_every_byte),
      cmocka_unit_test(test_input__corrupt_data_and_trailer),
      cmocka_unit_test(test_input__trailing_junk_and_zeros),
      cmocka_unit_test(test_input__gzip_of_gzip_is_one_layer),
      cmocka_unit_test(test_input__bomb_streams),
      cmocka_unit_test(test_input__open_errors),
      cmocka_unit_test(test_input__containers_refused),
      cmocka_unit_test(test_input__mapped_windows),
      cmocka_unit_test(test_input__large_file_sniffs_a_page),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
