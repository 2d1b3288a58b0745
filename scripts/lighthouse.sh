#!/usr/bin/env bash
# Lighthouse on the portal (part of `make bench`, never of `make test`): installs the pinned
# bench/lighthouse dependencies, starts the simulator on a free loopback port serving www/ and
# pkg/, runs bench/lighthouse/run.mjs with Debian's Chromium, stops the simulator.
# Writes target/bench/lighthouse.md (the Markdown section) and target/bench/lighthouse.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

[ -x "${CHROME_PATH:-/usr/bin/chromium}" ] || { echo "lighthouse: ${CHROME_PATH:-/usr/bin/chromium} missing: run scripts/setup.sh" >&2; exit 1; }
[ -f pkg/itcare_postgresql.js ] || bash scripts/build-pkg.sh
if [ ! -f bench/lighthouse/node_modules/.package-lock.json ] \
   || [ bench/lighthouse/package-lock.json -nt bench/lighthouse/node_modules/.package-lock.json ]; then
  echo "[lighthouse] installing bench/lighthouse dependencies (lighthouse, puppeteer-core; no browser download)" >&2
  (cd bench/lighthouse && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

cargo build --quiet -p itcare-sim
WORK="$(mktemp -d)"
source scripts/sim.sh
trap 'stop_sim; rm -rf "$WORK"' EXIT
start_sim lighthouse "$WORK" --www www --pkg pkg
mkdir -p target/bench
node bench/lighthouse/run.mjs --base "$SIM_BASE" \
  --out target/bench/lighthouse.md --json target/bench/lighthouse.json
