#!/usr/bin/env bash
# sparklog benchmark: generate a pinned synthetic driver log (and its gzip
# twin), then time sparklog against reference tools in the same run,
# alternating commands, several repetitions, reporting medians.
#
#   bench/run.sh [--size 1G] [--reps 5] [--dir bench/out] [--build build]
#                [--linear 10G] [--scale]
#   bench/run.sh --smoke        # 10 MB, one repetition, no targets checked
#
# Prints Markdown: a table of median seconds, MB/s and lines/s of the
# plain file, peak RSS and each command's ratio to its reference; the
# scaling from 1 to N threads; the issue's targets, each met or not. With
# --linear SIZE, also a SIZE log, timed alternately with the first once more,
# and the ratio of the two medians.
# With --scale, also bench/scale.sh (streaming-app and short-stage shapes,
# many files) with the same --reps, --dir and --build; --smoke runs it at
# tiny sizes.
# The zlib rows use a second build with -DSLG_ISAL=OFF, made here in
# BUILD-zlib when missing.
set -euo pipefail

size=1G reps=5 dir=bench/out build=build smoke=0 linear= scale=0
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --linear) linear=$2; shift 2 ;;
    --scale) scale=1; shift ;;
    --smoke) smoke=1 size=10M reps=1 scale=1; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/bench/lib.sh"
sparklog=$build/sparklog
gen=$build/tests/sparkgen
for b in "$sparklog" "$gen"; do
  [ -x "$b" ] || { echo "bench/run.sh: $b not built (cmake --build $build)" >&2; exit 2; }
done
zbuild=$build-zlib
if [ ! -x "$zbuild/sparklog" ] || [ "$zbuild/sparklog" -ot "$sparklog" ]; then
  echo "building $zbuild (zlib backend) ..." >&2
  cmake -S "$src" -B "$zbuild" -DSLG_ISAL=OFF -DSLG_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$zbuild" -j"$(nproc)" --target sparklog >/dev/null
fi
mkdir -p "$dir"

make_log() { # make_log SIZE [plain] -> path (a .gz twin beside it unless plain)
  local log=$dir/bench-$1.log
  if [ ! -s "$log" ]; then
    echo "generating $log ..." >&2
    "$gen" --scenario bench --seed 1 --target-bytes "$1" --out "$log" >&2
  fi
  if [ -z "${2:-}" ] && { [ ! -s "$log.gz" ] || [ "$log.gz" -ot "$log" ]; }; then
    echo "compressing $log.gz ..." >&2
    gzip -6 -c "$log" > "$log.gz"
  fi
  echo "$log"
}
log=$(make_log "$size")
bytes=$(stat -L -c %s "$log")
lines=$(wc -l < "$log")
cores=$(nproc)

# name|reference name|command (run with bash -c; $L is the log, $S and $Z
# the ISA-L and zlib builds).
cmds=(
  "wc -l||wc -l \"\$L\" >/dev/null"
  "cat||cat \"\$L\" >/dev/null"
  "mawk+sort+uniq -c||mawk '{print \$4}' \"\$L\" | LC_ALL=C sort | uniq -c >/dev/null"
  "sparklog (file)|wc -l|\"\$S\" --format json \"\$L\" >/dev/null"
  "sparklog (stdin)|sparklog (file)|cat \"\$L\" | \"\$S\" --format json >/dev/null"
  "sparklog --threads 1|wc -l|\"\$S\" --threads 1 --format json \"\$L\" >/dev/null"
  "sparklog --threads 1 (stdin)|sparklog --threads 1|cat \"\$L\" | \"\$S\" --threads 1 --format json >/dev/null"
  "zcat||zcat \"\$L.gz\" >/dev/null"
  "igzip -dc||igzip -dc \"\$L.gz\" >/dev/null"
  "sparklog (gzip, ISA-L)|igzip -dc|\"\$S\" --format json \"\$L.gz\" >/dev/null"
  "sparklog (gzip, zlib)|zcat|\"\$Z\" --format json \"\$L.gz\" >/dev/null"
)
# Scaling: every thread count up to the cores (the default is the cores).
for ((t = 2; t < cores; t++)); do
  cmds+=("sparklog --threads $t|wc -l|\"\$S\" --threads $t --format json \"\$L\" >/dev/null")
done
if ! command -v igzip >/dev/null; then
  cmds=("${cmds[@]/igzip -dc||*/}")
  cmds=("${cmds[@]/sparklog (gzip, ISA-L)*/}")
fi
if ! "$sparklog" --version | grep -q isa-l; then
  cmds=("${cmds[@]/sparklog (gzip, ISA-L)*/}")
fi

declare -A times rss
export S=$sparklog Z=$zbuild/sparklog
run_all_log() { # run_all_log LOG: run_all with $L set to LOG
  export L=$1
  run_all
}
run_all_log "$log"

echo "Machine: $cores cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); sparklog $("$sparklog" --version | sed 's/^sparklog //')"
echo "Input: $log, $bytes bytes, $lines lines (gzip $(stat -L -c %s "$log.gz") bytes); $reps repetitions, medians; sparklog's default is --threads $cores"
echo
echo "| command | median s | MB/s | Mlines/s | peak RSS MiB | ratio | reference |"
echo "|---|---:|---:|---:|---:|---:|---|"
declare -A med
for entry in "${cmds[@]}"; do
  [ -n "$entry" ] || continue
  name=${entry%%|*}
  med[$name]=$(echo "${times[$name]}" | median)
