#!/usr/bin/env bash
# label: cli
# Which config file the gate obeys, and that none is ever lost silently:
# discovery stops at a directory owned by neither the user nor root; a
# discovered file another user could have written fails the check closed
# (exit 2, naming it and the ways out); only `check` and --print-config
# read a file; a file over 1 MiB, a directory, an unsearchable working
# directory and a misspelt SPARKLOG_* variable are errors, not silence.
# Assertions that need root (chown to another user) are skipped otherwise.
set -u
for t in python3; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 build=$3
gen=$build/tests/sparkgen
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0 skipped=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
expect() { # expect STATUS DESCRIPTION -- command...
  local want=$1 what=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, want $want ($(head -c 300 "$tmp/err"))"; fi
}
err_has() { # err_has REGEX DESCRIPTION
  if grep -Eq -- "$1" "$tmp/err"; then ok; else bad "$2: stderr lacks /$1/: $(head -c 300 "$tmp/err")"; fi
}
"$gen" --scenario skew --seed 7 --out "$tmp/skew.log"
export HOME=$tmp/home
mkdir -p "$HOME" "$tmp/w/repo/.git" "$tmp/w/repo/sub"
chmod 755 "$tmp" "$tmp/w" "$tmp/w/repo" "$tmp/w/repo/sub"
cd "$tmp/w/repo/sub" || exit 1
conf=$tmp/w/repo/.sparklog.conf

# A trusted file (the user's, mode 644) is obeyed: SKEW fails the gate.
printf 'fail_on = warning\n' >"$conf"
chmod 644 "$conf"
expect 1 "trusted config obeyed" -- "$sparklog" check "$tmp/skew.log"

# Writable by group or others: not obeyed, not ignored: exit 2.
chmod 664 "$conf"
expect 2 "group-writable config fails closed" -- "$sparklog" check "$tmp/skew.log"
err_has "\.sparklog\.conf: not read: it is writable by group or others; name a config with --config FILE or read none with --no-config" \
  "group-writable config message"
expect 2 "--print-config fails closed too" -- "$sparklog" check --print-config
expect 0 "--no-config is the way out" -- "$sparklog" check --no-config "$tmp/skew.log"
expect 1 "--config FILE is read as given" -- "$sparklog" check --config "$conf" "$tmp/skew.log"
chmod 644 "$conf"
# In a directory others may write to (no sticky bit).
chmod 777 "$tmp/w/repo"
expect 2 "config in a world-writable directory" -- "$sparklog" check "$tmp/skew.log"
err_has "its directory is writable by group or others" "world-writable directory message"
chmod 755 "$tmp/w/repo"

# Other commands never read it, nor mention it (even a broken one).
printf 'no such key = 1\n' >"$conf"
expect 0 "report ignores the config file" -- "$sparklog" "$tmp/skew.log"
[ -s "$tmp/err" ] && bad "report mentions the config: $(head -c 200 "$tmp/err")" || ok
expect 2 "check reads it" -- "$sparklog" check "$tmp/skew.log"
rm -f "$conf"

# Another owner (needs root to give the file away).
nobody=$(id -u nobody 2>/dev/null || echo 65534)
printf 'exit_zero = true\nfail_on = warning\n' >"$conf"
chmod 644 "$conf"
if [ "$(id -u)" = 0 ] && chown "$nobody" "$conf" 2>/dev/null; then
  expect 2 "another user's config fails closed" -- "$sparklog" check "$tmp/skew.log"
  err_has "not read: it belongs to another user" "another owner message"
  rm -f "$conf"
  # Discovery stops at a directory owned by neither the user nor root: a
  # file above it is not read (not an error: it was never found).
  mkdir -p "$tmp/x/theirs/mine"
  chown "$nobody" "$tmp/x/theirs"
  chmod 755 "$tmp/x" "$tmp/x/theirs" "$tmp/x/theirs/mine"
  printf 'fail_on = warning\n' >"$tmp/x/.sparklog.conf"
  (cd "$tmp/x/theirs/mine" &&
    "$sparklog" check "$tmp/skew.log" >/dev/null 2>"$tmp/err2"; echo $? >"$tmp/rc")
  [ "$(cat "$tmp/rc")" = 0 ] && ok || bad "discovery went past another user's directory (exit $(cat "$tmp/rc"))"
else
  echo "SKIP: not root: another owner's file and directory"
  skipped=$((skipped + 1))
  rm -f "$conf"
fi

# Too big, a directory: errors naming the file, never cut or empty.
python3 -c 'import sys; sys.stdout.write("# pad\n" * 180000 + "fail_on = warning\n")' >"$tmp/big.conf"
expect 2 "config over 1 MiB" -- "$sparklog" check --config "$tmp/big.conf" "$tmp/skew.log"
err_has "big\.conf: larger than 1 MiB: not a config file" "config over 1 MiB message"
expect 2 "--config DIR" -- "$sparklog" check --config "$tmp/w" "$tmp/skew.log"
err_has "/w: is a directory, not a config file" "--config DIR message"

# A working directory that is gone (getcwd fails): the search still walks
# upward and finds the file two levels up.
printf 'fail_on = warning\n' >"$conf"
chmod 644 "$conf"
mkdir "$tmp/w/repo/sub/gone"
(cd "$tmp/w/repo/sub/gone" && rmdir "$tmp/w/repo/sub/gone" &&
  "$sparklog" check "$tmp/skew.log" >/dev/null 2>"$tmp/err"; echo $? >"$tmp/rc")
[ "$(cat "$tmp/rc")" = 1 ] && ok || bad "deleted working directory: exit $(cat "$tmp/rc"), want 1 (config found above): $(head -c 200 "$tmp/err")"
rm -f "$conf"

# SPARKLOG_* variables: one spelling each; others are errors for check
# (with a suggestion) and warnings elsewhere.
SPARKLOG_FAIL_ON=warning expect 1 "canonical variable applies" -- "$sparklog" check --no-config "$tmp/skew.log"
SPARKLOG_max_failed_tasks=0 expect 2 "lower-case variable is an error for check" -- "$sparklog" check --no-config "$tmp/skew.log"
err_has "SPARKLOG_max_failed_tasks: unknown setting; did you mean SPARKLOG_MAX_FAILED_TASKS\?" "lower-case variable suggestion"
SPARKLOG_MAX_SKWE=3 expect 2 "misspelt variable for check" -- "$sparklog" check --no-config "$tmp/skew.log"
err_has "did you mean SPARKLOG_MAX_SKEW\?" "misspelt variable suggestion"
SPARKLOG_MAX_SKWE=3 expect 2 "misspelt variable for --print-config" -- "$sparklog" check --print-config
SPARKLOG_MAX_SKWE=3 expect 0 "misspelt variable is a warning for a report" -- "$sparklog" "$tmp/skew.log"
err_has "warning: SPARKLOG_MAX_SKWE: unknown setting, ignored; did you mean SPARKLOG_MAX_SKEW\?" "report warning"

echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" = 0 ] || exit 1
[ "$skipped" = 0 ] || exit 77
exit 0
