# hostile_lib.bash - shared by tests/cli/hostile_*.sh (sourced; not a test
# itself: ctest only globs *.sh).
#
# Each script is run as: bash script SPARKLOG_BINARY SOURCE_DIR BUILD_DIR
# and exits 0 (all assertions held), 1 (some failed; each printed) or 77
# (skipped: a tool it needs is missing, or some assertion could not be
# checked here and none failed; ctest then reports the test as skipped,
# never as passed). Big inputs are generated into a private temporary directory,
# removed on exit; nothing generated is ever committed.
set -u
BIN=${1:?usage: script SPARKLOG_BINARY SOURCE_DIR BUILD_DIR}
SRC=${2:?}
BUILD=${3:-}
if [ ! -x "$BIN" ]; then
  echo "skip: $BIN not built"
  exit 77
fi
# need TOOL...: skips the whole script (77) unless every TOOL is on PATH.
need() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null || { echo "skip: $t missing"; exit 77; }
  done
}
need python3
# sanitized: true when $BIN was built with a sanitizer (ASan, UBSan,
# TSan). They reserve terabytes of address space up front, so a test that
# sets `ulimit -v` cannot say anything there: it skips (77), never passes.
sanitized() {
  grep -aqE '__asan_init|__ubsan_handle|__tsan_init' "$BIN"
}
T=$(mktemp -d "${TMPDIR:-/tmp}/sparklog-hostile.XXXXXX")
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
FAILS=0 SKIPS=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
ok() { echo "ok:   $*"; }
# skip WHAT: an assertion that could not be checked here; the script
# goes on, and ends skipped (77) if nothing failed.
skip() { echo "SKIP: $*"; SKIPS=$((SKIPS + 1)); }

# run ARGS...: sparklog's stdout -> $T/out, stderr -> $T/err, status -> $RC.
run() {
  "$BIN" "$@" >"$T/out" 2>"$T/err"
  RC=$?
}

# run_rss ARGS...: like run, and the maximum RSS in KiB -> $RSS (0 when
# GNU time is not at /usr/bin/time: expect_rss_below then skips).
run_rss() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$T/rss" "$BIN" "$@" >"$T/out" 2>"$T/err"
    RC=$?
    RSS=$(tail -1 "$T/rss")
    # GNU time prefixes "Command exited with non-zero status N".
    case $RSS in *[!0-9]*|'') RSS=0 ;; esac
  else
    run "$@"
    RSS=0
  fi
}

# expect_rc WANT WHAT
expect_rc() {
  if [ "$RC" -eq "$1" ]; then
    ok "$2: exit $1"
  else
    fail "$2: exit $RC, want $1; stderr: $(head -c 400 "$T/err")"
  fi
}

# expect_err REGEX WHAT: stderr matches an extended regular expression.
expect_err() {
  if grep -Eq -- "$1" "$T/err"; then
    ok "$2: stderr matches /$1/"
  else
    fail "$2: stderr does not match /$1/: $(head -c 400 "$T/err")"
  fi
}

# expect_quiet WHAT: nothing on stderr.
expect_quiet() {
  if [ -s "$T/err" ]; then
    fail "$1: unexpected stderr: $(head -c 400 "$T/err")"
  else
    ok "$1: stderr empty"
  fi
}

# expect_rss_below KIB WHAT
expect_rss_below() {
  if [ "$RSS" -eq 0 ]; then
    skip "$2: memory not checked (no GNU time at /usr/bin/time)"
  elif [ "$RSS" -lt "$1" ]; then
    ok "$2: max RSS ${RSS} KiB < $1 KiB"
  else
    fail "$2: max RSS ${RSS} KiB, bound $1 KiB"
  fi
}

