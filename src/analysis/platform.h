/*
 * platform.h - where an application ran: the cluster manager (local,
 * standalone, YARN, Kubernetes) and the managed platform around it (EMR
 * on EC2, EMR Serverless, AWS Glue, Databricks, Google Dataproc), read
 * from the application id's shape, the Spark version string and the
 * names of the loggers in the log. Pure functions; tests/test_platform.c.
 */
#ifndef SLG_PLATFORM_H
#define SLG_PLATFORM_H

#include <stddef.h>

#include "model_types.h"
#include "report.h"

typedef enum slg_platform_id {
  SLG_PLATFORM_UNKNOWN = 0,
  SLG_PLATFORM_LOCAL,
  SLG_PLATFORM_STANDALONE,
  SLG_PLATFORM_YARN,
  SLG_PLATFORM_KUBERNETES,
  SLG_PLATFORM_EMR_EC2,
  SLG_PLATFORM_EMR_SERVERLESS,
  SLG_PLATFORM_GLUE,
  SLG_PLATFORM_DATABRICKS,
  SLG_PLATFORM_DATAPROC,
  SLG_PLATFORM_COUNT
} slg_platform_id;

/* What one logger's name says (bits), from its short name as `%c{1}`
 * prints it and, when the log printed one, its full dotted name. */
enum {
  SLG_PSIG_YARN_CLIENT = 1 << 0,  /* YarnClientSchedulerBackend, ... */
  SLG_PSIG_YARN_CLUSTER = 1 << 1, /* ApplicationMaster, YarnAllocator */
  SLG_PSIG_YARN = 1 << 2,         /* YarnSchedulerBackend$... */
  SLG_PSIG_K8S = 1 << 3,          /* ExecutorPodsAllocator, ... */
  SLG_PSIG_STANDALONE = 1 << 4,   /* StandaloneAppClient$ClientEndpoint */
  SLG_PSIG_EMR = 1 << 5,          /* EMRFS, EMR committers */
  SLG_PSIG_EMR_SERVERLESS = 1 << 6,
  SLG_PSIG_GLUE = 1 << 7,
  SLG_PSIG_DATABRICKS = 1 << 8,
  SLG_PSIG_GOOGLE = 1 << 9,       /* the GCS connector */
  SLG_PSIG_FULL_NAMES = 1 << 10,  /* Spark's loggers printed in full */
  SLG_PSIG_LOCAL = 1 << 11        /* an executor inside the driver JVM */
};

unsigned slg_platform_logger_bits(const char *short_name,
                                  const char *full_name);

/* The evidence for one application. */
typedef struct slg_platform_input {
  const char *app_id;        /* NULL when the log never said */
  const char *spark_version; /* NULL when unknown */
  int driver_tasks;          /* tasks ran on executor "driver" (local) */
  unsigned loggers;          /* slg_platform_logger_bits, or-ed */
} slg_platform_input;

typedef struct slg_platform {
  slg_platform_id id;
  const char *mode;     /* "client", "cluster" (YARN-based), or NULL */
  const char *evidence; /* static: what decided it, for a reader */
} slg_platform;

void slg_platform_detect(slg_platform *out, const slg_platform_input *in);

/* "yarn", "emr-serverless", ... (the answer keys' words). */
const char *slg_platform_name(slg_platform_id id);
/* "YARN", "EMR Serverless", ... for text. */
const char *slg_platform_title(slg_platform_id id);

/* Appends "YARN, client mode" / "Kubernetes" / "unknown". */
void slg_platform_text(const slg_platform *p, slg_buf *out);

/* Application `app` of a finished report: its id, version and executors
 * from the model, the logger names from the report's histogram (the
 * whole input's). */
void slg_report_platform(slg_platform *out, const slg_report *r, size_t app);
/* The or of slg_platform_logger_bits over a histogram's loggers (once per
 * report: slg_report.platform_loggers). */
unsigned slg_platform_hist_bits(const slg_histogram *h);

#endif /* SLG_PLATFORM_H */
