#!/usr/bin/env bash
# Compares two sparklog binaries' outputs byte for byte: every testdata and
# corpus log x every command x every format, plus a generated slice of
# SIZE (default 64M) and its gzip. For refactorings that must not change
# output. Usage: bench/identical.sh OLD NEW [SIZE] [SPARKGEN]
# Exits 1 and names each difference; prints "N identical, M differ".
set -u
old=$1 new=$2 size=${3:-64M}
gen=${4:-build/tests/sparkgen}
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
files=()
for f in "$top"/testdata/*.log* "$top"/testdata/*.jsonl \
         "$top"/testdata/fixtures/*.log \
         "$top"/../shared/corpus/*/*; do
  [ -f "$f" ] || continue
  case "$f" in *.md) [ "$(basename "$f")" = CATALOG.md ] && continue ;; esac
  files+=("$f")
done
if [ -x "$gen" ] && [ "$size" != 0 ]; then
  "$gen" --scenario bench --target-bytes "$size" --out "$tmp/slice.log" \
    >/dev/null
  gzip -1 -k "$tmp/slice.log"
  files+=("$tmp/slice.log" "$tmp/slice.log.gz")
fi
same=0 differ=0
run() { "$1" "${@:2}" 2>&1; echo "rc=$?"; }
for f in "${files[@]}"; do
  for cmd in report loggers jobs stages shuffles check; do
    for fmt in text json markdown junit github; do
      a=$(run "$old" "$cmd" -f "$fmt" --color never "$f")
      b=$(run "$new" "$cmd" -f "$fmt" --color never "$f")
      if [ "$a" = "$b" ]; then
        same=$((same + 1))
      else
        differ=$((differ + 1))
        echo "differs: $cmd -f $fmt $f"
      fi
    done
  done
done
echo "$same identical, $differ differ"
[ "$differ" -eq 0 ]
