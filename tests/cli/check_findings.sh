#!/usr/bin/env bash
# label: cli
# Findings equal the generator's ground truth in every layout/version;
# `check` exits 1 / 0 / 3 as documented.
set -u
sparklog=$1 src=$2 build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" && python3 "$src/tests/cli/check_findings.py" "$sparklog" "$build/tests/sparkgen" "$tmp"
