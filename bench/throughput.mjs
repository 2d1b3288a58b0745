// Validation throughput in one Node process: for each validator and payload, a warm-up, then
// ROUNDS rounds of timed iterations (validators interleaved within a round so that machine noise
// hits them alike); the figure is the median time per call. Prints JSON on stdout.
//
//   node bench/throughput.mjs <path to pkg/node.mjs>
import { pathToFileURL } from "node:url";
import * as v from "valibot";
import { VALID, BROKEN5 } from "./cases.mjs";
import { checkAgreement } from "./agree.mjs";
import { createSchema as zodSchema } from "./schemas/zod.mjs";
import { createSchema as valibotSchema } from "./schemas/valibot.mjs";
import { validateCreate as ajvValidate } from "./schemas/ajv.mjs";

const pkgEntry = process.argv[2];
const sdk = await import(pathToFileURL(pkgEntry).href);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const TARGET_ROUND_NS = Number(process.env.BENCH_ROUND_MS ?? 150) * 1e6;

const agreement = checkAgreement(sdk.validateCreatePostgresql);
if (agreement.problems.length > 0) {
  console.error("the validators disagree; nothing timed:\n" + agreement.problems.join("\n"));
  process.exit(1);
}

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

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** groups: { groupName: { impl: () => result } } -> { groupName: { impl: { nsPerCall, ... } } } */
function run(groups) {
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

const full = (payload) => ({
  "rust/wasm validateCreatePostgresql": () => sdk.validateCreatePostgresql(payload),
  "zod 4 safeParse": () => zodSchema.safeParse(payload),
  "valibot 1 safeParse": () => v.safeParse(valibotSchema, payload),
  "ajv 8 compiled, allErrors": () => ajvValidate(payload),
  "JSON.stringify alone (boundary share)": () => JSON.stringify(payload),
});

const results = run({
  valid: full(VALID),
  broken5: full(BROKEN5),
  field: {
    "name, valid": () => sdk.validateCreatePostgresqlField("name", "billing01"),
    "name, invalid": () => sdk.validateCreatePostgresqlField("name", "Billing_01"),
    "diskSize, invalid": () => sdk.validateCreatePostgresqlField("diskSize", 20),
    "nodePrefix, with the request (C9 needs topology)": () => sdk.validateCreatePostgresqlField("nodePrefix", "BILLPG", VALID),
    "zod 4: name schema alone, valid": () => zodSchema.options[0].shape.name.safeParse("billing01"),
  },
});

console.log(JSON.stringify({ node: process.version, agreement: { cases: agreement.cases, pathNotes: agreement.pathNotes }, results, sink: sink > 0 }));
