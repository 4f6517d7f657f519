#!/usr/bin/env bash
# label: cli
# Hostile inputs and outputs at the file level: a directory, a FIFO, an
# unreadable file among readable ones, a missing file, stdout closed
# early, a full disk.
. "$(dirname "$0")/hostile_lib.bash"
need timeout mkfifo

gen_driver_log 3 >"$T/a.log"
gen_driver_log 5 >"$T/b.log"
lines_a=$(wc -l <"$T/a.log")
lines_b=$(wc -l <"$T/b.log")

# An empty directory as input (tests/cli/directories.sh has the rest).
# Expected: exit 0 (a directory is read as the files under it: none);
# stderr "sparklog: DIR: no file to read in this directory"; the other
# input is reported alone.
mkdir "$T/dir"
run -f json "$T/dir" "$T/a.log"
expect_rc 0 "empty directory"
expect_err "^sparklog: .*/dir: no file to read in this directory$" "empty directory"
jcheck "empty directory: the other file read" \
  "len(i['files']) == 1 and i['files'][0]['complete'] and
   i['lines'] == $lines_a and i['complete']"

# A FIFO as input (a named pipe fed by another process).
# Expected: exit 0; read to its end like a file.
mkfifo "$T/fifo"
# The writer opens the FIFO inside `timeout`, so a reader that never
# opens it cannot hang the test.
timeout 20 sh -c 'cat "$1" >"$2"' sh "$T/a.log" "$T/fifo" &
run -f json "$T/fifo"
wait
expect_rc 0 "FIFO"
jcheck "FIFO: every line read" "i['lines'] == $lines_a and i['complete']"

# A FIFO whose writer comes only after 3 s, before a regular file on the
# command line. Expected: exit 0; after 2 s, once, "sparklog: waiting for
# a writer on PATH" and nothing else on stderr; both read whole; the
# regular file read (and listed) first: named FIFOs are read after the
# other inputs, whatever the timing, so the report's order is fixed.
rm -f "$T/fifo"
mkfifo "$T/fifo"
(sleep 3; timeout 20 sh -c 'cat "$1" >"$2"' sh "$T/b.log" "$T/fifo") &
run -f json "$T/fifo" "$T/a.log"
wait
expect_rc 0 "FIFO with a late writer"
if [ "$(wc -l <"$T/err")" -eq 1 ] &&
  grep -q "^sparklog: waiting for a writer on .*/fifo$" "$T/err"; then
  ok "FIFO with a late writer: the wait said once"
else
  fail "FIFO with a late writer: stderr: $(head -c 300 "$T/err")"
fi
jcheck "FIFO with a late writer: both read, the file first" \
  "len(i['files']) == 2 and i['files'][0]['path'].endswith('a.log') and
   i['files'][0]['lines'] == $lines_a and i['files'][1]['lines'] == $lines_b and
   i['complete'] and i['lines'] == $lines_a + $lines_b"

# The notice names the FIFO through the one escaper: a newline in its
# name cannot start a line (a forged workflow command) on stderr.
evil_fifo="$T/w"$'\n''::error::forged'
mkfifo "$evil_fifo"
timeout --preserve-status -s TERM 3 "$BIN" "$evil_fifo" >/dev/null 2>"$T/err"
RC=$?
expect_rc 143 "FIFO named with a newline, stopped"
if grep -q '^::error' "$T/err" || [ "$(wc -l <"$T/err")" -ne 2 ]; then
  fail "FIFO named with a newline: stderr: $(head -c 300 "$T/err")"
else
  ok "FIFO named with a newline: the notice escaped, one line"
fi
rm -f "$evil_fifo"

