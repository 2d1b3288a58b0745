#!/usr/bin/env bash
# `make bench` (issue 7): sizes, validation throughput against zod 4 / valibot 1 / ajv 8,
# start-up in Node and Chromium, waiter efficiency. Prints one table and writes BENCHMARKS.md
# (figures only; never a timed assertion). Needs pkg/ (make pkg builds it first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/tools/node_modules/.bin:$PATH"

[ -f pkg/package.json ] || bash scripts/build-pkg.sh

# The benchmark's own pinned dependencies (bench/package-lock.json).
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  echo "[bench] installing bench/ dependencies (zod, valibot, ajv, esbuild)" >&2
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

mkdir -p target/bench
echo "[bench] waiter policy (cargo run --example waiter_bench)" >&2
cargo run --quiet --example waiter_bench > target/bench/waiter.jsonl

# Optional (a few minutes of compiling the first time): the boundary experiment of bench/boundary,
# with the package's profile and with opt-level 3.  BENCH_BOUNDARY=1 make bench
BOUNDARY=()
if [ -n "${BENCH_BOUNDARY:-}" ]; then
  echo "[bench] building the boundary experiment (opt-level z, then 3)" >&2
  BOUNDARY+=(--boundary "z=$(bash bench/boundary/build.sh)" --boundary "o3=$(bash bench/boundary/build.sh o3)")
fi

# Optional: a package built before issue 15 (e.g. `git worktree add` of an older commit, then
# make pkg there), measured in the same process as pkg/ for the time breakdown; otherwise
# BENCHMARKS.md shows the before figures recorded in bench/before-issue15.json.
BEFORE=()
if [ -n "${BENCH_BEFORE:-}" ]; then BEFORE+=(--before "$BENCH_BEFORE"); fi

node bench/run.mjs "${BOUNDARY[@]}" "${BEFORE[@]}" \
  --pkg pkg \
  --tools tools/node_modules \
  --waiter target/bench/waiter.jsonl \
  --wasm-names target/wasm32-unknown-unknown/release/itcare_postgresql.wasm \
  --out BENCHMARKS.md

# What back-to-back calls leave on the Node heap (a canned fetch, 100,000 calls); appended below.
echo "[bench] Node heap over 100,000 calls (bench/heap.mjs)" >&2
node --expose-gc bench/heap.mjs pkg 100000 > target/bench/heap.md
cat target/bench/heap.md >&2

# The portal under Lighthouse (mobile, slow 4G) and its first usable form; appended to
# BENCHMARKS.md, which bench/run.mjs has just rewritten.
echo "[bench] Lighthouse on the portal (scripts/lighthouse.sh)" >&2
bash scripts/lighthouse.sh
{ echo; cat target/bench/lighthouse.md; echo; cat target/bench/heap.md; } >> BENCHMARKS.md
