#!/usr/bin/env bash
# label: golden
# README.md's sample report is the real one: the block between
# <!-- sample:begin --> and <!-- sample:end --> (inside its ``` fence) must
# equal, byte for byte, the first 40 lines of
#   sparklog testdata/spark35-local.log.gz
# as the program prints them for 80 columns (piped, the default width; no
# line is wider, so nothing is folded or trimmed here). A commit that
# changes this output updates README.md:
#   bash tests/cli/readme_sample.sh build/sparklog . --print
# prints the block to paste.
set -u
sparklog=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case $sparklog in /*) ;; *) sparklog=$PWD/$sparklog ;; esac
# Run from the source tree, as the README shows it: the report names the
# file as given, and the sample must not depend on where the tree is.
(cd "$src" && unset COLUMNS && NO_COLOR=1 "$sparklog" \
  testdata/spark35-local.log.gz) \
  >"$tmp/full" 2>"$tmp/err" </dev/null
status=$?
if [ $status != 0 ]; then
  echo "FAIL: sparklog exited $status"; cat "$tmp/err"; exit 1
fi
head -n 40 "$tmp/full" >"$tmp/want"
if [ "${3:-}" = --print ]; then
  cat "$tmp/want"; exit 0
fi
awk '/<!-- sample:end -->/ {on = 0} on && !/^```/ {print}
     /<!-- sample:begin -->/ {on = 1}' "$src/README.md" >"$tmp/got"
[ -s "$tmp/got" ] || { echo "FAIL: no sample block in README.md"; exit 1; }
fail=0
if ! cmp -s "$tmp/want" "$tmp/got"; then
  echo "FAIL: README.md's sample differs from the real output" \
       "(- README, + sparklog):"
  diff -u "$tmp/got" "$tmp/want" | tail -n +3
  fail=1
fi
if awk 'length($0) > 80 {exit 1}' "$tmp/got"; then :; else
  echo "FAIL: a line of README.md's sample is wider than 80 columns"; fail=1
fi
[ $fail = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
