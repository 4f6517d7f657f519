#!/usr/bin/env bash
# label: cli
# Output injection: log text reaches terminals, Markdown step summaries,
# JUnit XML and GitHub workflow commands. A failure message carrying raw
# HTML, a Markdown link, a fake workflow command, a bidi override, U+2028
# and the XML-forbidden U+FFFE/U+FFFF is quoted by every format as inert
# text: no HTML or link in Markdown, well-formed XML, no command, no
# invisible control in any output.
. "$(dirname "$0")/hostile_lib.bash"

payload='<img src=x onerror=alert(1)> [login](https://evil.example/) '
payload+=$'\xef\xbf\xbe\xef\xbf\xbf \xe2\x80\xaertl \xe2\x80\xa8 %0A::error::forged'
src=$SRC/testdata/fixtures/task-abort-yarn-client-spark34.log
# The quote character of the original message would end sed's text.
python3 - "$src" "$T/evil.log" "$payload" <<'PY'
import sys
raw = open(sys.argv[1], "rb").read()
evil = raw.replace(b'"12,50"', sys.argv[3].encode("utf-8", "surrogateescape"))
assert evil != raw
open(sys.argv[2], "wb").write(evil)
PY

# no_invisible FILE WHAT: none of U+202E, U+2028, U+FFFE, U+FFFF.
no_invisible() {
  if python3 - "$1" <<'PY'; then ok "$2: no invisible control"; else fail "$2: an invisible control got through"; fi
import sys
b = open(sys.argv[1], "rb").read()
sys.exit(any(x in b for x in (b"\xe2\x80\xae", b"\xe2\x80\xa8", b"\xef\xbf\xbe", b"\xef\xbf\xbf")))
PY
}

run check -f markdown "$T/evil.log"
expect_rc 1 "markdown"
if grep -q '<img' "$T/out" || grep -q '\[login\](' "$T/out"; then
  fail "markdown: raw HTML or a link from the log: $(grep -m1 -e '<img' -e 'login' "$T/out" | head -c 300)"
else
  ok "markdown: no raw HTML, no link"
fi
grep -q '&lt;img src=x onerror=alert(1)&gt; \\\[login\\\](https://evil.example/)' "$T/out" &&
  ok "markdown: the message is quoted as text" ||
  fail "markdown: the escaped message is missing: $(grep -m1 NumberFormat "$T/out" | head -c 400)"
no_invisible "$T/out" "markdown"

run check -f junit "$T/evil.log"
expect_rc 1 "junit"
python3 - "$T/out" <<'PY' && ok "junit: well-formed XML" || fail "junit: not well-formed XML"
import sys, xml.etree.ElementTree as ET
ET.parse(sys.argv[1])
PY
no_invisible "$T/out" "junit"

run check -f github "$T/evil.log"
expect_rc 1 "github"
if grep -q '^::error::forged' "$T/out" || grep -q '%0A::error::forged' "$T/out"; then
  fail "github: a forged workflow command can start a line"
else
  ok "github: no forged command"
fi
no_invisible "$T/out" "github"

run check "$T/evil.log"
expect_rc 1 "text"
no_invisible "$T/out" "text"


# An interrupted run. SIGINT or SIGTERM while the input is read (a FIFO
# whose writer keeps it open, so the moment does not matter) ends the
# reading: the report of what was read is written, marked incomplete
# (the input's error "interrupted at byte N"), and renamed over the
# --output target; then the signal ends the run (status 130 for SIGINT,
# 143 for SIGTERM) even for a check that would pass;
# no temporary file is left. SIGKILL at the same moment leaves the old
# target as it was (the report goes to a temporary file until complete).
need mkfifo timeout
mkdir "$T/int"
small=$SRC/testdata/small-job.log
small_lines=$(wc -l <"$small")
small_bytes=$(wc -c <"$small")
# start_held ARGS...: sparklog on the FIFO $T/int/in, fed $small and held
# open by fd 8; its pid in $pid. Job control (set -m): a background job
# of a script would otherwise ignore SIGINT.
start_held() {
  rm -f "$T/int/in"
  mkfifo "$T/int/in"
  set -m
  "$BIN" "$@" >"$T/out" 2>"$T/err" &
  pid=$!
  set +m
  exec 8>"$T/int/in"
  cat "$small" >&8
  sleep 1
}
for sig in INT TERM; do
  for j in 1 2; do
    echo OLD >"$T/int/r.json"
    start_held check -j "$j" -o "json=$T/int/r.json" "$T/int/in"
    kill -"$sig" "$pid"
    wait "$pid"
    RC=$?
    exec 8>&-
    what="SIG$sig while reading (-j $j)"
    [ "$sig" = INT ] && want=130 || want=143
    expect_rc "$want" "$what"
    expect_err "^sparklog: interrupted \(SIG$sig\); the report covers what was read" "$what"
    [ "$(ls -A "$T/int")" = "$(printf 'in\nr.json')" ] && ok "$what: no temporary file left" ||
      fail "$what: left behind: $(ls -A "$T/int")"
    cp "$T/int/r.json" "$T/out"
    jcheck "$what: the report at the target, marked incomplete" \
      "not i['complete'] and i['lines'] == $small_lines and
       i['files'][0]['error'] == 'interrupted at byte $small_bytes' and
       i['files'][0]['bytes_read'] == $small_bytes"
  done
done
echo OLD >"$T/int/r.json"
start_held -o "json=$T/int/r.json" "$T/int/in"
kill -KILL "$pid"
{ wait "$pid"; } 2>/dev/null
exec 8>&-
[ "$(cat "$T/int/r.json")" = OLD ] && ok "SIGKILL while reading: the old target intact" ||
  fail "SIGKILL while reading: the target changed: $(head -c 80 "$T/int/r.json")"

finish
