#!/usr/bin/env bash
# label: slow
# Memory grows by what is kept per stage, not by the report: the peak RSS
# of the default report and of -f json at 20,000 and 200,000 streaming
# stages (tests/gen/sparkgen.c, piped), and the slope between them (issue
# 22: a finished attempt keeps what the report prints; the JSON report
# streams through a bounded buffer instead of being built whole). Before,
# a stage kept about 3.2 KiB and the JSON document 2.4 KiB more. The
# issue's target, 1 KiB per stage measured from 100,000 to 1,000,000
# stages, is too slow for a test; at this tenth of the size the slope
# is a little higher (the allocator's steps), hence the bounds below:
# text 1,100 bytes, json 1,200.
. "$(dirname "$0")/hostile_lib.bash"
GEN="$BUILD/tests/sparkgen"
[ -x "$GEN" ] || { echo "skip: $GEN not built"; exit 77; }
[ -x /usr/bin/time ] || { echo "skip: no GNU time at /usr/bin/time"; exit 77; }
if sanitized; then
  echo "skip: a sanitizer build: its memory is not the program's"
  exit 77
fi

# rss N ARGS...: the peak RSS in KiB of `sparklog -j1 ARGS` reading N
# stages from the generator.
rss() {
  local n=$1
  shift
  "$GEN" --scenario streaming --stages "$n" |
    /usr/bin/time -f %M -o "$T/rss" "$BIN" -j1 "$@" >/dev/null 2>"$T/err"
  tail -1 "$T/rss"
}

for args in "" "-f json"; do
  bound=1100
  [ -n "$args" ] && bound=1200
  # shellcheck disable=SC2086
  a=$(rss 20000 $args) && b=$(rss 200000 $args)
  per=$(( (b - a) * 1024 / 180000 ))
  what="${args:-text}: peak RSS $a KiB at 20,000 stages, $b KiB at 200,000"
  if [ "$per" -le "$bound" ]; then
    ok "$what: $per bytes per stage"
  else
    fail "$what: $per bytes per stage (> $bound)"
  fi
done

finish
