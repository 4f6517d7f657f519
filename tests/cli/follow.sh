#!/usr/bin/env bash
# follow.sh - `sparklog --follow` on a file appended, rotated and
# truncated while it is read, --idle-exit, `check --follow` failing fast,
# and SIGINT/SIGTERM (130/143 with the report of what was read).
#
# Driven step by step through --test-follow-sync DIR: before each poll
# sparklog writes "idle BYTES" to the FIFO DIR/ack and waits for a byte
# on the FIFO DIR/ctl. The test changes the file only while sparklog
# waits there, so nothing depends on timing (no sleep).
. "$(dirname "$0")/hostile_lib.bash"
need mkfifo timeout
small=$SRC/testdata/small-job.log
small_lines=$(wc -l <"$small")
small_bytes=$(wc -c <"$small")
D=$T/sync
L=$T/app.log

# start ARGS...: sparklog ARGS --test-follow-sync $D in the background
# (its own process group: set -m, so SIGINT is not ignored), stdout in
# $T/out, stderr in $T/err, pid in $pid; fd 3 writes ctl, fd 4 reads ack
# (EOF when sparklog exits).
start() {
  rm -rf "$D"
  mkdir "$D"
  mkfifo "$D/ctl" "$D/ack"
  set -m
  "$BIN" "$@" --test-follow-sync "$D" >"$T/out" 2>"$T/err" &
  pid=$!
  set +m
  exec 3<>"$D/ctl"
  exec 4< <(timeout 60 cat "$D/ack")
}
# idle: waits until sparklog has read all there is and polls again; the
# bytes it has read in $idle_bytes. Fails (status 1) when it exited.
idle() {
  local line
  IFS= read -r -t 20 -u 4 line || return 1
  idle_bytes=${line#idle }
}
# step: one poll interval passes; then waits for the next idle.
step() {
  printf x >&3 2>/dev/null
  idle
}
# steps MAX: steps until sparklog exits (at most MAX; then it is killed);
# the steps taken in $n.
steps() {
  n=0
  while [ $n -lt "$1" ] && step; do n=$((n + 1)); done
  [ $n -lt "$1" ] || { fail "still running after $1 polls"; kill -KILL "$pid"; }
}
# stop: waits for sparklog's exit; its status in $RC.
stop() {
  wait "$pid"
  RC=$?
  exec 3>&- 4<&-
}
has() { grep -qE -- "$1" "$2"; }

# --- appended lines appear as stage and job rows as they end ---
head -28 "$small" >"$L"
start jobs --follow "$L"
idle
if [ "$idle_bytes" = "$(wc -c <"$L")" ] && ! has 'stage' "$T/out"; then
  ok "append: what is there read; no stage ended yet"
else
  fail "append: first idle at $idle_bytes bytes; out: $(cat "$T/out")"
fi
sed -n 29,30p "$small" >>"$L"
step
if has '^app 1: demo' "$T/out" &&
   has '^    stage 0\.0 succeeded +2\.1 s +tasks 2/1/0' "$T/out" &&
   ! has 'job 0' "$T/out"; then
  ok "append: the stage row written when the stage ended"
else
  fail "append: after stage 0 ended: $(cat "$T/out")"
fi
sed -n '31,$p' "$small" >>"$L"
step
if has '^    stage 1\.0 succeeded' "$T/out" &&
   has '^  job 0 succeeded +[0-9.]+ s +count at <console>:24$' "$T/out" &&
   [ "$idle_bytes" = "$small_bytes" ]; then
  ok "append: the job row written when the job ended"
else
  fail "append: after job 0 ended ($idle_bytes bytes): $(cat "$T/out")"
fi
kill -INT "$pid"
printf x >&3 2>/dev/null
stop
expect_rc 130 "append, then SIGINT"
expect_err "^sparklog: interrupted \(SIGINT\)" "append, then SIGINT"
# The jobs tree follows the rows, with the same row for the job.
[ "$(grep -c '^  job 0 succeeded' "$T/out")" = 2 ] &&
  ok "append: the report follows the rows" ||
  fail "append: report: $(cat "$T/out")"

# --- SIGINT and SIGTERM: the report of what was read, marked incomplete,
# then the signal itself (130, 143) ---
for sig in INT:130 TERM:143; do
  head -30 "$small" >"$L"
  bytes=$(wc -c <"$L")
  start -f json --follow "$L"
  idle
  kill -"${sig%:*}" "$pid"
  printf x >&3 2>/dev/null
  stop
  expect_rc "${sig#*:}" "SIG${sig%:*} while following"
  expect_err "^sparklog: interrupted \(SIG${sig%:*}\); the report covers" \
    "SIG${sig%:*} while following"
  jcheck "SIG${sig%:*} while following: the report, marked incomplete" \
    "not i['complete'] and i['lines'] == 30 and
     i['files'][0]['error'] == 'interrupted at byte $bytes'"
  # Rows go to stderr when stdout carries JSON.
  expect_err "^    stage 0\.0 succeeded" "SIG${sig%:*}: -f json rows on stderr"
done

# --- rotation: the old file read to its end, then the new one ---
head -20 "$small" >"$L"
start -f json --follow --idle-exit 300ms "$L"
idle
sed -n 21,30p "$small" >>"$L" # written before the rotation, not yet read
mv "$L" "$L.1"
sed -n '31,$p' "$small" >"$L"
step
steps 20
stop
expect_rc 0 "rotation, then --idle-exit"
jcheck "rotation: both files read whole, as one input" \
  "i['complete'] and i['lines'] == $small_lines and
   i['files'][0]['bytes_read'] == $small_bytes and
   len(d['apps']) == 1 and len(d['apps'][0]['jobs']) == 1 and
   d['apps'][0]['jobs'][0]['status'] == 'succeeded'"
expect_err "^    stage 0\.0 succeeded" "rotation: the old file's stage"
expect_err "^  job 0 succeeded" "rotation: the new file's job"
[ $n -ge 2 ] && [ $n -le 4 ] && ok "--idle-exit 300ms: ended after $n polls" ||
  fail "--idle-exit 300ms: ended after $n polls, want 3"

# A rotated file whose last line lacks its newline: that line ends with
# its file, it does not run into the new file's first line.
head -29 "$small" | head -c -1 >"$L"
start -f json --follow --idle-exit 100ms "$L"
idle
mv "$L" "$L.1"
sed -n '30,$p' "$small" >"$L"
steps 20
stop
jcheck "rotation without a final newline: the last line kept whole" \
  "i['lines'] == $small_lines and d['apps'][0]['jobs'][0]['status'] == 'succeeded'"

# --- truncation: one warning line, read again from the start ---
# (Read again: an application that begins and ends; another that began
# and did not end would hold --idle-exit off.)
{ cat "$small"; for k in 1 2 3 4 5 6 7 8 9 10; do echo "padding $k"; done; } >"$L"
start -f json --follow --idle-exit 100ms "$L"
idle
cat "$small" >"$L" # shorter than what was read
step
expect_err "^sparklog: warning: .*app\.log: truncated to [0-9]+ bytes; reading it again from the start$" \
  "truncation"
[ "$(grep -c truncated "$T/err")" = 1 ] && ok "truncation: said once" ||
  fail "truncation: said $(grep -c truncated "$T/err") times"
steps 20
stop
expect_rc 0 "truncation, then --idle-exit"
jcheck "truncation: the new start read too" \
  "i['lines'] == 2 * $small_lines + 10 and len(d['apps']) == 2 and
   i['files'][0]['bytes_read'] == 2 * $small_bytes + $(seq 10 | sed 's/^/padding /' | wc -c)"

# --- --idle-exit waits for every application to end ---
head -44 "$small" >"$L" # the job ended, the SparkContext not stopped yet
start --follow --idle-exit 200ms "$L"
idle
alive=1
for k in 1 2 3 4 5 6 7 8; do step || alive=0; done
[ $alive = 1 ] && ok "--idle-exit: an application still running keeps it going" ||
  fail "--idle-exit: ended while the application ran"
sed -n '45,$p' "$small" >>"$L"
steps 20
stop
expect_rc 0 "--idle-exit after the application ended: the report's status"
[ $n -ge 1 ] && [ $n -le 3 ] && ok "--idle-exit 200ms: $n polls after the end" ||
  fail "--idle-exit 200ms: $n polls after the end"
has '^Verdict|^sparklog|succeeded' "$T/out" &&
  ok "--idle-exit: the report written" || fail "--idle-exit: no report: $(head -c 300 "$T/out")"

# --- check --follow fails fast: exit 1 at the failed job, before any
# idle poll and without --idle-exit ---
fx=$SRC/testdata/fixtures/not-serializable-result-local-spark33.log
head -90 "$fx" >"$L"
start check --follow "$L"
if idle; then
  fail "check --follow: polled ($idle_bytes bytes) instead of failing fast"
  kill -KILL "$pid"
fi
stop
expect_rc 1 "check --follow, a failed job"
has 'check: FAILED' "$T/out" && ok "check --follow: the report written" ||
  fail "check --follow: out: $(head -c 300 "$T/out")"
# A passing run is not failed fast.
cp "$small" "$L"
start check --follow --idle-exit 100ms "$L"
steps 20
stop
expect_rc 0 "check --follow, a healthy log, --idle-exit"

# --- the status line: on a terminal only, rewritten in place ---
! has 'following' "$T/err" && ok "status line: none when stderr is no terminal" ||
  fail "status line on a file: $(head -c 300 "$T/err")"
if command -v script >/dev/null; then
  cp "$small" "$L"
  # --idle-exit in real time here: the log has ended, so this is the
  # feature's own wait, not a synchronisation.
  script -qec "'$BIN' -f json --follow --idle-exit 50ms '$L' >'$T/out'" \
    "$T/ts" >/dev/null 2>&1
  if grep -aq $'\r\033\[K' "$T/ts" &&
     grep -aqE 'following .*app\.log: 0 stages running, tasks 0/0, [0-9]+ finding' "$T/ts"; then
    ok "status line on a terminal"
  else
    fail "status line on a terminal: $(cat -v "$T/ts" | head -c 400)"
  fi
  jcheck "status line on a terminal: stdout is the report alone" "i['complete']"
else
  skip "status line on a terminal: no script(1)"
fi

# --- what --follow does not take: exit 2 ---
run --follow - </dev/null
expect_rc 2 "--follow on stdin"
mkfifo "$T/fifo"
run --follow "$T/fifo"
expect_rc 2 "--follow on a FIFO"
run --follow "$small" "$small"
expect_rc 2 "--follow on two files"
run --idle-exit 5s "$small"
expect_rc 2 "--idle-exit without --follow"
run --follow --idle-exit 5x "$small"
expect_rc 2 "--idle-exit with a bad duration"
expect_err "bad duration" "--idle-exit 5x"

# --- signals without --follow: 143 for SIGTERM too ---
rm -f "$T/fifo2"
mkfifo "$T/fifo2"
set -m
"$BIN" -f json "$T/fifo2" >"$T/out" 2>"$T/err" &
pid=$!
set +m
exec 8>"$T/fifo2"
cat "$small" >&8
# The run reads what came and then waits on the FIFO; "interrupted at
# byte N" shows it was stopped after reading it, whenever the signal
# landed.
kill -TERM "$pid"
wait "$pid"
RC=$?
exec 8>&-
expect_rc 143 "SIGTERM on a FIFO without --follow"
jcheck "SIGTERM without --follow: the report marked incomplete" \
  "not i['complete'] and i['files'][0]['error'].startswith('interrupted')"

finish
