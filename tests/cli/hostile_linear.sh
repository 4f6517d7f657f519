#!/usr/bin/env bash
# label: cli
# Shapes that a pass per stage or per job would make quadratic, small
# enough for this tier (tests/cli/scaling.sh measures the growth):
# attempt numbers at and beyond 2^32, one stage of 2,000 attempts looked
# up out of order, one stage reused by 2,000 jobs. Logs from
# tests/gen/sparkgen.c.
. "$(dirname "$0")/hostile_lib.bash"
GEN="$BUILD/tests/sparkgen"
[ -x "$GEN" ] || { echo "skip: $GEN not built"; exit 77; }
need timeout

# Attempts 2^32, 2^32 + 1, 2^33 and 2^53 - 1 of stage 1, three lines each
# (task set, start, end), after a normal attempt 0. A 32-bit store made
# each one a new "stage 1.0" (or 1.1). Expected: exit 0; the 12 lines are
# rejected_events; stage 1 has its attempt 0 only, with one task.
"$GEN" --scenario huge_attempts --out "$T/huge.log"
run -f json "$T/huge.log"
expect_rc 0 "attempts beyond 2^32"
jcheck "attempts beyond 2^32: 12 rejected events" \
  'i["rejected_events"] == 12'
jcheck "attempts beyond 2^32: stage 1.0 alone, one task" \
  '[(s["id"], s["attempt"], s["tasks"]["started"]) for s in stages()]
   == [(1, 0, 1)]'

# One shuffle map stage, 2,000 attempts, a zombie task of attempt k / 2
# finishing at attempt k. Expected: exit 0 (a scan per line
# was quadratic); 2,000 attempts, all ranked, 1,999 of them retries in
# one STAGE_RETRY finding that the ranking shows as each one's reason.
"$GEN" --scenario many_attempts --stages 2000 --out "$T/attempts.log"
RC=0
timeout 20 "$BIN" -j1 -f json "$T/attempts.log" >"$T/out" 2>"$T/err" || RC=$?
expect_rc 0 "2,000 attempts of one stage"
jcheck "2,000 attempts: all there, numbered 0..1999" \
  'sorted(s["attempt"] for s in d["apps"][0]["stages"] if s["id"] == 1)
   == list(range(2000))'
jcheck "2,000 attempts: every retry ranked with its reason" \
  'len(d["shuffle_ranking"]) == 2000 and
   sum("STAGE_RETRY" in r["finding_ids"] for r in d["shuffle_ranking"])
   == 1999'

# One shuffle map stage listed as a parent by 2,000 jobs. Expected:
# exit 0 (the dedup of its job list was a scan per link);
# the stage lists each job once, and every job lists it as skipped.
"$GEN" --scenario stage_many_jobs --jobs 2000 --out "$T/jobs.log"
RC=0
timeout 20 "$BIN" -j1 -f json "$T/jobs.log" >"$T/out" 2>"$T/err" || RC=$?
expect_rc 0 "one stage in 2,000 jobs"
jcheck "one stage in 2,000 jobs: listed once each" \
  '[s["jobs"] for s in d["apps"][0]["stages"] if s["id"] == 0]
   == [list(range(2000))]'
jcheck "one stage in 2,000 jobs: skipped in each" \
  'all(j["skipped_stages"] == [0] for j in d["apps"][0]["jobs"])
   and len(d["apps"][0]["jobs"]) == 2000'

finish
