#!/usr/bin/env bash
# label: cli
# What a new user meets first: bare `sparklog` at a terminal prints usage
# instead of waiting on the keyboard (exit 2); piped, it reads stdin; a
# command after options is still the command.
set -u
command -v script >/dev/null || { echo "SKIP: script (bsdutils) missing"; exit 77; }
sparklog=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
# script(1) gives the command a terminal on stdin; its exit status is the
# command's (-e). timeout: a regression would wait forever.
timeout 10 script -qec "'$sparklog' check" /dev/null </dev/null >"$tmp/tty" 2>&1
st=$?
[ "$st" = 2 ] && ok || bad "bare sparklog at a terminal: exit $st, want 2"
grep -q 'no input: name log files, or pipe a log in' "$tmp/tty" && ok || bad "no-input line: $(head -c 300 "$tmp/tty")"
grep -q '^usage: sparklog' "$tmp/tty" && ok || bad "usage printed: $(head -c 300 "$tmp/tty")"
# Piped: stdin is read as before.
"$sparklog" --no-config -q check <"$src/testdata/small-job.log" >"$tmp/out" 2>&1
st=$?
[ "$st" = 0 ] && [ "$(cat "$tmp/out")" = "check: PASSED" ] && ok || bad "stdin check: exit $st, $(head -c 300 "$tmp/out")"
# A command after options.
"$sparklog" --no-config -q check "$src/testdata/small-job.log" >"$tmp/out" 2>&1
[ "$(cat "$tmp/out")" = "check: PASSED" ] && ok || bad "command after options: $(head -c 300 "$tmp/out")"
# ... unless a file has its name: then it is that file.
(cd "$tmp" && cp "$src/testdata/small-job.log" stages && "$sparklog" -j1 stages >"$tmp/out" 2>&1)
grep -q '^Verdict' "$tmp/out" && ok || bad "a file named like a command is a file: $(head -c 300 "$tmp/out")"
# Per-command help: every command has one, within 80 columns, with
# examples; `CMD --help` is `help CMD`.
for c in report loggers jobs stages shuffles check explain help; do
  "$sparklog" help $c >"$tmp/h" 2>&1
  st=$?
  [ "$st" = 0 ] && grep -q "^usage: sparklog" "$tmp/h" && ok || bad "help $c: exit $st"
  awk 'length($0) > 80 {exit 1}' "$tmp/h" && ok || bad "help $c is wider than 80 columns"
  if [ $c != help ]; then
    grep -q '^Examples:' "$tmp/h" && ok || bad "help $c has no examples"
    "$sparklog" $c --help >"$tmp/h2" 2>&1
    cmp -s "$tmp/h" "$tmp/h2" && ok || bad "$c --help is not help $c"
  fi
done
"$sparklog" --help | awk 'length($0) > 80 {exit 1}' && ok || bad "--help is wider than 80 columns"
"$sparklog" --help | grep -q '^  help \[COMMAND\]' && ok || bad "--help does not list help"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
