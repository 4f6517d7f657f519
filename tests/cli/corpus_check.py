#!/usr/bin/env python3
"""Corpus tier: run sparklog on every text log of ../shared/corpus and check
it against counts made independently of sparklog.

For each file an oracle regex, written by hand for that file's layout (the
test's own knowledge, not sparklog's detector), finds the log4j records and
their logger and level. The check asserts:
  * the accounting identity lines = records + continuation + unrecognised,
    and lines = wc -l (+1 for a final line without newline);
  * >= 99% of the oracle's records are recognised as records;
  * per-logger counts equal the oracle's (canonical short names);
  * level totals equal the oracle's.
Usage: corpus_check.py SPARKLOG CORPUS_DIR
"""
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

DEFAULT = r"(?:^|[\]\r] *|(?<=[A-Za-z]))(?P<date>\d\d/\d\d/\d\d \d\d:\d\d:\d\d) (?P<level>TRACE|DEBUG|INFO|WARN|ERROR|FATAL) (?P<logger>[\w.$-]+) ?: "
ORACLES = {
    "andone-datamining/spark.log": r"^\[(?P<level>[A-Z]+)\]\[\d{4}-[^\]]+\]\[(?P<logger>[\w.$]+)\]",
    "bdd-examples/spark.log": r"^\[(?P<level>[A-Z]+)\] \d{4}-\d\d-\d\d \S+ (?P<logger>[\w.$]+) - ",
    "bxshi-analyze/spark.log": r"^\d{4}-\d\d-\d\d \S+ \[[^\]]*\] (?P<level>[A-Z]+) +(?P<logger>[\w.$]+) - ",
    "chuccp-spark-ml/spark.log": r"^\[(?P<level>[A-Z]+) *\] \[\d{4}-[^\]]+\] \[[^\]]*\] \[[^\]]*\] \[(?P<logger>[\w.$]+)\] \[\d+\] -\[",
    "eddiepi-spark-tracing/spark-debug.log": DEFAULT,
    "f1-pitwall/spark_log.txt": DEFAULT,
    "flume-spark-streaming/spark-submit.log": DEFAULT,
    "fraud-lakehouse-spark35/spark_job.log": DEFAULT,
    "fraud-lakehouse-spark35/start_kafka_consumer.txt": DEFAULT,
    "gac-benchmarking/spark.log": r"^\[(?P<level>[A-Z]+)\] \d{4}-\d\d-\d\d \S+ (?P<logger>[\w.$]+) \S+ - ",
    "gdelt-insights/spark.log": DEFAULT,
    "hail-manhattan/hail.log": r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?P<logger>[\w.$-]+): (?P<level>[A-Z]+): ",
    "hamza-spark-streaming/spark.log": DEFAULT,
    "loghub/Spark_2k.log": DEFAULT,
    "loghub-2.0/Spark_2k.log": DEFAULT,
    "noodling/spark.log": DEFAULT,
    "resilient-kafka/spark.log": DEFAULT,
    "simple-project-sbt/spark.log": r"^\[(?P<level>[A-Z]+)\] \d{4}-\d\d-\d\d \S+ (?P<logger>[\w.$]+) \S+ - ",
    "spark-vlearn/spark.log": r"^\d{4}-\d\d-\d\d \S+ +(?P<level>[A-Z]+) --- \[[^\]]*\] +(?P<logger>[\w.$]+)\(line:\d+\) : ",
    "spawk/spark.log": DEFAULT,
    "typosquatting/spark.log": r"^\d{4}-\d\d-\d\d \S+ \[[^\]]*\] (?P<level>[A-Z]+) +(?P<logger>[\w.$]+) - ",
    "yugokato-hw/spark.log": r"^\[(?P<level>[A-Z]+) *\]\d{8}@\S+:(?P<logger>[\w.$]+) - ",
    "ulhpc-aion-terasort/README.md": DEFAULT,
    "dashaub-pbdp-emr/Shaub_David_HW7.md": DEFAULT,
    "sparklyr-spark4-json/README.md": "JSON",
    "sparklyr-spark4-json/README.spark_log_excerpt.jsonl": "JSON",
}


def short(logger):
    return logger.strip("{}[]:").rsplit(".", 1)[-1]


def oracle(path, pattern):
    data = path.read_bytes()
    text = data.decode("utf-8", "replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    loggers, levels = Counter(), Counter()
    for line in lines:
        line = line.rstrip("\r")
        if pattern == "JSON":
            i = line.find('{"ts"')
            if i < 0:
                continue
            try:
                obj = json.loads(line[i:])
            except ValueError:
                continue
            loggers[short(obj["logger"])] += 1
            levels[obj["level"]] += 1
            continue
        m = None
        for m in re.finditer(pattern, line):
            pass  # the last header on the line wins (progress-bar prefixes)
        if m:
            loggers[short(m.group("logger"))] += 1
            levels[m.group("level")] += 1
    wc = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    return wc, loggers, levels


def main():
    sparklog, corpus = sys.argv[1], Path(sys.argv[2])
    if not corpus.is_dir():
        print(f"SKIP: corpus not found at {corpus}")
        return 77
    failures = 0
    checked = 0
    for rel, pattern in sorted(ORACLES.items()):
        path = corpus / rel
        checked += 1
        if not path.exists():
            # A pinned log gone from the corpus is a failure, not a pass.
            print(f"FAIL {rel}: missing from {corpus}")
            failures += 1
            continue
        wc, want_loggers, want_levels = oracle(path, pattern)
        out = subprocess.run([sparklog, "--format", "json", str(path)],
                             capture_output=True)
        if out.returncode != 0:
            print(f"FAIL {rel}: exit {out.returncode}: {out.stderr!r}")
            failures += 1
            continue
        doc = json.loads(out.stdout)
        inp = doc["input"]
        problems = []
        if inp["lines"] != wc:
            problems.append(f"lines {inp['lines']} != wc {wc}")
        if inp["lines"] != inp["records"] + inp["continuation_lines"] + inp["unrecognized_lines"]:
            problems.append("accounting identity broken")
        got = Counter({l["name"]: l["count"] for l in doc["loggers"]})
        want_total = sum(want_loggers.values())
        matched = sum(min(got[k], v) for k, v in want_loggers.items())
        if want_total and matched < 0.99 * want_total:
            problems.append(f"only {matched}/{want_total} oracle records recognised")
        for name in sorted(set(got) | set(want_loggers)):
            if got[name] != want_loggers[name]:
                problems.append(f"logger {name}: sparklog {got[name]} != oracle {want_loggers[name]}")
        # Levels of the records that have a logger (records of layouts
        # without one, e.g. Python's "%(asctime)s - %(levelname)s - ...",
        # are not in the oracle).
        got_levels = Counter()
        for l in doc["loggers"]:
            got_levels.update(l["levels"])
        for lvl, n in want_levels.items():
            if got_levels[lvl] != n:
                problems.append(f"level {lvl}: sparklog {got_levels[lvl]} != oracle {n}")
        if problems:
            failures += 1
            print(f"FAIL {rel}:")
            for p in problems[:15]:
                print("   ", p)
            if len(problems) > 15:
                print(f"    ... {len(problems) - 15} more")
        else:
            print(f"ok   {rel}: {wc} lines, {want_total} records, "
                  f"{len(want_loggers)} loggers")
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
