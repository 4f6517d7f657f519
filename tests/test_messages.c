/*
 * test_messages.c - message templates (messages.h): every masking rule of
 * tests/keys/time/README.md with its edge cases, the hand-written masker
 * against the PCRE2 reference (fastpath.h MSG_MASK) on seeded random
 * messages and on every WARN/ERROR line of the corpus, and the bounded
 * per-application table.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "messages.h"
#include "test_rand.h"

typedef struct mask_case {
  const char *in, *want;
} mask_case;

static const mask_case cases[] = {
    /* The README's example. */
    {"Lost task 1.0 in stage 3.0 (TID 7) (10.0.9.100 executor 2): "
     "java.io.IOException",
     "Lost task <n> in stage <n> (TID <n>) (<ip> executor <n>): "
     "java.io.IOException"},
    /* 1 URIs, up to white space , ; ) ] quotes. */
    {"Reading s3a://bucket/key/part-0001.parquet, done",
     "Reading <uri>, done"},
    {"(hdfs://nn:8020/a/b) x", "(<uri>) x"},
    {"see 'file:///tmp/x' now", "see '<uri>' now"},
    {"abc://", "<uri>"},
    /* 2 UUIDs. */
    {"Query [id = 5f1c2d3e-aaaa-bbbb-cccc-0123456789ab, runId = x]",
     "Query [id = <uuid>, runId = x]"},
    /* 3 Hadoop/YARN and standalone ids. */
    {"Submitted application application_1700000000000_0042",
     "Submitted application <id>"},
    {"container_e01_1_02_000003 on host", "<id> on host"},
    {"attempt_202401011200_0001_m_000001_1 and task_x and job_",
     "<id> and <id> and job_"},
    {"Connected to app-20240813151243-0001 and driver-20240813151243-0002",
     "Connected to <id> and <id>"},
    {"app-2024081315124-0001", "app-<n>-<n>"}, /* 13 digits: a number */
    /* 4 IPv4 with a port, IPv6. */
    {"from /10.0.0.5:7337 closed", "from /<ip> closed"},
    {"1.2.3.4567", "<n>.<n>"},
    {"1.2.3.4:80xyz", "<ip>:<n>xyz"},
    {"1.2.3.4.5", "<ip>.<n>"},
    {"at fe80:0:0:0:1:2:3:4 and ::1", "at <ip> and ::<n>"},
    {"peer 2001:db8:0:0:0:0:2:1:443 gone", "peer <ip> gone"},
    /* 5 absolute paths; not after a word, not before '<'. */
    {"Deleting directory /tmp/spark-1a2b/x", "Deleting directory <path>"},
    {"path=/opt/app:rest", "path=<path>:rest"},
    {"C:/Users/x/y.log,z", "<path>,z"},
    {"a/b/c stays", "a/b/c stays"},
    {"/ alone", "/ alone"},
    {"/", "/"},
    /* 6 host names that end the token. */
    {"Your hostname, ip-10-0-0-1.ec2.internal resolves",
     "Your hostname, <host> resolves"},
    {"host.example.com:8080 up", "<host> up"},
    {"java.io.IOException and spark.local.dir",
     "java.io.IOException and spark.local.dir"},
    {"x.com.y and a.io-b", "x.com.y and a.io-b"},
    {"MacBook-Pro-2.local resolves", "<host> resolves"},
    {"box.localdomain.", "box.localdomain."},
    /* 7 identity hashes, 8 hex runs. */
    {"StageInfo@7a81197d)", "StageInfo@<hex>)"},
    {"obj@ABCD", "obj@ABCD"},
    {"[8d1f] ReplId-5d7ce41-x", "[<hex>] ReplId-<hex>-x"},
    {"deadbeefcafe0 and abcdef and 1234", "<hex> and abcdef and <n>"},
    /* 9 numbers, inside words too. */
    {"en0 KAFKA-1894 3.14 1.2.3", "en<n> KAFKA-<n> <n> <n>.<n>"},
    /* White space: trimmed, runs collapsed. */
    {"  a \t b   c  ", "a b c"},
    {"", ""},
};

