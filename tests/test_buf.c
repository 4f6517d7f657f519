/*
 * test_buf.c - buffer, UTF-8 repair and the JSON writer: the output is
 * valid UTF-8 JSON whatever bytes come in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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
  slg_time_format(&t, out);
  assert_string_equal(out, "15:12:49");
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
      cmocka_unit_test(test_buf__json_pretty),
      cmocka_unit_test(test_buf__time_format),
      cmocka_unit_test(test_buf__parse_u64_rejects_overflow),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
