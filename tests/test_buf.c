/*
 * test_buf.c - buffer, UTF-8 repair and the JSON writer: the output is
 * valid UTF-8 JSON whatever bytes come in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

#define FFFD "\xEF\xBF\xBD"

static void test_buf__utf8_repair_maximal_subparts(void **state)
{
  (void)state;
  /* Cases from Unicode 15 table 3-8 and friends. */
  static const struct {
    const char *in;
    size_t n;
    const char *want;
  } cases[] = {
      {"abc", 3, "abc"},
      {"caf\xC3\xA9", 5, "caf\xC3\xA9"},
      {"\xF0\x9F\x98\x80", 4, "\xF0\x9F\x98\x80"},
      {"\x80", 1, FFFD},
      {"\xC0\xAF", 2, FFFD FFFD},               /* overlong lead */
      {"\xE0\x80\x80", 3, FFFD FFFD FFFD},      /* E0 needs A0..BF */
      {"\xED\xA0\x80", 3, FFFD FFFD FFFD},      /* surrogate */
      {"\xF4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD}, /* > U+10FFFF */
      {"\xE2\x82", 2, FFFD},                    /* truncated: one subpart */
      {"\xF0\x9F\x98", 3, FFFD},
      {"\xE2\x82x", 3, FFFD "x"},
      {"\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", 13,
       "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d"},
      {"\xFF\xFE", 2, FFFD FFFD},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    slg_buf b = SLG_BUF_INIT;
    slg_json_escape(&b, cases[i].in, cases[i].n);
    if (strcmp(slg_buf_cstr(&b), cases[i].want) != 0)
      fail_msg("case %zu: got \"%s\"", i, b.ptr);
    slg_buf_dispose(&b);
  }
}

static void test_buf__json_escapes_controls(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT;
  slg_json_escape(&b, "a\"b\\c\n\t\r\x01\x1f\x7f", 11);
  assert_string_equal(slg_buf_cstr(&b),
                      "a\\\"b\\\\c\\n\\t\\r\\u0001\\u001f\x7f");
  slg_buf_dispose(&b);
}

static void test_buf__json_writer_structure(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT;
  slg_json j;
  slg_json_init(&j, &b, 0);
  slg_json_object_begin(&j);
  slg_json_key(&j, "a");
  slg_json_u64(&j, 1);
  slg_json_key(&j, "b");
  slg_json_array_begin(&j);
  slg_json_i64(&j, -2);
  slg_json_null(&j);
  slg_json_bool(&j, 1);
  slg_json_double(&j, 0.25, 4);
  slg_json_double(&j, 1.0 / 0.0, 2);
  slg_json_array_end(&j);
  slg_json_key(&j, "c");
  slg_json_object_begin(&j);
  slg_json_object_end(&j);
  slg_json_key(&j, "d");
  slg_json_strn(&j, "x\xff", 2);
  slg_json_object_end(&j);
  assert_string_equal(slg_buf_cstr(&b),
                      "{\"a\":1,\"b\":[-2,null,true,0.25,null],\"c\":{},"
                      "\"d\":\"x" FFFD "\"}");
  slg_buf_dispose(&b);
}

/* "%.*f" with trailing zeros trimmed and "-0" written "0": what
 * slg_json_double writes, the slow way. */
static void printf_reference(char *out, size_t cap, double v, int decimals)
{
  int n = snprintf(out, cap, "%.*f", decimals, v);
  if (n > 0 && decimals > 0) {
    while (n > 1 && out[n - 1] == '0')
      n--;
    if (out[n - 1] == '.')
      n--;
  }
  if (n == 2 && out[0] == '-' && out[1] == '0')
    out[0] = '0', n = 1;
  out[n] = '\0';
}

static void expect_double(double v, int decimals)
{
  char want[96];
  printf_reference(want, sizeof want, v, decimals);
  slg_buf b = SLG_BUF_INIT;
  slg_json j;
  slg_json_init(&j, &b, 0);
  slg_json_double(&j, v, decimals);
  if (strcmp(slg_buf_cstr(&b), want) != 0)
    fail_msg("%.17g with %d decimals: \"%s\", printf says \"%s\"", v,
             decimals, slg_buf_cstr(&b), want);
  slg_buf_dispose(&b);
}

/* Doubles are written without printf where that gives the same text:
 * whole numbers, and products far from a rounding half. Compared with
 * printf on ties, near-ties, magnitudes from 1e-9 to 1e18, both signs. */
static void test_buf__json_double_matches_printf(void **state)
{
  (void)state;
  static const double fixed[] = {
      0,      -0.0,    0.5,     1.5,     2.5,      0.0625,   0.0005,
      0.0015, 0.0025,  1.0005,  2.0625,  1234.5,   999.9995, 0.9995,
      0.001,  -0.0004, -0.0005, -1.5,    -2.0625,  1e-9,     123.456,
      1e15,   1e16,    9007199254740993.0, 8796093022207.9995, 4.35e12};
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
    for (int d = 0; d <= 7; d++)
      expect_double(fixed[i], d);
  /* Bucket values of the duration sketch, and a deterministic spread. */
  for (int i = -50; i < 3000; i++)
    expect_double(2.0 * pow(1.01, i) / 2.01, 3);
  uint64_t x = 88172645463325252u;
  for (int i = 0; i < 200000; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    double mag = pow(10.0, (double)(x % 28) - 9.0);
    double v = mag * (double)(x >> 11) / 9007199254740992.0;
    if (x & 1)
      v = -v;
    expect_double(v, (int)(x >> 60) % 7);
    /* Exactly representable near-halves: k / 2^m. */
    expect_double((double)(x % 100000) / 1024.0, 3);
  }
}

