#!/usr/bin/env bash
# Runs sim/README.md's curl walkthrough (the ```sh block under "## By hand with curl") exactly as
# written against a fresh itcare-sim started like `make serve` (seeded, 3 s actions) on a free
# port, then checks what it printed: the reference's create example accepted (202, then SUCCESS
# and ACTIVE), the resize, the 409 while busy, the T6 bodies (C1, and the unknown area listing
# what is accepted), the delete's 404, the faulted 503 and the reset.
set -euo pipefail
cd "$(dirname "$0")/.."

SIM_BIN=${ITCARE_SIM_BIN:-}
if [ -z "$SIM_BIN" ]; then
  cargo build --quiet -p itcare-sim
  SIM_BIN=target/debug/itcare-sim
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/itcare-readme.XXXXXX")
source scripts/sim.sh
trap 'stop_sim; rm -rf "$WORK"' EXIT

# The walkthrough, minus its first line (it starts the server; we start it here on a free port).
awk '/^## By hand with curl/{f=1} f&&/^```sh/{b=1;next} b&&/^```/{exit} b' sim/README.md > "$WORK/walk.sh"
grep -q '^cargo run -p itcare-sim' "$WORK/walk.sh" || { echo "test-readme-curl: walkthrough not found" >&2; exit 1; }
grep -v '^cargo run -p itcare-sim' "$WORK/walk.sh" > "$WORK/commands.sh"

start_sim test-readme-curl "$WORK"
export PORT=$SIM_PORT

(set -euo pipefail; cd "$WORK"; source ./commands.sh) > "$WORK/out.txt" 2>&1 || {
  echo "test-readme-curl: the walkthrough failed" >&2; cat "$WORK/out.txt" >&2; exit 1; }

fail=0
expect() {
  if grep -F -- "$1" "$WORK/out.txt" >/dev/null; then echo "ok   $2"; else echo "FAIL $2 (no: $1)"; fail=1; fi
}
expect '"id":7300001,"internalId":500061900' "create with the reference's example: 202 Action"
expect '"status":"IN_PROGRESS"' "the action is IN_PROGRESS at first"
expect '{"finished":1}' "finish-actions completed it"
expect '"status":"SUCCESS"' "then SUCCESS (A2)"
expect '"name":"newpostgre01"' "the instance exists"
expect '}409' "a second operation while one runs: 409"
expect '"nodeSizing":"4cpu8gb"' "resized"
expect '"errorDesc":"name","errorMessage":"Error on field '"'"'name'"'"'"}' "C1 refusal: T6 on name"
expect "accepted: EB-QA, EB-PROD or ET-HDS" "unknown area: T6 listing the areas"
expect '{"finished":1}404' "deleted: 404"
expect '}503' "fault: 503"
expect '"seeded":false' "reset"
if [ "$fail" != 0 ]; then cat "$WORK/out.txt"; exit 1; fi
echo "test-readme-curl: ok"
