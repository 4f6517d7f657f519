#!/usr/bin/env bash
# label: cli
# Hostile timestamps: going backwards, across midnight in a time-only
# layout, across a year boundary. The report says what it saw: first and
# last time, steps back (input.time_steps_back) and the longest stretch
# without records (input.largest_gap), never a negative or day-long gap
# invented by a midnight wrap.
. "$(dirname "$0")/hostile_lib.bash"

# Across a year, then one step back, then a 10-minute silence.
# Expected: exit 0; first 2023-12-31T23:59:58, last 2024-01-01T00:10:00;
# time_steps_back == 1; largest_gap 600000 ms from 00:00:00 to 00:10:00.
cat >"$T/year.log" <<'LOG'
23/12/31 23:59:58 INFO SparkContext: Running Spark version 3.5.1
24/01/01 00:00:01 INFO DAGScheduler: a
24/01/01 00:00:00 INFO DAGScheduler: b
24/01/01 00:10:00 INFO DAGScheduler: c
LOG
run -f json "$T/year.log"
expect_rc 0 "across a year"
jcheck "across a year: first/last span the boundary" \
  'i["first"].startswith("2023-12-31T23:59:58") and
   i["last"].startswith("2024-01-01T00:10:00")'
jcheck "across a year: one step back, largest gap 10 min" \
  'i["time_steps_back"] == 1 and i["largest_gap"]["ms"] == 600000 and
   i["largest_gap"]["from"].startswith("2024-01-01T00:00:00") and
   i["largest_gap"]["to"].startswith("2024-01-01T00:10:00")'
jcheck "per-file first/last" \
  'i["files"][0]["first"].startswith("2023-12-31") and
   i["files"][0]["last"].startswith("2024-01-01T00:10")'
# Wide: the sentence is checked whole, not where it wraps.
run --width 10000 "$T/year.log"
grep -q "^  gap    .* without records, the longest (" "$T/out" &&
  ok "text report shows the largest gap" ||
  fail "text report does not show the largest gap"
# Expected: one step back in a dated layout: "once", and no midnight
# explanation (a date would have shown the next day).
grep -q "time went backwards once (lines written out of order, several runs in one input, or clock skew)" "$T/out" &&
  ! grep -q "midnight" "$T/out" &&
  ok "text report: one step back in a dated layout, said once, no midnight" ||
  fail "text report: wrong wording for a step back in a dated layout"

# Across midnight in a time-only layout (given with --layout).
# Expected: exit 0; 3 records; the wrap 23:59:59.900 -> 00:00:00.100 is a
# step back (time_steps_back 1), not a 24-hour gap: largest gap 200 ms.
cat >"$T/midnight.log" <<'LOG'
23:59:59.900 INFO SparkContext: Running Spark version 3.5.1
00:00:00.100 INFO DAGScheduler: x
00:00:00.300 INFO DAGScheduler: y
LOG
run -f json --layout '%d{HH:mm:ss.SSS} %p %c: %m%n' "$T/midnight.log"
expect_rc 0 "midnight, time-only"
jcheck "midnight: 3 records, one step back, largest gap 200 ms" \
  'i["records"] == 3 and i["time_steps_back"] == 1 and
   i["largest_gap"]["ms"] == 200'
# Expected: in the text report, midnight is offered as the explanation.
run --layout '%d{HH:mm:ss.SSS} %p %c: %m%n' "$T/midnight.log"
grep -q "time went backwards once (midnight in a time-only layout, or clock skew)" "$T/out" &&
  ok "text report: a step back in a time-only layout may be midnight" ||
  fail "text report: wrong wording for a step back in a time-only layout"

# The model's clock across midnight in a time-only layout, over two
# files, where the second file starts at the time the first ended (a
# record at the time of the one before still starts the file's clock).
# Expected: the stage cancelled at 00:00:02 the next day lasted 3000 ms.
cat >"$T/mid1.log" <<'LOG'
23:00:00.000 INFO SparkContext: Running Spark version 3.5.1
23:59:59.000 INFO TaskSetManager: Starting task 0.0 in stage 0.0 (TID 0) (host, executor 1, partition 0, PROCESS_LOCAL, 7000 bytes)
LOG
cat >"$T/mid2.log" <<'LOG'
23:59:59.000 INFO TaskSetManager: Starting task 1.0 in stage 0.0 (TID 1) (host, executor 1, partition 1, PROCESS_LOCAL, 7000 bytes)
00:00:02.000 INFO TaskSchedulerImpl: Cancelling stage 0
LOG
run -f json --layout '%d{HH:mm:ss.SSS} %p %c: %m%n' "$T/mid1.log" "$T/mid2.log"
expect_rc 0 "midnight over two files"
jcheck "midnight over two files: the stage lasted 3 s" \
  'd["apps"][0]["stages"][0]["status"] == "cancelled" and
   d["apps"][0]["stages"][0]["duration_ms"] == 3000'

# A single record: no gap can be measured.
# Expected: largest_gap null, time_steps_back 0.
head -1 "$T/year.log" >"$T/one.log"
run -f json "$T/one.log"
jcheck "one record: largest_gap null" \
  'i["largest_gap"] is None and i["time_steps_back"] == 0'

# Gaps are measured within a file, not across files given in any order.
# Expected: two files a day apart in reverse order: no step back counted
# between them, largest gap the largest inside one file (10 min).
printf '24/01/02 00:00:00 INFO SparkContext: Running Spark version 3.5.1\n' \
  >"$T/later.log"
run -f json "$T/later.log" "$T/year.log"
jcheck "two files: gap within files only" \
  'i["largest_gap"]["ms"] == 600000 and i["time_steps_back"] == 1'

finish
