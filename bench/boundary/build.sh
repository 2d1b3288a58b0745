#!/usr/bin/env bash
# Builds the boundary experiment (bench/boundary) for wasm with the package's release profile
# and wasm-opt flags, into target/bench-boundary/pkg. Its own target dir: it never takes the
# project's cargo lock. Takes a few minutes the first time (the whole crate is compiled again).
#
#   bench/boundary/build.sh [o3]   o3: opt-level 3 and wasm-opt -O3 instead of "z" / -Oz
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/tools/node_modules/.bin:$PATH"
OPT=-Oz
export CARGO_TARGET_DIR=$PWD/target/bench-boundary
if [ "${1:-}" = o3 ]; then
  OPT=-O3
  export CARGO_TARGET_DIR=$PWD/target/bench-boundary-o3 CARGO_PROFILE_RELEASE_OPT_LEVEL=3
fi
(cd bench/boundary && cargo build --quiet --release --target wasm32-unknown-unknown >&2)
OUT=$CARGO_TARGET_DIR/pkg
rm -rf "$OUT"
wasm-bindgen --target web --out-dir "$OUT" --out-name boundary \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/boundary_bench.wasm" >&2
wasm-opt "$OUT/boundary_bg.wasm" -o "$OUT/boundary_bg.wasm" "$OPT" --enable-bulk-memory \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue
echo "$OUT"
