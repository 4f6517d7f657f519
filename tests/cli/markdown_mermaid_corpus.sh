#!/usr/bin/env bash
# label: corpus
# markdown_mermaid.sh on every corpus log (SLG_CORPUS_DIR): skipped (77)
# when the corpus, node or the mermaid install is absent.
SLG_MD_SCOPE=corpus exec bash "$(dirname "$0")/markdown_mermaid.sh" "$@"
