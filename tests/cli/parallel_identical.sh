#!/usr/bin/env bash
# label: slow
# The parallel path gives byte-identical reports to the single-threaded one
# on every file of the corpus (SLG_CORPUS_DIR) and testdata/ (plain, gzip, JSON, event
# logs, zips as hostile bytes), with the input forced into at least 9
# chunks (--chunk-size = size / 9) and, separately, into chunks of 700
# bytes (borders inside stack traces, multi-line records, and lines longer
# than a chunk, which take the serial path). Text and JSON, files and stdin,
# mapped and read (--no-mmap).
# Skipped (77) when the corpus is absent.
set -u
for t in python3 gzip; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
[ -d "$corpus" ] || { echo "SKIP: $corpus not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail=0 n=0
check() { # name, then the two commands' outputs are compared
  local what=$1
  if ! cmp -s "$tmp/serial" "$tmp/parallel"; then
    echo "FAIL: $what differs from --threads 1:"
    diff "$tmp/serial" "$tmp/parallel" | head -10
    fail=$((fail + 1))
  fi
  n=$((n + 1))
}

while IFS= read -r -d '' f; do
  case $f in */CATALOG.md) continue ;; esac
  size=$(stat -c %s "$f")
  ninth=$((size / 9))
  [ "$ninth" -ge 64 ] || ninth=64
  for chunk in "$ninth" 700; do
    for fmt in json text; do
      "$sparklog" --threads 1 --format "$fmt" --color never "$f" \
        >"$tmp/serial" 2>&1
      echo "exit $?" >>"$tmp/serial"
      "$sparklog" --threads 4 --chunk-size "$chunk" --format "$fmt" \
        --color never "$f" >"$tmp/parallel" 2>&1
      echo "exit $?" >>"$tmp/parallel"
      check "$f (--chunk-size $chunk, $fmt)"
    done
  done
  # Read without mapping (--no-mmap): chunks read by pread, and on one
  # thread read(2), against the mapped windows.
  "$sparklog" --threads 1 --format json "$f" >"$tmp/serial" 2>&1
  echo "exit $?" >>"$tmp/serial"
  "$sparklog" --threads 1 --no-mmap --format json "$f" >"$tmp/parallel" 2>&1
  echo "exit $?" >>"$tmp/parallel"
  check "$f (--threads 1 --no-mmap)"
  "$sparklog" --threads 3 --no-mmap --chunk-size "$ninth" --format json \
    "$f" >"$tmp/parallel" 2>&1
  echo "exit $?" >>"$tmp/parallel"
  check "$f (--no-mmap, --chunk-size $ninth)"
  # stdin: the same reader thread, fed by a pipe.
  "$sparklog" --threads 1 --format json <"$f" >"$tmp/serial" 2>&1
  cat "$f" | "$sparklog" --threads 3 --chunk-size "$ninth" --format json \
    >"$tmp/parallel" 2>&1
  check "$f (stdin, --chunk-size $ninth)"
done < <(find "$corpus" "$src/testdata" -type f -print0 | sort -z)

# Many stages across many chunk borders: 700 stages of 4 tasks, every 7th
# with a failed task, in 4 KiB chunks.
awk 'BEGIN {
  for (s = 0; s < 700; s++) {
    printf "24/03/01 10:%02d:01 INFO DAGScheduler: Submitting ResultStage %d (MapPartitionsRDD[%d] at count at App.scala:%d), which has no missing parents\n", s % 60, s, s, s
    for (i = 0; i < 4; i++) {
      printf "24/03/01 10:%02d:02 INFO TaskSetManager: Starting task %d.0 in stage %d.0 (TID %d) (10.0.0.%d, executor %d, partition %d, PROCESS_LOCAL, 7733 bytes) \n", s % 60, i, s, 4 * s + i, i, i + 1, i
      if (s % 7 == 0 && i == 3)
        printf "24/03/01 10:%02d:03 WARN TaskSetManager: Lost task %d.0 in stage %d.0 (TID %d) (10.0.0.%d executor %d): java.io.IOException: disk\n", s % 60, i, s, 4 * s + i, i, i + 1
      else
        printf "24/03/01 10:%02d:03 INFO TaskSetManager: Finished task %d.0 in stage %d.0 (TID %d) in %d ms on 10.0.0.%d (executor %d) (%d/4)\n", s % 60, i, s, 4 * s + i, 100 + (s * 7919 + i) % 5000, i, i + 1, i + 1
    }
    printf "24/03/01 10:%02d:04 INFO DAGScheduler: ResultStage %d (count at App.scala:%d) finished in 2.000 s\n", s % 60, s, s
  }
}' >"$tmp/stages.log"
for fmt in json text; do
  "$sparklog" --threads 1 --format "$fmt" --color never "$tmp/stages.log" \
    >"$tmp/serial" 2>&1
  "$sparklog" --threads 2 --chunk-size 4096 --format "$fmt" --color never \
    "$tmp/stages.log" >"$tmp/parallel" 2>&1
  check "700 stages ($fmt)"
done
# (and the report does hold them all: 700 attempts, 100 with a failure)
"$sparklog" --threads 2 --format json "$tmp/stages.log" >"$tmp/parallel" 2>&1
got=$(python3 -c 'import json, sys
st = json.load(open(sys.argv[1]))["apps"][0]["stages"]
print(len(st), sum(1 for s in st if s["tasks"]["failed"] == 1))' "$tmp/parallel")
if [ "$got" != "700 100" ]; then
  echo "FAIL: 700 stages: got (attempts, with a failed task) $got"
  fail=$((fail + 1))
fi
n=$((n + 1))

# The check subcommand's verdict and exit code go through the same merge.
f="$corpus/dashaub-pbdp-emr/Shaub_David_HW7.md"
"$sparklog" check --threads 1 --format junit "$f" >"$tmp/serial" 2>&1
echo "exit $?" >>"$tmp/serial"
"$sparklog" check --threads 2 --chunk-size 4096 --format junit "$f" \
  >"$tmp/parallel" 2>&1
echo "exit $?" >>"$tmp/parallel"
check "check $f"

echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
