#!/usr/bin/env bash
# label: cli
# Long text on a terminal goes through the pager: $SPARKLOG_PAGER, else
# $PAGER, else less (LESS=FRX when unset); not when the text fits the
# terminal, not with --no-pager, -q or a machine format, not when stdout
# is not a terminal, not for "cat" or an empty pager; a pager that does
# not exist leaves the text to stdout. The terminal is a pty from
# script(1) (util-linux; skipped, 77, without it), sized by stty.
set -u
sparklog=$1 src=$2
command -v script >/dev/null || { echo "SKIP: script(1) missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
log=$src/testdata/small-job.log
# on_tty ROWS ENV... -- ARGS...: sparklog's stdout on a pty of ROWS rows.
on_tty() {
  local rows=$1; shift
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  printf '%q ' env -u PAGER -u SPARKLOG_PAGER -u LESS "${envs[@]}" NO_COLOR=1 "$sparklog" --no-config "$@" >"$tmp/cmd"
  script -qec "stty rows $rows cols 80; $(cat "$tmp/cmd")" /dev/null 2>&1 | tr -d '\r' >"$tmp/out"
}
pager='sed s/^/P:/'
on_tty 10 SPARKLOG_PAGER="$pager" -- "$log"
grep -q '^P:Verdict' "$tmp/out" && ok || bad "long text on a terminal is not paged: $(head -c 200 "$tmp/out")"
on_tty 10 PAGER="$pager" -- "$log"
grep -q '^P:Verdict' "$tmp/out" && ok || bad "PAGER is not used"
on_tty 10 PAGER=cat SPARKLOG_PAGER="$pager" -- "$log"
grep -q '^P:Verdict' "$tmp/out" && ok || bad "SPARKLOG_PAGER does not come before PAGER"
on_tty 10 SPARKLOG_PAGER='env | grep ^LESS= | sed s/^/P:/' -- "$log"
grep -q '^P:LESS=FRX' "$tmp/out" && ok || bad "LESS is not FRX by default: $(head -c 200 "$tmp/out")"
on_tty 10 LESS=S SPARKLOG_PAGER='env | grep ^LESS= | sed s/^/P:/' -- "$log"
grep -q '^P:LESS=S$' "$tmp/out" && ok || bad "a set LESS is overridden"
on_tty 10 SPARKLOG_PAGER="$pager" -- --no-pager "$log"
grep -q '^Verdict' "$tmp/out" && ! grep -q '^P:' "$tmp/out" && ok || bad "--no-pager pages"
on_tty 10 SPARKLOG_PAGER="$pager" -- -f json "$log"
grep -q '^P:' "$tmp/out" && bad "JSON is paged" || ok
on_tty 10 SPARKLOG_PAGER="$pager" -- check -q "$log"
grep -q '^check: PASSED' "$tmp/out" && ! grep -q '^P:' "$tmp/out" && ok || bad "check -q is paged"
on_tty 500 SPARKLOG_PAGER="$pager" -- "$log"
grep -q '^Verdict' "$tmp/out" && ! grep -q '^P:' "$tmp/out" && ok || bad "text that fits is paged"
on_tty 10 SPARKLOG_PAGER=cat PAGER="$pager" -- "$log"
grep -q '^Verdict' "$tmp/out" && ! grep -q '^P:' "$tmp/out" && ok || bad "SPARKLOG_PAGER=cat pages"
on_tty 10 SPARKLOG_PAGER= PAGER="$pager" -- "$log"
grep -q '^Verdict' "$tmp/out" && ! grep -q '^P:' "$tmp/out" && ok || bad "an empty SPARKLOG_PAGER pages"
on_tty 10 SPARKLOG_PAGER=no-such-pager-here -- "$log"
grep -q '^Verdict' "$tmp/out" && ok || bad "a missing pager loses the report: $(head -c 200 "$tmp/out")"
# A pager that quits at once: no error, the run's status.
on_tty 10 SPARKLOG_PAGER='head -n 1' -- check "$log"
grep -q 'write error' "$tmp/out" && bad "a pager quitting early is a write error" || ok
# Not a terminal: never paged.
SPARKLOG_PAGER="$pager" "$sparklog" --no-config "$log" >"$tmp/piped" 2>&1
grep -q '^P:' "$tmp/piped" && bad "piped output is paged" || ok
# SPARKLOG_PAGER is not a check setting (no "unknown setting" warning).
SPARKLOG_PAGER="$pager" "$sparklog" check --no-config "$log" >/dev/null 2>"$tmp/err"
grep -q 'unknown setting' "$tmp/err" && bad "SPARKLOG_PAGER is read as a setting" || ok
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
