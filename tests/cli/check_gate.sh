#!/usr/bin/env bash
# label: cli
# The CI gate end to end: config discovery (upward, stopping at a .git or
# $HOME), precedence flags > env > file, errors naming key and line (exit 2),
# --output files, JUnit XML elements and attributes that Jenkins, GitLab and
# GitHub reporters read, GitHub workflow commands, Markdown size, exit codes.
set -u
for t in python3; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 build=$3
gen=$build/tests/sparkgen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
expect() { # expect STATUS DESCRIPTION -- command...
  local want=$1 what=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, want $want ($(head -c 300 "$tmp/err"))"; fi
}
"$gen" --scenario skew --seed 7 --out "$tmp/skew.log"
"$gen" --scenario clean --seed 7 --out "$tmp/clean.log"
mkdir -p "$tmp/repo/.git" "$tmp/repo/sub/dir" "$tmp/home/proj"
cd "$tmp/repo/sub/dir"
export HOME=$tmp/home

# Defaults: SKEW is a warning, --fail-on error: passes.
expect 0 "default fail-on error" -- "$sparklog" check "$tmp/skew.log"
# A config file two levels up (below the repository root) is found.
printf '# gate\nfail_on = warning\n' > "$tmp/repo/.sparklog.conf"
expect 1 "config found upward" -- "$sparklog" check "$tmp/skew.log"
"$sparklog" check --print-config | grep -q '^fail_on = warning$' && ok || bad "print-config shows the file's value"
# --no-config ignores it.
expect 0 "--no-config" -- "$sparklog" check --no-config "$tmp/skew.log"
# Env beats the file, flags beat env.
SPARKLOG_FAIL_ON=error expect 0 "env over file" -- "$sparklog" check "$tmp/skew.log"
SPARKLOG_FAIL_ON=error expect 1 "flag over env" -- "$sparklog" check --fail-on warning "$tmp/skew.log"
# Not past the repository root: a file above .git is not read.
rm "$tmp/repo/.sparklog.conf"
printf 'fail_on = warning\n' > "$tmp/.sparklog.conf"
expect 0 "stops at the repository root" -- "$sparklog" check "$tmp/skew.log"
rm "$tmp/.sparklog.conf"
# Not past $HOME either.
printf 'fail_on = warning\n' > "$tmp/.sparklog.conf"
(cd "$tmp/home/proj" && expect 0 "stops at HOME" -- "$sparklog" check "$tmp/skew.log"; exit $fail) || fail=$((fail + 1))
rm "$tmp/.sparklog.conf"
# Errors: unknown key and bad unit name the key and file:line; exit 2.
printf 'max_skew = 10\nmax_skwe = 3\n' > "$tmp/bad.conf"
expect 2 "unknown key" -- "$sparklog" check --config "$tmp/bad.conf" "$tmp/skew.log"
grep -q "bad.conf:2: unknown key 'max_skwe'" "$tmp/err" && ok || bad "unknown key message: $(cat "$tmp/err")"
printf 'max_stage_task_time = 30x\n' > "$tmp/bad2.conf"
expect 2 "bad unit" -- "$sparklog" check --config "$tmp/bad2.conf" "$tmp/skew.log"
grep -q "bad2.conf:1: max_stage_task_time: bad duration '30x'" "$tmp/err" && ok || bad "bad unit message: $(cat "$tmp/err")"
SPARKLOG_MAX_SKWE=3 expect 2 "unknown env variable" -- "$sparklog" check "$tmp/skew.log"
expect 2 "bad flag value" -- "$sparklog" check --max-skew ten "$tmp/skew.log"
expect 2 "check option outside check" -- "$sparklog" report --max-skew 3 "$tmp/skew.log"
# Limits: THRESHOLD findings, the worst app decides.
expect 1 "max-skew breached" -- "$sparklog" check --max-skew 10 "$tmp/skew.log"
grep -q 'THRESHOLD' "$tmp/out" && ok || bad "THRESHOLD finding in text"
expect 0 "clean passes all limits" -- "$sparklog" check --fail-on warning --max-skew 10 --max-failed-tasks 0 --max-shuffle-stages 40 --max-stage-task-time 30m "$tmp/clean.log"
expect 1 "max-shuffle-stages breached" -- "$sparklog" check --max-shuffle-stages 1 "$tmp/clean.log"
# Several outputs from one run; + appends.
echo "previous" > "$tmp/summary.md"
expect 1 "outputs" -- "$sparklog" check --fail-on warning --output junit="$tmp/r.xml" --output markdown=+"$tmp/summary.md" --output json="$tmp/r.json" "$tmp/skew.log"
head -1 "$tmp/summary.md" | grep -q previous && grep -q '^## sparklog' "$tmp/summary.md" && ok || bad "markdown appended"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["check"]["passed"] is False; assert any(f["id"]=="SKEW" for f in d["findings"])' "$tmp/r.json" && ok || bad "json check object"
python3 - "$tmp/r.xml" <<'PY' && ok || bad "junit schema"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
for a in ("tests", "failures", "errors", "time"):
    assert a in root.attrib, a
