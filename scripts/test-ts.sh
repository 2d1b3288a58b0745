#!/usr/bin/env bash
# Type-checks TypeScript consumers of the generated package types (tests/ts/) with the pinned
# tsc (tools/): `tsc --strict --noEmit`, no skipLibCheck, so the generated .d.ts is checked too.
# Needs pkg/ (make pkg).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$PATH"

if [ ! -f pkg/itcare_postgresql.d.ts ]; then
  echo "test-ts: pkg/itcare_postgresql.d.ts missing: run make pkg" >&2
  exit 1
fi
echo "[test-ts] $(tsc --version): tsc -p tests/ts/tsconfig.json (strict, noEmit)"
tsc -p tests/ts/tsconfig.json
echo "[test-ts] ok"
