/*
 * test_fixes.c - fixes by Spark version, stage role and platform
 * (fixes.c): no fix names a setting the version lacks or a feature that
 * is off without saying to turn it on; scans never get shuffle advice.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixes.h"

static int has(const char *s, const char *w) { return strstr(s, w) != NULL; }

static void test_fixes__version_parse(void **state)
{
  (void)state;
  int ma, mi;
  assert_true(slg_version_parse("3.5.1-amzn-0", &ma, &mi));
  assert_int_equal(ma, 3);
  assert_int_equal(mi, 5);
  assert_true(slg_version_parse("2.4.5-SNAPSHOT", &ma, &mi));
  assert_int_equal(mi, 4);
  assert_true(slg_version_parse("10.12", &ma, &mi));
  assert_int_equal(ma, 10);
  assert_false(slg_version_parse(NULL, &ma, &mi));
  assert_false(slg_version_parse("3", &ma, &mi));
  assert_false(slg_version_parse("v3.5", &ma, &mi));
  assert_int_equal(ma, -1);
}

static void test_fixes__tiny_tasks_by_version(void **state)
{
  (void)state;
  /* Before 3.0 the coalescing key does not exist. */
  const char *f = slg_fix_tiny_tasks("2.4.8", SLG_ROLE_SHUFFLE_READ);
  assert_false(has(f, "coalescePartitions"));
  assert_true(has(f, "spark.sql.shuffle.partitions"));
  /* 3.0 and 3.1: AQE is off by default: say to turn it on first. */
  f = slg_fix_tiny_tasks("3.0.3", SLG_ROLE_SHUFFLE_READ);
  assert_true(has(f, "spark.sql.adaptive.enabled=true"));
  assert_true(has(f, "coalescePartitions"));
  assert_string_equal(f, slg_fix_tiny_tasks("3.1.2", SLG_ROLE_SHUFFLE_READ));
  /* 3.2 on: on by default. */
  f = slg_fix_tiny_tasks("3.5.1", SLG_ROLE_SHUFFLE_READ);
  assert_true(has(f, "on by default"));
  assert_false(has(f, "=true"));
  assert_string_equal(f, slg_fix_tiny_tasks("4.0.0", SLG_ROLE_SHUFFLE_READ));
  /* A scan's tasks are input splits, not shuffle partitions. */
  f = slg_fix_tiny_tasks("3.5.1", SLG_ROLE_SCAN);
  assert_false(has(f, "shuffle"));
  assert_true(has(f, "maxPartitionBytes"));
  /* Unknown version: says which versions each key needs. */
  f = slg_fix_tiny_tasks(NULL, SLG_ROLE_SHUFFLE_READ);
  assert_true(has(f, "3.0+"));
}

static void test_fixes__skew_by_role_and_version(void **state)
{
  (void)state;
  const char *versions[] = {NULL, "1.6.0", "2.4.8", "3.0.3", "3.5.1"};
  for (size_t i = 0; i < 5; i++) {
    const char *f = slg_fix_skew(versions[i], SLG_ROLE_SCAN);
    assert_false(has(f, "skewJoin"));
    assert_true(has(f, "partitionColumn"));
  }
  assert_false(has(slg_fix_skew("2.4.8", SLG_ROLE_SHUFFLE_READ), "skewJoin"));
  assert_true(has(slg_fix_skew("3.1.2", SLG_ROLE_SHUFFLE_READ),
                  "spark.sql.adaptive.enabled=true"));
  assert_true(has(slg_fix_skew("3.3.2", SLG_ROLE_SHUFFLE_READ),
                  "skewJoin.enabled"));
  assert_true(has(slg_fix_few_tasks("3.5.1", SLG_ROLE_SHUFFLE_READ),
                  "advisoryPartitionSizeInBytes"));
  assert_false(has(slg_fix_few_tasks("3.1.2", SLG_ROLE_SHUFFLE_READ),
                   "advisory"));
  assert_true(has(slg_fix_few_tasks("3.5.1", SLG_ROLE_SCAN),
                  "numPartitions"));
}

static void test_fixes__node_loss_by_platform(void **state)
{
  (void)state;
  /* Nothing to decommission where the platform manages the workers. */
  assert_false(has(slg_fix_node_loss(SLG_PLATFORM_EMR_SERVERLESS, "3.5.0"),
                   "decommission.enabled"));
  assert_false(has(slg_fix_node_loss(SLG_PLATFORM_GLUE, "3.3.0"), "Spot"));
  assert_true(has(slg_fix_node_loss(SLG_PLATFORM_DATAPROC, "3.3.2"),
                  "efm.spark.shuffle"));
  assert_true(has(slg_fix_node_loss(SLG_PLATFORM_DATABRICKS, "3.4.1"),
                  "spark.decommission.enabled"));
  /* Spark's decommissioning is 3.1+. */
  assert_true(has(slg_fix_node_loss(SLG_PLATFORM_KUBERNETES, "3.1.1"),
                  "spark.decommission.enabled"));
  assert_false(has(slg_fix_node_loss(SLG_PLATFORM_YARN, "2.4.8"),
                   "spark.decommission.enabled"));
  assert_null(slg_fix_node_loss(SLG_PLATFORM_LOCAL, "3.5.1"));
  assert_null(slg_fix_node_loss(SLG_PLATFORM_UNKNOWN, "3.5.1"));
}

/* APP_FAILED's fix follows the root cause's class, and the version where
 * a setting was renamed. */
static void test_fixes__cause_by_class_and_version(void **state)
{
  (void)state;
  assert_non_null(strstr(slg_fix_cause("max-result-size", "3.5.1"),
                         "spark.driver.maxResultSize"));
  assert_non_null(strstr(slg_fix_cause("broadcast", "3.0.3"),
                         "spark.sql.broadcastTimeout"));
  assert_non_null(strstr(slg_fix_cause("yarn-mem-kill", "3.3.2"),
                         "spark.executor.memoryOverhead"));
  assert_non_null(strstr(slg_fix_cause("yarn-mem-kill", "2.2.0"),
                         "spark.yarn.executor.memoryOverhead"));
  assert_null(strstr(slg_fix_cause("yarn-mem-kill", "2.4.8"),
                     "spark.yarn.executor"));
  assert_non_null(strstr(slg_fix_cause("max-exec-failures", "3.5.0"),
                         "spark.executor.maxNumFailures"));
  assert_non_null(strstr(slg_fix_cause("max-exec-failures", "3.4.1"),
                         "spark.yarn.max.executor.failures"));
  assert_non_null(strstr(slg_fix_cause("data-source", NULL), "--packages"));
  /* A class without its own fix, and no class: where to look. */
  assert_non_null(strstr(slg_fix_cause("task-failure", "3.5.1"),
                         "Caused by"));
  assert_non_null(strstr(slg_fix_cause(NULL, NULL), "Caused by"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fixes__version_parse),
      cmocka_unit_test(test_fixes__tiny_tasks_by_version),
      cmocka_unit_test(test_fixes__skew_by_role_and_version),
      cmocka_unit_test(test_fixes__node_loss_by_platform),
      cmocka_unit_test(test_fixes__cause_by_class_and_version),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
