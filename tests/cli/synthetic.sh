#!/usr/bin/env bash
# label: cli
# The job/stage/task hierarchy against the generator's ground truth, for
# every scenario in several layouts and Spark versions.
set -u
for t in python3; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2 build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$src/tests/cli/synthetic_check.py" "$sparklog" "$build/tests/sparkgen" "$tmp"
