/*
 * knowledge.c - the component knowledge base: what each Spark logger is.
 *
 * A histogram of loggers ("2671 TaskSetManager, 478 DAGScheduler, ...") is
 * only useful if the reader knows what each component does and what a high
 * count of it usually means. This module holds that knowledge as one static
 * table, written by us and checked against Spark's source and real driver
 * logs: per logger its canonical short name (as `%c{1}` prints it, so inner
 * classes keep their `$`), package, subsystem, a one-line role for the
 * histogram and a paragraph for `sparklog explain NAME`.
 *
 * Subsystem slugs (a fixed set; slg_subsystem_title() names them):
 *   scheduler        DAG/task scheduling, dynamic allocation
 *   storage          block manager, memory store, broadcast, caching
 *   shuffle          map output tracking, shuffle fetch, spills, AQE
 *   sql              Spark SQL planning, file sources, catalog, codegen
 *   io-commit        writers, commit protocols, output committers
 *   cluster-manager  YARN, Kubernetes and standalone backends and daemons
 *   executor         code running inside executor JVMs
 *   core             SparkContext, environment, UI, listeners, shutdown
 *   streaming        Structured Streaming, DStreams, Kafka client
 *   network          RPC and block transfer transport
 *   platform         vendor runtime classes (AWS Glue, Databricks)
 *   hadoop           Hadoop client libraries (HDFS, codecs, EMRFS)
 *   python           PySpark bridge
 *
 * Vendor classes whose source is not public (Glue, EMR, Databricks) have
 * inferred = 1 and say so in their text: their behaviour is read off their
 * log lines, not their code.
 *
 * The table is sorted by name (strcmp order, checked by a test) so exact
 * lookup, done once per distinct logger by the histogram, is a binary
 * search. The forgiving lookup for `explain` runs once per command and may
 * scan linearly for its case-insensitive fallback.
 */
#include "knowledge.h"

#include <string.h>

/* Sorted by name in strcmp order; names are unique. Kept out of
 * clang-format: its string re-flow would break the 80-column layout. */
