// Runs the four validators on every case of cases.mjs. Agreement on valid/invalid is required
// (the benchmark refuses to time schemas that implement different rules); the top-level paths
// of the issues must match too on the two timed payloads (each validator reports all five).
import { CASES, VALID, BROKEN5, BROKEN5_PATHS, rustPaths, OP_CASES, OP_VALID, OP_BROKEN, OP_BROKEN_PATHS, rustOperationPaths } from "./cases.mjs";
import { zodPaths, zodOperationPaths } from "./schemas/zod.mjs";
import { valibotPaths, valibotOperationPaths } from "./schemas/valibot.mjs";
import { ajvPaths, ajvOperationPaths } from "./schemas/ajv.mjs";

export function checkAgreement(validateCreatePostgresql, validatePostgresqlOperation) {
  const problems = [];
  const pathNotes = [];
  check(
    { "rust/wasm": (r) => rustPaths(validateCreatePostgresql, r), zod: zodPaths, valibot: valibotPaths, ajv: ajvPaths },
    CASES,
    [["valid payload", VALID, []], ["5-rules payload", BROKEN5, BROKEN5_PATHS]],
    problems,
    pathNotes,
  );
  // The operation rules (O1-O4, O7, O8) under the cases' context.
  check(
    { "rust/wasm": (r) => rustOperationPaths(validatePostgresqlOperation, r), zod: zodOperationPaths, valibot: valibotOperationPaths, ajv: ajvOperationPaths },
    OP_CASES,
    [["valid operation", OP_VALID, []], ["3-rules operation", OP_BROKEN, OP_BROKEN_PATHS]],
    problems,
    pathNotes,
  );
  return { cases: CASES.length, operationCases: OP_CASES.length, problems, pathNotes };
}

function check(impls, cases, timed, problems, pathNotes) {
  for (const [label, request, valid] of cases) {
    const paths = Object.fromEntries(Object.entries(impls).map(([n, f]) => [n, f(request).sort()]));
    for (const [n, p] of Object.entries(paths)) {
      if ((p.length === 0) !== valid) problems.push(`${label}: ${n} says ${p.length === 0 ? "valid" : `invalid at ${p}`}, expected ${valid ? "valid" : "invalid"}`);
    }
    const rust = paths["rust/wasm"].join(",");
    for (const [n, p] of Object.entries(paths)) {
      if (p.join(",") !== rust) pathNotes.push(`${label}: ${n} reports [${p}] where rust/wasm reports [${rust}]`);
    }
  }
  for (const [label, request, expected] of timed) {
    for (const [n, f] of Object.entries(impls)) {
      const got = f(request).sort().join(",");
      if (got !== [...expected].sort().join(",")) problems.push(`${label}: ${n} reports [${got}], expected [${expected}]`);
    }
  }
}
