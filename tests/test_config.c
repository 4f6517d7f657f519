/*
 * test_config.c - the check's key table: every key, units, bad values
 * with their exact messages, and config-file syntax.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"

static void test_config__values_and_units(void **state)
{
  (void)state;
  slg_thresholds t;
  char err[256];
  slg_thresholds_init(&t);
  assert_int_equal(t.max_skew, -1);
  assert_int_equal(t.fail_on, SLG_SEV_ERROR);
  static const struct {
    const char *key, *value;
  } ok[] = {
      {"max_skew", "10"},           {"max-skew", "2.5"},
      {"MAX_SKEW", "3"},            {"max_stage_task_time", "30m"},
      {"max_app_duration", "2h"},   {"max_shuffle_stages", "40"},
      {"max_failed_tasks", "0"},    {"max_map_status_size", "4MiB"},
      {"fail_on", "warning"},       {"allow_empty", "yes"},
      {"max_stage_task_time", "1.5 s"},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
    if (slg_config_set(&t, ok[i].key, strlen(ok[i].key), ok[i].value, err))
      fail_msg("%s = %s: %s", ok[i].key, ok[i].value, err);
  assert_true(t.max_skew == 3.0);
  assert_true(t.max_stage_task_ms == 1500.0);
  assert_true(t.max_app_duration_ms == 7200000.0);
  assert_int_equal(t.max_shuffle_stages, 40);
  assert_int_equal(t.max_failed_tasks, 0);
  assert_int_equal(t.max_map_status_bytes, 4 << 20);
  assert_int_equal(t.fail_on, SLG_SEV_WARNING);
  assert_int_equal(t.allow_empty, 1);
}

static void test_config__errors_name_the_key(void **state)
{
  (void)state;
  static const struct {
    const char *key, *value, *err;
  } bad[] = {
      {"max_skwe", "1", "unknown key 'max_skwe'"},
      {"max_stage_task_time", "30x",
       "max_stage_task_time: bad duration '30x' (a number with ms, s, m or "
       "h, e.g. 30m)"},
      {"max_stage_task_time", "30", "max_stage_task_time: bad duration '30' "
                                    "(a number with ms, s, m or h, e.g. 30m)"},
      {"max_shuffle_stages", "-1",
       "max_shuffle_stages: expected a whole number, got '-1'"},
      {"max_shuffle_stages", "1.5",
       "max_shuffle_stages: expected a whole number, got '1.5'"},
      {"max_map_status_size", "4MB",
       "max_map_status_size: bad size '4MB' (bytes, or a number with KiB, "
       "MiB or GiB)"},
      {"fail_on", "fatal",
       "fail_on: expected info, warning or error, got 'fatal'"},
      {"allow_empty", "maybe", "allow_empty: expected true or false, got "
                               "'maybe'"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    slg_thresholds t;
    char err[256] = "";
    slg_thresholds_init(&t);
    assert_int_equal(slg_config_set(&t, bad[i].key, strlen(bad[i].key),
                                    bad[i].value, err),
                     SLG_ECONFIG);
    assert_string_equal(err, bad[i].err);
  }
}

static void test_config__file_syntax(void **state)
{
  (void)state;
  slg_thresholds t;
  char err[256];
  slg_thresholds_init(&t);
  const char *text = "# sparklog gate\n"
                     "\n"
                     "max_skew = 10   # DataFlint's ratio\n"
                     "  fail_on=warning\r\n"
                     "max_stage_task_time = 30m\n";
  assert_int_equal(slg_config_parse(&t, text, strlen(text), "c.conf", err), 0);
  assert_true(t.max_skew == 10.0);
  assert_int_equal(t.fail_on, SLG_SEV_WARNING);
  assert_true(t.max_stage_task_ms == 1800000.0);
  const char *bad = "max_skew = 10\nmax_skwe = 3\n";
  assert_int_equal(slg_config_parse(&t, bad, strlen(bad), "c.conf", err),
                   SLG_ECONFIG);
  assert_string_equal(err, "c.conf:2: unknown key 'max_skwe'");
  const char *noeq = "\n\nmax_skew 10\n";
  assert_int_equal(slg_config_parse(&t, noeq, strlen(noeq), "c.conf", err),
                   SLG_ECONFIG);
  assert_string_equal(err, "c.conf:3: expected 'key = value'");
}

static void test_config__print_parses_back(void **state)
{
  (void)state;
  slg_thresholds t, back;
  char err[256];
  slg_thresholds_init(&t);
  t.max_skew = 12.5;
  t.max_stage_task_ms = 1800000;
  t.max_failed_tasks = 0;
  t.fail_on = SLG_SEV_INFO;
  slg_buf out = SLG_BUF_INIT;
  slg_config_print(&t, &out);
  slg_thresholds_init(&back);
  assert_int_equal(slg_config_parse(&back, out.ptr, out.len, "p", err), 0);
  assert_true(back.max_skew == 12.5);
  assert_true(back.max_stage_task_ms == 1800000.0);
  assert_int_equal(back.max_failed_tasks, 0);
  assert_int_equal(back.max_shuffle_stages, -1);
  assert_int_equal(back.fail_on, SLG_SEV_INFO);
  slg_buf_dispose(&out);

  /* Small values print with the places they need, never as 0. */
  const char *small = "max_skew = 0.0000001\n"
                      "max_stage_task_time = 0.0004ms\n";
  assert_int_equal(slg_config_parse(&t, small, strlen(small), "small", err),
                   0);
  assert_true(t.max_skew > 0 && t.max_stage_task_ms > 0);
  slg_buf_init(&out);
  slg_config_print(&t, &out);
  slg_buf_putc(&out, '\0');
  assert_non_null(strstr(out.ptr, "max_skew = 0.0000001\n"));
  assert_non_null(strstr(out.ptr, "max_stage_task_time = 0.0004ms\n"));
  slg_thresholds_init(&back);
  assert_int_equal(slg_config_parse(&back, out.ptr, out.len - 1, "p", err), 0);
  assert_true(back.max_skew == t.max_skew);
  assert_true(back.max_stage_task_ms == t.max_stage_task_ms);
  slg_buf_dispose(&out);
}

