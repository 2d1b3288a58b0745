// Runs the four validators on every case of cases.mjs. Agreement on valid/invalid is required
// (the benchmark refuses to time schemas that implement different rules); the top-level paths
// of the issues must match too on the two timed payloads (each validator reports all five).
import { CASES, VALID, BROKEN5, BROKEN5_PATHS, rustPaths } from "./cases.mjs";
import { zodPaths } from "./schemas/zod.mjs";
import { valibotPaths } from "./schemas/valibot.mjs";
import { ajvPaths } from "./schemas/ajv.mjs";

export function checkAgreement(validateCreatePostgresql) {
  const impls = {
    "rust/wasm": (r) => rustPaths(validateCreatePostgresql, r),
    zod: zodPaths,
    valibot: valibotPaths,
    ajv: ajvPaths,
  };
  const problems = [];
  const pathNotes = [];
  for (const [label, request, valid] of CASES) {
    const paths = Object.fromEntries(Object.entries(impls).map(([n, f]) => [n, f(request).sort()]));
    for (const [n, p] of Object.entries(paths)) {
      if ((p.length === 0) !== valid) problems.push(`${label}: ${n} says ${p.length === 0 ? "valid" : `invalid at ${p}`}, expected ${valid ? "valid" : "invalid"}`);
    }
    const rust = paths["rust/wasm"].join(",");
    for (const [n, p] of Object.entries(paths)) {
      if (p.join(",") !== rust) pathNotes.push(`${label}: ${n} reports [${p}] where rust/wasm reports [${rust}]`);
    }
  }
  for (const [label, request, expected] of [["valid payload", VALID, []], ["5-rules payload", BROKEN5, BROKEN5_PATHS]]) {
    for (const [n, f] of Object.entries(impls)) {
      const got = f(request).sort().join(",");
      if (got !== [...expected].sort().join(",")) problems.push(`${label}: ${n} reports [${got}], expected [${expected}]`);
    }
  }
  return { cases: CASES.length, problems, pathNotes };
}
