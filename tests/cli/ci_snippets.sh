#!/usr/bin/env bash
# label: cli
# The GitLab CI and Jenkins snippets of docs/ci.md, run as written: the
# `- ` lines of the GitLab job's script and the sh '...' lines of the
# Jenkins stage, with sparklog on PATH, on a generated skewed log (the
# gate must fail, exit 1) and a clean one (exit 0). Their reports must be
# what GitLab and Jenkins read: the Code Quality report checked field by
# field (gitlab_quality.py), the JUnit report against junit-10's rules
# (junit_schema.py). Also --format gitlab on every testdata and corpus log.
# Skipped (77) without python3 or gzip.
set -u
for t in python3 gzip; do
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
sparklog=$1 src=$2 build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" && ln -s "$sparklog" "$tmp/bin/sparklog"
fail=0
no() { echo "FAIL: $*"; fail=1; }
doc=$src/docs/ci.md
awk '/<!-- ci-snippet:gitlab:start -->/{on=1} /<!-- ci-snippet:gitlab:end -->/{on=0}
     on && /^  script:/{s=1; next} on && s && /^    - /{sub(/^    - /, ""); print; next}
     on && s && /^  [a-z]/{s=0}' "$doc" >"$tmp/gitlab.sh"
awk '/<!-- ci-snippet:jenkins:start -->/{on=1} /<!-- ci-snippet:jenkins:end -->/{on=0}
     on && /^ *sh '\''/{sub(/^ *sh '\''/, ""); sub(/'\''$/, ""); print}' "$doc" >"$tmp/jenkins.sh"
for f in gitlab.sh jenkins.sh; do
  grep -q '^sparklog check' "$tmp/$f" || no "no command extracted for $f"
done
for scenario in skew clean; do
  want=1; [ $scenario = clean ] && want=0
  for f in gitlab.sh jenkins.sh; do
    d=$tmp/run-$scenario-${f%.sh}; mkdir -p "$d"
    "$build/tests/sparkgen" --scenario $scenario --seed 7 --out "$d/driver.log"
    gzip "$d/driver.log"
    (cd "$d" && PATH="$tmp/bin:$PATH" bash -e "$tmp/$f" >out.txt 2>err.txt)
    got=$?
    [ $got = $want ] || { no "$f on $scenario: exit $got, want $want"; cat "$d/err.txt"; }
  done
  d=$tmp/run-$scenario-gitlab
  python3 "$src/tests/cli/gitlab_quality.py" "$d/gl-code-quality-report.json" driver.log.gz ||
    no "gitlab on $scenario: not a Code Quality report"
  python3 "$src/tests/cli/junit_schema.py" "$d/sparklog.xml" \
    "$tmp/run-$scenario-jenkins/sparklog.xml" || no "junit on $scenario"
done
# The skewed run's findings are in the Code Quality report, as critical
# or major issues (it fails at --fail-on warning).
grep -q '"severity": "\(critical\|major\)"' "$tmp/run-skew-gitlab/gl-code-quality-report.json" ||
  no "the failing run's Code Quality report has no critical or major issue"
grep -q '<failure' "$tmp/run-skew-jenkins/sparklog.xml" || no "the failing run's JUnit has no failure"

# Every testdata and corpus log.
n=0
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
for f in "$src"/testdata/* "$corpus"/*/*; do
  case $f in *.md) continue ;; esac
  [ -f "$f" ] || continue
  n=$((n + 1))
  "$sparklog" check --no-config -f gitlab "$f" >"$tmp/q$n.json" 2>/dev/null </dev/null
  python3 "$src/tests/cli/gitlab_quality.py" "$tmp/q$n.json" "$f" || no "gitlab on $f"
done
# Standard input is located as "stdin".
"$sparklog" check --no-config -f gitlab <"$src/testdata/fixtures/task-abort-yarn-client-spark34.log" \
  >"$tmp/stdin.json" 2>/dev/null
python3 "$src/tests/cli/gitlab_quality.py" "$tmp/stdin.json" stdin || no "gitlab on stdin"
grep -q '"path": "stdin", "lines": {"begin": 84}' "$tmp/stdin.json" ||
  no "the root cause is not located at stdin line 84"
# The checker rejects what it should.
echo '[{"description": "x", "check_name": "c", "severity": "bad", "fingerprint": "1", "location": {"path": "stdin", "lines": {"begin": 1}}}]' >"$tmp/bad.json"
python3 "$src/tests/cli/gitlab_quality.py" "$tmp/bad.json" stdin >/dev/null && no "the checker accepts a bad severity"
echo '[{"description": "x", "check_name": "c", "severity": "info", "fingerprint": "1", "location": {"path": "stdin", "lines": {"begin": 1}}}, {"description": "y", "check_name": "c", "severity": "info", "fingerprint": "1", "location": {"path": "stdin", "lines": {"begin": 1}}}]' >"$tmp/dup.json"
python3 "$src/tests/cli/gitlab_quality.py" "$tmp/dup.json" stdin >/dev/null && no "the checker accepts a repeated fingerprint"
[ $fail = 0 ] && echo "ok: CI snippets and $n Code Quality reports"
exit $fail
