/*
 * extract_io.h - the driver's I/O phase lines (docs/spark-io-phases.md):
 * which loggers carry them and the duration a line states.
 *
 * A record reaches these readers only through its logger's route
 * (model.c): an I/O logger's every line is a line of its kind; a few
 * loggers that also write other things (SharedState, HiveContext,
 * ParquetUtils, SQLConfCommitterProvider, SparkContext) are read for the
 * phase's words in the message. Nothing here runs for other records.
 */
#ifndef SLG_EXTRACT_IO_H
#define SLG_EXTRACT_IO_H

#include "extract.h"

/* In the order a line is tried against them: the first that matches wins
 * (tests/keys/time/README.md). */
typedef enum slg_io_kind {
  SLG_IO_LISTING = 0,  /* InMemoryFileIndex, HadoopFSUtils */
  SLG_IO_WRITE_COMMIT, /* FileFormatWriter, SparkHadoopWriter */
  SLG_IO_COMMITTER,    /* FileOutputCommitter, commit protocols, S3A,
                          EMRFS, DirectOutputCommitter */
  SLG_IO_METASTORE,    /* HiveMetaStore, HiveClientImpl, Glue catalog */
  SLG_IO_BROADCAST,    /* "Created broadcast N from", BroadcastExchange */
  SLG_IO_KIND_COUNT
} slg_io_kind;

/*
 * The kind of a logger, from its name as the layout wrote it (with its
 * package when printed: "org.apache.hadoop.hive.metastore.ObjectStore"),
 * or -1 when it is no I/O logger. Read once per logger (the scans cache
 * a logger's route), never per record.
 */
int slg_io_logger_kind(slg_span written);

/*
 * The readers of the routes: SLG_EV_IO with n = the kind and ms = the
 * duration the line states ("It took 41 ms to list leaf files", "Elapsed
 * time: 129 ms", "took 1.5 s"; -1 when none). The _msg readers take only
 * messages that name their kind (SLG_EXTRACT_NONE otherwise).
 */
int slg_extract_io_listing(slg_span msg, slg_event *out);
int slg_extract_io_write_commit(slg_span msg, slg_event *out);
int slg_extract_io_committer(slg_span msg, slg_event *out);
int slg_extract_io_metastore(slg_span msg, slg_event *out);
int slg_extract_io_broadcast(slg_span msg, slg_event *out);
/* "...metastore..." (SharedState's "Setting hive.metastore.warehouse.dir",
 * HiveContext's "Initializing metastore client version"). */
int slg_extract_io_metastore_msg(slg_span msg, slg_event *out);
/* "...OutputCommitter...", "...CommitProtocol...", S3A, EMRFS (ParquetUtils'
 * "Using user defined output committer for Parquet: C"). */
int slg_extract_io_committer_msg(slg_span msg, slg_event *out);
/* SparkContext's "Created broadcast N from SITE"; else NONE. */
int slg_extract_io_created_broadcast(slg_span msg, slg_event *out);

/* The duration a message states (see above), -1 when none. */
double slg_io_duration(slg_span msg);

#endif /* SLG_EXTRACT_IO_H */
