#!/usr/bin/env python3
"""sparklog over a Spark cluster: a bucket of driver logs, one sparklog
process per log on the executors, every report's rows in one table.

NOT RUN IN CI. CI has no Spark: tests/cli/fleet_parallel.sh only checks
that this file compiles (python3 -m py_compile). It is a recipe to adapt
(docs/fleet.md), not a tested product.

    spark-submit sparklog_spark.py --paths paths.txt --out rows.parquet
    spark-submit sparklog_spark.py --paths s3-paths.txt \\
        --fetch 'aws s3 cp {} -' --table analytics.sparklog_rows

An RDD of the log paths (one a line of --paths) is cut into --partitions
partitions; mapPartitions runs, for each path of a partition,

    sparklog --format ndjson --each PATH        (or --format json PATH)

on the executor, or `FETCH | sparklog ... -` when --fetch is given (its
{} is replaced by the path), and turns each object of the report into a
row: the log's path, sparklog's exit status (3: the file was not read
whole, the report covers what was read), the object's place (type, app,
job, stage, attempt) and the object itself as JSON text (`report`; read
the rest with from_json). With --format json, each application of the
report is a row of type "app" and each file read a row of type "file".
A path whose sparklog failed (an exit status other than 0 or 1: 3 when
the file was not read whole) or wrote no report also gives a row of type
"error" with its stderr.

Every executor needs sparklog on its PATH (or --sparklog PATH).
"""
import argparse
import json
import shlex
import subprocess

ROW_FIELDS = ("path", "exit_status", "type", "app", "job", "stage",
              "attempt", "report")


def sparklog_rows(paths, sparklog, fmt, fetch, timeout):
    """Run sparklog on each path; yield one tuple of ROW_FIELDS per object
    of its report. Runs on the executors: only the standard library."""
    for path in paths:
        path = path.strip()
        if not path:
            continue
        cmd = [sparklog, "--format", fmt]
        if fmt == "ndjson":
            cmd.append("--each")
        stdin = None
        fetcher = None
        if fetch:
            fetcher = subprocess.Popen(
                shlex.split(fetch.replace("{}", shlex.quote(path))),
                stdout=subprocess.PIPE)
            stdin = fetcher.stdout
            cmd.append("-")
        else:
            cmd += ["--", path]
        try:
            run = subprocess.run(cmd, stdin=stdin, capture_output=True,
                                 timeout=timeout)
        except subprocess.TimeoutExpired:
            yield (path, -1, "error", None, None, None, None,
                   json.dumps({"error": "timeout after %d s" % timeout}))
            continue
        finally:
            if fetcher is not None:
                fetcher.stdout.close()
                fetcher.wait()
        out = run.stdout.decode("utf-8", "replace")
        if not out.strip():
            yield (path, run.returncode, "error", None, None, None, None,
                   json.dumps({"error": run.stderr.decode("utf-8",
                                                          "replace")}))
            continue
        if fmt == "ndjson":
            objs = [json.loads(line) for line in out.splitlines() if line]
        else:
            doc = json.loads(out)
            objs = [dict(f, type="file")
                    for f in doc.get("input", {}).get("files", [])]
            objs += [dict(a, type="app", app=a.get("seq"))
                     for a in doc.get("apps", [])]
        if run.returncode not in (0, 1) or not objs:
            objs.append({"type": "error", "exit_status": run.returncode,
                         "error": run.stderr.decode("utf-8", "replace")})
        for o in objs:
            yield (path, run.returncode, o.get("type"),
                   _str(o.get("app")), _str(o.get("job")),
                   _str(o.get("stage")), _str(o.get("attempt")),
                   json.dumps(o, sort_keys=True))


def _str(v):
    return None if v is None else str(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--paths", required=True,
                    help="file of log paths, one a line (read by Spark: "
                         "a local, HDFS or S3 path)")
    ap.add_argument("--out", help="write the rows as Parquet here")
    ap.add_argument("--table", help="or save them as this table")
    ap.add_argument("--format", default="ndjson",
                    choices=("ndjson", "json"))
    ap.add_argument("--sparklog", default="sparklog")
    ap.add_argument("--fetch", help="command writing a path's bytes on "
                                    "stdout, {} the path")
    ap.add_argument("--partitions", type=int, default=0,
                    help="partitions of the path list (default: Spark's)")
    ap.add_argument("--timeout", type=int, default=3600,
                    help="seconds for one log")
    args = ap.parse_args()
    if not args.out and not args.table:
        ap.error("--out or --table is needed")

    # Imported here so that the module compiles and its functions can be
    # read without pyspark installed.
    from pyspark.sql import SparkSession
    from pyspark.sql.types import (IntegerType, StringType, StructField,
                                   StructType)

    spark = SparkSession.builder.appName("sparklog-fleet").getOrCreate()
    paths = spark.sparkContext.textFile(args.paths)
    if args.partitions:
        paths = paths.repartition(args.partitions)
    sparklog, fmt, fetch, timeout = (args.sparklog, args.format, args.fetch,
                                     args.timeout)
    rows = paths.mapPartitions(
        lambda part: sparklog_rows(part, sparklog, fmt, fetch, timeout))
    schema = StructType([
        StructField(name, IntegerType() if name == "exit_status"
                    else StringType(), True) for name in ROW_FIELDS])
    df = spark.createDataFrame(rows, schema)
    if args.table:
        df.write.mode("overwrite").saveAsTable(args.table)
    else:
        df.write.mode("overwrite").parquet(args.out)
    # One line a type: how many rows, and how many logs were not read whole.
    df.groupBy("type").count().show(truncate=False)
    bad = df.filter(df.exit_status != 0).select("path").distinct().count()
    print("logs not read whole or failed: %d" % bad)
    spark.stop()


if __name__ == "__main__":
    main()
