#!/usr/bin/env bash
# label: slow
# The ndjson stream's memory per stage (issue 22): the peak RSS of
# `--format ndjson` at 20,000 and 200,000 streaming stages
# (tests/gen/sparkgen.c, piped), and the slope between them.
#
# The stream alone folds a stage once it ended past the first
# SLG_NDJSON_HELD (16,384) held (model.h slg_model_set_fold_held), so
# from 20,000 stages on what grows is the jobs, the shuffles and the
# written marks: the stream's end still puts out one shuffle object per
# shuffle and every job no end followed. Before the folding the slope
# was about 1,020 bytes per stage, with it about 270, so 400. The
# issue's target (flat: 1,000,000 stages in 64 MiB) needs the jobs and
# shuffles folded too.
. "$(dirname "$0")/hostile_lib.bash"
GEN="$BUILD/tests/sparkgen"
[ -x "$GEN" ] || { echo "skip: $GEN not built"; exit 77; }
[ -x /usr/bin/time ] || { echo "skip: no GNU time at /usr/bin/time"; exit 77; }
if sanitized; then
  echo "skip: a sanitizer build: its memory is not the program's"
  exit 77
fi

# rss N: the peak RSS in KiB of `sparklog -j1 --format ndjson` reading N
# stages from the generator; the stream's lines go to $T/lines.
rss() {
  "$GEN" --scenario streaming --stages "$1" |
    /usr/bin/time -f %M -o "$T/rss" "$BIN" -j1 --format ndjson \
      >"$T/out" 2>"$T/err"
  wc -l <"$T/out" >"$T/lines"
  tail -1 "$T/rss"
}

bound=400
a=$(rss 20000) && la=$(cat "$T/lines") && b=$(rss 200000) &&
  lb=$(cat "$T/lines")
# The stream was written whole: a stage line per stage at least.
if [ "${la:-0}" -ge 20000 ] && [ "${lb:-0}" -ge 200000 ]; then
  ok "ndjson wrote $la and $lb lines"
else
  fail "ndjson wrote ${la:-no} and ${lb:-no} lines"
fi
per=$(((b - a) * 1024 / 180000))
what="ndjson: peak RSS $a KiB at 20,000 stages, $b KiB at 200,000"
if [ "$per" -le "$bound" ]; then
  ok "$what: $per bytes per stage"
else
  fail "$what: $per bytes per stage (> $bound)"
fi

finish
