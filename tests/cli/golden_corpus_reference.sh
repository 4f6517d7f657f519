#!/usr/bin/env bash
# label: corpus
# The corpus golden cases (tests/golden-corpus) again in reference mode
# (golden_reference.sh), run by golden_corpus.sh with that runner.
# Skipped (77) when the corpus is absent.
SLG_GOLDEN_RUNNER=golden_reference.sh \
  exec bash "$2/tests/cli/golden_corpus.sh" "$@"
