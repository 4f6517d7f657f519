/*
 * fixes.c - fixes that hold for the run at hand.
 *
 * A fix that names a setting the run's Spark does not have, or that
 * helps only where a feature is on, sends the reader on a wasted trip:
 * `spark.sql.adaptive.coalescePartitions.enabled` on Spark 3.0, where
 * adaptive query execution (AQE) itself is off by default; AQE skew-join
 * handling for a stage that scans a JDBC table; spot decommissioning on
 * EMR Serverless, which has no nodes to configure. So each fix here
 * depends on what the log shows: the Spark version ("Running Spark
 * version"), the stage's role (a scan reads input; a shuffle-read stage
 * has parent stages) and the platform (platform.c).
 *
 * Sources (docs/spark-failure-messages.md section 6 for the defaults by
 * version, section 7 for the platforms):
 *  - spark.sql.adaptive.enabled: false in 3.0-3.1, true from 3.2 ("In
 *    Spark 3.2, spark.sql.adaptive.enabled is enabled by default",
 *    docs/sql-migration-guide.md). coalescePartitions.enabled and
 *    skewJoin.enabled exist from 3.0.0, default true, and act only with
 *    AQE on (docs/sql-performance-tuning.md, "Adaptive Query
 *    Execution"); advisoryPartitionSizeInBytes is their target (64MB).
 *    AQE's skew handling splits skewed partitions of sort-merge and
 *    shuffled hash joins only, not of aggregations (same page,
 *    "Optimizing Skew Join").
 *  - spark.sql.shuffle.partitions (200) sets the partitions of a SQL
 *    shuffle; spark.default.parallelism those of RDD shuffles; file
 *    scans split by spark.sql.files.maxPartitionBytes (128MB) and
 *    spark.sql.files.openCostInBytes (docs/sql-performance-tuning.md,
 *    docs/configuration.md); a JDBC read is one partition unless
 *    partitionColumn, lowerBound, upperBound and numPartitions are given
 *    (docs/sql-data-sources-jdbc.md).
 *  - spark.decommission.enabled (3.1.0+, default false) with
 *    spark.storage.decommission.enabled and its shuffleBlocks / rddBlocks
 *    switches migrate blocks off an executor that is being taken away
 *    (docs/configuration.md 3.1+; section 6).
 *  - Dataproc: secondary workers are preemptible VMs by default; Enhanced
 *    Flexibility Mode keeps shuffle data off them
 *    (dataproc:efm.spark.shuffle=primary-worker, set when the cluster is
 *    created; cloud.google.com/dataproc/docs/concepts/configuring-
 *    clusters/flex).
 *  - Databricks: "Decommission spot instances" turns on Spark's
 *    decommissioning with the same spark.decommission.* and
 *    spark.storage.decommission.* keys in the cluster's Spark config
 *    (docs.databricks.com, compute configuration reference).
 *  - EMR on EC2: Spark on EMR handles Spot and scale-down nodes through
 *    YARN graceful decommissioning (EMR's spark.blacklist.decommissioning.*
 *    keys, EMR release guide "Spark ... node decommissioning"); core nodes
 *    on demand keep HDFS and shuffle service data.
 *  - EMR Serverless and AWS Glue manage their workers: no node to make
 *    on demand or decommission; a lost executor there is most often its
 *    memory (section 7.1, 7.3), sized by spark.executor.memory (EMR
 *    Serverless) or the worker type (Glue G.1X, G.2X, ...).
 */
#include "fixes.h"

#include <string.h>

int slg_version_parse(const char *v, int *major, int *minor)
{
  *major = *minor = -1;
  if (!v || !slg_is_digit((unsigned char)v[0]))
    return 0;
  int a = 0, b = 0;
  const char *p = v;
  while (slg_is_digit((unsigned char)*p) && a < 1000)
    a = a * 10 + (*p++ - '0');
  if (*p != '.' || !slg_is_digit((unsigned char)p[1]))
    return 0;
  p++;
  while (slg_is_digit((unsigned char)*p) && b < 1000)
    b = b * 10 + (*p++ - '0');
  *major = a;
  *minor = b;
  return 1;
}

/* What AQE is in this version: absent (before 3.0), off by default (3.0,
 * 3.1), on by default (3.2+), or unknown. */
typedef enum { AQE_UNKNOWN, AQE_ABSENT, AQE_OFF, AQE_ON } aqe;

