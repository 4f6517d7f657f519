#!/usr/bin/env bash
# A/B timing of two sparklog binaries on one log, alternating A, B, A, B,
# ... PAIRS times (bench/README.md, "A/B runs"), with the command's extra
# arguments. Prints each pair, then the medians of wall and user+system
# seconds and B's ratio to A.
#   bench/ab.sh A B LOG [PAIRS] [-- ARGS...]
# Run on a quiet machine (uptime): the load average is printed before and
# after.
set -euo pipefail
a=$1 b=$2 log=$3 pairs=${4:-9}
shift 3; [ $# -gt 0 ] && [ "$1" != -- ] && shift
[ "${1:-}" = -- ] && shift
args=("$@")
[ -x /usr/bin/time ] || { echo "bench/ab.sh: needs /usr/bin/time" >&2; exit 2; }
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
# stderr goes to a file: on a terminal the newer binaries draw a progress
# line there, which the older ones do not, and a terminal's pace is no part
# of what is compared.
errlog=$(mktemp); trap 'rm -f "$tmp" "$errlog"' EXIT
one() { # one BIN -> "wall cpu"
  /usr/bin/time -f '%e %U %S' -o "$tmp" "$1" "${args[@]}" "$log" \
    >/dev/null 2>"$errlog"
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$tmp"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$a" "${args[@]}" "$log" >/dev/null; "$b" "${args[@]}" "$log" >/dev/null
aw=() ac=() bw=() bc=()
for i in $(seq "$pairs"); do
  read -r w c < <(one "$a"); aw+=("$w"); ac+=("$c")
  read -r w2 c2 < <(one "$b"); bw+=("$w2"); bc+=("$c2")
  echo "pair $i: A $w s (cpu $c)  B $w2 s (cpu $c2)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
ma=$(median "${aw[@]}") mb=$(median "${bw[@]}")
ca=$(median "${ac[@]}") cb=$(median "${bc[@]}")
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median wall: A $ma s, B $mb s, B/A $(awk -v a="$ma" -v b="$mb" 'BEGIN{printf "%.3f", b/a}')"
echo "median cpu:  A $ca s, B $cb s, B/A $(awk -v a="$ca" -v b="$cb" 'BEGIN{printf "%.3f", b/a}')"
