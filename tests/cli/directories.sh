#!/usr/bin/env bash
# label: cli
# Many logs: a directory argument is read recursively (symbolic links not
# followed; dotfiles, archives and files that are not text skipped and
# listed once, never exit 3), its files oldest first by their first
# record (a rotated set whose names sort the wrong way), file arguments in
# argument order; --each (text headers, one JSON document per line, the
# worst status); the table of files in text and JSON; the same on the
# corpus (SLG_CORPUS_DIR, skipped there when absent).
. "$(dirname "$0")/hostile_lib.bash"
need gzip
FX=$SRC/testdata/fixtures
OK_LOG=$FX/healthy-k8s-spark35.log
OOM_LOG=$FX/executor-oom-yarn-spark35.log

# --- A directory with everything a log directory collects.
D=$T/logs
mkdir -p "$D/sub/deeper" "$D/.cache"
cp "$OK_LOG" "$D/driver.log"
cp "$OOM_LOG" "$D/sub/oom.log"
gzip -c "$FX/healthy-glue-spark33.log" >"$D/sub/deeper/glue.log.gz"
echo "hidden" >"$D/.hidden.log"
cp "$OK_LOG" "$D/.cache/copy.log"
printf 'PK\003\004not really a zip' >"$D/logs.zip"
printf '\037\213' >"$D/bundle.tar.gz"
printf '\000\001\002binary\000' >"$D/core.bin"
printf '(\265/\375zstd' >"$D/old.log.unknown"
ln -s driver.log "$D/latest.log"
ln -s /nonexistent "$D/dangling.log"

run -f json "$D"
expect_rc 0 "directory with non-log files"
[ -s "$T/err" ] && fail "directory: stderr not empty: $(head -c 300 "$T/err")"
jcheck "directory: the three logs read, recursively, symlinks not followed" \
  "sorted(f['path'].split('/logs/')[1] for f in i['files']) ==
   ['driver.log', 'sub/deeper/glue.log.gz', 'sub/oom.log'] and
   all(f['complete'] for f in i['files']) and i['complete']"
jcheck "directory: every other file skipped once, with its reason" \
  "sorted((s['path'].split('/logs/')[1], s['reason']) for s in i['skipped'])
   == [('.cache', 'dotfile'), ('.hidden.log', 'dotfile'),
       ('bundle.tar.gz', 'archive'), ('core.bin', 'not text'),
       ('dangling.log', 'symbolic link'), ('latest.log', 'symbolic link'),
       ('logs.zip', 'archive'), ('old.log.unknown', 'zstd-compressed')]"
jcheck "directory: the table of files, worst first" \
  "[r['path'].split('/logs/')[1] for r in d['verdict']['files']][0] ==
   'sub/oom.log' and d['verdict']['files'][0]['outcome'] == 'failed' and
   d['verdict']['files'][0]['jobs_failed'] == 1 and
   d['verdict']['files'][0]['worst_finding']['severity'] == 'error' and
   all(r['kind'] == 'driver' for r in d['verdict']['files'])"

# check: the failed application fails the gate (1), the skipped files do
# not make it 3; the note listing them is not report content: stderr.
run check --no-config --width 10000 "$D" # the list whole, not wrapped
expect_rc 1 "check on the directory"
if grep -q "^sparklog: note: skipped 8 files in directories: .*/logs/core.bin (not text)" "$T/err"; then
  ok "check text: skipped files listed once, on stderr"
else
  fail "check text: no skipped list on stderr: $(grep -n skipped "$T/err" | head -3)"
fi
grep -q "note:" "$T/out" && fail "check text: a note on stdout: $(grep note: "$T/out" | head -2)"
run "$D"
if grep -q "^  skipped 8 files in directories:$" "$T/out" &&
  grep -q "^    .*/logs/core.bin (not text)$" "$T/out" &&
  [ "$(grep -c "core.bin" "$T/out")" -eq 1 ]; then
  ok "text: skipped files listed in Input"
else
  fail "text: no skipped list: $(grep -n skipped "$T/out" | head -3)"
fi
if grep -q "^Files (3, worst first)$" "$T/out"; then
  ok "text: the table of files"
else
  fail "text: no table of files"
fi

