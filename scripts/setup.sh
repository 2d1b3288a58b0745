#!/usr/bin/env bash
# Installs every tool the build and the tests need, skipping what is already there.
# Facts and traps: ../shared/notes/TOOLCHAIN.md (never Debian's binaryen; wasm-bindgen pinned).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
log() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-bindgen >/dev/null || ! wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (no --locked: the mirror lacks a pinned crate)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v wasm-pack >/dev/null; then
  log "installing wasm-pack"
  cargo install --locked wasm-pack
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium + chromium-driver (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Node tools (binaryen's wasm-opt, typescript, playwright-core, axe-core) live in tools/node_modules,
# pinned by tools/package-lock.json.
if [ -f tools/package.json ]; then
  if [ ! -d tools/node_modules ] || [ tools/package.json -nt tools/node_modules/.stamp ]; then
    log "installing node tools"
    (cd tools && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.stamp)
  fi
fi

if command -v wasm-opt >/dev/null && [ "$(command -v wasm-opt)" = /usr/bin/wasm-opt ]; then
  log "WARNING: Debian's wasm-opt is on PATH; the Makefile puts tools/node_modules/.bin first"
fi
log "ok"
