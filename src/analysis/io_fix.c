/*
 * io_fix.c - IO_PHASE_DOMINATES (io_fix.h). The settings named are
 * checked per version in docs/spark-io-phases.md.
 */
#include "io_fix.h"

int slg_io_dominant(const slg_io_phases *p, double wall_ms)
{
  int best = -1;
  double best_ms = 0;
  if (p == NULL || !(wall_ms > 0))
    return -1;
  for (int k = 0; k < SLG_IO_KIND_COUNT; k++) {
    double ms = slg_io_phase_ms(&p->kind[k]);
    if (ms >= SLG_IO_DOMINATES_MS && ms >= SLG_IO_DOMINATES_SHARE * wall_ms &&
        ms > best_ms) {
      best = k;
      best_ms = ms;
    }
  }
  return best;
}

const char *slg_io_fix(slg_io_kind k, const char *spark_version)
{
  /* Spark 1.x and 2.0 list serially on the driver whatever the number of
   * paths; 2.1 brought the threshold. */
  int old = spark_version != NULL &&
            (spark_version[0] == '1' ||
             (spark_version[0] == '2' && spark_version[1] == '.' &&
              spark_version[2] == '0'));
  switch (k) {
  case SLG_IO_LISTING:
    return old ? "list fewer files: compact small files, read only the "
                 "partitions needed (filters on partition columns); "
                 "Spark 2.1+ lists more than "
                 "spark.sql.sources.parallelPartitionDiscovery.threshold "
                 "(32) paths as a parallel job"
               : "list fewer files: compact small files, filter on "
                 "partition columns so fewer directories are listed; more "
                 "than spark.sql.sources.parallelPartitionDiscovery."
                 "threshold (32) paths are listed by a parallel job, whose "
                 "width spark.sql.sources.parallelPartitionDiscovery."
                 "parallelism (10000) caps";
  case SLG_IO_WRITE_COMMIT:
  case SLG_IO_COMMITTER:
    return "the job commit renames every output file on the driver: on "
           "S3 use a committer that does not rename (EMR: the EMRFS "
           "S3-optimized committer, spark.sql.parquet.fs.optimized."
           "committer.optimization-enabled=true, EMR 5.19+; S3A, Spark "
           "3.1+ with spark-hadoop-cloud: spark.hadoop.fs.s3a.committer."
           "name=magic or directory); on HDFS "
           "spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version=2 "
           "moves task output at task commit (faster, but a failed job "
           "can leave partial output); write fewer, larger files";
  case SLG_IO_METASTORE:
    return "metastore calls run on the driver, one table or partition "
           "batch at a time: keep "
           "spark.sql.hive.metastorePartitionPruning=true (default) so "
           "only the partitions a query filters on are fetched, prune "
           "with partition filters, and check the metastore's latency "
           "(remote Thrift, Glue Data Catalog, an embedded Derby)";
  case SLG_IO_BROADCAST:
    return "the driver collects and serializes each broadcast relation: "
           "lower spark.sql.autoBroadcastJoinThreshold (10 MB; -1 "
           "disables) for tables that are slow to collect, or raise "
           "spark.sql.broadcastTimeout (300 s) only if the build must "
           "stay";
  default:
    return "see docs/spark-io-phases.md";
  }
}
