#!/usr/bin/env python3
"""Corpus tier of the hierarchy: for every corpus text log with scheduler
lines, sparklog's JSON must agree exactly with figures counted
independently (grep), written here with the command that produced each.

Metrics, read from sparklog's JSON:
  jobs            jobs with a start ("Got job" / "Got map stage job")
  stage_attempts  stage attempts whose "Submitting <stage>" line was seen
  tasks_started   TaskSetManager "Starting task" lines (0.8: LocalScheduler)
  tasks_succeeded TaskSetManager "Finished task" lines
  tasks_lost      TaskSetManager "Lost task" lines (failed + killed)
The expected figure is pinned below AND re-counted by running its command
on the corpus file, so a wrong pin cannot hide a wrong sparklog.
Usage: corpus_hierarchy.py SPARKLOG CORPUS_DIR
"""
import json
import subprocess
import sys
from pathlib import Path

# Commands run with bash in the corpus directory; $F is the file.
GOT_JOB = r"grep -cE 'Got (map stage )?job [0-9]+' $F"
SUBMIT = r"grep -cE 'Submitting (ShuffleMapStage|ResultStage|Stage) [0-9]+ \(' $F"
START = r"grep -cE 'TaskSetManager.{0,12}Starting task' $F"
FINISH = r"grep -cE 'TaskSetManager.{0,12}Finished task' $F"
LOST = r"grep -cE 'TaskSetManager.{0,12}Lost task' $F"
# Spark 4 JSON lines name the logger after the message.
JSON_FINISH = """grep -cE '"msg":"Finished task [^"]* on [^"]*[(]executor [^"]*",.*"logger":"TaskSetManager"' $F"""
# Spark 0.8 (LocalScheduler) runs tasks as "Running ResultTask(1, 0)" and
# ends them as "Completed ResultTask(1, 0)".
OLD_START = r"grep -cE 'Running (ResultTask|ShuffleMapTask)\(' $F"
OLD_FINISH = r"grep -cE 'Completed (ResultTask|ShuffleMapTask)\(' $F"

# file: (jobs, stage_attempts, tasks_started, tasks_succeeded, tasks_lost),
# each (expected, command).
EXPECTED = {
    "andone-datamining/spark.log": ((584, GOT_JOB), (586, SUBMIT), (1032, START), (1034, FINISH), (0, LOST)),
    "bdd-examples/spark.log": ((2, GOT_JOB), (2, SUBMIT), (2, START), (2, FINISH), (0, LOST)),
    "bxshi-analyze/spark.log": ((1, GOT_JOB), (1, SUBMIT), (2, START), (0, FINISH), (0, LOST)),
    "chuccp-spark-ml/spark.log": ((8, GOT_JOB), (10, SUBMIT), (10, START), (10, FINISH), (0, LOST)),
    "dashaub-pbdp-emr/Shaub_David_HW7.md": ((11, GOT_JOB), (38, SUBMIT), (857, START), (857, FINISH), (0, LOST)),
    "f1-pitwall/spark_log.txt": ((0, GOT_JOB), (0, SUBMIT), (0, START), (0, FINISH), (1, LOST)),
    "flume-spark-streaming/spark-submit.log": ((29, GOT_JOB), (29, SUBMIT), (29, START), (0, FINISH), (28, LOST)),
    "fraud-lakehouse-spark35/spark_job.log": ((5, GOT_JOB), (8, SUBMIT), (811, START), (811, FINISH), (0, LOST)),
    "fraud-lakehouse-spark35/start_kafka_consumer.txt": ((4, GOT_JOB), (6, SUBMIT), (610, START), (610, FINISH), (0, LOST)),
    "gdelt-insights/spark.log": ((66, GOT_JOB), (88, SUBMIT), (88, START), (88, FINISH), (0, LOST)),
    "hail-manhattan/hail.log": ((40, GOT_JOB), (40, SUBMIT), (70, START), (70, FINISH), (0, LOST)),
    "hamza-spark-streaming/spark.log": ((0, GOT_JOB), (0, SUBMIT), (0, START), (0, FINISH), (1, LOST)),
    "noodling/spark.log": ((5, GOT_JOB), (8, SUBMIT), (628, START), (628, FINISH), (0, LOST)),
    "resilient-kafka/spark.log": ((34, GOT_JOB), (34, SUBMIT), (34, START), (21, FINISH), (13, LOST)),
    "simple-project-sbt/spark.log": ((10, GOT_JOB), (10, SUBMIT), (20, START), (20, FINISH), (0, LOST)),
    "spark-vlearn/spark.log": ((18, GOT_JOB), (18, SUBMIT), (21, START), (20, FINISH), (1, LOST)),
    "sparklyr-spark4-json/README.md": ((0, GOT_JOB), (0, SUBMIT), (0, START), (1, JSON_FINISH), (0, LOST)),
    "sparklyr-spark4-json/README.spark_log_excerpt.jsonl": ((0, GOT_JOB), (0, SUBMIT), (0, START), (1, JSON_FINISH), (0, LOST)),
    "spawk/spark.log": ((3, GOT_JOB), (3, SUBMIT), (3, START), (3, FINISH), (0, LOST)),
    "typosquatting/spark.log": ((626, GOT_JOB), (938, SUBMIT), (3514, OLD_START), (3514, OLD_FINISH), (0, LOST)),
    "ulhpc-aion-terasort/README.md": ((5, GOT_JOB), (6, SUBMIT), (308, START), (308, FINISH), (0, LOST)),
    "yugokato-hw/spark.log": ((6, GOT_JOB), (9, SUBMIT), (9, START), (9, FINISH), (0, LOST)),
}
NAMES = ("jobs", "stage_attempts", "tasks_started", "tasks_succeeded", "tasks_lost")


def figures(doc):
    apps = doc["apps"]
    att = [s for a in apps for s in a["stages"] if s["status"] != "skipped"]
    t = lambda k: sum(s["tasks"][k] for s in att)
    return (sum(1 for a in apps for j in a["jobs"] if j["start"]),
            sum(1 for s in att if s["submitted"]),
            t("started"), t("succeeded"), t("failed") + t("killed"))


def main():
    sparklog, corpus = sys.argv[1], Path(sys.argv[2])
    if not corpus.is_dir():
        print(f"SKIP: corpus not found at {corpus}")
        return 77
    passed = failed = 0
    for rel, rows in sorted(EXPECTED.items()):
        path = corpus / rel
        if not path.exists():
            # A pinned log gone from the corpus is a failure, not a pass.
            print(f"FAIL {rel}: missing from {corpus}")
            failed += 1
            continue
        problems = []
        for name, (want, cmd) in zip(NAMES, rows):
            out = subprocess.run(["bash", "-c", cmd], cwd=corpus, capture_output=True,
                                 text=True, env={"F": rel, "LC_ALL": "C", "PATH": "/usr/bin:/bin"})
            counted = int(out.stdout.strip() or 0)
            if counted != want:
                problems.append(f"pinned {name}={want} but `{cmd}` counts {counted}")
        out = subprocess.run([sparklog, "--format", "json", str(path)], capture_output=True)
        got = figures(json.loads(out.stdout))
        for name, (want, _), g in zip(NAMES, rows, got):
            if g != want:
                problems.append(f"{name}: sparklog {g} != {want}")
        if problems:
            failed += 1
            print(f"FAIL {rel}")
            for p in problems:
                print("   ", p)
        else:
            passed += 1
            print(f"ok   {rel}: " + ", ".join(f"{n}={w}" for n, (w, _) in zip(NAMES, rows)))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
