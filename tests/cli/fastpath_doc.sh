#!/usr/bin/env bash
# label: cli
# docs/performance.md's registry table (the one headed "| registry row |")
# lists exactly the rows of the fast-path registry (SLG_FASTPATH_MAP in
# src/util/fastpath.h): a row added to one and not the other fails here.
set -u
src=$2
reg=$(grep -oE '^  X\([A-Z0-9_]+, "[^"]+"' "$src/src/util/fastpath.h" |
      sed -E 's/.*"([^"]+)"/\1/' | sort)
# The table under the header "| registry row |", to its first blank line.
doc=$(awk '/^\| registry row \|/ { t = 1; next } t && /^$/ { exit } t' \
        "$src/docs/performance.md" |
      grep -oE '^\| `[^`]+` \|' | sed -E 's/^\| `([^`]+)`.*/\1/' | sort)
[ -n "$reg" ] || { echo "FAIL: no rows found in src/util/fastpath.h"; exit 1; }
if [ "$reg" != "$doc" ]; then
  echo "FAIL: docs/performance.md and src/util/fastpath.h list different rows"
  diff <(echo "$reg") <(echo "$doc") | sed 's/^</registry only:/; s/^>/doc only:/'
  echo "0 passed, 1 failed"
  exit 1
fi
echo "$(echo "$reg" | wc -l) rows; 1 passed, 0 failed"
