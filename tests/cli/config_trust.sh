#!/usr/bin/env bash
# label: cli
# Which config file the gate obeys, and that none is ever lost silently:
# discovery stops at a directory owned by neither the user nor root; a
# discovered file another user could have written fails the check closed
# (exit 2, naming it and the ways out); only `check` and --print-config
# read a file; a file over 1 MiB, a directory, an unsearchable working
# directory and a misspelt SPARKLOG_* variable are errors, not silence.
# Assertions that need root (chown to another user) are skipped otherwise.
. "$(dirname "$0")/hostile_lib.bash"
gen=$BUILD/tests/sparkgen
[ -x "$gen" ] || { echo "skip: $gen not built"; exit 77; }
"$gen" --scenario skew --seed 7 --out "$T/skew.log"
export HOME=$T/home
mkdir -p "$HOME" "$T/w/repo/.git" "$T/w/repo/sub"
chmod 755 "$T" "$T/w" "$T/w/repo" "$T/w/repo/sub"
cd "$T/w/repo/sub" || exit 1
conf=$T/w/repo/.sparklog.conf

# A trusted file (the user's, mode 644) is obeyed: SKEW fails the gate.
printf 'fail_on = warning\n' >"$conf"
chmod 644 "$conf"
run check "$T/skew.log"
expect_rc 1 "trusted config obeyed"

# Writable by group or others: not obeyed, not ignored: exit 2.
chmod 664 "$conf"
run check "$T/skew.log"
expect_rc 2 "group-writable config fails closed"
expect_err "\.sparklog\.conf: not read: it is writable by group or others; name a config with --config FILE or read none with --no-config" \
  "group-writable config message"
run check --print-config
expect_rc 2 "--print-config fails closed too"
run check --no-config "$T/skew.log"
expect_rc 0 "--no-config is the way out"
run check --config "$conf" "$T/skew.log"
expect_rc 1 "--config FILE is read as given"
chmod 644 "$conf"
# In a directory others may write to (no sticky bit).
chmod 777 "$T/w/repo"
run check "$T/skew.log"
expect_rc 2 "config in a world-writable directory"
expect_err "its directory is writable by group or others" "world-writable directory message"
chmod 755 "$T/w/repo"

# Other commands never read it, nor mention it (even a broken one).
printf 'no such key = 1\n' >"$conf"
run "$T/skew.log"
expect_rc 0 "report ignores the config file"
expect_quiet "report ignores the config file"
run check "$T/skew.log"
expect_rc 2 "check reads it"
rm -f "$conf"

# Another owner (needs root to give the file away).
nobody=$(id -u nobody 2>/dev/null || echo 65534)
printf 'exit_zero = true\nfail_on = warning\n' >"$conf"
chmod 644 "$conf"
if [ "$(id -u)" = 0 ] && chown "$nobody" "$conf" 2>/dev/null; then
  run check "$T/skew.log"
  expect_rc 2 "another user's config fails closed"
  expect_err "not read: it belongs to another user" "another owner message"
  rm -f "$conf"
  # Discovery stops at a directory owned by neither the user nor root: a
  # file above it is not read (not an error: it was never found).
  mkdir -p "$T/x/theirs/mine"
  chown "$nobody" "$T/x/theirs"
  chmod 755 "$T/x" "$T/x/theirs" "$T/x/theirs/mine"
  printf 'fail_on = warning\n' >"$T/x/.sparklog.conf"
  (cd "$T/x/theirs/mine" &&
    "$BIN" check "$T/skew.log" >/dev/null 2>"$T/err2"; echo $? >"$T/rc")
  [ "$(cat "$T/rc")" = 0 ] && ok "discovery stops at another user's directory" || fail "discovery went past another user's directory (exit $(cat "$T/rc"))"
else
  skip "not root: another owner's file and directory"
  rm -f "$conf"
fi

# Too big, a directory: errors naming the file, never cut or empty.
python3 -c 'import sys; sys.stdout.write("# pad\n" * 180000 + "fail_on = warning\n")' >"$T/big.conf"
run check --config "$T/big.conf" "$T/skew.log"
expect_rc 2 "config over 1 MiB"
expect_err "big\.conf: larger than 1 MiB: not a config file" "config over 1 MiB message"
run check --config "$T/w" "$T/skew.log"
expect_rc 2 "--config DIR"
expect_err "/w: is a directory, not a config file" "--config DIR message"

# A working directory that is gone (getcwd fails): the search still walks
# upward and finds the file two levels up.
printf 'fail_on = warning\n' >"$conf"
chmod 644 "$conf"
mkdir "$T/w/repo/sub/gone"
(cd "$T/w/repo/sub/gone" && rmdir "$T/w/repo/sub/gone" &&
  "$BIN" check "$T/skew.log" >/dev/null 2>"$T/err"; echo $? >"$T/rc")
[ "$(cat "$T/rc")" = 1 ] && ok "deleted working directory: config found above" || fail "deleted working directory: exit $(cat "$T/rc"), want 1 (config found above): $(head -c 200 "$T/err")"
rm -f "$conf"

# SPARKLOG_* variables: one spelling each; others are errors for check
# (with a suggestion) and warnings elsewhere.
SPARKLOG_FAIL_ON=warning run check --no-config "$T/skew.log"
expect_rc 1 "canonical variable applies"
SPARKLOG_max_failed_tasks=0 run check --no-config "$T/skew.log"
expect_rc 2 "lower-case variable is an error for check"
expect_err "SPARKLOG_max_failed_tasks: unknown setting; did you mean SPARKLOG_MAX_FAILED_TASKS\?" "lower-case variable suggestion"
SPARKLOG_MAX_SKWE=3 run check --no-config "$T/skew.log"
expect_rc 2 "misspelt variable for check"
expect_err "did you mean SPARKLOG_MAX_SKEW\?" "misspelt variable suggestion"
SPARKLOG_MAX_SKWE=3 run check --print-config
expect_rc 2 "misspelt variable for --print-config"
SPARKLOG_MAX_SKWE=3 run "$T/skew.log"
expect_rc 0 "misspelt variable is a warning for a report"
expect_err "warning: SPARKLOG_MAX_SKWE: unknown setting, ignored; did you mean SPARKLOG_MAX_SKEW\?" "report warning"

finish
