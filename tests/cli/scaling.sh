#!/usr/bin/env bash
# label: slow
# Work grows with the log, not with its square: the instructions a report
# takes (valgrind's callgrind, so no clock is read) at N and 10 N stages,
# attempts or jobs, on shapes where a pass over all stages or jobs per
# stage or job was quadratic. A linear run takes at most about 10 times
# the instructions (fixed costs make it less); a quadratic one about 100
# times. Then the two hostile shapes at 100,000 must end within 20 s.
# Logs from tests/gen/sparkgen.c.
. "$(dirname "$0")/hostile_lib.bash"
GEN="$BUILD/tests/sparkgen"
[ -x "$GEN" ] || { echo "skip: $GEN not built"; exit 77; }
need timeout

# instructions LOG ARGS...: the instructions of `sparklog -j1 ARGS LOG`.
instructions() {
  local log=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$T/cg.out" \
    "$BIN" -j1 "$@" "$log" >/dev/null 2>"$T/cg.err" || return 1
  sed -n 's/^summary: \([0-9]*\).*/\1/p' "$T/cg.out" | head -1
}

# grows WHAT N KNOB SCENARIO ARGS...: the ratio of instructions at 10 N
# and at N is at most 11.
grows() {
  local what=$1 n=$2 knob=$3 scen=$4 a b
  shift 4
  "$GEN" --scenario "$scen" "$knob" "$n" --out "$T/small.log"
  "$GEN" --scenario "$scen" "$knob" $((10 * n)) --out "$T/big.log"
  a=$(instructions "$T/small.log" "$@") && b=$(instructions "$T/big.log" "$@")
  if [ -z "$a" ] || [ -z "$b" ]; then
    fail "$what: callgrind failed: $(head -c 300 "$T/cg.err")"
    return
  fi
  if python3 -c "import sys; sys.exit(0 if $b <= 11 * $a else 1)"; then
    ok "$what: $b / $a instructions at 10x"
  else
    fail "$what: $b / $a instructions at 10x (> 11x: not linear)"
  fi
}

if sanitized; then
  skip "a sanitizer build: valgrind cannot count its instructions"
elif command -v valgrind >/dev/null; then
  grows "streaming, 1,000 -> 10,000 stages" 1000 --stages streaming
  grows "streaming, 1,000 -> 10,000 stages, json" 1000 --stages streaming \
    -f json
  grows "streaming, 1,000 -> 10,000 stages, jobs view" 1000 --stages \
    streaming jobs
  grows "one stage, 2,000 -> 20,000 attempts" 2000 --stages many_attempts
  grows "one stage, 2,000 -> 20,000 jobs" 2000 --jobs stage_many_jobs
  grows "short stages, 100 -> 1,000 stages" 100 --stages short_stages
else
  skip "valgrind missing: no instruction counts"
fi

# 100,000 attempts of one stage (a scan per line took 13-19 s) and one
# stage in 100,000 jobs (a scan per link): each within 20 s.
"$GEN" --scenario many_attempts --stages 100000 --out "$T/attempts.log"
RC=0
timeout 20 "$BIN" -j1 "$T/attempts.log" >"$T/out" 2>"$T/err" || RC=$?
expect_rc 0 "100,000 attempts of one stage within 20 s"
"$GEN" --scenario stage_many_jobs --jobs 100000 --out "$T/jobs.log"
RC=0
timeout 20 "$BIN" -j1 "$T/jobs.log" >"$T/out" 2>"$T/err" || RC=$?
expect_rc 0 "one stage in 100,000 jobs within 20 s"

finish
