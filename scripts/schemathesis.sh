#!/usr/bin/env bash
# The simulator against its own contract: schemathesis (PyPI) generates requests from
# docs/openapi.json (served at /itcare/openapi.json) and checks every answer: no 5xx, every status
# documented, every body on the schema, the documented content types.
#
#   bash scripts/schemathesis.sh [MAX_EXAMPLES_PER_OPERATION] [MAX_SECONDS]   (default 25, 120)
#
# The simulator runs with faults off (a 503 there is injected on purpose) and is stopped on exit. Prints schemathesis's summary; exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

examples="${1:-25}"
max_time="${2:-120}"
venv="${ITCARE_VENV:-$HOME/.cache/itcare-venv/schemathesis}"
st="$venv/bin/schemathesis"
if [ ! -x "$st" ]; then
  echo "schemathesis: $st missing: run bash scripts/setup.sh" >&2
  exit 1
fi

cargo build -q -p itcare-sim
work="$(mktemp -d)"
source scripts/sim.sh
trap 'stop_sim; rm -rf "$work"' EXIT

# A dedicated simulator: free port, dev credentials, short actions, no seeded faults.
SIM_ENV=(-u ITCARE_SIM_FAULTS ITCARE_SIM_CLIENT_ID=itcare-sim ITCARE_SIM_CLIENT_SECRET=itcare-sim-secret
  ITCARE_SIM_TOKEN_TTL=3600)
start_sim schemathesis "$work" --action-ms 200
base="$SIM_BASE"

token="$(curl -fsS -u itcare-sim:itcare-sim-secret -d grant_type=client_credentials \
  "$base/auth/realms/cloud/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"

echo "schemathesis: $base/itcare/openapi.json, $examples examples per operation, at most ${max_time}s"
set +e
"$st" run "$base/itcare/openapi.json" --url "$base/itcare" \
  -H "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "$examples" --max-time "$max_time" --seed 14 --workers 1 \
  --request-timeout 10 --output-truncate true --no-color 2>&1 | tee "$work/out.txt" | sed -n '/^=* *SUMMARY/,$p;/FAILURES/,/SUMMARY/p'
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ] && ! grep -q SUMMARY "$work/out.txt"; then tail -40 "$work/out.txt"; fi
exit "$rc"
