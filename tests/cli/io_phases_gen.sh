#!/usr/bin/env bash
# The generator's I/O phase scenarios (tests/gen/sparkgen.c run_io): in
# each, sparklog finds the phase the generator wrote (its kind, as many
# lines as the log has of it) and raises IO_PHASE_DOMINATES for it, as the
# truth expects; on the clean scenario (whose only I/O lines are its
# broadcasts) it raises none.
# Usage: io_phases_gen.sh SPARKLOG SOURCE_DIR BUILD_DIR
set -u
bin=$1
GEN="$3/tests/sparkgen"
[ -x "$GEN" ] || { echo "SKIP: $GEN not built"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for pair in io_listing:listing:InMemoryFileIndex \
            io_commit:write_commit:FileFormatWriter \
            io_metastore:metastore:HiveMetaStore \
            io_broadcast:broadcast_build:BroadcastExchangeExec clean:-:-; do
  IFS=: read -r scen kind logger <<<"$pair"
  # SparkContext's "Created broadcast N from" is a broadcast line too.
  extra=
  [ "$kind" = broadcast_build ] && extra='| SparkContext: Created broadcast [0-9]+ from'
  "$GEN" --scenario "$scen" --seed 7 --out "$tmp/$scen.log" \
    --truth "$tmp/$scen.json" || { echo "FAIL $scen: sparkgen"; fail=1; continue; }
  lines=0
  [ "$logger" = - ] || lines=$(grep -Ec " $logger: $extra" "$tmp/$scen.log")
  "$bin" -f json "$tmp/$scen.log" >"$tmp/$scen.out"
  python3 - "$tmp/$scen.out" "$tmp/$scen.json" "$kind" "$lines" <<'PY' ||
import json, sys
doc = json.load(open(sys.argv[1]))
truth = json.load(open(sys.argv[2]))
kind, lines = sys.argv[3], int(sys.argv[4])
want = sorted(f["id"] for f in truth["expected_findings"]
              if f["id"] == "IO_PHASE_DOMINATES")
got = [f for f in doc["findings"] if f["id"] == "IO_PHASE_DOMINATES"]
assert sorted(f["id"] for f in got) == want, (got, want)
io = doc["apps"][0]["io_phases"]
if kind != "-":
    assert io[kind]["lines"] == lines, (io, lines)
    ev = got[0]["evidence"]
    assert ev["phase"] == kind, ev
PY
  { echo "FAIL: $scen"; fail=1; }
done
exit $fail
