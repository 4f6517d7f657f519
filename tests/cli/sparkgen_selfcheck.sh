# label: slow
# Self-check of the synthetic log generator (tests/gen/sparkgen.c):
# determinism (same options -> byte-identical log and truth), the truth
# JSON parses, and its counts agree with independent grep counts on the
# log, for a matrix of scenario x layout x Spark version; plus the bench
# workload's pinned shape (size, TaskSetManager share, line length).
# Usage: bash sparkgen_selfcheck.sh SPARKLOG_BINARY SOURCE_DIR BUILD_DIR
set -u
GEN="$3/tests/sparkgen"
if [ ! -x "$GEN" ]; then
  echo "skip: $GEN not built"
  exit 77
fi
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0

# Regex matching a TaskSetManager record whose message starts with $2,
# in layout $1.
tsm_re() {
  case "$1" in
    default) echo " TaskSetManager: $2" ;;
    cdh) echo " scheduler\.TaskSetManager: $2" ;;
    fullclass) echo " org\.apache\.spark\.scheduler\.TaskSetManager: $2" ;;
    glue) echo " scheduler\.TaskSetManager" \
      "\(Logging\.scala:log[A-Za-z]+\([0-9]+\)\): $2" ;;
    json) echo "\"msg\":\"$2.*\"logger\":\"TaskSetManager\"" ;;
  esac
}

# Any-logger record whose message starts with $2.
msg_re() {
  case "$1" in
    json) echo "\"msg\":\"$2" ;;
    glue) echo "\): $2" ;;
    *) echo "^[0-9/]+ [0-9:]+ [A-Z]+ [^ ]+: $2" ;;
  esac
}

