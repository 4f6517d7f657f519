#!/usr/bin/env bash
# label: golden
# The JSON output validates against docs/sparklog-2.schema.json (draft
# 2020-12): every testdata log, every corpus log (SLG_CORPUS_DIR; none
# when it is absent), stdin, an empty input, a damaged
# gzip, and `check` with and without --max-* limits. The schema must also
# reject a document with a required key removed, a wrong type and an
# unknown key, so that it stays strict. Skipped (77) without python3 or
# its jsonschema module (Debian: python3-jsonschema).
set -u
sparklog=$1 src=$2 build=${3:-}
schema=$src/docs/sparklog-2.schema.json
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
python3 -c 'import jsonschema' 2>/dev/null ||
  { echo "SKIP: python3 jsonschema not found (python3-jsonschema)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One JSON document per case, its name in a list: NAME<TAB>PATH.
n=0
run() { # name, then the sparklog arguments
  local name=$1; shift
  n=$((n + 1))
  NO_COLOR=1 "$sparklog" "$@" >"$tmp/$n.json" 2>/dev/null </dev/null
  printf '%s\t%s\n' "$name" "$tmp/$n.json" >>"$tmp/list"
}
: >"$tmp/list"
for f in "$src"/testdata/*; do
  case $f in *.md) continue ;; esac
  [ -f "$f" ] || continue
  run "${f#"$src"/}" -f json "$f"
done
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
for f in "$corpus"/*/*; do
  case $f in *.md) continue ;; esac
  [ -f "$f" ] || continue
  run "corpus/${f#"$corpus"/}" -f json "$f"
done
# Generated logs of every scenario (failures, retries, AQE, several apps),
# when the build's generator is there.
gen=$build/tests/sparkgen
if [ -x "$gen" ]; then
  for sc in clean skew fetch_failure task_retry_abort speculation \
            executor_loss tiny_tasks skipped_stages aqe multi_app warn_only \
            mixed; do
    "$gen" --scenario $sc --seed 3 --out "$tmp/$sc.log" >/dev/null 2>&1 &&
      run "sparkgen $sc" -f json "$tmp/$sc.log"
  done
  "$gen" --scenario mixed --seed 5 --layout json --out "$tmp/json.log" \
    >/dev/null 2>&1 && run "sparkgen mixed, JSON layout" -f json "$tmp/json.log"
fi
run "check testdata/small-job.log" check -f json "$src/testdata/small-job.log"
run "check with every limit" check -f json --max-shuffle-stages 1 \
  --max-stage-task-time 1s --max-skew 1.5 --max-failed-tasks 0 \
  --max-stage-retries 0 --max-fetch-failures 0 --max-lost-executors 0 \
  --max-app-duration 1s --max-map-status-size 1KiB --fail-on info \
  "$src/testdata/spark35-local.log.gz"
run "check warn-only (no scheduler lines)" check -f json \
  "$src/testdata/warn-only.log"
run "a directory (recursive, several files)" -f json "$src/testdata"
run "two files" jobs -f json "$src/testdata/small-job.log" \
  "$src/testdata/spark35-truncated.log.gz"
run "missing file" -f json "$tmp/no-such-file.log"
# Records read from relays (input.unwrapped not empty).
sed 's/^/[2026-05-04, 00:06:07 UTC] {spark_submit.py:492} INFO - /' \
  "$src/testdata/small-job.log" >"$tmp/airflow.log"
run "Airflow relay, --unwrap" -f json --unwrap MyApp "$tmp/airflow.log"
run "empty input" -f json /dev/null
n=$((n + 1))
NO_COLOR=1 "$sparklog" -f json - <"$src/testdata/small-job.log" \
  >"$tmp/$n.json" 2>/dev/null
printf '%s\t%s\n' "stdin" "$tmp/$n.json" >>"$tmp/list"

exec python3 - "$schema" "$tmp/list" <<'EOF'
import copy, json, sys
import jsonschema

schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)
passed = failed = 0
docs = []
for row in open(sys.argv[2]):
    name, path = row.rstrip("\n").split("\t")
    try:
        doc = json.load(open(path))
    except ValueError as e:
        print(f"FAIL {name}: not JSON: {e}")
        failed += 1
        continue
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        failed += 1
        print(f"FAIL {name}: {len(errors)} schema error(s)")
        for e in errors[:5]:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            print(f"  at {where}: {e.message[:200]}")
    else:
        passed += 1
        docs.append((name, doc))

# The schema must catch a missing key, a wrong type and an unknown key.
def mutants(doc):
    d = copy.deepcopy(doc); del d["input"]["lines"]
    yield "input.lines removed", d
    d = copy.deepcopy(doc); d["input"]["lines"] = str(d["input"]["lines"])
    yield "input.lines as a string", d
    d = copy.deepcopy(doc); d["input"]["surprise"] = 1
    yield "unknown key in input", d
    d = copy.deepcopy(doc); d["levels"]["INFO"] = -1
    yield "negative count", d
    if doc["apps"] and doc["apps"][0]["stages"]:
        d = copy.deepcopy(doc); d["apps"][0]["stages"][0]["status"] = "done"
        yield "unknown stage status", d
        d = copy.deepcopy(doc); del d["apps"][0]["stages"][0]["task_ms"]
        yield "stage task_ms removed", d
    if doc["findings"]:
        d = copy.deepcopy(doc); d["findings"][0]["app"] = "1"
        yield "finding app as a string", d

rich = [d for _, d in docs if d["apps"] and d["apps"][0]["stages"]
        and d["findings"]]
for doc in rich[:1]:
    for what, bad in mutants(doc):
        if validator.is_valid(bad):
            print(f"FAIL schema too loose: accepts {what}")
            failed += 1
        else:
            passed += 1
if not rich:
    print("FAIL no document with apps, stages and findings to mutate")
    failed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
EOF
