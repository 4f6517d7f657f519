#!/usr/bin/env bash
# label: corpus
# Golden reports on real corpus logs with shuffles (TeraSort on a
# standalone cluster, EMR/YARN with dynamic allocation): the ranking and
# findings are pinned, reviewed as a Spark engineer would read them.
# Skipped (77) when ../shared is absent.
set -u
src=$2
[ -d "$src/../shared/corpus" ] || { echo "SKIP: ../shared/corpus not found"; exit 77; }
SLG_GOLDEN_DIR=tests/golden-corpus exec bash "$src/tests/cli/golden.sh" "$@"
