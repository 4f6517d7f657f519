/*
 * test_format.c - the shared formatters at their boundaries: where a
 * duration changes unit after rounding, thousands separators, byte units.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "format.h"

static void test_format__duration_boundaries(void **state)
{
  (void)state;
  static const struct {
    double ms;
    const char *want;
  } cases[] = {
      {0, "0 ms"},
      {0.4, "0 ms"},
      {850, "850 ms"},
      {999, "999 ms"},
      {999.4, "999 ms"},
      {999.5, "1.0 s"}, /* rounds to 1000 ms: seconds */
      {1000, "1.0 s"},
      {1449, "1.4 s"},
      {1450, "1.5 s"},
      {12345, "12.3 s"},
      {59949, "59.9 s"},
      {59950, "1m00s"}, /* 59.95 s rounds to 60.0 s: minutes */
      {60000, "1m00s"},
      {97000, "1m37s"},
      {97499, "1m37s"},
      {97500, "1m38s"},
      {3599000, "59m59s"},
      {3599499, "59m59s"},
      {3599500, "1h00m"}, /* rounds to 60m00s: hours */
      {3600000, "1h00m"},
      {7380000, "2h03m"},
      {86369999, "23h59m"},
      {86370000, "1d00h"}, /* 23h59m30s rounds to 24h00m: days */
      {86400000, "1d00h"},
      {273600000, "3d04h"},
      {273600000 + 1799999, "3d04h"},
      {273600000 + 1800000, "3d05h"},
      {-1, "-"},
      {-0.5, "-"},
      {1e300, "11574074d02h"}, /* clamped, still printable */
  };
  char buf[SLG_FMT_SIZE];
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    slg_fmt_duration(cases[i].ms, buf);
    if (strcmp(buf, cases[i].want) != 0)
      fail_msg("%g ms: got \"%s\", want \"%s\"", cases[i].ms, buf,
               cases[i].want);
  }
  assert_string_equal(slg_fmt_duration(NAN, buf), "-");
}

static void test_format__count_separators(void **state)
{
  (void)state;
  char buf[SLG_FMT_SIZE];
  assert_string_equal(slg_fmt_count(0, buf), "0");
  assert_string_equal(slg_fmt_count(999, buf), "999");
  assert_string_equal(slg_fmt_count(1000, buf), "1,000");
  assert_string_equal(slg_fmt_count(123456, buf), "123,456");
  assert_string_equal(slg_fmt_count(1234567, buf), "1,234,567");
  assert_string_equal(slg_fmt_count(UINT64_MAX, buf),
                      "18,446,744,073,709,551,615");
}

static void test_format__bytes_units(void **state)
{
  (void)state;
  char buf[SLG_FMT_SIZE];
  assert_string_equal(slg_fmt_bytes(0, buf), "0 B");
  assert_string_equal(slg_fmt_bytes(1023, buf), "1023 B");
  assert_string_equal(slg_fmt_bytes(1024, buf), "1.0 KiB");
  assert_string_equal(slg_fmt_bytes(1536, buf), "1.5 KiB");
  /* 1023.99 KiB would print as "1024.0 KiB": the next unit instead. */
  assert_string_equal(slg_fmt_bytes(1048575, buf), "1.0 MiB");
  assert_string_equal(slg_fmt_bytes(1048576, buf), "1.0 MiB");
  assert_string_equal(slg_fmt_bytes(UINT64_C(5) << 30, buf), "5.0 GiB");
  assert_string_equal(slg_fmt_bytes(UINT64_MAX, buf), "16.0 EiB");
}

static void test_format__time(void **state)
{
  (void)state;
  char buf[SLG_FMT_SIZE];
  slg_time none;
  memset(&none, 0, sizeof none);
  assert_string_equal(slg_fmt_time(&none, buf), "-");
  slg_time t = none;
  t.year = 2024, t.month = 8, t.day = 13;
  t.hour = 15, t.minute = 12, t.second = 49;
  t.flags = SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME;
  assert_string_equal(slg_fmt_time(&t, buf), "2024-08-13 15:12:49");
}

/* A hanging indent: the first line at its indent, the lines it wraps
 * onto at theirs, no line past column 78; leading blanks add nothing. */
static void test_format__wrap_hang(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT;
  slg_text_wrap_hang(&b, "  app 2: failed, 3 jobs, 1 failed, 1m02s; root "
                         "cause java.lang.NumberFormatException "
                         "(task-failure, line 236)",
                     2, 6, 78);
  assert_string_equal(slg_buf_cstr(&b),
                      "  app 2: failed, 3 jobs, 1 failed, 1m02s; root cause\n"
                      "      java.lang.NumberFormatException (task-failure, "
                      "line 236)\n");
  slg_buf_clear(&b);
  slg_text_wrap_hang(&b, "a b", 4, 2, 80);
  assert_string_equal(slg_buf_cstr(&b), "    a b\n");
  slg_buf_dispose(&b);
}

/* The width table: narrow, wide (CJK, fullwidth, emoji), zero (combining
 * marks, format characters), at the edges of their ranges. */