/* clang-format off */
static const slg_component components[] = {
  {"AdaptiveSparkPlanExec", "org.apache.spark.sql.execution.adaptive", "sql",
   "AQE root node; re-optimizes a query between stages",
   "AdaptiveSparkPlanExec "
   "(org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec, 3.0+) "
   "runs a query stage by stage and re-optimizes the remaining plan with "
   "runtime statistics: coalescing shuffle partitions, switching to broadcast "
   "joins and splitting skewed partitions. Its `Plan changed: ...`, `Final "
   "plan: ...` and `Re-optimize - ...` lines are logged at "
   "spark.sql.adaptive.logLevel, which defaults to debug, so at INFO it is "
   "usually silent. If it appears, the count is a few multi-line entries per "
   "query, and the final plan shows which AQE rules fired.",
   0},
  {"AdminClientConfig", "org.apache.kafka.clients.admin", "streaming",
   "Kafka client: dumps admin client configuration when one is built",
   "AdminClientConfig (org.apache.kafka.clients.admin.AdminClientConfig) is "
   "the configuration of the Kafka admin client that Spark's Kafka source "
   "uses to look up offsets. It logs `AdminClientConfig values:` followed by "
   "one line per setting when an admin client is created, and WARN lines such "
   "as `The configuration 'value.deserializer' was supplied but isn't a known "
   "config.` because Spark passes consumer options to it too. The count is a "
   "multi-line block per admin client; the warnings are harmless.",
   0},
  {"AnalyzerLogHelper$", "(AWS Glue runtime, not public)", "platform",
   "Glue runtime helper that logs analysis/diagnostic notes (inferred)",
   "AnalyzerLogHelper$ is a Scala object shipped in the AWS Glue runtime, not "
   "in Apache Spark; its source is not public, so this description is "
   "inferred from log lines only. It appears in Glue driver logs (the "
   "`/aws-glue/jobs/error` and output streams) next to Glue's own "
   "failure-analysis output, and its messages are commonly filtered out as "
   "noise by people reading Glue logs; they do not describe Spark jobs, "
   "stages or tasks. A moderate count is normal for a Glue job and carries no "
   "performance meaning by itself; read its WARN or ERROR lines only when a "
   "Glue job failed without a clear Spark error.",
   1},
  {"AppInfoParser", "org.apache.kafka.common.utils", "streaming",
   "Kafka client: logs client version each time a client is created",
   "AppInfoParser (org.apache.kafka.common.utils.AppInfoParser) is a Kafka "
   "client utility that registers client metadata. It logs the client "
   "library's identity whenever a producer, consumer or admin client is "
   "created: `Kafka version: 3.4.1`, `Kafka commitId: 8a516edc2755df89` and "
   "`Kafka startTimeMs: 1741509633274`. The count is three lines per Kafka "
   "client created, so it tells how many clients were built; a high count "
   "means consumers are not being reused across batches.",
   0},
  {"AppendDataExec",
   "org.apache.spark.sql.execution.datasources.v2",
   "io-commit",
   "DataSource V2 append write (INSERT INTO / append to a V2 table)",
   "AppendDataExec "
   "(org.apache.spark.sql.execution.datasources.v2.AppendDataExec) is the "
   "physical operator that appends a query's result to a DataSource V2 table "
   "(Iceberg, Cassandra, Delta through V2, JDBC V2 catalogs). It logs `Start "
   "processing data source write support: <write>. The input RDD has 8 "
   "partitions.` and `Data source write support <write> committed.` around "
   "the write. The count is about two lines per append; the per-partition "
   "commits of the same write appear as DataWritingSparkTask lines.",
   0},
  {"ApplicationMaster", "org.apache.spark.deploy.yarn", "cluster-manager",
   "YARN AM: registers with the ResourceManager, runs or serves the driver",
   "ApplicationMaster (org.apache.spark.deploy.yarn.ApplicationMaster) runs "
   "in the first YARN container: in cluster mode it runs the user class as "
   "the driver, in client mode it only allocates executors for the remote "
   "driver (ExecutorLauncher). It logs `Registered signal handlers for [TERM, "
   "HUP, INT]`, `ApplicationAttemptId: appattempt_..._000001`, `Starting the "
   "user application in a separate Thread` and `Final app status: SUCCEEDED, "
   "exitCode: 0` (or FAILED with a diagnostic). The count is a small constant "
   "per attempt; a second ApplicationAttemptId means YARN retried the whole "
   "application (spark.yarn.maxAppAttempts).",
   0},
  {"AsyncEventQueue", "org.apache.spark.scheduler", "core",
   "one listener-bus queue; logs dropped events and slow listeners",
   "AsyncEventQueue (org.apache.spark.scheduler.AsyncEventQueue, 2.3+) is one "
   "queue of the LiveListenerBus (shared, appStatus, executorManagement, "
   "eventLog, streams), each with its own thread. It logs the ERROR `Dropping "
   "event from queue appStatus. This likely means one of the listeners is too "
   "slow and cannot keep up with the rate at which tasks are being started by "
   "the scheduler.` once, then periodic WARN lines `Dropped 1234 events from "
   "appStatus since <date>.`. Any non-zero count matters: events were lost, "
   "so the UI, event log or dynamic allocation saw an incomplete picture; "
   "enlarge spark.scheduler.listenerbus.eventqueue.capacity.",
   0},
  {"BaseMetastoreTableOperations", "org.apache.iceberg", "io-commit",
   "Apache Iceberg: commits and refreshes table metadata files",
   "BaseMetastoreTableOperations "
   "(org.apache.iceberg.BaseMetastoreTableOperations) writes and reads an "
   "Iceberg table's metadata files and swaps the catalog pointer on commit. "
   "It logs `Refreshing table metadata from new version: "
   "s3://.../metadata/00003-<uuid>.metadata.json` on reads and `Successfully "
   "committed to table db.t in 120 ms` on writes. The count is one or two "
   "lines per table access; long commit times or commit retries point to "
   "concurrent writers or a slow catalog.",
   0},
  {"BlacklistTracker", "org.apache.spark.scheduler", "scheduler",
   "pre-3.1 name of HealthTracker: blacklists failing executors/nodes",
   "BlacklistTracker (org.apache.spark.scheduler.BlacklistTracker, 2.2-3.0) "
   "blacklists executors and nodes on which tasks keep failing, when "
   "spark.blacklist.enabled is true; Spark 3.1 renamed it HealthTracker. It "
   "logs `Blacklisting executor id: 3 because it has 2 task failures in "
   "successful task sets` and similar lines for whole nodes. Any count here "
   "means repeated task failures concentrated on some hosts, which the log's "
   "Lost task lines then confirm.",
   0},
  {"BlockGenerator", "org.apache.spark.streaming.receiver", "streaming",
   "DStream receivers: groups received records into blocks",
   "BlockGenerator (org.apache.spark.streaming.receiver.BlockGenerator) "
   "collects records received by a DStream receiver into blocks every "
   "spark.streaming.blockInterval and hands them to the block manager. It "
   "logs `Started BlockGenerator`, `Started block pushing thread` and, at "
   "stop, `Pushed block input-0-1444396203000`. The count follows receiver "
   "starts and stops; a count that keeps growing means receivers are "
   "restarting.",
   0},
  {"BlockManager", "org.apache.spark.storage", "storage",
   "a JVM's block store front end; logs registration, lookups, removals",
   "BlockManager (org.apache.spark.storage.BlockManager) runs in the driver "
   "and every executor and manages local blocks in memory and on disk, "
   "fetching remote ones when needed. It logs `Using "
   "org.apache.spark.storage.RandomBlockReplicationPolicy for block "
   "replication policy`, `Initialized BlockManager: BlockManagerId(driver, "
   "10.0.0.5, 43567, None)`, `Found block rdd_2_0 locally`, `Removing RDD 12` "
   "and `BlockManager stopped`. In a driver-only log the count is small; in "
   "local mode or aggregated executor logs it grows with cached-RDD reads, "
   "and WARN `Block rdd_... could not be removed as it was not found` or "
   "`Putting block ... failed` lines point to memory or disk trouble.",
   0},
  {"BlockManagerInfo", "org.apache.spark.storage", "storage",
   "driver's record of each executor's blocks; logs block adds/removals",
   "BlockManagerInfo is the driver-side bookkeeping class defined in "
   "org.apache.spark.storage.BlockManagerMasterEndpoint: it keeps, per "
   "executor, which blocks (broadcast pieces, cached RDD partitions) are "
   "stored where and how much memory is left. It logs `Added "
   "broadcast_0_piece0 in memory on 10.0.0.5:43567 (size: 4.9 KiB, free: "
   "434.4 MiB)`, `Updated ...` and `Removed broadcast_4_piece0 on host:port "
   "in memory (size: 7.5 KiB, free: ...)`. Every broadcast (including the "
   "task binary of each stage) is added on the driver and then on each "
   "executor that reads it, so the count scales with stages times executors; "
   "a high count means many broadcasts or much caching, and falling `free:` "
   "values show memory pressure. Since Spark 4.0 these Added/Updated/Removed "
   "lines are DEBUG and disappear from INFO logs.",
   0},
  {"BlockManagerMaster", "org.apache.spark.storage", "storage",
   "client of the driver's block registry; logs registration and removal",
   "BlockManagerMaster (org.apache.spark.storage.BlockManagerMaster) is the "
   "client every BlockManager uses to talk to the driver's "
   "BlockManagerMasterEndpoint. It logs `Registering BlockManager "
   "BlockManagerId(driver, 10.0.0.5, 43567, None)`, `Registered BlockManager "
   "BlockManagerId(...)`, `Removed 3 successfully in removeExecutor` and "
   "`BlockManagerMaster stopped`. The count is a few lines per block manager "
   "start plus one per removed executor; executor removals here confirm "
   "losses seen elsewhere.",
   0},
  {"BlockManagerMasterEndpoint", "org.apache.spark.storage", "storage",
   "driver endpoint that registers block managers and tracks executors",
   "BlockManagerMasterEndpoint "
   "(org.apache.spark.storage.BlockManagerMasterEndpoint) is the driver-side "
   "registry of all block managers: executors register with it and report "
   "their blocks, and it handles block and executor removal. It logs "
   "`Registering block manager 10.0.0.5:43567 with 434.4 MiB RAM, "
   "BlockManagerId(1, 10.0.0.5, 43567, None)` for every executor, `Trying to "
   "remove executor 3 from BlockManagerMaster.` and `Removing block manager "
   "BlockManagerId(...)` when one goes away. The count is about two or three "
   "lines per executor lifetime, so a high count means many executors came "
   "and went (dynamic allocation, preemption or crashes).",
   0},
  {"BlockManagerMasterHeartbeatEndpoint", "org.apache.spark.storage", "storage",
   "driver endpoint receiving block manager heartbeats (3.0+)",
   "BlockManagerMasterHeartbeatEndpoint "
   "(org.apache.spark.storage.BlockManagerMasterHeartbeatEndpoint, 3.0+) is a "
   "separate driver endpoint that handles block manager heartbeats, so that "
   "heartbeats are not delayed behind slower block-registry messages. "
   "SparkEnv logs `Registering BlockManagerMasterHeartbeat` when it starts; "
   "the endpoint itself logs little at INFO. A count above a few lines is "
   "unusual and worth reading, since it would concern executors whose "
   "heartbeats arrive for unknown block managers.",
   0},
  {"BlockManagerSlaveEndpoint", "org.apache.spark.storage", "storage",
   "executor endpoint removing blocks on the driver's request (pre-3.1)",
   "BlockManagerSlaveEndpoint "
   "(org.apache.spark.storage.BlockManagerSlaveEndpoint, renamed "
   "BlockManagerStorageEndpoint in 3.1) runs in each block manager and "
   "executes the driver's commands to remove RDDs, shuffles and broadcasts. "
   "Its lines `removing broadcast 4`, `Done removing broadcast 4, response is "
   "0`, `removing RDD 12` and `Sent response: 0 to host:port` are DEBUG, so "
   "they appear only when DEBUG logging is on. The count follows "
   "ContextCleaner's activity and unpersist calls; it is high in DEBUG logs "
   "of applications with many short jobs.",
   0},
  {"BlockManagerStorageEndpoint", "org.apache.spark.storage", "storage",
   "executor endpoint that removes blocks on the driver's request (3.1+)",
   "BlockManagerStorageEndpoint "
   "(org.apache.spark.storage.BlockManagerStorageEndpoint, 3.1+; formerly "
   "BlockManagerSlaveEndpoint) runs in each block manager and executes the "
   "driver's requests to remove RDD, shuffle and broadcast blocks and to "
   "report block status. It logs mostly at DEBUG, with INFO or WARN lines "
   "when a removal fails. A noticeable count usually mirrors ContextCleaner's "
   "`Cleaned ...` lines or explicit unpersist calls.",
   0},
  {"CacheManager", "org.apache.spark.sql.execution", "sql",
   "SQL cache registry (2.x+); in 1.x the RDD partition cache helper",
   "In Spark 2.0+ CacheManager (org.apache.spark.sql.execution.CacheManager) "
   "keeps the cached Datasets and replaces matching plan fragments with "
   "in-memory scans; it logs warnings such as `Asked to cache already cached "
   "data.`. In Spark 1.x a different class, org.apache.spark.CacheManager, "
   "logged `Partition rdd_2_0 not found, computing it` each time a cached RDD "
   "partition had to be computed. In 1.x logs a high count means cached RDDs "
   "were computed (or recomputed after eviction); in 2.x+ any count is small "
   "and points to redundant cache() calls.",
   0},
  {"CheckpointFileManager",
   "org.apache.spark.sql.execution.streaming",
   "streaming",
   "writes streaming checkpoint files atomically (temp file + rename)",
   "CheckpointFileManager "
   "(org.apache.spark.sql.execution.streaming.CheckpointFileManager) writes "
   "Structured Streaming checkpoint files (offsets, commits, state) so that a "
   "file appears complete or not at all. It logs `Writing atomically to "
   "file:/.../offsets/33 using temp file file:/.../.33.<uuid>.tmp` and "
   "`Renamed temp file file:/... to file:/.../offsets/33`. The count is about "
   "two lines per checkpoint file written, i.e. a few per micro-batch; on "
   "object stores these renames are slow and can dominate small batches.",
   0},
  {"CheckpointWriter", "org.apache.spark.streaming", "streaming",
   "DStream streaming: writes checkpoint files per batch",
   "CheckpointWriter (an inner class of "
   "org.apache.spark.streaming.Checkpoint's file) writes the serialized "
   "DStream graph to the checkpoint directory. It logs `Saving checkpoint for "
   "time 1444396203000 ms to file 'hdfs://.../checkpoint-1444396203000'`, "
   "`Checkpoint for time ... ms saved to file '...', took 4035 bytes and 24 "
   "ms` and `Deleting ...` for old checkpoints. The count is about three "
   "lines per batch; long save times add directly to batch processing delay.",
   0},
  {"Client", "org.apache.spark.deploy.yarn", "cluster-manager",
   "YARN submission client: uploads resources, polls application state",
   "Client (org.apache.spark.deploy.yarn.Client) submits a Spark application "
   "to YARN: it checks cluster capacity, uploads jars and configuration, "
   "builds the ApplicationMaster's launch context and then polls the "
   "application's state. It logs `Requesting a new application from cluster "
   "with 2 NodeManagers`, `Uploading resource file:/... -> hdfs://...`, "
   "`Submitting application application_..._0008 to ResourceManager` and "
   "`Application report for application_..._0008 (state: RUNNING)`. In "
   "cluster mode the report line repeats every second "
   "(spark.yarn.report.interval) for the whole run, so a high count mostly "
   "reflects run time; a long stretch of `state: ACCEPTED` means the YARN "
   "queue had no room.",
   0},
  {"CoarseGrainedExecutorBackend", "org.apache.spark.executor", "executor",
   "executor process main: registers with the driver, receives tasks",
   "CoarseGrainedExecutorBackend "
   "(org.apache.spark.executor.CoarseGrainedExecutorBackend) is the main "
   "class of an executor JVM on YARN, Kubernetes and standalone: it connects "
   "to the driver, registers, and runs the tasks it receives. It logs "
   "`Registered signal handlers for [TERM, HUP, INT]`, `Connecting to driver: "
   "spark://CoarseGrainedScheduler@...`, `Successfully registered with "
   "driver` and `Got assigned task 17` for each task. It appears in "
   "aggregated YARN logs, where the count is about one per task; the ERROR "
   "`RECEIVED SIGNAL TERM` or `Executor self-exiting due to : Driver ... "
   "disassociated` lines explain how an executor ended.",
   0},
  {"CoarseGrainedSchedulerBackend$DriverEndpoint",
   "org.apache.spark.scheduler.cluster",
   "cluster-manager",
   "driver endpoint executors register with; launches tasks on them",
   "CoarseGrainedSchedulerBackend$DriverEndpoint "
   "(org.apache.spark.scheduler.cluster) is the driver RPC endpoint that "
   "executors register with and through which tasks are launched and status "
   "updates received; the YARN, Kubernetes and standalone backends log "
   "through subclasses of it. It logs `Registered executor "
   "NettyRpcEndpointRef(spark-client://Executor) (10.0.0.5:43210) with ID 1,  "
   "ResourceProfileId 0`, `Asking each executor to shut down`, `Disabling "
   "executor 3.` and `Asked to remove non-existent executor 3`. The count is "
   "about one line per executor plus removals; many removals mean executors "
   "are being lost or released by dynamic allocation.",
   0},
  {"CodeGenerator", "org.apache.spark.sql.catalyst.expressions.codegen", "sql",
   "compiles generated Java for SQL plans; logs time per compilation",
   "CodeGenerator "
   "(org.apache.spark.sql.catalyst.expressions.codegen.CodeGenerator) "
   "compiles the Java source produced by whole-stage code generation and "
   "expression codegen with Janino, caching the results. It logs `Code "
   "generated in 12.168 ms` for each compilation, and an ERROR with the "
   "generated source when compilation fails, after which "
   "WholeStageCodegenExec logs the WARN `Whole-stage codegen disabled for "
   "plan (id=1)` and falls back. The count equals the number of distinct "
   "compilations, often the most frequent line of a SQL driver log; many "
   "lines with large times mean many distinct queries or very wide plans, and "
   "compile failures fall back to slower interpreted execution.",
   0},
  {"CodecPool", "org.apache.hadoop.io.compress", "hadoop",
   "Hadoop's codec pool; logs when new compressor instances are created",
   "CodecPool (org.apache.hadoop.io.compress.CodecPool) pools compressor and "
   "decompressor instances for Hadoop codecs (gzip, snappy, zstd, lz4, ...). "
   "It logs `Got brand-new compressor [.snappy]` or `Got brand-new "
   "decompressor [.gz]` whenever the pool has no free instance. The count "
   "grows with the number of files written or read with compression, "
   "typically one per write task in local-mode or executor logs; it is "
   "harmless but a very high count means many small compressed files.",
   0},
  {"CommitLog", "org.apache.spark.sql.execution.streaming", "streaming",
   "Structured Streaming commit log in the checkpoint directory",
   "CommitLog (org.apache.spark.sql.execution.streaming.CommitLog) records, "
   "one file per micro-batch under `<checkpoint>/commits`, that a batch "
   "completed. When a query restarts it logs `BatchIds found from listing: "
   "...` and `Getting latest batch 33`; comparing it with OffsetSeqLog's "
   "latest batch shows whether the last batch is re-run. The count is a few "
   "lines per query start and has no performance meaning.",
   0},
  {"ConsoleProgressBar", "org.apache.spark.ui", "core",
   "console stage progress bar drawn on stderr, not a log line",
   "ConsoleProgressBar (org.apache.spark.ui.ConsoleProgressBar) draws `[Stage "
   "7:=====>   (117 + 145) / 286]` on stderr with carriage returns when "
   "spark.ui.showConsoleProgress is on (the shells turn it on). It does not "
   "write log4j records, but its output is interleaved with log lines and can "
   "be glued onto the start of the next one. A log with many such fragments "
   "came from an interactive shell or notebook console; the numbers are "
   "completed, running and total tasks of the stage.",
   0},
  {"ConsumerConfig", "org.apache.kafka.clients.consumer", "streaming",
   "Kafka client: dumps consumer configuration when a consumer is built",
   "ConsumerConfig (org.apache.kafka.clients.consumer.ConsumerConfig) is the "
   "Kafka client's consumer configuration class. It logs `ConsumerConfig "
   "values:` followed by one line per setting each time a consumer is "
   "created. The count is a multi-line block per consumer created, so a high "
   "count means many consumers (many partitions or consumers not being "
   "reused); WARN `The configuration 'x' was supplied but isn't a known "
   "config.` is harmless.",
   0},
  {"ContextCleaner", "org.apache.spark", "core",
   "garbage-collects unused shuffles, broadcasts, RDDs and accumulators",
   "ContextCleaner (org.apache.spark.ContextCleaner) removes shuffle files, "
   "broadcast blocks, cached RDDs and accumulators once the driver objects "
   "that referenced them have been garbage collected. It logs `Cleaned "
   "accumulator 19`, `Cleaned shuffle 1`, `Cleaned broadcast 4` and `Cleaned "
   "RDD 12`. The count follows how many such objects were created and "
   "collected, so a high count means many short jobs with their own "
   "broadcasts and accumulators (typical of SQL with many small queries); it "
   "is harmless, but in long applications a missing cleaner means shuffle "
   "files accumulate on disk.",
   0},
  {"ContextHandler", "org.eclipse.jetty.server.handler", "core",
   "Jetty web server: logs each UI servlet started and stopped",
   "ContextHandler (org.eclipse.jetty.server.handler.ContextHandler, shaded "
   "into Spark as org.sparkproject.jetty in 3.x) is the Jetty class behind "
   "each page of the Spark web UI. It logs `Started "
   "o.s.j.s.ServletContextHandler@1a2b{/jobs,null,AVAILABLE,@Spark}` for each "
   "UI path at start and `stopped "
   "o.s.j.s.ServletContextHandler{/storage/rdd,null}` at shutdown. The count "
   "is a few dozen lines per application start and stop and carries no "
   "performance meaning; it is the main source of start-up noise in Spark 1.x "
   "and 2.x logs.",
   0},
  {"DAGScheduler", "org.apache.spark.scheduler", "scheduler",
   "turns jobs into stages, submits them and tracks their completion",
   "DAGScheduler (org.apache.spark.scheduler.DAGScheduler) splits each action "
   "into stages at shuffle boundaries, submits the stages whose parents are "
   "ready, and resubmits stages when shuffle output is lost. Its lines tell "
   "the story of every job: `Got job 0 (count at App.scala:12) with 8 output "
   "partitions`, `Submitting ShuffleMapStage 0 (...), which has no missing "
   "parents`, `Submitting 8 missing tasks from ResultStage 1 (...)`, "
   "`ShuffleMapStage 0 (map at App.scala:10) finished in 3.379 s` and `Job 0 "
   "finished: count at App.scala:12, took 5.012 s`. Failures show up as "
   "`ResultStage 1 (...) failed in 2.1 s due to Job aborted due to stage "
   "failure: ...` and as `Resubmitting ShuffleMapStage 0 ... due to fetch "
   "failure`. The count grows with the number of jobs and stages (about five "
   "lines per stage plus four or five per job), so a high count means many "
   "small jobs or many stages; repeated `Resubmitting` lines point to lost "
   "executors or fetch failures.",
   0},
  {"DBCEventLoggingListener",
   "com.databricks.backend.daemon.driver",
   "platform",
   "Databricks listener shipping Spark events to the platform (inferred)",
   "DBCEventLoggingListener is a Databricks runtime class (seen in Databricks "
   "driver logs next to the standalone scheduler backend that Databricks "
   "uses); its source is not public, so this description is inferred from its "
   "name and log lines. It appears to play the role of Spark's "
   "EventLoggingListener, writing Spark listener events for the Databricks "
   "platform (the Spark UI and history of the run). The count is a small "
   "constant per cluster start; WARN lines here can mean the recorded history "
   "of the run is incomplete, not that the job failed.",
   1},
  {"DFSClient", "org.apache.hadoop.hdfs", "hadoop",
   "HDFS client; logs pipeline problems (and every packet at DEBUG)",
   "DFSClient (org.apache.hadoop.hdfs.DFSClient) is the HDFS client library "
   "Spark uses to read and write files on HDFS. At INFO and WARN it reports "
   "block pipeline and datanode problems, such as `Exception in "
   "createBlockOutputStream`, `Abandoning BP-...` and `Excluding datanode "
   "...`, and read retries against failed datanodes. At DEBUG it logs every "
   "packet (`Queued packet 12`, `DataStreamer block BP-... sending packet "
   "...`, `DFSClient seqno: 12 reply: SUCCESS ...`), so a count in the "
   "thousands usually just means DEBUG logging was enabled; WARN lines, in "
   "contrast, point to slow or dead datanodes, full disks or network trouble.",
   0},
  {"DStreamGraph", "org.apache.spark.streaming", "streaming",
   "DStream streaming: the graph of input and output streams",
   "DStreamGraph (org.apache.spark.streaming.DStreamGraph) holds the input "
   "and output DStreams of a StreamingContext and generates each batch's "
   "RDDs. With checkpointing it logs `Updating checkpoint data for time "
   "1444396203000 ms`, `Updated checkpoint data for time ... ms` and "
   "`Clearing checkpoint data for time ... ms`. The count is two or three "
   "lines per batch, so it tracks the number of batches.",
   0},
  {"DataWritingSparkTask",
   "org.apache.spark.sql.execution.datasources.v2",
   "io-commit",
   "DataSource V2 write task; logs each partition's commit",
   "DataWritingSparkTask (in "
   "org.apache.spark.sql.execution.datasources.v2.WriteToDataSourceV2Exec) "
   "runs the write of one partition for DataSource V2 sinks (Iceberg, Delta "
   "via V2, Kafka, the console and memory sinks of streaming). It logs "
   "`Writer for partition 4 is committing.`, `Commit authorized for partition "
   "0 (task 7, attempt 0, stage 7.0)` and `Committed partition 0 (task 7, "
   "attempt 0, stage 7.0)`, plus `Aborting commit for partition ...` on "
   "failure. These are task-side lines, about two per write task, so in "
   "local-mode and streaming logs the count tracks write tasks (micro-batches "
   "times partitions).",
   0},
  {"DiskBlockManager", "org.apache.spark.storage", "storage",
   "creates local scratch directories for shuffle and spilled blocks",
   "DiskBlockManager (org.apache.spark.storage.DiskBlockManager) maps block "
   "IDs to files in the local directories given by spark.local.dir (or the "
   "YARN/Kubernetes local dirs) and creates those directories. It logs "
   "`Created local directory at /tmp/blockmgr-<uuid>` once per directory per "
   "JVM and, on errors, `Failed to create local dir in ...`. The count is a "
   "small constant; an ERROR here usually means the disk is full or not "
   "writable, which then surfaces as shuffle or spill failures.",
   0},
  {"EmrOptimizedParquetOutputCommitter",
   "com.amazon.emr.committer",
   "io-commit",
   "EMR's S3-optimized Parquet committer; logs if enabled (inferred)",
   "EmrOptimizedParquetOutputCommitter is the Amazon EMR (and Glue) committer "
   "for Parquet writes to S3 that avoids rename-based commits; its source is "
   "not public, so this description is inferred from log lines. It logs `EMR "
   "Optimized Committer: ENABLED` (or DISABLED) and `Using output committer "
   "class "
   "org.apache.hadoop.mapreduce.lib.output.FileSystemOptimizedCommitter` when "
   "a write starts. The count is about two lines per write job; when it says "
   "DISABLED the write falls back to FileOutputCommitter renames, which is "
   "much slower on S3.",
   1},
  {"EventLoggingListener", "org.apache.spark.scheduler", "core",
   "writes the Spark event log used by the history server",
   "EventLoggingListener (org.apache.spark.scheduler.EventLoggingListener) "
   "writes every listener event as JSON to the event log when "
   "spark.eventLog.enabled is true; the history server and tools read it. It "
   "logs `Logging events to hdfs:///var/log/spark/apps/application_...` at "
   "start and, for rolling logs, when it rolls a file. The count is a "
   "constant one or two lines; the path tells where to find the event log "
   "with full per-task metrics.",
   0},
  {"Executor", "org.apache.spark.executor", "executor",
   "runs tasks inside an executor JVM; logs each task run and result",
   "Executor (org.apache.spark.executor.Executor) runs tasks in a thread pool "
   "inside each executor JVM (and inside the driver in local mode). It logs "
   "`Running task 0.0 in stage 1.0 (TID 1)`, `Finished task 0.0 in stage 1.0 "
   "(TID 1). 2082 bytes result sent to driver` and, on failure, the ERROR "
   "`Exception in task 0.0 in stage 1.0 (TID 1)` with a stack trace. It "
   "appears in a driver log only in local mode or with aggregated executor "
   "logs, where the count is about two per task; `Exception in task` lines "
   "hold the real cause behind TaskSetManager's `Lost task`.",
   0},
  {"ExecutorAllocationManager", "org.apache.spark", "scheduler",
   "dynamic allocation: requests and releases executors with the backlog",
   "ExecutorAllocationManager (org.apache.spark.ExecutorAllocationManager) "
   "runs when spark.dynamicAllocation.enabled is true: it asks the cluster "
   "manager for more executors while tasks are backlogged and releases "
   "executors that stay idle. It logs `Requesting 2 new executors because "
   "tasks are backlogged (new desired total will be 4 for resource profile "
   "id: 0)` and, in 3.1+, `Executors 1,2 removed due to idle timeout.` (2.x: "
   "`Removing executor 3 because it has been idle for 60 seconds ...`). A "
   "high count means executor churn: jobs separated by idle gaps longer than "
   "spark.dynamicAllocation.executorIdleTimeout lose their executors and must "
   "wait for new ones, which shows as slow stage starts.",
   0},
  {"ExecutorEventListener", "(AWS Glue runtime, not public)", "platform",
   "Glue runtime listener for executor add/remove events (inferred)",
   "ExecutorEventListener appears in AWS Glue driver logs and is not an "
   "Apache Spark class; its source is not public, so this description is "
   "inferred from its name and log position. It most likely listens for "
   "executors being added and removed and records those events for Glue's "
   "resource management or metrics. The count should follow the number of "
   "executor arrivals and departures; many lines mean executor churn from "
   "auto scaling or lost workers.",
   1},
  {"ExecutorMonitor", "org.apache.spark.scheduler.dynalloc", "scheduler",
   "dynamic allocation: tracks executor idleness and registrations",
   "ExecutorMonitor (org.apache.spark.scheduler.dynalloc.ExecutorMonitor, "
   "3.0+) is the listener behind dynamic allocation that tracks which "
   "executors are idle, hold cached blocks or shuffle data, and when their "
   "idle timeouts expire. It logs `New executor 2 has registered (new total "
   "is 1)` and the matching removal lines. The count is about one or two "
   "lines per executor, so a high count means executor churn; compare it with "
   "ExecutorAllocationManager's request and removal lines.",
   0},
  {"ExecutorPodsAllocator",
   "org.apache.spark.scheduler.cluster.k8s",
   "cluster-manager",
   "Kubernetes: creates executor pods in batches up to the target count",
   "ExecutorPodsAllocator "
   "(org.apache.spark.scheduler.cluster.k8s.ExecutorPodsAllocator) creates "
   "executor pods through the Kubernetes API in batches of "
   "spark.kubernetes.allocation.batch.size until the target count is reached. "
   "It logs `Going to request 2 executors from Kubernetes for ResourceProfile "
   "Id: 0, target: 2, known: 0, sharedSlotFromPendingPods: 2147483647.` (2.4: "
   "`Going to request 2 executors from Kubernetes.`). A high count means "
   "executors are requested repeatedly, usually because pods fail to start or "
   "are evicted; check quota, image pull and node capacity.",
   0},
  {"ExecutorTaskManagement", "(AWS Glue runtime, not public)", "platform",
   "Glue runtime: tracks executors and their tasks (inferred)",
   "ExecutorTaskManagement is a class of the AWS Glue 2.0+ runtime, which "
   "manages executors itself instead of through YARN; its source is not "
   "public, so this description is inferred from its name and from where its "
   "lines appear, not from its code. Its lines sit next to those of "
   "JESSchedulerBackend, TaskGroupInterface and ExecutorAllocationManager, "
   "which suggests it keeps track of Glue executors and the tasks running on "
   "them as workers are added and released. Expect a count that grows with "
   "executor churn (Glue auto scaling, lost workers) rather than with the "
   "amount of data processed; read its WARN and ERROR lines together with the "
   "TaskSetManager `Lost task` lines when executors disappear.",
   1},
  {"ExternalAppendOnlyMap", "org.apache.spark.util.collection", "shuffle",
   "RDD aggregation map that spills to disk; logs spill events",
   "ExternalAppendOnlyMap "
   "(org.apache.spark.util.collection.ExternalAppendOnlyMap) holds the "
   "combiners of RDD operations such as reduceByKey, groupByKey and cogroup, "
   "spilling sorted runs to disk when execution memory runs short. Through "
   "the Spillable trait it logs `Thread 65 spilling in-memory map of 5.1 MiB "
   "to disk (1 time so far)` (4.0: `times`) and `Task 12 force spilling "
   "in-memory map to disk and it will release 60.0 MiB memory`. These are "
   "executor lines; a high count means aggregations exceed memory, usually "
   "from skewed keys, too few partitions or groupByKey on large groups.",
   0},
  {"ExternalSorter", "org.apache.spark.util.collection", "shuffle",
   "sort-based shuffle writer/aggregator; logs spills to disk",
   "ExternalSorter (org.apache.spark.util.collection.ExternalSorter) sorts "
   "and optionally aggregates records for sort-based shuffle writes and some "
   "reduce-side operations, spilling to disk when execution memory runs "
   "short. Through the Spillable trait it logs `Thread 65 spilling in-memory "
   "map of 5.1 MiB to disk (1 time so far)` and `Task 12 force spilling "
   "in-memory map to disk and it will release 60.0 MiB memory`. Spill lines "
   "come from executors; a high count means tasks do not fit in execution "
   "memory, so use more partitions, more executor memory or fewer cores per "
   "executor.",
   0},
  {"FileFormatWriter",
   "org.apache.spark.sql.execution.datasources",
   "io-commit",
   "drives SQL file writes; logs job commit start, end and elapsed time",
   "FileFormatWriter "
   "(org.apache.spark.sql.execution.datasources.FileFormatWriter) runs a "
   "DataFrame/SQL write to files: it launches the write job, has each task "
   "write its files through the commit protocol, then commits the job on the "
   "driver and processes write statistics. From 3.2 it logs `Start to commit "
   "write Job <uuid>.`, `Write Job <uuid> committed. Elapsed time: 177 ms.` "
   "and `Finished processing stats for write job <uuid>.`; an ERROR `Aborting "
   "job <uuid>.` means the write failed. The count is about three lines per "
   "write, so it equals three times the number of save operations; a long "
   "elapsed commit time usually points at slow renames on object stores (S3, "
   "GCS, ADLS), which a direct or magic committer avoids.",
   0},
  {"FileInputFormat", "org.apache.hadoop.mapreduce.lib.input", "hadoop",
   "Hadoop input format; logs how many input files a read will process",
   "FileInputFormat (org.apache.hadoop.mapreduce.lib.input.FileInputFormat, "
   "and the old-API org.apache.hadoop.mapred.FileInputFormat) lists input "
   "files and computes splits for Hadoop-based reads such as textFile and "
   "Hive tables. It logs `Total input files to process : 20` (old API: `Total "
   "input paths to process : 20`) once per read. The count equals the number "
   "of such reads; the file count explains the number of tasks of the "
   "following stage, and thousands of files mean many small splits.",
   0},
  {"FileOutputCommitter", "org.apache.hadoop.mapreduce.lib.output", "io-commit",
   "Hadoop's rename-based output committer; logs algorithm and commits",
   "FileOutputCommitter "
   "(org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter) is Hadoop's "
   "classic committer: tasks write under a `_temporary` directory and their "
   "output is renamed into place on task commit (algorithm 2) or job commit "
   "(algorithm 1). It logs `File Output Committer Algorithm version is 1` and "
   "`FileOutputCommitter skip cleanup _temporary folders under output "
   "directory:false, ignore cleanup failures: false` each time a committer is "
   "created, and `Saved output of task 'attempt_...' to <path>` on task "
   "commit. The count grows with the number of writes and, where executors "
   "log into the same file, with the number of write tasks. On object stores "
   "the renames are copies, so slow job commits here are a reason to use an "
   "S3-optimized, magic or directory committer.",
   0},
  {"FileSourceScanExec", "org.apache.spark.sql.execution", "sql",
   "physical file scan; logs split planning (bin packing, file count)",
   "FileSourceScanExec is the physical operator for file-based scans, defined "
   "in org.apache.spark.sql.execution.DataSourceScanExec.scala; it lists the "
   "selected files and packs them into read partitions. When it builds its "
   "RDD it logs `Planning scan with bin packing, max size: 134217728 bytes, "
   "open cost is considered as scanning 4194304 bytes.` (vendor builds append "
   "`number of split files: ...`), or `Planning with N buckets` for bucketed "
   "tables. The count is about one line per scan executed, so it tracks the "
   "number of file reads; the `max size` value "
   "(spark.sql.files.maxPartitionBytes, lowered when the total input is "
   "small) explains how many read tasks the next stage will have.",
   0},
  {"FileSourceStrategy", "org.apache.spark.sql.execution.datasources", "sql",
   "plans file scans; logs pushed-down and post-scan filters per scan",
   "FileSourceStrategy "
   "(org.apache.spark.sql.execution.datasources.FileSourceStrategy) is the "
   "planner rule that turns a logical read of files (Parquet, ORC, CSV, JSON, "
   "...) into a FileSourceScanExec, deciding which filters can be pushed into "
   "the reader and which columns are needed. For each planned scan it logs "
   "`Pushed Filters: IsNotNull(id),GreaterThan(id,10)`, `Post-Scan Filters: "
   "...` and `Output Data Schema: struct<id: bigint, ...>`. The count is "
   "about three lines per file scan planned, so it tracks the number of "
   "file-based reads (and re-plans) in the application. An empty `Pushed "
   "Filters:` on a selective query suggests the filter could not be pushed "
   "down, so the scan reads more data than needed.",
   0},
  {"FileSystemOptimizedCommitter",
   "org.apache.hadoop.mapreduce.lib.output",
   "io-commit",
   "EMR's direct-write S3 committer behind the optimized one (inferred)",
   "FileSystemOptimizedCommitter is an Amazon EMR class (despite its Hadoop "
   "package name) that the EMRFS S3-optimized committer delegates to; its "
   "source is not public, so this description is inferred from log lines. It "
   "logs `Nothing to setup as successful task attempt outputs are written "
   "directly` at job setup, showing that task output goes straight to its "
   "final S3 location instead of being renamed. The count is about one line "
   "per write job (more with executor logs); its presence confirms that "
   "rename-free commits were used.",
   1},
  {"GPLNativeCodeLoader", "com.hadoop.compression.lzo", "hadoop",
   "hadoop-lzo: loads the native GPL compression library",
   "GPLNativeCodeLoader (com.hadoop.compression.lzo.GPLNativeCodeLoader, from "
   "hadoop-lzo) loads the native library behind LzoCodec. It logs `Loaded "
   "native gpl library` once per JVM, just before LzoCodec's own line. The "
   "count only tells how many JVMs started with hadoop-lzo on the classpath.",
   0},
  {"GlueCloudwatchSink", "(AWS Glue runtime, not public)", "platform",
   "Glue metrics sink publishing Spark metrics to CloudWatch (inferred)",
   "GlueCloudwatchSink appears in AWS Glue driver logs and is not an Apache "
   "Spark class; its source is not public, so this description is inferred "
   "from its name. It is most likely the Spark metrics sink that Glue "
   "installs to publish job metrics to Amazon CloudWatch, logging when it "
   "starts and stops. The count is a small constant per job; errors here "
   "would only affect the CloudWatch job metrics, not the job.",
   1},
  {"GlueLogger", "com.amazonaws.services.glue.log", "platform",
   "AWS Glue's logger for Glue library and user script messages (inferred)",
   "GlueLogger is the logger class of the AWS Glue library: it is what a Glue "
   "script gets from `glueContext.get_logger()`, and Glue's own components "
   "log through it too. The Glue runtime source is not public, so this "
   "description is inferred from log lines. Its lines carry the job script's "
   "own progress messages and messages from Glue features (DynamicFrame "
   "readers and writers, job bookmarks, connections), so it is the place to "
   "look for what the script reported. The count depends on the script and "
   "the Glue features used, not on the size of the Spark work.",
   1},
  {"HadoopFSUtils", "org.apache.spark.util", "sql",
   "parallel listing of input directories for large file indexes",
   "HadoopFSUtils (org.apache.spark.util.HadoopFSUtils, 3.2+) does the "
   "recursive listing behind InMemoryFileIndex; when there are more paths "
   "than spark.sql.sources.parallelPartitionDiscovery.threshold (32 by "
   "default) it runs the listing as a Spark job. It then logs `Listing leaf "
   "files and directories in parallel under N paths. The first several paths "
   "are: ...`, which is followed by a small job in the DAGScheduler lines. "
   "The count is one line per parallel listing; many of them mean the "
   "application reads tables with many partition directories, and the listing "
   "jobs add to the job count seen elsewhere.",
   0},
  {"HadoopMapReduceCommitProtocol", "org.apache.spark.internal.io", "io-commit",
   "commit protocol over a Hadoop OutputCommitter (staging, dynamic parts)",
   "HadoopMapReduceCommitProtocol "
   "(org.apache.spark.internal.io.HadoopMapReduceCommitProtocol) implements "
   "Spark's FileCommitProtocol on top of a Hadoop OutputCommitter and handles "
   "dynamic partition overwrite through a staging directory. It logs mainly "
   "warnings, for example when cleaning up a staging directory fails or a "
   "task commit is retried. A non-zero count is uncommon at INFO; WARN lines "
   "here usually concern leftover `_temporary` or `.spark-staging` "
   "directories after failed writes.",
   0},
  {"HadoopRDD", "org.apache.spark.rdd", "io-commit",
   "RDD over a Hadoop InputFormat; logs each input split read",
   "HadoopRDD (org.apache.spark.rdd.HadoopRDD) reads data through an old-API "
   "Hadoop InputFormat (textFile, hadoopFile, Hive tables in older versions). "
   "Each task logs `Input split: hdfs://namenode:9000/path/file.log:0+7292` "
   "for the split it reads. These are task-side lines, so in local-mode logs "
   "the count equals the number of read tasks; many tiny splits mean many "
   "small input files.",
   0},
  {"HealthTracker", "org.apache.spark.scheduler", "scheduler",
   "excludes executors and nodes after repeated task failures (3.1+)",
   "HealthTracker (org.apache.spark.scheduler.HealthTracker, 3.1+, formerly "
   "BlacklistTracker) excludes executors and nodes on which tasks keep "
   "failing, when spark.excludeOnFailure.enabled is true. It logs `Excluding "
   "executor id: 3 because it has 2 task failures in successful task sets` "
   "and similar lines for nodes, and the matching lines when an exclusion "
   "expires. Any count here means tasks failed repeatedly on specific hosts; "
   "check those hosts' disks, memory or network.",
   0},
  {"Hive", "org.apache.hadoop.hive.ql.metadata", "sql",
   "Hive metadata layer; logs table loads, file moves, missing tables",
   "Hive (org.apache.hadoop.hive.ql.metadata.Hive, logged as `metadata.Hive` "
   "in the `%c{2}` layout) is Hive's client-side metadata layer that Spark's "
   "Hive support uses to load data into tables and partitions. It logs "
   "`Replacing "
   "src:hdfs://.../table/.hive-staging_hive_.../-ext-10000/part-00000, dest: "
   "hdfs://.../table/part-00000, Status:true` for each file moved from the "
   "staging directory on INSERT, and ERROR `Table x not found` when a lookup "
   "fails. The count is about one line per output file of Hive-format "
   "inserts, so a high count means many output files; every move is a rename, "
   "which is slow on object stores.",
   0},
  {"HiveConf", "org.apache.hadoop.hive.conf", "sql",
   "Hive configuration loader; warns about unknown hive.* settings",
   "HiveConf (org.apache.hadoop.hive.conf.HiveConf) loads Hive's "
   "configuration for Spark's Hive metastore client. Its typical line is the "
   "WARN `HiveConf of name hive.stats.jdbc.timeout does not exist`, logged "
   "once per unknown property when the client starts. The count is a constant "
   "handful and harmless; these warnings come from hive-site.xml files "
   "written for a different Hive version.",
   0},
  {"HiveMetaStore", "org.apache.hadoop.hive.metastore", "sql",
   "embedded Hive metastore; logs each metastore call when run in-process",
   "HiveMetaStore (org.apache.hadoop.hive.metastore.HiveMetaStore) is the "
   "Hive metastore service that answers catalog calls. When Spark uses an "
   "embedded (local Derby) metastore it runs inside the driver and logs each "
   "call, for example `0: get_database: default` and `0: Opening raw store "
   "with implementation class:org.apache.hadoop.hive.metastore.ObjectStore`. "
   "The count follows the number of catalog operations (table lookups, "
   "partition listing); a high count means heavy catalog traffic, such as "
   "many partitions being listed, and an embedded Derby metastore is meant "
   "for testing only.",
   0},
  {"HiveUtils", "org.apache.spark.sql.hive", "sql",
   "builds Spark's Hive metastore client; logs the Hive version used",
   "HiveUtils (org.apache.spark.sql.hive.HiveUtils) creates the Hive "
   "metastore client Spark uses for its catalog, choosing the Hive version "
   "and jars from spark.sql.hive.metastore.version and "
   "spark.sql.hive.metastore.jars. It logs `Initializing "
   "HiveMetastoreConnection version 2.3.9 using Spark classes.` (or `using "
   "maven` / `using path`). The count is one or two lines per client created; "
   "a version mismatch with the real metastore shows up as errors right after "
   "this line.",
   0},
  {"InMemoryFileIndex", "org.apache.spark.sql.execution.datasources", "sql",
   "lists input files and partitions; logs how long listing took",
   "InMemoryFileIndex "
   "(org.apache.spark.sql.execution.datasources.InMemoryFileIndex) lists the "
   "files under a table's root paths, discovers partition directories and "
   "caches the result for planning. Since 3.0 it logs `It took 45 ms to list "
   "leaf files for 1 paths.` for every listing; in 3.0-3.1 it also logs "
   "`Listing leaf files and directories in parallel under N paths...`, which "
   "moved to HadoopFSUtils in 3.2. The count equals the number of listings, "
   "so a high count means many reads of file-based tables or repeated "
   "re-listing; large times point at huge directory trees or slow "
   "object-store listing, which a metastore table with partition pruning "
   "avoids.",
   0},
  {"InputInfoTracker", "org.apache.spark.streaming.scheduler", "streaming",
   "DStream streaming: per-batch input metadata; logs cleanup",
   "InputInfoTracker (org.apache.spark.streaming.scheduler.InputInfoTracker) "
   "keeps per-batch input information (records per input stream) shown in the "
   "streaming UI. It logs `remove old batch metadata: 1444396200000 ms` as "
   "batches age out. The count is about one line per batch and has no further "
   "meaning.",
   0},
  {"Instrumentation", "org.apache.spark.ml.util", "core",
   "MLlib training instrumentation; logs parameters and warnings",
   "Instrumentation (org.apache.spark.ml.util.Instrumentation) records what "
   "Spark ML estimators do during fit: parameters, number of features and "
   "examples, and warnings. Its lines are prefixed by a short id of the "
   "training run, e.g. `[0f5d2a1b] regParam is zero, which might cause "
   "numerical instability and overfitting.`. The count grows with the number "
   "of models trained (cross-validation multiplies it); the warnings are "
   "about model quality, not Spark performance.",
   0},
  {"JESSchedulerBackend", "(AWS Glue runtime, not public)", "platform",
   "Glue's scheduler backend (instead of YARN); executor events (inferred)",
   "JESSchedulerBackend is the scheduler backend of the AWS Glue 2.0+ runtime "
   "(logged as `scheduler.JESSchedulerBackend` in the Glue layout); Glue uses "
   "it instead of YARN to obtain and release executors. Its source is not "
   "public, so this description is inferred from log lines: it plays the part "
   "the YARN, Kubernetes and standalone backends play elsewhere, logging its "
   "own start (a line consisting of just `JESSchedulerBackend` has been "
   "seen), executor requests and removals, and shutdown. A high count means "
   "executor churn (auto scaling, lost workers); its WARN or ERROR lines "
   "about removed executors explain task losses reported by TaskSetManager.",
   1},
  {"JESSchedulerBackend$JESAsSchedulerBackendEndpoint",
   "(AWS Glue runtime, not public)",
   "platform",
   "RPC endpoint of Glue's scheduler backend; executor events (inferred)",
   "JESSchedulerBackend$JESAsSchedulerBackendEndpoint is an inner class of "
   "AWS Glue's JESSchedulerBackend; the Glue runtime source is not public, so "
   "this description is inferred from its name and log lines. Judging by its "
   "name it is the backend's RPC endpoint, the Glue counterpart of "
   "CoarseGrainedSchedulerBackend's DriverEndpoint, which executors register "
   "with and which handles their removal. The count follows executor arrivals "
   "and departures, so a high count means executor churn; removal reasons "
   "logged here explain lost tasks.",
   1},
  {"JettyUtils", "org.apache.spark.ui", "core",
   "starts the embedded Jetty server of the web UI",
   "JettyUtils (org.apache.spark.ui.JettyUtils) builds and starts the "
   "embedded Jetty server that serves the Spark UI. It logs `Start Jetty "
   "0.0.0.0:4040 for SparkUI` and, under YARN, `Adding filter: "
   "org.apache.hadoop.yarn.server.webproxy.amfilter.AmIpFilter` for the "
   "resource manager's proxy. The count is a small constant per application "
   "and has no performance meaning.",
   0},
  {"JobGenerator", "org.apache.spark.streaming.scheduler", "streaming",
   "DStream streaming: generates jobs and checkpoints per batch interval",
   "JobGenerator (org.apache.spark.streaming.scheduler.JobGenerator) fires at "
   "every batch interval, generates the batch's jobs from the DStream graph "
   "and triggers checkpoints. It logs `Checkpointing graph for time "
   "1444396203000 ms` when checkpointing is enabled, and `Stopping "
   "JobGenerator immediately` / `Stopped JobGenerator` at shutdown. The count "
   "is about one line per checkpointed batch, so it tracks the run time "
   "divided by the batch interval.",
   0},
  {"JobScheduler", "org.apache.spark.streaming.scheduler", "streaming",
   "DStream streaming: runs each batch's jobs; logs batch delays",
   "JobScheduler (org.apache.spark.streaming.scheduler.JobScheduler) runs the "
   "jobs generated for every DStream batch interval. It logs `Added jobs for "
   "time 1444396203000 ms`, `Starting job streaming job 1444396203000 ms.0 "
   "from job set of time ...`, `Finished job streaming job ...` and `Total "
   "delay: 5.777 s for time 1444396203000 ms (execution: 0.336 s)`. The count "
   "is a few lines per batch and output operation; a total delay that keeps "
   "growing beyond the batch interval means the stream cannot keep up.",
   0},
  {"KafkaBatchReaderFactory", "org.apache.spark.sql.kafka010", "streaming",
   "Kafka source: creates one reader per topic-partition offset range",
   "KafkaBatchReaderFactory (in "
   "org.apache.spark.sql.kafka010.KafkaBatchPartitionReader.scala) creates "
   "the partition readers of the Kafka source for each micro-batch or batch "
   "query. It logs `Creating Kafka reader topicPartition=topic-0 "
   "fromOffset=100 untilOffset=200, for query queryId=... batchId=5 taskId=12 "
   "partitionId=0` per input partition. The count equals Kafka input "
   "partitions times batches; equal from and until offsets mean empty reads.",
   0},
  {"KafkaConsumer", "org.apache.kafka.clients.consumer", "streaming",
   "Kafka client consumer; logs subscriptions, seeks and offset resets",
   "KafkaConsumer (org.apache.kafka.clients.consumer.KafkaConsumer) is the "
   "Apache Kafka client that Spark's Kafka source uses to read topics. It "
   "logs lines such as `[Consumer clientId=..., "
   "groupId=spark-kafka-source-...] Subscribed to partition(s): topic-0` and "
   "`Seeking to offset 1234 for partition topic-0`. The count grows with "
   "partitions times batches, since consumers are created and positioned for "
   "each; these lines are routine, and problems show up instead as WARN lines "
   "from KafkaMicroBatchStream or KafkaOffsetReaderAdmin about changed or "
   "missing offsets.",
   0},
  {"KafkaDataConsumer", "org.apache.spark.sql.kafka010.consumer", "streaming",
   "Spark's pooled Kafka consumer for the Kafka source; logs fetch stats",
   "KafkaDataConsumer "
   "(org.apache.spark.sql.kafka010.consumer.KafkaDataConsumer, 3.0+) wraps a "
   "pooled Kafka consumer used by Structured Streaming and batch Kafka reads "
   "on executors. It logs `From Kafka topicPartition=topic-0 "
   "groupId=spark-kafka-source-... read 100 records through 1 polls (polled "
   "out 100 records), taking 12 ms, during time span of 15 ms.` when a task "
   "finishes, and the WARN `KafkaDataConsumer is not running in "
   "UninterruptibleThread. It may hang when KafkaDataConsumer's methods are "
   "interrupted because of KAFKA-1894`. The count follows Kafka partitions "
   "times batches; the WARN is common and harmless outside micro-batch "
   "execution threads.",
   0},
  {"KafkaMicroBatchStream", "org.apache.spark.sql.kafka010", "streaming",
   "Kafka source for Structured Streaming; logs offsets and data loss",
   "KafkaMicroBatchStream "
   "(org.apache.spark.sql.kafka010.KafkaMicroBatchStream, 3.0+) is the "
   "Structured Streaming Kafka source: it decides the offset range of each "
   "micro-batch and plans the read. It logs `Initial offsets: "
   "{\"topic\":{\"0\":1234}}` when a query starts and the WARN `Partition "
   "topic-0's offset was changed from 1500 to 1200, some data may have been "
   "missed.` when offsets move backwards or data aged out. The count is "
   "small; any data-loss WARN deserves attention (see the failOnDataLoss "
   "option).",
   0},
  {"KafkaOffsetReaderAdmin", "org.apache.spark.sql.kafka010", "streaming",
   "Kafka source: reads topic offsets via the Kafka admin client",
   "KafkaOffsetReaderAdmin "
   "(org.apache.spark.sql.kafka010.KafkaOffsetReaderAdmin, 3.1+) finds the "
   "earliest and latest offsets of the subscribed Kafka partitions with the "
   "Kafka admin client, to plan each batch of the Kafka source. It logs "
   "`Partitions added: Map()` as it checks for new partitions, and the WARN "
   "`Found incorrect offsets in some partitions (partition, previous offset, "
   "fetched offset): ...` when fetched offsets go backwards. The count is "
   "about one line per batch; the WARN means topics were recreated or "
   "retention removed data, and some records may be skipped or re-read.",
   0},
  {"KafkaRDD", "org.apache.spark.streaming.kafka010", "streaming",
   "DStream Kafka direct stream RDD; logs offset ranges it computes",
   "KafkaRDD (org.apache.spark.streaming.kafka010.KafkaRDD, and its 0.8 "
   "predecessor org.apache.spark.streaming.kafka.KafkaRDD) is the RDD behind "
   "the DStream Kafka direct stream; each partition reads one Kafka "
   "topic-partition offset range. It logs `Computing topic events, partition "
   "0 offsets 100 -> 200` when a task reads data and `Beginning offset 200 is "
   "the same as ending offset skipping events 0` when a batch has no new data "
   "for a partition, plus `Removing RDD 12 from persistence list` as old "
   "batch RDDs are dropped. The count grows with partitions times batches; "
   "many `skipping` lines mean mostly empty batches, so a longer batch "
   "interval would waste less.",
   0},
  {"KubernetesClusterSchedulerBackend$KubernetesDriverEndpoint",
   "org.apache.spark.scheduler.cluster.k8s",
   "cluster-manager",
   "Kubernetes driver endpoint: registers executor pods and their loss",
   "KubernetesClusterSchedulerBackend$KubernetesDriverEndpoint is the "
   "Kubernetes subclass of CoarseGrainedSchedulerBackend's DriverEndpoint "
   "(org.apache.spark.scheduler.cluster.k8s). It logs `Registered executor "
   "NettyRpcEndpointRef(spark-client://Executor) (10.0.0.5:43210) with ID 1,  "
   "ResourceProfileId 0` when an executor pod connects and the removal lines "
   "when a pod goes away. The count is about one line per executor pod; pod "
   "exit reasons themselves appear in TaskSchedulerImpl's `Lost executor` "
   "lines.",
   0},
  {"LiveListenerBus", "org.apache.spark.scheduler", "core",
   "delivers scheduler events to listeners; warns when events are dropped",
   "LiveListenerBus (org.apache.spark.scheduler.LiveListenerBus) delivers "
   "scheduler events (job, stage, task, executor) to registered listeners "
   "such as the UI, the event log writer and dynamic allocation. Before 2.3 "
   "its key line is the ERROR `Dropping SparkListenerEvent because no "
   "remaining room in event queue. This likely means one of the "
   "SparkListeners is too slow and cannot keep up with the rate at which "
   "tasks are being started by the scheduler.`, and `Dropped N "
   "SparkListenerEvents since ...` warnings follow; from 2.3 the per-queue "
   "AsyncEventQueue logs these instead. Any count here is a warning sign: "
   "dropped events make the UI and dynamic allocation wrong; raise "
   "spark.scheduler.listenerbus.eventqueue.capacity or remove slow listeners.",
   0},
  {"LzoCodec", "com.hadoop.compression.lzo", "hadoop",
   "hadoop-lzo codec; logs loading of the native LZO library",
   "LzoCodec (com.hadoop.compression.lzo.LzoCodec, from the hadoop-lzo "
   "library installed on EMR and some Hadoop distributions) provides LZO "
   "compression for Hadoop I/O. It logs `Successfully loaded & initialized "
   "native-lzo library [hadoop-lzo rev ...]` once per JVM. The count only "
   "tells how many JVMs loaded the library and has no performance meaning.",
   0},
  {"MapOutputTracker", "org.apache.spark", "shuffle",
   "serializes shuffle map statuses; logs broadcast of large statuses",
   "MapOutputTracker is the companion object in "
   "org.apache.spark.MapOutputTracker that serializes map output statuses for "
   "the master and workers. It logs `Broadcast outputstatuses size = 431, "
   "actual size = 5242880` (2.3-3.1: `Broadcast mapstatuses size = ...`) when "
   "the serialized statuses exceed "
   "spark.shuffle.mapOutput.minSizeForBroadcast (512 KiB) and are sent as a "
   "broadcast. These lines appear only for shuffles with very many map and "
   "reduce partitions; a high count suggests too many shuffle partitions for "
   "the data size.",
   0},
  {"MapOutputTrackerMaster", "org.apache.spark", "shuffle",
   "driver's registry of shuffle map outputs per shuffle and partition",
   "MapOutputTrackerMaster (org.apache.spark.MapOutputTrackerMaster) keeps, "
   "for every shuffle, where each map task's output lives and how large each "
   "reduce partition is; the DAGScheduler and AQE read these statistics. In "
   "Spark 1.6-2.2 it logged `Size of output statuses for shuffle 0 is 155 "
   "bytes` per request; newer versions log little at INFO apart from shuffle "
   "unregistration and lost outputs. A high count appears mainly in old logs "
   "and scales with shuffles times executors.",
   0},
  {"MapOutputTrackerMasterEndpoint", "org.apache.spark", "shuffle",
   "driver RPC endpoint serving shuffle map output locations to executors",
   "MapOutputTrackerMasterEndpoint "
   "(org.apache.spark.MapOutputTrackerMasterEndpoint) answers executors that "
   "ask the driver where the map outputs of a shuffle are. It logs `Asked to "
   "send map output locations for shuffle 0 to 10.0.0.5:43210` once per "
   "executor per shuffle when reducers start, and "
   "`MapOutputTrackerMasterEndpoint stopped!` at shutdown. The count is "
   "therefore about shuffles times executors; a high count means many "
   "shuffles on many executors, and a burst for the same shuffle after "
   "executor loss indicates stage retries.",
   0},
  {"MapOutputTrackerWorker", "org.apache.spark", "shuffle",
   "executor side: fetches shuffle map output locations from the driver",
   "MapOutputTrackerWorker (org.apache.spark.MapOutputTrackerWorker) runs on "
   "executors and fetches, once per shuffle, where the map outputs a reduce "
   "task needs are stored. It logs `Don't have map outputs for shuffle 0, "
   "fetching them`, `Doing the fetch; tracker endpoint = "
   "NettyRpcEndpointRef(...)` and `Got the map output locations` (2.x: `Got "
   "the output locations`). These lines appear in the driver log only in "
   "local mode or aggregated logs; the count scales with shuffles times "
   "executors.",
   0},
  {"MapPartitionsRDD", "org.apache.spark.rdd", "core",
   "an RDD built by map-like operations; logs unpersisting",
   "MapPartitionsRDD (org.apache.spark.rdd.MapPartitionsRDD) is the RDD "
   "produced by map, filter, mapPartitions and most DataFrame-to-RDD steps; "
   "RDD classes log through their own names. Its usual line is `Removing RDD "
   "12 from persistence list`, logged when a persisted RDD is unpersisted, "
   "for example by DStreams dropping the RDDs of old batches. The count "
   "follows unpersist calls, so in DStream logs it grows with the number of "
   "batches; it has no performance meaning by itself.",
   0},
  {"Master", "org.apache.spark.deploy.master", "cluster-manager",
   "standalone master daemon: registers workers and applications",
   "Master (org.apache.spark.deploy.master.Master) is the standalone cluster "
   "manager's master daemon: workers and applications register with it and it "
   "launches executors on workers. It logs `Starting Spark master at "
   "spark://host:7077`, `Registering worker 172.21.12.48:34843 with 8 cores, "
   "12.0 GiB RAM`, `Registering app <name>`, `Registered app <name> with ID "
   "app-...` and `Launching executor app-.../0 on worker worker-...`. It "
   "appears in a driver log only when master and driver share a log; the "
   "count tracks workers, applications and executor launches, and repeated "
   "launches for one app mean executors keep failing.",
   0},
  {"MemoryStore", "org.apache.spark.storage.memory", "storage",
   "stores blocks in memory; logs each block stored and eviction pressure",
   "MemoryStore (org.apache.spark.storage.memory.MemoryStore) holds in-memory "
   "blocks of the local BlockManager: broadcast variables, cached RDD "
   "partitions and large task results. It logs `MemoryStore started with "
   "capacity 366.3 MiB` at start-up and then `Block broadcast_2 stored as "
   "values in memory (estimated size 8.3 KiB, free 434.1 MiB)` and `Block "
   "broadcast_2_piece0 stored as bytes in memory (...)` for each block; the "
   "WARN `Not enough space to cache rdd_3_1 in memory! (computed 1.2 GiB so "
   "far)` means caching is failing for lack of storage memory. In a driver "
   "log the count is about two lines per broadcast, so it grows with the "
   "number of stages and explicit broadcasts; watch the `free` value shrink. "
   "Many `Not enough space` lines call for more executor memory, a "
   "disk-backed storage level or less caching.",
   0},
  {"MicroBatchExecution",
   "org.apache.spark.sql.execution.streaming",
   "streaming",
   "runs a Structured Streaming query batch by batch; logs progress",
   "MicroBatchExecution "
   "(org.apache.spark.sql.execution.streaming.MicroBatchExecution) runs a "
   "Structured Streaming query as a loop of micro-batches: it plans each "
   "batch's offsets, writes them to the offset log, runs the batch and "
   "commits it. It logs `Starting new streaming query.`, `Committed offsets "
   "for batch 33. Metadata OffsetSeqMetadata(...)`, the multi-line `Streaming "
   "query made progress: { ... }` JSON and the ERROR `Query [id = ..., runId "
   "= ...] terminated with error`. The count is a few lines per micro-batch, "
   "so it tracks batches run; the progress JSON has durations and input "
   "rates, and a batch duration above the trigger interval means the query "
   "falls behind.",
   0},
  {"MultipartUploadOutputStream", "com.amazon.ws.emr.hadoop.fs.s3n", "hadoop",
   "EMRFS S3 multipart upload stream; logs file closes (inferred)",
   "MultipartUploadOutputStream is part of EMRFS, Amazon's S3 file system for "
   "EMR and Glue; its source is not public, so this description is inferred "
   "from log lines. It writes files to S3 with multipart uploads and logs "
   "lines such as `close closed:false s3://bucket/path/_SUCCESS` when a file "
   "is closed. The count follows the number of files written to S3 (one or "
   "more per write task in executor logs); many lines mean many small output "
   "files.",
   1},
  {"NativeCodeLoader", "org.apache.hadoop.util", "hadoop",
   "Hadoop native library loader; warns when libhadoop is missing",
   "NativeCodeLoader (org.apache.hadoop.util.NativeCodeLoader) tries to load "
   "Hadoop's native library (libhadoop) for faster compression, checksums and "
   "I/O. Its usual line is the WARN `Unable to load native-hadoop library for "
   "your platform... using builtin-java classes where applicable`, once per "
   "JVM. The warning is harmless on laptops and containers; the count only "
   "tells how many JVMs logged.",
   0},
  {"NettyBlockTransferService", "org.apache.spark.network.netty", "network",
   "Netty server/client for block transfers between JVMs",
   "NettyBlockTransferService "
   "(org.apache.spark.network.netty.NettyBlockTransferService) serves local "
   "blocks to other JVMs and fetches remote blocks (shuffle data, broadcast "
   "pieces, cached RDD partitions) over Netty. It logs `Server created on "
   "10.0.0.5:43567` at start-up, once per JVM. A count above the JVM count is "
   "unusual; errors in block fetches appear through "
   "ShuffleBlockFetcherIterator and TransportClient/RetryingBlockTransferor "
   "instead.",
   0},
  {"ObservabilityTaskInfoRecorderListener",
   "(AWS Glue runtime, not public)",
   "platform",
   "Glue observability: Spark listener recording task metrics (inferred)",
   "ObservabilityTaskInfoRecorderListener appears in AWS Glue driver logs and "
   "is not an Apache Spark class; its source is not public, so this "
   "description is inferred from its name. It is most likely a Spark listener "
   "that records task information for Glue's job observability metrics, "
   "registered on the listener bus at start-up. The count is a constant "
   "handful per job; problems it reports would affect Glue's observability "
   "metrics for the run, not the Spark job itself.",
   1},
  {"OffsetSeqLog", "org.apache.spark.sql.execution.streaming", "streaming",
   "Structured Streaming offset log in the checkpoint directory",
   "OffsetSeqLog (org.apache.spark.sql.execution.streaming.OffsetSeqLog) is "
   "the write-ahead log of planned offsets, one file per micro-batch under "
   "`<checkpoint>/offsets`. When a query restarts it logs `BatchIds found "
   "from listing: 0, 1, 2, ...` and `Getting latest batch 33` to find where "
   "to resume. The count is small, but a long list of batch ids means old "
   "checkpoint files are not being purged "
   "(spark.sql.streaming.minBatchesToRetain).",
   0},
  {"OutputCommitCoordinator", "org.apache.spark.scheduler", "io-commit",
   "authorizes exactly one task attempt per partition to commit output",
   "OutputCommitCoordinator "
   "(org.apache.spark.scheduler.OutputCommitCoordinator) runs on the driver "
   "and decides which task attempt may commit its output for each partition, "
   "so speculative or retried attempts cannot commit twice. It logs denials "
   "such as `Commit denied for stage=2.0, partition=3: task attempt 1 already "
   "marked as failed.` and `OutputCommitCoordinator stopped!` at shutdown; "
   "the executor side of a refused commit surfaces as a TaskCommitDenied task "
   "failure. A count above a few lines means commits were contested, "
   "typically by speculation or task retries during writes.",
   0},
  {"OutputCommitCoordinator$OutputCommitCoordinatorEndpoint",
   "org.apache.spark.scheduler",
   "io-commit",
   "RPC endpoint of the output commit coordinator; logs its shutdown",
   "OutputCommitCoordinator$OutputCommitCoordinatorEndpoint is the RPC "
   "endpoint through which executors ask the driver's OutputCommitCoordinator "
   "whether they may commit. At INFO it logs essentially "
   "`OutputCommitCoordinator stopped!` when the application ends. The count "
   "is one line per application and carries no performance meaning.",
   0},
  {"ParquetFileFormat",
   "org.apache.spark.sql.execution.datasources.parquet",
   "sql",
   "Spark's Parquet source; logs the output committer and reader setup",
   "ParquetFileFormat "
   "(org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat) is "
   "Spark's Parquet data source: it infers and merges schemas, builds readers "
   "(vectorized or row-based) and prepares Parquet writes. On writes it logs "
   "`Using default output committer for Parquet: "
   "org.apache.parquet.hadoop.ParquetOutputCommitter` or `Using user defined "
   "output committer for Parquet: <class>` (newer versions log this from "
   "ParquetUtils). The count is about one line per Parquet write job, plus "
   "schema-merge warnings when files disagree; a WARN about a corrupt footer "
   "or unreadable file names the bad input file directly.",
   0},
  {"ParquetOutputFormat", "org.apache.parquet.hadoop", "io-commit",
   "parquet-mr writer setup; logs block size, page size, compression",
   "ParquetOutputFormat (org.apache.parquet.hadoop.ParquetOutputFormat, from "
   "the parquet-mr library) creates the record writers that encode rows into "
   "Parquet files. When a writer is set up it logs its settings: `Parquet "
   "block size to 134217728`, `Parquet page size to 1048576`, `Dictionary is "
   "on`, `Validation is off`, `Writer version is: PARQUET_1_0` and the "
   "compression codec. The count is several lines per writer, so in logs that "
   "include executor output it grows with the number of write tasks; in a "
   "driver-only log it reflects write jobs. It has no failure lines of its "
   "own; errors surface through FileFormatWriter and the task failures.",
   0},
  {"ParquetUtils", "org.apache.spark.sql.execution.datasources.parquet", "sql",
   "Parquet helpers; logs which output committer a write will use",
   "ParquetUtils "
   "(org.apache.spark.sql.execution.datasources.parquet.ParquetUtils, 3.1+) "
   "holds helpers shared by the Parquet V1 and V2 sources, including write "
   "preparation. It logs `Using default output committer for Parquet: "
   "org.apache.parquet.hadoop.ParquetOutputCommitter` or `Using user defined "
   "output committer for Parquet: "
   "com.amazon.emr.committer.EmrOptimizedSparkSqlParquetOutputCommitter`. The "
   "count is one line per Parquet write job; the named committer tells "
   "whether writes rely on renames.",
   0},
  {"PlatformInfo", "(AWS Glue runtime, not public)", "platform",
   "Glue runtime: logs platform/environment details at start (inferred)",
   "PlatformInfo appears in AWS Glue driver logs at start-up and is not an "
   "Apache Spark class; the Glue runtime source is not public, so this "
   "description is inferred from its name and position in the log. It reports "
   "information about the platform the job runs on, such as runtime and "
   "environment details. The count is a constant few lines per job run and "
   "has no performance meaning; its lines can help identify which Glue "
   "version or worker setup produced the log.",
   1},
  {"PythonRunner", "org.apache.spark.api.python", "python",
   "runs Python workers for PySpark tasks; logs per-task Python timings",
   "PythonRunner (org.apache.spark.api.python.PythonRunner) feeds partitions "
   "to Python worker processes and reads results back for PySpark RDD "
   "operations and Python UDFs. It logs `Times: total = 1072, boot = 856, "
   "init = 210, finish = 6` (milliseconds) when a task's Python work "
   "finishes. These are executor lines, one per task that ran Python code, so "
   "in local-mode logs the count approaches the task count; a large boot time "
   "means Python workers are being started rather than reused "
   "(spark.python.worker.reuse).",
   0},
  {"PythonUDFRunner", "org.apache.spark.sql.execution.python", "python",
   "runs Python UDFs of SQL plans in Python workers; logs timings",
   "PythonUDFRunner (org.apache.spark.sql.execution.python.PythonUDFRunner) "
   "streams rows to Python workers to evaluate row-at-a-time Python UDFs in "
   "DataFrame queries (Arrow-based pandas UDFs use ArrowPythonRunner "
   "instead). Like PythonRunner it logs `Times: total = 1072, boot = 856, "
   "init = 210, finish = 6` (milliseconds) per task. These are executor "
   "lines, so in local-mode logs the count is about the number of tasks that "
   "ran the UDF; large totals point to slow Python code, which a vectorized "
   "pandas UDF often speeds up.",
   0},
  {"RMProxy", "org.apache.hadoop.yarn.client", "cluster-manager",
   "Hadoop YARN: connects to the ResourceManager",
   "RMProxy (org.apache.hadoop.yarn.client.RMProxy) creates the RPC proxy to "
   "the YARN ResourceManager. It logs `Connecting to ResourceManager at "
   "host/10.0.0.5:8032` (8030 for the scheduler address used by the "
   "ApplicationMaster). The count is one or two lines per application; "
   "repeated lines with retries mean the ResourceManager is unreachable or "
   "failing over.",
   0},
  {"ReceivedBlockTracker", "org.apache.spark.streaming.scheduler", "streaming",
   "DStream streaming: tracks received blocks and assigns them to batches",
   "ReceivedBlockTracker "
   "(org.apache.spark.streaming.scheduler.ReceivedBlockTracker) records the "
   "blocks that receivers stored and assigns them to batches, optionally with "
   "a write-ahead log. It logs `Deleting batches ArrayBuffer(1444396200000 "
   "ms)` as old batches are cleaned up. The count is about one line per "
   "batch; write-ahead-log errors here risk data loss on driver failure.",
   0},
  {"ReceiverSupervisorImpl", "org.apache.spark.streaming.receiver", "streaming",
   "DStream receivers: runs a receiver on an executor and restarts it",
   "ReceiverSupervisorImpl "
   "(org.apache.spark.streaming.receiver.ReceiverSupervisorImpl) runs a "
   "DStream receiver inside an executor, stores what it receives and restarts "
   "it after errors. It logs `Starting receiver 0`, `Stopping receiver with "
   "message: Error starting receiver 0: <exception>` and WARN `Receiver has "
   "been stopped`. Repeated start and stop lines mean a receiver keeps "
   "failing (for example a port that cannot be bound), so the stream receives "
   "no data.",
   0},
  {"ReceiverTracker", "org.apache.spark.streaming.scheduler", "streaming",
   "DStream streaming: manages receivers and their received blocks",
   "ReceiverTracker (org.apache.spark.streaming.scheduler.ReceiverTracker) "
   "launches receivers on executors and tracks the blocks they store. It logs "
   "`Starting 1 receivers`, `Registered receiver for stream 0 from host:port` "
   "and `Deregistered receiver for stream 0: ...`. The count is small unless "
   "receivers restart; repeated registrations and deregistrations mean a "
   "receiver keeps failing.",
   0},
  {"RecurringTimer", "org.apache.spark.streaming.util", "streaming",
   "DStream streaming: periodic timer behind block and job generation",
   "RecurringTimer (org.apache.spark.streaming.util.RecurringTimer) fires a "
   "callback at a fixed period; DStreams use it for the JobGenerator (every "
   "batch interval) and for each receiver's BlockGenerator (every block "
   "interval). It logs `Started timer for BlockGenerator at time "
   "1444396203200` and `Stopped timer for JobGenerator after time "
   "1444396230000`. The count follows receiver and streaming-context starts "
   "and stops; a growing count means receivers restarting.",
   0},
  {"ResolveWriteToStream",
   "org.apache.spark.sql.execution.streaming",
   "streaming",
   "resolves a streaming write's checkpoint location and options",
   "ResolveWriteToStream "
   "(org.apache.spark.sql.execution.streaming.ResolveWriteToStream) is the "
   "analyzer rule that resolves a streaming query's sink and checkpoint "
   "location. It logs `Checkpoint root /path/checkpoint resolved to "
   "file:/path/checkpoint.` and the WARN `spark.sql.adaptive.enabled is not "
   "supported in streaming DataFrames/Datasets and will be disabled.`. The "
   "count is a couple of lines per query start; the AQE warning is expected "
   "and harmless.",
   0},
  {"ResourceProfile", "org.apache.spark.resource", "core",
   "resource profile of executors and tasks; logs the default profile",
   "ResourceProfile (org.apache.spark.resource.ResourceProfile, 3.1+) "
   "describes the executor and task resources (cores, memory, GPUs) of a "
   "stage-level scheduling profile. It logs `Default ResourceProfile created, "
   "executor resources: Map(cores -> name: cores, amount: 4, ...), task "
   "resources: Map(cpus -> ...)` and `Limiting resource is cpus at 4 tasks "
   "per executor`. The count is a constant few lines; the limiting-resource "
   "line tells how many tasks run concurrently per executor.",
   0},
  {"ResourceProfileManager", "org.apache.spark.resource", "core",
   "registers resource profiles for stage-level scheduling",
   "ResourceProfileManager (org.apache.spark.resource.ResourceProfileManager, "
   "3.1+) keeps the resource profiles an application uses for stage-level "
   "scheduling and checks they are supported by the cluster manager. It logs "
   "`Added ResourceProfile id: 0` when a profile is registered. The count "
   "equals the number of profiles, usually one; more means the job uses "
   "stage-level scheduling.",
   0},
  {"ResourceUtils", "org.apache.spark.resource", "core",
   "parses custom resources (GPUs etc.); prints a resource summary",
   "ResourceUtils (org.apache.spark.resource.ResourceUtils, 3.0+) parses and "
   "discovers custom resources such as GPUs for the driver and executors. At "
   "start-up it logs a framed block: "
   "`==============================================================`, `No "
   "custom resources configured for spark.driver.` (or the resources found) "
   "and a closing rule. The count is a constant few lines per JVM start and "
   "has no performance meaning.",
   0},
  {"SQLConfCommitterProvider", "(Amazon EMR runtime, not public)", "io-commit",
   "EMR/Glue: picks the SQL output committer class for a write (inferred)",
   "SQLConfCommitterProvider is an Amazon EMR class (also shipped with Glue) "
   "that chooses which output committer a Spark SQL write uses; its source is "
   "not public, so this description is inferred from log lines. It logs "
   "`Getting user defined output committer class "
   "com.amazon.emr.committer.EmrOptimizedSparkSqlParquetOutputCommitter` and "
   "then `Using output committer class ...`, once or twice per write job. The "
   "count therefore tracks the number of file writes (it usually equals the "
   "EmrOptimizedParquetOutputCommitter count); the class name it reports "
   "tells whether the EMRFS S3-optimized committer was actually used or a "
   "plain FileOutputCommitter with renames.",
   1},
  {"SQLHadoopMapReduceCommitProtocol",
   "org.apache.spark.sql.execution.datasources",
   "io-commit",
   "SQL writes' commit protocol; logs which output committer is used",
   "SQLHadoopMapReduceCommitProtocol "
   "(org.apache.spark.sql.execution.datasources."
   "SQLHadoopMapReduceCommitProtocol) "
   "is the default commit protocol of DataFrame/SQL file writes; it wraps a "
   "Hadoop OutputCommitter, honouring spark.sql.sources.outputCommitterClass. "
   "It logs `Using output committer class "
   "org.apache.parquet.hadoop.ParquetOutputCommitter` or `Using user defined "
   "output committer class ...` once per write job on the driver (and per "
   "task in executor logs). The count follows the number of writes; the class "
   "it names tells you whether writes go through rename-based "
   "FileOutputCommitter semantics.",
   0},
  {"SchedulerExtensionServices",
   "org.apache.spark.scheduler.cluster",
   "cluster-manager",
   "YARN: starts optional scheduler extension services (e.g. ATS)",
   "SchedulerExtensionServices "
   "(org.apache.spark.scheduler.cluster.SchedulerExtensionServices) starts "
   "and stops the optional services listed in spark.yarn.services alongside a "
   "YARN application's scheduler backend. It logs `Starting Yarn extension "
   "services with app application_..._0002 and attemptId None` and `Stopping "
   "SchedulerExtensionServices`. The count is two lines per YARN application "
   "and has no performance meaning; it marks the start and end of each "
   "application in a log that holds several runs.",
   0},
  {"SecurityManager", "org.apache.spark", "core",
   "sets up authentication, ACLs and SSL at start-up",
   "SecurityManager (org.apache.spark.SecurityManager) configures "
   "authentication, UI and modify ACLs and SSL for the driver and each "
   "executor. At start-up it logs `Changing view acls to: user`, `Changing "
   "modify acls to: user` and `SecurityManager: authentication disabled; ui "
   "acls disabled; users with view permissions: ...`. The count is a constant "
   "handful per JVM start (driver, plus executors in local mode or aggregated "
   "logs), so it mostly counts process starts; the lines matter only when "
   "checking whether authentication (spark.authenticate) or ACLs were on.",
   0},
  {"SharedState", "org.apache.spark.sql.internal", "sql",
   "state shared by SparkSessions: warehouse path, catalog, cache manager",
   "SharedState (org.apache.spark.sql.internal.SharedState) holds what all "
   "SparkSessions of an application share: the external catalog (Hive or "
   "in-memory), the warehouse location, the cache manager and the SQL status "
   "store. It logs `Setting hive.metastore.warehouse.dir ('null') to the "
   "value of spark.sql.warehouse.dir.` and `Warehouse path is "
   "'file:/.../spark-warehouse'.` when the first session is created. The "
   "count is a constant two or three lines; a warehouse path on the local "
   "file system in a cluster job usually means the Hive or Glue catalog "
   "configuration was not picked up.",
   0},
  {"ShuffleBlockFetcherIterator", "org.apache.spark.storage", "shuffle",
   "reduce side: fetches shuffle blocks; logs block counts per task",
   "ShuffleBlockFetcherIterator "
   "(org.apache.spark.storage.ShuffleBlockFetcherIterator) is created by "
   "every reduce task to fetch its shuffle blocks from local disk and remote "
   "executors. It logs `Getting 200 (12.3 MiB) non-empty blocks including 100 "
   "(6.1 MiB) local and 0 (0.0 B) host-local and 0 (0.0 B) push-merged-local "
   "and 100 (6.2 MiB) remote blocks` and `Started 3 remote fetches in 5 ms`, "
   "i.e. about two lines per reduce task. It appears in driver logs only in "
   "local mode or with executor logs; the sizes in the first line show "
   "shuffle skew, and ERROR fetch failures lead to stage retries.",
   0},
  {"ShuffleExternalSorter", "org.apache.spark.shuffle.sort", "shuffle",
   "unsafe shuffle writer's sorter; logs spills during map-side writes",
   "ShuffleExternalSorter "
   "(org.apache.spark.shuffle.sort.ShuffleExternalSorter) sorts serialized "
   "records by partition for the unsafe (Tungsten) shuffle writer and spills "
   "when the map task runs out of execution memory. It logs `Thread 70 "
   "spilling sort data of 64.0 MiB to disk (0  time so far)` (4.0: `Task 12 "
   "on Thread 70 spilling sort data of ...`). These are executor lines; "
   "frequent spills slow map stages and usually mean large map partitions "
   "relative to executor memory.",
   0},
  {"ShufflePartitionsUtil",
   "org.apache.spark.sql.execution.adaptive",
   "shuffle",
   "AQE: coalesces shuffle partitions; logs advisory/actual target size",
   "ShufflePartitionsUtil "
   "(org.apache.spark.sql.execution.adaptive.ShufflePartitionsUtil, 3.0+) is "
   "used by adaptive query execution to merge small shuffle partitions after "
   "a shuffle stage has run. It logs `For shuffle(0), advisory target size: "
   "67108864, actual target size 1048576, minimum partition size: 1048576` "
   "(all sizes in bytes; the 3.0-3.1 form lacks the minimum). The count is "
   "one line per coalesced shuffle, i.e. about the number of shuffle "
   "exchanges AQE re-optimized. An actual target size far below the advisory "
   "one means the shuffle was small relative to the cluster's parallelism, so "
   "AQE kept more, smaller partitions than the advisory size alone would give "
   "(see spark.sql.adaptive.coalescePartitions.parallelismFirst in 3.2+).",
   0},
  {"ShutdownHookManager", "org.apache.spark.util", "core",
   "runs JVM shutdown hooks; logs deleting temporary directories",
   "ShutdownHookManager (org.apache.spark.util.ShutdownHookManager) runs "
   "Spark's shutdown hooks in priority order when the JVM exits. It logs "
   "`Shutdown hook called` and `Deleting directory /tmp/spark-<uuid>` for "
   "each scratch directory. The count is a handful of lines at the very end "
   "of a log; seeing them without `Successfully stopped SparkContext` first "
   "means the JVM was killed or exited without stopping Spark cleanly.",
   0},
  {"SignalUtils", "org.apache.spark.util", "core",
   "registers UNIX signal handlers; logs signals received",
   "SignalUtils (org.apache.spark.util.SignalUtils) installs handlers for "
   "TERM, HUP and INT so Spark can log and clean up when the process is "
   "signalled. It logs `Registered signal handler for TERM` (older versions: "
   "`Registering signal handler for TERM`), one line per signal, at start-up, "
   "while the registering component logs `Registered signal handlers for "
   "[TERM, HUP, INT]`; when a signal arrives the calling component logs the "
   "ERROR `RECEIVED SIGNAL TERM`. The count is a constant few lines; a "
   "received signal at the end of a log usually means the cluster manager "
   "killed the process (preemption, memory limit or user cancel).",
   0},
  {"SparkContext", "org.apache.spark", "core",
   "the application's entry point; logs start-up, jobs started, shutdown",
   "SparkContext (org.apache.spark.SparkContext) is the driver's main object: "
   "it starts the scheduler, block manager, UI and listeners and is the entry "
   "for every job. It logs `Running Spark version 3.5.0` (vendor builds add a "
   "suffix such as `-amzn-0`), `Submitted application: <name>`, `Starting "
   "job: count at <console>:24` for every action, `Created broadcast 4 from "
   "parquet at ...` for each broadcast, and `Successfully stopped "
   "SparkContext` at the end. The count is roughly one line per job plus one "
   "per broadcast, so it grows with the number of actions; an application "
   "with thousands of short jobs (for example a driver-side loop calling "
   "count()) shows up here first. The version line is the quickest way to "
   "know which message wordings to expect.",
   0},
  {"SparkEnv", "org.apache.spark", "core",
   "creates a JVM's runtime services; logs each one it registers",
   "SparkEnv (org.apache.spark.SparkEnv) builds the runtime environment of "
   "the driver or an executor: serializer, RPC environment, block manager, "
   "map output tracker, shuffle manager and memory manager. It logs "
   "`Registering MapOutputTracker`, `Registering BlockManagerMaster`, "
   "`Registering BlockManagerMasterHeartbeat` and `Registering "
   "OutputCommitCoordinator` at start-up. The count is a fixed few lines per "
   "JVM, so it tells how many Spark JVMs wrote into this log; it carries no "
   "performance signal.",
   0},
  {"SparkHadoopMapRedUtil", "org.apache.spark.mapred", "io-commit",
   "commits a task's output, asking the driver for permission first",
   "SparkHadoopMapRedUtil (org.apache.spark.mapred.SparkHadoopMapRedUtil) "
   "commits a task attempt's output, asking the driver's "
   "OutputCommitCoordinator first so that only one attempt of each partition "
   "commits. It logs `attempt_202401011200_0001_m_000003_7: Committed. "
   "Elapsed time: 12 ms.` (3.2+; before: `...: Committed`), and `No need to "
   "commit output of task because needsTaskCommit=false: attempt_...`. These "
   "are executor lines, one per write task, so in local-mode logs the count "
   "equals the number of write tasks; `attempt_...: Not committed because the "
   "driver did not authorize commit` means a speculative or retried attempt "
   "lost the race for that partition.",
   0},
  {"SparkHadoopWriter", "org.apache.spark.internal.io", "io-commit",
   "RDD saveAsHadoopFile/saveAsTextFile writer; logs job commit",
   "SparkHadoopWriter (org.apache.spark.internal.io.SparkHadoopWriter) writes "
   "RDDs with Hadoop OutputFormats (saveAsTextFile, saveAsHadoopDataset, "
   "saveAsNewAPIHadoopDataset) through a HadoopMapReduceCommitProtocol. On "
   "the driver it logs `Start to commit write Job job_...` and `Write Job "
   "job_... committed. Elapsed time: 12 ms.` (older versions: `Job job_... "
   "committed.`), and the ERROR `Aborting job job_...` on failure. The count "
   "is about two lines per RDD save; the job itself appears in DAGScheduler "
   "lines as `runJob at SparkHadoopWriter.scala:83`.",
   0},
  {"SparkSubmit", "org.apache.spark.deploy", "core",
   "spark-submit launcher; logs the main class and submission problems",
   "SparkSubmit (org.apache.spark.deploy.SparkSubmit) parses spark-submit "
   "arguments, resolves dependencies and starts the application's main class "
   "(or submits it to the cluster manager). It logs mainly WARN lines about "
   "ignored or conflicting options and, in verbose mode, the main class, "
   "arguments and effective properties. The count is a handful at the very "
   "top of a log; errors here mean the application never started.",
   0},
  {"SparkUI", "org.apache.spark.ui", "core",
   "the web UI; logs the port and URL it is bound to",
   "SparkUI (org.apache.spark.ui.SparkUI) serves the application's web UI "
   "from the driver. It logs `Bound SparkUI to 0.0.0.0, and started at "
   "http://10.0.0.5:4040` (older versions: `Started SparkUI at http://...`) "
   "and `Stopped Spark web UI at http://...:4040`. The count is a constant "
   "two lines per application; the URL is useful to find the driver host, and "
   "a port above 4040 means other Spark applications were running on the same "
   "host.",
   0},
  {"SparkWrite", "org.apache.iceberg.spark.source", "io-commit",
   "Apache Iceberg's Spark writer; logs distribution and commits",
   "SparkWrite (org.apache.iceberg.spark.source.SparkWrite) is Apache "
   "Iceberg's DataSource V2 write for Spark: it asks Spark for a write "
   "distribution and ordering, then commits the written data files to the "
   "table. It logs `Requesting ClusteredDistribution(days(ts)) as write "
   "distribution for table db.t`, `Requesting [] as write ordering for table "
   "db.t`, `Requesting 402653184 bytes advisory partition size for table "
   "db.t` and commit summaries. The count is a few lines per write; the "
   "requested distribution explains the extra shuffle stage before Iceberg "
   "writes.",
   0},
  {"StandaloneAppClient$ClientEndpoint",
   "org.apache.spark.deploy.client",
   "cluster-manager",
   "standalone: the app's channel to the master; logs executor updates",
   "StandaloneAppClient$ClientEndpoint "
   "(org.apache.spark.deploy.client.StandaloneAppClient) registers the "
   "application with the standalone master and receives executor state "
   "changes. It logs `Connecting to master spark://host:7077...`, `Executor "
   "added: app-.../0 on worker-... (host:port) with 8 core(s)` and `Executor "
   "updated: app-.../0 is now RUNNING`. The count is two or three lines per "
   "executor; `is now EXITED` or `LOST` updates explain executor loss, and "
   "repeated `Connecting to master` lines mean the master is unreachable.",
   0},
  {"StandaloneSchedulerBackend",
   "org.apache.spark.scheduler.cluster",
   "cluster-manager",
   "standalone-mode backend: gets executors from the Spark master",
   "StandaloneSchedulerBackend "
   "(org.apache.spark.scheduler.cluster.StandaloneSchedulerBackend) obtains "
   "executors from a Spark standalone master (Databricks also uses it). It "
   "logs `Connected to Spark cluster with app ID app-20230531121846-0001`, "
   "`Granted executor ID app-.../0 on hostPort 172.21.12.47:34815 with 8 "
   "core(s), 1024.0 MiB RAM` and `Executor app-.../0 removed: <reason>`. The "
   "count is a few lines per executor; `removed` lines with a non-zero exit "
   "status explain lost executors.",
   0},
  {"StandaloneSchedulerBackend$StandaloneDriverEndpoint",
   "org.apache.spark.scheduler.cluster",
   "cluster-manager",
   "standalone driver endpoint: registers executors and their loss",
   "StandaloneSchedulerBackend$StandaloneDriverEndpoint is the "
   "standalone-mode subclass of CoarseGrainedSchedulerBackend's "
   "DriverEndpoint (3.x), the driver RPC endpoint executors register with. It "
   "logs `Registered executor NettyRpcEndpointRef(spark-client://Executor) "
   "(10.0.0.5:43210) with ID 0,  ResourceProfileId 0` and executor removal "
   "lines. The count is about one line per executor plus removals; removals "
   "with reasons explain lost tasks.",
   0},
  {"StateStore", "org.apache.spark.sql.execution.streaming.state", "streaming",
   "streaming state store manager; logs maintenance and provider loading",
   "StateStore (org.apache.spark.sql.execution.streaming.state.StateStore) "
   "manages the per-partition state stores of stateful streaming queries "
   "(aggregations, joins, deduplication) on executors, loading providers and "
   "running background maintenance (snapshots and cleanup). It logs "
   "`Retrieved reference to StateStoreCoordinator: ...` and `Reported that "
   "the loaded instance StateStoreProviderId(...) is active` (INFO in some "
   "versions, DEBUG in others) and maintenance messages. These appear in "
   "executor or local-mode logs; the count grows with state partitions "
   "(spark.sql.shuffle.partitions of the stateful query) times batches.",
   0},
  {"StateStoreCoordinatorRef",
   "org.apache.spark.sql.execution.streaming.state",
   "streaming",
   "driver reference to the state store coordinator endpoint",
   "StateStoreCoordinatorRef "
   "(org.apache.spark.sql.execution.streaming.state.StateStoreCoordinatorRef) "
   "is the driver's handle on the endpoint that tracks which executor holds "
   "which state store instance, used to schedule stateful tasks where their "
   "state is. It logs `Registered StateStoreCoordinator endpoint` when the "
   "first streaming query starts. The count is a constant one or two lines "
   "and has no performance meaning.",
   0},
  {"SubscriptionState",
   "org.apache.kafka.clients.consumer.internals",
   "streaming",
   "Kafka client: tracks a consumer's partitions and positions",
   "SubscriptionState "
   "(org.apache.kafka.clients.consumer.internals.SubscriptionState) is the "
   "Kafka client's record of which partitions a consumer owns and where it is "
   "positioned in each. It logs `[Consumer clientId=..., "
   "groupId=spark-kafka-source-...] Seeking to earliest offset of partition "
   "topic-0`, `Seeking to latest offset of partition topic-0` and `Resetting "
   "offset for partition topic-0 to position FetchPosition{offset=1234, "
   "...}.`. Spark's Kafka source does these seeks routinely to find the "
   "offset range of every batch, so the count grows with partitions times "
   "batches and is usually the largest Kafka-client logger; it only signals "
   "trouble together with warnings about lost or changed offsets.",
   0},
  {"TaskGroupInterface", "(AWS Glue runtime, not public)", "platform",
   "Glue runtime: interface to Glue's worker/task-group service (inferred)",
   "TaskGroupInterface (logged as `glue.TaskGroupInterface` in the Glue "
   "layout) belongs to the AWS Glue 2.0+ runtime, which provisions workers "
   "itself rather than through YARN; its source is not public, so this "
   "description is inferred from its name and from where its lines appear. It "
   "appears alongside JESSchedulerBackend when the driver obtains or gives "
   "back workers for executors, so it is most likely the client of Glue's "
   "internal worker (task group) service. The count follows executor "
   "requests: small for a fixed-size job, larger under auto scaling; errors "
   "here usually mean workers could not be obtained and the job ran with "
   "fewer executors than configured.",
   1},
  {"TaskMemoryManager", "org.apache.spark.memory", "executor",
   "per-task execution memory accounting; logs spills and memory dumps",
   "TaskMemoryManager (org.apache.spark.memory.TaskMemoryManager) hands out "
   "execution memory to the operators (memory consumers) of a single task and "
   "asks them to spill when memory runs short. It logs `Task 12 release 5.0 "
   "MiB from org.apache.spark.util.collection.ExternalSorter@1f2a` when a "
   "consumer gives memory back, and `Memory used in task 12` followed by each "
   "consumer's usage when an allocation fails. These are executor lines; a "
   "high count, especially next to `SparkOutOfMemoryError` or spill lines, "
   "means tasks are short of execution memory.",
   0},
  {"TaskSchedulerImpl", "org.apache.spark.scheduler", "scheduler",
   "hands task sets to executors; logs task-set add/remove, lost executors",
   "TaskSchedulerImpl (org.apache.spark.scheduler.TaskSchedulerImpl) receives "
   "each stage's tasks from the DAGScheduler as a task set, offers them to "
   "free executor cores through a TaskSetManager, and reacts to executor "
   "loss. Its common lines are `Adding task set 0.0 with 9 tasks` (3.x: `... "
   "resource profile 0`), `Removed TaskSet 0.0, whose tasks have all "
   "completed, from pool` and `Killing all running tasks in stage 2: Stage "
   "finished`; the ERROR `Lost executor 36 on host: <reason>` explains why an "
   "executor died (on YARN often `Container killed by YARN for exceeding "
   "memory limits`). The count is about two to three lines per stage, so it "
   "tracks the stage count; ERROR lines from it deserve attention. On YARN "
   "the same class logs as YarnScheduler or YarnClusterScheduler.",
   0},
  {"TaskSetManager", "org.apache.spark.scheduler", "scheduler",
   "schedules one stage attempt's tasks; logs each task start/finish/loss",
   "TaskSetManager (org.apache.spark.scheduler.TaskSetManager) owns one "
   "attempt of one stage: it picks which pending task runs on which offered "
   "executor slot, tracks retries, speculation and locality, and decides when "
   "the stage attempt is done or must be aborted. Its key INFO lines are "
   "`Starting task 3.0 in stage 1.0 (TID 7) (host, executor 2, partition 3, "
   "PROCESS_LOCAL, 7733 bytes)` and `Finished task 3.0 in stage 1.0 (TID 7) "
   "in 1532 ms on host (executor 2) (4/8)`, where the final counter counts "
   "successful tasks of this attempt; the WARN `Lost task 0.0 in stage 2.0 "
   "(TID 9) (host executor 2): <reason>` and the ERROR `Task 0 in stage 2.0 "
   "failed 4 times; aborting job` are the ones to read first. Because every "
   "task logs at least a start and a finish line, the count is roughly twice "
   "the number of tasks, so it is usually the largest logger in a driver log; "
   "extra lines beyond that mean retries, speculative copies or kills. Many "
   "tiny tasks (a high count with millisecond durations) usually call for "
   "fewer partitions, e.g. a lower spark.sql.shuffle.partitions or coalescing "
   "small input files.",
   0},
  {"TorrentBroadcast", "org.apache.spark.broadcast", "storage",
   "BitTorrent-like broadcast; logs reading broadcast variables",
   "TorrentBroadcast (org.apache.spark.broadcast.TorrentBroadcast) splits a "
   "broadcast value into pieces stored in the block manager, which executors "
   "fetch from the driver and from each other. It logs `Started reading "
   "broadcast variable 9 with 1 pieces (estimated total size 4.0 MiB)` and "
   "`Reading broadcast variable 9 took 160 ms` on the reading side. In a "
   "driver log these lines appear in local mode or for broadcasts read back "
   "on the driver; the count follows broadcasts times readers, and slow read "
   "times point to large broadcast joins "
   "(spark.sql.autoBroadcastJoinThreshold).",
   0},
  {"TransportClientFactory", "org.apache.spark.network.client", "network",
   "creates Netty connections to other Spark JVMs; logs connect times",
   "TransportClientFactory "
   "(org.apache.spark.network.client.TransportClientFactory) creates and "
   "pools the Netty connections used for RPC and block transfer. It logs "
   "`Successfully created connection to host/10.0.0.5:7078 after 26 ms (0 ms "
   "spent in bootstraps)` for each new connection and the ERROR or WARN "
   "`Failed to connect to host/10.0.0.5:7337` when a peer is unreachable. The "
   "count is about one line per pair of JVMs that talk; connection failures "
   "usually mean an executor or external shuffle service died, and precede "
   "fetch failures.",
   0},
  {"UnsafeExternalSorter",
   "org.apache.spark.util.collection.unsafe.sort",
   "shuffle",
   "Tungsten sorter for SQL sorts and joins; logs spills to disk",
   "UnsafeExternalSorter "
   "(org.apache.spark.util.collection.unsafe.sort.UnsafeExternalSorter) sorts "
   "binary rows for SQL sorts, sort-merge joins and window functions, "
   "spilling to disk when it cannot get more execution memory. It logs "
   "`Thread 70 spilling sort data of 64.0 MiB to disk (0  time so far)` (the "
   "count is taken before the increment, with a double space, in 3.x) and "
   "`Spilling data because number of spilledRecords crossed the threshold N`. "
   "These are executor lines; many spills mean SQL operators are short of "
   "memory, so consider more shuffle partitions, more executor memory or "
   "fixing skew.",
   0},
  {"UserGroupInformation", "org.apache.hadoop.security", "hadoop",
   "Hadoop user identity and Kerberos login; logs login and renewal",
   "UserGroupInformation (org.apache.hadoop.security.UserGroupInformation) "
   "holds the Hadoop user identity of the process, including Kerberos logins "
   "and delegation tokens. At INFO and WARN it logs logins from keytabs, "
   "ticket renewals and failures such as `PriviledgedActionException as:user "
   "... cause: ...`; at DEBUG it logs every privileged action. A high "
   "INFO/WARN count means repeated logins or authentication errors on a "
   "secured cluster; a high count made of DEBUG lines only means DEBUG "
   "logging was on.",
   0},
  {"Utils", "org.apache.spark.util", "core",
   "grab-bag utilities; logs ports bound, downloads, config warnings",
   "Utils (org.apache.spark.util.Utils) is Spark's collection of helpers for "
   "ports, files, networking and configuration. Typical lines are "
   "`Successfully started service 'sparkDriver' on port 41234.`, the WARN "
   "`Service 'SparkUI' could not bind on port 4040. Attempting port 4041.`, "
   "the WARN `Your hostname, x resolves to a loopback address ...; using "
   "10.0.0.5 instead` and `Fetching spark://... to /tmp/...` when executors "
   "download files. The count is small and start-up heavy; port-retry "
   "warnings mean several Spark applications share the host, and vendor "
   "builds add their own Utils lines (for example EMR's preallocated executor "
   "note).",
   0},
  {"WholeStageCodegenExec", "org.apache.spark.sql.execution", "sql",
   "fuses SQL operators into one generated function; logs fallbacks",
   "WholeStageCodegenExec "
   "(org.apache.spark.sql.execution.WholeStageCodegenExec) compiles a chain "
   "of SQL operators into a single generated Java function, shown as `*(1)` "
   "in plans. It logs the WARN `Whole-stage codegen disabled for plan "
   "(id=1):` followed by the plan when compilation fails, and INFO lines when "
   "a generated method is too large to be JIT-compiled "
   "(spark.sql.codegen.hugeMethodLimit). Any count here means some stages run "
   "the slower non-fused path; very wide schemas or huge CASE expressions are "
   "the usual cause.",
   0},
  {"Worker", "org.apache.spark.deploy.worker", "cluster-manager",
   "standalone worker daemon: launches executor processes for apps",
   "Worker (org.apache.spark.deploy.worker.Worker) is the standalone cluster "
   "manager's per-node daemon: it registers with the master and starts "
   "executor JVMs for applications. It logs `Starting Spark worker host:port "
   "with 8 cores, 12.0 GiB RAM`, `Successfully registered with master "
   "spark://...`, `Asked to launch executor app-.../0 for <name>` and "
   "`Executor app-.../0 finished with state EXITED message Command exited "
   "with code 1 exitStatus 1`. The count tracks executor launches on that "
   "node; non-zero exit states explain executor losses seen by the driver.",
   0},
  {"YarnAllocator", "org.apache.spark.deploy.yarn", "cluster-manager",
   "YARN: requests containers and reports why they completed",
   "YarnAllocator (org.apache.spark.deploy.yarn.YarnAllocator) asks the "
   "ResourceManager for executor containers, launches executors in them and "
   "interprets container completions; its lines appear in the driver log only "
   "in cluster mode. It logs `Will request 2 executor container(s), each with "
   "4 core(s) and 5632 MB memory (including 512 MB of overhead)`, `Launching "
   "container container_... on host h for executor with ID 3 for "
   "ResourceProfile Id 0` and `Completed container container_... on host: h "
   "(state: COMPLETE, exit status: 137)`. Exit status 137 or 143 with "
   "`Container killed by YARN for exceeding physical memory limits` means "
   "executor memory overhead is too small; many repeated requests mean "
   "containers keep failing.",
   0},
  {"YarnClientImpl",
   "org.apache.hadoop.yarn.client.api.impl",
   "cluster-manager",
   "Hadoop YARN client; logs the application id when submission succeeds",
   "YarnClientImpl (org.apache.hadoop.yarn.client.api.impl.YarnClientImpl) is "
   "Hadoop's client for the YARN ResourceManager, used by Spark's YARN Client "
   "to submit the application. It logs `Submitted application "
   "application_1521923763184_0002` once per submission. The count equals the "
   "number of applications submitted from this log; the id is the key for "
   "`yarn logs -applicationId` to fetch executor logs.",
   0},
  {"YarnClientSchedulerBackend",
   "org.apache.spark.scheduler.cluster",
   "cluster-manager",
   "YARN client-mode backend: submits the AM and waits for executors",
   "YarnClientSchedulerBackend "
   "(org.apache.spark.scheduler.cluster.YarnClientSchedulerBackend) starts "
   "the YARN application from the client, waits for it to run and monitors "
   "it. It logs `Application application_... has started running.`, "
   "`SchedulerBackend is ready for scheduling beginning after reached "
   "minRegisteredResourcesRatio: 0.8`, and at the end `Interrupting monitor "
   "thread`, `Shutting down all executors` and `YARN client scheduler backend "
   "Stopped`. The count is a small constant per application; an ERROR `YARN "
   "application has exited unexpectedly with state FAILED!` means the "
   "ApplicationMaster died, and the reason is in the YARN logs of the AM "
   "container.",
   0},
  {"YarnClusterScheduler", "org.apache.spark.scheduler.cluster", "scheduler",
   "TaskSchedulerImpl under YARN cluster mode; same task-set lines",
   "YarnClusterScheduler "
   "(org.apache.spark.scheduler.cluster.YarnClusterScheduler) is the "
   "TaskSchedulerImpl subclass used when the driver runs inside the YARN "
   "ApplicationMaster (cluster mode). It logs the same lines as "
   "TaskSchedulerImpl: `Adding task set 0.0 with 9 tasks ...`, `Removed "
   "TaskSet 0.0, whose tasks have all completed, from pool` and `Lost "
   "executor N on host: <reason>`. The count tracks the number of stages; "
   "seeing this name rather than YarnScheduler tells you the log is a "
   "cluster-mode driver (the AM container's stderr).",
   0},
  {"YarnClusterSchedulerBackend",
   "org.apache.spark.scheduler.cluster",
   "cluster-manager",
   "YARN cluster-mode backend inside the ApplicationMaster",
   "YarnClusterSchedulerBackend "
   "(org.apache.spark.scheduler.cluster.YarnClusterSchedulerBackend) is the "
   "scheduler backend used when the driver runs inside the YARN "
   "ApplicationMaster (cluster mode). It logs the readiness line "
   "`SchedulerBackend is ready for scheduling beginning after reached "
   "minRegisteredResourcesRatio: 0.8` and shutdown lines such as `Shutting "
   "down all executors`. The count is a small constant; its presence "
   "identifies a cluster-mode driver log.",
   0},
  {"YarnScheduler", "org.apache.spark.scheduler.cluster", "scheduler",
   "TaskSchedulerImpl under YARN client mode; same task-set lines",
   "YarnScheduler (org.apache.spark.scheduler.cluster.YarnScheduler) is the "
   "TaskSchedulerImpl subclass Spark creates for YARN client mode; it adds "
   "rack awareness but logs exactly what TaskSchedulerImpl logs. Expect "
   "`Adding task set 2.0 with 6 tasks resource profile 0`, `Removed TaskSet "
   "2.0, whose tasks have all completed, from pool` and the ERROR `Lost "
   "executor 36 on host: Container killed by YARN for exceeding memory limits "
   "...`. The count tracks the number of stages; ERROR lines from it are the "
   "first place to look for executor loss on YARN, usually fixed by raising "
   "spark.executor.memoryOverhead.",
   0},
  {"YarnSchedulerBackend$YarnDriverEndpoint",
   "org.apache.spark.scheduler.cluster",
   "cluster-manager",
   "YARN driver endpoint: registers executors and handles their removal",
   "YarnSchedulerBackend$YarnDriverEndpoint is the YARN subclass of "
   "CoarseGrainedSchedulerBackend's DriverEndpoint, the driver RPC endpoint "
   "executors register with. It logs `Registered executor "
   "NettyRpcEndpointRef(spark-client://Executor) (10.0.0.5:43210) with ID 1,  "
   "ResourceProfileId 0` for each executor, `Asking each executor to shut "
   "down` at the end, and `Disabling executor 3.` or `Asked to remove "
   "non-existent executor 3` on loss. The count is about one line per "
   "executor registration plus removals; a high count means many executors or "
   "executor churn.",
   0},
  {"YarnSchedulerBackend$YarnSchedulerEndpoint",
   "org.apache.spark.scheduler.cluster",
   "cluster-manager",
   "driver endpoint talking to the YARN AM; logs executor-removal reasons",
   "YarnSchedulerBackend$YarnSchedulerEndpoint is the driver-side endpoint "
   "that talks to the YARN ApplicationMaster: it forwards executor requests "
   "and receives the reasons containers ended. Its key line is the WARN "
   "`Requesting driver to remove executor 2 for reason Container killed by "
   "YARN for exceeding physical memory limits ...` and `ApplicationMaster "
   "registered as NettyRpcEndpointRef(...)`. The count follows executor "
   "losses, so any WARN count here is worth reading; memory-limit reasons "
   "call for a larger spark.executor.memoryOverhead or fewer cores per "
   "executor.",
   0},
  {"deprecation", "org.apache.hadoop.conf.Configuration", "hadoop",
   "Hadoop config: notes deprecated property names being translated",
   "`deprecation` is the logger "
   "org.apache.hadoop.conf.Configuration.deprecation, through which Hadoop's "
   "Configuration reports deprecated property names it translates to their "
   "new names. It logs lines such as `mapred.tip.id is deprecated. Instead, "
   "use mapreduce.task.id`, typically once per property per JVM when Spark "
   "sets old MapReduce keys for Hadoop output formats. The count is harmless "
   "noise that grows with the number of JVMs and Hadoop-based writes.",
   0},
};
/* clang-format on */

