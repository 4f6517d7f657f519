#!/usr/bin/env bash
# label: cli
# The shuffle ranking's task-time sums and order against independent awk
# sums of "Finished task ... in stage S.A ... in N ms" per stage attempt,
# on a real single-app log (testdata, Spark 3.5) and a generated one.
set -u
for t in python3 zcat; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2 build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/tests/sparkgen" --scenario mixed --seed 7 --out "$tmp/mixed.log"
zcat "$src/testdata/spark35-local.log.gz" > "$tmp/sample.log"
fail=0 pass=0
for log in "$tmp/mixed.log" "$tmp/sample.log"; do
  awk '/TaskSetManager: Finished task/ {
         for (i = 1; i <= NF; i++) {
           if ($i == "stage") st = $(i + 1)
           if ($i == "ms" && $(i - 2) == "in") ms = $(i - 1)
         }
         sum[st] += ms
       }
       END { for (s in sum) print s, sum[s] }' "$log" | sort > "$tmp/awk.txt"
  "$sparklog" --format json "$log" | python3 -c '
import json, sys
d = json.load(sys.stdin)
awk = dict(l.split() for l in open(sys.argv[1]))
r = d["shuffle_ranking"]
assert r, "no ranking"
for e in r:
    key = "%d.%d" % (e["stage"], e["attempt"])
    want = int(awk.get(key, 0))
    assert e["task_ms_sum"] == want, (key, e["task_ms_sum"], want)
sums = [e["task_ms_sum"] for e in r]
assert sums == sorted(sums, reverse=True), "not ranked by task time"
assert [e["rank"] for e in r] == list(range(1, len(r) + 1))
total = d["apps"][0]["total_task_ms"]
assert total == sum(int(v) for v in awk.values()), (total, sum(int(v) for v in awk.values()))
for e in r:
    assert abs(e["share"] - e["task_ms_sum"] / total) < 1e-4
print("ranking ok:", len(r), "shuffle stages")
' "$tmp/awk.txt" && pass=$((pass + 1)) || { echo "FAIL: $log"; fail=$((fail + 1)); }
done
# Several files and applications: one ranking over all of them, costliest
# first, each row naming its application (apps[].seq) and file; stages[]
# of every application by id, then attempt.
"$build/tests/sparkgen" --scenario multi_app --seed 7 --out "$tmp/multi.log"
"$sparklog" --format json "$tmp/multi.log" "$tmp/mixed.log" "$tmp/sample.log" |
  python3 -c '
import json, sys
d = json.load(sys.stdin)
r = d["shuffle_ranking"]
seqs = [a["seq"] for a in d["apps"]]
assert seqs == list(range(1, len(seqs) + 1)), seqs
assert len({e["app"] for e in r}) >= 3, "ranking not over several apps"
sums = [e["task_ms_sum"] for e in r]
assert sums == sorted(sums, reverse=True), "not one global ranking"
assert [e["rank"] for e in r] == list(range(1, len(r) + 1))
files = {a["seq"]: a["file"] for a in d["apps"]}
for e in r:
    assert e["file"] == files[e["app"]], e
for a in d["apps"]:
    ids = [(s["id"], s["attempt"]) for s in a["stages"]]
    assert ids == sorted(ids), ("stages not by id", a["seq"], ids)
for f in d["findings"]:
    assert f["app"] is None or f["app"] in files, f
print("global ranking ok:", len(r), "stages of", len(seqs), "apps")
' && pass=$((pass + 1)) || { echo "FAIL: global ranking"; fail=$((fail + 1)); }
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
