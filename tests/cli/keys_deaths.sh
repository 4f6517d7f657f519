#!/usr/bin/env bash
# label: cli
# Executor deaths (class, executor, line, evidence) and benign removals
# of every fixture and testdata log equal their answer keys
# (tests/keys/); every healthy fixture, idle removals and all, passes
# `check --fail-on warning`. The corpus keys run with the corpus label
# (keys_deaths.py SPARKLOG SRC CORPUS by hand).
set -u
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 77; }
sparklog=$1 src=$2
fail=0
python3 "$src/tests/cli/keys_deaths.py" "$sparklog" "$src" /nonexistent || fail=1
for f in "$src"/testdata/fixtures/healthy-*.log; do
  if ! "$sparklog" check --fail-on warning "$f" >/dev/null 2>&1; then
    echo "FAIL: check --fail-on warning $f"
    fail=1
  fi
done
exit $fail
