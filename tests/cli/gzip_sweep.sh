#!/usr/bin/env bash
# label: slow
# The full gzip member-boundary sweep (tests/gen/gzsweep.c): a member
# boundary at every offset within 4 KiB of the reader's first two 256 KiB
# window edges and every 4 KiB elsewhere, each followed by empty members
# and headers with every optional field; read with zlib and ISA-L, from a
# file and from a pipe fed in varied chunks. hostile_gzip_edges.sh runs
# its quick subset.
. "$(dirname "$0")/hostile_lib.bash"
if [ -z "$BUILD" ] || [ ! -x "$BUILD/tests/gzsweep" ]; then
  echo "skip: gzsweep not built"
  exit 77
fi
if "$BUILD/tests/gzsweep" >"$T/sweep" 2>&1; then
  ok "$(tail -1 "$T/sweep")"
else
  fail "gzsweep: $(head -c 3000 "$T/sweep")"
fi
finish
