#!/usr/bin/env bash
# label: cli
# Hostile gzip: truncated, trailing junk, a gzip of a gzip, a gzip bomb.
# Damage is reported with where it starts, everything before it is still
# counted, and the exit status (3) says the report is partial.
. "$(dirname "$0")/hostile_lib.bash"
need gzip

gen_driver_log 400 >"$T/driver.log"
total_lines=$(wc -l <"$T/driver.log")
gzip -9 -n -c "$T/driver.log" >"$T/driver.log.gz"
gz_size=$(wc -c <"$T/driver.log.gz")

# Sanity: the intact gzip reads completely.
run -f json "$T/driver.log.gz"
expect_rc 0 "intact gzip"
jcheck "intact gzip: every line, complete, driver" \
  "i['lines'] == $total_lines and i['complete'] and i['kind'] == 'driver'"

# Truncated gzip (cut at half).
# Expected: exit 3; stderr "sparklog: FILE: corrupt gzip data at byte N";
# input.complete false, the file's error says where; the lines before the
# cut are counted (more than 0, fewer than all).
head -c $((gz_size / 2)) "$T/driver.log.gz" >"$T/cut.log.gz"
run -f json "$T/cut.log.gz"
expect_rc 3 "truncated gzip"
expect_err "^sparklog: .*cut\.log\.gz: corrupt gzip data at byte [0-9]+$" \
  "truncated gzip"
jcheck "truncated gzip: partial, error recorded, lines before it counted" \
  "not i['complete'] and not i['files'][0]['complete'] and
   i['files'][0]['error'].startswith('corrupt gzip data at byte ') and
   0 < i['lines'] < $total_lines"

# gzip followed by trailing junk.
# Expected: exit 3; stderr "sparklog: FILE: trailing garbage after gzip
# data at byte N" with N the size of the gzip member; every line of the
# member is counted.
{ cat "$T/driver.log.gz"; printf 'this is not gzip\n'; } >"$T/junk.log.gz"
run -f json "$T/junk.log.gz"
expect_rc 3 "gzip + trailing junk"
expect_err "^sparklog: .*junk\.log\.gz: trailing garbage after gzip data at byte $gz_size$" \
  "gzip + trailing junk"
jcheck "gzip + trailing junk: all member lines counted, incomplete" \
  "i['lines'] == $total_lines and not i['complete']"

# Two concatenated members (what `cat a.gz b.gz` makes) are one stream.
# Expected: exit 0; the lines of both.
cat "$T/driver.log.gz" "$T/driver.log.gz" >"$T/two.log.gz"
run -f json "$T/two.log.gz"
expect_rc 0 "two gzip members"
jcheck "two gzip members: both read" "i['lines'] == 2 * $total_lines"

# A gzip of a gzip.
# Expected: one layer is decoded, like zcat; the inner stream is binary
# to us: exit 0, its lines counted as unrecognised (class binary), no
# record, and the report says this is not a Spark log (nothing silently
# decoded twice, nothing silently dropped).
gzip -n -c "$T/driver.log.gz" >"$T/double.log.gz"
run -f json "$T/double.log.gz"
expect_rc 0 "gzip of gzip"
jcheck "gzip of gzip: inner stream reported as binary, not Spark" \
  "i['records'] == 0 and i['kind'] == 'not_spark' and
   i['unrecognized_lines'] == i['lines'] and
   i['files'][0]['bytes_decoded'] == $gz_size"

# Regression (fuzz_gzip): damage on which ISA-L hands back bits buffered
# in an earlier call made the reader's position wrap, and the message said
# "corrupt gzip data at byte 18446744069414584453".
# Expected: exit 3; the offset is inside the 132-byte file.
reg="$SRC/tests/fuzz/regressions/isal-rewind-offset.gz"
run "$reg"
expect_rc 3 "ISA-L rewind regression"
off=$(sed -n 's/.*corrupt gzip data at byte \([0-9]*\)$/\1/p' "$T/err")
if [ -n "$off" ] && [ "${#off}" -le 4 ] && [ "$off" -le 132 ]; then
  ok "ISA-L rewind regression: offset $off inside the file"
else
  fail "ISA-L rewind regression: offset '${off}' not inside the file"
fi

# Regression (fuzz_gzip): a member header with a reserved flag bit set
# (gzip(1): "is encrypted -- not supported") was decoded by ISA-L and
# refused by zlib. Expected: exit 3, "corrupt gzip data at byte 3" with
# either backend.
printf '\037\213\010\040\000\000\000\000\004\003\323\110\055\310\117\316\120\000\000\350\205\113\177\007\000\000\000' \
  >"$T/reserved.gz"
run "$T/reserved.gz"
expect_rc 3 "reserved gzip flag bits"
expect_err "reserved\.gz: corrupt gzip data at byte 3$" "reserved gzip flag bits"

# Regression (fuzz_gzip): invalid Huffman code lengths that ISA-L
# accepts (it ends the member early) and zlib refuses.
# Expected: exit 3 with either backend; the message names the damage
# ("corrupt gzip data" with zlib, "trailing garbage after gzip data" with
# ISA-L: a known difference, see tests/fuzz/README.md).
run "$SRC/tests/fuzz/regressions/isal-lenient-huffman.gz"
expect_rc 3 "invalid Huffman code set"
expect_err "(corrupt gzip data|trailing garbage after gzip data) at byte [0-9]+$" \
  "invalid Huffman code set"

# Regression (fuzz_gzip): the same damage followed by zero bytes, which
# pass as the trailer of an empty member: ISA-L read the file as complete
# and empty (exit 0, every line lost silently).
# Expected: exit 3, "corrupt gzip data at byte N" with either backend;
# while a genuinely empty gzip (and two of them) still reads as empty,
# exit 0.
run "$SRC/tests/fuzz/regressions/isal-empty-member.gz"
expect_rc 3 "damage hidden by a zero trailer"
expect_err "isal-empty-member\.gz: corrupt gzip data at byte [0-9]+$" \
  "damage hidden by a zero trailer"
printf '' | gzip -n >"$T/empty.gz"
cat "$T/empty.gz" "$T/empty.gz" >"$T/empty2.gz"
run -f json "$T/empty2.gz"
expect_rc 0 "empty gzip members"
jcheck "empty gzip members: complete, 0 lines" \
  'i["lines"] == 0 and i["complete"] and i["kind"] == "empty"'

# A gzip bomb: 512 MiB of zeros compressed to about 0.5 MiB.
# Expected: exit 0; streamed: max RSS under 64 MiB; all 512 MiB decoded
# and accounted (one cut line).
head -c 536870912 /dev/zero | gzip -1 -n >"$T/bomb.gz"
run_rss -f json "$T/bomb.gz"
expect_rc 0 "gzip bomb"
jcheck "gzip bomb: all decoded, one cut line" \
  "i['files'][0]['bytes_decoded'] == 536870912 and i['lines'] == 1 and
   i['lines_cut'] == 1"
expect_rss_below 65536 "gzip bomb"

finish