static void test_messages__rules(void **state)
{
  (void)state;
  slg_masker *fast = slg_masker_new(0), *ref = slg_masker_new(1);
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t n;
    const char *t = slg_mask(fast, cases[i].in, strlen(cases[i].in), &n);
    if (n != strlen(cases[i].want) || memcmp(t, cases[i].want, n) != 0)
      fail_msg("fast: \"%s\" -> \"%.*s\", want \"%s\"", cases[i].in, (int)n,
               t, cases[i].want);
    t = slg_mask(ref, cases[i].in, strlen(cases[i].in), &n);
    if (n != strlen(cases[i].want) || memcmp(t, cases[i].want, n) != 0)
      fail_msg("reference: \"%s\" -> \"%.*s\", want \"%s\"", cases[i].in,
               (int)n, t, cases[i].want);
  }
  slg_masker_free(fast);
  slg_masker_free(ref);
}

static void test_messages__cut(void **state)
{
  (void)state;
  slg_masker *mk = slg_masker_new(0);
  char in[1000];
  memset(in, 'x', sizeof in);
  size_t n;
  slg_mask(mk, in, sizeof in, &n);
  assert_int_equal(n, SLG_TEMPLATE_MAX);
  /* Code points, not bytes: 300 two-byte characters cut at 240. */
  char u[600];
  for (size_t i = 0; i < 300; i++) {
    u[2 * i] = (char)0xC3;
    u[2 * i + 1] = (char)0xA9;
  }
  slg_mask(mk, u, sizeof u, &n);
  assert_int_equal(n, 2 * SLG_TEMPLATE_MAX);
  slg_masker_free(mk);
}

static void check_same(slg_masker *fast, slg_masker *ref, const char *s,
                       size_t len, uint64_t seed)
{
  size_t a, b;
  const char *x = slg_mask_fast(fast, s, len, &a);
  const char *y = slg_mask_reference(ref, s, len, &b);
  if (a != b || memcmp(x, y, a) != 0)
    fail_msg("seed %llu: \"%.*s\": fast \"%.*s\" reference \"%.*s\"",
             (unsigned long long)seed, (int)len, s, (int)a, x, (int)b, y);
}

/* Random messages from pieces that meet the rules' edges. */
static void test_messages__fast_equals_reference(void **state)
{
  (void)state;
  static const char *const pieces[] = {
      "a", "b", "f", "x", "Z", "0", "1", "9", "12", "255", "1234", ".", ":",
      "-", "_", "/", "@", " ", "\t", ",", ";", ")", "]", "(", "[", "=", "'",
      "\"", "<", ">", "://", "s3a", "http", "com", "local", "internal",
      "localdomain", "io", "net", "application_", "container_", "attempt_",
      "job_", "task_", "app-", "driver-", "20240813151243", "0001",
      "deadbeef", "cafe", "abcdef012345", "C:", "::", "fe80", "é", "KAFKA"};
  const size_t np = sizeof pieces / sizeof *pieces;
  slg_masker *fast = slg_masker_new(0), *ref = slg_masker_new(1);
  for (uint64_t seed = 1; seed <= 20000; seed++) {
    rng_state = seed * 0x9E3779B97F4A7C15ULL;
    char buf[400];
    size_t len = 0;
    size_t k = 1 + rnd(24);
    for (size_t i = 0; i < k; i++) {
      const char *p = pieces[rnd((uint32_t)np)];
      size_t pl = strlen(p);
      if (len + pl >= sizeof buf)
        break;
      memcpy(buf + len, p, pl);
      len += pl;
    }
    check_same(fast, ref, buf, len, seed);
  }
  slg_masker_free(fast);
  slg_masker_free(ref);
}

/* Every WARN/ERROR/FATAL line of the corpus, whole (the masker does not
 * care where the message starts). Skipped without the corpus. */
static void test_messages__corpus_fast_equals_reference(void **state)
{
  (void)state;
  char list[4096];
  snprintf(list, sizeof list,
           "grep -rlE 'WARN|ERROR|FATAL' '%s' 2>/dev/null | grep -v "
           "'\\.zip$' | head -200",
           SLG_CORPUS_DIR);
  FILE *files = popen(list, "r");
  if (!files)
    skip();
  slg_masker *fast = slg_masker_new(0), *ref = slg_masker_new(1);
  char path[4096];
  size_t lines = 0;
  while (fgets(path, sizeof path, files)) {
    path[strcspn(path, "\n")] = 0;
    FILE *f = fopen(path, "r");
    if (!f)
      continue;
    char line[70000];
    while (fgets(line, sizeof line, f)) {
      if (!strstr(line, "WARN") && !strstr(line, "ERROR") &&
          !strstr(line, "FATAL"))
        continue;
      check_same(fast, ref, line, strlen(line), 0);
      lines++;
    }
    fclose(f);
  }
  pclose(files);
  slg_masker_free(fast);
  slg_masker_free(ref);
  if (lines == 0)
    skip();
}

