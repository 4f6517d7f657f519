#!/usr/bin/env bash
# label: corpus
# Jobs, stage attempts and task counts on every corpus log with scheduler
# lines, against pinned figures re-counted with grep. Skipped (77) when
# the corpus (SLG_CORPUS_DIR) is absent.
set -u
for t in python3; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
[ -d "$corpus" ] || { echo "SKIP: $corpus not found"; exit 77; }
exec python3 "$src/tests/cli/corpus_hierarchy.py" "$sparklog" "$corpus"
