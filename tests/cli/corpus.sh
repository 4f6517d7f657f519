#!/usr/bin/env bash
# label: corpus
# Every text log of the corpus (SLG_CORPUS_DIR): accounting identity, records
# recognised, per-logger and per-level counts against an independent oracle.
# Skipped (77) when the corpus is absent.
set -u
for t in python3; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
[ -d "$corpus" ] || { echo "SKIP: $corpus not found"; exit 77; }
exec python3 "$src/tests/cli/corpus_check.py" "$sparklog" "$corpus"
