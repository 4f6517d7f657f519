#!/usr/bin/env bash
# label: cli
# Inputs that are neither text nor gzip: zip, xz, bzip2, zstd, lz4, 7z and
# Spark's own event-log codecs (LZ4BlockOutputStream, snappy-java), known
# by their magic bytes. Read as text they would be a report of "binary"
# lines; instead each is a clear one-line error naming the file, what it
# is and the command that decodes it, exit 3, and a report that says the
# file was not read. The files hold only the magic and some bytes after
# it (written with printf: no compressor is needed).
. "$(dirname "$0")/hostile_lib.bash"
need gzip

# name|printf bytes|what the error says|command suggested ("" for none)
cases=(
  'zip|PK\003\004\024\000\000\000\010\000|a zip archive|unzip -p'
  'xz|\375\067zXZ\000\000\004\346\326|xz-compressed|xz -dc'
  'bz2|BZh91AY\046SY\001\002|bzip2-compressed|bzip2 -dc'
  'bz2empty|BZh9\027\162\105\070\120\220\000\000\000\000|bzip2-compressed|bzip2 -dc'
  'zst|\050\265\057\375\044\005\000\000\001\002|zstd-compressed|zstd -dc'
  'lz4|\004\042\115\030\144\100\247\000\001\002|lz4-compressed|lz4 -dc'
  '7z|7z\274\257\047\034\000\004\001\002|a 7z archive|7z e -so'
  'utf16le|\377\3762\0004\000/\000|UTF-16 text|iconv -f UTF-16 -t UTF-8'
  'utf16be|\376\377\0002\0004\000/|UTF-16 text|iconv -f UTF-16 -t UTF-8'
  'utf32le|\377\376\000\0002\000\000\000|UTF-32 text|iconv -f UTF-32 -t UTF-8'
  'lz4block|LZ4Block\045\000\001\002|compressed with Spark.s lz4 codec|'
  'snappy|\202SNAPPY\000\000\000\000\001|compressed with Spark.s snappy codec|'
)
for c in "${cases[@]}"; do
  IFS='|' read -r name bytes what cmd <<<"$c"
  f="$T/log.$name"
  printf "$bytes" >"$f"
  printf 'more bytes after the magic\n' >>"$f"
  run -f json "$f"
  expect_rc 3 "$name file"
  [ "$(wc -l <"$T/err")" -eq 1 ] && ok "$name: one line on stderr" ||
    fail "$name: stderr is not one line: $(cat "$T/err")"
  expect_err "^sparklog: $f: $what.*, not plain text or gzip" "$name file"
  if [ -n "$cmd" ]; then
    expect_err "; try: $cmd $f \| sparklog\$" "$name file, command"
  else
    grep -q 'try:' "$T/err" && fail "$name: suggests a command" ||
      ok "$name: no command suggested"
  fi
  jcheck "$name: JSON says not read, no line, incomplete" \
    'i["files"][0]["error"].endswith(", not plain text or gzip") and
     i["files"][0]["lines"] == 0 and i["files"][0]["bytes_read"] == 0 and
     not i["complete"] and i["kind"] == "empty"'
  # stdin: the same error, the command as a pipe stage.
  "$BIN" -f json <"$f" >"$T/out" 2>"$T/err"
  RC=$?
  expect_rc 3 "$name on stdin"
  expect_err "^sparklog: <stdin>: $what" "$name on stdin"
  [ -n "$cmd" ] && expect_err "; try: \.\.\. \| $cmd \| sparklog\$" \
    "$name on stdin, command"
  # One thread and two: the same report.
  "$BIN" -j 1 -f json "$f" >"$T/j1" 2>/dev/null
  "$BIN" -j 2 -f json "$f" >"$T/j2" 2>/dev/null
  cmp -s "$T/j1" "$T/j2" && ok "$name: -j1 and -j2 agree" ||
    fail "$name: -j1 and -j2 reports differ"
done

# Nothing readable: no text report on stdout, the error on stderr; a
# machine format still gets its document, which says "not read".
printf 'PK\003\004\024\000\000\000\010\000' >"$T/logs.zip"
run "$T/logs.zip"
expect_rc 3 "zip, text report"
[ ! -s "$T/out" ] &&
  grep -q "a zip archive, not plain text or gzip" "$T/err" &&
  ok "zip: no text report, the error on stderr" ||
  fail "zip: text report: $(head -c 800 "$T/out") / $(head -c 300 "$T/err")"
run -f json "$T/logs.zip"
expect_rc 3 "zip, json report"
grep -q '"error": "a zip archive, not plain text or gzip' "$T/out" &&
  ok "zip: the JSON document says not read" ||
  fail "zip: json report: $(head -c 800 "$T/out")"
# A readable file beside it: the text report covers it and names the zip.
run "$T/logs.zip" "$SRC/testdata/small-job.log"
expect_rc 3 "zip beside a log"
grep -q "NOT READ: a zip archive, not plain text or gzip" "$T/out" &&
  ! grep -q "WARN level" "$T/out" &&
  ok "zip beside a log: the report names it" ||
  fail "zip beside a log: $(head -c 800 "$T/out")"
run check "$T/logs.zip"
expect_rc 3 "check on a zip"

# A path that needs quoting is quoted in the suggested command.
q="$T/it's a log.xz"
printf '\375\067zXZ\000\000\004\346\326' >"$q"
run "$q"
expect_err "try: xz -dc '$T/it'\\\\''s a log.xz' \| sparklog\$" \
  "quoted path in the command"

# Near misses are text: a log line that starts like a magic is a line.
printf 'BZh is not bzip2 without its block magic\nPK is a line\n' \
  >"$T/text.log"
run -f json "$T/text.log"
expect_rc 0 "near-miss text"
expect_quiet "near-miss text"
jcheck "near-miss text: two lines, read" \
  'i["lines"] == 2 and i["complete"] and i["files"][0]["error"] is None'
# Shorter than the sniff (10 bytes): read as before.
printf 'PK\003' >"$T/short.log"
run -f json "$T/short.log"
expect_rc 0 "3-byte file"
jcheck "3-byte file: one line" 'i["lines"] == 1'

# A gzip of a zip: gzip is decoded, the zip inside is data (one layer, as
# for a gzip of a gzip).
printf 'PK\003\004 inside gzip\n' | gzip -c >"$T/zip.gz"
run -f json "$T/zip.gz"
expect_rc 0 "gzip of zip bytes"
jcheck "gzip of zip bytes: one line read" 'i["lines"] == 1 and i["complete"]'

finish
