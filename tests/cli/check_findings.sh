#!/usr/bin/env bash
# label: cli
# Findings equal the generator's ground truth in every layout/version;
# `check` exits 1 / 0 / 3 as documented.
set -u
for t in python3; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2 build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" && python3 "$src/tests/cli/check_findings.py" "$sparklog" "$build/tests/sparkgen" "$tmp"
