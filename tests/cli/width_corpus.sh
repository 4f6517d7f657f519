#!/usr/bin/env bash
# label: corpus
# Text that fits: every log of the corpus (SLG_CORPUS_DIR) through every
# command at --width 80 and 120, and the whole corpus at once (the files
# table): no output line is wider, in display columns measured by Python's
# unicodedata (tests/cli/width_check.py). Skipped (77) when the corpus or
# python3 is absent.
set -u
for t in python3; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
[ -d "$corpus" ] || { echo "SKIP: $corpus not found"; exit 77; }
exec python3 "$src/tests/cli/width_check.py" "$sparklog" "$corpus"
