#!/usr/bin/env bash
# sparklog benchmark: generate a pinned synthetic driver log (and its gzip
# twin), then time sparklog against reference tools in the same run,
# alternating commands, several repetitions, reporting medians.
#
#   bench/run.sh [--size 1G] [--reps 5] [--dir bench/out] [--build build]
#   bench/run.sh --smoke        # 10 MB, one repetition, no targets checked
#
# Prints a Markdown table: median seconds, MB/s and lines/s of the plain
# file, peak RSS, and each command's ratio to its reference.
set -euo pipefail

size=1G reps=5 dir=bench/out build=build smoke=0
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --smoke) smoke=1 size=10M reps=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

sparklog=$build/sparklog
gen=$build/tests/sparkgen
for b in "$sparklog" "$gen"; do
  [ -x "$b" ] || { echo "bench/run.sh: $b not built (cmake --build $build)" >&2; exit 2; }
done
mkdir -p "$dir"
log=$dir/bench-$size.log
if [ ! -s "$log" ]; then
  echo "generating $log ..." >&2
  "$gen" --scenario bench --seed 1 --target-bytes "$size" --out "$log"
fi
if [ ! -s "$log.gz" ] || [ "$log.gz" -ot "$log" ]; then
  echo "compressing $log.gz ..." >&2
  gzip -6 -c "$log" > "$log.gz"
fi
bytes=$(stat -c %s "$log")
lines=$(wc -l < "$log")

# name|reference name|command (run with bash -c; $L is the log)
cmds=(
  "wc -l||wc -l \"\$L\" >/dev/null"
  "cat||cat \"\$L\" >/dev/null"
  "awk|sort|uniq -c||mawk '{print \$4}' \"\$L\" | LC_ALL=C sort | uniq -c >/dev/null"
  "sparklog (file)|wc -l|\"\$S\" --format json \"\$L\" >/dev/null"
  "sparklog --threads 1|wc -l|\"\$S\" --threads 1 --format json \"\$L\" >/dev/null"
  "sparklog (stdin)|sparklog (file)|cat \"\$L\" | \"\$S\" --format json >/dev/null"
  "zcat||zcat \"\$L.gz\" >/dev/null"
  "igzip -dc||igzip -dc \"\$L.gz\" >/dev/null"
  "sparklog (gzip)|igzip -dc|\"\$S\" --format json \"\$L.gz\" >/dev/null"
)
if ! "$sparklog" --help | grep -q -- --threads; then
  # Single-threaded build: drop the --threads row.
  cmds=("${cmds[@]/sparklog --threads 1|*/}")
fi
command -v igzip >/dev/null || cmds=("${cmds[@]/igzip -dc||*/}")

declare -A times rss
export L=$log S=$sparklog
for ((r = 1; r <= reps; r++)); do
  for entry in "${cmds[@]}"; do
    [ -n "$entry" ] || continue
    name=${entry%%|*}; rest=${entry#*|}; cmd=${rest#*|}
    t0=$(date +%s%N)
    /usr/bin/time -f %M -o "$dir/rss" bash -c "$cmd"
    t1=$(date +%s%N)
    times[$name]+="$(( (t1 - t0) / 1000 )) "
    m=$(tail -n 1 "$dir/rss")
    if [ -z "${rss[$name]:-}" ] || [ "$m" -gt "${rss[$name]}" ]; then rss[$name]=$m; fi
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "Input: $log, $bytes bytes, $lines lines (gzip $(stat -c %s "$log.gz") bytes); $reps repetitions, medians"
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
  awk -v n="$name" -v us="$us" -v b="$bytes" -v l="$lines" -v m="${rss[$name]}" \
      -v ref="$ref" -v rus="${med[$ref]:-}" 'BEGIN {
    s = us / 1e6
    ratio = (rus != "") ? sprintf("%.2f", us / rus) : ""
    printf "| %s | %.3f | %.0f | %.2f | %.1f | %s | %s |\n", n, s, b / 1e6 / s, l / 1e6 / s, m / 1024, ratio, ref
  }'
done
awk_us=${med["awk|sort|uniq -c"]} sl_us=${med["sparklog (file)"]}
awk -v a="$awk_us" -v s="$sl_us" 'BEGIN { printf "\nsparklog is %.1fx faster than awk | sort | uniq -c\n", a / s }'
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
