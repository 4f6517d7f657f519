#!/usr/bin/env bash
# label: corpus
# Every text log of ../shared/corpus: accounting identity, records
# recognised, per-logger and per-level counts against an independent oracle.
# Skipped (77) when ../shared is absent.
set -u
sparklog=$1 src=$2
corpus="$src/../shared/corpus"
[ -d "$corpus" ] || { echo "SKIP: $corpus not found"; exit 77; }
exec python3 "$src/tests/cli/corpus_check.py" "$sparklog" "$corpus"
