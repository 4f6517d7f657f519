#!/usr/bin/env bash
# label: corpus
# Jobs, stage attempts and task counts on every corpus log with scheduler
# lines, against pinned figures re-counted with grep. Skipped (77) when
# ../shared is absent.
set -u
sparklog=$1 src=$2
corpus="$src/../shared/corpus"
[ -d "$corpus" ] || { echo "SKIP: $corpus not found"; exit 77; }
exec python3 "$src/tests/cli/corpus_hierarchy.py" "$sparklog" "$corpus"
