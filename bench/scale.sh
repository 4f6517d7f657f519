#!/usr/bin/env bash
# sparklog at scale: the shapes of issue 22, each timed against its own
# reference in the same run (commands alternated, REPS repetitions,
# medians, peak RSS from /usr/bin/time), printed as Markdown with the
# targets met or not.
#
#   bench/scale.sh [--reps 5] [--dir bench/out] [--build build]
#                  [--parts streaming,short,files] [--pipe]
#                  [--stages '10000 100000 1000000'] [--short-size 300M]
#                  [--files '1 10 1000 10000'] [--file-size 14K]
#                  [--big-files 100] [--big-size 1M]
#   bench/scale.sh --smoke      # tiny sizes, one repetition, targets not
#                               # meaningful
#
# streaming: the streaming-app shape (sparkgen --scenario streaming: a job
#   of 3 stages x 2 tasks per micro-batch, about 2.4 KB a stage) at each
#   stage count: the default text report, -f json, and -f ndjson when the
#   binary has it. A log that does not fit on the disk of DIR (or every
#   log, with --pipe) is piped from the generator; the generator is then
#   timed alone and subtracted, and the table says so. Peak RSS is
#   sparklog's own in both cases.
# short: the short-stage shape (sparkgen --scenario short_stages, about 100
#   tasks a stage) against `wc -l`, next to the benchmark log of the same
#   size; -j1 against -j2; the default report's peak RSS.
# files: N small logs (sparkgen --scenario bench, one app each, distinct
#   seeds) in one invocation against their concatenation, and BIG-FILES
#   logs of BIG-SIZE likewise: the per-file cost is the difference of the
#   two medians divided by N.
# Generated logs stay in DIR and are reused by later runs.
set -euo pipefail

reps=5 dir=bench/out build=build smoke=0 pipe=0
parts=streaming,short,files
stages='10000 100000 1000000' short_size=300M
files='1 10 1000 10000' file_size=14K big_files=100 big_size=1M
while [ $# -gt 0 ]; do
  case $1 in
    --reps) reps=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --parts) parts=$2; shift 2 ;;
    --pipe) pipe=1; shift ;;
    --stages) stages=$2; shift 2 ;;
    --short-size) short_size=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --file-size) file_size=$2; shift 2 ;;
    --big-files) big_files=$2; shift 2 ;;
    --big-size) big_size=$2; shift 2 ;;
    --smoke)
      smoke=1 reps=1 stages='100 300 1000' short_size=2M
      files='1 3 10 30' big_files=3 big_size=64K
      shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "bench/scale.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/bench/lib.sh"
sparklog=$build/sparklog
gen=$build/tests/sparkgen
for b in "$sparklog" "$gen"; do
  [ -x "$b" ] || { echo "bench/scale.sh: $b not built (cmake --build $build)" >&2; exit 2; }
done
mkdir -p "$dir"
export S=$sparklog G=$gen
has_ndjson=0
"$sparklog" --help | grep -q ndjson && has_ndjson=1
cores=$(nproc)
has_part() { case ",$parts," in *",$1,"*) return 0 ;; esac; return 1; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
secs() { awk -v us="$1" 'BEGIN { printf "%.3f", us / 1e6 }'; }
human() { # 10000 -> 10k, 1000000 -> 1M
  awk -v n="$1" 'BEGIN {
    if (n >= 1e6 && n % 1e6 == 0) printf "%dM", n / 1e6
    else if (n >= 1e3 && n % 1e3 == 0) printf "%dk", n / 1e3
    else printf "%d", n }'
}
avail() { df -P -B1 "$dir" | awk 'NR == 2 { print $4 }'; }

echo "Scale: sparklog $("$sparklog" --version | sed 's/^sparklog //'), $cores cores; $reps repetitions, medians; ndjson $([ $has_ndjson = 1 ] && echo supported || echo 'not supported by this binary')"

