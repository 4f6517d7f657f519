#!/usr/bin/env bash
# label: golden
# The golden cases again in reference mode: each tests/golden case runs
# with --reference after its command word (every fast path of
# src/util/fastpath.h off) and must give the same stdout, stderr and exit
# status as written in the case. SLG_GOLDEN_DIR picks other cases
# (golden_corpus_reference.sh).
set -u
sparklog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A stand-in for the binary that adds --reference where an option may go.
cat >"$tmp/sparklog" <<WRAP
#!/usr/bin/env bash
case \${1:-} in
help) exec "$sparklog" "\$@" ;;
report | loggers | jobs | stages | shuffles | check | explain)
  cmd=\$1
  shift
  exec "$sparklog" "\$cmd" --reference "\$@" ;;
*) exec "$sparklog" --reference "\$@" ;;
esac
WRAP
chmod +x "$tmp/sparklog"
bash "$src/tests/cli/golden.sh" "$tmp/sparklog" "$src" "${3:-}"
