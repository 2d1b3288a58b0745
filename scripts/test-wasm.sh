#!/usr/bin/env bash
# Runs the wasm tests (tests/wasm_*.rs) three times: under Node (`wasm-pack test --node`), in headless
# Chromium (`WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome`) and in headless Firefox
# (`… --headless --firefox`, geckodriver), against a local simulator started here (the client's wasm
# tests read ITCARE_SIM_URL at compile time). Prints each runner's counts and one summary line.
#
# Fails when a runner fails, reports a failed test, or runs zero tests: wasm-pack exits 0 and runs
# nothing when tests are not configured for the browser (TOOLCHAIN.md trap 3).
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Chromium as root needs --no-sandbox: capabilities in ./webdriver.json, read by the test runner.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# geckodriver comes from `cargo install` (scripts/setup.sh); the runner adds -headless itself and
# Firefox needs nothing else as root (geckodriver gives it a fresh profile under /tmp).
# Not exported: wasm-bindgen-test-runner prefers a GECKODRIVER variable over CHROMEDRIVER, so the
# Chromium run would quietly run in Firefox; wasm-pack sets it for the Firefox run only.
GECKODRIVER_BIN="${GECKODRIVER:-$HOME/.cargo/bin/geckodriver}"
unset GECKODRIVER GECKODRIVER_REMOTE
# Missing drivers would make wasm-pack try a download (no network here): say what to run instead.
for driver in "$CHROMEDRIVER" "$GECKODRIVER_BIN"; do
  [ -x "$driver" ] || { echo "[test-wasm] $driver missing: run scripts/setup.sh" >&2; exit 1; }
done
# Client tests wait for actions; the browser runner's default timeout (20 s) is too tight on 2 cores.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}"

TMP="$(mktemp -d)"
source scripts/sim.sh
trap 'stop_sim; rm -rf "$TMP"' EXIT INT TERM

log() { printf '[test-wasm] %s\n' "$*"; }

# Simulator on a free loopback port; actions finish after 100 ms so waiter tests are quick.
cargo build -p itcare-sim
# The browser runner serves its test page from its own random loopback port and calls /_sim/:
# the simulator's controls refuse foreign origins unless listed.
SIM_ENV=(ITCARE_SIM_ACTION_MS=100)
start_sim test-wasm "$TMP" --allow-origin 'http://127.0.0.1:*' --no-seed
export ITCARE_SIM_URL="$SIM_BASE"
log "simulator at $ITCARE_SIM_URL"

# Only the wasm test targets: native test files are `cfg(not(wasm32))` anyway, this saves building them.
TARGETS=(--test 'wasm_*')

total_passed=0
summary=()
# run NAME BROWSER CMD...: runs a wasm-pack test command, echoes its output, and checks the summary
# lines ("test result: ok. N passed; M failed; ..."), one per test binary. BROWSER (as the runner
# names it: Chrome, Firefox; empty for Node) must be the one every test binary ran in.
run() {
  local name=$1 browser=$2; shift 2
  local out="$TMP/$name.log" rc=0 start=$SECONDS
  log "$name: $*"
  "$@" 2>&1 | tee "$out" || rc=${PIPESTATUS[0]}
  local passed failed
  passed=$(grep -Eo '[0-9]+ passed' "$out" | awk '{s += $1} END {print s + 0}')
  failed=$(grep -Eo '[0-9]+ failed' "$out" | awk '{s += $1} END {print s + 0}')
  log "$name: exit $rc, $passed passed, $failed failed ($((SECONDS - start)) s)"
  if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ]; then
    log "$name: FAILED"; return 1
  fi
  if [ "$passed" -eq 0 ]; then
    log "$name: ran zero tests (runner not configured?)"; return 1
  fi
  local binaries in_browser in_expected
  binaries=$(grep -c '^test result:' "$out" || true)
  in_browser=$(grep -c '^Running headless tests in ' "$out" || true)
  in_expected=$(grep -c "^Running headless tests in $browser on " "$out" || true)
  if { [ -z "$browser" ] && [ "$in_browser" -ne 0 ]; } \
     || { [ -n "$browser" ] && { [ "$in_expected" -ne "$binaries" ] || [ "$in_browser" -ne "$binaries" ]; }; }; then
    log "$name: $binaries test binaries, $in_expected of them in ${browser:-Node}: wrong runner"; return 1
  fi
  total_passed=$((total_passed + passed))
  summary+=("$name $passed")
}

run node "" wasm-pack test --node -- "${TARGETS[@]}"
WASM_BINDGEN_USE_BROWSER=1 run chromium Chrome \
  wasm-pack test --headless --chrome --chromedriver "$CHROMEDRIVER" -- "${TARGETS[@]}"
WASM_BINDGEN_USE_BROWSER=1 run firefox Firefox \
  wasm-pack test --headless --firefox --geckodriver "$GECKODRIVER_BIN" -- "${TARGETS[@]}"

per_runner=$(printf '%s, ' "${summary[@]}")
log "wasm tests: $total_passed passed (${per_runner%, })"
