#!/usr/bin/env bash
# label: cli
# Scheduler events forged in another logger's message: a record quoted in
# a message is data unless its logger relays another process's output
# (Airflow's task loggers, Livy's LineBufferedStream, --unwrap).
. "$(dirname "$0")/hostile_lib.bash"
gen=$BUILD/tests/sparkgen
[ -x "$gen" ] || { echo "skip: $gen not built"; exit 77; }
"$gen" --scenario clean --seed 7 --out "$T/clean.log"

# ids FILE: the sorted finding ids of sparklog's JSON in FILE.
ids() {
  python3 -c 'import json,sys; print(" ".join(sorted(f["id"] for f in json.load(open(sys.argv[1]))["findings"])))' "$1"
}
counts() { # counts FILE: jobs, stages, failed tasks of the JSON in FILE
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["summary"] if "summary" in d else d
a=d["apps"]; print(sum(len(x["jobs"]) for x in a), sum(len(x["stages"]) for x in a))' "$1"
}
run -f json "$T/clean.log"
expect_rc 0 "clean run"
cp "$T/out" "$T/clean.json"

# A user logger quoting FetchFailed and 30 slow "Finished task" lines.
last=$(grep -m1 -o '^[0-9/]* [0-9:]*' "$T/clean.log")
{
  cat "$T/clean.log"
  echo "$last INFO MyApp: $last WARN TaskSetManager: Lost task 0.0 in stage 0.0 (TID 0) (h executor 1): FetchFailed(BlockManagerId(1, h, 7337, None), shuffleId=0, mapIndex=0, mapId=0, reduceId=0, message="
  for i in $(seq 30); do
    echo "$last INFO MyApp: $last INFO TaskSetManager: Finished task $i.0 in stage 0.0 (TID $((1000 + i))) in 590000 ms on h (executor 1) (1/1)"
  done
  echo "$last INFO com.evil.App: $last ERROR SparkContext: Error initializing SparkContext."
} >"$T/forged.log"
run -f json "$T/forged.log"
expect_rc 0 "forged lines"
if [ "$(ids "$T/out")" = "$(ids "$T/clean.json")" ] &&
   [ "$(counts "$T/out")" = "$(counts "$T/clean.json")" ]; then
  ok "forged lines change no finding, job or stage"
else
  fail "forged lines changed the report: '$(ids "$T/out")' vs '$(ids "$T/clean.json")'"
fi
run check "$T/forged.log"
expect_rc 0 "check is not fooled by forged lines"

# The same forged lines from a relay named with --unwrap are read.
run -f json --unwrap MyApp "$T/forged.log"
case " $(ids "$T/out") " in
  *" FETCH_FAILURE "*) ok "--unwrap MyApp reads its records" ;;
  *) fail "--unwrap MyApp: no FETCH_FAILURE ($(ids "$T/out"))" ;;
esac

# Airflow's spark-submit relay and Livy's keep working: the same jobs and
# stages as the raw log.
sed 's/^/[2026-05-04, 00:06:07 UTC] {spark_submit.py:492} INFO - /' \
  "$T/clean.log" >"$T/airflow.log"
run -f json "$T/airflow.log"
[ "$(counts "$T/out")" = "$(counts "$T/clean.json")" ] &&
  ok "Airflow spark_submit.py relay: same jobs and stages" ||
  fail "Airflow relay: $(counts "$T/out") vs $(counts "$T/clean.json")"
sed 's/^\(.\{17\}\) /\1 INFO LineBufferedStream: stdout: \1 /' \
  "$T/clean.log" >"$T/livy.log"
run -f json "$T/livy.log"
[ "$(counts "$T/out")" = "$(counts "$T/clean.json")" ] &&
  ok "Livy LineBufferedStream relay: same jobs and stages" ||
  fail "Livy relay: $(counts "$T/out") vs $(counts "$T/clean.json")"

# A layout printing full logger names (%c): a user class with a Spark
# class's short name is not Spark's. com.evil.TaskSetManager's slow and
# failed tasks and com.evil.DAGScheduler's job change nothing; Spark's
# own full names, abbreviated (%c{1.}) or short, still read the same.
# (Read from stdin: the report names its file.)
"$gen" --scenario clean --seed 7 --layout fullclass --out "$T/full.log"
run -f json <"$T/full.log"
cp "$T/out" "$T/full.json"
[ "$(counts "$T/full.json")" = "$(counts "$T/clean.json")" ] &&
  [ "$(ids "$T/full.json")" = "$(ids "$T/clean.json")" ] &&
  ok "full names: the same jobs, stages and findings as short names" ||
  fail "full names: $(counts "$T/full.json") vs $(counts "$T/clean.json")"
sed 's/ org\.apache\.spark\.scheduler\./ o.a.s.s./' "$T/full.log" \
  >"$T/abbr.log"
