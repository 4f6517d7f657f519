#!/usr/bin/env bash
# label: golden
# Golden CLI tests. Each case tests/golden/NAME.args holds the arguments
# (shell words, run from the source directory, or SLG_GOLDEN_RUN_DIR);
# NAME.out is the expected stdout and NAME.status the expected exit status.
# Stderr must equal NAME.err, or be empty when there is no NAME.err.
# The version (`sparklog 0.1.0`) is written @VERSION@ in both, so that a
# version bump rewrites no golden.
# Update mode (review the diff before committing!):
#   SLG_UPDATE_GOLDEN=1 bash tests/cli/golden.sh build/sparklog . build
# It writes NAME.err when stderr is not empty (or NAME.err exists).
set -u
sparklog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
cases=${SLG_GOLDEN_DIR:-tests/golden}
case $cases in /*) ;; *) cases=$src/$cases ;; esac
cd "${SLG_GOLDEN_RUN_DIR:-$src}" || exit 1
version=$("$sparklog" --version | awk 'NR == 1 { print $2 }')
[ -n "$version" ] || { echo "FAIL: no version from $sparklog --version"; exit 1; }
version_re=$(printf '%s' "$version" | sed 's/[][\.*^$/]/\\&/g')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out err=$tmp/err
pass=0 fail=0
for args_file in "$cases"/*.args; do
  [ -e "$args_file" ] || { echo "FAIL: no cases in $cases"; exit 1; }
  name=${args_file%.args}
  base=${name#"$src"/}
  args=$(cat "$args_file")
  # NO_COLOR and a pipe keep the text output free of colour codes.
  eval "NO_COLOR=1 \"$sparklog\" $args" >"$out.raw" 2>"$err.raw" </dev/null
  status=$?
  sed "s/sparklog $version_re/sparklog @VERSION@/g" "$out.raw" >"$out"
  sed "s/sparklog $version_re/sparklog @VERSION@/g" "$err.raw" >"$err"
  if [ "${SLG_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$out" "$name.out"
    echo "$status" >"$name.status"
    if [ -s "$err" ] || [ -e "$name.err" ]; then
      cp "$err" "$name.err"
    fi
    echo "updated $base"
    continue
  fi
  ok=1
  if ! cmp -s "$out" "$name.out"; then
    echo "FAIL $base: stdout differs"; diff -u "$name.out" "$out" | head -40
    ok=0
  fi
  want_status=$(cat "$name.status" 2>/dev/null || echo 0)
  if [ "$status" != "$want_status" ]; then
    echo "FAIL $base: exit status $status, expected $want_status"; ok=0
  fi
  if [ -e "$name.err" ]; then
    if ! cmp -s "$err" "$name.err"; then
      echo "FAIL $base: stderr differs"; diff -u "$name.err" "$err" | head -20
      ok=0
    fi
  elif [ -s "$err" ]; then
    echo "FAIL $base: unexpected stderr (no $base.err):"; head -5 "$err"
    ok=0
  fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