# ---- streaming-app shape ------------------------------------------------
if has_part streaming; then
  fmts=(text json)
  [ $has_ndjson = 1 ] && fmts+=(ndjson)
  fopt() { case $1 in text) ;; *) printf -- '--format %s' "$1" ;; esac; }
  read -r -a ns <<< "$stages"
  # A log fits when its estimated size (2.5 KB a stage) and 1 GiB to spare
  # are free; when the largest does not fit, every size is piped, so that
  # the sizes are read the same way.
  need=$(( ${ns[-1]} * 2500 + (1 << 30) ))
  if [ "$pipe" = 0 ] && [ ! -s "$dir/streaming-${ns[-1]}.log" ] &&
     [ "$(avail)" -lt "$need" ]; then
    echo "streaming: $(( need >> 20 )) MiB not free in $dir: piping from the generator" >&2
    pipe=1
  fi
  declare -A times=() rss=()
  cmds=()
  for n in "${ns[@]}"; do
    h=$(human "$n") log=$dir/streaming-$n.log
    if [ "$pipe" = 0 ] && [ ! -s "$log" ]; then
      echo "generating $log ..." >&2
      "$gen" --scenario streaming --seed 1 --stages "$n" --out "$log" 2>/dev/null
    fi
    if [ "$pipe" = 1 ]; then
      cmds+=("gen $h||\"\$G\" --scenario streaming --seed 1 --stages $n >/dev/null 2>&1")
    fi
    for f in "${fmts[@]}"; do
      if [ "$pipe" = 1 ]; then
        cmds+=("$h $f||\"\$G\" --scenario streaming --seed 1 --stages $n 2>/dev/null | /usr/bin/time -f %M -o \"\$RSSF\" \"\$S\" $(fopt $f) >/dev/null")
      else
        cmds+=("$h $f||\"\$S\" $(fopt $f) \"$log\" >/dev/null")
      fi
    done
  done
  run_all
  echo
  echo "Streaming-app shape (sparkgen --scenario streaming --seed 1: a job of 3 stages x 2 tasks per micro-batch)$([ "$pipe" = 1 ] && echo '; piped from the generator: "sparklog s" is the piped run minus the generator alone')"
  echo
  echo "| stages | log MB | format | median s | sparklog s | us per stage | peak RSS MiB |"
  echo "|---:|---:|---|---:|---:|---:|---:|"
  declare -A alone=() peak=() nst=()
  for n in "${ns[@]}"; do
    h=$(human "$n")
    nst[$n]=$(( (n + 2) / 3 * 3 )) # whole jobs of three stages
    if [ "$pipe" = 1 ]; then
      g=$(echo "${times["gen $h"]}" | median)
      if [ ! -s "$dir/streaming-$n.bytes" ]; then # the log's size, once
        "$gen" --scenario streaming --seed 1 --stages "$n" 2>/dev/null |
          wc -c > "$dir/streaming-$n.bytes"
      fi
      bytes=$(cat "$dir/streaming-$n.bytes")
    else
      g=0 bytes=$(stat -L -c %s "$dir/streaming-$n.log")
    fi
    for f in "${fmts[@]}"; do
      m=$(echo "${times["$h $f"]}" | median)
      alone[$n $f]=$(awk -v a="$m" -v b="$g" 'BEGIN { print (a > b) ? a - b : 0 }')
      peak[$n $f]=${rss["$h $f"]}
      awk -v n="$h" -v b="$bytes" -v f="$f" -v m="$m" -v a="${alone[$n $f]}" \
          -v st="${nst[$n]}" -v k="${rss["$h $f"]}" 'BEGIN {
        printf "| %s | %.1f | %s | %.3f | %.3f | %.2f | %.1f |\n",
          n, b / 1e6, f, m / 1e6, a / 1e6, a / st, k / 1024 }'
    done
    if [ "$pipe" = 1 ]; then
      echo "| $h | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') | generator alone | $(secs "$g") | | | |"
    fi
  done
  # The targets compare the two largest sizes (100k and 1M by default).
  mid=${ns[-2]} big=${ns[-1]} hm=$(human "${ns[-2]}") hb=$(human "${ns[-1]}")
  lim=$(awk -v a="$big" -v b="$mid" 'BEGIN { printf "%.1f", 1.1 * a / b }')
  echo
  echo "| target | measured | limit | |"
  echo "|---|---:|---:|---|"
  for f in "${fmts[@]}"; do
    target "streaming $f: time($hb) / time($hm)" \
      "$(ratio "${alone[$big $f]}" "${alone[$mid $f]}")" "<=" "$lim"
  done
  for f in text json; do
    target "streaming $f: (RSS($hb) - RSS($hm)) / stage attempts, KiB" \
      "$(awk -v a="${peak[$big $f]}" -v b="${peak[$mid $f]}" \
             -v n=$(( nst[$big] - nst[$mid] )) 'BEGIN { print (a - b) / n }')" "<=" 1
  done
  if [ $has_ndjson = 1 ]; then
    target "streaming ndjson: peak RSS MiB at $hb stages" "$(mib "${peak[$big ndjson]}")" "<=" 64
  fi
