#!/usr/bin/env bash
# A profile-guided build of sparklog (optional; GCC):
#
#   bench/pgo-build.sh [BUILD]        # default build-pgo
#
# Builds BUILD with -fprofile-generate (cmake -DSLG_PGO=GENERATE), runs that
# binary on a generated 64 MB Spark-default log (plain file on one thread and
# on all, gzip, stdin, text and JSON), then rebuilds the same tree with
# -fprofile-use (-DSLG_PGO=USE). The profile only changes how the code is
# laid out and inlined: the script checks that the rebuilt binary writes the
# same report as the instrumented one on the training log, and .ci/run
# compares it with the plain build on every corpus and testdata file.
# BUILD/sparklog is then the faster binary; bench/run.sh --build BUILD
# measures it.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-pgo}
jobs=$(nproc)

# GCC's profile options (-fprofile-partial-training): CC is gcc whatever
# the caller's environment says (it only matters on a fresh BUILD).
CC=gcc cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DSLG_PGO=GENERATE >/dev/null
cmake --build "$build" -j"$jobs" --target sparklog sparkgen >/dev/null

train=$(mktemp -d)
trap 'rm -rf "$train"' EXIT
"$build/tests/sparkgen" --scenario bench --seed 7 --target-bytes 64M \
  --out "$train/train.log" >/dev/null 2>&1
gzip -1 -c "$train/train.log" >"$train/train.log.gz"

# Only the training runs below count (not the generator's).
find "$build" -name '*.gcda' -delete
sl=$build/sparklog
"$sl" --format json "$train/train.log" >"$train/want.json"
"$sl" --threads 1 --format json "$train/train.log" >/dev/null
"$sl" --format json "$train/train.log.gz" >/dev/null
"$sl" "$train/train.log" >/dev/null
"$sl" --format json <"$train/train.log" >/dev/null
cat "$train/train.log" | "$sl" --format json >/dev/null

cmake -S "$src" -B "$build" -DSLG_PGO=USE >/dev/null
cmake --build "$build" -j"$jobs" --target sparklog sparkgen >/dev/null
if ! "$sl" --format json "$train/train.log" | cmp -s - "$train/want.json"; then
  echo "bench/pgo-build.sh: the profile-guided binary's report differs" >&2
  exit 1
fi
echo "$sl: profile-guided build"