suites = root.findall("testsuite")
assert suites
for s in suites:
    for a in ("name", "tests", "failures", "errors", "time"):
        assert a in s.attrib, a
    cases = s.findall("testcase")
    assert int(s.get("tests")) == len(cases)
    fails = [c for c in cases if c.find("failure") is not None]
    assert int(s.get("failures")) == len(fails)
    for c in cases:
        assert c.get("name") and c.get("classname")
    for c in fails:
        assert c.find("failure").get("message")
# The checks' suite, then one suite per file with a testcase per
# application, failing with the gate (here on its SKEW warning).
check, app = suites
assert check.get("name") == "sparklog check"
assert any(c.get("name") == "SKEW" and c.find("failure") is not None
           for c in check.findall("testcase"))
cases = app.findall("testcase")
assert [c.get("classname") for c in cases] == ["sparklog.app"], cases
f = cases[0].find("failure")
assert f is not None and f.get("type") == "SKEW", f
assert f.text.startswith("app 1: succeeded"), f.text
assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
PY
"$sparklog" check --fail-on warning --format github "$tmp/skew.log" > "$tmp/gh.txt"
grep -q '^::warning title=sparklog SKEW stage 3.0::' "$tmp/gh.txt" && ok || bad "github command: $(head -2 "$tmp/gh.txt")"
size=$("$sparklog" check --format markdown "$tmp/skew.log" | wc -c)
[ "$size" -lt 1048576 ] && ok || bad "markdown under 1 MiB ($size)"
# Outcomes decide the exit status (issue 20, items 1 and 2).
src=$2
# Cut off after its jobs finished: LOG_CUT_OFF, a warning.
head -n -1 "$tmp/clean.log" > "$tmp/cut.log"
expect 0 "cut off: a warning by default" -- "$sparklog" check "$tmp/cut.log"
grep -q 'LOG_CUT_OFF' "$tmp/out" && ok || bad "cut off raises LOG_CUT_OFF"
expect 1 "cut off fails --fail-on warning" -- "$sparklog" check --fail-on warning "$tmp/cut.log"
# Cut off after the driver died (OOM on dag-scheduler-event-loop): failed.
expect 1 "cut off after the driver died" -- "$sparklog" check "$src/testdata/fixtures/driver-oom-dag-event-loop-cutoff-yarn-spark32.log"
grep -q 'APP_FAILED' "$tmp/out" && ok || bad "driver death raises APP_FAILED"
# A local 2.x driver kept at ERROR: only the job ends the stopped listener
# bus dropped. A Spark application, killed: 1, never 3, --allow-empty or not.
L='org.apache.spark.scheduler.LiveListenerBus logError - SparkListenerBus has already stopped! Dropping event SparkListenerJobEnd'
{
  echo "[ERROR] 2019-04-22 16:59:26,414 org.apache.spark.scheduler.LiveListenerBus logError - SparkListenerBus has already stopped! Dropping event SparkListenerStageCompleted(org.apache.spark.scheduler.StageInfo@1e37b288)"
  echo "[ERROR] 2019-04-22 16:59:26,419 $L(11,1555945166417,JobFailed(org.apache.spark.SparkException: Job 11 cancelled because SparkContext was shut down))"
  echo "[ERROR] 2019-04-22 17:04:20,971 $L(1,1555945460969,JobFailed(org.apache.spark.SparkException: Job 1 cancelled because SparkContext was shut down))"
} > "$tmp/error-only.log"
expect 1 "ERROR-only log: killed apps" -- "$sparklog" check "$tmp/error-only.log"
grep -q 'APP_KILLED' "$tmp/out" && ok || bad "ERROR-only log raises APP_KILLED"
expect 1 "ERROR-only log with --allow-empty" -- "$sparklog" check --allow-empty "$tmp/error-only.log"
# YARN's final status SUCCEEDED, no scheduler line: NO_SCHEDULER_LINES is
# a warning, the check passes.
{
  echo "24/03/01 10:00:00 INFO SparkContext: Running Spark version 3.4.1"
  echo "24/03/01 10:00:09 INFO ApplicationMaster: Final app status: SUCCEEDED, exitCode: 0"
} > "$tmp/final-ok.log"
expect 0 "final status SUCCEEDED, no scheduler lines" -- "$sparklog" check "$tmp/final-ok.log"
grep -q 'warning *NO_SCHEDULER_LINES' "$tmp/out" && ok || bad "NO_SCHEDULER_LINES a warning: $(grep NO_SCHED "$tmp/out")"
# Write errors exit 4.
expect 4 "output to a full disk" -- "$sparklog" check --output json=/dev/full "$tmp/clean.log"
# The gate's closing line: last on stdout; on stderr too when it fails
# (stdout is a file here); -q prints it alone; only check takes -q.
expect 0 "gate line, passing" -- "$sparklog" check --no-config "$tmp/clean.log"
[ "$(tail -n 1 "$tmp/out")" = "check: PASSED" ] && ok || bad "passing check ends with 'check: PASSED': $(tail -n 1 "$tmp/out")"
[ -s "$tmp/err" ] && bad "a passing check writes stderr: $(cat "$tmp/err")" || ok
expect 1 "gate line, failing" -- "$sparklog" check --no-config --fail-on warning --max-skew 2 "$tmp/skew.log"
grep -qx 'check: FAILED ([0-9]* warnings*, 1 limit exceeded: max_skew)' "$tmp/err" && ok || bad "failing gate line on stderr: $(cat "$tmp/err")"
[ "$(tail -n 1 "$tmp/out")" = "$(cat "$tmp/err")" ] && ok || bad "stdout ends with the stderr gate line"
expect 1 "-q" -- "$sparklog" check -q --no-config --max-skew 2 "$tmp/skew.log"
[ "$(cat "$tmp/out")" = "check: FAILED (1 limit exceeded: max_skew)" ] && ok || bad "-q prints only the gate line: $(head -c 300 "$tmp/out")"
expect 0 "--quiet, exit-zero" -- "$sparklog" check --quiet --no-config --exit-zero --max-skew 2 "$tmp/skew.log"
grep -qx 'check: FAILED (1 limit exceeded: max_skew); exit 0 as --exit-zero asks' "$tmp/out" && ok || bad "--exit-zero says so: $(cat "$tmp/out")"
expect 2 "-q outside check" -- "$sparklog" report -q "$tmp/clean.log"
printf 'hello\n' > "$tmp/hello.txt"
expect 3 "-q, no application" -- "$sparklog" check -q --no-config "$tmp/hello.txt"
grep -qx 'check: FAILED (no Spark application in the input; see --allow-empty)' "$tmp/out" && ok || bad "empty gate line: $(cat "$tmp/out")"
# JSON says the same as the exit status and the gate line.
expect 3 "json, no application" -- "$sparklog" check -f json --no-config "$tmp/hello.txt"
grep -q '"passed": false, *"gate": "empty"' <(tr -d '\n' <"$tmp/out") && ok || bad "json gate on empty input: $(grep -A2 '"passed"' "$tmp/out")"
expect 1 "json, failing" -- "$sparklog" check -f json --no-config --max-skew 2 "$tmp/skew.log"
grep -q '"passed": false, *"gate": "failed"' <(tr -d '\n' <"$tmp/out") && ok || bad "json gate on a failing run"
expect 0 "json, passing" -- "$sparklog" check -f json --no-config "$tmp/clean.log"
grep -q '"passed": true, *"gate": "passed"' <(tr -d '\n' <"$tmp/out") && ok || bad "json gate on a passing run"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
