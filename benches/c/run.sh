#!/usr/bin/env bash
# C batch call vs Rust batch call, measured in one run on the same values:
# yinsi_tokenize_batch (C ABI, static libyinsi.a) against Tokenizer::tokenize_batch (Rust), both
# release builds, run alternately three times each; the best of each is compared.
# Usage: bash benches/c/run.sh   Environment: YINSI_BENCH_VALUES (200000), YINSI_BENCH_ROUNDS (5),
# YINSI_BENCH_MAX_RATIO (fail above it; unset: report only).
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${CARGO_TARGET_DIR:-$PWD/target}
work=$(mktemp -d "${TMPDIR:-/tmp}/yinsi-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cargo build -q -p yinsi-ffi --release --locked --lib --example bench_batch
cc -std=c11 -O2 -Wall -Wextra -Werror -I ffi/include -o "$work/bench_batch" benches/c/bench_batch.c \
  "$target/release/libyinsi.a" -lpthread -ldl -lm
best_c= best_rust= check_c= check_rust=
for _ in 1 2 3; do
  read -r _ n ns check_c < <("$work/bench_batch")
  [[ -z $best_c ]] || awk -v a="$ns" -v b="$best_c" 'BEGIN{exit !(a<b)}' && best_c=$ns
  read -r _ n ns check_rust < <("$target/release/examples/bench_batch")
  [[ -z $best_rust ]] || awk -v a="$ns" -v b="$best_rust" 'BEGIN{exit !(a<b)}' && best_rust=$ns
done
if [[ $check_c != "$check_rust" ]]; then
  echo "bench: C and Rust produced different tokens ($check_c vs $check_rust)" >&2
  exit 1
fi
ratio=$(awk -v c="$best_c" -v r="$best_rust" 'BEGIN{printf "%.3f", c / r}')
printf 'cn_mobile batch of %s values, best of 3 runs each:\n' "$n"
printf '  C    yinsi_tokenize_batch       %8.1f ns/value\n' "$best_c"
printf '  Rust Tokenizer::tokenize_batch  %8.1f ns/value\n' "$best_rust"
printf '  ratio C/Rust %s\n' "$ratio"
if [[ -n ${YINSI_BENCH_MAX_RATIO:-} ]]; then
  awk -v x="$ratio" -v m="$YINSI_BENCH_MAX_RATIO" 'BEGIN{exit !(x<=m)}' || { echo "ratio above $YINSI_BENCH_MAX_RATIO" >&2; exit 1; }
fi
