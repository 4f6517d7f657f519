#!/usr/bin/env bash
# label: slow
# The benchmark scripts end to end at tiny sizes: run.sh --smoke generates
# a 10 MB log and its gzip twin, runs every command once and checks the
# report's accounting, then runs scale.sh --smoke (streaming-app and
# short-stage shapes, many files); the streaming shape is run piped from
# the generator once more. No timing is asserted (that is the benchmark's
# job, not CI's); every table and target row must be there.
set -euo pipefail
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
# scale.sh: one row per stage count and format, every target printed.
for n in 100 300 1k; do
  grep -q "^| $n | [0-9.]* | text |" "$tmp/out.md"
  grep -q "^| $n | [0-9.]* | json |" "$tmp/out.md"
done
grep -q '^| streaming text: time(1k) / time(300) |' "$tmp/out.md"
grep -q '^| streaming text: (RSS(1k) - RSS(300)) / stage attempts, KiB |' "$tmp/out.md"
if "$build/sparklog" --help | grep -q ndjson; then
  grep -q '^| streaming ndjson: peak RSS MiB at 1k stages |' "$tmp/out.md"
fi
grep -q '^| short stages: (sparklog / wc -l) / the benchmark log.s |' "$tmp/out.md"
grep -q '^| short stages: -j1 / -j2 |' "$tmp/out.md"
grep -q '^| short stages: default report peak RSS MiB |' "$tmp/out.md"
for n in 1 3 10 30; do
  grep -q "^| $n | [0-9.]* | [0-9.]* | [0-9.]* | [0-9.]* |" "$tmp/out.md"
done
grep -q '^| per-file cost, us (30 files of 14K) |' "$tmp/out.md"
grep -q '^| 3 files of 64K / their concatenation |' "$tmp/out.md"
grep -q '^smoke: streaming 102 stage attempts' "$tmp/out.md"
grep -q '^smoke: files 30 apps' "$tmp/out.md"
# Piped from the generator: the generator is timed alone beside each size.
bash bench/scale.sh --smoke --pipe --parts streaming --dir "$tmp" \
  --build "$build" | tee "$tmp/pipe.md"
grep -q '^| 1k | [0-9.]* | generator alone |' "$tmp/pipe.md"
grep -q '^| streaming json: time(1k) / time(300) |' "$tmp/pipe.md"
