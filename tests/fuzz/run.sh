#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Build dir: build-fuzz (override with SLG_FUZZ_BUILD). The growing corpus
# is kept in build-fuzz/corpus/<target> (seeded from tests/fuzz/seeds), so
# repeated runs continue where the last stopped. Crash inputs land in
# build-fuzz/crashes/<target>/; the script exits 1 if any target crashed,
# leaked or timed out. One line per target is appended to
# build-fuzz/fuzz-stats.txt: date, target, seconds, runs, cov, ft.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift || true
build=${SLG_FUZZ_BUILD:-build-fuzz}

CC=clang cmake -S . -B "$build" -DSLG_FUZZ=ON -DSLG_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# Every fuzz target tests/fuzz/CMakeLists.txt lists.
configured=$(cmake --build "$build" --target help |
  sed -n 's/^\.\.\. fuzz_\([a-z]*\)$/\1/p')
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  read -r -a targets <<<"$(echo $configured)"
fi
for t in "${targets[@]}"; do
  cmake --build "$build" -j2 --target "fuzz_$t" >/dev/null
done

failed=0
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz_$t: not built" >&2; failed=1; continue; }
  corpus="$build/corpus/$t"
  crashes="$build/crashes/$t"
  mkdir -p "$corpus" "$crashes"
  log="$build/fuzz_$t.log"
  echo "fuzz_$t: ${secs}s"
  # The regressions too: clang's UBSan catches some of them (NULL + 0)
  # where the GCC build of the ctest replay does not.
  extra=()
  [ -d "tests/fuzz/regressions/$t" ] && extra=("tests/fuzz/regressions/$t")
  set +e
  # -rss_limit_mb bounds memory (a gzip bomb must stream); -timeout
  # catches hangs (a single input taking > 10 s).
  ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$secs" \
    -dict=tests/fuzz/spark.dict -timeout=10 -rss_limit_mb=1024 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" \
    "$corpus" "tests/fuzz/seeds/$t" "${extra[@]}" >"$log" 2>&1
  rc=$?
  set -e
  done_line=$(grep -E '^#[0-9]+.*DONE' "$log" | tail -1 || true)
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(echo "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$done_line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
  echo "$(date -u +%FT%TZ) $t secs=$secs rc=$rc runs=${runs:-?} cov=${cov:-?} ft=${ft:-?}" \
    | tee -a "$build/fuzz-stats.txt"
  if [ $rc -ne 0 ]; then
    failed=1
    echo "fuzz_$t FAILED (exit $rc); last lines of $log:"
    tail -40 "$log"
  fi
done
exit $failed
