#!/usr/bin/env python3
"""Regenerates tests/fuzz/seeds/ from small slices of permissively licensed
corpus logs (MIT / Apache-2.0 per ../shared/corpus/CATALOG.md) plus inputs
written here. Run from the repository root:

    python3 tests/fuzz/make_seeds.py [SHARED_DIR]

Seeds are committed; this script documents where each one comes from.
"""
import gzip
import os
import re
import struct
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
OUT = os.path.join(ROOT, "tests", "fuzz", "seeds")

# (corpus path, licence per CATALOG.md): only MIT and Apache-2.0 files.
SOURCES = {
    "fraud": ("corpus/fraud-lakehouse-spark35/spark_job.log", "MIT"),
    "eddiepi": ("corpus/eddiepi-spark-tracing/spark-debug.log", "Apache-2.0"),
    "sparklyr": ("corpus/sparklyr-spark4-json/README.spark_log_excerpt.jsonl",
                 "Apache-2.0"),
}


def corpus_lines(key, start, count):
    path = os.path.join(SHARED, SOURCES[key][0])
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    return b"\n".join(lines[start:start + count]) + b"\n"


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# Written here: one line per layout family and the awkward cases.
OWN_LAYOUTS = b"""\
24/08/13 15:12:49 INFO DAGScheduler: Got job 0 (json at X.java:0) with 8 output partitions
2024-08-13 15:12:49,123 INFO [dag-scheduler-event-loop] scheduler.DAGScheduler: Submitting ResultStage 0 (MapPartitionsRDD[6] at json at X.java:0), which has no missing parents
2024-08-13T15:12:49.123Z WARN  org.apache.spark.scheduler.TaskSetManager - Lost task 1.0 in stage 2.0 (TID 9) (host, executor 1): java.io.IOException: boom
\tat org.apache.spark.Foo.bar(Foo.scala:1)
[INFO][2017-01-01 10:00:00][org.apache.spark.SparkContext]Running Spark version 2.2.0
15:12:49.123 [main] INFO  o.a.s.SparkContext - Running Spark version 3.5.1
INFO  2024-08-13 15:12:49,123 [Thread-1] {TaskSchedulerImpl} Adding task set 0.0 with 8 tasks
{"ts":"2025-03-18T05:33:03.487Z","level":"INFO","msg":"Running task 0.0 in stage 90.0 (TID 127)","logger":"Executor"}
\r[Stage 0:>                                                          (0 + 8) / 8]\r
Using Spark's default log4j profile: org/apache/spark/log4j-defaults.properties
SLF4J: Class path contains multiple SLF4J bindings.
$ spark-submit --class Foo app.jar
```
24/13/45 99:99:99 INFO : empty logger
 INFO DAGScheduler: Got job 0 (collect at X.scala:1) with 2 output partitions
WARN  TaskSetManager: Lost task 1.0 in stage 2.0 (TID 9)
24/08/13 15:12:49 INFO \xff\xfeBad\xc3\x28Logger: caf\xc3\xa9 \xed\xa0\x80 \xf4\x90\x80\x80
"""

