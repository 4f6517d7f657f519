#!/usr/bin/env bash
# label: corpus
# The corpus golden cases (tests/golden-corpus) again in reference mode
# (golden_reference.sh), run as golden_corpus.sh runs them: from a
# directory where their ../shared/corpus paths lead to SLG_CORPUS_DIR.
# Skipped (77) when the corpus is absent.
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
  bash "$src/tests/cli/golden_reference.sh" "$@"
