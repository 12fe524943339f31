#!/usr/bin/env bash
# Measures the yinsi scanner on the held-out corpus: builds the release CLI, runs
# `yinsi scan --format jsonl` over texts.txt, prints evaluate.py's per-kind table (exact and relaxed
# matching, hard negatives hit) and analyze.py's error breakdown.  A measurement, not a test: it
# exits non-zero only if something cannot be run, never because a figure is low.
set -euo pipefail
cd "$(dirname "$0")/../../.."

cargo build --release --locked -p yinsi-cli --quiet
bin="${CARGO_TARGET_DIR:-target}/release/yinsi"
findings="$(mktemp)"
trap 'rm -f "$findings"' EXIT

"$bin" scan --format jsonl tests/corpus/heldout/texts.txt > "$findings"

# evaluate.py exits 1 only when a --require target is missed; none is given here, so any
# non-zero status means it could not read its input.
python3 tests/corpus/evaluate.py "$findings" --corpus tests/corpus/heldout/heldout.jsonl \
    --negatives tests/corpus/heldout/negatives.jsonl --show-errors "${SHOW_ERRORS:-0}"
echo
python3 tests/corpus/heldout/analyze.py "$findings"