# A FIFO no writer ever opens: the wait goes on until the run is stopped.
# Expected after SIGTERM: exit 143 (the signal, re-raised), the other file reported complete, the
# FIFO listed as interrupted.
rm -f "$T/fifo"
mkfifo "$T/fifo"
"$BIN" -f json "$T/fifo" "$T/a.log" >"$T/out" 2>"$T/err" &
pid=$!
sleep 2.5
kill -TERM "$pid"
wait "$pid"
RC=$?
expect_rc 143 "FIFO without a writer, stopped"
expect_err "^sparklog: waiting for a writer on .*/fifo$" "FIFO without a writer, stopped"
jcheck "FIFO without a writer, stopped: the file read, the FIFO interrupted" \
  "i['files'][0]['complete'] and i['files'][0]['lines'] == $lines_a and
   not i['files'][1]['complete'] and
   i['files'][1]['error'].startswith('interrupted') and not i['complete']"

# An unreadable file among readable ones.
# Expected: exit 3; stderr "sparklog: FILE: Permission denied"; the two
# readable files are reported (their lines counted, complete), the
# unreadable one listed with an error; input.complete false.
cp "$T/a.log" "$T/secret.log"
chmod 000 "$T/secret.log"
if cat "$T/secret.log" >/dev/null 2>&1; then
  # Root reads mode-000 files. /proc/self/mem opens but fails on the first
  # read (EIO at address 0): the same "the others are still reported"
  # outcome, through a read error instead of a refused open.
  bad=/proc/self/mem
  bad_err="^sparklog: /proc/self/mem: Input/output error$"
else
  bad="$T/secret.log"
  bad_err="^sparklog: .*secret\.log: Permission denied$"
fi
run -f json "$T/a.log" "$bad" "$T/b.log"
expect_rc 3 "unreadable among readable ($bad)"
expect_err "$bad_err" "unreadable among readable"
jcheck "unreadable among readable: the others reported" \
  "len(i['files']) == 3 and i['files'][0]['complete'] and
   not i['files'][1]['complete'] and i['files'][1]['error'] is not None and
   i['files'][2]['complete'] and
   i['lines'] == $lines_a + $lines_b and not i['complete']"
# The text report names the unread file too.
run "$T/a.log" "$bad"
expect_rc 3 "unreadable, text report"
grep -Eq "NOT READ|INCOMPLETE" "$T/out" &&
  ok "text report marks the unreadable file" ||
  fail "text report does not mark the unreadable file"

# A missing file.
# Expected: exit 3; stderr "sparklog: FILE: No such file or directory".
run "$T/nope.log"
expect_rc 3 "missing file"
expect_err "^sparklog: .*nope\.log: No such file or directory$" \
  "missing file"

# stdout closed early: `sparklog big.log | head -1`.
# Expected: sparklog ends quietly (EPIPE is not an error for a filter),
# nothing on stderr, with the status the run has otherwise: 0 here.
awk 'BEGIN { for (n = 0; n < 3000; n++)
  printf "24/08/13 15:12:49 INFO Logger%d: m\n", n }' >"$T/big.log"
"$BIN" -f json "$T/big.log" 2>"$T/err" | head -1 >/dev/null
RC=${PIPESTATUS[0]}
expect_rc 0 "stdout closed early (| head -1)"
expect_quiet "stdout closed early (| head -1)"
"$BIN" -f json "$T/big.log" 2>"$T/err" | true
RC=${PIPESTATUS[0]}
expect_rc 0 "stdout closed before any write (| true)"
expect_quiet "stdout closed before any write (| true)"

# A closed stdout never hides the gate's verdict: `check` on a run with a
# failed task and --max-failed-tasks 0, its reader gone before it writes
# (the input arrives after a second).
# Expected: exit 1 (the check's status), nothing on stderr.
(sleep 1; cat "$SRC/testdata/small-job.log") |
  "$BIN" check --max-failed-tasks 0 2>"$T/err" | true
RC=${PIPESTATUS[1]}
expect_rc 1 "check, stdout closed before it writes (| true)"
expect_quiet "check, stdout closed before it writes (| true)"
(sleep 1; cat "$SRC/testdata/small-job.log") |
  "$BIN" check --max-failed-tasks 0 -f json 2>"$T/err" | head -c 10 >/dev/null
RC=${PIPESTATUS[1]}
expect_rc 1 "check -f json, stdout closed early (| head -c 10)"

