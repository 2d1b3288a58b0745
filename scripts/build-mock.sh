#!/usr/bin/env bash
# Builds the mock's wasm (sim/mock: the simulator's core on a virtual clock) into DIR
# (default target/mock-pkg): itcare_sim_mock.js (wasm-bindgen --target web glue),
# itcare_sim_mock_bg.wasm, itcare_sim_mock.d.ts. scripts/build-pkg.sh calls it and copies the
# result with pkg-template/mock/ into pkg/mock/ (subpath `itcare-postgresql/mock`).
#
# Its own .wasm: importing `itcare-postgresql` never loads it; only `itcare-postgresql/mock` does.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-target/mock-pkg}

# wasm-opt must be npm binaryen 132, never Debian's 108 (TOOLCHAIN.md trap 1).
export PATH="$PWD/tools/node_modules/.bin:$PATH"
case "$(wasm-opt --version 2>/dev/null)" in
  *"version 132"*) ;;
  *) echo "build-mock: wasm-opt on PATH is not binaryen 132 (run scripts/setup.sh)" >&2; exit 1 ;;
esac
case "$(wasm-bindgen --version 2>/dev/null)" in
  *"0.2.130"*) ;;
  *) echo "build-mock: wasm-bindgen CLI 0.2.130 needed (TOOLCHAIN.md)" >&2; exit 1 ;;
esac

# Only the mock's own dependency graph: the SDK comes without its JS boundary (feature `js`).
cargo build --quiet --release -p itcare-sim-mock --target wasm32-unknown-unknown
mkdir -p "$OUT"
wasm-bindgen --target web --out-dir "$OUT" --out-name itcare_sim_mock \
  target/wasm32-unknown-unknown/release/itcare_sim_mock.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$OUT/itcare_sim_mock_bg.wasm" -o "$OUT/itcare_sim_mock_bg.wasm"
raw=$(wc -c < "$OUT/itcare_sim_mock_bg.wasm")
gz=$(gzip -9 -c "$OUT/itcare_sim_mock_bg.wasm" | wc -c)
echo "build-mock: itcare_sim_mock_bg.wasm ${raw} bytes raw, ${gz} bytes gzip -9"
