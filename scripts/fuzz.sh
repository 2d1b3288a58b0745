#!/usr/bin/env bash
# Coverage-guided fuzzing of the SDK core (and the simulator) with libFuzzer, on stable Rust.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, every target)
#
# No nightly and no cargo-fuzz: the SanitizerCoverage instrumentation libFuzzer needs is reached
# through stable `-C` flags (`-Cpasses=sancov-module` + LLVM options). Built for the explicit host
# triple so the flags reach the fuzzed crates but not build scripts. No AddressSanitizer (that one
# is nightly-only): safe Rust needs it little; panics, overflow and debug assertions are caught.
#
# Inputs: fuzz/seeds/<target>/ (committed), fuzz/regressions/<target>/ (committed: every crash
# found, replayed first and by `cargo test` in fuzz/), fuzz/corpus/<target>/ (what the fuzzer
# learns, kept locally, git-ignored). A crash is written to fuzz/artifacts/<target>/ and fails the
# run; copy it into fuzz/regressions/<target>/ once fixed.
# FUZZ_SEED fixes libFuzzer's random seed (0, the default, picks one): `make test`'s smoke run uses
# a fixed seed so that it explores the same inputs on every machine (a slower one, a prefix).
# Prints one line per target: executions, corpus size, crashes; exits 1 if any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
host="$(rustc -vV | sed -n 's/^host: //p')"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
# Never the workspace's wasm flags or a caller's target dir.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET

cd fuzz
all=(decode_models validate_create validate_operation client_read)
if [ -d ../sim/src ] && grep -q '^name = "sim_requests"' Cargo.toml 2>/dev/null; then all+=(sim_requests); fi
targets=("${@:-${all[@]}}")
[ "$#" -gt 0 ] || targets=("${all[@]}")

echo "fuzz: building ${#targets[@]} targets (libFuzzer, stable rustc, $host)"
bins=()
for t in "${targets[@]}"; do bins+=(--bin "$t"); done
cargo build --release --features libfuzzer --target "$host" "${bins[@]}" 2>&1 | grep -v '^\s*Compiling' || true
test -x "target/$host/release/${targets[0]}" || { echo "fuzz: build failed" >&2; exit 1; }

status=0
summary=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t" "seeds/$t" "regressions/$t"
  before="$(find "artifacts/$t" -type f | wc -l)"
  log="$(mktemp)"
  # corpus/ first (written to), then the read-only seed and regression folders.
  set +e
  "target/$host/release/$t" "corpus/$t" "seeds/$t" "regressions/$t" \
    -dict=dict.txt -seed="${FUZZ_SEED:-0}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"$log" 2>&1
  rc=$?
  set -e
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  if [ -z "$execs" ]; then
    execs="$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')"
  fi
  corpus="$(find "corpus/$t" -type f | wc -l)"
  crashes=$(( $(find "artifacts/$t" -type f | wc -l) - before ))
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
  line="$(printf 'fuzz %-20s %10s executions in %ss, corpus %5s, crashes %s' "$t" "${execs:-0}" "$seconds" "$corpus" "$crashes")"
  echo "$line"
  summary+=("$line")
  if [ "$crashes" -ne 0 ]; then
    status=1
    grep -E 'panicked|ERROR: libFuzzer|Test unit written' "$log" | head -5 | sed 's/^/    /'
  fi
  rm -f "$log"
done
echo "fuzz: summary"
printf '  %s\n' "${summary[@]}"
exit "$status"
