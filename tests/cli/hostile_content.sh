#!/usr/bin/env bash
# label: cli
# Hostile content: empty input, NUL bytes, random binary, invalid UTF-8.
# Malformed content is data, never an error: each run exits 0, the JSON is
# valid UTF-8, every line is accounted for, and the report says the input
# did not look like a Spark driver log.
. "$(dirname "$0")/hostile_lib.bash"

# Empty input (a file and stdin).
# Expected: exit 0, no stderr, 0 lines, input.kind "empty".
: >"$T/empty.log"
run -f json "$T/empty.log"
expect_rc 0 "empty file"
expect_quiet "empty file"
jcheck "empty file: 0 lines, kind empty" \
  'i["lines"] == 0 and i["records"] == 0 and i["kind"] == "empty"'
"$BIN" -f json <"$T/empty.log" >"$T/out" 2>"$T/err"
RC=$?
expect_rc 0 "empty stdin"
jcheck "empty stdin: kind empty" 'i["kind"] == "empty"'
run "$T/empty.log"
expect_rc 0 "empty file, text report"
grep -q "input was empty" "$T/out" && ok "text report says empty" ||
  fail "text report does not say the input was empty"

# A file of NUL bytes (1 MiB, no newline).
# Expected: exit 0; one line, cut at max_line (lines_cut 1), unrecognised;
# kind not_spark.
head -c 1048576 /dev/zero >"$T/nul.log"
run -f json "$T/nul.log"
expect_rc 0 "NUL bytes"
jcheck "NUL bytes: one cut, unrecognised line; not_spark" \
  'i["lines"] == 1 and i["lines_cut"] == 1 and i["records"] == 0 and
   i["unrecognized_lines"] == 1 and i["kind"] == "not_spark"'

# Random binary (1 MiB, fixed seed so a failure reproduces).
# Expected: exit 0; lines == records + continuation + unrecognised; kind
# not_spark; most lines classed "binary".
python3 -c '
import random, sys
r = random.Random(20261123)
sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(1 << 20)))
' >"$T/random.bin"
run -f json "$T/random.bin"
expect_rc 0 "random binary"
jcheck "random binary: every line accounted, not_spark" \
  'i["lines"] == i["records"] + i["continuation_lines"] +
   i["unrecognized_lines"] and i["lines"] > 1000 and
   i["kind"] == "not_spark"'
jcheck "random binary: classed binary" \
  'i["unrecognized_by_class"].get("binary", 0) > 0'
run "$T/random.bin"
expect_rc 0 "random binary, text report"
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' \
  "$T/out" && ok "text report of random binary is valid UTF-8" ||
  fail "text report of random binary is not valid UTF-8"

# Invalid UTF-8 in logger names and messages (lone continuation bytes, an
# overlong encoding, a UTF-16 surrogate, a code point past U+10FFFF, a
# truncated sequence at the end of the line).
# Expected: exit 0; JSON strictly valid UTF-8 (bad bytes replaced by
# U+FFFD wherever they are shown); both lines counted, the DAGScheduler
# one as a record (whether the mangled logger name is accepted as a logger
# is the layout detector's call; if it is, its name is repaired).
printf '24/08/13 15:12:49 INFO Bad\xff\xfeLogger: caf\xc3\xa9 \x80\xc0\xaf\n' \
  >"$T/utf8.log"
printf '24/08/13 15:12:50 INFO DAGScheduler: x \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82\n' \
  >>"$T/utf8.log"
run -f json "$T/utf8.log"
expect_rc 0 "invalid UTF-8"
jcheck "invalid UTF-8: lines counted, DAGScheduler record read" \
  'i["lines"] == 2 and i["records"] >= 1 and
   any(l["name"] == "DAGScheduler" for l in d["loggers"])'
run "$T/utf8.log"
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' \
  "$T/out" && ok "text report of invalid UTF-8 is valid UTF-8" ||
  fail "text report of invalid UTF-8 is not valid UTF-8"

# A random text file that is not a log at all.
# Expected: exit 0, kind not_spark, the text report says so.
python3 -c '
import random
r = random.Random(7)
words = "the of and to in is was for on that with as by it at from".split()
for n in range(2000):
    print(" ".join(r.choice(words) for _ in range(r.randint(1, 14))))
' >"$T/prose.txt"
run -f json "$T/prose.txt"
expect_rc 0 "random text"
jcheck "random text: kind not_spark, 2000 lines" \
  'i["kind"] == "not_spark" and i["lines"] == 2000'
run "$T/prose.txt"
grep -q "not look like a Spark log" "$T/out" &&
  ok "text report names a non-Spark input" ||
  fail "text report does not say the input is not a Spark log"

finish
