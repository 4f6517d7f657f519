#!/usr/bin/env bash
# label: golden
# The Markdown summary as GitHub renders it: converted by cmark-gfm (with
# the table extension), every testdata log (SLG_MD_SCOPE=corpus: every
# corpus log instead), report and check,
# must give a heading naming the input, tables whose rows all have their
# header's cells, no HTML element coming from log text, call sites like
# "count at <console>:24" shown literally, and stay under GitHub's 1 MiB
# step-summary limit. Skipped (77) without cmark-gfm (Debian: cmark-gfm)
# or python3.
set -u
sparklog=$1 src=$2
for t in cmark-gfm python3; do
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=$src/tests/cli/markdown_render.py
fail=0 n=0
no() { echo "FAIL: $*"; fail=1; }
one() { # heading, then sparklog arguments
  local heading=$1; shift
  n=$((n + 1))
  "$sparklog" "$@" >"$tmp/$n.md" 2>/dev/null
  local size; size=$(wc -c <"$tmp/$n.md")
  [ "$size" -le 1048576 ] || no "$*: $size bytes, over 1 MiB"
  cmark-gfm -e table "$tmp/$n.md" | python3 "$py" --md "$tmp/$n.md" "$heading" ||
    no "$* (Markdown in $tmp/$n.md)"
}
# The corpus logs are checked by markdown_render_corpus.sh (corpus tier):
# rendering each one twice is too slow for this tier under a sanitizer.
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
if [ "${SLG_MD_SCOPE:-testdata}" = corpus ]; then
  inputs=("$corpus"/*/*)
else
  inputs=("$src"/testdata/*)
fi
for f in "${inputs[@]}"; do
  case $f in *.md) continue ;; esac
  [ -f "$f" ] || continue
  one "sparklog: $f" --no-config -f markdown "$f" </dev/null
  one "sparklog: $f" check --no-config -f markdown "$f" </dev/null
done
[ "${SLG_MD_SCOPE:-testdata}" = corpus ] && [ "$n" = 0 ] &&
  { echo "SKIP: no corpus at $corpus"; exit 77; }
one "sparklog: stdin" check --no-config -f markdown <"$src/testdata/small-job.log"
one "sparklog: 2 files" check --no-config -f markdown \
  "$src/testdata/fixtures/task-abort-yarn-client-spark34.log" "$src/testdata/small-job.log" </dev/null
# <console> survives rendering, and fix and evidence are shown.
"$sparklog" check --no-config -f markdown "$src/testdata/fixtures/task-abort-yarn-client-spark34.log" \
  "$src/testdata/small-job.log" </dev/null 2>/dev/null | cmark-gfm -e table >"$tmp/two.html"
python3 "$py" "sparklog: 2 files" "count at <console>:24" \
  "read the first stack trace" "task-abort-yarn-client-spark34.log:84, 100, 103" \
  <"$tmp/two.html" || no "the two-file summary lacks <console>, a fix or evidence lines"
# The checker sees what it should: a broken table and a wrong heading.
printf '## sparklog: x\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n' >"$tmp/bad.md"
cmark-gfm -e table "$tmp/bad.md" | python3 "$py" --md "$tmp/bad.md" "sparklog: x" >/dev/null &&
  no "the checker accepts a row of 3 cells under 2"
printf '## other\n' | cmark-gfm -e table | python3 "$py" "sparklog: x" >/dev/null &&
  no "the checker accepts a wrong heading"
printf '## sparklog: x\n\ncount at <console>:24\n' | cmark-gfm -e table --unsafe |
  python3 "$py" "sparklog: x" "<console>" >/dev/null && no "the checker accepts a swallowed <console>"
[ $fail = 0 ] && echo "ok: $n Markdown summaries"
exit $fail
