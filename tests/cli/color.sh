#!/usr/bin/env bash
# label: cli
# Colour never outlives its line: with --color always, every line of every
# command's text ends with no style open, so `| head -2` or a pager cut
# leaves the terminal as it was; at a terminal, TERM=dumb and NO_COLOR get
# none.
set -u
command -v script >/dev/null || { echo "SKIP: script (bsdutils) missing"; exit 77; }
sparklog=$1 src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
logs=("$src"/testdata/*.log "$src"/testdata/*.gz)
for f in "$corpus"/gac-benchmarking/spark.log "$corpus"/bdd-examples/spark.log; do
  [ -f "$f" ] && logs+=("$f")
done
esc=$(printf '\033')
for cmd in report check loggers jobs stages shuffles; do
  "$sparklog" "$cmd" --color always "${logs[@]}" >"$tmp/out" 2>/dev/null
  # A line whose last escape sequence is not the reset leaves colour on.
  open=$(grep -c "${esc}\[[0-9;]*[1-9][0-9;]*m[^${esc}]*\$" "$tmp/out")
  [ "$open" = 0 ] && ok || bad "$cmd: $open lines end coloured: $(grep -m1 "${esc}\[[0-9;]*[1-9][0-9;]*m[^${esc}]*\$" "$tmp/out" | cat -v | head -c 200)"
  grep -q "$esc" "$tmp/out" && ok || bad "$cmd: --color always wrote no colour"
done
# At a terminal (script(1) gives one): colour by default, none for
# TERM=dumb or NO_COLOR.
tty_run() { TERM=$1 NO_COLOR=$2 timeout 20 script -qec "'$sparklog' check '$src/testdata/small-job.log'" /dev/null </dev/null; }
tty_run xterm "" >"$tmp/tty" 2>&1
grep -q "$esc\[" "$tmp/tty" && ok || bad "a terminal gets colour"
tty_run dumb "" >"$tmp/tty" 2>&1
grep -q "$esc\[" "$tmp/tty" && bad "TERM=dumb got colour" || ok
tty_run xterm 1 >"$tmp/tty" 2>&1
grep -q "$esc\[" "$tmp/tty" && bad "NO_COLOR got colour" || ok
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
