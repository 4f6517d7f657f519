/*
 * test_platform.c - platform detection (platform.c), table-driven: the
 * application id, the Spark version and the loggers of each platform's
 * driver log, and which evidence wins when several are present.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "platform.h"

typedef struct pcase {
  const char *app_id, *version;
  int driver_tasks;
  const char *loggers[4]; /* short names; "full:NAME" a full name */
  const char *want, *mode;
} pcase;

static const pcase cases[] = {
    /* Nothing at all. */
    {NULL, "3.5.1", 0, {NULL}, "unknown", NULL},
    /* Local: the id, tasks on "driver", the Executor logger. */
    {"local-1723", "3.5.1", 0, {NULL}, "local", NULL},
    {NULL, "3.3.2", 1, {NULL}, "local", NULL},
    {NULL, "2.0.1", 0, {"Executor"}, "local", NULL},
    {NULL, NULL, 0, {"LocalScheduler"}, "local", NULL},
    /* "ExecutorAllocationManager" is not the Executor logger. */
    {NULL, "3.5.1", 0, {"ExecutorAllocationManager"}, "unknown", NULL},
    /* YARN, both modes. */
    {"application_1709280000000_0042", "3.4.1", 0,
     {"Client", "YarnClientImpl", "YarnClientSchedulerBackend"}, "yarn",
     "client"},
    {NULL, "3.3.2", 0, {"ApplicationMaster", "YarnClusterScheduler"},
     "yarn", "cluster"},
    /* Kubernetes: loggers or the spark-<hex> id. */
    {NULL, "3.5.1", 0,
     {"ExecutorPodsAllocator",
      "KubernetesClusterSchedulerBackend$KubernetesDriverEndpoint"},
     "kubernetes", NULL},
    {"spark-cc4d115f011443d787f03a71a476a745", "3.5.3", 0, {NULL},
     "kubernetes", NULL},
    /* Standalone. */
    {"app-20240301100002-0040", "2.4.8", 0,
     {"StandaloneAppClient$ClientEndpoint"}, "standalone", NULL},
    /* An app id of its own beats the input's loggers: a local run in a
     * document that also holds a cluster's. */
    {"local-1", "3.4.0", 0, {"StandaloneSchedulerBackend"}, "local", NULL},
    /* EMR on EC2: -amzn- on YARN, or EMR's own classes. */
    {NULL, "3.4.1-amzn-1", 0, {"ApplicationMaster", "YarnAllocator"},
     "emr-ec2", "cluster"},
    {"application_1_2", "2.2.1", 0, {"EmrOptimizedParquetOutputCommitter"},
     "emr-ec2", NULL},
    /* EMR Serverless and Glue: -amzn- too, told apart by their loggers. */
    {NULL, "3.5.0-amzn-1", 0,
     {"EmrServerlessClusterSchedulerBackend", "EMRParamSideChannel"},
     "emr-serverless", NULL},
    {NULL, "3.3.0-amzn-1", 0, {"JESSchedulerBackend"}, "glue", NULL},
    {NULL, "3.3.0", 0, {"GlueLogger"}, "glue", NULL},
    /* Databricks: a standalone app id, but DriverDaemon. */
    {"app-20240301100005-0000", "3.4.1", 0,
     {"DriverDaemon$", "StandaloneAppClient$ClientEndpoint"}, "databricks",
     NULL},
    {NULL, "3.3.2", 0, {"full:com.databricks.backend.daemon.driver.X"},
     "databricks", NULL},
    /* Dataproc: YARN with Spark's loggers in full, or the GCS connector. */
    {"application_1709280000000_0140", "3.3.2", 0,
     {"full:org.apache.spark.SparkContext", "YarnClientSchedulerBackend"},
     "dataproc", "client"},
    {NULL, "3.3.2", 0, {"GoogleHadoopFileSystemBase"}, "dataproc", NULL},
    /* Full names alone (a %c pattern in local mode) are not Dataproc. */
    {NULL, "3.3.2", 1, {"full:org.apache.spark.SparkContext"}, "local",
     NULL},
};

static void test_platform__cases(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const pcase *c = &cases[i];
    slg_platform_input in;
    memset(&in, 0, sizeof in);
    in.app_id = c->app_id;
    in.spark_version = c->version;
    in.driver_tasks = c->driver_tasks;
    for (size_t k = 0; k < 4 && c->loggers[k]; k++) {
      const char *l = c->loggers[k];
      if (strncmp(l, "full:", 5) == 0) {
        const char *dot = strrchr(l, '.');
        in.loggers |= slg_platform_logger_bits(dot + 1, l + 5);
      } else {
        in.loggers |= slg_platform_logger_bits(l, NULL);
      }
    }
    slg_platform p;
    slg_platform_detect(&p, &in);
    const char *got = slg_platform_name(p.id);
    if (strcmp(got, c->want) != 0 ||
        (c->mode ? !p.mode || strcmp(p.mode, c->mode) != 0 : p.mode != NULL))
      fail_msg("case %zu: got %s/%s (%s), want %s/%s", i, got,
               p.mode ? p.mode : "-", p.evidence, c->want,
               c->mode ? c->mode : "-");
    assert_non_null(p.evidence);
  }
}

static void test_platform__names(void **state)
{
  (void)state;
  for (int i = 0; i < SLG_PLATFORM_COUNT; i++) {
    assert_non_null(slg_platform_name((slg_platform_id)i));
    assert_non_null(slg_platform_title((slg_platform_id)i));
  }
  assert_string_equal(slg_platform_name(SLG_PLATFORM_EMR_EC2), "emr-ec2");
  slg_buf b = SLG_BUF_INIT;
  slg_platform p = {SLG_PLATFORM_YARN, "client", "x"};
  slg_platform_text(&p, &b);
  assert_string_equal(slg_buf_cstr(&b), "YARN, client mode");
  slg_buf_dispose(&b);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_platform__cases),
      cmocka_unit_test(test_platform__names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
