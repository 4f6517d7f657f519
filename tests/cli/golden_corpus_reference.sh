#!/usr/bin/env bash
# label: corpus
# The corpus golden cases (tests/golden-corpus) again in reference mode
# (golden_reference.sh). Skipped (77) when ../shared is absent.
set -u
src=$2
[ -d "$src/../shared/corpus" ] || { echo "SKIP: ../shared/corpus not found"; exit 77; }
SLG_GOLDEN_DIR=tests/golden-corpus exec bash "$src/tests/cli/golden_reference.sh" "$@"
