#!/usr/bin/env bash
# label: slow
# The benchmark script end to end on a 10 MB workload: it generates the
# log and its gzip twin, runs every command once and checks the report's
# accounting. No timing is asserted (that is the benchmark's job, not CI's).
set -eu
src=$2 build=$3
for t in gzip igzip mawk python3; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
bash bench/run.sh --smoke --dir "$tmp" --build "$build" | tee "$tmp/out.md"
grep -q '^| sparklog (file) |' "$tmp/out.md"
grep -q '^smoke: report ok' "$tmp/out.md"
