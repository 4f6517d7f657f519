#!/usr/bin/env bash
# label: cli
# Hostile sizes: memory stays bounded whatever the input.
. "$(dirname "$0")/hostile_lib.bash"

# A 100 MB line without a newline.
# Expected: exit 0; one line, counted and cut (lines_cut 1,
# max_line_bytes 65536); max RSS under 64 MiB (the line is never held).
head -c 100000000 /dev/zero | tr '\0' 'x' >"$T/long.log"
run_rss -f json "$T/long.log"
expect_rc 0 "100 MB line"
jcheck "100 MB line: one line, cut" \
  'i["lines"] == 1 and i["lines_cut"] == 1 and
   i["files"][0]["bytes_decoded"] == 100000000'
expect_rss_below 65536 "100 MB line"

# The same line after a real record, then another record: the records
# around it are still read.
{
  printf '24/08/13 15:12:49 INFO SparkContext: Running Spark version 3.5.1\n'
  head -c 100000000 /dev/zero | tr '\0' 'y'
  printf '\n24/08/13 15:12:50 INFO DAGScheduler: Got job 0 (a at b:1) with 1 output partitions\n'
} >"$T/long2.log"
run_rss -f json "$T/long2.log"
expect_rc 0 "100 MB line between records"
jcheck "records around the long line are read" \
  'i["lines"] == 3 and i["lines_cut"] == 1 and i["records"] == 2'
expect_rss_below 65536 "100 MB line between records"
# At the largest --max-line (64 MiB) on two threads: peak RSS within
# 32 MiB + 2 x max-line x threads (each thread may hold one line whole
# and its copy across a chunk border).
for j in 1 2; do
  run_rss -f json --max-line 67108864 -j "$j" "$T/long2.log"
  expect_rc 0 "100 MB line, --max-line 64 MiB, -j $j"
  jcheck "100 MB line, --max-line 64 MiB, -j $j: records read" \
    'i["lines"] == 3 and i["lines_cut"] == 1 and i["records"] == 2'
  expect_rss_below $((32768 + 2 * 65536 * j)) \
    "100 MB line, --max-line 64 MiB, -j $j"
done
rm -f "$T/long.log" "$T/long2.log"

# A million distinct logger names.
# Expected: exit 0; exactly max_loggers (1000) loggers listed, the other
# 999,000 records summed in loggers_other; max RSS under 128 MiB.
awk 'BEGIN { for (n = 0; n < 1000000; n++)
  printf "24/08/13 15:12:49 INFO Logger%d: m\n", n }' >"$T/loggers.log"
run_rss -f json "$T/loggers.log"
expect_rc 0 "a million loggers"
jcheck "a million loggers: first 1000 exact, the rest in loggers_other" \
  'i["records"] == 1000000 and len(d["loggers"]) == 1000 and
   d["loggers_other"]["count"] == 999000 and
   d["loggers_other"]["max_loggers"] == 1000 and
   all(l["count"] == 1 for l in d["loggers"])'
expect_rss_below 131072 "a million loggers"
# A smaller bound from the command line is honoured the same way.
run -f json --max-loggers 10 "$T/loggers.log"
jcheck "--max-loggers 10: ten listed" \
  'len(d["loggers"]) == 10 and d["loggers_other"]["count"] == 999990'
rm -f "$T/loggers.log"

# A --layout that backtracks without bound (14 lazy %t groups before a
# level): each line it cannot match would try every split (PCRE2's default
# limit lets that take seconds a line). Expected: every line given up at
# the match limit and counted, the run ends in about the time of a normal
# run (not asserted: bench/), exit 0.
awk 'BEGIN { for (n = 0; n < 2000; n++) {
  s = sprintf("%060d", n); for (k = 0; k < 30; k++) s = s " y"; print s } }' \
  >"$T/backtrack.log"
run -f json --layout '%t%t%t%t%t%t%t%t%t%t%t%t%t%t %p%n' "$T/backtrack.log"
expect_rc 0 "backtracking --layout"
jcheck "backtracking --layout: 2,000 lines given up at the match limit" \
  'd["input"]["layout_limit_hits"] == 2000 and d["input"]["lines"] == 2000'
run --layout '%t%t%t%t%t%t%t%t%t%t%t%t%t%t %p%n' "$T/backtrack.log"
if grep -q -- "--layout gave up on 2,000 lines (match limit)" "$T/out"; then
  ok "backtracking --layout: the text report says so"
