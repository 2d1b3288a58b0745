#!/usr/bin/env bash
# End-to-end tests of the portal (issue 5): builds pkg/ if missing, starts the simulator on a free
# loopback port serving www/ and pkg/, runs ${E2E_TESTS:-tests/e2e/*.test.mjs} (Playwright driving Debian's
# Chromium, axe-core audits, screenshots into tests/e2e/screenshots-tmp/, or into the committed
# tests/e2e/screenshots/ with UPDATE_SCREENSHOTS=1), stops the simulator.
# `make test-firefox` runs the Firefox smoke test through here too (E2E_TESTS=tests/firefox/…,
# E2E_NAME=test-firefox names its lines).
# Fails when a test fails or when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${E2E_NAME:-test-e2e}"
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

for tool in tools/node_modules/playwright-core tools/node_modules/axe-core; do
  [ -d "$tool" ] || { echo "$name: $tool missing: run scripts/setup.sh" >&2; exit 1; }
done
[ -x /usr/bin/chromium ] || { echo "$name: /usr/bin/chromium missing: run scripts/setup.sh" >&2; exit 1; }
[ -f pkg/itcare_postgresql.js ] || bash scripts/build-pkg.sh

cargo build --quiet -p itcare-sim

WORK="$(mktemp -d)"
source scripts/sim.sh
trap 'stop_sim; rm -rf "$WORK"' EXIT

# Actions last ~0.8 s so progress is visible but tests stay quick.
SIM_ENV=("ITCARE_SIM_ACTION_MS=${ITCARE_SIM_ACTION_MS:-800}")
start_sim "$name" "$WORK" --www www --pkg pkg
export ITCARE_E2E_BASE="$SIM_BASE"
echo "$name: simulator at $ITCARE_E2E_BASE"

status=0
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$WORK/tap" ${E2E_TESTS:-tests/e2e/*.test.mjs} || status=$?

passed="$(grep -E '^# pass ' "$WORK/tap" | awk '{print $3}' || true)"
failed="$(grep -E '^# fail ' "$WORK/tap" | awk '{print $3}' || true)"
echo "$name: passed=${passed:-0} failed=${failed:-?}"
if [ "$status" -ne 0 ] || [ "${failed:-1}" != 0 ]; then
  echo "$name: FAILED (simulator log below)" >&2
  tail -n 40 "$WORK/sim.log" >&2
  exit 1
fi
if [ "${passed:-0}" -eq 0 ]; then
  echo "$name: no test ran" >&2
  exit 1
fi
