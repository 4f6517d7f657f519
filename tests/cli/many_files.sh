#!/usr/bin/env bash
# label: slow
# Many small logs cost little each: the instructions (valgrind's callgrind,
# so no clock is read) of 300 logs of 20 KB read as a directory, and as
# arguments, against their concatenation, on one thread and on two. The
# fixed cost
# per file (opening, the look at its first records that orders a
# directory, the file's line in the report) stays under 20,000
# instructions; it was 130,000 when every file started parsing threads
# and a chunk's tables, and copied its bytes.
. "$(dirname "$0")/hostile_lib.bash"
GEN="$BUILD/tests/sparkgen"
[ -x "$GEN" ] || { echo "skip: $GEN not built"; exit 77; }
need valgrind split
if sanitized; then
  echo "skip: a sanitizer build counts its own instructions"
  exit 77
fi
N=300

# instructions ARGS...: the instructions of `sparklog ARGS`.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$T/cg.out" \
    "$BIN" "$@" >/dev/null 2>"$T/cg.err" || return 1
  sed -n 's/^summary: \([0-9]*\).*/\1/p' "$T/cg.out" | head -1
}

"$GEN" --scenario bench --target-bytes $((N * 20 + 200))K \
  --out "$T/all.log" >/dev/null 2>&1
mkdir "$T/d"
(cd "$T/d" && split -C 20000 -a 4 -d "$T/all.log" part.)
ls "$T/d" | head -n $N | sed "s|^|$T/d/|" >"$T/list"
ls "$T/d" | tail -n +$((N + 1)) | sed "s|^|$T/d/|" | xargs -r rm
[ "$(ls "$T/d" | wc -l)" -eq $N ] || { fail "not $N parts"; finish; }
# shellcheck disable=SC2046
cat $(cat "$T/list") >"$T/cat.log"

# check WHAT ALL ONE: the instructions per file of ALL (N files) over ONE
# (their concatenation).
check() {
  if [ -z "$2" ] || [ -z "$3" ]; then
    fail "$1: callgrind failed: $(head -c 300 "$T/cg.err")"
    return
  fi
  local per=$((($2 - $3) / N))
  # 24,000: with -j2 a small file is parsed ahead on a thread (run/ahead.c),
  # whose queue and merge cost about 18,000 per file by design.
  if [ "$per" -le 24000 ]; then
    ok "$1: $per instructions per file more than the concatenation"
  else
    fail "$1: $per instructions per file more than the concatenation (> 24,000)"
  fi
}
for j in 1 2; do
  whole=$(instructions -j$j "$T/cat.log")
  check "-j$j directory" "$(instructions -j$j "$T/d")" "$whole"
  # shellcheck disable=SC2046
  check "-j$j arguments" "$(instructions -j$j $(cat "$T/list"))" "$whole"
done
finish
