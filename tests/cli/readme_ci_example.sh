#!/usr/bin/env bash
# label: cli
# Runs the CI example of README.md as written (the shell lines between the
# ci-example markers), with sparklog on PATH and a generated driver log:
# a skewed run must fail the gate (exit 1) and write its reports; a clean
# run must pass (exit 0).
set -u
for t in gzip; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2 build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" && ln -s "$sparklog" "$tmp/bin/sparklog"
# The GitHub step's run block and the shell step, as bash scripts.
awk '/<!-- ci-example:start -->/{on=1} /<!-- ci-example:end -->/{on=0} on' "$src/README.md" > "$tmp/example.md"
awk '/^  run: \|/{on=1; next} on && /^```/{on=0} on {sub(/^    /, ""); print}' "$tmp/example.md" > "$tmp/gha.sh"
awk '/^```sh/{on=1; next} on && /^```/{on=0} on' "$tmp/example.md" > "$tmp/shell.sh"
for f in gha.sh shell.sh; do
  grep -q sparklog "$tmp/$f" || { echo "FAIL: no commands extracted for $f"; exit 1; }
done
pass=0 fail=0
for scenario in skew clean; do
  want=1; [ $scenario = clean ] && want=0
  for f in gha.sh shell.sh; do
    d=$tmp/run-$scenario-$f; mkdir -p "$d"
    "$build/tests/sparkgen" --scenario $scenario --seed 7 --out "$d/driver.log"
    gzip "$d/driver.log"
    (cd "$d" && PATH="$tmp/bin:$PATH" GITHUB_STEP_SUMMARY="$d/summary.md" bash -e "$tmp/$f" >out.txt 2>err.txt)
    got=$?
    if [ $got != $want ]; then
      echo "FAIL: $f on $scenario: exit $got, want $want"; cat "$d/err.txt"; fail=$((fail + 1)); continue
    fi
    if [ $f = gha.sh ] && ! { [ -s "$d/sparklog.xml" ] && grep -q '^## sparklog' "$d/summary.md"; }; then
      echo "FAIL: $f on $scenario: reports not written"; fail=$((fail + 1)); continue
    fi
    if [ $f = shell.sh ] && ! grep -q '<testsuites' "$d/report.xml"; then
      echo "FAIL: $f on $scenario: report.xml"; fail=$((fail + 1)); continue
    fi
    pass=$((pass + 1))
  done
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
