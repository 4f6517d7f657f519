#!/usr/bin/env bash
# label: corpus
# The fleet recipe of docs/fleet.md, run as written (the shell blocks
# between the fleet-parallel-* markers) on every file of the corpus, with
# sparklog on PATH: one sparklog per file through GNU parallel, per batch,
# and through --sshlogin (with the local machine only, ":"). The combined
# rows (application, outcome, failed jobs, task time) must equal those of
# sparklog run on each file one after the other. The Spark script is only
# compiled (CI has no Spark). Skipped (77) without GNU parallel, jq or the
# corpus.
set -euo pipefail
for t in parallel jq python3; do # a missing tool skips (77), never passes
  command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
parallel --version 2>/dev/null | grep -q 'GNU parallel' ||
  { echo "SKIP: parallel is not GNU parallel"; exit 77; }
sparklog=$1 src=$2
corpus=${SLG_CORPUS_DIR:-$src/../shared/corpus}
[ -d "$corpus" ] || { echo "SKIP: $corpus not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The Spark recipe: compiled only, never imported (no pyspark needed).
PYTHONPYCACHEPREFIX=$tmp/pycache python3 -m py_compile \
  "$src/docs/fleet/sparklog_spark.py"

mkdir -p "$tmp/bin" "$tmp/work"
ln -s "$sparklog" "$tmp/bin/sparklog"
export PATH="$tmp/bin:$PATH"
for part in local batch ssh; do
  awk -v m="fleet-parallel-$part" '
    $0 ~ "<!-- " m ":start -->" { on = 1; next }
    $0 ~ "<!-- " m ":end -->" { on = 0 }
    on && /^```sh/ { code = 1; next }
    on && /^```/ { code = 0 }
    on && code' "$src/docs/fleet.md" > "$tmp/$part.sh"
  grep -q 'parallel ' "$tmp/$part.sh" ||
    { echo "FAIL: no commands extracted for $part"; exit 1; }
done
# The ssh block with this machine as its only worker.
sed -i 's/^workers=.*/workers=:/' "$tmp/ssh.sh"
grep -q '^workers=:$' "$tmp/ssh.sh" || { echo "FAIL: no workers= line"; exit 1; }

cd "$tmp/work"
# The bucket: a copy of the corpus (the ssh recipe's --trc removes what
# it sent; a copy keeps the shared corpus out of reach).
cp -r "$corpus" logs
bash -e "$tmp/local.sh" > local.out 2> local.err
# Batches need --each (one report per file of the batch).
batch=0
if sparklog --help | grep -q -- '--each'; then
  batch=1
  bash -e "$tmp/batch.sh" > batch.out 2> batch.err
fi
bash -e "$tmp/ssh.sh" > ssh.out 2> ssh.err

# The reference: sparklog on each file, one after the other.
mkdir -p serial
i=0
while IFS= read -r f; do
  i=$((i + 1))
  sparklog --format json "$f" > "serial/$i.json" || true
done < files.txt
jq -s '[.[] | .apps[] | {file, app_id, app_name, outcome,
                         failed_jobs, total_task_ms}]' serial/*.json > apps-serial.json
jq -s '[.[] | .input.files[] | {path, bytes_read, complete, error}]' \
  serial/*.json > files-serial.json

fail=0
same() { # same A B: equal as sorted arrays
  if ! diff <(jq -S 'sort' "$1") <(jq -S 'sort' "$2") > "$1.diff"; then
    echo "FAIL: $1 differs from $2:"; head -20 "$1.diff"; fail=1
  fi
}
same apps.json apps-serial.json
same files.json files-serial.json
[ $batch = 1 ] && same apps-batch.json apps-serial.json
same apps-ssh.json apps-serial.json

# What was compared is not empty: every file, many applications, failed
# jobs and task time; the files not read whole listed, the rest not.
n=$(wc -l < files.txt)
[ "$(jq length files.json)" -eq "$n" ] || { echo "FAIL: $n files, $(jq length files.json) reports"; fail=1; }
jq -e 'length >= 20' apps.json > /dev/null || { echo "FAIL: too few apps"; fail=1; }
jq -e 'map(.failed_jobs | length) | add > 0' apps.json > /dev/null || { echo "FAIL: no failed job"; fail=1; }
jq -e 'map(.total_task_ms // 0) | add > 0' apps.json > /dev/null || { echo "FAIL: no task time"; fail=1; }
jq -e 'map(select(.complete | not)) | length > 0' files.json > /dev/null || { echo "FAIL: every file read whole?"; fail=1; }
listed=$(grep -c '^[1-9][0-9]*	sparklog ' local.out || true)
whole=$(jq '[.[] | select(.complete | not) | .path] | unique | length' files.json)
[ "$listed" -eq "$whole" ] || { echo "FAIL: $listed files listed as not whole, $whole in the reports"; cat local.out; fail=1; }
[ $fail = 0 ] && echo "fleet: $n files, $(jq length apps.json) apps: serial = parallel = ssh$([ $batch = 1 ] && echo ' = batch (--each)' || echo '; batch not run: no --each')"
exit $fail
