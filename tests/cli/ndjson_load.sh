#!/usr/bin/env bash
# The ndjson stream loads as rows: pandas.read_json(lines=True) (Debian
# python3-pandas) and jq (Debian jq) count the stage rows and sum their
# task time, which must equal the full JSON report's numbers for the same
# input. Skipped (77) when pandas or jq is missing.
set -u
command -v jq >/dev/null || { echo "SKIP: jq missing"; exit 77; }
# Debian's python3-pandas is for Debian's python3, which a PATH may put
# behind another.
py=
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import pandas' 2>/dev/null; then
    py=$p
    break
  fi
done
[ -n "$py" ] || { echo "SKIP: pandas (python3-pandas) missing"; exit 77; }
sparklog=$1 src=$2 build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inputs=("$src"/testdata/small-job.log "$src"/testdata/spark35-local.log.gz)
gen=$build/tests/sparkgen
if [ -x "$gen" ]; then
  "$gen" --scenario multi_app --seed 5 --target-bytes 400K \
    --out "$tmp/multi.log" >/dev/null 2>&1 && inputs+=("$tmp/multi.log")
  "$gen" --scenario streaming --seed 5 --jobs 300 \
    --out "$tmp/stream.log" >/dev/null 2>&1 && inputs+=("$tmp/stream.log")
fi
fail=0
for f in "${inputs[@]}"; do
  "$sparklog" -f ndjson "$f" >"$tmp/s.ndjson" 2>/dev/null
  "$sparklog" -f json "$f" >"$tmp/r.json" 2>/dev/null
  want=$(jq -r '[.apps[].stages[]] | "\(length) \(map(.task_ms.sum // 0)
                | add // 0)"' "$tmp/r.json")
  got_jq=$(jq -rs '[.[] | select(.type == "stage")] | "\(length)
                   \(map(.task_ms.sum // 0) | add // 0)"' "$tmp/s.ndjson" |
           tr '\n' ' ' | tr -s ' ' | sed 's/ $//')
  got_pd=$("$py" - "$tmp/s.ndjson" <<'PY'
import sys
import pandas
df = pandas.read_json(sys.argv[1], lines=True)
st = df[df["type"] == "stage"]
total = sum(int(t["sum"] or 0) for t in st["task_ms"])
print(len(st), total)
PY
)
  [ "$got_jq" = "$want" ] ||
    { echo "FAIL: $f: jq counts '$got_jq', the report '$want'"; fail=1; }
  [ "$got_pd" = "$want" ] ||
    { echo "FAIL: $f: pandas counts '$got_pd', the report '$want'"; fail=1; }
  echo "$f: $want"
done
exit $fail