/* The tokens the one-pass masker does whole, and their near misses:
 * each template as the passes give it (slg_mask_passes, the masker
 * before the one-pass scan). */
static const mask_case tokens[] = {
    {"from 10.0.0.1:4040 and /10.0.228.166:58433, 127.0.1.1;",
     "from <ip> and /<ip>, <ip>;"},
    {"(10.0.0.1) [1.2.3.4]. =1.2.3.4 1.2.3.4.5 1.2.3.1234 1.2.3.4:x",
     "(<ip>) [<ip>]. =<ip> <ip>.<n> <n>.<n> <ip>:x"},
    {"s3a://warehouse-1/tmp/_temporary/0/part-1.parquet, (hdfs://nn:8020/x)",
     "<uri>, (<uri>)"},
    {"s3a://a,b x_y://z", "<uri>,b x_y://z"},
    {"ip-10-0-222-232.ec2.internal (broker-2.kafka.svc.cluster.local/"
     "10.1.172.156:9092) box.local:7077,",
     "<host> (<host>/<ip>) <host>,"},
    {"app-20240813151243-0001.example.com 12345678-x.com 1.2.3.4.com",
     "<id>.<host> <host> <ip>.com"},
    {"a.com/x a.com/1.2.3.4:5/ a.com.", "<host>/x <host>/<ip>/ a.com."},
    {"/mnt/tmp/blockmgr-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 '/tmp/x'",
     "<path> '<path>'"},
    {"/application_1_2/x /10.0.0.1/x /job_1 /tmp:x /<a> (/a)",
     "/<id>/x /<ip>/x /<id> <path>:x /<a> (<path>)"},
    {"spark.master org.apache.spark.Foo. x.com.y a..b.com spark.io",
     "spark.master org.apache.spark.Foo. x.com.y a..<host> <host>"},
    {"rdd_5_3 job_1 job_ task_x0 [a5afd191] deadbeefcafe deadbeefcaf",
     "rdd_<n>_<n> <id> job_ <id> [<hex>] <hex> deadbeefcaf"},
    {"consumer-31178, deadbeef-1234 app-x driver-y groupId=spark-kafka-0]",
     "consumer-<n>, deadbeef-<n> app-x driver-y groupId=spark-kafka-<n>]"},
    {"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 fe80::1:2:3:4 ::::::",
     "<uuid> <ip> <ip>"},
    {"obj@7a81197d en0 3.14 v1.2 a:1 a: x.", "obj@<hex> en<n> <n> v<n> a:<n> a: x."},
};

static void test_messages__one_pass_tokens(void **state)
{
  (void)state;
  slg_masker *mk = slg_masker_new(0), *ref = slg_masker_new(1);
  for (size_t i = 0; i < sizeof tokens / sizeof *tokens; i++) {
    size_t n, m;
    const char *t = slg_mask_fast(mk, tokens[i].in, strlen(tokens[i].in), &n);
    if (n != strlen(tokens[i].want) || memcmp(t, tokens[i].want, n) != 0)
      fail_msg("\"%s\": \"%.*s\", want \"%s\"", tokens[i].in, (int)n, t,
               tokens[i].want);
    t = slg_mask_passes(mk, tokens[i].in, strlen(tokens[i].in), &m);
    assert_int_equal(m, n);
    assert_memory_equal(t, tokens[i].want, n);
    t = slg_mask_reference(ref, tokens[i].in, strlen(tokens[i].in), &m);
    assert_int_equal(m, n);
    assert_memory_equal(t, tokens[i].want, n);
  }
  slg_masker_free(mk);
  slg_masker_free(ref);
}

/* Random messages of the tokens above cut into pieces: the one-pass
 * masker against the passes (one in fifty against PCRE2 too). */
