#!/usr/bin/env bash
# label: cli
# A configuration file with unknown keys or bad units is a usage error
# (exit 2) naming the file, the line and the key; `check` never passes on
# input it could not read.
. "$(dirname "$0")/hostile_lib.bash"
need gzip

gen_driver_log 2 >"$T/a.log"

# An unknown key.
# Expected: exit 2; stderr names the file, the line number and the key.
printf '# thresholds\nmax_failed_tasks = 0\nno_such_key = 3\n' >"$T/unknown.conf"
run check --config "$T/unknown.conf" "$T/a.log"
expect_rc 2 "config: unknown key"
expect_err "unknown\.conf.*3.*no_such_key" "config: unknown key"

# A bad unit on a duration.
# Expected: exit 2; stderr names the file, the line and the bad value.
printf 'max_stage_task_time = 10 parsecs\n' >"$T/units.conf"
run check --config "$T/units.conf" "$T/a.log"
expect_rc 2 "config: bad unit"
expect_err "units\.conf.*1.*parsecs" "config: bad unit"

# A negative or overflowing number.
# Expected: exit 2.
printf 'max_failed_tasks = 1180591620717411303424\n' >"$T/big.conf"
run check --config "$T/big.conf" "$T/a.log"
expect_rc 2 "config: number too large"

# Binary garbage as a config file.
# Expected: exit 2, no crash.
head -c 4096 /dev/urandom >"$T/garbage.conf"
run check --config "$T/garbage.conf" "$T/a.log"
expect_rc 2 "config: binary garbage"

# `check` on input it could not read.
# Expected: never exit 0: a missing file gives 3, a truncated gzip 3.
run check "$T/nope.log"
expect_rc 3 "check: missing input"
gen_driver_log 300 | gzip -n >"$T/a.gz"
head -c $(($(wc -c <"$T/a.gz") / 2)) "$T/a.gz" >"$T/cut.gz"
run check "$T/cut.gz"
expect_rc 3 "check: truncated gzip"
: >"$T/empty.log"
run check "$T/empty.log"
if [ "$RC" -eq 0 ]; then
  fail "check passed on an empty input (no driver log seen)"
else
  ok "check: empty input does not pass (exit $RC)"
fi

finish
