#!/usr/bin/env bash
# label: cli
# Many small files parsed on several threads (src/run/ahead.c, registry row
# run-files-ahead) give the report of reading them one by one: a directory
# of 120 small generated logs of several scenarios and layouts, with odd
# files among them (empty, no final newline, gzip, one of several chunks,
# one of a few hundred KiB, a blank-lines-only one, a testdata log), read
# by default, with -j3, --no-mmap and a small --chunk-size, is
# byte-identical (stdout, stderr, exit status) to -j1 and to --reference,
# in text, JSON, ndjson, check and --each. In a build that counts fast-path
# hits, the row is taken with two threads and never with -j1 or
# --reference.
. "$(dirname "$0")/hostile_lib.bash"
need gzip
GEN="$BUILD/tests/sparkgen"
[ -x "$GEN" ] || { echo "skip: $GEN not built"; exit 77; }

D=$T/logs
mkdir -p "$D/sub"
n=0
for seed in $(seq 1 20); do
  for sc in bench clean task_retry_abort executor_loss multi_app skew; do
    layout=default
    [ $((seed % 5)) -eq 0 ] && layout=glue
    [ $((seed % 7)) -eq 0 ] && layout=json
    dir=$D
    [ $((seed % 3)) -eq 0 ] && dir=$D/sub
    "$GEN" --scenario $sc --seed "$seed" --layout $layout \
      --target-bytes $((4 + seed % 9))K --out "$dir/$sc-$seed.log" \
      >/dev/null 2>&1 || fail "sparkgen $sc $seed"
    n=$((n + 1))
  done
done
: >"$D/empty.log"
printf '\n\n\n' >"$D/blank.log"
head -c 5000 "$D/bench-1.log" >"$D/cut.log" # no final newline
gzip -c "$D/clean-2.log" >"$D/clean-2b.log.gz"
"$GEN" --scenario bench --seed 99 --target-bytes 700K \
  --out "$D/sub/two-chunks.log" >/dev/null 2>&1
"$GEN" --scenario bench --seed 98 --target-bytes 300K \
  --out "$D/sub/window.log" >/dev/null 2>&1
cp "$SRC/testdata/fixtures/executor-oom-yarn-spark35.log" "$D/oom.log"
[ "$(find "$D" -type f | wc -l)" -ge 120 ] || fail "not enough files"

# same NAME ARGS...: the run of ARGS with -j1 and with --reference give
# what it gives by default, and with -j3, --no-mmap and small chunks.
same() {
  local name=$1
  shift
  "$BIN" "$@" "$D" >"$T/want" 2>&1
  echo "status $?" >>"$T/want"
  local v
  for v in "-j1" "--reference" "-j2" "-j3" "-j2 --no-mmap" \
    "-j2 --chunk-size 4096"; do
    # shellcheck disable=SC2086
    "$BIN" $v "$@" "$D" >"$T/got" 2>&1
    echo "status $?" >>"$T/got"
    if cmp -s "$T/want" "$T/got"; then
      ok "$name: $v identical"
    else
      fail "$name: $v differs: $(diff "$T/want" "$T/got" | head -5)"
    fi
  done
}
same text
same json -f json
same ndjson -f ndjson
same check check
same each --each
same each-json --each -f json
same each-ndjson --each -f ndjson
same markdown -f markdown --top 50

# The row is taken with two threads, never on one or in reference mode.
if "$BIN" --fastpath-counts /dev/null >/dev/null 2>&1; then
  hits() {
    "$BIN" --fastpath-counts "$@" "$D" 2>&1 >/dev/null |
      sed -n 's/^run-files-ahead \([0-9]*\)$/\1/p'
  }
  h=$(hits -j2)
  if [ -n "$h" ] && [ "$h" -gt 100 ]; then
    ok "run-files-ahead taken $h times with -j2"
  else
    fail "run-files-ahead taken '${h}' times with -j2, want > 100"
  fi
  for v in -j1 --reference; do
    h=$(hits "$v")
    [ "$h" = 0 ] && ok "run-files-ahead not taken with $v" ||
      fail "run-files-ahead taken '${h}' times with $v"
  done
else
  echo "note: fast-path counters not built: the row's hits not checked"
fi
finish
