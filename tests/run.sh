#!/usr/bin/env bash
# Runs every test of yinsi. README.md gives this command and .ci/run runs it, nothing more or less.
# It installs what the tests need on a fresh machine (see each step's script).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "format (rustfmt)"
cargo fmt --all -- --check

step "lint (clippy, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (unit, integration, doc; shared vectors)"
cargo test --workspace --locked

step "C library: header freshness, C tests natively and under valgrind, waybill example"
bash tests/c/run.sh

step "Python package: fresh venv, pip install ./python, pytest, stubtest, Dask"
bash python/tests/run.sh

step "scanner quality on the labelled corpus (precision and recall targets)"
bash tests/corpus/check.sh

step "the README's demo command works"
cargo run --release --locked --quiet -p yinsi-cli -- mask --demo examples/sample.log > /dev/null
