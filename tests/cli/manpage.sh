#!/usr/bin/env bash
# label: cli
# Every option that `sparklog --help` lists is documented in the man page,
# every option of the option table (src/cli/options.c, listed by the
# build's gen_completions) is in both, and every exit status the help
# mentions is in EXIT STATUS.
set -u
sparklog=$1 src=$2 build=$3
man=$src/man/sparklog.1
fail=0
gen=$build/src/gen_completions
[ -x "$gen" ] || { echo "FAIL: no $gen"; exit 1; }
table=$("$gen" options)
[ "$(printf '%s\n' "$table" | wc -l)" -gt 30 ] ||
  { echo "FAIL: the option table lists too few options"; fail=1; }
help=$("$sparklog" --help)
for opt in $table; do
  grep -q -- "Fl \\\\${opt#-}" "$man" ||
    { echo "FAIL: $opt is in the option table but not in man/sparklog.1"; fail=1; }
  printf '%s\n' "$help" | grep -qE -- "(^| )$opt( |\$)" ||
    { echo "FAIL: $opt is in the option table but not in --help"; fail=1; }
done
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