/* 32 allow entries print on a line each (one line of them all would be
 * longer than a value may be), and a value too long is an error, never
 * cut (fuzz_config). */
static void test_config__long_allow_list_round_trips(void **state)
{
  (void)state;
  slg_thresholds t, back;
  char err[256];
  slg_buf in = SLG_BUF_INIT, out = SLG_BUF_INIT;
  slg_thresholds_init(&t);
  for (int i = 1; i <= 32; i++)
    slg_buf_printf(&in, "allow = SKEW@%d/%d.%d\n", i, 1000 + i, 100000 + i);
  assert_int_equal(slg_config_parse(&t, in.ptr, in.len, "a", err), 0);
  assert_int_equal(t.nallow, 32);
  slg_config_print(&t, &out);
  slg_thresholds_init(&back);
  assert_int_equal(slg_config_parse(&back, out.ptr, out.len, "p", err), 0);
  assert_int_equal(back.nallow, 32);
  slg_buf_clear(&in);
  slg_buf_puts(&in, "platform_frames = ");
  for (int i = 0; i < 300; i++)
    slg_buf_putc(&in, 'x');
  slg_thresholds_init(&t);
  assert_int_equal(slg_config_parse(&t, in.ptr, in.len, "a", err),
                   SLG_ECONFIG);
  assert_non_null(strstr(err, "a:1: value longer than"));
  slg_buf_dispose(&in);
  slg_buf_dispose(&out);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_config__values_and_units),
      cmocka_unit_test(test_config__errors_name_the_key),
      cmocka_unit_test(test_config__file_syntax),
      cmocka_unit_test(test_config__print_parses_back),
      cmocka_unit_test(test_config__long_allow_list_round_trips),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
