#!/usr/bin/env bash
# --format ndjson (docs/ndjson-schema.md): the stream checked against its
# schema and the full JSON report (tests/cli/ndjson_check.py) on testdata,
# the golden inputs and generated logs (sparkgen: multi-application,
# skipped stages, streaming, failures); byte-identical whatever --threads
# (with small chunks: many borders) and with --reference; -o ndjson=PATH
# writes the same stream as stdout; the batch report is unchanged by it.
set -u
for t in python3 cmp; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2 build=$3
gen=$build/tests/sparkgen
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

for sc in clean multi_app skipped_stages fetch_failure task_retry_abort \
          executor_loss streaming; do
  "$gen" --scenario "$sc" --seed 7 --target-bytes 300K \
    --out "$tmp/$sc.log" >/dev/null 2>&1 ||
    { echo "FAIL: sparkgen $sc"; fail=1; }
done
"$gen" --scenario streaming --seed 3 --jobs 400 --out "$tmp/stream.log" \
  >/dev/null 2>&1 || { echo "FAIL: sparkgen streaming"; fail=1; }
inputs=("$src"/testdata/small-job.log "$src"/testdata/spark35-local.log.gz
        "$src"/testdata/crlf-no-final-newline.log "$src"/testdata/warn-only.log
        "$tmp"/*.log)

python3 "$src/tests/cli/ndjson_check.py" "$sparklog" --strict --totals \
  "$src"/testdata/small-job.log "$src"/testdata/spark35-local.log.gz || fail=1
python3 "$src/tests/cli/ndjson_check.py" "$sparklog" --totals \
  "${inputs[@]}" || fail=1
# Several files in one stream: each object's file places it.
python3 "$src/tests/cli/ndjson_check.py" "$sparklog" --totals \
  "$tmp/multi_app.log" || fail=1

n=0
for f in "${inputs[@]}"; do
  size=$(stat -c %s "$f")
  chunk=$((size / 7)); [ "$chunk" -ge 4096 ] || chunk=4096
  "$sparklog" -j 1 -f ndjson "$f" >"$tmp/j1" 2>/dev/null
  for args in "-j 2 --chunk-size $chunk" "-j 4 --chunk-size $chunk" \
              "-j 4" "--reference"; do
    # shellcheck disable=SC2086
    "$sparklog" $args -f ndjson "$f" >"$tmp/jn" 2>/dev/null
    if ! cmp -s "$tmp/j1" "$tmp/jn"; then
      echo "FAIL: $f: ndjson with $args differs from -j 1"
      diff "$tmp/j1" "$tmp/jn" | head -5
      fail=1
    fi
    # And read from a pipe (the stream's reader thread).
    # shellcheck disable=SC2086
    "$sparklog" $args -f ndjson <"$f" >"$tmp/jp" 2>/dev/null
    "$sparklog" -j 1 -f ndjson <"$f" >"$tmp/j1p" 2>/dev/null
    if ! cmp -s "$tmp/j1p" "$tmp/jp"; then
      echo "FAIL: $f on stdin: ndjson with $args differs from -j 1"
      fail=1
    fi
    n=$((n + 1))
  done
done

# -o ndjson=PATH: the same bytes as stdout, beside another format.
f=$tmp/multi_app.log
"$sparklog" -f ndjson "$f" >"$tmp/a" 2>/dev/null
"$sparklog" -f json -o ndjson="$tmp/b" "$f" >"$tmp/json" 2>/dev/null
"$sparklog" -f json "$f" >"$tmp/json0" 2>/dev/null
cmp -s "$tmp/a" "$tmp/b" || { echo "FAIL: -o ndjson=PATH differs"; fail=1; }
cmp -s "$tmp/json" "$tmp/json0" ||
  { echo "FAIL: -f json changed by -o ndjson"; fail=1; }
# check's stream carries the check in its summary.
"$sparklog" check --no-config -f ndjson "$f" >"$tmp/c" 2>/dev/null
tail -n 1 "$tmp/c" | grep -q '"check":{"fail_on"' ||
  { echo "FAIL: check -f ndjson: no check in the summary"; fail=1; }
echo "$n thread/reference comparisons"
exit $fail
