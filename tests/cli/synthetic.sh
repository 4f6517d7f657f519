#!/usr/bin/env bash
# label: cli
# The job/stage/task hierarchy against the generator's ground truth, for
# every scenario in several layouts and Spark versions.
set -u
sparklog=$1 src=$2 build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$src/tests/cli/synthetic_check.py" "$sparklog" "$build/tests/sparkgen" "$tmp"
