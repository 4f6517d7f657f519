#!/usr/bin/env bash
# label: golden
# The time-budget answer keys (tests/keys/time/*.json) against the raw
# corpus logs they were read from: every cited line number and text, the
# budget parts summing to the wall time, message lines being WARN/ERROR
# (tests/keys/time/verify.py). It does not run sparklog. Skipped (77)
# without python3 or without the corpus (SLG_CORPUS_DIR).
set -u
src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
[ -f "$corpus/CATALOG.md" ] || { echo "SKIP: no corpus at $corpus"; exit 77; }
exec python3 "$src/tests/keys/time/verify.py" "$corpus"
