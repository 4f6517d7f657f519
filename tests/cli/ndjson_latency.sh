#!/usr/bin/env bash
# --format ndjson reading a pipe whose writer pauses (`tail -f log |
# sparklog -f ndjson`): a job's lines are written into a FIFO, the writer
# keeps it open and waits; the job's object (and its stages') must appear
# on the output within 1 s, before EOF, whatever --threads, from stdin and
# from a named FIFO. Then the writer closes and the stream ends with its
# summary. Polled every 10 ms: no sleep is the synchronisation.
set -u
for t in mkfifo grep; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
log=$src/testdata/small-job.log
# Up to "Job 0 finished: ... took 2.25 s", not the lines after it.
upto=$(grep -n 'Job 0 finished' "$log" | cut -d: -f1)
[ -n "$upto" ] || { echo "FAIL: no job end in $log"; exit 1; }
fail=0

# waits up to 1 s for a line matching $1 in $tmp/out: 0 when it came.
wait_for() {
  for _ in $(seq 1 100); do
    grep -q "$1" "$tmp/out" 2>/dev/null && return 0
    sleep 0.01
  done
  return 1
}

for how in stdin named; do
  for args in "-j 1" "-j 2" "-j 4" "--reference"; do
    rm -f "$tmp/in" "$tmp/out"
    mkfifo "$tmp/in"
    if [ $how = stdin ]; then
      # shellcheck disable=SC2086
      "$sparklog" $args -f ndjson <"$tmp/in" >"$tmp/out" 2>"$tmp/err" &
    else
      # shellcheck disable=SC2086
      "$sparklog" $args -f ndjson "$tmp/in" >"$tmp/out" 2>"$tmp/err" &
    fi
    pid=$!
    exec 3>"$tmp/in"
    head -n "$upto" "$log" >&3
    if ! wait_for '"type":"job"'; then
      echo "FAIL: $how $args: no job object within 1 s of its lines"
      fail=1
    elif ! grep -q '"type":"stage".*"stage":1,' "$tmp/out"; then
      echo "FAIL: $how $args: the job's stage came without it"
      fail=1
    elif grep -q '"type":"summary"' "$tmp/out"; then
      echo "FAIL: $how $args: the summary came before EOF"
      fail=1
    fi
    tail -n +"$((upto + 1))" "$log" >&3
    exec 3>&-
    wait "$pid"
    st=$?
    pid=
    [ $st -eq 0 ] || { echo "FAIL: $how $args: status $st"; fail=1; }
    tail -n 1 "$tmp/out" | grep -q '"type":"summary"' ||
      { echo "FAIL: $how $args: no summary at the end"; fail=1; }
    # The same objects as from the file, in the same order (a line
    # written when the input paused may know less: docs/ndjson-schema.md).
    # shellcheck disable=SC2086
    "$sparklog" $args -f ndjson "$log" | cut -d, -f1-3 |
      sed 's/"\(file\|path\)":[^,]*//g' >"$tmp/want"
    cut -d, -f1-3 "$tmp/out" | sed 's/"\(file\|path\)":[^,]*//g' \
      >"$tmp/got"
    if ! cmp -s "$tmp/want" "$tmp/got"; then
      echo "FAIL: $how $args: the objects differ from the file's"
      diff "$tmp/want" "$tmp/got" | head -4
      fail=1
    fi
  done
done
exit $fail