fi

# ---- short-stage shape ----------------------------------------------------
if has_part short; then
  short=$dir/short-$short_size.log bl=$dir/bench-$short_size.log
  if [ ! -s "$short" ]; then
    echo "generating $short ..." >&2
    "$gen" --scenario short_stages --seed 1 --target-bytes "$short_size" --out "$short" 2>/dev/null
  fi
  if [ ! -s "$bl" ]; then
    echo "generating $bl ..." >&2
    "$gen" --scenario bench --seed 1 --target-bytes "$short_size" --out "$bl" 2>/dev/null
  fi
  declare -A times=() rss=()
  cmds=(
    "short: wc -l||wc -l \"$short\" >/dev/null"
    "bench: wc -l||wc -l \"$bl\" >/dev/null"
    "short: sparklog -f json|short: wc -l|\"\$S\" --format json \"$short\" >/dev/null"
    "bench: sparklog -f json|bench: wc -l|\"\$S\" --format json \"$bl\" >/dev/null"
    "short: sparklog -j1 -f json|short: sparklog -j2 -f json|\"\$S\" --threads 1 --format json \"$short\" >/dev/null"
    "short: sparklog -j2 -f json||\"\$S\" --threads 2 --format json \"$short\" >/dev/null"
    "short: sparklog (text report)||\"\$S\" \"$short\" >/dev/null"
  )
  run_all
  echo
  echo "Short-stage shape: $short ($(stat -L -c %s "$short") bytes, $(wc -l < "$short") lines, $(grep -c 'Adding task set' "$short") task sets) next to $bl ($(stat -L -c %s "$bl") bytes, $(grep -c 'Adding task set' "$bl") task sets)"
  echo
  echo "| command | median s | peak RSS MiB | ratio | reference |"
  echo "|---|---:|---:|---:|---|"
  declare -A med=()
  for entry in "${cmds[@]}"; do
    name=${entry%%|*}; med[$name]=$(echo "${times[$name]}" | median)
  done
  for entry in "${cmds[@]}"; do
    name=${entry%%|*}; rest=${entry#*|}; ref=${rest%%|*}
    r=
    [ -n "$ref" ] && r=$(awk -v a="${med[$name]}" -v b="${med[$ref]}" 'BEGIN { printf "%.2f", a / b }')
    echo "| $name | $(secs "${med[$name]}") | $(mib "${rss[$name]}") | $r | $ref |"
  done
  echo
  echo "| target | measured | limit | |"
  echo "|---|---:|---:|---|"
  target "short stages: (sparklog / wc -l) / the benchmark log's" \
    "$(awk -v a="${med["short: sparklog -f json"]}" -v b="${med["short: wc -l"]}" \
           -v c="${med["bench: sparklog -f json"]}" -v d="${med["bench: wc -l"]}" \
           'BEGIN { print (a / b) / (c / d) }')" "<=" 1.3
  target "short stages: -j1 / -j2" \
    "$(ratio "${med["short: sparklog -j1 -f json"]}" "${med["short: sparklog -j2 -f json"]}")" ">=" 1.3
  target "short stages: default report peak RSS MiB" \
    "$(mib "${rss["short: sparklog (text report)"]}")" "<=" 64
fi

# ---- many files -----------------------------------------------------------
# make_set N SIZE: N logs of about SIZE, each one application (sparkgen
# seeds 1..N), in DIR/files-SIZE-N/, and their concatenation beside it.
# A smaller set copies the first files of a larger one when there is one.
make_set() {
  local n=$1 sz=$2 d=$dir/files-$1-$2 i from=
  if [ ! -e "$d/.complete" ]; then
    rm -rf "$d"; mkdir -p "$d"
    for f in "$dir"/files-*-"$sz"/.complete; do
      [ -e "$f" ] || continue
      local m=${f#"$dir"/files-}; m=${m%%-*}
      if [ "$m" -gt "$n" ]; then from=$(dirname "$f"); break; fi
    done
    echo "generating $d ..." >&2
    if [ -n "$from" ]; then
      for ((i = 1; i <= n; i++)); do printf '%s/app-%05d.log\n' "$from" "$i"; done |
        xargs cp -t "$d"
    else
      for ((i = 1; i <= n; i++)); do
        "$gen" --scenario bench --seed "$i" --target-bytes "$sz" \
          --out "$(printf '%s/app-%05d.log' "$d" "$i")" 2>/dev/null
      done
    fi
    cat "$d"/*.log > "$d.cat.log"
    touch "$d/.complete"
  fi
}
if has_part files; then
  read -r -a fs <<< "$files"
  # The largest set first, so that the others are copied from it.
  for ((k = ${#fs[@]} - 1; k >= 0; k--)); do make_set "${fs[k]}" "$file_size"; done
  make_set "$big_files" "$big_size"
  declare -A times=() rss=()
  cmds=()
  sets=()
  for n in "${fs[@]}"; do sets+=("$n $file_size"); done
  sets+=("$big_files $big_size")
  for s in "${sets[@]}"; do
    read -r n sz <<< "$s"; d=$dir/files-$n-$sz
    cmds+=("$n x $sz: files||\"\$S\" \"$d\"/*.log >/dev/null"
           "$n x $sz: concatenation||\"\$S\" \"$d.cat.log\" >/dev/null")
  done
  run_all
  echo
  echo "Many files (sparkgen --scenario bench, one application a file, seeds 1..N), default text report, one invocation against the concatenation:"
  echo
  echo "| files | KB each | total MB | files s | concatenation s | ratio | per-file us | peak RSS MiB (files) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  declare -A pf=() rt=()
  for s in "${sets[@]}"; do
    read -r n sz <<< "$s"; d=$dir/files-$n-$sz
    a=$(echo "${times["$n x $sz: files"]}" | median)
    c=$(echo "${times["$n x $sz: concatenation"]}" | median)
    bytes=$(stat -L -c %s "$d.cat.log")
    pf[$s]=$(awk -v a="$a" -v c="$c" -v n="$n" 'BEGIN { print (a - c) / n }')
    rt[$s]=$(ratio "$a" "$c")
    awk -v n="$n" -v b="$bytes" -v a="$a" -v c="$c" -v p="${pf[$s]}" \
        -v r="${rt[$s]}" -v k="${rss["$n x $sz: files"]}" 'BEGIN {
      printf "| %d | %.1f | %.1f | %.3f | %.3f | %.2f | %.1f | %.1f |\n",
        n, b / n / 1e3, b / 1e6, a / 1e6, c / 1e6, r, p, k / 1024 }'
  done
  echo
  echo "| target | measured | limit | |"
  echo "|---|---:|---:|---|"
  target "per-file cost, us ($(human "${fs[-1]}") files of $file_size)" "${pf[${fs[-1]} $file_size]}" "<=" 30
  target "$big_files files of $big_size / their concatenation" "${rt[$big_files $big_size]}" "<=" 1.2
fi

if [ "$smoke" = 1 ]; then
  # The smoke run checks that the generated shapes are what they claim.
  if has_part streaming; then
    n=${ns[0]}
    "$gen" --scenario streaming --seed 1 --stages "$n" 2>/dev/null |
      "$sparklog" --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
n = sum(len(a["stages"]) for a in d["apps"])
assert n == int(sys.argv[1]), (n, sys.argv[1])
print("smoke: streaming", n, "stage attempts")' "${nst[$n]}"
  fi
  if has_part files; then
    n=${fs[-1]}
    "$sparklog" --format json "$dir/files-$n-$file_size"/*.log | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d["apps"]) == int(sys.argv[1]), (len(d["apps"]), sys.argv[1])
print("smoke: files", len(d["apps"]), "apps")' "$n"
  fi
fi
