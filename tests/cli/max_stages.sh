#!/usr/bin/env bash
# --max-stages / --max-apps, the hostile-input caps (issue 22): a stage
# beyond the cap is analysed when it ends (findings, limits, ranking) and
# only then folded, so the cap hides no failure from `check`, which warns
# STAGES_CAPPED. On sparkgen's "mixed" log (38 stages, the aborted stage
# 17 among the last) with --max-stages 10: check still fails, with the
# same findings as without the cap plus STAGES_CAPPED, the same limits,
# and the line counts of every line; the ndjson stream writes each stage
# attempt once and says STAGES_CAPPED, the same whatever --threads.
. "$(dirname "$0")/hostile_lib.bash"
GEN="$BUILD/tests/sparkgen"
[ -x "$GEN" ] || { echo "skip: $GEN not built"; exit 77; }
"$GEN" --scenario mixed --out "$T/mixed.log" >/dev/null 2>&1 ||
  { echo "FAIL: sparkgen mixed"; exit 1; }
"$GEN" --scenario multi_app --out "$T/multi.log" >/dev/null 2>&1 ||
  { echo "FAIL: sparkgen multi_app"; exit 1; }

# check fails with the cap, and says why it is partial.
run check --max-stages 10 "$T/mixed.log"
if [ "$RC" -eq 1 ] && grep -q "STAGES_CAPPED" "$T/out" &&
   grep -q "TASK_FAILURES .*stage 17.0" "$T/out"; then
  ok "check --max-stages 10 fails on stage 17.0 and warns STAGES_CAPPED"
else
  fail "check --max-stages 10: status $RC, $(grep -c CAPPED "$T/out") CAPPED"
fi

# The JSON reports with and without the cap: findings, limits, counts.
"$BIN" check -f json --max-failed-tasks 1 "$T/mixed.log" >"$T/full.json" 2>/dev/null
"$BIN" check -f json --max-failed-tasks 1 --max-stages 10 "$T/mixed.log" \
  >"$T/capped.json" 2>/dev/null
if python3 - "$T/full.json" "$T/capped.json" <<'EOF'
import json, sys
full, cap = (json.load(open(p)) for p in sys.argv[1:3])
def key(f):
    return (f["id"], f["severity"], f["app"], f["stage"], f["attempt"],
            f["message"])
ff = sorted(key(f) for f in full["findings"])
cf = sorted(key(f) for f in cap["findings"] if f["id"] != "STAGES_CAPPED")
assert ff == cf, (ff, cf)
capped = [f for f in cap["findings"] if f["id"] == "STAGES_CAPPED"]
assert len(capped) == 1 and capped[0]["evidence"]["stages_folded"] > 0
assert any(f["id"] == "TASK_FAILURES" and f["stage"] == 17 and
           f["severity"] == "error" for f in cap["findings"])
assert full["check"] == cap["check"], (full["check"], cap["check"])
for k in ("lines", "records", "continuation_lines", "unrecognized_lines"):
    assert full["input"][k] == cap["input"][k], k
# The verdict's sentence counts STAGES_CAPPED among the warnings.
drop = lambda v: {k: x for k, x in v.items() if k != "text"}
assert drop(full["verdict"]) == drop(cap["verdict"])
# The ranking keeps every folded shuffle stage here (fewer than 1,000);
# a folded stage's shuffle links (made when the input ends) are unknown.
strip = lambda r: {k: v for k, v in r.items()
                   if k not in ("share", "shuffle_write", "shuffle_reads")}
assert [strip(r) for r in full["shuffle_ranking"]] == \
    [strip(r) for r in cap["shuffle_ranking"]]
held = len(cap["apps"][0]["stages"])
assert held < len(full["apps"][0]["stages"]), held
EOF
then
  ok "json: same findings, limits, verdict, ranking and line counts"
else
  fail "json: the capped report differs from the full one"
fi

# ndjson: each stage attempt once; STAGES_CAPPED said; --threads alike.
"$BIN" -f ndjson "$T/mixed.log" >"$T/full.nd"
"$BIN" -f ndjson --max-stages 10 "$T/mixed.log" >"$T/capped.nd"
"$BIN" -f ndjson --max-stages 10 -j2 --chunk-size 4096 "$T/mixed.log" \
  >"$T/capped2.nd"
if python3 - "$T/full.nd" "$T/capped.nd" <<'EOF'
import json, sys
def stages(p):
    objs = [json.loads(l) for l in open(p)]
    return objs, sorted((o["stage"], o.get("attempt")) for o in objs
                        if o["type"] == "stage")
fo, fs = stages(sys.argv[1])
co, cs = stages(sys.argv[2])
assert fs == cs, (fs, cs)
assert len(cs) == len(set(cs))
assert any(o["type"] == "finding" and o["id"] == "STAGES_CAPPED" for o in co)
assert fo[-1]["input"] == co[-1]["input"]
EOF
then
  ok "ndjson: every stage attempt once, STAGES_CAPPED in the stream"
else
  fail "ndjson: stage objects or STAGES_CAPPED wrong under the cap"
fi
if cmp -s "$T/capped.nd" "$T/capped2.nd"; then
  ok "ndjson under the cap: the same with -j2 and small chunks"
else
  fail "ndjson under the cap differs with -j2"
fi

# --max-apps: the second application goes on in the first; said so.
run -f json --max-apps 1 "$T/multi.log"
if python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert len(r["apps"]) == 1, len(r["apps"])
f = [f for f in r["findings"] if f["id"] == "STAGES_CAPPED"]
assert f and f[0]["evidence"]["app_starts_merged"] >= 1, f
' "$T/out"; then
  ok "--max-apps 1: one application, STAGES_CAPPED says so"
else
  fail "--max-apps 1 on two applications"
fi

for bad in 0 -1 x; do
  run --max-stages "$bad" "$T/mixed.log"
  [ "$RC" -eq 2 ] && ok "--max-stages $bad: usage error" ||
    fail "--max-stages $bad: status $RC"
done
finish
