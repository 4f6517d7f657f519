/*
 * test_run.c - the run layer (src/run): slg_pipeline_read on a plain file
 * that shrinks while it is read, on every way of reading it (mapped or
 * pread, one thread or several), and a stop asked between windows.
 *
 * The truncation is made deterministic through opt.stopped, which the
 * reading asks between windows and chunks: its first call truncates the
 * file (as a log rotation would) and says "go on". At that moment at most
 * the ring's few chunks are parsed, far below the cut.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "input.h"
#include "pipeline.h"

static char tmpdir[] = "/tmp/slg-run-XXXXXX";
static char path[256];

#define LINE_LEN 100
#define NLINES 40000 /* 4 MB: several serial windows, many chunks */

static int setup(void **state)
{
  (void)state;
  if (!mkdtemp(tmpdir))
    return -1;
  snprintf(path, sizeof path, "%s/shrink.log", tmpdir);
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  unlink(path);
  return rmdir(tmpdir);
}

/* NLINES lines of LINE_LEN bytes each, newline included. */
static void write_log(void)
{
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  for (int i = 0; i < NLINES; i++) {
    char line[LINE_LEN + 1];
    int n = snprintf(line, sizeof line,
                     "24/08/13 15:12:49 INFO TaskSetManager: Finished task "
                     "%d.0 in stage 1.0 (TID %d) in 5 ms",
                     i, i);
    memset(line + n, 'x', (size_t)(LINE_LEN - 1 - n));
    line[LINE_LEN - 1] = '\n';
    assert_int_equal(fwrite(line, 1, LINE_LEN, f), LINE_LEN);
  }
  fclose(f);
}

typedef struct hook {
  off_t cut;     /* truncate the file here at the first call; -1: never */
  int calls;
  int stop_at;   /* answer "stop" from this call on; 0: never */
} hook;

static int hook_stopped(void *ctx)
{
  hook *h = ctx;
  h->calls++;
  if (h->calls == 1 && h->cut >= 0)
    assert_int_equal(truncate(path, h->cut), 0);
  return h->stop_at && h->calls >= h->stop_at;
}

/* Reads `path` with `threads` and `no_mmap` through a pipeline whose
 * opt.stopped is h; returns slg_pipeline_read's status, the reader's
 * bytes read and the file's lines. */
static ptrdiff_t read_with(unsigned threads, int no_mmap, hook *h,
                           uint64_t *bytes, uint64_t *lines)
{
  slg_options opt;
  slg_options_init(&opt);
  opt.threads = threads;
  opt.no_mmap = no_mmap;
  opt.chunk_size = 64 * 1024;
  opt.stopped = hook_stopped;
  opt.stop_ctx = h;
  slg_pipeline *p;
  assert_int_equal(slg_pipeline_new(&p, &opt, NULL), 0);
  slg_reader *r;
  assert_int_equal(slg_reader_open(&r, path), 0);
  slg_pipeline_begin_file(p, path);
  ptrdiff_t n = slg_pipeline_read(p, r);
  slg_file_status st;
  memset(&st, 0, sizeof st);
  st.bytes_read = *bytes = slg_reader_bytes_read(r);
  st.error = n < 0 ? (int)n : 0;
  slg_reader_close(r);
  slg_pipeline_end_file(p, &st);
  *lines = p->files[0].lines;
  slg_pipeline_free(p);
  return n;
}

static const struct {
  unsigned threads;
  int no_mmap;
} modes[] = {{1, 0}, {1, 1}, {2, 0}, {2, 1}, {4, 0}};

/* Truncated to half at the first window: the bytes and lines before the
 * cut are reported, and SLG_ESHRANK, never the old size as complete. */
static void test_run__file_shrinks_while_read(void **state)
{
  (void)state;
  for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
    write_log();
    hook h = {(off_t)(NLINES / 2) * LINE_LEN, 0, 0};
    uint64_t bytes, lines;
    ptrdiff_t n = read_with(modes[m].threads, modes[m].no_mmap, &h, &bytes,
                            &lines);
    print_message("threads %u no_mmap %d: status %td, %llu bytes, %llu "
                  "lines\n",
                  modes[m].threads, modes[m].no_mmap, n,
                  (unsigned long long)bytes, (unsigned long long)lines);
    assert_true(h.calls >= 1);
    assert_int_equal(n, SLG_ESHRANK);
    assert_int_equal(bytes, (uint64_t)h.cut);
    assert_int_equal(lines, NLINES / 2);
  }
}

/* Not shrunk: the same reads are complete (the check is not fooled by a
 * file read whole). */
static void test_run__whole_file_complete(void **state)
{
  (void)state;
  write_log();
  for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
    hook h = {-1, 0, 0};
    uint64_t bytes, lines;
    assert_int_equal(read_with(modes[m].threads, modes[m].no_mmap, &h,
                               &bytes, &lines),
                     0);
    assert_int_equal(bytes, (uint64_t)NLINES * LINE_LEN);
    assert_int_equal(lines, NLINES);
  }
}

/* A stop asked part way: SLG_EINTR, and what was read is a prefix of the
 * file, its lines counted (a last partial one as a line). */
static void test_run__stop_between_windows(void **state)
{
  (void)state;
  write_log();
  for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
    hook h = {-1, 0, 3};
    uint64_t bytes, lines;
    assert_int_equal(read_with(modes[m].threads, modes[m].no_mmap, &h,
                               &bytes, &lines),
                     SLG_EINTR);
    assert_true(bytes < (uint64_t)NLINES * LINE_LEN);
    assert_true(lines < NLINES);
    assert_int_equal(lines, (bytes + LINE_LEN - 1) / LINE_LEN);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_run__file_shrinks_while_read),
      cmocka_unit_test(test_run__whole_file_complete),
      cmocka_unit_test(test_run__stop_between_windows),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
