#!/usr/bin/env bash
# label: cli
# The report says whether the input looked like a driver log: the LogHub
# sample is an executor container log (Spark 1.6 on YARN, CRLF), the fraud
# lakehouse log a local-mode driver log. Skipped when the corpus is absent.
. "$(dirname "$0")/hostile_lib.bash"
corpus="$SRC/../shared/corpus"
exec_log="$corpus/loghub/Spark_2k.log"
driver_log="$corpus/fraud-lakehouse-spark35/spark_job.log"
if [ ! -f "$exec_log" ] || [ ! -f "$driver_log" ]; then
  echo "skip: corpus not found under $corpus"
  exit 77
fi

# Executor log.
# Expected: exit 0; input.kind "executor"; no job in the hierarchy; the
# text report says it is an executor log.
run -f json "$exec_log"
expect_rc 0 "executor log"
jcheck "executor log: kind executor, no jobs" \
  'i["kind"] == "executor" and len(jobs()) == 0 and i["lines"] == 2000'
run "$exec_log"
grep -q "an executor log" "$T/out" && ok "text report names an executor log" ||
  fail "text report does not name the executor log"

# Driver log (local mode: Executor lines too, but the scheduler wins).
# Expected: input.kind "driver", and per-file first/last times.
run -f json "$driver_log"
expect_rc 0 "driver log"
jcheck "driver log: kind driver, file times" \
  'i["kind"] == "driver" and
   i["files"][0]["first"].startswith("2024-08-13T15:12:43") and
   i["files"][0]["last"].startswith("2024-08-13T15:14:40") and
   i["largest_gap"]["ms"] > 0'

# Both at once: a driver log is there, so the stream is a driver log.
run -f json "$exec_log" "$driver_log"
jcheck "executor + driver log: kind driver" 'i["kind"] == "driver"'

finish
