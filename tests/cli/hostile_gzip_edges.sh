#!/usr/bin/env bash
# label: cli
# gzip members across the reader's 256 KiB input window edges: valid
# streams that gzip -t accepts read completely (exit 0, every line) from
# a file, with --no-mmap, at -j1, and through a pipe fed in chunks of many
# sizes; damage is reported at the same byte however the input arrives.
# A quick subset of the boundary sweep (gzsweep) runs here; the full
# sweep is slow_gzip_sweep.
. "$(dirname "$0")/hostile_lib.bash"
need gzip dd

# The shapes that read as damage when ISA-L was handed the header: an
# empty member straddling the edge, an empty member whose FNAME is longer
# than a window, an FHCRC header crossing the edge, FEXTRA and FCOMMENT
# crossing it. Each sits after a stored member sized to put it there.
python3 - "$T" <<'PYEOF'
import random, struct, sys, zlib
W = 256 * 1024
out = sys.argv[1]
rng = random.Random(21)
words = [b"stage", b"task", b"executor", b"shuffle", b"fetch", b"block"]


def text(n, tag):
    return b"".join(b"24/03/01 10:00:%02d INFO %s: %d %s\n" % (
        i % 60, tag, i, b" ".join(rng.choice(words) for _ in range(6)))
        for i in range(n))


def member(data, name=None, comment=None, extra=None, hcrc=False,
           stored=False):
    flg = (2 if hcrc else 0) | (4 if extra is not None else 0) | \
          (8 if name is not None else 0) | (16 if comment is not None else 0)
    h = b"\x1f\x8b\x08" + bytes([flg]) + b"\0\0\0\0\0\x03"
    if extra is not None:
        h += struct.pack("<H", len(extra)) + extra
    if name is not None:
        h += name + b"\0"
    if comment is not None:
        h += comment + b"\0"
    if hcrc:
        h += struct.pack("<H", zlib.crc32(h) & 0xffff)
    if stored:  # one or more stored blocks, written here
        body, i = b"", 0
        while True:
            k = min(65535, len(data) - i)
            last = i + k == len(data)
            body += bytes([1 if last else 0]) + struct.pack(
                "<HH", k, k ^ 0xffff) + data[i:i + k]
            i += k
            if last:
                break
    else:
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        body = c.compress(data) + c.flush()
    return h + body + struct.pack("<II", zlib.crc32(data), len(data))


def pad(size):
    """A stored member of exactly `size` bytes."""
    data = text(size // 40 + 10, b"Pad")
    n = size - 18 - 5 * ((size + 65535) // 65540)
    m = member(data[:n], stored=True)
    assert len(m) == size, (len(m), size)
    return m


after = member(text(300, b"After"))
empty = member(b"")
shapes = {
    # "03 00" and its trailer across the edge
    "straddle": pad(W - 9) + empty + after,
    # an empty member named with 300 KiB of 'n'
    "longname": member(text(200, b"Before")) +
    member(b"", name=b"n" * (300 * 1024)) + after,
    # the header CRC on the far side of the edge
    "fhcrc": pad(W - 14) + member(text(100, b"Crc"), name=b"abc",
                                  hcrc=True) + after,
    # FEXTRA and FCOMMENT across the edge, FHCRC after them
    "fields": pad(W - 20) + member(text(100, b"Fields"), extra=b"E" * 40,
                                   comment=b"a comment", hcrc=True) + after,
    # all of it, twice, the second time across the second edge
    "both": pad(W - 9) + empty + pad(W - 9 - len(empty) - 5) +
    member(b"", name=b"x", comment=b"y", extra=b"z", hcrc=True) + after,
}
for name, data in shapes.items():
    open("%s/%s.gz" % (out, name), "wb").write(data)
# Damage: a member whose first deflate block has the reserved type (11),
# placed just after the first edge.
d = bytearray(pad(W + 3) + member(text(300, b"Bad")))
d[W + 3 + 10] = 0x07  # BFINAL 1, BTYPE 11
open("%s/damaged.gz" % out, "wb").write(bytes(d))
PYEOF

# feed FILE: the file on stdout in chunks of several sizes (dd bs=),
# different each time it is called.
FEED=0
feed() {
  local sizes=(509 4093 65536 262143 300000 1000)
  dd if="$1" bs="${sizes[$((FEED % ${#sizes[@]}))]}" status=none
  FEED=$((FEED + 1))
}

for s in straddle longname fhcrc fields both; do
  f="$T/$s.gz"
  if ! gzip -t "$f" 2>/dev/null; then
    fail "$s: gzip -t refuses the generated stream (generator bug)"
    continue
  fi
  want=$(gzip -dc "$f" | wc -l)
  for how in file no-mmap j1 pipe1 pipe2 pipe3; do
    case $how in
      file) run -f json "$f" ;;
      no-mmap) run -f json --no-mmap "$f" ;;
      j1) run -f json -j1 "$f" ;;
      pipe*) feed "$f" | "$BIN" -f json >"$T/out" 2>"$T/err"
        RC=${PIPESTATUS[1]} ;;
    esac
    expect_rc 0 "$s ($how)"
    jcheck "$s ($how): all $want lines, complete" \
      "i['lines'] == $want and i['complete']"
  done
done

# Damage after the first edge: one offset, from the file and through
# pipes of every chunk size (it used to change from run to run).
run "$T/damaged.gz"
expect_rc 3 "damaged after the edge"
want=$(sed -n 's/.*corrupt gzip data at byte \([0-9]*\)$/\1/p' "$T/err")
if [ -z "$want" ]; then
  fail "damaged after the edge: no offset in: $(head -c 300 "$T/err")"
else
  for k in 1 2 3 4 5 6 7; do
    feed "$T/damaged.gz" | "$BIN" >/dev/null 2>"$T/err"
    got=$(sed -n 's/.*corrupt gzip data at byte \([0-9]*\)$/\1/p' "$T/err")
    if [ "$got" = "$want" ]; then
      ok "damaged, pipe $k: at byte $want, as from the file"
    else
      fail "damaged, pipe $k: '$(head -c 200 "$T/err")', want byte $want"
    fi
  done
fi

# The boundary sweep's quick subset, both backends, file and pipe.
if [ -n "$BUILD" ] && [ -x "$BUILD/tests/gzsweep" ]; then
  if "$BUILD/tests/gzsweep" --quick >"$T/sweep" 2>&1; then
    ok "$(tail -1 "$T/sweep")"
  else
    fail "gzsweep --quick: $(head -c 1500 "$T/sweep")"
  fi
else
  skip "gzsweep not built"
fi

finish
