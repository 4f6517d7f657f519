#!/usr/bin/env bash
# label: golden
# sparklog's "engine" objects (AQE lines, PythonRunner timings,
# Structured Streaming and DStreams batches) against the time keys
# (tests/keys/time/*.json, written from the raw lines):
# tests/keys/time/compare_engine.py says what is compared;
# tests/keys/time/engine-known-gaps.txt lists the gaps known today with
# why, and must match exactly. Skipped (77) without python3 or without the
# corpus (SLG_CORPUS_DIR).
set -u
sparklog=$1 src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
[ -f "$corpus/CATALOG.md" ] || { echo "SKIP: no corpus at $corpus"; exit 77; }
exec python3 "$src/tests/keys/time/compare_engine.py" "$sparklog" "$src" \
  "$corpus"
