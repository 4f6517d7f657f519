#!/usr/bin/env bash
# label: corpus
# The parallel path gives byte-identical reports to the single-threaded one
# on every file of ../shared/corpus and testdata/ (plain, gzip, JSON, event
# logs, zips as hostile bytes), with the input forced into at least 9
# chunks (--chunk-size = size / 9) and, separately, into chunks of 700
# bytes (borders inside stack traces, multi-line records, and lines longer
# than a chunk, which take the serial path). Text and JSON, files and stdin,
# mapped and read (--no-mmap).
# Skipped (77) when ../shared is absent.
set -u
sparklog=$1 src=$2
corpus="$src/../shared/corpus"
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