# EPIPE on an --output destination is a write error: a FIFO whose reader
# leaves without reading (the JSON of big.log is larger than a pipe's
# buffer, so the write meets the closed end).
# Expected: exit 4; stderr "sparklog: PATH: write error: Broken pipe";
# stdout still gets its report.
mkfifo "$T/out.fifo"
"$BIN" -o "json=$T/out.fifo" "$T/big.log" >"$T/out" 2>"$T/err" &
pid=$!
exec 3<"$T/out.fifo"
sleep 0.2
exec 3<&-
wait "$pid"
RC=$?
expect_rc 4 "--output FIFO closed by its reader"
expect_err "^sparklog: .*out\.fifo: write error: Broken pipe$" \
  "--output FIFO closed by its reader"
if [ -s "$T/out" ]; then
  ok "--output FIFO closed: stdout still has the report"
else
  fail "--output FIFO closed: stdout is empty"
fi

# A regular file whose size says nothing: procfs states 0 and holds lines.
# Expected: every line read, complete, whatever the threads or reading mode.
if [ -r /proc/cpuinfo ]; then
  want=$(wc -l </proc/cpuinfo)
  for mode in -j1 -j2 --no-mmap "--no-mmap -j2" --reference; do
    # shellcheck disable=SC2086
    run $mode -f json /proc/cpuinfo
    got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["input"]
print(d["lines"], d["complete"])' "$T/out" 2>/dev/null)
    if [ "$got" = "$want True" ]; then
      ok "/proc/cpuinfo ($mode): $want lines, complete"
    else
      fail "/proc/cpuinfo ($mode): got '$got', want '$want True'"
    fi
  done
else
  skip "/proc/cpuinfo not readable"
fi

# A regular --output file is replaced whole or not at all: written beside
# it and renamed when complete. A file size limit (ulimit -f 1: 1 KiB, the
# JSON is ~11 KiB) is a write error, not death by SIGXFSZ.
# Expected: exit 4, "PATH: write error: File too large", the old file as it
# was (content and mode), no temporary file left.
mkdir "$T/outdir"
echo OLD >"$T/outdir/r.json"
chmod 640 "$T/outdir/r.json"
(ulimit -f 1; "$BIN" -o "json=$T/outdir/r.json" "$SRC/testdata/small-job.log" \
  >/dev/null 2>"$T/err"; echo $? >"$T/rc")
RC=$(cat "$T/rc")
expect_rc 4 "--output over the file size limit"
expect_err "r\.json: write error: File too large$" "--output over the file size limit"
[ "$(cat "$T/outdir/r.json")" = OLD ] && ok "the old file is intact" ||
  fail "the old file was changed: $(head -c 80 "$T/outdir/r.json")"
[ "$(ls -A "$T/outdir")" = r.json ] && ok "no temporary file left" ||
  fail "left behind: $(ls -A "$T/outdir")"
# Written: the target replaced with its mode kept; through a link, the
# link kept and its target replaced.
run -o "json=$T/outdir/r.json" "$SRC/testdata/small-job.log"
expect_rc 0 "--output replaces a file"
grep -q '"schema": "sparklog/2"' "$T/outdir/r.json" && ok "--output: the new report" ||
  fail "--output: the file does not hold the report"
[ "$(stat -c %a "$T/outdir/r.json")" = 640 ] && ok "--output keeps the file's mode" ||
  fail "--output changed the mode to $(stat -c %a "$T/outdir/r.json")"
ln -s r.json "$T/outdir/link.md"
run -o "markdown=$T/outdir/link.md" "$SRC/testdata/small-job.log"
expect_rc 0 "--output through a link"
[ -L "$T/outdir/link.md" ] && grep -q '^## sparklog' "$T/outdir/r.json" &&
  ok "--output through a link: link kept, target replaced" ||
  fail "--output through a link: $(ls -l "$T/outdir")"
# A destination that cannot be had is said, and the report still goes to
# stdout.
run -o "json=$T/no/such/dir/r.json" "$SRC/testdata/small-job.log"
expect_rc 4 "--output into a missing directory"
expect_err "no/such/dir/r\.json: No such file or directory$" "--output into a missing directory"
[ -s "$T/out" ] && ok "--output into a missing directory: stdout has the report" ||
  fail "--output into a missing directory: stdout is empty"

