/*
 * platform.c - which cluster manager and which managed platform ran an
 * application, from what its driver log shows:
 *
 *  - the application id's shape: YARN "application_1709280000000_0042",
 *    standalone (and Databricks) "app-20240301100002-0040", local
 *    "local-1723...", Kubernetes "spark-<32 hex>";
 *  - tasks run by executor "driver", or the Executor logger in the
 *    driver's log: local mode ("(localhost, executor driver, partition 0,
 *    ...)");
 *  - the Spark version: EMR and Glue builds say so ("3.4.1-amzn-1");
 *  - logger names, each of which only one platform's classes log under
 *    (docs/spark-failure-messages.md section 7, docs/spark-log-formats.md
 *    section 1.4): YARN's YarnClientSchedulerBackend (client mode) and
 *    ApplicationMaster / YarnAllocator (cluster mode: the driver runs in
 *    the AM), Kubernetes' ExecutorPodsAllocator, standalone's
 *    StandaloneAppClient$ClientEndpoint, EMR Serverless'
 *    EmrServerlessClusterSchedulerBackend and ExecutorContainerStoreImpl,
 *    Glue's JESSchedulerBackend and GlueLogger, Databricks' DriverDaemon
 *    and com.databricks classes, EMR's EMRFS and committer classes, the
 *    GCS connector's GoogleHadoopFileSystem classes; and Dataproc's log4j
 *    pattern, which prints Spark's loggers in full
 *    ("INFO org.apache.spark.SparkContext: ...").
 *
 * The managed platform decides over the cluster manager it runs on (a
 * Databricks driver has a standalone app id; Glue and EMR Serverless run
 * their own schedulers); an application's own evidence (its id, local
 * tasks) decides over the loggers of the whole input, so a local run
 * next to a cluster run in one document stays local.
 */
#include "platform.h"

#include <string.h>

static int starts(const char *s, const char *p)
{
  return s && strncmp(s, p, strlen(p)) == 0;
}

