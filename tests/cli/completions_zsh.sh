#!/usr/bin/env bash
# label: cli
# The zsh completion generated from the option table parses (zsh -n);
# run with _arguments and _describe replaced by stubs that print what
# they are given, it hands each command its own options. Skipped (77)
# without zsh.
set -u
sparklog=$1 src=$2 build=$3
command -v zsh >/dev/null || { echo "SKIP: no zsh"; exit 77; }
comp=$(cd "$build" && pwd)/completions/_sparklog
[ -f "$comp" ] || { echo "FAIL: no $comp"; exit 1; }
zsh -n "$comp" || { echo "FAIL: zsh -n $comp"; exit 1; }
head -n 1 "$comp" | grep -qx '#compdef sparklog' ||
  { echo "FAIL: $comp does not start with #compdef sparklog"; exit 1; }
fail=0
# specs WORDS...: what _arguments gets when completing after WORDS.
specs() {
  zsh -f -c '
    _arguments() { print -l -- "$@" }
    _describe() { print -- "describe $2" }
    _files() { print -- files }
    f=$1; shift
    words=(sparklog "$@" ""); CURRENT=$#words
    source "$f" >/dev/null
    _sparklog' _ "$comp" "$@"
}
out=$(specs check)
printf '%s\n' "$out" | grep -q -- "^--fail-on=\[.*\]:SEVERITY:(info warning error)$" ||
  { echo "FAIL: check: no --fail-on spec with its values"; fail=1; }
printf '%s\n' "$out" | grep -q -- "^(-q --quiet)-q" ||
  { echo "FAIL: check: no -q spec"; fail=1; }
out=$(specs jobs)
printf '%s\n' "$out" | grep -q -- "--fail-on" &&
  { echo "FAIL: jobs is offered --fail-on"; fail=1; }
printf '%s\n' "$out" | grep -q -- "^--top=" ||
  { echo "FAIL: jobs: no --top spec"; fail=1; }
printf '%s\n' "$out" | grep -q -- "^\*-o+\$" ||
  printf '%s\n' "$out" | grep -q -- "-o+" ||
  { echo "FAIL: jobs: no -o spec"; fail=1; }
out=$(specs)
printf '%s\n' "$out" | grep -q '^describe commands$' ||
  { echo "FAIL: the first word is not offered the commands: $out"; fail=1; }
[ $fail = 0 ] && echo "ok: zsh completion"
exit $fail