#define COMPONENT_COUNT (sizeof components / sizeof components[0])

static const struct {
  const char *slug;
  const char *title;
} subsystems[] = {
    {"scheduler", "Scheduler"},      {"storage", "Storage & caching"},
    {"shuffle", "Shuffle"},          {"sql", "SQL & data sources"},
    {"io-commit", "I/O & commit"},   {"cluster-manager", "Cluster manager"},
    {"executor", "Executor"},        {"core", "Core runtime"},
    {"streaming", "Streaming"},      {"network", "Network"},
    {"platform", "Vendor platform"}, {"hadoop", "Hadoop & file systems"},
    {"python", "PySpark"},
};

/* Compares the counted string (s, n) with the NUL-terminated name. */
static int compare_name(const char *s, size_t n, const char *name)
{
  size_t m = strlen(name);
  size_t k = n < m ? n : m;
  int c = k ? memcmp(s, name, k) : 0;
  if (c != 0)
    return c;
  return n < m ? -1 : n > m ? 1 : 0;
}

const slg_component *slg_knowledge_find(const char *name, size_t len)
{
  size_t lo = 0, hi = COMPONENT_COUNT;
  if (name == NULL)
    return NULL;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = compare_name(name, len, components[mid].name);
    if (c == 0)
      return &components[mid];
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}

