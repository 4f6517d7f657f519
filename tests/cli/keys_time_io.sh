#!/usr/bin/env bash
# label: golden
# sparklog's I/O phases (JSON "io_phases") against the `io` field of the
# time keys (tests/keys/time/compare_io.py): the same kinds per
# application, their line counts, first and last lines and stated
# durations, except the gaps listed with a reason in
# tests/keys/time/known-gaps-io.txt. Skipped (77) without python3 or
# without the corpus (SLG_CORPUS_DIR).
set -u
bin=$1
src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
[ -f "$corpus/CATALOG.md" ] || { echo "SKIP: no corpus at $corpus"; exit 77; }
exec python3 "$src/tests/keys/time/compare_io.py" "$bin" "$src" "$corpus"
