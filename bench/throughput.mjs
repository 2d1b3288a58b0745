// Validation throughput in one Node process: for each validator and payload, a warm-up, then
// ROUNDS rounds of timed iterations (validators interleaved within a round so that machine noise
// hits them alike); the figure is the median time per call. Prints JSON on stdout.
//
//   node bench/throughput.mjs <path to pkg/inline.js>
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import * as v from "valibot";
import { VALID, BROKEN5, OP_VALID, OP_BROKEN, OP_CONTEXT } from "./cases.mjs";
import { checkAgreement } from "./agree.mjs";
import { createSchema as zodSchema, operationSchema as zodOperation } from "./schemas/zod.mjs";
import { createSchema as valibotSchema, operationSchema as valibotOperation } from "./schemas/valibot.mjs";
import { validateCreate as ajvValidate, validateOperation as ajvOperation } from "./schemas/ajv.mjs";
import { run, sinkUsed } from "./timing.mjs";

const pkgEntry = process.argv[2];
const sdk = await import(pathToFileURL(pkgEntry).href);
// The wasm-bindgen glue's own exports (the full path: any JS value read as JSON text); the
// package's entries put pkg/fast.js in front of them (typed arguments, packed issues).
const glue = await import(new URL("itcare_postgresql.js", pathToFileURL(pkgEntry)).href);
// The entries carry their own instance; the glue's module is instantiated here, from the file.
glue.initSync({ module: readFileSync(new URL("itcare_postgresql_bg.wasm", pathToFileURL(pkgEntry))) });

const agreement = checkAgreement(sdk.validateCreatePostgresql, sdk.validatePostgresqlOperation);
if (agreement.problems.length > 0) {
  console.error("the validators disagree; nothing timed:\n" + agreement.problems.join("\n"));
  process.exit(1);
}

const full = (payload) => ({
  "rust/wasm validateCreatePostgresql": () => sdk.validateCreatePostgresql(payload),
  "rust/wasm full path (glue export, JSON text in)": () => glue.validateCreatePostgresql(payload),
  "zod 4 safeParse": () => zodSchema.safeParse(payload),
  "valibot 1 safeParse": () => v.safeParse(valibotSchema, payload),
  "ajv 8 compiled, allErrors": () => ajvValidate(payload),
  "JSON.stringify alone (first step of the full path)": () => JSON.stringify(payload),
});

const operation = (body) => ({
  "rust/wasm validatePostgresqlOperation": () => sdk.validatePostgresqlOperation(body, OP_CONTEXT),
  "rust/wasm full path (glue export, JSON text in)": () => glue.validatePostgresqlOperation(body, OP_CONTEXT),
  "zod 4 safeParse": () => zodOperation.safeParse(body),
  "valibot 1 safeParse": () => v.safeParse(valibotOperation, body),
  "ajv 8 compiled, allErrors": () => ajvOperation(body),
});

const results = run({
  valid: full(VALID),
  broken5: full(BROKEN5),
  operationValid: operation(OP_VALID),
  operationBroken: operation(OP_BROKEN),
  field: {
    "name, valid": () => sdk.validateCreatePostgresqlField("name", "billing01"),
    "name, invalid": () => sdk.validateCreatePostgresqlField("name", "Billing_01"),
    "diskSize, invalid": () => sdk.validateCreatePostgresqlField("diskSize", 20),
    "nodePrefix, with the request (C9 needs topology)": () => sdk.validateCreatePostgresqlField("nodePrefix", "BILLPG", VALID),
    "zod 4: name schema alone, valid": () => zodSchema.options[0].shape.name.safeParse("billing01"),
  },
  // Where the time of a call goes (differences between these calls): the bare crossing, one
  // issue built and returned, the parse of a whole request, and many issues returned.
  anatomy: {
    "bare call: unknown field, number value, no issue": () => sdk.validateCreatePostgresqlField("unknownField", 1),
    "one string field, no issue": () => sdk.validateCreatePostgresqlField("trigram", "bil"),
    "one string field, one issue": () => sdk.validateCreatePostgresqlField("trigram", "bi1"),
    "not an object: one issue, nothing parsed": () => sdk.validateCreatePostgresql("hello"),
    "empty object: 11 issues": () => sdk.validateCreatePostgresql({}),
    "valid request, fr locale": () => sdk.validateCreatePostgresql(VALID, { locale: "fr" }),
  },
});

console.log(JSON.stringify({ node: process.version, agreement: { cases: agreement.cases, operationCases: agreement.operationCases, pathNotes: agreement.pathNotes }, results, sink: sinkUsed() }));
