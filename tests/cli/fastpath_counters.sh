#!/usr/bin/env bash
# label: slow
# Every fast path of the registry (src/util/fastpath.h) is taken in normal
# mode and none in reference mode. On an 8 MB generated bench slice, its
# gzip, the same bytes on stdin and the testdata logs (other layouts, JSON
# lines), read on one thread and on two, each registry row's hits summed
# over the normal runs are > 0, and every row is 0 in each --reference
# run; each reference report is byte-identical to its normal one.
# Needs a build with -DSLG_FASTPATH_COUNTERS=ON: otherwise skipped (77),
# as when the generator is missing.
set -u
sparklog=$1 src=$2 build=$3
gen=$build/tests/sparkgen
if ! "$sparklog" --fastpath-counts /dev/null >/dev/null 2>&1; then
  echo "SKIP: $sparklog counts no fast-path hits (SLG_FASTPATH_COUNTERS=OFF)"
  exit 77
fi
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
command -v gzip >/dev/null || { echo "SKIP: gzip missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen" --scenario bench --target-bytes 8M --out "$tmp/slice.log" >/dev/null
gzip -1 -k "$tmp/slice.log"
files=("$tmp/slice.log" "$tmp/slice.log.gz")
for f in "$src"/testdata/*.log* "$src"/testdata/*.jsonl; do
  [ -f "$f" ] && files+=("$f")
done

# One "name hits" line per row of the registry (SLG_FASTPATH_MAP).
nrows=$(grep -cE '^  X\([A-Z0-9_]+, "' "$src/src/util/fastpath.h")
[ "$nrows" -gt 0 ] || { echo "FAIL: no rows in src/util/fastpath.h"; exit 1; }
fail=0
# run NAME OPTIONS...: the JSON report, its status, and the counts (the
# stderr lines "name hits") of one normal and one --reference run.
run() {
  local name=$1
  shift
  for mode in normal reference; do
    local ref=()
    [ $mode = reference ] && ref=(--reference)
    if [ "${name%%-*}" = stdin ]; then
      "$sparklog" "${ref[@]}" --fastpath-counts -f json "$@" \
        <"$tmp/slice.log" >"$tmp/$name.$mode.json" 2>"$tmp/$name.$mode.err"
    else
      "$sparklog" "${ref[@]}" --fastpath-counts -f json "$@" \
        >"$tmp/$name.$mode.json" 2>"$tmp/$name.$mode.err"
    fi
    echo "status $?" >>"$tmp/$name.$mode.json"
    # The counts are the last lines, one per registry row.
    tail -n "$nrows" "$tmp/$name.$mode.err" |
      grep -E '^[a-z][a-z0-9-]* [0-9]+$' >"$tmp/$name.$mode.counts"
    if [ "$(wc -l <"$tmp/$name.$mode.counts")" -ne "$nrows" ]; then
      echo "FAIL: $name ($mode): not $nrows \"name hits\" lines at the end:"
      tail -n "$nrows" "$tmp/$name.$mode.err"
      fail=1
    fi
  done
  if ! cmp -s "$tmp/$name.normal.json" "$tmp/$name.reference.json"; then
    echo "FAIL: $name: the --reference report differs"
    diff "$tmp/$name.normal.json" "$tmp/$name.reference.json" | head -10
    fail=1
  fi
  while read -r row hits; do
    if [ "$hits" != 0 ]; then
      echo "FAIL: $name: $row taken $hits times in reference mode"; fail=1
    fi
  done <"$tmp/$name.reference.counts"
}

run serial --threads 1 "${files[@]}"
run parallel --threads 2 "${files[@]}"
run stdin --threads 2 -
# Small chunks from a stream: each chunk's fresh histogram meets its
# loggers anew (histogram-recent-loggers; a small file is read whole and
# parsed serially, so files alone no longer show it).
run stdin-chunks --threads 2 --chunk-size 4096 -

# Summed over the normal runs, every row was taken.
rows=0
while read -r row hits; do
  rows=$((rows + 1))
  if [ "$hits" -eq 0 ]; then
    echo "FAIL: $row never taken in normal mode"; fail=1
  else
    echo "ok: $row $hits"
  fi
done < <(cat "$tmp"/*.normal.counts |
         awk '{ if (!($1 in n)) order[++k] = $1; n[$1] += $2 }
              END { for (i = 1; i <= k; i++) print order[i], n[order[i]] }')
[ "$rows" -eq "$nrows" ] || { echo "FAIL: $rows rows counted, $nrows registered"; fail=1; }
[ $fail = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
