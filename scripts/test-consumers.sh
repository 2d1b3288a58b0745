#!/usr/bin/env bash
# Consumer tests of the npm package (issues 6 and 11): each project under tests/consumers/ is
# copied to a fresh temporary folder, gets its tools from its committed lockfile and the
# `npm pack` tarball of pkg/ (never a path into the repo), then runs its node:test file, which
# builds, bundles or runs the project the way that stack does by default. Fails when any test
# fails, when an install fails or when no test ran.
#
#   scripts/test-consumers.sh [NAME ...]   (default: every folder with a test file)
#
# Installs are cached so a second run skips the registry: each lockfile is installed once with
# `npm ci` into $ITCARE_CONSUMER_CACHE/<name>-<lockfile hash>/ (default ~/.cache/itcare-consumers)
# and hard-linked into each fresh project; the toolbox (Deno, Bun, attw, publint) likewise. A
# changed lockfile gets a new cache folder; older ones are removed.
#
# Needs pkg/ (make pkg; built here when missing) and the simulator binary (built here, or
# ITCARE_SIM_BIN). Keep the temporary projects: KEEP_CONSUMERS=1. Another package folder:
# ITCARE_PKG_DIR=/path/to/pkg.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/tools/node_modules/.bin:$PATH"
export NEXT_TELEMETRY_DISABLED=1 DENO_NO_UPDATE_CHECK=1 DO_NOT_TRACK=1

log() { printf '[consumers] %s\n' "$*"; }
T0=$(date +%s)

CONSUMERS=("$@")
if [ ${#CONSUMERS[@]} -eq 0 ]; then
  for d in tests/consumers/*/; do
    d=${d%/}
    if [ -f "$d/test.mjs" ] || [ -f "$d/test.cjs" ]; then CONSUMERS+=("$(basename "$d")"); fi
  done
fi

# The package folder to pack: pkg/ (built here when missing), or ITCARE_PKG_DIR (e.g. an older
# build, to reproduce how it failed).
PKG_DIR=${ITCARE_PKG_DIR:-pkg}
[ -n "${ITCARE_PKG_DIR:-}" ] || [ -f pkg/package.json ] || scripts/build-pkg.sh
if [ -z "${ITCARE_SIM_BIN:-}" ]; then
  log "building itcare-sim"
  cargo build --quiet -p itcare-sim
  ITCARE_SIM_BIN=$ROOT/target/debug/itcare-sim
fi
export ITCARE_SIM_BIN
export TOOLS_NODE_MODULES=$ROOT/tools/node_modules

CACHE=${ITCARE_CONSUMER_CACHE:-$HOME/.cache/itcare-consumers}
mkdir -p "$CACHE"

npm_quiet() { npm --no-audit --no-fund --loglevel=error --prefer-offline "$@"; }

# cached_modules NAME DIR: prints a folder holding DIR's lockfile installed (npm ci, once).
cached_modules() {
  local name=$1 dir=$2 hash target
  hash=$(sha256sum "$dir/package-lock.json" | cut -c1-16)
  target=$CACHE/$name-$hash
  if [ ! -f "$target/.complete" ]; then
    log "$name: npm ci into the cache ($target)" >&2
    rm -rf "$target" "$CACHE/$name"-*
    mkdir -p "$target"
    cp "$dir/package.json" "$dir/package-lock.json" "$target"/
    (cd "$target" && npm_quiet ci) >&2
    touch "$target/.complete"
  fi
  printf '%s\n' "$target"
}

TOOLBOX=$(cached_modules toolbox tests/consumers/toolbox)
export TOOLBOX_BIN=$TOOLBOX/node_modules/.bin

WORK=$(mktemp -d "${TMPDIR:-/tmp}/itcare-consumers.XXXXXX")
cleanup() { [ -n "${KEEP_CONSUMERS:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT

TARBALL=$(cd "$PKG_DIR" && npm pack --silent --ignore-scripts --pack-destination "$WORK")
export ITCARE_TARBALL=$WORK/$TARBALL
log "tarball $TARBALL ($(du -k "$ITCARE_TARBALL" | cut -f1) KB)"
# Each consumer may append rows (stack, entry, bytes) to this file; printed at the end.
export CONSUMER_REPORT=$WORK/report.tsv
: >"$CONSUMER_REPORT"

total=0 passed=0 failed=0 status=0
for name in "${CONSUMERS[@]}"; do
  src=tests/consumers/$name
  [ -d "$src" ] || { log "no consumer $name"; exit 2; }
  [ "$name" != lib ] && [ "$name" != toolbox ] || { log "$name is not a consumer"; exit 2; }
  t0=$(date +%s)
  dir=$WORK/$name
  mkdir -p "$dir"
  cp -r "$src"/. "$dir"/
  cp -r tests/consumers/lib "$dir"/lib
  log "$name: installing the tarball in $dir"
  if ! (
    set -e
    cd "$dir"
    if [ -f package-lock.json ]; then
      cached=$(cached_modules "$name" "$ROOT/$src")
      # Hard links when the cache is on the same file system, a copy otherwise.
      cp -al "$cached/node_modules" node_modules 2>/dev/null || { rm -rf node_modules; cp -a "$cached/node_modules" node_modules; }
      # npm rewrites this file in place: unlink it so the cache's copy stays as installed.
      rm -f node_modules/.package-lock.json
    fi
    npm_quiet install --no-save "$ITCARE_TARBALL"
  ); then
    log "$name: FAILED (install)"
    status=1
    continue
  fi
  testfile=test.mjs
  [ -f "$dir/$testfile" ] || testfile=test.cjs
  log "$name: node --test $testfile (installed in $(($(date +%s) - t0)) s)"
  set +e
  # A hung build or browser must not stall CI: each consumer gets at most CONSUMER_TIMEOUT s.
  (cd "$dir" && timeout -k 10 "${CONSUMER_TIMEOUT:-1200}" node --test --test-reporter=spec "$testfile") 2>&1 | tee "$dir/test.log"
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
  log "$name: done in $(($(date +%s) - t0)) s"
done

if [ -s "$CONSUMER_REPORT" ]; then
  log "what each stack resolved and shipped (bytes raw / gzip):"
  sort "$CONSUMER_REPORT" | awk -F'\t' '{ printf "[consumers]   %-34s %-24s %9s / %s\n", $1, $2, $3, $4 }'
fi
log "total: $total tests, $passed passed, $failed failed in $(($(date +%s) - T0)) s"
if [ "$total" -eq 0 ]; then
  log "no test ran"
  exit 1
fi
exit $status
