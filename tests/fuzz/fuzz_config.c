/*
 * fuzz_config.c - the check's config-file parser and key setter.
 *
 * The input is parsed as a config file; an error must come with a
 * "FILE:LINE: " reason that fits its buffer, success must leave every
 * limit either unset (< 0) or non-negative, and printing the result must
 * parse back to the same configuration.
 */
#include <string.h>

#include "config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  slg_thresholds t, back;
  char err[256];
  slg_thresholds_init(&t);
  memset(err, 0, sizeof err);
  int rc = slg_config_parse(&t, (const char *)data, size, "f.conf", err);
  if (rc < 0) {
    fuzz_check(strncmp(err, "f.conf:", 7) == 0);
    fuzz_check(memchr(err, '\0', sizeof err) != NULL);
    return 0;
  }
  fuzz_check(t.max_shuffle_stages >= -1 && t.max_failed_tasks >= -1);
  fuzz_check(t.max_skew >= -1 && t.max_stage_task_ms >= -1);
  fuzz_check((unsigned)t.fail_on <= SLG_SEV_ERROR);
  slg_buf out = SLG_BUF_INIT;
  slg_config_print(&t, &out);
  slg_thresholds_init(&back);
  rc = slg_config_parse(&back, out.ptr, out.len, "printed", err);
  fuzz_check(rc == 0);
  fuzz_check(back.fail_on == t.fail_on && back.allow_empty == t.allow_empty);
  fuzz_check(back.max_shuffle_stages == t.max_shuffle_stages);
  slg_buf_dispose(&out);
  return 0;
}
