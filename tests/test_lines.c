/*
 * test_lines.c - the line splitter, fed at every split point and in
 * random chunks: the lines out must not depend on the chunking.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "lines.h"

/* Collects lines as "len/full/flags:text\n" records. */
static void collect(void *ctx, const slg_line *line)
{
  slg_buf *b = ctx;
  slg_buf_printf(b, "%zu/%llu/%u:", line->len,
                 (unsigned long long)line->full_len, line->flags);
  slg_buf_put(b, line->ptr, line->len);
  slg_buf_putc(b, '\n');
}

static void split_all(const char *in, size_t n, size_t max_line,
                      const size_t *cuts, size_t ncuts, slg_buf *out)
{
  slg_lines l;
  slg_lines_init(&l, max_line, collect, out);
  size_t pos = 0;
  for (size_t i = 0; i <= ncuts; i++) {
    size_t end = i < ncuts ? cuts[i] : n;
    slg_lines_feed(&l, in + pos, end - pos);
    pos = end;
  }
  slg_lines_finish(&l);
  slg_lines_dispose(&l);
}

static const char sample[] =
    "24/08/13 15:12:49 INFO DAGScheduler: Got job 0\r\n"
    "\tat org.apache.spark.X.y(X.scala:1)\n"
    "\n"
    "a line that is much longer than the small cap used below\r\n"
    "\r\n"
    "final line without newline";

static void test_lines__every_split_point(void **state)
{
  (void)state;
  size_t n = strlen(sample);
  for (size_t max_line = 8; max_line <= 128; max_line *= 4) {
    slg_buf want = SLG_BUF_INIT;
    split_all(sample, n, max_line, NULL, 0, &want);
    for (size_t a = 0; a <= n; a++) {
      for (size_t b = a; b <= n; b += 7) {
        size_t cuts[2] = {a, b};
        slg_buf got = SLG_BUF_INIT;
        split_all(sample, n, max_line, cuts, 2, &got);
        assert_int_equal(got.len, want.len);
        assert_memory_equal(got.ptr, want.ptr, want.len);
        slg_buf_dispose(&got);
      }
    }
    slg_buf_dispose(&want);
  }
}

static void test_lines__random_chunks(void **state)
{
  (void)state;
  unsigned seed = 12345;
  size_t n = strlen(sample);
  slg_buf want = SLG_BUF_INIT;
  split_all(sample, n, 16, NULL, 0, &want);
  for (int iter = 0; iter < 2000; iter++) {
    size_t cuts[16], nc = 0, pos = 0;
    while (nc < 16 && pos < n) {
      seed = seed * 1103515245u + 12345u;
      pos += (seed >> 16) % 9;
      if (pos > n)
        pos = n;
      cuts[nc++] = pos;
    }
    slg_buf got = SLG_BUF_INIT;
    split_all(sample, n, 16, cuts, nc, &got);
    if (got.len != want.len || memcmp(got.ptr, want.ptr, want.len) != 0)
      fail_msg("chunking differs at iteration %d (seed 12345)", iter);
    slg_buf_dispose(&got);
  }
  slg_buf_dispose(&want);
}

static void test_lines__fields(void **state)
{
  (void)state;
  slg_buf got = SLG_BUF_INIT;
  split_all(sample, strlen(sample), 16, NULL, 0, &got);
  const char *want =
      "16/46/5:24/08/13 15:12:4\n"          /* CRLF, cut */
      "16/35/1:\tat org.apache.s\n"         /* cut */
      "0/0/0:\n"                            /* blank */
      "16/56/5:a line that is m\n"          /* cut, CRLF */
      "0/0/4:\n"                            /* CRLF blank */
      "16/26/3:final line witho\n";         /* no newline, cut */
  assert_string_equal(slg_buf_cstr(&got), want);
  slg_buf_dispose(&got);
}

static void test_lines__count_matches_wc(void **state)
{
  (void)state;
  /* wc -l counts newlines; a final unterminated line adds one. */
  static const struct {
    const char *in;
    size_t lines;
  } cases[] = {
      {"", 0},       {"a", 1},         {"a\n", 1},    {"\n", 1},
      {"\n\n", 2},   {"a\nb", 2},      {"a\r\nb\r\n", 2},
      {"\r", 1},     {"a\rb\n", 1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    slg_buf got = SLG_BUF_INIT;
    split_all(cases[i].in, strlen(cases[i].in), 64, NULL, 0, &got);
    size_t lines = 0;
    for (size_t k = 0; k < got.len; k++)
      lines += got.ptr[k] == '\n';
    assert_int_equal(lines, cases[i].lines);
    slg_buf_dispose(&got);
  }
}

static void test_lines__huge_line_bounded(void **state)
{
  (void)state;
  /* 10 MB without a newline through 4 KiB chunks: one cut line, and the
   * splitter never holds more than max_line bytes. */
  char chunk[4096];
  memset(chunk, 'x', sizeof chunk);
  slg_buf got = SLG_BUF_INIT;
  slg_lines l;
  slg_lines_init(&l, 1024, collect, &got);
  for (int i = 0; i < 2560; i++)
    slg_lines_feed(&l, chunk, sizeof chunk);
  assert_int_equal(got.len, 0);
  assert_true(l.carry_len <= 1024);
  slg_lines_finish(&l);
  slg_lines_dispose(&l);
  assert_true(strncmp(slg_buf_cstr(&got), "1024/10485760/3:", 16) == 0);
  slg_buf_dispose(&got);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lines__every_split_point),
      cmocka_unit_test(test_lines__random_chunks),
      cmocka_unit_test(test_lines__fields),
      cmocka_unit_test(test_lines__count_matches_wc),
      cmocka_unit_test(test_lines__huge_line_bounded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
