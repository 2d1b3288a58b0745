#!/usr/bin/env bash
# node:test suites against the built package (pkg/inline.js): issue 2's acceptance checks and the
# 10,000-random-calls robustness check. Needs pkg/ (make pkg).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f pkg/inline.js ]; then
  echo "test-node: pkg/inline.js missing: run make pkg" >&2
  exit 1
fi
# The hostile soak (tests/node/hostile.test.mjs) at 10,000 values here; `make fuzz` runs 100,000.
HOSTILE_VALUES="${HOSTILE_VALUES:-10000}" node --test tests/node/*.test.mjs
