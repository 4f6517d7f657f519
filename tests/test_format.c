/*
 * test_format.c - the shared formatters at their boundaries: where a
 * duration changes unit after rounding, thousands separators, byte units.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

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
                     2, 6);
  assert_string_equal(slg_buf_cstr(&b),
                      "  app 2: failed, 3 jobs, 1 failed, 1m02s; root cause\n"
                      "      java.lang.NumberFormatException (task-failure, "
                      "line 236)\n");
  slg_buf_clear(&b);
  slg_text_wrap_hang(&b, "a b", 4, 2);
  assert_string_equal(slg_buf_cstr(&b), "    a b\n");
  slg_buf_dispose(&b);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_format__duration_boundaries),
      cmocka_unit_test(test_format__count_separators),
      cmocka_unit_test(test_format__bytes_units),
      cmocka_unit_test(test_format__time),
      cmocka_unit_test(test_format__wrap_hang),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
