#!/usr/bin/env bash
# label: cli
# The bash completion generated from the option table (src/cli/options.c)
# offers commands, the options of the command on the line, the values of
# an option whose values are a list, and files; readline's split of
# "--format=js" at "=" is undone. Driven as bash drives it: COMP_WORDS and
# COMP_CWORD set, _sparklog called, COMPREPLY read.
set -u
sparklog=$1 src=$2 build=$3
comp=$(cd "$build" && pwd)/completions/sparklog.bash
sparklog=$(cd "$(dirname "$sparklog")" && pwd)/$(basename "$sparklog")
[ -f "$comp" ] || { echo "FAIL: no $comp (built by the completions target)"; exit 1; }
bash -n "$comp" || { echo "FAIL: $comp is not valid bash"; exit 1; }
src=$(cd "$src" && pwd)
cd "$src/testdata" || exit 1
fail=0 n=0
# expect 'WORDS...' CWORD 'CANDIDATES' (sorted, space-separated)
expect() {
  local got
  got=$(bash -c 'source "$1"; eval "COMP_WORDS=($2)"; COMP_CWORD=$3
                 _sparklog; printf "%s\n" "${COMPREPLY[@]}"' _ \
          "$comp" "$1" "$2" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
  n=$((n + 1))
  if [ "$got" != "$3" ]; then
    echo "FAIL: [$1] cword $2: got '$got', expected '$3'"; fail=1
  fi
}
expect 'sparklog sh' 1 'shuffles'
expect 'sparklog ch' 1 'check'
expect 'sparklog small' 1 'small-job.log'
expect 'sparklog --fo' 1 '--follow --format='
expect 'sparklog -f j' 2 'json junit'
expect 'sparklog --format j' 2 'json junit'
# readline's words for "--format=j" and "--format=".
expect 'sparklog --format = j' 3 'json junit'
expect 'sparklog --format =' 2 \
  'github gitlab json junit markdown ndjson text'
expect 'sparklog --color a' 2 'always auto'
expect 'sparklog check --fail-on w' 3 'warning'
expect 'sparklog check --quiet --fail-on ""' 4 'error info warning'
# Check options go with check only; --max-loggers and --max-line always.
expect 'sparklog check --max-s' 2 \
  '--max-shuffle-stages= --max-skew= --max-stage-retries= --max-stage-task-time= --max-stages='
expect 'sparklog --max-l' 1 '--max-line= --max-loggers='
expect 'sparklog jobs --max-' 2 '--max-apps= --max-line= --max-loggers= --max-stages= --max-templates='
expect 'sparklog --top 5 check --qu' 4 '--quiet'
expect 'sparklog -j 2 --q' 3 ''
expect 'sparklog explain --fol' 2 ''
# --output FORMAT=PATH: the format and "=", then a file.
expect 'sparklog -o js' 2 'json='
expect 'sparklog -o json = small' 4 'small-job.log'
expect 'sparklog --output = json = +small' 5 '+small-job.log'
# Numbers and patterns: nothing to offer, not files.
expect 'sparklog --top ""' 2 ''
expect 'sparklog check --config small' 3 'small-job.log'
expect 'sparklog help ch' 2 'check'
expect 'sparklog help check ""' 3 ''
expect 'sparklog explain Task' 2 ''
expect 'sparklog jobs small' 2 'small-job.log'
expect 'sparklog jobs -- --fo' 3 ''
# The hidden test-only option is offered nowhere.
expect 'sparklog --chunk' 1 ''
# Every format the completion offers is one sparklog takes.
for f in $(bash -c 'source "$1"; COMP_WORDS=(sparklog -f ""); COMP_CWORD=2
                    _sparklog; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp"); do
  "$sparklog" -f "$f" "$src/testdata/small-job.log" >/dev/null 2>&1
  [ $? -le 1 ] || { echo "FAIL: completion offers -f $f, which sparklog refuses"; fail=1; }
done
[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
