#!/usr/bin/env bash
# label: golden
# sparklog's time_budget (JSON) against the time keys (tests/keys/time,
# written from the raw lines): wall, budget parts, gap, period and
# pending counts per application; the gaps must equal
# tests/keys/time/known-gaps-budget.txt (compare_budget.py says how).
# Skipped (77) without python3 or without the corpus (SLG_CORPUS_DIR).
set -u
sparklog=$1 src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
[ -f "$corpus/CATALOG.md" ] || { echo "SKIP: no corpus at $corpus"; exit 77; }
exec python3 "$src/tests/keys/time/compare_budget.py" "$sparklog" "$src" \
  "$corpus"