static void test_buf__json_pretty(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT;
  slg_json j;
  slg_json_init(&j, &b, 1);
  slg_json_object_begin(&j);
  slg_json_key(&j, "a");
  slg_json_array_begin(&j);
  slg_json_u64(&j, 1);
  slg_json_u64(&j, 2);
  slg_json_array_end(&j);
  slg_json_key(&j, "e");
  slg_json_array_begin(&j);
  slg_json_array_end(&j);
  slg_json_object_end(&j);
  assert_string_equal(slg_buf_cstr(&b),
                      "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"e\": []\n}");
  slg_buf_dispose(&b);
}

static int sink_into(void *ctx, const char *data, size_t n)
{
  slg_buf_put(ctx, data, n);
  return 0;
}

static int sink_fails(void *ctx, const char *data, size_t n)
{
  (void)data;
  *(size_t *)ctx += n;
  return -1;
}

/* A buffer with a sink holds at most its bound (or one longer piece),
 * hands every byte over in order, and after a failure drops the rest. */
static void test_buf__sink_streams_bounded(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT, got = SLG_BUF_INIT, want = SLG_BUF_INIT;
  slg_buf_set_sink(&b, sink_into, &got, 1000);
  size_t most = 0;
  for (int i = 0; i < 5000; i++) {
    char piece[3000];
    size_t n = (size_t)(i * 7919 % (i % 100 == 0 ? 3000 : 40)) + 1;
    memset(piece, 'a' + i % 26, n);
    if (i % 3 == 0) {
      slg_buf_put(&b, piece, n);
      slg_buf_put(&want, piece, n);
    } else if (i % 3 == 1) {
      slg_buf_printf(&b, "%d,", i);
      slg_buf_printf(&want, "%d,", i);
    } else {
      slg_json_escape(&b, "x\"\n\xff", 4);
      slg_json_escape(&want, "x\"\n\xff", 4);
    }
    if (b.len > most)
      most = b.len;
    assert_true(b.len <= 1000 || b.len <= n);
  }
  assert_int_equal(slg_buf_flush(&b), 0);
  assert_int_equal(b.len, 0);
  assert_true(most > 900);
  assert_true(b.cap <= 4096 * 2);
  assert_true(got.len == want.len && memcmp(got.ptr, want.ptr, want.len) == 0);
  /* A failing sink: told once, then nothing more reaches it. */
  size_t told = 0;
  slg_buf_set_sink(&b, sink_fails, &told, 100);
  for (int i = 0; i < 100; i++)
    slg_buf_puts(&b, "0123456789");
  assert_int_equal(slg_buf_flush(&b), 1);
  assert_true(told > 0 && told <= 100);
  slg_buf_dispose(&b);
  slg_buf_dispose(&got);
  slg_buf_dispose(&want);
}

static void test_buf__time_format(void **state)
{
  (void)state;
  char out[32];
  slg_time t;
  memset(&t, 0, sizeof t);
  assert_int_equal(slg_time_format(&t, out), 0);
  t.year = 2024, t.month = 8, t.day = 13, t.hour = 15, t.minute = 12;
  t.second = 49, t.millisecond = 7;
  t.flags = SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME;
  slg_time_format(&t, out);
  assert_string_equal(out, "2024-08-13T15:12:49");
  t.flags |= SLG_TIME_HAS_MS | SLG_TIME_UTC;
  slg_time_format(&t, out);
  assert_string_equal(out, "2024-08-13T15:12:49.007Z");
  t.flags = SLG_TIME_HAS_TIME;
  assert_int_equal(slg_time_format(&t, out), 8);
  assert_string_equal(out, "15:12:49");
  /* Fields past their digits are written in full (the snprintf path). */
  t.year = 12024, t.millisecond = 1234;
  t.flags = SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME | SLG_TIME_HAS_MS;
  assert_int_equal(slg_time_format(&t, out), 25);
  assert_string_equal(out, "12024-08-13T15:12:49.1234");
  t.year = 2024, t.millisecond = 7;
  /* 1970-01-02 00:00:01 */
  t.year = 1970, t.month = 1, t.day = 2, t.hour = 0, t.minute = 0;
  t.second = 1, t.flags = SLG_TIME_HAS_DATE | SLG_TIME_HAS_TIME;
  assert_int_equal(slg_time_ms(&t), 86401000);
}

static void test_buf__parse_u64_rejects_overflow(void **state)
{
  (void)state;
  const char *s = "1180591620717411303424x"; /* 2^70 */
  const char *p = s;
  uint64_t v = 7;
  assert_int_equal(slg_parse_u64(&p, s + strlen(s), UINT64_MAX, &v), -1);
  assert_int_equal(v, 7);
  assert_int_equal(*p, 'x');
  const char *t = "42 ms";
  p = t;
  assert_int_equal(slg_parse_u64(&p, t + 5, 100, &v), 1);
  assert_int_equal(v, 42);
  p = t;
  assert_int_equal(slg_parse_u64(&p, t + 5, 41, &v), -1);
  p = "x";
  assert_int_equal(slg_parse_u64(&p, p + 1, 100, &v), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_buf__utf8_repair_maximal_subparts),
      cmocka_unit_test(test_buf__json_escapes_controls),
      cmocka_unit_test(test_buf__json_writer_structure),
      cmocka_unit_test(test_buf__json_double_matches_printf),
      cmocka_unit_test(test_buf__json_pretty),
      cmocka_unit_test(test_buf__sink_streams_bounded),
      cmocka_unit_test(test_buf__time_format),
      cmocka_unit_test(test_buf__parse_u64_rejects_overflow),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