# A directory of healthy logs and junk passes the gate.
rm "$D/sub/oom.log"
run check --no-config "$D"
expect_rc 0 "check on healthy logs among junk"

# --- A rotated set whose names sort the wrong way: oldest first.
R=$T/rotated
mkdir "$R"
day() { sed "s#24/03/01 #24/03/$1 #g" "$SRC/testdata/small-job.log"; }
day 05 >"$R/spark.log"
day 04 >"$R/spark.log.1"
day 03 | gzip -c >"$R/spark.log.2.gz"
day 02 >"$R/spark.log.10"
day 01 | gzip -c >"$R/app-2024-03-01-00.log.gz"
cp "$SRC/testdata/small-job.log" "$R/b-same-time.log"
sed "s#24/03/01 ##g" "$SRC/testdata/small-job.log" >"$R/a-untimed.log"
run -f json "$R"
expect_rc 0 "rotated set"
jcheck "rotated set: oldest first, ties by name, untimed last" \
  "[f['path'].split('/rotated/')[1] for f in i['files']] ==
   ['app-2024-03-01-00.log.gz', 'b-same-time.log', 'spark.log.10',
    'spark.log.2.gz', 'spark.log.1', 'spark.log', 'a-untimed.log']"

# File arguments keep their order, beside a directory in its place.
run -f json "$R/spark.log" "$R/spark.log.1" "$D/sub" "$R/spark.log.2.gz"
jcheck "arguments in order, a directory's files in its place" \
  "[f['path'].rsplit('/', 1)[1] for f in i['files']] ==
   ['spark.log', 'spark.log.1', 'glue.log.gz', 'spark.log.2.gz']"

# --- --each: text, one header per file; json, one document per line.
cp "$OOM_LOG" "$T/oom.log"
run --each "$OK_LOG" "$T/oom.log"
expect_rc 0 "--each text"
if [ "$(grep -c '^==> .* <==$' "$T/out")" -eq 2 ] &&
  [ "$(grep -c '^Verdict$' "$T/out")" -eq 2 ] &&
  ! grep -q '^Files (' "$T/out"; then
  ok "--each text: two reports under their headers, no table"
else
  fail "--each text: $(grep -n '^==>\|^Verdict\|^Files' "$T/out")"
fi
run check --no-config --each -f json "$OK_LOG" "$T/oom.log"
expect_rc 1 "--each check: the worst file's status"
expect_err "oom.log: check: FAILED" "--each check names the failing file"
if python3 - "$T/out" "$OK_LOG" "$T/oom.log" <<'EOF'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
docs = [json.loads(l) for l in lines]
assert len(docs) == 2, len(docs)
assert [d["input"]["files"][0]["path"] for d in docs] == sys.argv[2:4]
assert [len(d["input"]["files"]) for d in docs] == [1, 1]
assert [d["verdict"]["succeeded"] for d in docs] == [True, False]
assert all("files" not in d["verdict"] for d in docs)
EOF
then ok "--each json: one document per line, one file each"
else fail "--each json: $(head -c 300 "$T/out")"
fi
run --each -f junit "$OK_LOG"
expect_rc 2 "--each with junit refused"

# --- The corpus as one directory: never exit 3 for its non-log files.
corpus=${SLG_CORPUS_DIR:-$SRC/../shared/corpus}
if [ -d "$corpus" ]; then
  run -f json "$corpus"
  expect_rc 0 "corpus directory"
  jcheck "corpus directory: every file read or skipped, none twice" \
    "len(i['files']) > 10 and
     len({f['path'] for f in i['files']} | {s['path'] for s in i['skipped']})
     == len(i['files']) + len(i['skipped']) and
     len(d['verdict']['files']) == len(i['files'])"
  n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["input"]["files"]))' "$T/out")
  run --each -f json "$corpus"
  expect_rc 0 "corpus --each"
  if [ "$(wc -l <"$T/out")" -eq "$n" ] &&
    python3 -c 'import json,sys
[json.loads(l) for l in open(sys.argv[1])]' "$T/out"; then
    ok "corpus --each: $n documents, one per line"
  else
    fail "corpus --each: $(wc -l <"$T/out") lines for $n files"
  fi
else
  skip "corpus directory: $corpus not found"
fi

finish
