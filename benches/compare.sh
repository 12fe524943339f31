#!/usr/bin/env bash
# Runs the criterion benches of the core and prints the README's speed table:
# yinsi against the `fpe` crate (measured in the same run) and the kinds against their targets.
# Usage: bash benches/compare.sh [extra criterion args, e.g. --measurement-time 5]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p yinsi-benches --bench ff1 --bench kinds -- "$@" >&2
python3 - <<'PY'
import json, pathlib
root = pathlib.Path("target/criterion")
def ns(group, name):
    est = json.loads((root / group / name / "new" / "estimates.json").read_text())
    return est["mean"]["point_estimate"]
single, fpe = ns("ff1_aes256_11_digits", "yinsi_single"), ns("ff1_aes256_11_digits", "fpe_single")
batch = ns("ff1_aes256_11_digits", "yinsi_batch_4096") / 4096
rows = [
    ("FF1-AES-256, 11 digits, one call", single, 400, f"{fpe / single:.1f}x faster than fpe ({fpe:,.0f} ns)", 10),
    ("FF1-AES-256, 11 digits, batch of 4,096 (per value)", batch, 150, f"{fpe / batch:.1f}x faster than fpe", 30),
]
print("| what | yinsi | target | vs peer in the same run |")
print("|---|---:|---:|---|")
ok = True
for what, t, target, peer, need in rows:
    ratio = fpe / t
    ok &= ratio >= need
    print(f"| {what} | {t:,.0f} ns | <= {target} ns | {peer} (need >= {need}x) |")
kinds = [
    ("tokenize `cn_mobile`", "tokenize_cn_mobile", 600),
    ("tokenize `cn_mobile`, `+86 138-1234-5678`", "tokenize_cn_mobile_formatted", 600),
    ("detokenize `cn_mobile`", "detokenize_cn_mobile", 600),
    ("tokenize `cn_id` (incl. cycle-walking)", "tokenize_cn_id", 2000),
    ("mask `cn_mobile`", "mask_cn_mobile", 100),
    ("mask `cn_id`", "mask_cn_id", 100),
]
for what, name, target in kinds:
    t = ns("kinds", name)
    print(f"| {what} | {t:,.0f} ns | <= {target:,} ns | |")
t = ns("kinds", "tokenize_batch_cn_mobile_4096") / 4096
print(f"| tokenize_batch `cn_mobile`, 4,096 values (per value) | {t:,.0f} ns | | |")
PY
