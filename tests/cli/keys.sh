#!/usr/bin/env bash
# label: golden
# sparklog against the answer keys (tests/keys/*.json, written from the
# raw lines): every field a key states is compared with sparklog's JSON
# report and its `check` exit status; tests/keys/known-gaps.txt lists the
# gaps known today and must match exactly (tests/keys/compare.py says
# how). Corpus keys are compared when SLG_CORPUS_DIR holds the corpus.
# Skipped (77) without python3.
set -u
sparklog=$1 src=$2
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
exec python3 "$src/tests/keys/compare.py" "$sparklog" "$src" \
  "${SLG_CORPUS_DIR:-$src/../shared/corpus}"