check() {
  local scen=$1 layout=$2 spark=$3 tag="$1/$2/$3"
  local a="$TMP/a.log" b="$TMP/b.log" ta="$TMP/a.json" tb="$TMP/b.json"
  "$GEN" --scenario "$scen" --layout "$layout" --spark "$spark" --seed 7 \
    --out "$a" --truth "$ta" || { echo "FAIL $tag: exit $?"; fail=1; return; }
  "$GEN" --scenario "$scen" --layout "$layout" --spark "$spark" --seed 7 \
    --out "$b" --truth "$tb"
  cmp -s "$a" "$b" || { echo "FAIL $tag: log not deterministic"; fail=1; }
  cmp -s "$ta" "$tb" || { echo "FAIL $tag: truth not deterministic"; fail=1; }
  local started finished lost killed gotjob jfin jfail adding lines bytes
  started=$(grep -Ec "$(tsm_re "$layout" 'Starting task ')" "$a")
  finished=$(grep -Ec "$(tsm_re "$layout" 'Finished task ')" "$a")
  lost=$(grep -Ec "$(tsm_re "$layout" 'Lost task ')" "$a")
  killed=$(grep -Ec "$(tsm_re "$layout" 'Lost task [^"]*TaskKilled \(')" "$a")
  gotjob=$(grep -Ec "$(msg_re "$layout" 'Got (map stage )?job [0-9]+ ')" "$a")
  jfin=$(grep -Ec "$(msg_re "$layout" 'Job [0-9]+ finished: ')" "$a")
  jfail=$(grep -Ec "$(msg_re "$layout" 'Job [0-9]+ failed: ')" "$a")
  adding=$(grep -Ec \
    "$(msg_re "$layout" 'Adding task set [0-9]+\.[0-9]+ with ')" "$a")
  lines=$(wc -l < "$a")
  bytes=$(wc -c < "$a")
  python3 - "$ta" "$tag" "$scen" "$started" "$finished" "$lost" "$killed" \
    "$gotjob" "$jfin" "$jfail" "$adding" "$lines" "$bytes" <<'EOF' || fail=1
import json, sys
(path, tag, scen, started, finished, lost, killed, gotjob, jfin, jfail,
 adding, lines, nbytes) = sys.argv[1:]
t = json.load(open(path))
c = t["counts"]
bad = []
def eq(what, truth, seen):
    if int(truth) != int(seen):
        bad.append("%s: truth %s, log %s" % (what, truth, seen))
eq("tasks_started", c["tasks_started"], started)
eq("tasks_succeeded", c["tasks_succeeded"], finished)
eq("tasks_lost+killed", c["tasks_lost"] + c["tasks_killed"], lost)
eq("tasks_killed", c["tasks_killed"], killed)
eq("got_job", c["got_job"], gotjob)
eq("jobs_finished", c["jobs_finished"], jfin)
eq("jobs_failed", c["jobs_failed"], jfail)
eq("stage_attempts_submitted", c["stage_attempts_submitted"], adding)
eq("lines", t["lines"], lines)
eq("bytes", t["bytes"], nbytes)
eq("tsm_task_lines", c["tsm_task_lines"], int(started) + int(finished))
eq("sum of stage tasks.started", sum(s["tasks"]["started"]
   for a in t["apps"] for s in a["stages"]), started)
for a in t["apps"]:
    for s in a["stages"]:
        m = s["task_ms"]
        if m["count"] != s["tasks"]["succeeded"]:
            bad.append("stage %d.%d task_ms.count" % (s["id"], s["attempt"]))
        if m["count"] and not (m["min"] <= m["p50"] <= m["p90"] <= m["p99"]
                               <= m["max"]):
            bad.append("stage %d.%d percentiles" % (s["id"], s["attempt"]))
ids = {f["id"] for f in t["expected_findings"]}
want = {"skew": {"SKEW"}, "fetch_failure": {"FETCH_FAILURE", "STAGE_RETRY"},
        "task_retry_abort": {"TASK_FAILURES"}, "speculation": {"SPECULATION"},
        "executor_loss": {"EXECUTOR_LOSS"}, "tiny_tasks": {"TINY_TASKS"},
        "warn_only": {"NO_SCHEDULER_LINES"},
        "mixed": {"SKEW", "FETCH_FAILURE", "STAGE_RETRY", "TASK_FAILURES",
                  "SPECULATION", "EXECUTOR_LOSS", "TINY_TASKS"},
        "clean": set(), "skipped_stages": set(), "aqe": set()}.get(scen)
# 3.5 and later log the coalesce target; the generator caps it below the
# advisory size once per application.
if scen == "aqe" and tag.rsplit("/", 1)[-1] in ("3.5", "4.0"):
    want = {"AQE_COALESCE_CAPPED"}
if want is not None and not (want <= ids if want else not ids):
    bad.append("findings %s, want %s" % (sorted(ids), sorted(want)))
if scen == "streaming" and not (
        len(t["apps"][0]["stages"]) == 1002 and
        all(j["stages"] == [3 * j["id"], 3 * j["id"] + 1, 3 * j["id"] + 2]
            for j in t["apps"][0]["jobs"]) and
        all(s["num_tasks"] == 2 for s in t["apps"][0]["stages"]) and
        ("/default/" not in tag or 1500 <= int(nbytes) / 1002 <= 3000)):
    bad.append("streaming: not 334 jobs of 3 stages x 2 tasks, ~2 KB a "
               "stage (%d bytes)" % int(nbytes))
if scen == "short_stages" and not (
        len(t["apps"][0]["stages"]) == 100 and
        all(80 <= s["num_tasks"] <= 120 for s in t["apps"][0]["stages"])):
    bad.append("short_stages: not 100 stages of 80-120 tasks")
if scen == "multi_app" and len(t["apps"]) != 2:
    bad.append("multi_app: %d apps" % len(t["apps"]))
if scen == "skipped_stages" and not any(j["skipped_stages"]
        for a in t["apps"] for j in a["jobs"]):
    bad.append("no skipped stage")
if scen == "skipped_stages" and not any(s["status"] == "skipped"
        and s["tasks"]["started"] == 0
        for a in t["apps"] for s in a["stages"]):
    bad.append("no stage record with status skipped")
if scen == "skew":
    s = [s for s in t["apps"][0]["stages"] if s["task_ms"]["count"]
         and s["task_ms"]["max"] >= 20 * s["task_ms"]["p50"]
         and s["task_ms"]["max"] > 60000]
    if not s:
        bad.append("no stage with max >= 20x median and > 60 s")
if scen == "clean":
    for s in t["apps"][0]["stages"]:
        if s["task_ms"]["max"] >= 3 * s["task_ms"]["p50"]:
            bad.append("clean stage %d skewed" % s["id"])
for b in bad:
    print("FAIL %s: %s" % (tag, b))
sys.exit(1 if bad else 0)
EOF
}

for scen in clean skew fetch_failure task_retry_abort speculation \
            executor_loss tiny_tasks skipped_stages aqe multi_app warn_only \
            mixed; do
  for layout in default glue fullclass cdh; do
    check "$scen" "$layout" 3.5
  done
  check "$scen" json 4.0
  check "$scen" default 4.0
done
for scen in streaming short_stages; do
  for layout in default glue json; do
    check "$scen" "$layout" 3.5
  done
  check "$scen" default 1.6
  check "$scen" default 2.4
done
for scen in mixed fetch_failure speculation executor_loss; do
  check "$scen" default 1.6
  check "$scen" default 2.4
  check "$scen" cdh 2.4
done

# Seeds matter: a different seed gives a different log.
"$GEN" --scenario mixed --seed 1 --out "$TMP/s1.log"
"$GEN" --scenario mixed --seed 2 --out "$TMP/s2.log"
cmp -s "$TMP/s1.log" "$TMP/s2.log" && { echo "FAIL: seed ignored"; fail=1; }

# Unknown scenario: usage error.
"$GEN" --scenario nope --out "$TMP/x.log" 2>/dev/null
[ $? -eq 2 ] || { echo "FAIL: bad scenario not exit 2"; fail=1; }

# Bench workload shape at 10 MiB.
"$GEN" --scenario bench --target-bytes 10M --seed 3 --out "$TMP/bench.log" \
  --truth "$TMP/bench.json" 2>"$TMP/bench.err" || { echo "FAIL bench"; fail=1; }
python3 - "$TMP/bench.log" "$TMP/bench.json" <<'EOF' || fail=1
import json, re, sys
data = open(sys.argv[1], "rb").read()
t = json.load(open(sys.argv[2]))
target = 10 * 1024 * 1024
lines = data.count(b"\n")
tsm = len(re.findall(rb"(?m)^[0-9/]+ [0-9:]+ INFO TaskSetManager: "
                     rb"(Starting|Finished) task ", data))
avg = len(data) / lines
share = tsm / lines
bad = []
if abs(len(data) - target) > 0.05 * target:
    bad.append("size %d not within 5%% of %d" % (len(data), target))
if share < 0.40:
    bad.append("TSM share %.3f < 0.40" % share)
if not 120 <= avg <= 180:
    bad.append("average line %.1f not in 120..180" % avg)
if tsm != t["counts"]["tsm_task_lines"]:
    bad.append("tsm lines %d, truth %d" % (tsm, t["counts"]["tsm_task_lines"]))
if b"\tat " not in data or b"BlockManagerInfo: Added rdd_" not in data:
    bad.append("no stack traces or storage chatter")
for b in bad:
    print("FAIL bench: " + b)
print("bench: %d bytes, avg %.1f bytes/line, TSM share %.1f%%"
      % (len(data), avg, 100 * share))
sys.exit(1 if bad else 0)
EOF

[ $fail -eq 0 ] && echo "sparkgen selfcheck: ok"
exit $fail
