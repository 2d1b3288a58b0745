#!/usr/bin/env bash
# Consumer tests of the npm package (issue 6): each project under tests/consumers/ is copied to a
# fresh temporary folder that installs the `npm pack` tarball of pkg/ (never a path into the
# repo), then runs its node:test file. Fails when any test fails or when no test ran.
#
#   scripts/test-consumers.sh [node-esm node-cjs ts vite plain-page]   (default: all)
#
# Needs pkg/ (make pkg; built here when missing) and the simulator binary (built here, or
# ITCARE_SIM_BIN). npm installs go to the registry; the npm cache is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/tools/node_modules/.bin:$PATH"

CONSUMERS=("$@")
[ ${#CONSUMERS[@]} -gt 0 ] || CONSUMERS=(node-esm node-cjs ts vite plain-page)
VITE_VERSION=8.3.8

log() { printf '[consumers] %s\n' "$*"; }

[ -f pkg/package.json ] || scripts/build-pkg.sh
if [ -z "${ITCARE_SIM_BIN:-}" ]; then
  log "building itcare-sim"
  cargo build --quiet -p itcare-sim
  ITCARE_SIM_BIN=$ROOT/target/debug/itcare-sim
fi
export ITCARE_SIM_BIN
export TOOLS_NODE_MODULES=$ROOT/tools/node_modules

WORK=$(mktemp -d "${TMPDIR:-/tmp}/itcare-consumers.XXXXXX")
cleanup() { [ -n "${KEEP_CONSUMERS:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT

TARBALL=$(cd pkg && npm pack --silent --ignore-scripts --pack-destination "$WORK")
TARBALL=$WORK/$TARBALL
log "tarball $(basename "$TARBALL") ($(du -k "$TARBALL" | cut -f1) KB)"

npm_i() { npm install --no-audit --no-fund --loglevel=error "$@"; }

total=0 passed=0 failed=0 status=0
for name in "${CONSUMERS[@]}"; do
  src=tests/consumers/$name
  [ -d "$src" ] || { log "no consumer $name"; exit 2; }
  dir=$(mktemp -d "$WORK/$name.XXXXXX")
  cp -r "$src"/. "$dir"/
  cp -r tests/consumers/lib "$dir"/lib
  log "$name: installing the tarball in $dir"
  if ! (
    cd "$dir"
    npm_i "$TARBALL"
    if [ "$name" = vite ]; then
      npm_i -D -E "vite@$VITE_VERSION"
      NO_COLOR=1 npx --no-install vite build --logLevel warn
    fi
  ); then
    log "$name: FAILED (install or build)"
    status=1
    continue
  fi
  testfile=test.mjs
  [ -f "$dir/$testfile" ] || testfile=test.cjs
  log "$name: node --test $testfile"
  set +e
  (cd "$dir" && node --test --test-reporter=spec "$testfile") 2>&1 | tee "$dir/test.log"
  rc=${PIPESTATUS[0]}
  set -e
  # The spec reporter ends with "ℹ tests N / ℹ pass N / ℹ fail N".
  t=$(sed -n 's/^ℹ tests \([0-9]*\)$/\1/p' "$dir/test.log" | tail -1)
  p=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$dir/test.log" | tail -1)
  f=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$dir/test.log" | tail -1)
  total=$((total + ${t:-0})) passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] || [ "${t:-0}" -eq 0 ]; then
    log "$name: FAILED (exit $rc, ${t:-0} tests)"
    status=1
  fi
done

log "total: $total tests, $passed passed, $failed failed"
if [ "$total" -eq 0 ]; then
  log "no test ran"
  exit 1
fi
exit $status