else
  fail "backtracking --layout: no 'gave up' line in the text report"
fi

# An address-space limit (ulimit -v 300000) with sixteen threads: thread
# stacks and malloc arenas are sized to it, so the run completes; a limit
# too small for any run is one line and exit status 5, never SIGABRT.
# Sanitizer builds reserve terabytes of address space: skipped there
# (the build is asked, not guessed from whether --version starts).
if ! sanitized && (ulimit -v 300000; "$BIN" --version) >/dev/null 2>&1; then
  "$BUILD/tests/sparkgen" --scenario bench --seed 1 --target-bytes 32M \
    --out "$T/as.log" 2>/dev/null ||
    head -c 32000000 /dev/zero | tr '\0' '\n' >"$T/as.log"
  for k in 1 2 3 4 5; do
    (ulimit -v 300000; "$BIN" -j16 "$T/as.log" >/dev/null 2>"$T/err"; echo $? >"$T/rc")
    RC=$(cat "$T/rc")
    expect_rc 0 "ulimit -v 300000, -j16 (run $k)"
  done
  # With an --output file: its temporary file goes with the run.
  mkdir "$T/oom"
  (ulimit -v 40000; "$BIN" -j16 -o "json=$T/oom/r.json" "$T/as.log" >/dev/null 2>"$T/err"; echo $? >"$T/rc")
  RC=$(cat "$T/rc")
  if ls -A "$T/oom" | grep -q '^\.r\.json\.'; then
    fail "ulimit -v 40000: a temporary output file left: $(ls -A "$T/oom")"
  else
    ok "ulimit -v 40000: no temporary output file left"
  fi
  if [ "$RC" -eq 0 ]; then
    ok "ulimit -v 40000: enough after all"
  else
    expect_rc 5 "ulimit -v 40000, -j16: out of resources"
    [ "$(wc -l <"$T/err")" -eq 1 ] && expect_err "^sparklog: out of memory" \
      "ulimit -v 40000: one line" || fail "ulimit -v 40000: $(head -c 300 "$T/err")"
  fi
  rm -f "$T/as.log"
  # A file larger than the limit cannot be mapped whole: read with pread,
  # and said in one note. Expected: exit 0 and one line "sparklog: note:
  # short of resources ...", or exit 5 and one line; never a signal.
  "$BUILD/tests/sparkgen" --scenario bench --seed 1 --target-bytes 400M \
    --out "$T/big.log" 2>/dev/null
  if [ -s "$T/big.log" ]; then
    (ulimit -v 300000; "$BIN" -j16 "$T/big.log" >/dev/null 2>"$T/err"; echo $? >"$T/rc")
    RC=$(cat "$T/rc")
    if [ "$RC" -eq 5 ]; then
      expect_err "^sparklog: out of memory" "ulimit -v 300000, -j16, 400 MB: out of resources"
    else
      expect_rc 0 "ulimit -v 300000, -j16, 400 MB"
      expect_err "^sparklog: note: short of resources \(ulimit -v\?\), read with .*pread instead of mapping \(400 MiB\); the report is the same$" \
        "ulimit -v 300000, -j16, 400 MB: the fallback noted"
    fi
    [ "$(wc -l <"$T/err")" -eq 1 ] && ok "ulimit -v 300000, -j16, 400 MB: one line on stderr" ||
      fail "ulimit -v 300000, -j16, 400 MB: stderr: $(head -c 300 "$T/err")"
    # A ring the limit refuses (8 threads, 64 MiB chunks: 7 cover the file): a
    # smaller ring and fewer threads, noted, not an abort or exit 5.
    (ulimit -v 300000; "$BIN" -j8 --chunk-size 67108864 "$T/big.log" >/dev/null 2>"$T/err"; echo $? >"$T/rc")
    RC=$(cat "$T/rc")
    expect_rc 0 "ulimit -v 300000, a ring of 64 MiB chunks"
    expect_err "^sparklog: note: short of resources \(ulimit -v\?\), read with [0-9]+ of 8 threads, [0-9]+ of 7 chunks ahead, pread instead of mapping \(400 MiB\); the report is the same$" \
      "ulimit -v 300000, a ring of 64 MiB chunks: noted once"
    rm -f "$T/big.log"
  else
    skip "ulimit -v, 400 MB: sparkgen could not write it"
  fi
else
  skip "ulimit -v: this build cannot start under an address-space limit (sanitizers)"
fi

finish