done
for entry in "${cmds[@]}"; do
  [ -n "$entry" ] || continue
  name=${entry%%|*}; rest=${entry#*|}; ref=${rest%%|*}
  us=${med[$name]}
  rus=
  [ -n "$ref" ] && rus=${med[$ref]:-}
  awk -v n="$name" -v us="$us" -v b="$bytes" -v l="$lines" -v m="${rss[$name]}" \
      -v ref="$ref" -v rus="$rus" 'BEGIN {
    s = us / 1e6
    ratio = (rus != "") ? sprintf("%.2f", us / rus) : ""
    printf "| %s | %.3f | %.0f | %.2f | %.1f | %s | %s |\n", n, s, b / 1e6 / s, l / 1e6 / s, m / 1024, ratio, ref
  }'
done

echo
echo "Scaling (plain file, median s, speed-up over --threads 1):"
echo
echo "| threads | s | MB/s | speed-up |"
echo "|---:|---:|---:|---:|"
one=${med["sparklog --threads 1"]}
for ((t = 1; t <= cores; t++)); do
  if [ "$t" = 1 ]; then n="sparklog --threads 1"
  elif [ "$t" = "$cores" ]; then n="sparklog (file)"
  else n="sparklog --threads $t"; fi
  awk -v t="$t" -v us="${med[$n]}" -v one="$one" -v b="$bytes" 'BEGIN {
    printf "| %d | %.3f | %.0f | %.2f |\n", t, us / 1e6, b / 1e6 / (us / 1e6), one / us }'
done

# The targets of the speed issue, each met or not.
echo
echo "| target | measured | limit | |"
echo "|---|---:|---:|---|"
target "plain file / wc -l" "$(ratio "${med["sparklog (file)"]}" "${med["wc -l"]}")" "<=" 2.5
target "--threads 1 MB/s (plain file)" "$(awk -v us="$one" -v b="$bytes" 'BEGIN { print b / 1e6 / (us / 1e6) }')" ">=" 1000
if [ -n "${med["sparklog (gzip, ISA-L)"]:-}" ]; then
  target "gzip (ISA-L) / igzip -dc" "$(ratio "${med["sparklog (gzip, ISA-L)"]}" "${med["igzip -dc"]}")" "<=" 1.5
fi
target "gzip (zlib) / zcat" "$(ratio "${med["sparklog (gzip, zlib)"]}" "${med["zcat"]}")" "<=" 1.10
target "awk+sort+uniq / sparklog (x faster)" "$(ratio "${med["mawk+sort+uniq -c"]}" "${med["sparklog (file)"]}")" ">=" 10
target "stdin / file (default threads)" "$(ratio "${med["sparklog (stdin)"]}" "${med["sparklog (file)"]}")" "<=" 1.3
target "stdin / file (--threads 1)" "$(ratio "${med["sparklog --threads 1 (stdin)"]}" "${med["sparklog --threads 1"]}")" "<=" 1.3
target "peak RSS MiB (plain file)" "$(awk -v k="${rss["sparklog (file)"]}" 'BEGIN { print k / 1024 }')" "<=" 64
target "peak RSS MiB (gzip)" "$(awk -v k="${rss["sparklog (gzip, zlib)"]}" 'BEGIN { print k / 1024 }')" "<=" 64

if [ -n "$linear" ]; then
  big=$(make_log "$linear" plain)
  bbytes=$(stat -L -c %s "$big")
  # The small log again, alternating with the big one: this VM's speed
  # drifts between minutes, so the two are compared from the same minutes.
  export B=$big
  cmds=("sparklog big||\"\$S\" --format json \"\$B\" >/dev/null"
        "sparklog small again||\"\$S\" --format json \"\$L\" >/dev/null")
  run_all_log "$log"
  bus=$(echo "${times["sparklog big"]}" | median)
  sus=$(echo "${times["sparklog small again"]}" | median)
  expect=$(awk -v a="$bbytes" -v b="$bytes" 'BEGIN { printf "%.2f", a / b * 1.05 }')
  echo
  echo "Linearity: $big, $bbytes bytes: $(awk -v us="$bus" 'BEGIN { printf "%.3f", us / 1e6 }') s, peak RSS $(awk -v k="${rss["sparklog big"]}" 'BEGIN { printf "%.1f", k / 1024 }') MiB; $size again, alternating with it: $(awk -v us="$sus" 'BEGIN { printf "%.3f", us / 1e6 }') s"
  echo
  echo "| target | measured | limit | |"
  echo "|---|---:|---:|---|"
  target "time($linear) / time($size)" "$(ratio "$bus" "$sus")" "<=" "$expect"
fi

if [ "$smoke" = 1 ]; then
  # The smoke run checks that everything runs and the report is whole.
  "$sparklog" --format json "$log" | python3 -c '
import json, sys
d = json.load(sys.stdin)
i = d["input"]
assert i["lines"] == i["records"] + i["continuation_lines"] + i["unrecognized_lines"]
assert i["complete"]
print("smoke: report ok,", i["lines"], "lines")'
fi

if [ "$scale" = 1 ]; then
  echo
  sargs=(--reps "$reps" --dir "$dir" --build "$build")
  [ "$smoke" = 1 ] && sargs+=(--smoke)
  bash "$src/bench/scale.sh" "${sargs[@]}"
fi
