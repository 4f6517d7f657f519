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