static aqe aqe_of(const char *version)
{
  int ma, mi;
  if (!slg_version_parse(version, &ma, &mi))
    return AQE_UNKNOWN;
  if (ma < 3)
    return AQE_ABSENT;
  if (ma == 3 && mi < 2)
    return AQE_OFF;
  return AQE_ON;
}

const char *slg_fix_tiny_tasks(const char *version, slg_stage_role role)
{
  if (role == SLG_ROLE_SCAN)
    return "many small input partitions: for files, compact them into "
           "fewer, larger ones or let Spark pack more into a task "
           "(spark.sql.files.maxPartitionBytes, default 128MB; "
           "spark.sql.files.openCostInBytes); for a cached or checkpointed "
           "dataset, coalesce() it before caching";
  switch (aqe_of(version)) {
  case AQE_ABSENT:
    return "too many shuffle partitions for the data: lower "
           "spark.sql.shuffle.partitions (default 200; "
           "spark.default.parallelism for RDD shuffles) or coalesce() "
           "before the shuffle; this Spark predates adaptive query "
           "execution's partition coalescing (3.0)";
  case AQE_OFF:
    return "too many shuffle partitions for the data: turn on adaptive "
           "query execution (spark.sql.adaptive.enabled=true; off by "
           "default before Spark 3.2) so that it coalesces small shuffle "
           "partitions (spark.sql.adaptive.coalescePartitions.enabled, on "
           "by default), or lower spark.sql.shuffle.partitions (default "
           "200)";
  case AQE_ON:
    return "too many shuffle partitions for the data: adaptive query "
           "execution (on by default since Spark 3.2) coalesces them "
           "unless spark.sql.adaptive.enabled or "
           "spark.sql.adaptive.coalescePartitions.enabled was turned off "
           "(check both), and only for SQL/DataFrame shuffles; otherwise "
           "lower spark.sql.shuffle.partitions (default 200) or "
           "spark.default.parallelism for RDD shuffles";
  default:
    return "too many shuffle partitions for the data: lower "
           "spark.sql.shuffle.partitions (default 200), or on Spark 3.0+ "
           "let adaptive query execution coalesce them "
           "(spark.sql.adaptive.enabled, on by default from 3.2, with "
           "spark.sql.adaptive.coalescePartitions.enabled)";
  }
}

const char *slg_fix_skew(const char *version, slg_stage_role role)
{
  if (role == SLG_ROLE_SCAN)
    return "the input is split unevenly: a few large or unsplittable "
           "files (gzip), or a JDBC read in one partition or partitioned "
           "on a skewed column; give a JDBC read partitionColumn, "
           "lowerBound, upperBound and numPartitions on an evenly spread "
           "column, and split or recompress large input files";
  switch (aqe_of(version)) {
  case AQE_ABSENT:
    return "a few keys hold most of the data: salt the hot keys, or "
           "broadcast the small side of a join "
           "(spark.sql.autoBroadcastJoinThreshold); adaptive skew-join "
           "handling needs Spark 3.0+";
  case AQE_OFF:
    return "a few keys hold most of the data: if this stage is a join, "
           "turn on adaptive query execution "
           "(spark.sql.adaptive.enabled=true; off by default before "
           "Spark 3.2) so that spark.sql.adaptive.skewJoin.enabled (on by "
           "default) splits the skewed partitions; for an aggregation, "
           "salt the hot keys";
  case AQE_ON:
    return "a few keys hold most of the data: if this stage is a "
           "sort-merge or shuffled hash join, adaptive skew-join handling "
           "(spark.sql.adaptive.skewJoin.enabled, with AQE on by default "
           "since 3.2) should split it: check neither was turned off, and "
           "lower spark.sql.adaptive.skewJoin.skewedPartitionFactor if the "
           "skew is under its threshold; for an aggregation or an RDD "
           "shuffle, salt the hot keys";
  default:
    return "a few keys hold most of the data: salt the hot keys or check "
           "the partitioner; for a join on Spark 3.0+, adaptive skew-join "
           "handling (spark.sql.adaptive.enabled, on by default from 3.2, "
           "and spark.sql.adaptive.skewJoin.enabled) splits skewed "
           "partitions";
  }
}