MODEL_LINES = b"""\
#T55969000
SparkContext: Running Spark version 3.5.1
SparkContext: Submitted application: fuzz
DAGScheduler: Got job 0 (count at X.scala:1) with 2 output partitions
DAGScheduler: Final stage: ResultStage 1 (count at X.scala:1)
DAGScheduler: Parents of final stage: List(ShuffleMapStage 0)
DAGScheduler: Missing parents: List(ShuffleMapStage 0)
DAGScheduler: Submitting ShuffleMapStage 0 (MapPartitionsRDD[1] at map at X.scala:1), which has no missing parents
DAGScheduler: Submitting 2 missing tasks from ShuffleMapStage 0 (MapPartitionsRDD[1] at map at X.scala:1) (first 15 tasks are for partitions Vector(0, 1))
TaskSchedulerImpl: Adding task set 0.0 with 2 tasks resource profile 0
TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) (host1, executor 1, partition 0, PROCESS_LOCAL, 7595 bytes)
TaskSetManager: Starting task 1.0 in stage 0.0 (TID 1) (host2, executor 2, partition 1, NODE_LOCAL, 7595 bytes) taskResourceAssignments Map()
TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) in 1039 ms on host1 (executor 1) (1/2)
TaskSetManager: Lost task 1.0 in stage 0.0 (TID 1) (host2 executor 2): FetchFailed(BlockManagerId(2, host2, 7337, None), shuffleId=0, mapIndex=1, mapId=1, reduceId=0, message=
org.apache.spark.shuffle.FetchFailedException: boom
\tat org.apache.spark.storage.ShuffleBlockFetcherIterator.throwFetchFailedException(ShuffleBlockFetcherIterator.scala:1)
TaskSetManager: Finished task 1.0 in stage 0.0 (TID 1) in 2,043 ms on host2 (executor 2) (2/2)
TaskSchedulerImpl: Removed TaskSet 0.0, whose tasks have all completed, from pool
DAGScheduler: ShuffleMapStage 0 (map at X.scala:1) finished in 1.225 s
DAGScheduler: looking for newly runnable stages
MapOutputTrackerMaster: Size of output statuses for shuffle 0 is 160 bytes
DAGScheduler: Submitting ResultStage 1 (ShuffledRDD[2] at count at X.scala:1), which has no missing parents
DAGScheduler: ResultStage 1 (count at X.scala:1) finished in Unknown s
DAGScheduler: Job 0 finished: count at X.scala:1, took 1.283159 s
DAGScheduler: Job 1 failed: save at Y.scala:9, took 0.5 s
DAGScheduler: ShuffleMapStage 7 (map at X.scala:1) failed in 3.0 s due to Job aborted due to stage failure
DAGScheduler: Resubmitting ShuffleMapStage 0 (map at X.scala:1) and ResultStage 1 (count at X.scala:1) due to fetch failure
DAGScheduler: Executor lost: 2 (epoch 3)
ExecutorAllocationManager: Requesting 4 new executors because tasks are backlogged (new desired total will be 6 for resource profile id: 0)
#T10
TaskSetManager: Finished task 0.0 in stage 99.0 (TID 1180591620717411303424) in 18446744073709551616 ms on h (executor 1) (1/1)
DAGScheduler: Got job 1180591620717411303424 (x at y:1) with 1 output partitions
TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) in -5 ms on host1 (executor 1) (1/2)
TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) (host1, executor 1, partition 0, PROCESS_LOCAL, 7595 bytes)
AdaptiveSparkPlanExec: Final plan
"""

