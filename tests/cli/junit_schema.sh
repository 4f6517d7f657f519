#!/usr/bin/env bash
# label: golden
# The JUnit output has the structure Jenkins' xunit plugin accepts
# (junit_schema.py restates its junit-10.xsd as rules): every testdata
# log, every corpus log (SLG_CORPUS_DIR; none when absent), stdin, several
# files at once, an empty input and a missing file. Per-file suites carry
# file, timestamp (the first record, when the log has a date) and
# hostname (the driver's) when known, and stdin's suite is named "stdin".
# The checker must also reject broken documents, so it cannot pass
# everything. Skipped (77) without python3.
set -u
sparklog=$1 src=$2
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check=$src/tests/cli/junit_schema.py
fail=0
no() { echo "FAIL: $*"; fail=1; }
n=0
run() {
  n=$((n + 1))
  NO_COLOR=1 "$sparklog" check --no-config -f junit "$@" >"$tmp/$n.xml" 2>/dev/null
}
for f in "$src"/testdata/*; do
  case $f in *.md) continue ;; esac
  [ -f "$f" ] && run "$f" </dev/null
done
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
for f in "$corpus"/*/*; do
  case $f in *.md) continue ;; esac
  [ -f "$f" ] && run "$f" </dev/null
done
run <"$src/testdata/small-job.log"
stdin_doc=$tmp/$n.xml
run "$src/testdata/fixtures/task-abort-yarn-client-spark34.log" \
    "$src/testdata/small-job.log" "$src/testdata/warn-only.log" </dev/null
multi=$tmp/$n.xml
run /dev/null </dev/null
run "$tmp/no-such-file.log" </dev/null
python3 "$check" "$tmp"/*.xml || no "a JUnit document breaks the junit-10 rules"

grep -q '<testsuite name="stdin" timestamp="2024-03-01T10:00:01" hostname="10.0.0.5" tests=' "$stdin_doc" ||
  no "stdin's suite is not named stdin with its timestamp and host: $(grep '<testsuite name="s' "$stdin_doc")"
grep -q 'file=' "$stdin_doc" && no "stdin's suite has a file attribute"
grep -q "<testsuite name=\"$src/testdata/small-job.log\" file=\"$src/testdata/small-job.log\" timestamp=\"" "$multi" ||
  no "a file's suite lacks file= and timestamp="
# warn-only.log has no application: no driver host to give.
grep "<testsuite name=\"$src/testdata/warn-only.log\"" "$multi" | grep -q hostname= &&
  no "a file without a driver has a hostname"

# The checker rejects what it should.
printf '<testsuites><testsuite name="x" tests="1" failures="0"><testcase name="a"/></testsuite></testsuites>\n' >"$tmp/bad1"
printf '<testsuites><testsuite name="x" tests="2" failures="0" errors="0"><testcase name="a"/></testsuite></testsuites>\n' >"$tmp/bad2"
printf '<testsuites><testsuite name="x" tests="1" failures="0" errors="0" color="red"><testcase name="a"/></testsuite></testsuites>\n' >"$tmp/bad3"
printf '<testsuites><testsuite name="x" tests="1" failures="0" errors="0" time="1s"><testcase name="a"/></testsuite></testsuites>\n' >"$tmp/bad4"
printf '<testsuites><testsuite name="x" tests="1" failures="0" errors="0"><testcase name="a"><oops/></testcase></testsuite></testsuites>\n' >"$tmp/bad5"
for b in 1 2 3 4 5; do
  python3 "$check" "$tmp/bad$b" >/dev/null && no "the checker accepts bad$b"
done
[ $fail = 0 ] && echo "ok: $n JUnit documents"
exit $fail
