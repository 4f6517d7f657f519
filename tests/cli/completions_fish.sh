#!/usr/bin/env bash
# label: cli
# The fish completion generated from the option table parses (fish -n)
# and, asked as fish asks it (complete -C), offers commands, the options
# of the command on the line, the values of listed options and files.
# Skipped (77) without fish.
set -u
sparklog=$1 src=$2 build=$3
command -v fish >/dev/null || { echo "SKIP: no fish"; exit 77; }
comp=$(cd "$build" && pwd)/completions/sparklog.fish
[ -f "$comp" ] || { echo "FAIL: no $comp"; exit 1; }
fish -n "$comp" || { echo "FAIL: fish -n $comp"; exit 1; }
cd "$src/testdata" || exit 1
fail=0 n=0
expect() {
  local got
  got=$(fish --no-config -c "source '$comp'; complete -C '$1'" 2>&1 |
          cut -f1 | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
  n=$((n + 1))
  [ "$got" = "$2" ] || { echo "FAIL: [$1]: got '$got', expected '$2'"; fail=1; }
}
expect 'sparklog ch' 'check'
expect 'sparklog sm' 'small-job.log'
expect 'sparklog --fo' '--follow --format'
expect 'sparklog -f j' 'json junit'
expect 'sparklog check --fail-on ' 'error info warning'
expect 'sparklog check --max-s' \
  '--max-shuffle-stages --max-skew --max-stage-retries --max-stage-task-time --max-stages'
expect 'sparklog report --max-sh' ''
expect 'sparklog --output=json=sm' '--output=json=small-job.log'
expect 'sparklog help sh' 'shuffles'
expect 'sparklog explain sm' ''
[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