unsigned slg_platform_logger_bits(const char *name, const char *full)
{
  static const struct {
    const char *prefix; /* of the short name; exact when it ends in '=' */
    unsigned bits;
  } names[] = {
      /* A driver log shows the Executor logger only when the executor
       * runs in the driver's JVM: local mode. */
      {"Executor=", SLG_PSIG_LOCAL},
      {"LocalSchedulerBackend", SLG_PSIG_LOCAL},
      {"LocalScheduler=", SLG_PSIG_LOCAL},
      {"LocalEndpoint", SLG_PSIG_LOCAL},
      {"LocalActor", SLG_PSIG_LOCAL},
      {"YarnClientSchedulerBackend", SLG_PSIG_YARN_CLIENT},
      {"YarnClientImpl=", SLG_PSIG_YARN_CLIENT},
      {"YarnScheduler=", SLG_PSIG_YARN_CLIENT},
      {"ApplicationMaster", SLG_PSIG_YARN_CLUSTER},
      {"YarnClusterScheduler", SLG_PSIG_YARN_CLUSTER},
      {"YarnAllocator", SLG_PSIG_YARN_CLUSTER},
      {"YarnRMClient", SLG_PSIG_YARN_CLUSTER},
      {"YarnSchedulerBackend", SLG_PSIG_YARN},
      {"ExecutorPods", SLG_PSIG_K8S},
      {"KubernetesClusterSchedulerBackend", SLG_PSIG_K8S},
      {"SparkKubernetesClientFactory", SLG_PSIG_K8S},
      {"KubernetesClientApplication", SLG_PSIG_K8S},
      {"LoggingPodStatusWatcherImpl", SLG_PSIG_K8S},
      {"StandaloneAppClient", SLG_PSIG_STANDALONE},
      {"StandaloneSchedulerBackend", SLG_PSIG_STANDALONE},
      {"SparkDeploySchedulerBackend", SLG_PSIG_STANDALONE},
      {"AppClient$Client", SLG_PSIG_STANDALONE},
      {"EmrServerless", SLG_PSIG_EMR_SERVERLESS},
      {"DefaultEmrServerlessRMClient", SLG_PSIG_EMR_SERVERLESS},
      {"ExecutorContainerStoreImpl", SLG_PSIG_EMR_SERVERLESS},
      {"ExecutorContainerAllocator", SLG_PSIG_EMR_SERVERLESS},
      {"EMRParamSideChannel", SLG_PSIG_EMR},
      {"EmrOptimized", SLG_PSIG_EMR},
      {"EmrFileSystem", SLG_PSIG_EMR},
      {"EmrFS", SLG_PSIG_EMR},
      {"S3NativeFileSystem", SLG_PSIG_EMR},
      {"JESSchedulerBackend", SLG_PSIG_GLUE},
      {"GlueLogger", SLG_PSIG_GLUE},
      {"GlueContext", SLG_PSIG_GLUE},
      {"AnalyzerLogHelper$", SLG_PSIG_GLUE},
      {"DriverDaemon", SLG_PSIG_DATABRICKS},
      {"Databricks", SLG_PSIG_DATABRICKS},
      {"DBRDebuggerEventReporter", SLG_PSIG_DATABRICKS},
      {"DriverCorral", SLG_PSIG_DATABRICKS},
      {"GoogleHadoop", SLG_PSIG_GOOGLE},
      {"GoogleCloudStorage", SLG_PSIG_GOOGLE},
      {"GhfsStorageStatistics", SLG_PSIG_GOOGLE},
  };
  unsigned bits = 0;
  for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++) {
    const char *p = names[i].prefix;
    size_t n = strlen(p);
    if (p[n - 1] == '=')
      bits |= strlen(name) == n - 1 && strncmp(name, p, n - 1) == 0
                  ? names[i].bits
                  : 0;
    else if (strncmp(name, p, n) == 0)
      bits |= names[i].bits;
  }
  if (starts(full, "com.databricks."))
    bits |= SLG_PSIG_DATABRICKS;
  if (starts(full, "com.amazonaws.services.glue.") ||
      starts(full, "com.amazonaws.glue."))
    bits |= SLG_PSIG_GLUE;
  if (starts(full, "com.amazon.ws.emr.") ||
      starts(full, "com.amazonaws.emr."))
    bits |= SLG_PSIG_EMR;
  if (starts(full, "com.google.cloud.hadoop."))
    bits |= SLG_PSIG_GOOGLE;
  /* Dataproc's pattern prints the scheduler's loggers in full (a log4j
   * %c); the common %c{1} never does. */
  if ((starts(full, "org.apache.spark.scheduler.") ||
       strcmp(full ? full : "", "org.apache.spark.SparkContext") == 0))
    bits |= SLG_PSIG_FULL_NAMES;
  return bits;
}

static const char *yarn_mode(unsigned b)
{
  if (b & SLG_PSIG_YARN_CLUSTER)
    return "cluster";
  if (b & SLG_PSIG_YARN_CLIENT)
    return "client";
  return NULL;
}

/* 32 hex digits after "spark-": the id Kubernetes' backend makes. */
static int k8s_app_id(const char *id)
{
  if (!starts(id, "spark-"))
    return 0;
  size_t n = 0;
  for (const char *p = id + 6; *p; p++, n++)
    if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
      return 0;
  return n >= 16;
}