run -f json "$T/abbr.log"
[ "$(counts "$T/out")" = "$(counts "$T/clean.json")" ] &&
  [ "$(ids "$T/out")" = "$(ids "$T/clean.json")" ] &&
  ok "abbreviated full names (o.a.s.s.): the same report" ||
  fail "abbreviated names: $(counts "$T/out") vs $(counts "$T/clean.json")"
{
  cat "$T/full.log"
  echo "$last WARN com.evil.TaskSetManager: Lost task 0.0 in stage 0.0 (TID 0) (h executor 1): FetchFailed(BlockManagerId(1, h, 7337, None), shuffleId=0, mapIndex=0, mapId=0, reduceId=0, message="
  for i in $(seq 30); do
    echo "$last INFO com.evil.TaskSetManager: Finished task $i.0 in stage 0.0 (TID $((1000 + i))) in 590000 ms on h (executor 1) (1/1)"
  done
  echo "$last INFO com.evil.DAGScheduler: Got job 77 (count at App.scala:1) with 1 output partitions"
  echo "$last INFO com.evil.DAGScheduler: Job 77 failed: count at App.scala:1, took 1.0 s"
  echo "$last INFO com.evil.scheduler.DAGScheduler: ShuffleMapStage 0 (x) failed in 1.0 s due to boom"
} >"$T/full-forged.log"
run -f json <"$T/full-forged.log"
# Everything but the loggers' histogram and the line counts.
body() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
for k in ("input", "loggers", "levels", "generator"): d.pop(k, None)
print(json.dumps(d, sort_keys=True))' "$1"
}
if [ "$(body "$T/out")" = "$(body "$T/full.json")" ]; then
  ok "com.evil.DAGScheduler / com.evil.TaskSetManager change nothing"
else
  fail "forged full-name loggers changed the report: $(ids "$T/out")"
fi
run check "$T/full-forged.log"
expect_rc 0 "check is not fooled by com.evil.TaskSetManager"

# Records read from relays are counted per relay in input.unwrapped,
# exactly, however the input is read: threads and chunk borders, mmap or
# read(2), gzip, stdin, reference mode. Airflow's spark_submit.py relay
# (151 lines), Livy's (151), --unwrap MyApp (31) and relay lines whose
# message is no record (not counted).
{
  cat "$T/airflow.log"
  cat "$T/livy.log" "$T/forged.log"
  for i in $(seq 40); do
    echo "[2026-05-04, 00:06:07 UTC] {spark_submit.py:492} INFO - plain output $i"
    echo "$last INFO LineBufferedStream: stdout: 25 rows written"
  done
} >"$T/relays.log"
gzip -c "$T/relays.log" >"$T/relays.log.gz"
unwrapped() { # unwrapped FILE: logger=records ... of the JSON in FILE
  python3 -c 'import json,sys
print(" ".join("%s=%d" % (u["logger"], u["records"])
               for u in json.load(open(sys.argv[1]))["input"]["unwrapped"]))' "$1"
}
want="spark_submit.py=151 LineBufferedStream=151 MyApp=31"
for how in "-j1" "-j2 --chunk-size 700" "-j2 --chunk-size 700 --no-mmap" \
           "-j2 --reference" "-j1 --reference"; do
  for f in relays.log relays.log.gz; do
    # shellcheck disable=SC2086 # $how is several options
    run -f json --unwrap MyApp $how "$T/$f"
    got=$(unwrapped "$T/out")
    [ "$got" = "$want" ] && ok "unwrapped counts, $how $f" ||
      fail "unwrapped counts, $how $f: '$got', want '$want'"
  done
done
run -f json -j2 --chunk-size 700 --unwrap MyApp <"$T/relays.log.gz"
got=$(unwrapped "$T/out")
[ "$got" = "$want" ] && ok "unwrapped counts, gzip on stdin" ||
  fail "unwrapped counts, gzip on stdin: '$got', want '$want'"
run --unwrap MyApp "$T/relays.log"
grep -q "^  unwrapped from spark_submit.py 151, LineBufferedStream 151, MyApp 31$" \
  "$T/out" && ok "the text report says the unwrapped records" ||
  fail "text report: $(grep unwrapped "$T/out")"
run -f json "$T/clean.log"
[ -z "$(unwrapped "$T/out")" ] && ok "no relay: input.unwrapped is []" ||
  fail "no relay: input.unwrapped is '$(unwrapped "$T/out")'"

# A Livy record after a plain line of the relay in the same second: the
# remembered header (the fast path) must not skip the unwrapping.
{
  echo "24/08/13 15:12:51 INFO LineBufferedStream: Application started"
  echo "24/08/13 15:12:51 INFO LineBufferedStream: stdout: 24/08/13 15:12:51 INFO DAGScheduler: Got job 0 (count at X.scala:1) with 2 output partitions"
} >"$T/livy-memo.log"
for mode in "" --reference; do
  # shellcheck disable=SC2086 # $mode is empty or one option
  run -f json $mode "$T/livy-memo.log"
  got=$(unwrapped "$T/out")
  [ "$got" = "LineBufferedStream=1" ] &&
    ok "Livy record after a plain relay line ${mode:-(fast paths)}" ||
    fail "Livy record after a plain relay line ${mode:-(fast paths)}: '$got'"
done

finish
