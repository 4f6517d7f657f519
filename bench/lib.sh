# Shared by the benchmark scripts (sourced, not run): alternate commands,
# take medians, print targets. The caller sets dir (scratch directory),
# reps (repetitions) and the array cmds of "name|reference name|command"
# entries (each command run with bash -c; an empty entry is skipped), and
# declares the associative arrays times and rss.

# run_all: every command REPS times, alternating, recording each run's wall
# time (microseconds, in times[name]) and the largest peak RSS (KiB, in
# rss[name]). A command that measures its own peak (a pipeline in which
# only one process counts) writes it with /usr/bin/time -o "$RSSF"; that
# figure then replaces the whole command's.
run_all() {
  export RSSF=$dir/rss.own
  local r entry name rest cmd t0 t1 m
  for ((r = 1; r <= reps; r++)); do
    for entry in "${cmds[@]}"; do
      [ -n "$entry" ] || continue
      name=${entry%%|*}; rest=${entry#*|}; cmd=${rest#*|}
      rm -f "$RSSF"
      t0=$(date +%s%N)
      /usr/bin/time -f %M -o "$dir/rss" bash -c "$cmd"
      t1=$(date +%s%N)
      times[$name]+="$(( (t1 - t0) / 1000 )) "
      if [ -s "$RSSF" ]; then m=$(tail -n 1 "$RSSF"); else m=$(tail -n 1 "$dir/rss"); fi
      if [ -z "${rss[$name]:-}" ] || [ "$m" -gt "${rss[$name]}" ]; then rss[$name]=$m; fi
    done
  done
}

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

target() { # target DESCRIPTION VALUE OP LIMIT
  awk -v d="$1" -v v="$2" -v op="$3" -v lim="$4" 'BEGIN {
    ok = (op == "<=") ? (v <= lim) : (v >= lim)
    printf "| %s | %.2f | %s %s | %s |\n", d, v, op, lim, ok ? "met" : "NOT met" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", a / b }'; }
