/*
 * knowledge_messages.c - what a WARN/ERROR message template implies
 * (slg_knowledge_message, knowledge.h).
 *
 * One static table: a piece of the masked template (messages.h) that
 * identifies the message, optionally its logger, and one sentence on
 * what it means for the run. Each wording is Spark's (or the JVM's, or
 * Kafka's) as its source logs it; docs/spark-warnings.md cites where.
 * Looked up only for the templates a report shows, never per line.
 */
#include <string.h>

#include "knowledge.h"

typedef struct known_message {
  const char *logger; /* NULL: any */
  const char *needle; /* a piece of the template */
  const char *explain;
} known_message;

/* clang-format off */
static const known_message known[] = {
  {"StreamingContext", "should be set as local[n], n > <n> in local mode if you have receivers",
   "the master has one core: a DStream receiver occupies it and the batches "
   "get no core to run on; use local[n] with n > 1 (one per receiver, plus "
   "one)"},
  {NULL, "Initial job has not accepted any resources",
   "tasks were waiting for executors: no worker registered, or none has the "
   "memory/cores asked for (spark.executor.memory, spark.executor.cores); "
   "the job sits idle until resources come"},
  {NULL, "Issue communicating with driver in heartbeater",
   "an executor could not reach the driver: a driver busy in long GC, "
   "overloaded, or a network problem; enough of them and the executor exits"},
  {NULL, "Executor heartbeat timed out",
   "the driver declared an executor dead after no heartbeat for "
   "spark.network.timeout: most often long GC pauses from memory pressure, "
   "else a lost node or network; its tasks are re-run"},
  {NULL, "with no recent heartbeats",
   "the driver removes an executor that sent no heartbeat within the "
   "timeout (long GC pauses, a lost node); its tasks are re-run"},
  {"DAGScheduler", "Broadcasting large task binary",
   "the serialized task (the closure and the RDD lineage) is large: a big "
   "object captured in a closure or a long lineage; broadcast the data "
   "explicitly or checkpoint the lineage"},
  {NULL, "GC overhead limit exceeded",
   "the JVM spent nearly all its time in garbage collection: the heap is too "
   "small for the data (raise executor memory, use more partitions, avoid "
   "collecting large data)"},
  {NULL, "java.lang.OutOfMemoryError",
   "a JVM ran out of heap: more memory or more, smaller partitions"},
  {NULL, "resolves to a loopback address",
   "the host name resolves to 127.x: Spark binds to another interface it "
   "picked; set SPARK_LOCAL_IP (or fix /etc/hosts) when that is the wrong "
   "one, or executors on other hosts cannot connect"},
  {NULL, "Set SPARK_LOCAL_IP if you need to bind to another address",
   "follows the loopback host name warning: the address Spark chose may not "
   "be the one other hosts reach"},
  {NULL, "not running in UninterruptibleThread",
   "Kafka consumer warning (KAFKA-1894): harmless unless a task is "
   "interrupted while polling, which can then hang"},
  {NULL, "Container killed by YARN for exceeding",
   "YARN killed an executor container over its memory limit: raise "
   "spark.executor.memoryOverhead (off-heap, Python workers) or the memory"},
  {NULL, "FetchFailed(",
   "a reducer could not fetch shuffle output: the executor that wrote it is "
   "gone (lost, killed, OOM); the map stage is re-run"},
  {NULL, "ExecutorLostFailure",
   "a task failed because its executor died; the reason that follows says "
   "why (memory, heartbeat, preemption)"},
  {NULL, "failed <n> times; aborting job",
   "a task failed spark.task.maxFailures times: the job (and usually the "
   "application) failed; the first task error says why"},
  {NULL, "TaskKilled (another attempt succeeded)",
   "speculative execution: a duplicate attempt won and this one was "
   "killed; harmless"},
  {NULL, "No Partition Defined for Window operation",
   "a window function without PARTITION BY moves all rows to one "
   "partition: one task does all the work"},
  {NULL, "Truncated the string representation of a plan",
   "a plan has more fields than spark.sql.debug.maxToStringFields; "
   "harmless, only the text is cut"},
  {NULL, "Neither spark.yarn.jars nor spark.yarn.archive is set",
   "every submission uploads Spark's jars to HDFS: set spark.yarn.archive "
   "to save start-up time"},
  {NULL, "could not bind on port",
   "another application already holds the port (several drivers on one "
   "host); Spark tries the next one"},
  {NULL, "some data may have been missed",
   "a Kafka partition's offsets moved (retention or a reset): records were "
   "skipped (failOnDataLoss=false)"},
  {NULL, "Unable to load native-hadoop library",
   "Hadoop's native code is not installed; Java fallbacks are used "
   "(harmless, slower compression)"},
  {NULL, "Using an existing SparkSession",
   "getOrCreate returned a running session: core settings given to the "
   "builder were ignored"},
  {NULL, "Still have <n> requests outstanding when connection",
   "a connection to an executor or shuffle service closed with requests "
   "in flight: the peer died or the network dropped"},
  {NULL, "Exception in connection from",
   "a peer (executor, shuffle service) closed the connection or died"},
  {NULL, "terminated with error",
   "a Structured Streaming query stopped with an exception: the stream is "
   "down until restarted"},
  {NULL, "falling behind",
   "micro-batches take longer than the trigger interval: the stream lags "
   "more and more"},
  {NULL, "was deleted by a user or the framework",
   "Kubernetes deleted an executor pod (eviction, preemption, node "
   "scale-down, or the driver's own downscaling)"},
};
/* clang-format on */

const char *slg_knowledge_message(const char *logger, const char *tpl)
{
  for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
    const known_message *k = &known[i];
    if (k->logger && (!logger || strcmp(k->logger, logger) != 0))
      continue;
    if (strstr(tpl, k->needle))
      return k->explain;
  }
  return NULL;
}