# jcheck WHAT PYTHON_EXPR: $T/out must be strict UTF-8 JSON (the whole
# document), and the expression, evaluated with `d` the document and `i`
# its "input" object, must be true. On failure the expression's inputs are
# printed.
jcheck() {
  if python3 - "$T/out" "$2" <<'PYEOF'
import json, sys
raw = open(sys.argv[1], "rb").read()
try:
    text = raw.decode("utf-8")  # strict: invalid UTF-8 is a failure

    def no_constant(name):
        raise ValueError("non-JSON constant %s" % name)
    # NaN/Infinity are not JSON (an overflowed double would print so).
    d = json.loads(text, parse_constant=no_constant)
except Exception as e:  # noqa: BLE001 - report any decoding problem
    print("not valid UTF-8 JSON: %s" % e, file=sys.stderr)
    sys.exit(1)
i = d.get("input", {})


def walk(node, path=""):
    """Yields (path, value) for every value in the document."""
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, path + "." + k)
    elif isinstance(node, list):
        for n, v in enumerate(node):
            yield from walk(v, "%s[%d]" % (path, n))


def numbers():
    return [(p, v) for p, v in walk(d)
            if isinstance(v, (int, float)) and not isinstance(v, bool)]


def listed(key):
    """Distinct objects in lists under a key named `key` (an object listed
    both under its app and under its job counts once)."""
    seen = {}
    for p, v in walk(d):
        if p.endswith("." + key) and isinstance(v, list):
            for x in v:
                if isinstance(x, dict):
                    seen[json.dumps(x, sort_keys=True)] = x
    return list(seen.values())


def stages():
    return listed("stages")


def jobs():
    return listed("jobs")


try:
    result = eval("(" + sys.argv[2] + "\n)")
except Exception as e:  # noqa: BLE001
    print("expression raised %r" % e, file=sys.stderr)
    sys.exit(1)
if not result:
    keys = {k: i.get(k) for k in ("lines", "records", "lines_cut",
                                  "rejected_events", "kind", "largest_gap",
                                  "time_steps_back", "unrecognized_by_class",
                                  "first", "last", "complete")}
    print("false; input: %s" % json.dumps(keys), file=sys.stderr)
    sys.exit(1)
PYEOF
  then
    ok "$1"
  else
    fail "$1 ($2)"
  fi
}

finish() {
  if [ "$FAILS" -ne 0 ]; then
    echo "$FAILS assertion(s) failed" >&2
    exit 1
  fi
  if [ "$SKIPS" -ne 0 ]; then
    echo "skip: $SKIPS assertion(s) could not be checked here"
    exit 77
  fi
  exit 0
}

# gen_driver_log JOBS: a small, well-formed driver log in Spark's default
# layout (one stage of two tasks per job), on stdout.
gen_driver_log() {
  awk -v jobs="$1" 'BEGIN {
    t = 0
    printf "24/08/13 10:00:00 INFO SparkContext: Running Spark version 3.5.1\n"
    for (j = 0; j < jobs; j++) {
      ts = sprintf("24/08/13 10:%02d:%02d", int(t / 60) % 60, t % 60)
      printf "%s INFO DAGScheduler: Got job %d (count at X.scala:%d) with 2 output partitions\n", ts, j, j
      printf "%s INFO DAGScheduler: Submitting ResultStage %d (MapPartitionsRDD[%d] at count at X.scala:%d), which has no missing parents\n", ts, j, j, j
      printf "%s INFO TaskSchedulerImpl: Adding task set %d.0 with 2 tasks resource profile 0\n", ts, j
      for (k = 0; k < 2; k++)
        printf "%s INFO TaskSetManager: Starting task %d.0 in stage %d.0 (TID %d) (host, executor driver, partition %d, PROCESS_LOCAL, 7595 bytes)\n", ts, k, j, 2 * j + k, k
      for (k = 0; k < 2; k++)
        printf "%s INFO TaskSetManager: Finished task %d.0 in stage %d.0 (TID %d) in 12 ms on host (executor driver) (%d/2)\n", ts, k, j, 2 * j + k, k + 1
      printf "%s INFO DAGScheduler: ResultStage %d (count at X.scala:%d) finished in 0.020 s\n", ts, j, j
      printf "%s INFO DAGScheduler: Job %d finished: count at X.scala:%d, took 0.031 s\n", ts, j, j
      t++
    }
  }'
}
