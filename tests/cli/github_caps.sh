#!/usr/bin/env bash
# label: cli
# --format github within GitHub's display limits: the verdict notice
# first, then at most 10 ::error, 10 ::warning and 10 ::notice lines per
# step, errors before warnings; the verdict counts what was left out.
# Input: 12 copies of a failed application followed by a succeeded one
# with a failed task: 24 error and 12 warning findings (the JSON report
# is checked to have them, so the test cannot pass on fewer).
set -u
sparklog=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
  cat "$src/testdata/fixtures/task-abort-yarn-client-spark34.log" \
      "$src/testdata/small-job.log"
done >"$tmp/many.log"
"$sparklog" check --no-config -f json "$tmp/many.log" >"$tmp/json" 2>/dev/null
errors=$(grep -o '"severity": *"error"' "$tmp/json" | wc -l)
warnings=$(grep -o '"severity": *"warning"' "$tmp/json" | wc -l)
[ "$errors" = 24 ] && [ "$warnings" = 12 ] ||
  no "the input should give 24 errors and 12 warnings, JSON has $errors and $warnings"

"$sparklog" check --no-config -f github "$tmp/many.log" >"$tmp/gh" 2>"$tmp/err"
status=$?
[ $status = 1 ] || no "check exited $status, not 1"
head -n 1 "$tmp/gh" | grep -q '^::notice title=sparklog verdict::The run FAILED' ||
  no "the first line is not the verdict notice: $(head -c 120 "$tmp/gh")"
head -n 1 "$tmp/gh" | grep -q 'Not annotated (GitHub shows 10 of each type): 14 more errors, 2 more warnings; ' ||
  no "the verdict does not count the 14 errors and 2 warnings left out"
for t in error warning notice; do
  n=$(grep -c "^::$t " "$tmp/gh")
  [ "$n" -le 10 ] || no "$n ::$t lines (GitHub shows 10)"
done
[ "$(grep -c '^::error ' "$tmp/gh")" = 10 ] || no "not 10 ::error lines"
[ "$(grep -c '^::warning ' "$tmp/gh")" = 10 ] || no "not 10 ::warning lines"
# Errors before warnings.
last_error=$(grep -n '^::error ' "$tmp/gh" | tail -n 1 | cut -d: -f1)
first_warning=$(grep -n '^::warning ' "$tmp/gh" | head -n 1 | cut -d: -f1)
[ "$last_error" -lt "$first_warning" ] || no "a warning comes before an error"
# Every line is a workflow command (no raw newline inside one).
grep -v '^::\(notice\|error\|warning\) title=' "$tmp/gh" && no "a line is not a workflow command"
# Under the cap nothing is said about it.
"$sparklog" check --no-config -f github "$src/testdata/fixtures/task-abort-yarn-client-spark34.log" \
  >"$tmp/one" 2>/dev/null
grep -q 'Not annotated' "$tmp/one" && no "a run under the cap says something was not annotated"
[ $fail = 0 ] && echo "ok: github caps"
exit $fail