const char *slg_fix_few_tasks(const char *version, slg_stage_role role)
{
  if (role == SLG_ROLE_SCAN)
    return "the input gave few splits: lower "
           "spark.sql.files.maxPartitionBytes (default 128MB) for file "
           "sources, give a JDBC read numPartitions with partitionColumn, "
           "or repartition right after reading";
  if (aqe_of(version) == AQE_ON)
    return "raise the partition count to use every slot: adaptive query "
           "execution (on by default since 3.2) may have coalesced the "
           "partitions to spark.sql.adaptive.advisoryPartitionSizeInBytes "
           "(64MB): lower it, or raise spark.sql.shuffle.partitions / "
           "spark.default.parallelism";
  return "raise the partition count (repartition, or "
         "spark.sql.shuffle.partitions / spark.default.parallelism) to use "
         "every slot";
}

const char *slg_fix_node_loss(slg_platform_id p, const char *version)
{
  int ma, mi;
  int decom = slg_version_parse(version, &ma, &mi) &&
              (ma > 3 || (ma == 3 && mi >= 1));
  switch (p) {
  case SLG_PLATFORM_EMR_SERVERLESS:
    return "EMR Serverless manages its workers: there are no Spot nodes "
           "to decommission, so memory is the likely cause";
  case SLG_PLATFORM_GLUE:
    return "AWS Glue manages its workers: memory is the likely cause, and "
           "a larger worker type (G.2X, G.4X) gives each executor more";
  case SLG_PLATFORM_DATAPROC:
    return "on Dataproc, secondary workers are preemptible by default: "
           "keep shuffle data on primary workers with Enhanced "
           "Flexibility Mode (dataproc:efm.spark.shuffle=primary-worker, "
           "set at cluster creation) or use non-preemptible secondary "
           "workers";
  case SLG_PLATFORM_DATABRICKS:
    return "on Databricks spot workers, turn on spot decommissioning "
           "(spark.decommission.enabled, spark.storage.decommission."
           "enabled with its shuffleBlocks and rddBlocks switches) or "
           "use on-demand workers";
  case SLG_PLATFORM_EMR_EC2:
    return "on EMR, run core nodes on demand and Spot only on task "
           "nodes; Spark on EMR handles Spot and scale-down through YARN "
           "graceful decommissioning";
  case SLG_PLATFORM_KUBERNETES:
  case SLG_PLATFORM_YARN:
  case SLG_PLATFORM_STANDALONE:
    return decom ? "on spot or preemptible nodes, turn on decommissioning "
                   "(spark.decommission.enabled, "
                   "spark.storage.decommission.enabled, Spark 3.1+)"
                 : "on spot or preemptible nodes, use on-demand nodes for "
                   "executors (Spark's decommissioning needs 3.1+)";
  default:
    return NULL;
  }
}

/*
 * Root causes, by class (section 8's "typical fix" column; the sections
 * named below give each wording and setting):
 *  - java-oom, spark-oom: section 3.1-3.2; spark.executor.memory and the
 *    partition count decide a task's share of the heap.
 *  - max-result-size: section 3.3; spark.driver.maxResultSize, 1g in
 *    every version, 0 = unlimited.
 *  - broadcast: section 3.4; spark.sql.broadcastTimeout (300 s) and
 *    spark.sql.autoBroadcastJoinThreshold (10 MB, -1 disables).
 *  - yarn-mem-kill, yarn-exit-status, k8s-exit, emr-serverless-exit,
 *    standalone-exit, exit-code-text: sections 2.2-2.6 and 3.6; the
 *    overhead key is spark.executor.memoryOverhead from 2.3 on,
 *    spark.yarn.executor.memoryOverhead before (section 6).
 *  - heartbeat: section 2.7; spark.network.timeout (120 s) is the expiry.
 *  - python-worker, pyspark: sections 1.7, 3.5; spark.executor.pyspark.memory
 *    exists from 2.4.0.
 *  - fetch-failed, missing-map-output: sections 4.1-4.3.
 *  - analysis, data-source, class-missing: sections 5.1-5.3.
 *  - no-resources: section 5.5; max-exec-failures: section 1.6 (the key is
 *    spark.yarn.max.executor.failures before 3.5, spark.executor.
 *    maxNumFailures from 3.5.0).
 *  - disk: section 4.4; sc-init: section 1.8; streaming-query: 1.11.
 */
