#!/usr/bin/env bash
# label: golden
# Golden CLI tests. Each case tests/golden/NAME.args holds the arguments
# (shell words, run from the source directory); NAME.out is the expected
# stdout and NAME.status the expected exit status. Stderr must match
# NAME.err when that file exists.
# Update mode (review the diff before committing!):
#   SLG_UPDATE_GOLDEN=1 bash tests/cli/golden.sh build/sparklog . build
set -u
sparklog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
cases=${SLG_GOLDEN_DIR:-tests/golden}
cd "$src" || exit 1
pass=0 fail=0
for args_file in "$cases"/*.args; do
  name=${args_file%.args}
  args=$(cat "$args_file")
  out=$(mktemp) err=$(mktemp)
  # NO_COLOR and a pipe keep the text output free of colour codes.
  eval "NO_COLOR=1 \"$sparklog\" $args" >"$out" 2>"$err" </dev/null
  status=$?
  if [ "${SLG_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$out" "$name.out"
    echo "$status" >"$name.status"
    [ -e "$name.err" ] && cp "$err" "$name.err"
    echo "updated $name"
    rm -f "$out" "$err"
    continue
  fi
  ok=1
  if ! cmp -s "$out" "$name.out"; then
    echo "FAIL $name: stdout differs"; diff -u "$name.out" "$out" | head -40
    ok=0
  fi
  want_status=$(cat "$name.status" 2>/dev/null || echo 0)
  if [ "$status" != "$want_status" ]; then
    echo "FAIL $name: exit status $status, expected $want_status"; ok=0
  fi
  if [ -e "$name.err" ] && ! cmp -s "$err" "$name.err"; then
    echo "FAIL $name: stderr differs"; diff -u "$name.err" "$err" | head -20
    ok=0
  fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
  rm -f "$out" "$err"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