static void test_format__cp_width(void **state)
{
  (void)state;
  static const struct {
    uint32_t cp;
    int want;
  } cases[] = {
      {'a', 1},     {0x7E, 1},     {0x1F, 0},     {0xE9, 1},
      {0x300, 0},   {0x36F, 0},    {0x370, 1},    {0x200B, 0},
      {0x200D, 0},  {0x10FF, 1},   {0x1100, 2},   {0x115F, 2},
      {0x1160, 0},  {0x2E80, 2},   {0x3000, 2},   {0x3042, 2},
      {0x4E00, 2},  {0x9FFF, 2},   {0xAC00, 2},   {0xD7A3, 2},
      {0x20A9, 1},  {0xFF01, 2},   {0xFF60, 2},   {0xFF61, 1},
      {0xFE0F, 0},  {0x1F600, 2},  {0x20000, 2},  {0x2FFFD, 2},
      {0x30000, 2}, {0xE0001, 0},  {0x2026, 1},   {0x10FFFF, 1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    if (slg_cp_width(cases[i].cp) != cases[i].want)
      fail_msg("U+%04X: width %d, want %d", (unsigned)cases[i].cp,
               slg_cp_width(cases[i].cp), cases[i].want);
}

static void test_format__text_width(void **state)
{
  (void)state;
  assert_int_equal(slg_text_width("abc", 3), 3);
  /* "日本語" (3 wide), "é" composed with U+0301 (1), SGR: nothing. */
  const char *s = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
                  "e\xcc\x81\x1b[31mx\x1b[0m";
  assert_int_equal(slg_text_width(s, strlen(s)), 8);
  /* A malformed byte: one column. */
  assert_int_equal(slg_text_width("a\xff" "b", 3), 3);
}

/* Both ends kept, "..." in the middle, the end getting the odd column;
 * never a wide character cut, never more than the width. */
static void test_format__middle(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT;
  const char *site = "collect at SparkPiJob.scala:42";
  slg_text_middle(&b, site, strlen(site), 40);
  assert_string_equal(slg_buf_cstr(&b), site);
  slg_buf_clear(&b);
  slg_text_middle(&b, site, strlen(site), 20);
  assert_string_equal(slg_buf_cstr(&b), "collect ....scala:42");
  assert_true(slg_text_width(b.ptr, b.len) <= 20);
  slg_buf_clear(&b);
  slg_text_middle(&b, site, strlen(site), 21);
  assert_string_equal(slg_buf_cstr(&b), "collect a....scala:42");
  slg_buf_clear(&b);
  /* Six wide characters (12 columns) into 8: 2 + ... + 3 won't split
   * one, so 1 + 3 + 1 wide characters' worth at most. */
  const char *cjk = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
                    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";
  slg_text_middle(&b, cjk, strlen(cjk), 8);
  assert_true(slg_text_width(b.ptr, b.len) <= 8);
  assert_string_equal(slg_buf_cstr(&b), "\xe6\x97\xa5...\xe8\xaa\x9e");
  slg_buf_clear(&b);
  slg_text_middle(&b, site, strlen(site), 3);
  assert_string_equal(slg_buf_cstr(&b), "col");
  slg_buf_dispose(&b);
}

/* A word longer than the line is broken at the width; the fit pass wraps
 * only lines too wide, resetting a colour at each break. */
static void test_format__wrap_width(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT;
  slg_text_wrap(&b, "see /a/very/long/path/that/does/not/fit ok", 2, 20);
  assert_string_equal(slg_buf_cstr(&b), "  see\n"
                                        "  /a/very/long/path/\n"
                                        "  that/does/not/fit\n"
                                        "  ok\n");
  slg_buf_clear(&b);
  slg_buf_puts(&b, "short\n  \x1b[31mone two three four five\x1b[0m\n");
  slg_text_fit(&b, 0, 16);
  assert_string_equal(slg_buf_cstr(&b),
                      "short\n"
                      "  \x1b[31mone two three\x1b[0m\n"
                      "    \x1b[31mfour five\x1b[0m\n");
  slg_buf_dispose(&b);
}

/* A table drops its lowest-priority column, shrinks a SHRINK column in
 * its middle, and never writes a line wider than its width. */
static void test_format__table(void **state)
{
  (void)state;
  static const slg_col cols[] = {
      {"ID", SLG_COL_RIGHT, 0, 0},
      {"NAME", SLG_COL_SHRINK, 0, 8},
      {"NOTE", 0, 1, 0},
  };
  for (size_t width = 20; width <= 40; width += 20) {
    slg_table t;
    slg_buf b = SLG_BUF_INIT;
    slg_table_init(&t, cols, 3, 2, width, 0);
    for (int pass = 0; pass < 2; pass++) {
      if (pass) {
        slg_table_layout(&t);
        slg_table_header(&t, &b);
      }
      slg_table_cell_str(&t, "7", NULL);
      slg_table_cell_str(&t, "collect at Job.scala:42", NULL);
      slg_table_cell_str(&t, "a note", NULL);
      slg_table_row(&t, pass ? &b : NULL);
    }
    slg_table_dispose(&t);
    if (width == 20)
      assert_string_equal(slg_buf_cstr(&b), "  ID  NAME\n"
                                            "   7  colle...ala:42\n");
    else
      assert_string_equal(slg_buf_cstr(&b),
                          "  ID  NAME                     NOTE\n"
                          "   7  collect at Job.scala:42  a note\n");
    slg_buf_dispose(&b);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_format__duration_boundaries),
      cmocka_unit_test(test_format__count_separators),
      cmocka_unit_test(test_format__bytes_units),
      cmocka_unit_test(test_format__time),
      cmocka_unit_test(test_format__wrap_hang),
      cmocka_unit_test(test_format__cp_width),
      cmocka_unit_test(test_format__text_width),
      cmocka_unit_test(test_format__middle),
      cmocka_unit_test(test_format__wrap_width),
      cmocka_unit_test(test_format__table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
