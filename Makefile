# The commands a person runs are the CI: `.ci/run` calls `make test`.
# Toolchain facts and traps: ../shared/notes/TOOLCHAIN.md.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

# npm binaryen 132's wasm-opt must come first: Debian's wasm-opt 108 silently corrupts
# wasm-bindgen 0.2.130 output (TOOLCHAIN trap 1), and wasm-pack uses the first one on PATH.
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Chromium as root needs --no-sandbox: the capabilities live in webdriver.json (crate root).
export CHROMEDRIVER ?= /usr/bin/chromedriver

PORT ?= 8080
WASM_TARGET := wasm32-unknown-unknown

# Steps of `make test` run in the order written, even under `make -j`.
.NOTPARALLEL:

.PHONY: help setup pkg serve test lint fmt-check clippy clippy-wasm test-native test-wasm \
        test-ts test-node test-mock test-readme test-soak soak test-e2e test-firefox test-consumers test-fuzz fuzz bench clean

help:
	@echo "make setup   install the toolchain pieces that are missing (idempotent)"
	@echo "make pkg     build the npm package into pkg/ (release wasm)"
	@echo "make serve   build and run the simulator + portal on http://127.0.0.1:$(PORT)/"
	@echo "make test    everything CI runs: fmt, clippy (native + wasm), native, wasm (Node + Chromium + Firefox), TS, Node, e2e (Chromium), Firefox smoke, consumers"
	@echo "make soak    100 life cycles at 20% faults and 100 at 35% against the simulator, every write audited"
	@echo "make fuzz    fuzz every target for FUZZ_SECONDS (default 60) each, then schemathesis on the simulator"
	@echo "make bench   benchmarks against zod/valibot/ajv (after make pkg)"

setup:
	bash scripts/setup.sh

pkg: setup
	bash scripts/build-pkg.sh

serve: setup pkg
	@# Debug profile on purpose: the workspace release profile (lto, opt-level z, panic=abort) is
	@# tuned for the wasm package; the simulator builds in seconds this way and a panic stays local.
	cargo run -p itcare-sim -- --www www --pkg pkg --port $${PORT:-$(PORT)}

test: setup lint test-native test-fuzz pkg test-wasm test-ts test-node test-mock test-readme test-soak test-e2e test-firefox test-consumers
	@echo "make test: all steps passed"

lint: fmt-check clippy clippy-wasm

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings

# The wasm boundary (src/wasm) and the wasm tests only compile for wasm32.
clippy-wasm:
	cargo clippy -p itcare-postgresql --target $(WASM_TARGET) --lib --tests -- -D warnings
	cargo clippy -p itcare-sim-mock --target $(WASM_TARGET) --lib -- -D warnings

test-native:
	cargo test --workspace

# wasm-bindgen tests under Node, headless Chromium and headless Firefox; fails when a runner ran
# zero tests; prints each runner's counts.
test-wasm: setup
	bash scripts/test-wasm.sh

# tsc --strict --noEmit on a consumer of the generated pkg/itcare_postgresql.d.ts.
test-ts: pkg
	bash scripts/test-ts.sh

# node:test suites against the built package (pkg/inline.js and the glue): acceptance checks,
# 10,000 random calls, the fast path against the full exports, hostile calls to the low-level exports,
# truthful writes judged against a fresh simulator (hence the simulator's build); on the machine's
# Node 20, then on Node 24 (tools/node24, from setup), each run's counts printed.
test-node: pkg
	cargo build -p itcare-sim
	bash scripts/test-node.sh

# sim/README.md's curl walkthrough, run as written against a fresh simulator on a free port.
test-readme:
	bash scripts/test-readme-curl.sh

# The packed client on itcare-postgresql/mock (in-process API, virtual time) from fresh Node (run on
# Node 20 and Node 24) and Vitest projects: a life cycle and a fault scenario, no socket; the wall
# time is printed.
test-mock: pkg
	bash scripts/test-mock.sh

# Full life cycles of the packed client against the simulator with transient faults and ambiguous
# outcomes (lost answers after processing), the same operation twice within seconds and a deleted
# name created again; then an audit of every write against the simulator's actions: writes
# reported done that did not happen, sent twice, reported failed that happened, untyped errors,
# hangs (scripts/soak.mjs). `soak`: 100 cycles at 20% faults (goal >= 96% succeed) and 100 at 35%
# (>= 90%); `test-soak` (part of `make test`): 10 cycles at 20%, every bad count 0 and >= 9 of 10
# cycles succeed (96% of 10 would be 10/10, and 1-2% of cycles at 20% end in a typed, truthful
# failure after injected faults in a row: CI would fail one run in six or so).
soak: pkg
	cargo build -p itcare-sim
	rc=0; \
	node scripts/soak.mjs --cycles 100 --faults 0.2 || rc=1; \
	node scripts/soak.mjs --cycles 100 --faults 0.35 --seed 20261205 || rc=1; \
	exit $$rc

test-soak: pkg
	cargo build -p itcare-sim
	node scripts/soak.mjs --cycles 10 --faults 0.2 --min-success 0.9

# The portal driven by Playwright in Chromium against the simulator, with axe audits.
test-e2e: pkg
	bash scripts/test-e2e.sh

# The portal smoke test in headless Firefox ESR through geckodriver (W3C WebDriver, console errors
# through WebDriver BiDi): sign in, create with a field error fixed, progress to ACTIVE, delete.
test-firefox: pkg
	E2E_NAME=test-firefox E2E_TESTS='tests/firefox/*.test.mjs' bash scripts/test-e2e.sh

# The `npm pack` tarball installed into fresh projects of every stack in tests/consumers/ (Node,
# TypeScript, Next.js, Vite, esbuild, Rollup, webpack, Jest, Vitest, Deno, Bun, plain page, attw/publint).
test-consumers: pkg
	bash scripts/test-consumers.sh

# Coverage-guided fuzzing (libFuzzer on stable Rust, fuzz/): every target for FUZZ_SECONDS each,
# printing executions and crashes per target; fails on a crash (written to fuzz/artifacts/).
# Then schemathesis against the simulator with docs/openapi.json (no 5xx, no answer off the
# schema): SCHEMATHESIS_EXAMPLES per operation, at most SCHEMATHESIS_SECONDS; the hostile soak at
# 100,000 values; the slow node suites (tests/node/slow/: a create answered after 32 s with the
# default options, judged like tests/node/truthful-writes.test.mjs).
FUZZ_SECONDS ?= 60
SCHEMATHESIS_EXAMPLES ?= 100
SCHEMATHESIS_SECONDS ?= 300
fuzz: setup pkg
	bash scripts/fuzz.sh $(FUZZ_SECONDS)
	bash scripts/schemathesis.sh $(SCHEMATHESIS_EXAMPLES) $(SCHEMATHESIS_SECONDS)
	HOSTILE_VALUES=100000 node --test tests/node/hostile.test.mjs
	MODEL_SEQUENCES=50000 cargo test --release --test client_behaviour every_write_result -- --nocapture
	cargo build -p itcare-sim
	node --test tests/node/slow/*.test.mjs

# The smoke run of `make test`: a few seconds per target (seeds and regressions replayed first),
# then a short schemathesis pass.
test-fuzz: setup
	FUZZ_SEED=1 bash scripts/fuzz.sh 5
	bash scripts/schemathesis.sh 10 45

# Figures only (BENCHMARKS.md), never part of `make test`.
bench: pkg
	bash scripts/bench.sh

clean:
	cargo clean
	rm -rf pkg
