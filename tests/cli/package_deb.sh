#!/usr/bin/env bash
# label: cli
# Installing like a real tool: `cmake --install` puts the binary, the man
# page, the documents and the bash, zsh and fish completions where
# GNUInstallDirs and the shells say, and `cpack -G DEB`
# makes a .deb whose control file names its shared-library dependencies
# (dpkg-shlibdeps), whose files live under /usr, and whose binary, once
# extracted, reads the bundled sample. Skipped (77) without cpack,
# dpkg-deb or dpkg-shlibdeps (Debian's cmake and dpkg-dev).
set -u
sparklog=$1 src=$2 build=$3
for t in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$t" >/dev/null || { echo "SKIP: no $t"; exit 77; }
done
[ -f "$build/CPackConfig.cmake" ] || { echo "SKIP: no CPackConfig.cmake"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

# cmake --install into a private prefix.
if ! cmake --install "$build" --prefix "$tmp/inst" >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"; no "cmake --install failed"
fi
for f in bin/sparklog share/man/man1/sparklog.1 share/doc/sparklog/README.md \
         share/doc/sparklog/LICENSE share/bash-completion/completions/sparklog \
         share/zsh/vendor-completions/_sparklog \
         share/fish/vendor_completions.d/sparklog.fish; do
  [ -e "$tmp/inst/$f" ] || no "cmake --install did not put $f"
done
[ -x "$tmp/inst/bin/sparklog" ] &&
  { "$tmp/inst/bin/sparklog" --version | grep -q '^sparklog ' ||
    no "the installed binary does not print its version"; }

# The package.
if ! (cd "$build" && cpack -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1); then
  cat "$tmp/cpack.log"; no "cpack -G DEB failed"; exit 1
fi
deb=$(ls "$tmp"/pkg/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { no "cpack made no .deb"; exit 1; }
case $(basename "$deb") in
  sparklog_*_*.deb) ;;
  *) no "package file name $(basename "$deb") is not Debian's name_version_arch.deb" ;;
esac
dpkg-deb -I "$deb" >"$tmp/info" || no "dpkg-deb -I failed"
grep -q '^ Package: sparklog$' "$tmp/info" || no "control: no Package: sparklog"
grep -q '^ Version: ' "$tmp/info" || no "control: no Version"
grep -q '^ Depends: .*libc6' "$tmp/info" ||
  no "control: Depends does not come from dpkg-shlibdeps (no libc6)"
grep -q '^ Depends: .*libpcre2-8' "$tmp/info" || no "control: Depends lacks libpcre2-8"
grep -q '^ Section: utils$' "$tmp/info" || no "control: no Section: utils"
dpkg-deb -c "$deb" >"$tmp/list" || no "dpkg-deb -c failed"
for f in ./usr/bin/sparklog ./usr/share/man/man1/sparklog.1 \
         ./usr/share/doc/sparklog/README.md \
         ./usr/share/bash-completion/completions/sparklog \
         ./usr/share/zsh/vendor-completions/_sparklog \
         ./usr/share/fish/vendor_completions.d/sparklog.fish; do
  grep -q " $f\$" "$tmp/list" || no "the package lacks $f"
done
if awk '{print $NF}' "$tmp/list" | grep -v '^\./usr/' | grep -v '^\./$' | grep -q .; then
  no "the package has files outside /usr:"; awk '{print $NF}' "$tmp/list" | grep -v '^\./usr/'
fi
dpkg-deb -x "$deb" "$tmp/root" || no "dpkg-deb -x failed"
out=$("$tmp/root/usr/bin/sparklog" check "$src/testdata/spark35-local.log.gz" 2>&1)
status=$?
[ $status = 0 ] || no "the packaged binary: check on the sample exited $status"
printf '%s\n' "$out" | grep -q '^check: PASSED' ||
  no "the packaged binary did not print the gate line: $out"
[ $fail = 0 ] && echo "ok: cmake --install and cpack -G DEB"
exit $fail
