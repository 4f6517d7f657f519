#!/usr/bin/env bash
# label: cli
# The messages section against what the generator wrote: sparkgen's
# warn_heavy scenario (the bench workload with 10% WARN/ERROR lines from a
# fixed set of templates, ids, hosts and paths varied) states in its truth
# every template and its count; sparklog must count exactly those, with
# every format's path (serial, parallel chunks of several sizes,
# --reference) giving the same templates, and --max-templates folding the
# rest into templates_other.
# Usage: bash messages_warn_heavy.sh SPARKLOG SOURCE_DIR BUILD_DIR
set -u
sparklog=$1 build=$3
gen="$build/tests/sparkgen"
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen" --scenario warn_heavy --target-bytes 2M --seed 7 \
  --out "$tmp/wh.log" --truth "$tmp/wh.truth" 2>/dev/null || exit 1
fail=0
check() {
  name=$1
  shift
  "$sparklog" -f json "$@" "$tmp/wh.log" >"$tmp/$name.json"
  python3 - "$tmp/wh.truth" "$tmp/$name.json" "$name" <<'PY' || fail=1
import json, sys
truth = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
name = sys.argv[3]
apps = doc["apps"]
want = {(m["level"], m["logger"], m["template"]): m["count"]
        for m in truth["messages"]}
got = {}
lines = 0
for a in apps:
    for m in a["messages"]:
        k = (m["level"], m["logger"], m["template"])
        got[k] = got.get(k, 0) + m["count"]
    lines += a["warn_error_lines"]
ok = True
if name == "capped":
    a = apps[0]
    kept = sum(m["count"] for m in a["messages"])
    if len(a["messages"]) != 3 or \
       kept + a["templates_other"]["lines"] != truth["warn_error_lines"] or \
       a["templates_other"]["templates"] != len(want) - 3:
        print("FAIL %s: 3 kept + templates_other %s != %d lines, %d templates"
              % (name, a["templates_other"], truth["warn_error_lines"],
                 len(want)))
        ok = False
else:
    for k in sorted(set(want) | set(got)):
        if want.get(k) != got.get(k):
            print("FAIL %s: %s: sparklog %s, generator %s"
                  % (name, k, got.get(k), want.get(k)))
            ok = False
if lines != truth["warn_error_lines"]:
    print("FAIL %s: warn_error_lines %d, generator %d"
          % (name, lines, truth["warn_error_lines"]))
    ok = False
# The local[n] warning is explained.
if name != "capped":
    ex = [m for a in apps for m in a["messages"]
          if m["logger"] == "StreamingContext"]
    if not ex or not ex[0]["explain"]:
        print("FAIL %s: the local[n] receivers warning has no explain" % name)
        ok = False
sys.exit(0 if ok else 1)
PY
}
check serial --threads 1
check parallel --threads 2
check chunks --threads 2 --chunk-size 7000
check reference --reference
check capped --max-templates 3
# The text report shows the section and the explanation.
"$sparklog" --width 100 "$tmp/wh.log" >"$tmp/wh.txt"
grep -q '^Messages$' "$tmp/wh.txt" || { echo "FAIL: no Messages section"; fail=1; }
grep -q 'a DStream receiver occupies it' "$tmp/wh.txt" ||
  { echo "FAIL: the local[n] explanation is not in the text"; fail=1; }
# ndjson: one message object per template.
"$sparklog" -f ndjson "$tmp/wh.log" >"$tmp/wh.ndjson"
n=$(grep -c '"type":"message"' "$tmp/wh.ndjson")
want=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['messages']))" "$tmp/wh.truth")
[ "$n" = "$want" ] || { echo "FAIL: $n ndjson message objects, want $want"; fail=1; }
[ $fail = 0 ] && echo "ok: sparklog counts the generator's templates"
exit $fail
