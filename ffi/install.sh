#!/usr/bin/env bash
# Builds libyinsi (release) and installs it under a prefix:
#   PREFIX/lib/libyinsi.a, PREFIX/lib/libyinsi.so, PREFIX/include/yinsi.h, PREFIX/lib/pkgconfig/yinsi.pc
# Usage: bash ffi/install.sh [PREFIX]   (default /usr/local; LIBDIR=lib64 to change the lib folder)
# Environment: CARGO_TARGET_DIR as for cargo; YINSI_NO_BUILD=1 installs what is already built.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-/usr/local}
libdir=${LIBDIR:-lib}
if [[ -z "${YINSI_NO_BUILD:-}" ]]; then
  cargo build -p yinsi-ffi --release --locked
fi
target=${CARGO_TARGET_DIR:-$PWD/target}
version=$(cargo pkgid -p yinsi-ffi | sed 's/.*[@#]//')
install -d "$prefix/$libdir/pkgconfig" "$prefix/include"
install -m 644 "$target/release/libyinsi.a" "$prefix/$libdir/"
install -m 755 "$target/release/libyinsi.so" "$prefix/$libdir/"
install -m 644 ffi/include/yinsi.h "$prefix/include/"
sed -e "s|@PREFIX@|$prefix|" -e "s|@LIBDIR@|$libdir|" -e "s|@VERSION@|$version|" ffi/yinsi.pc.in \
  > "$prefix/$libdir/pkgconfig/yinsi.pc"
echo "installed libyinsi $version under $prefix"
