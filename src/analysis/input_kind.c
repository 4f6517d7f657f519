/*
 * input_kind.c - was the input a driver log at all?
 *
 * Only the driver logs the scheduler: "INFO DAGScheduler: Got job 0 ...",
 * "INFO TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) ...", and
 * only the driver creates the SparkContext ("INFO SparkContext: Running
 * Spark version 3.5.1"). An executor's log has "INFO Executor: Running
 * task 0.0 in stage 0.0 (TID 0)" and CoarseGrainedExecutorBackend lines
 * instead. A local-mode driver logs both, so any driver logger wins. Names
 * are compared as canonical short names, as the histogram keeps them.
 */
#include "input_kind.h"

#include <string.h>

#include "knowledge.h"

/* Loggers that only exist in the driver process. */
static const char *const driver_loggers[] = {
    "DAGScheduler",
    "TaskSetManager",
    "TaskSchedulerImpl",
    "SparkContext",
    "YarnScheduler",
    "YarnClusterScheduler",
    "StandaloneSchedulerBackend",
    "YarnClientSchedulerBackend",
    "YarnClusterSchedulerBackend",
    "KubernetesClusterSchedulerBackend",
    "CoarseGrainedSchedulerBackend$DriverEndpoint",
    "ExecutorAllocationManager",
    "SparkUI",
    "SparkSession",
    /* The driver's listener bus and shuffle registry: all a local driver
     * kept at ERROR may show ("SparkListenerBus has already stopped!"). */
    "LiveListenerBus",
    "MapOutputTrackerMaster",
};

/* Loggers of the executor process. */
static const char *const executor_loggers[] = {
    "Executor",
    "CoarseGrainedExecutorBackend",
    "YarnCoarseGrainedExecutorBackend",
    "KubernetesExecutorBackend",
};

static int in_list(const slg_logger_stats *s, const char *const *list, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (strlen(list[i]) == s->name_len &&
        memcmp(list[i], s->name, s->name_len) == 0)
      return 1;
  return 0;
}

/* A Spark component: known to the knowledge table, or written with its
 * package ("org.apache.spark.storage.BlockManager", "o.a.s.x.Y"). */
static int is_spark(const slg_logger_stats *s)
{
  if (slg_knowledge_find(s->name, s->name_len))
    return 1;
  const char *f = s->full_name;
  return f && (strncmp(f, "org.apache.spark.", 17) == 0 ||
               strncmp(f, "o.a.s.", 6) == 0);
}

slg_input_kind slg_input_kind_of(const slg_histogram *h, uint64_t lines,
                                 uint64_t event_lines)
{
  if (lines == 0)
    return SLG_INPUT_EMPTY;
  int spark = 0, executor = 0;
  for (size_t i = 0; i < h->count; i++) {
    const slg_logger_stats *s = &h->loggers[i];
    if (in_list(s, driver_loggers,
                sizeof driver_loggers / sizeof *driver_loggers))
      return SLG_INPUT_DRIVER;
    if (in_list(s, executor_loggers,
                sizeof executor_loggers / sizeof *executor_loggers))
      executor = 1;
    if (!spark && is_spark(s))
      spark = 1;
  }
  /* Event logs are what the history server and most tools read; users
   * hand them over by mistake. Most of their lines are events (the rest
   * are blank or cut). */
  if (event_lines > 0 && event_lines * 2 > lines)
    return SLG_INPUT_EVENT_LOG;
  if (executor)
    return SLG_INPUT_EXECUTOR;
  return spark ? SLG_INPUT_SPARK_OTHER : SLG_INPUT_NOT_SPARK;
}

const char *slg_input_kind_name(slg_input_kind k)
{
  switch (k) {
  case SLG_INPUT_EMPTY:
    return "empty";
  case SLG_INPUT_NOT_SPARK:
    return "not_spark";
  case SLG_INPUT_SPARK_OTHER:
    return "spark_other";
  case SLG_INPUT_EXECUTOR:
    return "executor";
  case SLG_INPUT_EVENT_LOG:
    return "event_log";
  case SLG_INPUT_DRIVER:
    return "driver";
  }
  return "unknown";
}

const char *slg_input_kind_note(slg_input_kind k)
{
  switch (k) {
  case SLG_INPUT_EMPTY:
    return "the input was empty";
  case SLG_INPUT_NOT_SPARK:
    return "no Spark component logged here: this does not look like a "
           "Spark log";
  case SLG_INPUT_SPARK_OTHER:
    return "Spark components but no scheduler or SparkContext lines: not "
           "a driver log, or one logged above INFO";
  case SLG_INPUT_EXECUTOR:
    return "an executor log (no scheduler messages): jobs and stages are "
           "only in the driver log";
  case SLG_INPUT_EVENT_LOG:
    return "a Spark event log (JSON listener events), not a driver log: "
           "sparklog reads the driver's log4j output";
  case SLG_INPUT_DRIVER:
    return "a Spark driver log";
  }
  return "";
}