void slg_platform_detect(slg_platform *out, const slg_platform_input *in)
{
  unsigned b = in->loggers;
  const char *id = in->app_id;
  int amzn = in->spark_version && strstr(in->spark_version, "-amzn-");
  out->id = SLG_PLATFORM_UNKNOWN;
  out->mode = NULL;
  out->evidence = "nothing in the log names a platform";

  /* The cluster manager: the application's own evidence first. */
  slg_platform_id cm = SLG_PLATFORM_UNKNOWN;
  const char *why = NULL;
  if (starts(id, "application_")) {
    cm = SLG_PLATFORM_YARN, why = "a YARN application id";
  } else if (starts(id, "local-")) {
    cm = SLG_PLATFORM_LOCAL, why = "a local-mode application id";
  } else if (k8s_app_id(id)) {
    cm = SLG_PLATFORM_KUBERNETES, why = "a Kubernetes application id";
  } else if (starts(id, "app-")) {
    cm = SLG_PLATFORM_STANDALONE, why = "a standalone application id";
  } else if (in->driver_tasks) {
    cm = SLG_PLATFORM_LOCAL, why = "tasks ran on executor \"driver\"";
  } else if (b & SLG_PSIG_K8S) {
    cm = SLG_PLATFORM_KUBERNETES, why = "Kubernetes backend loggers";
  } else if (b & (SLG_PSIG_YARN | SLG_PSIG_YARN_CLIENT |
                  SLG_PSIG_YARN_CLUSTER)) {
    cm = SLG_PLATFORM_YARN, why = "YARN backend loggers";
  } else if (b & SLG_PSIG_STANDALONE) {
    cm = SLG_PLATFORM_STANDALONE, why = "standalone backend loggers";
  } else if (b & SLG_PSIG_LOCAL) {
    cm = SLG_PLATFORM_LOCAL, why = "the executor logs in the driver's log";
  }
  int yarn = cm == SLG_PLATFORM_YARN;

  /* The managed platform around it. */
  if (b & SLG_PSIG_EMR_SERVERLESS) {
    out->id = SLG_PLATFORM_EMR_SERVERLESS;
    out->evidence = "EMR Serverless scheduler loggers";
  } else if (b & SLG_PSIG_GLUE) {
    out->id = SLG_PLATFORM_GLUE;
    out->evidence = "AWS Glue loggers (JESSchedulerBackend, GlueLogger)";
  } else if (b & SLG_PSIG_DATABRICKS) {
    out->id = SLG_PLATFORM_DATABRICKS;
    out->evidence = "Databricks driver loggers (DriverDaemon)";
  } else if ((b & SLG_PSIG_GOOGLE) ||
             (yarn && (b & SLG_PSIG_FULL_NAMES) && !amzn)) {
    out->id = SLG_PLATFORM_DATAPROC;
    out->mode = yarn_mode(b);
    out->evidence = b & SLG_PSIG_GOOGLE
                        ? "Google Cloud Storage connector loggers"
                        : "YARN with Spark's loggers printed in full "
                          "(Dataproc's log4j pattern)";
  } else if ((b & SLG_PSIG_EMR) ||
             (amzn && (yarn || cm == SLG_PLATFORM_UNKNOWN))) {
    out->id = SLG_PLATFORM_EMR_EC2;
    out->mode = yarn_mode(b);
    out->evidence = b & SLG_PSIG_EMR ? "EMR loggers (EMRFS, committers)"
                                     : "an EMR Spark build (-amzn-)";
  } else if (cm != SLG_PLATFORM_UNKNOWN) {
    out->id = cm;
    out->mode = yarn ? yarn_mode(b) : NULL;
    out->evidence = why;
  }
}

const char *slg_platform_name(slg_platform_id id)
{
  static const char *const names[] = {
      "unknown",        "local", "standalone", "yarn",       "kubernetes",
      "emr-ec2", "emr-serverless", "glue",    "databricks", "dataproc"};
  return (unsigned)id < SLG_PLATFORM_COUNT ? names[id] : "unknown";
}

const char *slg_platform_title(slg_platform_id id)
{
  static const char *const titles[] = {
      "unknown",        "local",    "standalone", "YARN",
      "Kubernetes",     "EMR on EC2", "EMR Serverless", "AWS Glue",
      "Databricks",     "Dataproc"};
  return (unsigned)id < SLG_PLATFORM_COUNT ? titles[id] : "unknown";
}

void slg_platform_text(const slg_platform *p, slg_buf *out)
{
  slg_buf_puts(out, slg_platform_title(p->id));
  if (p->mode)
    slg_buf_printf(out, ", %s mode", p->mode);
}

void slg_report_platform(slg_platform *out, const slg_report *r, size_t app)
{
  slg_platform_input in;
  memset(&in, 0, sizeof in);
  size_t napps;
  const slg_app *apps = slg_model_apps(r->model, &napps);
  if (app < napps) {
    const slg_app *a = &apps[app];
    in.app_id = a->app_id;
    in.spark_version = a->spark_version;
    for (size_t i = 0; i < a->nexecutors; i++)
      if (a->executors[i].tasks && strcmp(a->executors[i].id, "driver") == 0)
        in.driver_tasks = 1;
  }
  in.loggers = r->platform_loggers_known ? r->platform_loggers
                                         : slg_platform_hist_bits(r->hist);
  slg_platform_detect(out, &in);
}

unsigned slg_platform_hist_bits(const slg_histogram *h)
{
  unsigned bits = 0;
  if (h)
    for (size_t i = 0; i < h->count; i++)
      bits |= slg_platform_logger_bits(h->loggers[i].name,
                                       h->loggers[i].full_name);
  return bits;
}
