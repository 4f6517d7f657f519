#!/usr/bin/env bash
# label: cli
# The Markdown summary's timeline, read by Mermaid itself: every
# ```mermaid block sparklog writes for the testdata logs (SLG_MD_SCOPE=
# corpus: the corpus logs instead) and for a log whose names are hostile
# to a gantt (':', '#', ';', "%%{init}%%", quotes, keywords, a forged
# task) is parsed by the mermaid npm package, which must read the bars,
# labels, times and sections sparklog wrote (mermaid_gantt.mjs). A log
# whose times have no date gets a note, not a block; at most 50 bars;
# the whole summary stays under GitHub's 1 MiB.
#
# Mermaid and jsdom come from npm (.ci/install-deps installs them into
# $SPARKLOG_NPM_DIR, default ~/.cache/sparklog-npm); skipped (77)
# without node or that install.
set -u
sparklog=$1 src=$2
npm_dir=${SPARKLOG_NPM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sparklog-npm}
command -v node >/dev/null || { echo "SKIP: node missing"; exit 77; }
for m in mermaid jsdom; do
  [ -f "$npm_dir/node_modules/$m/package.json" ] ||
    { echo "SKIP: $m not installed in $npm_dir (.ci/install-deps)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }
check() { NODE_PATH=$npm_dir/node_modules TZ=UTC node "$src/tests/cli/mermaid_gantt.mjs" "$@"; }
n=0
md() { n=$((n + 1)); "$sparklog" --no-config -f markdown "$@" >"$tmp/$n.md" 2>/dev/null </dev/null; }

corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
if [ "${SLG_MD_SCOPE:-testdata}" = corpus ]; then
  inputs=("$corpus"/*/*)
else
  inputs=("$src"/testdata/* "$src"/testdata/fixtures/*)
fi
for f in "${inputs[@]}"; do
  case $f in *.md) continue ;; esac
  [ -f "$f" ] && md "$f"
done
[ "${SLG_MD_SCOPE:-testdata}" = corpus ] && [ "$n" = 0 ] &&
  { echo "SKIP: no corpus at $corpus"; exit 77; }
grep -l '^```mermaid' "$tmp"/*.md >/dev/null || no "no timeline in any summary"

if [ "${SLG_MD_SCOPE:-testdata}" != corpus ]; then
  # Names hostile to a gantt line, in the call sites and the app name.
  evil='x :crit, 2020-01-01, 1d # c; %%{init: {"theme":"dark"}}%% "q" click job0 call alert() href'
  sed -e "s|count at <console>:24|$evil|g" \
      -e 's|Submitted application: demo|Submitted application: section evil: a#b;c|' \
      "$src/testdata/small-job.log" >"$tmp/evil.log"
  md "$tmp/evil.log"
  cp "$tmp/$n.md" "$tmp/evil.md"
  grep -q '^  job 0 x ' "$tmp/evil.md" || no "no hostile job bar: $(cat "$tmp/evil.md")"
  # Time-only stamps ("10:00:01"): no bars, a note.
  sed -e 's|^24/03/01 ||' "$src/testdata/small-job.log" >"$tmp/timeonly.log"
  md "$tmp/timeonly.log"
  grep -q '^```mermaid' "$tmp/$n.md" && no "a timeline without dates"
  grep -q "^No timeline: the log's times have no date.$" "$tmp/$n.md" ||
    no "no note for times without a date: $(tail -5 "$tmp/$n.md")"
  # Many jobs and stages: 50 bars at most, the costliest.
  python3 - "$tmp/many.log" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    for j in range(120):
        t0, t1 = '24/03/01 10:%02d:%02d' % (j // 60, j % 60), '24/03/01 11:%02d:%02d' % (j // 60, j % 60)
        f.write(f'{t0} INFO DAGScheduler: Got job {j} (run at a.scala:{j}) with 1 output partitions\n')
        f.write(f'{t0} INFO DAGScheduler: Submitting ResultStage {j} (MapPartitionsRDD[{j}] at run at a.scala:{j}), which has no missing parents\n')
        f.write(f'{t0} INFO TaskSchedulerImpl: Adding task set {j}.0 with 1 tasks resource profile 0\n')
        f.write(f'{t0} INFO TaskSetManager: Starting task 0.0 in stage {j}.0 (TID {j}) (h, executor 1, partition 0, PROCESS_LOCAL, 7 bytes)\n')
        f.write(f'{t1} INFO TaskSetManager: Finished task 0.0 in stage {j}.0 (TID {j}) in {1000 + j} ms on h (executor 1) (1/1)\n')
        f.write(f'{t1} INFO DAGScheduler: ResultStage {j} (run at a.scala:{j}) finished in 1.0 s\n')
        f.write(f'{t1} INFO DAGScheduler: Job {j} finished: run at a.scala:{j}, took 1.0 s\n')
PY
  md "$tmp/many.log"
  bars=$(grep -c '^  \(job\|stage\) ' "$tmp/$n.md")
  [ "$bars" = 50 ] || no "$bars bars for 120 jobs and stages, want 50"
  grep -q '^  stage 119\.0 ' "$tmp/$n.md" && grep -q '^  job 0 ' "$tmp/$n.md" &&
    ! grep -q '^  stage 0\.0 ' "$tmp/$n.md" ||
    no "not the costliest bars: $(grep '^  ' "$tmp/$n.md" | head -5)"
  # The checker sees what it should: an unescaped ':' or '#' in a label.
  printf '```mermaid\ngantt\n  dateFormat YYYY-MM-DD HH:mm:ss.SSS\n  axisFormat %%H:%%M:%%S\n  section s\n  job 1 a:b :2024-01-01 00:00:00.000, 2024-01-01 00:00:01.000\n```\n' >"$tmp/bad1.md"
  check "$tmp/bad1.md" >/dev/null && no "the checker accepts a ':' in a label"
  printf '```mermaid\ngantt\n  dateFormat YYYY-MM-DD HH:mm:ss.SSS\n  axisFormat %%H:%%M:%%S\n  section s\n  job 1 a#b;c :2024-01-01 00:00:00.000, 2024-01-01 00:00:01.000\n```\n' >"$tmp/bad2.md"
  check "$tmp/bad2.md" >/dev/null && no "the checker accepts an entity-like '#b;' in a label"
fi
for f in "$tmp"/*.md; do
  size=$(wc -c <"$f")
  [ "$size" -le 1048576 ] || no "$f: $size bytes, over 1 MiB"
done
check "$tmp"/[0-9]*.md || no "Mermaid does not read the timelines as written"
[ $fail = 0 ] && echo "ok: $n Markdown summaries"
exit $fail
