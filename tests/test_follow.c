/*
 * test_follow.c - the follower (src/input/follow.c): appended bytes,
 * rotation (the old file to its end first), truncation, a path gone for
 * a while, and what it refuses.
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

#include <cmocka.h>

#include "follow.h"

static char tmpdir[] = "/tmp/slg-follow-XXXXXX";
static char path[256], old[256];

static int setup(void **state)
{
  (void)state;
  if (!mkdtemp(tmpdir))
    return -1;
  snprintf(path, sizeof path, "%s/app.log", tmpdir);
  snprintf(old, sizeof old, "%s/app.log.1", tmpdir);
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *p, const char *mode, const char *text)
{
  FILE *f = fopen(p, mode);
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

/* Reads until the follower has nothing new: the bytes in out, the event
 * that ended the reading returned. */
static slg_follow_event drain(slg_follow *f, char *out, size_t cap)
{
  size_t len = 0;
  slg_follow_event ev;
  for (;;) {
    ptrdiff_t n = slg_follow_read(f, out + len, cap - 1 - len, &ev);
    assert_true(n >= 0);
    if (n == 0)
      break;
    len += (size_t)n;
  }
  out[len] = '\0';
  return ev;
}

static void test_follow__append_rotate_truncate(void **state)
{
  (void)state;
  char got[256];
  put(path, "w", "one\ntwo\n");
  slg_follow *f;
  assert_int_equal(slg_follow_open(&f, path), 0);
  assert_int_equal(drain(f, got, sizeof got), SLG_FOLLOW_IDLE);
  assert_string_equal(got, "one\ntwo\n");
  assert_int_equal(drain(f, got, sizeof got), SLG_FOLLOW_IDLE);
  assert_string_equal(got, "");

  put(path, "a", "three\n");
  assert_int_equal(drain(f, got, sizeof got), SLG_FOLLOW_IDLE);
  assert_string_equal(got, "three\n");

  /* Appended, renamed away, a new file: the old one's end comes first. */
  put(path, "a", "four");
  assert_int_equal(rename(path, old), 0);
  /* The path gone for a while: nothing new, the old file kept. */
  assert_int_equal(drain(f, got, sizeof got), SLG_FOLLOW_IDLE);
  assert_string_equal(got, "four");
  put(old, "a", "-late\n");
  put(path, "w", "new1\n");
  assert_int_equal(drain(f, got, sizeof got), SLG_FOLLOW_ROTATED);
  assert_string_equal(got, "-late\n");
  assert_int_equal(drain(f, got, sizeof got), SLG_FOLLOW_IDLE);
  assert_string_equal(got, "new1\n");
  assert_int_equal(slg_follow_offset(f), 5);

  /* Truncated in place, shorter than what was read. */
  put(path, "w", "ab\n");
  assert_int_equal(drain(f, got, sizeof got), SLG_FOLLOW_TRUNCATED);
  assert_string_equal(got, "");
  assert_int_equal(slg_follow_truncated_to(f), 3);
  assert_int_equal(drain(f, got, sizeof got), SLG_FOLLOW_IDLE);
  assert_string_equal(got, "ab\n");
  assert_int_equal(slg_follow_bytes(f),
                   strlen("one\ntwo\nthree\nfour-late\nnew1\nab\n"));
  slg_follow_close(f);
}

static void test_follow__refuses(void **state)
{
  (void)state;
  slg_follow *f = NULL;
  char p[300];
  snprintf(p, sizeof p, "%s/none.log", tmpdir);
  assert_int_equal(slg_follow_open(&f, p), SLG_ENOENT);
  assert_int_equal(slg_follow_open(&f, tmpdir), SLG_EISDIR);
  snprintf(p, sizeof p, "%s/fifo", tmpdir);
  assert_int_equal(mkfifo(p, 0600), 0);
  assert_int_equal(slg_follow_open(&f, p), SLG_EINVAL);
  snprintf(p, sizeof p, "%s/x.gz", tmpdir);
  put(p, "w", "\x1f\x8b\x08");
  assert_int_equal(slg_follow_open(&f, p), SLG_EFORMAT);
  assert_null(f);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_follow__append_rotate_truncate),
      cmocka_unit_test(test_follow__refuses),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
