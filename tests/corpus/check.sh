#!/usr/bin/env bash
# Scores the yinsi scanner against the labelled corpus: builds the release CLI, runs
# `yinsi scan --format jsonl` over texts.txt, prints evaluate.py's table and exits non-zero if a
# target of issue 4 is missed (precision >= 0.99 and recall >= 0.98 for cn_id, cn_mobile,
# bank_card, email, cn_landline; recall >= 0.90 for cn_name and cn_address).
set -euo pipefail
cd "$(dirname "$0")/../.."

TARGETS="cn_id:0.99:0.98,cn_mobile:0.99:0.98,bank_card:0.99:0.98,email:0.99:0.98,cn_landline:0.99:0.98,cn_name::0.90,cn_address::0.90"

cargo build --release --locked -p yinsi-cli --quiet
bin="${CARGO_TARGET_DIR:-target}/release/yinsi"
findings="$(mktemp)"
trap 'rm -f "$findings"' EXIT

"$bin" scan --format jsonl tests/corpus/texts.txt > "$findings"
python3 tests/corpus/evaluate.py "$findings" --show-errors 5 --require "$TARGETS"