static void test_messages__one_pass_equals_passes(void **state)
{
  (void)state;
  static const char *const pieces[] = {
      "10.0.0.1", "1.2.3", ".4", ":80", ":", "/", "(", ")", "[", "]", ",",
      ";", "'", "\"", "=", ".", "..", "-", "_", "@", " ", "  ", "\t", "x",
      "a", "f", "0", "12", "1234", "0f1e2d3c", "-4b5a", "a5b4c3d2e1f0",
      "deadbeefcafe", "app", "driver", "20240813151243", "-0001", "job",
      "task", "application", "s3a", "://", "hdfs", "ec2", "internal",
      "local", "com", "io", "spark", "master", "ip", "broker", "tmp", "mnt",
      "<", ">", "C:", "::", "fe80", "é", "Z"};
  const size_t np = sizeof pieces / sizeof *pieces;
  slg_masker *fast = slg_masker_new(0), *ref = slg_masker_new(1);
  for (uint64_t seed = 1; seed <= 1000000; seed++) {
    rng_state = seed * 0x9E3779B97F4A7C15ULL + 7;
    char buf[300];
    size_t len = 0;
    size_t k = 1 + rnd(16);
    for (size_t i = 0; i < k; i++) {
      const char *p = pieces[rnd((uint32_t)np)];
      size_t pl = strlen(p);
      if (len + pl >= sizeof buf)
        break;
      memcpy(buf + len, p, pl);
      len += pl;
    }
    size_t a, b;
    const char *x = slg_mask_fast(fast, buf, len, &a);
    const char *y = slg_mask_passes(ref, buf, len, &b);
    if (a != b || memcmp(x, y, a) != 0)
      fail_msg("seed %llu: \"%.*s\": one pass \"%.*s\" passes \"%.*s\"",
               (unsigned long long)seed, (int)len, buf, (int)a, x, (int)b,
               y);
    if (seed % 50 == 0)
      check_same(fast, ref, buf, len, seed);
  }
  slg_masker_free(fast);
  slg_masker_free(ref);
}

static slg_msg_key key(slg_level level, const char *logger, const char *tpl)
{
  slg_msg_key k;
  k.level = level;
  k.logger = slg_span_make(logger, strlen(logger));
  k.tpl = slg_span_make(tpl, strlen(tpl));
  k.hash = slg_msg_hash(level, k.logger, k.tpl);
  return k;
}

static void test_messages__table_counts_and_caps(void **state)
{
  (void)state;
  slg_msgs *t = NULL;
  char tpl[32];
  for (uint64_t line = 1; line <= 50; line++) {
    snprintf(tpl, sizeof tpl, "message %d", (int)(line % 7));
    slg_msg_key k = key(SLG_LEVEL_WARN, "Utils", tpl);
    slg_pos p = {0, line};
    slg_msgs_count(&t, 5, &k, &p);
  }
  /* Same template, other level: another entry. */
  slg_msg_key e = key(SLG_LEVEL_ERROR, "Utils", "message 1");
  slg_pos p = {0, 51};
  slg_msgs_count(&t, 5, &e, &p);
  assert_int_equal(t->lines, 51);
  assert_int_equal(t->n, 5);
  assert_int_equal(t->other_templates, 3); /* "message 5", "6", ERROR */
  size_t n;
  const slg_msg **v = slg_msgs_sorted(t, &n);
  assert_int_equal(n, 5);
  uint64_t kept = 0;
  for (size_t i = 0; i < n; i++)
    kept += v[i]->count;
  assert_int_equal(kept + t->other_lines, 51);
  /* By count, then first line: "message 1" (8: lines 1, 8, ..., 50). */
  assert_string_equal(v[0]->tpl, "message 1");
  assert_int_equal(v[0]->count, 8);
  assert_int_equal(v[0]->first.line, 1);
  assert_int_equal(v[0]->last.line, 50);
  free(v);
  /* Undo takes back what was counted since the mark. */
  slg_msgs_mark(t);
  slg_msg_key k = key(SLG_LEVEL_WARN, "Utils", "message 1");
  slg_pos q = {0, 60};
  slg_msgs_count(&t, 5, &k, &q);
  slg_msgs_undo(t);
  v = slg_msgs_sorted(t, &n);
  assert_int_equal(v[0]->count, 8);
  assert_int_equal(v[0]->last.line, 50);
  free(v);
  assert_int_equal(t->lines, 51);
  slg_msgs_free(t);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_messages__rules),
      cmocka_unit_test(test_messages__cut),
      cmocka_unit_test(test_messages__fast_equals_reference),
      cmocka_unit_test(test_messages__corpus_fast_equals_reference),
      cmocka_unit_test(test_messages__one_pass_tokens),
      cmocka_unit_test(test_messages__one_pass_equals_passes),
      cmocka_unit_test(test_messages__table_counts_and_caps),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