const char *slg_fix_cause(const char *class_id, const char *version)
{
  int major, minor;
  int known = slg_version_parse(version, &major, &minor);
  int before_2_3 = known && (major < 2 || (major == 2 && minor < 3));
  int from_3_5 = known && (major > 3 || (major == 3 && minor >= 5));
  const char *c = class_id ? class_id : "";
  if (!strcmp(c, "java-oom"))
    return "a JVM ran out of memory: in a task, give executors more heap "
           "(spark.executor.memory) or fewer cores each, or use more, smaller "
           "partitions; on the driver (dag-scheduler, collect), raise "
           "spark.driver.memory and avoid collecting large results";
  if (!strcmp(c, "spark-oom"))
    return "a task could not get execution memory: use more partitions "
           "(spark.sql.shuffle.partitions) or more memory per task "
           "(spark.executor.memory, fewer spark.executor.cores)";
  if (!strcmp(c, "max-result-size"))
    return "the results sent to the driver exceeded spark.driver.maxResultSize "
           "(default 1g): write the result out instead of collect(), or raise "
           "the limit with spark.driver.memory to match (0 = unlimited)";
  if (!strcmp(c, "broadcast"))
    return "a broadcast join timed out or was too large: raise "
           "spark.sql.broadcastTimeout (default 300 s) or disable automatic "
           "broadcasts with spark.sql.autoBroadcastJoinThreshold=-1";
  if (!strcmp(c, "yarn-mem-kill") || !strcmp(c, "yarn-exit-status") ||
      !strcmp(c, "k8s-exit") || !strcmp(c, "emr-serverless-exit") ||
      !strcmp(c, "standalone-exit") || !strcmp(c, "exit-code-text"))
    return before_2_3
               ? "executors died (see EXECUTOR_LOSS for their exit codes): "
                 "for memory kills (137, memory limits) raise "
                 "spark.yarn.executor.memoryOverhead or spark.executor."
                 "memory, or give each executor fewer cores"
               : "executors died (see EXECUTOR_LOSS for their exit codes): "
                 "for memory kills (137, memory limits, OOMKilled) raise "
                 "spark.executor.memoryOverhead or spark.executor.memory, or "
                 "give each executor fewer cores";
  if (!strcmp(c, "heartbeat"))
    return "executors stopped answering (long GC pauses or a lost host): give "
           "them more memory, look at GC time, and only then raise "
           "spark.network.timeout (default 120s)";
  if (!strcmp(c, "python-worker"))
    return "a Python worker failed: read the Python exception in the lines "
           "shown; if it crashed, give Python memory "
           "(spark.executor.pyspark.memory, spark.executor.memoryOverhead)";
  if (!strcmp(c, "pyspark"))
    return "the Python driver program raised an exception: read the "
           "traceback's last line and its user frame";
  if (!strcmp(c, "fetch-failed") || !strcmp(c, "missing-map-output"))
    return "shuffle output was lost with its executor or could not be "
           "fetched: find why executors died (EXECUTOR_LOSS), keep shuffle "
           "data with the external shuffle service or decommissioning, and "
           "check the network between hosts";
  if (!strcmp(c, "analysis"))
    return "the query refers to a table, view or column that does not exist "
           "in the catalog: check its name and the catalog/database in use";
  if (!strcmp(c, "data-source"))
    return "a data source's package is missing: add it with --packages or "
           "--jars (e.g. the Kafka, Avro or JDBC connector for this Spark and "
           "Scala version)";
  if (!strcmp(c, "class-missing"))
    return "a class is missing from the classpath: ship the jar with --jars "
           "or --packages, and check that its Scala and Spark versions match "
           "the cluster's";
  if (!strcmp(c, "no-resources"))
    return "no executor ever registered: the cluster had no free resources "
           "for the executor size requested (memory, cores) or the queue was "
           "full";
  if (!strcmp(c, "max-exec-failures"))
    return from_3_5
               ? "too many executors failed: fix why they die (EXECUTOR_LOSS); "
                 "the limit is spark.executor.maxNumFailures"
               : "too many executors failed: fix why they die (EXECUTOR_LOSS); "
                 "the limit is spark.yarn.max.executor.failures";
  if (!strcmp(c, "disk"))
    return "a disk or file-handle limit was hit: point spark.local.dir (or "
           "the platform's local dirs) at larger volumes, or raise the "
           "open-files limit";
  if (!strcmp(c, "sc-init"))
    return "the SparkContext could not start: read the error after 'Error "
           "initializing SparkContext' (master URL, resources, configuration)";
  if (!strcmp(c, "streaming-query"))
    return "a streaming query stopped with an error: fix its cause; it "
           "restarts from its checkpoint";
  return "read the exception, its deepest 'Caused by:' and the first frame "
         "of user code at the lines shown";
}
