#!/usr/bin/env bash
# label: cli
# The report says whether the input looked like a driver log: the LogHub
# sample is an executor container log (Spark 1.6 on YARN, CRLF), the fraud
# lakehouse log a local-mode driver log. Skipped when the corpus is absent.
. "$(dirname "$0")/hostile_lib.bash"
corpus=${SLG_CORPUS_DIR:-$SRC/../shared/corpus}
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
run --width 10000 "$exec_log" # the wording, not where it wraps
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

# The executor log's fix and verdict say where the driver's log is, not
# that the log was kept at WARN.
run "$exec_log"
grep -q "the input is an executor's log" "$T/out" &&
  grep -q "kubectl logs <driver pod>" "$T/out" &&
  ! grep -q "WARN level" "$T/out" &&
  ok "executor log: verdict and fix point at the driver's log" ||
  fail "executor log: verdict or fix does not point at the driver's log"

# Every Spark event log of the corpus (JSON listener events, the History
# Server's input): kind event_log, each line classed spark_event; the
# verdict says so; check exits 3 (no scheduler lines), as for any input
# without them.
n=0
for ev in "$corpus"/eventlog-*/*; do
  case $ev in *.zip) continue ;; esac
  [ -f "$ev" ] || continue
  n=$((n + 1))
  run -f json "$ev"
  expect_rc 0 "event log $(basename "$ev")"
  jcheck "event log $(basename "$ev"): kind event_log, lines spark_event" \
    'i["kind"] == "event_log" and i["records"] == 0 and
     i["unrecognized_by_class"].get("spark_event", 0) * 2 > i["lines"]'
  run check "$ev"
  expect_rc 3 "check on event log $(basename "$ev")"
done
[ "$n" -ge 8 ] && ok "$n corpus event logs" ||
  fail "expected at least 8 corpus event logs, found $n"
run "$corpus/eventlog-sparklens/local-1532512550423"
grep -q "No verdict: the input is a Spark event log, not a driver log" \
  "$T/out" && grep -q "spark.eventLog.dir" "$T/out" &&
  ! grep -q "WARN level" "$T/out" &&
  ok "event log: text verdict and fix" ||
  fail "event log: text verdict or fix wrong: $(head -c 600 "$T/out")"
run jobs "$corpus/eventlog-sparklens/local-1532512550423"
grep -q "This is a Spark event log" "$T/out" &&
  ok "jobs view of an event log says what it is" ||
  fail "jobs view of an event log: $(head -c 300 "$T/out")"

finish
