#!/usr/bin/env bash
# label: cli
# The allow list end to end: --allow ID[@APP[/STAGE]] and the `allow` key
# (file, environment) take findings out of the gate without turning it
# off, every format says what was suppressed, and a bad entry is a usage
# error (exit 2).
set -u
sparklog=$1 src=$2
log=$src/testdata/fixtures/preemption-dataproc-spark33.log
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" && mkdir .git # no .sparklog.conf from above
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
expect() { # expect STATUS DESCRIPTION -- command...
  local want=$1 what=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, want $want ($(head -c 300 "$tmp/err"))"; fi
}
has() { # has DESCRIPTION TEXT: the last output holds TEXT
  if grep -qF -- "$2" "$tmp/out"; then ok; else bad "$1: no '$2' in output"; fi
}

# The fixture's run failed: its errors are APP_FAILED and FETCH_FAILURE
# (over four stage attempts). Allowing one leaves the other gating.
expect 1 "no allow" -- "$sparklog" check --no-config "$log"
expect 1 "the failure still gates" -- "$sparklog" check --no-config \
  --allow FETCH_FAILURE "$log"
A="--allow APP_FAILED"
expect 0 "allow the error" -- "$sparklog" check --no-config \
  --allow FETCH_FAILURE $A "$log"
has "text says what" "2 findings suppressed by the allow list: APP_FAILED@1, FETCH_FAILURE@1/1.0"
# The gate stays on for the others: its warnings still fail --fail-on warning.
expect 1 "others still gate" -- "$sparklog" check --no-config \
  --fail-on warning --allow FETCH_FAILURE $A "$log"
expect 0 "allow them all" -- "$sparklog" check --no-config \
  --fail-on warning --allow FETCH_FAILURE --allow stage_retry \
  --allow EXECUTOR_LOSS@1 $A "$log"
# By place: another application's, or another stage's, entry allows nothing.
expect 1 "other app" -- "$sparklog" check --no-config \
  --allow FETCH_FAILURE@2 $A "$log"
expect 1 "other stage" -- "$sparklog" check --no-config \
  --allow FETCH_FAILURE@1/7 $A "$log"
# Every format says it.
expect 0 "json" -- "$sparklog" check --no-config -f json \
  --allow FETCH_FAILURE $A "$log"
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["suppressed"] == {"count": 2, "ids": ["APP_FAILED@1", "FETCH_FAILURE@1/1.0"]}, d["suppressed"]
assert all(f["id"] != "FETCH_FAILURE" for f in d["findings"])
assert d["check"]["passed"] is True
' "$tmp/out"; then ok; else bad "json suppressed"; fi
expect 0 "junit" -- "$sparklog" check --no-config -f junit \
  --allow FETCH_FAILURE $A "$log"
has "junit skipped" '<skipped message="1 finding suppressed by the allow list: FETCH_FAILURE@1/1.0'
has "junit count" 'skipped="2"'
expect 0 "github" -- "$sparklog" check --no-config -f github \
  --allow FETCH_FAILURE $A "$log"
has "github notice" "::notice title=sparklog suppressed::"
expect 0 "markdown" -- "$sparklog" check --no-config -f markdown \
  --allow FETCH_FAILURE $A "$log"
has "markdown sentence" "suppressed by the allow list"
# The configuration key, from a file and from the environment.
printf 'allow = FETCH_FAILURE, STAGE_RETRY, APP_FAILED\n' >"$tmp/c.conf"
expect 0 "config file" -- "$sparklog" check --config "$tmp/c.conf" \
  --fail-on warning --allow EXECUTOR_LOSS "$log"
expect 0 "environment" -- env SPARKLOG_ALLOW=FETCH_FAILURE,APP_FAILED \
  "$sparklog" check --no-config "$log"
expect 0 "print-config" -- "$sparklog" check --config "$tmp/c.conf" \
  --print-config
has "printed back" "allow = FETCH_FAILURE"
has "printed back, one line per entry" "allow = STAGE_RETRY"
has "printed back, the third" "allow = APP_FAILED"
# Bad entries are usage errors that name the key.
expect 2 "unknown id" -- "$sparklog" check --no-config --allow NOPE "$log"
expect 2 "app 0" -- "$sparklog" check --no-config --allow SKEW@0 "$log"
expect 2 "bad stage" -- "$sparklog" check --no-config --allow SKEW@1/x "$log"
printf 'allow = SKEW@\n' >"$tmp/bad.conf"
expect 2 "bad file entry" -- "$sparklog" check --config "$tmp/bad.conf" "$log"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
