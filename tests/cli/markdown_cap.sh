#!/usr/bin/env bash
# label: cli
# The Markdown summary stays under GitHub's 1 MiB step-summary limit
# whatever the input: 800 files whose names are 240 '&' (5 bytes each
# once escaped) list 50 file lines and count the rest.
set -u
sparklog=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }
amp=$(printf '&%.0s' $(seq 240))
for i in $(seq -w 1 800); do
  ln -s "$src/testdata/small-job.log" "$tmp/$i$amp.log"
done
"$sparklog" --no-config -f markdown "$tmp"/*.log >"$tmp/out.md" 2>/dev/null </dev/null
size=$(wc -c <"$tmp/out.md")
[ "$size" -le 1048576 ] || no "$size bytes, over 1 MiB"
grep -q '^750 more files in the JSON report\.$' "$tmp/out.md" ||
  no "the files beyond 50 are not counted: $(grep -c '^- ' "$tmp/out.md") lines"
"$sparklog" --no-config check -f markdown -o "markdown=$tmp/o.md" "$tmp"/*.log \
  >/dev/null 2>&1 </dev/null
size=$(wc -c <"$tmp/o.md")
[ "$size" -le 1048576 ] || no "--output: $size bytes, over 1 MiB"
[ $fail = 0 ] && echo "ok: $size bytes"
exit $fail