# Relays (layout.c, --unwrap): Airflow's task loggers and Livy's
# LineBufferedStream around records, a relay's plain output, records
# forged in other loggers' messages, relays inside relays, and Spark's
# short names in other packages (the model's routes). The pipeline
# targets name MyApp and com.acme.Relay with --unwrap (fuzz.h).
RELAY_LINES = b"""\
[2026-05-04, 00:06:07 UTC] {spark_submit.py:492} INFO - 24/08/13 15:12:49 INFO DAGScheduler: Got job 0 (count at X.scala:1) with 2 output partitions
[2026-05-04, 00:06:07 UTC] {spark_submit.py:492} INFO - 24/08/13 15:12:50 INFO TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) in 1039 ms on host1 (executor 1) (1/2)
[2026-05-04, 00:06:07 UTC] {spark_submit.py:492} INFO - Identified spark driver id: driver-1
[2026-05-04, 00:06:08 UTC] {subprocess.py:93} INFO - 2024-08-13 15:12:49,123 INFO [main] org.apache.spark.SparkContext: Running Spark version 3.5.1
[2026-05-04, 00:06:08 UTC] {pod_manager.py:466} INFO - [2026-05-04 00:06:08] INFO DAGScheduler: Job 0 finished: count at X.scala:1, took 1.2 s
[2026-05-04, 00:06:08 UTC] {emr.py:86} INFO - 26/05/04 00:06:08 WARN TaskSetManager: Lost task 1.0 in stage 0.0 (TID 1) (h executor 2): FetchFailed(BlockManagerId(2, h, 7337, None), shuffleId=0, mapIndex=1, mapId=1, reduceId=0, message=
[2026-05-04, 00:06:08 UTC] {taskinstance.py:1} INFO - 24/08/13 15:12:51 INFO DAGScheduler: Got job 9 (forged at X.scala:1) with 1 output partitions
[2026-05-04, 00:06:08 UTC] {spark_submit.py:} INFO - 24/08/13 15:12:51 INFO DAGScheduler: Got job 8 (x at X.scala:1) with 1 output partitions
[2026-05-04, 00:06:08 UTC] {.py:1} INFO - 24/08/13
24/08/13 15:12:51 INFO LineBufferedStream: stdout: 24/08/13 15:12:51 INFO DAGScheduler: Submitting ResultStage 1 (x at X.scala:1), which has no missing parents
24/08/13 15:12:51 INFO LineBufferedStream: stderr: 24/08/13 15:12:51 ERROR SparkContext: Error initializing SparkContext.
24/08/13 15:12:51 INFO org.apache.livy.utils.LineBufferedStream: stdout: [2024-08-13 15:12:51] INFO TaskSetManager: Starting task 0.0 in stage 1.0 (TID 2) (h, executor 1, partition 0, PROCESS_LOCAL, 7595 bytes)
24/08/13 15:12:51 INFO LineBufferedStream: stdout: 25 rows written
24/08/13 15:12:51 INFO LineBufferedStream: stdout: 24/08/13 15:12:51 INFO LineBufferedStream: stdout: 24/08/13 15:12:52 INFO DAGScheduler: Job 1 failed: x at X.scala:1, took 0.5 s
24/08/13 15:12:52 INFO MyApp: 24/08/13 15:12:52 WARN TaskSetManager: Lost task 0.0 in stage 0.0 (TID 0) (h executor 1): FetchFailed(BlockManagerId(1, h, 7337, None), shuffleId=0, mapIndex=0, mapId=0, reduceId=0, message=
24/08/13 15:12:52 INFO MyApp: [x] 24/08/13 15:12:52 INFO TaskSetManager: Finished task 3.0 in stage 0.0 (TID 33) in 590000 ms on h (executor 1) (1/1)
24/08/13 15:12:52 INFO MyApp: > 24/08/13 15:12:52 INFO TaskSetManager: Finished task 4.0 in stage 0.0 (TID 34) in 590000 ms on h (executor 1) (1/1)
24/08/13 15:12:52 INFO com.acme.Relay: 2024-08-13 15:12:52,123 INFO [main] o.a.s.s.DAGScheduler: Got job 5 (x at X.scala:1) with 1 output partitions
24/08/13 15:12:52 INFO OtherApp: 24/08/13 15:12:52 INFO DAGScheduler: Got job 6 (forged at X.scala:1) with 1 output partitions
24/08/13 15:12:52 INFO OtherApp: {"ts":"2025-03-18T05:33:03.487Z","level":"INFO","msg":"Got job 7 (forged at X.scala:1) with 1 output partitions","logger":"DAGScheduler"}
2024-08-13 15:12:53,000 INFO [main] com.evil.DAGScheduler: Got job 10 (forged at X.scala:1) with 1 output partitions
2024-08-13 15:12:53,000 INFO [main] com.evil.TaskSetManager: Finished task 0.0 in stage 0.0 (TID 0) in 590000 ms on h (executor 1) (1/1)
2024-08-13 15:12:53,000 INFO [main] org.apache.spark.scheduler.DAGScheduler: Job 0 finished: count at X.scala:1, took 1.2 s
2024-08-13 15:12:53,000 INFO [main] o.a.s.s.TaskSetManager: Finished task 1.0 in stage 0.0 (TID 1) in 2043 ms on host2 (executor 2) (2/2)
"""