# Writing to a full disk.
# Expected: exit 4; stderr "sparklog: stdout: write error: No space left on
# device".
if [ -w /dev/full ]; then
  "$BIN" "$T/a.log" >/dev/full 2>"$T/err"
  RC=$?
  expect_rc 4 "full disk"
  expect_err "^sparklog: stdout: write error: No space left on device$" \
    "full disk"
  "$BIN" -f json "$T/a.log" >/dev/full 2>"$T/err"
  RC=$?
  expect_rc 4 "full disk, JSON"
else
  skip "full disk: /dev/full not available"
fi

# SIGBUS, as the kernel raises it when a page of a mapped input is lost
# (the file truncated under the reader), sent while sparklog waits for
# input. Expected: exit 3; stderr "sparklog: <stdin>: the file shrank
# while it was read ..."; no report; never death by the signal.
mkfifo "$T/hold"
"$BIN" -f json - <"$T/hold" >"$T/out" 2>"$T/err" &
pid=$!
exec 9>"$T/hold" # opens the FIFO: sparklog now waits in read(2)
sleep 0.3
kill -BUS "$pid"
wait "$pid"
RC=$?
exec 9>&-
expect_rc 3 "SIGBUS while reading"
expect_err "^sparklog: <stdin>: the file shrank while it was read" \
  "SIGBUS while reading"
[ -s "$T/out" ] && fail "SIGBUS while reading: a report was written"

# A file truncated while it is read, at a few moments, mapped and not:
# whatever the moment, an exit of 0 (read before the truncation) or 3
# (the file shrank: one line naming it and, unless the rare SIGBUS ended
# the run, a report marked incomplete with the bytes actually read),
# never death by a signal. tests/test_run.c makes the same cut at a fixed
# place on every path.
awk 'BEGIN { for (n = 0; n < 300000; n++)
  printf "24/08/13 15:12:49 INFO TaskSetManager: Finished task %d.0 in " \
         "stage 1.0 (TID %d) in 5 ms on h (executor 1) (1/1)\n", n, n }' \
  >"$T/trunc.src"
for case in "1 0" "1 0.01" "1 0.03" "1 0.1" "2 0" "2 0.01" "2 0.03" \
  "1 0.01 --no-mmap" "2 0.01 --no-mmap"; do
  set -- $case
  j=$1 delay=$2
  cp "$T/trunc.src" "$T/trunc.log"
  "$BIN" -j "$j" ${3:-} -f json "$T/trunc.log" >"$T/out" 2>"$T/err" &
  reader=$!
  sleep "$delay"
  : >"$T/trunc.log"
  wait "$reader"
  RC=$?
  if [ "$RC" -ge 128 ]; then
    fail "truncated while read (-j $j, after ${delay}s): killed by signal $((RC - 128))"
  elif [ "$RC" -eq 3 ]; then
    expect_err "trunc\.log: the file shrank (to [0-9]+ bytes )?while it was read" \
      "truncated while read (-j $j, after ${delay}s)"
    # With a report (no SIGBUS): what was read, never complete. The cut
    # can come after the last byte was read and before the reader's last
    # look at the size, so every byte may have been read.
    if [ -s "$T/out" ]; then
      jcheck "truncated while read (-j $j, after ${delay}s): marked incomplete" \
        "not i['complete'] and i['files'][0]['bytes_read'] <= $(wc -c <"$T/trunc.src") and
         i['files'][0]['error'].startswith('the file shrank while it was read')"
    fi
  else
    expect_rc 0 "truncated while read (-j $j, after ${delay}s)"
  fi
done

# When several statuses apply the highest wins: an unreadable input (3)
# and a full disk (4) give 4.
if [ -w /dev/full ]; then
  "$BIN" -f json "$T/nope.log" >/dev/full 2>"$T/err"
  RC=$?
  expect_rc 4 "missing file and full disk"
else
  skip "missing file and full disk: /dev/full not available"
fi

finish
