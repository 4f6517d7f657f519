#!/usr/bin/env bash
# label: golden
# sparklog's WARN/ERROR message templates against the time keys
# (tests/keys/time/*.json: messages, message_templates, warn_error_lines)
# with tests/keys/time/compare_messages.py; the gaps known today are
# listed with their reasons in tests/keys/time/known-gaps-messages.txt.
# Skipped (77) without python3 or without the corpus (SLG_CORPUS_DIR).
set -u
sparklog=$1 src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
[ -f "$corpus/CATALOG.md" ] || { echo "SKIP: no corpus at $corpus"; exit 77; }
exec python3 "$src/tests/keys/time/compare_messages.py" "$sparklog" "$corpus"
