#!/usr/bin/env bash
# node:test suites against the built package (pkg/node.mjs): issue 2's acceptance checks and the
# 10,000-random-calls robustness check. Needs pkg/ (make pkg).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f pkg/node.mjs ]; then
  echo "test-node: pkg/node.mjs missing: run make pkg" >&2
  exit 1
fi
node --test tests/node/*.test.mjs
