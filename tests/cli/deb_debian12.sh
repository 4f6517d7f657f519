#!/usr/bin/env bash
# label: slow
# The .deb installs and runs on a minimal Debian 12: mmdebstrap makes a
# bookworm root (variant minbase, plus only the packages the .deb's
# Depends names), `dpkg -i` installs the package in it, and the installed
# binary reads the bundled sample: `check` passes with its gate line, the
# report equals the one the build's binary writes, and the man page and
# completions are where the package says. Skipped (77) without
# mmdebstrap, cpack or dpkg-deb, without root or uidmap, or without a
# network path to the mirror (SLG_DEBIAN_MIRROR, default
# http://deb.debian.org/debian). About 6 minutes, most of it download.
set -u
sparklog=$1 src=$2 build=$3
for t in mmdebstrap cpack dpkg-deb; do
  command -v "$t" >/dev/null || { echo "SKIP: no $t"; exit 77; }
done
[ -f "$build/CPackConfig.cmake" ] || { echo "SKIP: no CPackConfig.cmake"; exit 77; }
mirror=${SLG_DEBIAN_MIRROR:-http://deb.debian.org/debian}
host=${mirror#*://}; host=${host%%/*}
case $mirror in https://*) port=443 ;; *) port=80 ;; esac
case $host in *:*) port=${host#*:}; host=${host%%:*} ;; esac
if ! timeout 15 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null; then
  echo "SKIP: no network path to $host:$port"; exit 77
fi
# As root, a plain chroot; otherwise a user namespace, which needs
# newuidmap (Debian's uidmap).
if [ "$(id -u)" -eq 0 ]; then
  mode=root
elif command -v newuidmap >/dev/null; then
  mode=unshare
else
  echo "SKIP: neither root nor newuidmap (uidmap) for mmdebstrap --mode=unshare"
  exit 77
fi
sparklog=$(cd "$(dirname "$sparklog")" && pwd)/$(basename "$sparklog")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

(cd "$build" && cpack -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) ||
  { cat "$tmp/cpack.log"; echo "FAIL: cpack -G DEB"; exit 1; }
deb=$(ls "$tmp"/pkg/*.deb | head -n 1)
cp "$deb" "$tmp/sparklog.deb"
# "libc6 (>= 2.34), libpcre2-8-0 (>= 10.22)" -> "libc6,libpcre2-8-0"
deps=$(dpkg-deb -f "$deb" Depends | sed -e 's/([^)]*)//g' -e 's/ //g')
[ -n "$deps" ] || { echo "FAIL: the .deb has no Depends"; exit 1; }
cp "$src/testdata/spark35-local.log.gz" "$tmp/sample.log.gz"
mkdir "$tmp/out"

# What the installed binary is asked, inside the root.
cat >"$tmp/run.sh" <<'RUN'
set -u
cd /tmp
dpkg -i /tmp/sparklog.deb >/tmp/dpkg.out 2>&1; echo $? >/tmp/dpkg.status
sparklog --version >/tmp/version.out 2>&1
NO_COLOR=1 sparklog check sample.log.gz >/tmp/check.out 2>&1
echo $? >/tmp/check.status
NO_COLOR=1 sparklog sample.log.gz >/tmp/report.out 2>/tmp/report.err
echo $? >/tmp/report.status
dpkg -L sparklog >/tmp/files.out
cd /
bash -c '. /usr/share/bash-completion/completions/sparklog
  COMP_WORDS=(sparklog ch); COMP_CWORD=1; _sparklog; echo "${COMPREPLY[@]}"' \
  >/tmp/complete.out 2>&1
RUN
t0=$SECONDS
if ! mmdebstrap --mode="$mode" --variant=minbase --include="$deps" \
     --customize-hook="copy-in $tmp/sparklog.deb $tmp/sample.log.gz $tmp/run.sh /tmp" \
     --customize-hook='chroot "$1" sh /tmp/run.sh' \
     --customize-hook="copy-out /tmp/dpkg.out /tmp/dpkg.status /tmp/version.out /tmp/check.out /tmp/check.status /tmp/report.out /tmp/report.err /tmp/report.status /tmp/files.out /tmp/complete.out $tmp/out" \
     bookworm "$tmp/root" "$mirror" >"$tmp/mmdebstrap.log" 2>&1; then
  tail -n 30 "$tmp/mmdebstrap.log"
  echo "FAIL: mmdebstrap (after $((SECONDS - t0)) s)"; exit 1
fi
echo "mmdebstrap + dpkg -i + runs: $((SECONDS - t0)) s"
o=$tmp/out
[ "$(cat "$o/dpkg.status")" = 0 ] || { cat "$o/dpkg.out"; no "dpkg -i failed"; }
grep -q '^sparklog ' "$o/version.out" || no "sparklog --version: $(cat "$o/version.out")"
[ "$(cat "$o/check.status")" = 0 ] || no "check exited $(cat "$o/check.status")"
grep -q '^check: PASSED' "$o/check.out" || no "check printed no gate line"
[ "$(cat "$o/report.status")" = 0 ] || no "the report exited $(cat "$o/report.status")"
(cd "$tmp" && NO_COLOR=1 "$sparklog" sample.log.gz >"$tmp/want.out" 2>/dev/null)
cmp -s "$tmp/want.out" "$o/report.out" ||
  { diff -u "$tmp/want.out" "$o/report.out" | head -20; no "the installed binary's report differs from the build's"; }
for f in /usr/bin/sparklog /usr/share/man/man1/sparklog.1 \
         /usr/share/bash-completion/completions/sparklog \
         /usr/share/zsh/vendor-completions/_sparklog \
         /usr/share/fish/vendor_completions.d/sparklog.fish; do
  grep -qx "$f" "$o/files.out" || no "dpkg -L sparklog lacks $f"
done
[ "$(cat "$o/complete.out")" = check ] ||
  no "the installed bash completion: $(cat "$o/complete.out")"
[ $fail = 0 ] && echo "ok: the .deb installs and runs on Debian 12 ($deps)"
exit $fail
