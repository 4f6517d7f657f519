#!/usr/bin/env bash
# label: slow
# Reference mode (--reference: every fast path of src/util/fastpath.h
# off, one thread, no mapping) gives byte-identical output: every testdata
# (fixtures included) and corpus (SLG_CORPUS_DIR) log x every command x every
# format (text on stdout, the others through --output in the same run),
# with stderr and the exit status, compared with a normal run (all cores,
# mapped). Only testdata when the corpus is absent.
set -u
sparklog=$1 src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
files=()
for f in "$src"/testdata/*.log* "$src"/testdata/*.jsonl \
         "$src"/testdata/fixtures/*.log "$corpus"/*/*; do
  [ -f "$f" ] || continue
  [ "$(basename "$f")" = CATALOG.md ] && continue
  files+=("$f")
done
[ ${#files[@]} -gt 0 ] || { echo "FAIL: no logs found"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
formats="json markdown junit github"
# run MODE OPTIONS...: stdout (text), stderr, status and the other formats
# through --output (one run renders every format).
run() {
  local mode=$1 outs=()
  shift
  for fmt in $formats; do
    outs+=(-o "$fmt=$tmp/$mode.$fmt")
  done
  "$@" "${outs[@]}" -f text --color never "$f" >"$tmp/$mode.text" \
    2>"$tmp/$mode.err"
  echo "status $?" >>"$tmp/$mode.err"
}
same=0 differ=0
for f in "${files[@]}"; do
  for cmd in report loggers jobs stages shuffles check; do
    run normal "$sparklog" "$cmd"
    run reference "$sparklog" "$cmd" --reference
    for what in text err $formats; do
      if cmp -s "$tmp/normal.$what" "$tmp/reference.$what"; then
        same=$((same + 1))
      else
        differ=$((differ + 1))
        echo "FAIL: $cmd $f: $what differs with --reference:"
        diff "$tmp/normal.$what" "$tmp/reference.$what" | head -10
      fi
    done
  done
done
echo "${#files[@]} logs: $same identical, $differ differ"
[ "$differ" -eq 0 ]