static int ascii_lower(int c)
{
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Case-insensitive equality of (s, n) and the first n bytes of name. */
static int equal_prefix_nocase(const char *s, size_t n, const char *name)
{
  size_t i;
  for (i = 0; i < n; i++) {
    if (name[i] == '\0' ||
        ascii_lower((unsigned char)s[i]) != ascii_lower((unsigned char)name[i]))
      return 0;
  }
  return 1;
}

/* Case-insensitive equality of the counted string (s, n) and name. */
static int equal_nocase(const char *s, size_t n, const char *name)
{
  return equal_prefix_nocase(s, n, name) && name[n] == '\0';
}

/* Characters a user may leave around a name when pasting it from a log or
 * a rendered report: "{TaskSetManager}", "TaskSetManager:", "[x]". */
static int is_wrapper(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '{' ||
         c == '}' || c == '[' || c == ']' || c == ':' || c == '"' || c == '\'';
}

const slg_component *slg_knowledge_lookup(const char *query)
{
  const char *start, *end, *p;
  const slg_component *hit;
  size_t n, i;

  if (query == NULL)
    return NULL;
  start = query;
  end = query + strlen(query);
  while (start < end && is_wrapper(*start))
    start++;
  while (end > start && is_wrapper(end[-1]))
    end--;
  /* Package prefixes are dropped whatever their form: full
   * ("org.apache.spark.scheduler.TaskSetManager"), abbreviated by log4j's
   * %c{1.} ("o.a.s.scheduler.TaskSetManager") or cut by %c{2}
   * ("scheduler.TaskSetManager"). Short names never contain a dot; inner
   * classes use '$' and keep it. */
  for (p = start; p < end; p++) {
    if (*p == '.')
      start = p + 1;
  }
  n = (size_t)(end - start);
  if (n == 0)
    return NULL;
  hit = slg_knowledge_find(start, n);
  if (hit != NULL)
    return hit;
  for (i = 0; i < COMPONENT_COUNT; i++) {
    if (equal_nocase(start, n, components[i].name))
      return &components[i];
  }
  /* A Scala object logs with a trailing '$' ("AnalyzerLogHelper$") that
   * users rarely type. */
  for (i = 0; i < COMPONENT_COUNT; i++) {
    const char *name = components[i].name;
    size_t m = strlen(name);
    if (m == n + 1 && name[n] == '$' && equal_prefix_nocase(start, n, name))
      return &components[i];
  }
  /* An inner class typed without its outer class ("YarnDriverEndpoint"),
   * accepted only when exactly one entry has that inner name. */
  hit = NULL;
  for (i = 0; i < COMPONENT_COUNT; i++) {
    const char *inner = strrchr(components[i].name, '$');
    if (inner != NULL && equal_nocase(start, n, inner + 1)) {
      if (hit != NULL)
        return NULL;
      hit = &components[i];
    }
  }
  return hit;
}

size_t slg_knowledge_count(void)
{
  return COMPONENT_COUNT;
}

const slg_component *slg_knowledge_at(size_t index)
{
  return index < COMPONENT_COUNT ? &components[index] : NULL;
}

const char *slg_subsystem_title(const char *slug)
{
  size_t i;
  if (slug == NULL)
    return NULL;
  for (i = 0; i < sizeof subsystems / sizeof subsystems[0]; i++) {
    if (strcmp(subsystems[i].slug, slug) == 0)
      return subsystems[i].title;
  }
  return slug;
}
