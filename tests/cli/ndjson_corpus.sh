#!/usr/bin/env bash
# label: corpus
# --format ndjson on every file of the corpus (SLG_CORPUS_DIR): the schema
# and the counts against the full JSON report (ndjson_check.py), and the
# stream byte-identical with --threads 1, 2 (small chunks), 4 and
# --reference. Skipped (77) when the corpus is absent.
set -u
for t in python3 cmp; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
[ -d "$corpus" ] || { echo "SKIP: $corpus not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=()
while IFS= read -r -d '' f; do
  case $f in */CATALOG.md) continue ;; esac
  files+=("$f")
done < <(find "$corpus" -type f -print0 | sort -z)
fail=0
python3 "$src/tests/cli/ndjson_check.py" "$sparklog" "${files[@]}" || fail=1
for f in "${files[@]}"; do
  size=$(stat -c %s "$f")
  chunk=$((size / 9)); [ "$chunk" -ge 4096 ] || chunk=4096
  "$sparklog" -j 1 -f ndjson "$f" >"$tmp/j1" 2>/dev/null
  for args in "-j 2 --chunk-size $chunk" "-j 4" "--reference"; do
    # shellcheck disable=SC2086
    "$sparklog" $args -f ndjson "$f" >"$tmp/jn" 2>/dev/null
    cmp -s "$tmp/j1" "$tmp/jn" ||
      { echo "FAIL: $f: ndjson with $args differs from -j 1"; fail=1; }
  done
done
exit $fail
