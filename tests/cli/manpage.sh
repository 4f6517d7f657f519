#!/usr/bin/env bash
# label: cli
# Every option that `sparklog --help` lists is documented in the man page,
# and every exit status the help mentions is in EXIT STATUS.
set -u
sparklog=$1 src=$2
man=$src/man/sparklog.1
fail=0
for opt in $("$sparklog" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
  # mdoc writes --foo as "Fl \-foo".
  if ! grep -q -- "Fl \\\\${opt#-}" "$man"; then
    echo "FAIL: $opt is in --help but not in man/sparklog.1"; fail=1
  fi
done
for cmd in $("$sparklog" --help | sed -n '/^Commands:/,/^$/p' | awk '/^  [a-z]/ {print $1}'); do
  if ! grep -q "^\.It Cm $cmd" "$man"; then
    echo "FAIL: command $cmd is in --help but not in man/sparklog.1"; fail=1
  fi
done
for status in 0 1 2 3 4; do
  grep -q "^\.It $status\$" "$man" || { echo "FAIL: exit status $status undocumented"; fail=1; }
done
[ $fail = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
