// Timing loop shared by the throughput benchmarks: warm-up, calibration to a round length,
// ROUNDS interleaved rounds, median time per call.
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const TARGET_ROUND_NS = Number(process.env.BENCH_ROUND_MS ?? 150) * 1e6;

let sink = 0; // keeps results alive so nothing is optimised away
const count = (r) => (Array.isArray(r) ? r.length : r && typeof r === "object" ? (r.success ? 1 : 2) : r ? 1 : 0);

function calibrate(fn) {
  // Iterations per round so that one round lasts about TARGET_ROUND_NS.
  let n = 100;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink += count(fn());
    const dt = Number(process.hrtime.bigint() - t0);
    if (dt > 20e6 || n >= 1e7) return Math.max(100, Math.round((n * TARGET_ROUND_NS) / dt));
    n *= 4;
  }
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** groups: { groupName: { impl: () => result } } -> { groupName: { impl: { nsPerCall, ... } } } */
export function run(groups) {
  const out = {};
  for (const [group, impls] of Object.entries(groups)) {
    const entries = Object.entries(impls);
    const iters = {};
    for (const [name, fn] of entries) {
      for (let i = 0; i < 2e4; i++) sink += count(fn()); // warm-up (JIT tiers, wasm tier-up)
      iters[name] = calibrate(fn);
    }
    const samples = Object.fromEntries(entries.map(([n]) => [n, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, fn] of entries) {
        const n = iters[name];
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < n; i++) sink += count(fn());
        samples[name].push(Number(process.hrtime.bigint() - t0) / n);
      }
    }
    out[group] = Object.fromEntries(
      entries.map(([n]) => [n, { nsPerCall: median(samples[n]), min: Math.min(...samples[n]), max: Math.max(...samples[n]), itersPerRound: iters[n], rounds: ROUNDS }]),
    );
  }
  return out;
}


/** Whether results were consumed (always true; exported so the sink stays observable). */
export const sinkUsed = () => sink > 0;
