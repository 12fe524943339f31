#!/usr/bin/env bash
# The C library's tests: header freshness, build, install with pkg-config, the C test programs
# (natively and under valgrind memcheck), the waybill example with its exact expected output,
# and a smoke run of the C-vs-Rust batch benchmark.
# Usage: bash tests/c/run.sh   (installs valgrind and pkg-config with apt-get when missing and root)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
work=$(mktemp -d "${TMPDIR:-/tmp}/yinsi-c.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

step() { printf '\n== %s\n' "$*"; }
ok() { passed=$((passed + 1)); printf 'ok   %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }

need=()
command -v cc >/dev/null || need+=(gcc libc6-dev)
command -v valgrind >/dev/null || need+=(valgrind)
command -v pkg-config >/dev/null || need+=(pkg-config)
if ((${#need[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    step "installing ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "tests/c/run.sh needs: ${need[*]}" >&2
    exit 1
  fi
fi

step "header: ffi/include/yinsi.h is what cbindgen generates from ffi/src"
cargo test -p yinsi-ffi --locked --test header

step "build and install libyinsi (release) under a scratch prefix"
prefix=$work/prefix
bash ffi/install.sh "$prefix"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
pkg-config --exists yinsi && ok "pkg-config finds yinsi $(pkg-config --modversion yinsi)"
[[ -f $prefix/lib/libyinsi.a && -f $prefix/lib/libyinsi.so ]] && ok "libyinsi.a and libyinsi.so installed"

# The tests link the static library (as most C services will); the example links the shared one
# exactly as the README shows.
cflags=(-std=c11 -Wall -Wextra -Werror -g -O1)
static_libs=$(pkg-config --static --libs-only-l yinsi | sed 's/-lyinsi//')
bin=$work/bin
mkdir -p "$bin"
step "compile the C tests"
for t in test_api test_vectors test_threads; do
  # shellcheck disable=SC2086,SC2046
  cc "${cflags[@]}" $(pkg-config --cflags yinsi) -o "$bin/$t" "tests/c/$t.c" "$prefix/lib/libyinsi.a" $static_libs
done
ok "compiled test_api, test_vectors, test_threads with -Wall -Wextra -Werror"

step "every exported function is called by a C test"
missing=0
for sym in $(nm -D --defined-only "$prefix/lib/libyinsi.so" | awk '$3 ~ /^yinsi_/ {print $3}'); do
  if ! grep -qE "\b$sym\(" tests/c/test_*.c; then
    echo "no C test calls $sym" >&2
    missing=1
  fi
done
count=$(nm -D --defined-only "$prefix/lib/libyinsi.so" | awk '$3 ~ /^yinsi_/' | wc -l)
((missing == 0)) && ok "all $count exported functions are called" || fail "exported functions without a C test"

run() { # name, command...
  local name=$1
  shift
  if "$@" >"$work/out" 2>&1; then
    ok "$name: $(tail -n 1 "$work/out")"
  else
    cat "$work/out"
    fail "$name"
  fi
}

step "run the C tests"
run test_api "$bin/test_api" "$work"
run test_vectors "$bin/test_vectors" tests/vectors
run test_threads "$bin/test_threads" 200

step "the same under valgrind memcheck (no invalid access, no leak)"
vg=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
  --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes)
run "valgrind test_api" "${vg[@]}" "$bin/test_api" "$work"
run "valgrind test_vectors" "${vg[@]}" "$bin/test_vectors" tests/vectors
run "valgrind test_threads" "${vg[@]}" "$bin/test_threads" 3

step "example: examples/c/waybill.c, built with pkg-config against the shared library"
# shellcheck disable=SC2046
cc "${cflags[@]}" -o "$bin/waybill" examples/c/waybill.c $(pkg-config --cflags --libs yinsi)
export LD_LIBRARY_PATH=$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export YINSI_KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
"$bin/waybill" examples/c/waybills.csv "$work/stored.csv" "$work/print.txt" >"$work/stdout.txt" ||
  fail "waybill exited with $?"
for f in stdout.txt stored.csv print.txt; do
  if diff -u "examples/c/expected/$f" "$work/$f"; then ok "waybill $f is exactly as expected"; else fail "waybill $f"; fi
done
run "valgrind waybill" "${vg[@]}" "$bin/waybill" examples/c/waybills.csv "$work/stored2.csv" "$work/print2.txt"

step "benchmark smoke run (benches/c; figures come from bash benches/c/run.sh)"
run "bench_batch" env YINSI_BENCH_VALUES=2000 YINSI_BENCH_ROUNDS=1 bash benches/c/run.sh

printf '\nc: %d passed, %d failed\n' "$passed" "$failed"
((failed == 0))
