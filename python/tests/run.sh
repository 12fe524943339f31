#!/usr/bin/env bash
# Builds the yinsi Python package into a fresh virtual environment and runs its tests.
#
#   bash python/tests/run.sh            # from the repository root (or anywhere)
#
# Needs only the Rust toolchain and CPython >= 3.9 (3.11 on our machines); everything else
# comes from PyPI. The venv lives under target/ (not committed) and is made anew each run.
# Environment: PYTHON (interpreter, default python3.11 or python3), YINSI_PY_VENV (venv path),
# YINSI_PY_BENCH=0 to skip the short speed comparison at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"
venv="${YINSI_PY_VENV:-$root/target/python-venv}"
start=$SECONDS

echo "== python: fresh venv at $venv ($("$python" --version))"
rm -rf "$venv"
"$python" -m venv "$venv"
py="$venv/bin/python"
export PATH="$venv/bin:$PATH" VIRTUAL_ENV="$venv"   # maturin's build hook runs `maturin` from PATH
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet \
    "maturin>=1.9.4,<2" pytest "pandas>=2" "pyarrow>=14" "polars>=1" "dask[distributed]" mypy fastfpe ff3

echo "== python: pip install ./python (maturin, release build)"
(cd "$root" && "$py" -m pip install --quiet --no-build-isolation ./python)

echo "== python: pytest"
cd "$root/python/tests"
"$py" -m pytest -q -p no:cacheprovider

if [ "${YINSI_PY_BENCH:-1}" != "0" ]; then
    echo "== python: speed (short run; see benches/python/README.md)"
    "$py" "$root/benches/python/bench_tokenize.py" --rows 1000000 --peer-rows 20000 --repeat 3
fi
echo "== python: done in $((SECONDS - start)) s"