def to_model(text):
    """'yy/MM/dd HH:mm:ss LEVEL Logger: msg' -> 'Logger: msg'."""
    out = []
    pat = re.compile(rb"^\d\d/\d\d/\d\d \d\d:\d\d:\d\d [A-Z]+ (.*)$")
    for line in text.split(b"\n"):
        m = pat.match(line)
        out.append(m.group(1) if m else line)
    return b"\n".join(out)


def gzip_member(data, name=None, comment=None, extra=None, hcrc=False):
    """One gzip member with the given optional header fields."""
    flg = (2 if hcrc else 0) | (4 if extra is not None else 0) | \
        (8 if name is not None else 0) | (16 if comment is not None else 0)
    h = b"\x1f\x8b\x08" + bytes([flg]) + b"\0\0\0\0\0\x03"
    if extra is not None:
        h += struct.pack("<H", len(extra)) + extra
    if name is not None:
        h += name + b"\0"
    if comment is not None:
        h += comment + b"\0"
    if hcrc:
        h += struct.pack("<H", zlib.crc32(h) & 0xffff)
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = c.compress(data) + c.flush()
    return h + body + struct.pack("<II", zlib.crc32(data),
                                  len(data) & 0xffffffff)


def main():
    fraud_head = corpus_lines("fraud", 40, 70)     # job 0: submit .. finish
    fraud_shuffle = corpus_lines("fraud", 1900, 40)  # ShuffleMapStage 3
    eddie = corpus_lines("eddiepi", 0, 30)
    eddie_sched = b"".join(
        l + b"\n" for l in open(os.path.join(SHARED, SOURCES["eddiepi"][0]),
                               "rb").read().split(b"\n")
        if b"DAGScheduler" in l or b"TaskSetManager" in l)[:6000]
    spark4 = corpus_lines("sparklyr", 0, 6)

    # lines: the settings byte then text (CRLF, a long line, binary).
    write("lines", "fraud", b"\x06" + fraud_head)
    write("lines", "crlf", b"\x03" + fraud_head[:2000].replace(b"\n", b"\r\n"))
    write("lines", "long", b"\x04" + b"A" * 300 + b"\n\n\r\n" + b"B" * 40)
    write("lines", "own", b"\x0f" + OWN_LAYOUTS)
    write("lines", "nul", b"\x05" + b"\0" * 64)

    for name, data in (("fraud", fraud_head), ("shuffle", fraud_shuffle),
                       ("eddiepi", eddie), ("spark4", spark4),
                       ("own", OWN_LAYOUTS), ("relays", RELAY_LINES)):
        write("layout", name, data)

    write("pattern", "default",
          b"%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n\n" + fraud_head[:3000])
    write("pattern", "iso",
          b"%d{ISO8601} %-5p [%t] %c: %m%n\n"
          b"2024-08-13 15:12:49,123 INFO  [main] org.apache.spark.SparkContext: Running Spark version 3.5.1\n")
    write("pattern", "brackets",
          b"[%p][%d{yyyy-MM-dd HH:mm:ss}][%c]%m%n\n"
          b"[INFO][2017-01-01 10:00:00][org.apache.spark.SparkContext]Running Spark version 2.2.0\n")
    write("pattern", "time_only",
          b"%d{HH:mm:ss.SSS} [%t] %-5level %logger{36} - %msg%n\n"
          b"15:12:49.123 [main] INFO  o.a.s.SparkContext - hello\n")
    write("pattern", "bad", b"%d{yy/MM/dd %q %c{ %m%n\nx\n")
    write("pattern", "literal", b"%% %n %r %X{foo} %C %L %F %M %l %x %%\nabc\n")

    write("extract", "own", MODEL_LINES)
    write("extract", "fraud", to_model(fraud_head))
    write("extract", "shuffle", to_model(fraud_shuffle))
    write("extract", "eddiepi", to_model(eddie_sched))

    # gzip: mode byte 0 = raw bytes, odd = compressed by the harness.
    gz = gzip.compress(fraud_head, mtime=0)
    write("gzip", "plain", b"\x00" + fraud_head[:1500])
    write("gzip", "member", b"\x00" + gz)
    write("gzip", "two_members", b"\x00" + gz + gzip.compress(b"tail\n", mtime=0))
    write("gzip", "truncated", b"\x00" + gz[: len(gz) // 2])
    write("gzip", "trailing", b"\x00" + gz + b"junk")
    write("gzip", "gz_of_gz", b"\x00" + gzip.compress(gz, mtime=0))
    write("gzip", "empty", b"\x00")
    write("gzip", "header_only", b"\x00\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03")
    for mode in (0x01, 0x03, 0x05, 0x09, 0x11, 0x19):
        write("gzip", "mode_%02x" % mode,
              bytes([mode, 0x01, 0x20, 0x55]) + fraud_head[:800])
    # Placed mode (byte 0 = 0x02): bytes 1-3 a lead length L, the rest
    # read after a valid empty member of L bytes, so these small seeds
    # put members across the reader's 256 KiB window edge (W).
    W = 256 * 1024
    small = gzip_member(fraud_head[:600])
    empty = gzip_member(b"")

    def placed(lead, g):
        return bytes([0x02, lead >> 16 & 0xff, lead >> 8 & 0xff,
                      lead & 0xff]) + g
    # an empty member straddling the edge
    write("gzip", "placed_empty_straddle", placed(W - 9, empty + small))
    # the lead, an empty member, has an FNAME longer than a window
    write("gzip", "placed_long_fname", placed(W + 1000, empty + small))
    # a header whose FHCRC is past the edge
    write("gzip", "placed_fhcrc",
          placed(W - 14, gzip_member(fraud_head[:300], name=b"abc",
                                     hcrc=True) + small))
    # FEXTRA and FCOMMENT across the edge
    write("gzip", "placed_fields",
          placed(W - 20, gzip_member(fraud_head[:300], extra=b"E" * 40,
                                     comment=b"a comment", hcrc=True) +
                 empty + small))
    # the second edge, a member ending right at it
    write("gzip", "placed_second_edge",
          placed(2 * W - len(small), small + empty + small))

    # pipeline: four settings bytes, then the log.
    write("pipeline", "fraud", b"\x07\xff\xff\x00" + fraud_head)
    write("pipeline", "shuffle", b"\x00\xff\xff\x01" + fraud_shuffle)
    write("pipeline", "small_caps", b"\x0c\x02\x01\x05" + eddie)
    write("pipeline", "spark4", b"\x03\xff\xff\x04" + spark4)
    write("pipeline", "own", b"\x01\x10\x03\x03" + OWN_LAYOUTS)
    write("pipeline", "model", b"\x05\xff\xff\x00" + b"\n".join(
        b"24/08/13 15:12:49 INFO " + l for l in MODEL_LINES.split(b"\n")
        if l and not l.startswith(b"#")))
    write("pipeline", "binary", b"\x02\x00\x00\x00" + bytes(range(256)) * 4)
    write("pipeline", "relays", b"\x04\xff\xff\x00" + RELAY_LINES)

    # chunks: the same four settings bytes (byte 0: chunk lengths, byte 3:
    # keep an unterminated last line), then the log.
    write("chunks", "fraud", b"\x03\xff\xff\x01" + fraud_head)
    write("chunks", "shuffle", b"\x01\xff\xff\x00" + fraud_shuffle)
    write("chunks", "small_caps", b"\x02\x02\x01\x01" + eddie)
    write("chunks", "spark4", b"\x00\xff\xff\x01" + spark4)
    write("chunks", "own", b"\x04\x10\x03\x01" + OWN_LAYOUTS)
    write("chunks", "binary", b"\x05\x00\x00\x00" + bytes(range(256)) * 4)
    write("chunks", "relays", b"\x01\xff\xff\x01" + RELAY_LINES)


if __name__ == "__main__":
    main()
