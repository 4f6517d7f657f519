#!/usr/bin/env bash
# label: corpus
# Golden reports on real corpus logs with shuffles (TeraSort on a
# standalone cluster, EMR/YARN with dynamic allocation): the ranking and
# findings are pinned, reviewed as a Spark engineer would read them.
# The cases name their logs ../shared/corpus/..., as the reports print
# them; they run from a directory where that path leads to SLG_CORPUS_DIR.
# Skipped (77) when the corpus is absent. SLG_GOLDEN_RUNNER names the
# runner in tests/cli (golden.sh; golden_corpus_reference.sh passes
# golden_reference.sh).
set -u
src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
[ -d "$corpus" ] || { echo "SKIP: $corpus not found"; exit 77; }
corpus=$(cd "$corpus" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/shared" "$tmp/run"
ln -s "$corpus" "$tmp/shared/corpus"
SLG_GOLDEN_DIR=tests/golden-corpus SLG_GOLDEN_RUN_DIR=$tmp/run \
  bash "$src/tests/cli/${SLG_GOLDEN_RUNNER:-golden.sh}" "$@"
