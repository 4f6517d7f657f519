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

finish
