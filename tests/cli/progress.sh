#!/usr/bin/env bash
# label: cli
# The progress line: on a terminal's stderr (a pty from python3's pty
# module; skipped, 77, without python3), drawn in place ("\r", erase to
# the end of the line) and cleared before the report; with the delay at
# 0 (--test-progress-delay 0) even a small input shows it. Never with
# --no-progress, when stderr is a pipe, for TERM=dumb or with --follow;
# a share of the size for files (a gzip file's compressed bytes), none
# for stdin; an error message never starts inside the line.
set -u
sparklog=$1 src=$2
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
log=$src/testdata/small-job.log
gz=$src/testdata/spark35-local.log.gz
# tty_err ARGS...: runs ARGS with stderr on a pty (80 columns) and stdout
# into $tmp/out; $tmp/err gets stderr's bytes as written.
cat >"$tmp/on_pty.py" <<'PY'
import fcntl, os, pty, struct, subprocess, sys, termios
m, s = pty.openpty()
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
out = open(sys.argv[1], "wb")
p = subprocess.Popen(sys.argv[3:], stdout=out, stderr=s,
                     stdin=subprocess.DEVNULL if sys.argv[2] == "-" else
                     open(sys.argv[2], "rb"))
os.close(s)
err = b""
while True:
    try:
        d = os.read(m, 65536)
    except OSError:  # EIO: the last writer closed the pty
        break
    if not d:
        break
    err += d
sys.stdout.buffer.write(err)
sys.exit(p.wait())
PY
tty_err() {
  local in=-
  if [ "$1" = --stdin ]; then in=$2; shift 2; fi
  env -u NO_COLOR TERM="${TERM_FOR_TEST:-xterm}" \
    python3 "$tmp/on_pty.py" "$tmp/out" "$in" "$sparklog" --no-config "$@" \
    >"$tmp/err"
}
esc=$'\r\033[K'
# A pattern of the line as drawn and of its clearing after it.
drawn() { grep -q $'\r\033\\[Kread [0-9.]* [KMG]*i*B' "$tmp/err"; }
cleared() {
  # The bytes after the last line drawn start with the erase: the
  # terminal is left clean (crlf aside: the pty's own line ending).
  python3 - "$tmp/err" <<'PY'
import sys
e = open(sys.argv[1], "rb").read()
i = e.rfind(b"\r\x1b[Kread ")
sys.exit(0 if i >= 0 and e.find(b"\r\x1b[K", i + 1) > i and
         e.rstrip(b"\r\n").endswith(b"\r\x1b[K") or
         (i >= 0 and b"\r\x1b[Ksparklog:" in e[i:]) else 1)
PY
}

tty_err --test-progress-delay 0 "$log"
st=$?
[ $st -eq 0 ] && ok || bad "exit $st"
drawn && ok || bad "no progress line: $(od -c "$tmp/err" | head -5)"
grep -q ' of 4.1 KiB (100%)' "$tmp/err" && ok || bad "no share of the file's size: $(cat -v "$tmp/err")"
grep -q '46 lines, 2 stages' "$tmp/err" && ok || bad "no lines and stages: $(cat -v "$tmp/err")"
cleared && ok || bad "the line is not cleared at the end: $(cat -v "$tmp/err")"
grep -q '^Verdict' "$tmp/out" && ok || bad "the report is missing"
grep -q $'\033' "$tmp/out" && bad "escape codes on stdout" || ok

# quiet ARGS...: the run succeeds, its report written, stderr empty.
quiet() {
  local what=$1; shift
  tty_err "$@"
  local st=$?
  [ $st -eq 0 ] && grep -q '^Verdict' "$tmp/out" && [ ! -s "$tmp/err" ] &&
    ok || bad "$what: exit $st, stderr: $(cat -v "$tmp/err")"
}
# The default delay: a run this short shows nothing.
quiet "a short run" "$log"
quiet "--no-progress" --test-progress-delay 0 --no-progress "$log"
TERM_FOR_TEST=dumb quiet "TERM=dumb" --test-progress-delay 0 "$log"

# stderr a pipe: never.
"$sparklog" --no-config --test-progress-delay 0 "$log" 2>"$tmp/piped" >/dev/null
[ -s "$tmp/piped" ] && bad "progress on a pipe: $(cat -v "$tmp/piped")" || ok

# gzip: the compressed bytes against the file's size.
tty_err --test-progress-delay 0 "$gz"
size=$(stat -c %s "$gz")
drawn && grep -q " of 54.7 KiB (100%)" "$tmp/err" && ok || bad "gzip: $(cat -v "$tmp/err") ($size bytes)"

# stdin: no size, no share, no ETA.
tty_err --stdin "$log" --test-progress-delay 0
drawn && ! grep -q ' of \|ETA' "$tmp/err" && ok || bad "stdin: $(cat -v "$tmp/err")"

# An error after the line was drawn starts on a clean line.
tty_err --test-progress-delay 0 "$log" "$tmp/no-such.log"
grep -q $'\r\033\\[Ksparklog: .*no-such.log' "$tmp/err" && ok || bad "the error starts inside the line: $(cat -v "$tmp/err")"

# Several files, one report per file (--each): cleared before each.
tty_err --test-progress-delay 0 --each "$log" "$src/testdata/warn-only.log"
cleared && ok || bad "--each: $(cat -v "$tmp/err")"

# --follow has its own status line, never this one.
tty_err --test-progress-delay 0 --follow --idle-exit 0 "$log"
grep -q 'read [0-9]' "$tmp/err" && bad "--follow drew the progress line" || ok

# A long line is cut to the terminal's width (80: 79 columns drawn).
python3 - "$tmp/err" <<'PY' && ok || bad "a drawn line is wider than 79 columns"
import sys
e = open(sys.argv[1], "rb").read()
sys.exit(0 if all(len(x) <= 79 for x in e.split(b"\r\x1b[K")) else 1)
PY

echo "progress: $pass passed, $fail failed"
[ $fail -eq 0 ]
