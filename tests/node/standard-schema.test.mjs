// Standard Schema v1 objects (issue 21 item 5) and the field validator's options (item 6),
// against the built package (pkg/inline.js and pkg/inline.cjs).
//
// The schema objects answer from the package's validators (the same Rust rules, C1–C11, O1–O8,
// P4): each result is compared with the validator's own issues, so a rule is never checked
// twice in two places. Paths become the spec's segments; `code` and `rule` are kept; hostile
// values never make `validate` throw.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as sdk from "../../pkg/inline.js";
import { rng } from "./rng.mjs";

const require = createRequire(import.meta.url);

const VALID_CREATE = {
  productCode: "deb12pg16", serviceId: 123, nodeSizing: "2cpu4gb", networkId: 132, area: "EB-QA",
  diskSize: 40, admPassword: "Test123@2022", allowedReplicationLag: 10, az: "az",
  topology: "STANDALONE", trigram: "tri", tls: true, name: "newpostgre01",
};
const NOW = "2026-11-20T10:00:00.000Z";

/** The segments a validator path must give (written out, not computed the way fast.js does). */
const SEGMENTS = {
  "": [],
  name: ["name"],
  diskSize: ["diskSize"],
  nodePrefix: ["nodePrefix"],
  "options.timestamp": ["options", "timestamp"],
  "options.sizing": ["options", "sizing"],
  "options.patchParty.excluded": ["options", "patchParty", "excluded"],
  "options.extensions_list[0].name": ["options", "extensions_list", 0, "name"],
  "options.extensions_list[1].name": ["options", "extensions_list", 1, "name"],
};

/** The Standard Schema issues expected from a validator's issues (`strip`: a field schema's field). */
function expected(issues, strip) {
  return issues.map((i) => {
    let path = SEGMENTS[i.path];
    assert.ok(path, `no expected segments written for path ${JSON.stringify(i.path)}`);
    if (strip !== undefined && path[0] === strip) path = path.slice(1);
    return { message: i.message, path, code: i.code, rule: i.rule };
  });
}

const validate = (schema, value) => schema["~standard"].validate(value);

test("the schema objects declare Standard Schema v1, vendor itcare-postgresql", () => {
  const schemas = [
    sdk.createPostgresqlStandardSchema,
    sdk.postgresqlOperationStandardSchema,
    sdk.createPostgresqlSchema({ locale: "fr" }),
    sdk.postgresqlOperationSchema({ context: { production: true }, locale: "fr" }),
    sdk.createPostgresqlFieldSchema("name"),
    sdk.createPostgresqlSchema(null),
    sdk.postgresqlOperationSchema(null),
    sdk.createPostgresqlFieldSchema("name", null),
  ];
  for (const s of schemas) {
    // Shared by every importer: nobody may change them for the others.
    assert.ok(Object.isFrozen(s) && Object.isFrozen(s["~standard"]));
    assert.equal(s["~standard"].version, 1);
    assert.equal(s["~standard"].vendor, "itcare-postgresql");
    assert.equal(typeof s["~standard"].validate, "function");
  }
});

test("a valid create request gives { value } (the value itself, no issues member)", () => {
  const r = validate(sdk.createPostgresqlStandardSchema, VALID_CREATE);
  assert.deepEqual(Object.keys(r), ["value"]);
  assert.equal(r.value, VALID_CREATE);
});

test("an invalid create request gives the validator's issues with path arrays, code and rule (C1, C3)", () => {
  const bad = { ...VALID_CREATE, name: "NEWPOSTGRE01", diskSize: 39 };
  const issues = sdk.validateCreatePostgresql(bad);
  assert.deepEqual(issues.map((i) => i.rule), ["C1", "C3"]);
  const r = validate(sdk.createPostgresqlStandardSchema, bad);
  assert.equal(r.value, undefined);
  assert.deepEqual(r.issues, expected(issues));
  assert.deepEqual(r.issues.map((i) => i.path), [["name"], ["diskSize"]]);
});

test("a value that is not an object gives one issue at the root: path []", () => {
  const r = validate(sdk.createPostgresqlStandardSchema, "nope");
  assert.deepEqual(r.issues, expected(sdk.validateCreatePostgresql("nope")));
  assert.deepEqual(r.issues.map((i) => i.path), [[]]);
});

test("createPostgresqlSchema({ locale }) answers in that language; the default object in English", () => {
  const bad = { ...VALID_CREATE, name: "NEWPOSTGRE01" };
  const fr = validate(sdk.createPostgresqlSchema({ locale: "fr" }), bad).issues;
  assert.deepEqual(fr, expected(sdk.validateCreatePostgresql(bad, { locale: "fr" })));
  const en = validate(sdk.createPostgresqlStandardSchema, bad).issues;
  assert.deepEqual(en, expected(sdk.validateCreatePostgresql(bad)));
  assert.notEqual(fr[0].message, en[0].message);
});

test("operations: nested paths become segments, numbers for list indexes (O2, O5, O6)", () => {
  const cases = [
    { operation: "resize", options: { sizing: "02cpu4gb" } },
    { operation: "update_patch_party", options: { patchParty: { excluded: "x" } } },
    { operation: "install_extension", options: { dbname: "db", extensions_list: [{ name: "" }, { name: 5 }] } },
  ];
  const seen = [];
  for (const op of cases) {
    const issues = sdk.validatePostgresqlOperation(op);
    assert.ok(issues.length > 0, JSON.stringify(op));
    const r = validate(sdk.postgresqlOperationStandardSchema, op);
    assert.deepEqual(r.issues, expected(issues));
    seen.push(...r.issues.map((i) => i.path));
  }
  assert.deepEqual(seen, [
    ["options", "sizing"],
    ["options", "patchParty", "excluded"],
    ["options", "extensions_list", 0, "name"],
    ["options", "extensions_list", 1, "name"],
  ]);
  const ok = { operation: "start" };
  assert.deepEqual(validate(sdk.postgresqlOperationStandardSchema, ok), { value: ok });
});

test("postgresqlOperationSchema({ context }) applies the context's rules; a function context is read at each validation", () => {
  // O3: a restore point must lie in the past, relative to context.now.
  const op = { operation: "restore", options: { sourceId: 3, stop: "AFTER", timestamp: "2026-11-21T10:00:00Z" } };
  const withContext = sdk.validatePostgresqlOperation(op, { now: NOW });
  assert.ok(withContext.length > 0, "the future timestamp breaks a rule in this context");
  const fixed = sdk.postgresqlOperationSchema({ context: { now: NOW }, locale: "fr" });
  assert.deepEqual(validate(fixed, op).issues, expected(sdk.validatePostgresqlOperation(op, { now: NOW }, { locale: "fr" })));
  let now = NOW;
  let reads = 0;
  const live = sdk.postgresqlOperationSchema({ context: () => (reads++, { now }) });
  assert.deepEqual(validate(live, op).issues, expected(withContext));
  now = "2026-11-22T10:00:00.000Z";
  assert.deepEqual(validate(live, op), { value: op });
  assert.equal(reads, 2);
});

test("createPostgresqlFieldSchema: one field's value, cross-field rules from the request, paths relative to the field", () => {
  const name = sdk.createPostgresqlFieldSchema("name", { locale: "fr" });
  assert.deepEqual(validate(name, "goodname01"), { value: "goodname01" });
  const r = validate(name, "NEWPOSTGRE01");
  assert.deepEqual(r.issues, expected(sdk.validateCreatePostgresqlField("name", "NEWPOSTGRE01", null, { locale: "fr" }), "name"));
  assert.deepEqual(r.issues.map((i) => i.path), [[]]);
  // C9: with topology HA the node prefix is required.
  let form = { topology: "STANDALONE" };
  const prefix = sdk.createPostgresqlFieldSchema("nodePrefix", { request: () => form });
  assert.deepEqual(validate(prefix, undefined), { value: undefined });
  form = { topology: "HA" };
  const ha = validate(prefix, undefined).issues;
  assert.deepEqual(ha, expected(sdk.validateCreatePostgresqlField("nodePrefix", undefined, form), "nodePrefix"));
  assert.deepEqual(ha.map((i) => [i.code, i.rule]), [["required", "C9"]]);
});

test("the CommonJS entry exports the same schema objects", () => {
  const cjs = require("../../pkg/inline.cjs");
  const bad = { ...VALID_CREATE, name: "NEWPOSTGRE01" };
  assert.equal(cjs.createPostgresqlStandardSchema["~standard"].vendor, "itcare-postgresql");
  assert.deepEqual(validate(cjs.createPostgresqlStandardSchema, bad), validate(sdk.createPostgresqlStandardSchema, bad));
  assert.deepEqual(validate(cjs.createPostgresqlSchema({ locale: "fr" }), bad), validate(sdk.createPostgresqlSchema({ locale: "fr" }), bad));
});

// --- hostile values: validate never throws ---------------------------------------------------
const thrower = (what) => () => { throw new Error(`hostile ${what}`); };
function hostileValues() {
  const cyclic = { name: "a" };
  cyclic.self = cyclic;
  let deep = "bottom";
  for (let i = 0; i < 5000; i++) deep = { options: deep, name: "n" };
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const trapAll = new Proxy({}, { get: thrower("get"), ownKeys: thrower("ownKeys"), has: thrower("has"),
    getOwnPropertyDescriptor: thrower("gOPD"), getPrototypeOf: thrower("getPrototypeOf") });
  return [
    undefined, null, 0, NaN, -Infinity, 2 ** 64, "", "\ud800", "x".repeat(1 << 20), true, 10n ** 30n, Symbol("s"),
    thrower("function"), cyclic, deep, trapAll, revoked.proxy, new Proxy([], { get: thrower("get") }),
    new Proxy({}, { ownKeys: () => ["name", "name"] }),
    Object.defineProperty({}, "name", { enumerable: true, get: thrower("getter") }),
    Object.defineProperty({}, "options", { enumerable: true, get: thrower("getter") }),
    { operation: "install_extension", options: { extensions_list: [trapAll, cyclic, null, 5] } },
    { operation: "resize", options: trapAll },
    { toJSON: thrower("toJSON") }, { get length() { throw new Error("length"); } },
    JSON.parse('{"__proto__": {"admPassword": "x"}, "name": "p", "locale": "fr"}'),
    Object.assign(Object.create(null), { locale: "fr" }), new Date(NaN), new Map([[1, 2]]), new Uint8Array(8),
    { [Symbol.toPrimitive]: thrower("toPrimitive"), toString: thrower("toString") },
  ];
}

function wellFormed(r, label) {
  assert.equal(typeof r, "object", label);
  if (r.issues === undefined) {
    assert.ok("value" in r, `${label}: neither value nor issues`);
    return;
  }
  assert.ok(Array.isArray(r.issues) && r.issues.length > 0, label);
  for (const i of r.issues) {
    assert.equal(typeof i.message, "string", label);
    assert.ok(Array.isArray(i.path) && i.path.every((s) => typeof s === "string" || Number.isInteger(s)), `${label}: ${JSON.stringify(i.path)}`);
    assert.equal(typeof i.code, "string", label);
  }
}

test("hostile values through every schema never throw; each answer is { value } or well-formed issues", () => {
  const random = rng(21);
  const values = hostileValues();
  const schemas = {
    create: sdk.createPostgresqlStandardSchema,
    createFr: sdk.createPostgresqlSchema({ locale: "fr" }),
    operation: sdk.postgresqlOperationStandardSchema,
    operationContext: sdk.postgresqlOperationSchema({ context: { now: NOW, production: true, nodeCount: 1 } }),
    field: sdk.createPostgresqlFieldSchema("nodePrefix", { request: { topology: "HA" } }),
  };
  let calls = 0;
  for (const [label, s] of Object.entries(schemas)) {
    for (const v of values) {
      wellFormed(s["~standard"].validate(v), `${label} ${typeof v}`);
      calls++;
    }
    // Random pairs: a hostile value inside a request or an operation.
    for (let n = 0; n < 50; n++) {
      const pick = () => values[Math.floor(random() * values.length)];
      wellFormed(s["~standard"].validate({ ...VALID_CREATE, operation: "resize", name: pick(), options: { sizing: pick() } }), `${label} pair`);
      calls++;
    }
  }
  // Hostile contexts and requests handed to the factories (a function is the caller's own code,
  // called as it is: left out): the validators read them as they do, never throwing.
  for (const other of values.filter((v) => typeof v !== "function")) {
    const ctx = sdk.postgresqlOperationSchema({ context: other });
    wellFormed(ctx["~standard"].validate({ operation: "start" }), "context");
    const fld = sdk.createPostgresqlFieldSchema("nodePrefix", { request: other });
    wellFormed(fld["~standard"].validate("ab"), "request");
    calls += 2;
  }
  // The module still answers correctly afterwards.
  assert.deepEqual(validate(sdk.createPostgresqlStandardSchema, VALID_CREATE), { value: VALID_CREATE });
  console.log(`standard-schema: ${calls} hostile validations, none threw`);
});

// --- item 6: options in the request's place ----------------------------------------------------
test("validateCreatePostgresqlField(field, value, { locale }) answers in that language (options in the request's place)", () => {
  const fr = sdk.validateCreatePostgresqlField("name", "NEWPOSTGRE01", undefined, { locale: "fr" });
  const en = sdk.validateCreatePostgresqlField("name", "NEWPOSTGRE01");
  assert.notEqual(fr[0].message, en[0].message);
  assert.deepEqual(sdk.validateCreatePostgresqlField("name", "NEWPOSTGRE01", { locale: "fr" }), fr);
  // A null-prototype object too, and the CommonJS entry.
  assert.deepEqual(sdk.validateCreatePostgresqlField("name", "NEWPOSTGRE01", Object.assign(Object.create(null), { locale: "fr" })), fr);
  const cjs = require("../../pkg/inline.cjs");
  assert.deepEqual(cjs.validateCreatePostgresqlField("name", "NEWPOSTGRE01", { locale: "fr" }), fr);
  // Non-ASCII input (the full path) reads it the same way.
  assert.deepEqual(sdk.validateCreatePostgresqlField("name", { x: 1 }, { locale: "fr" }), sdk.validateCreatePostgresqlField("name", { x: 1 }, null, { locale: "fr" }));
});

test("a request stays a request: with a create field beside locale, or with a 4th argument", () => {
  // C9: topology HA makes nodePrefix required; that rule must still see the request.
  const request = { topology: "HA", locale: "fr" };
  const issues = sdk.validateCreatePostgresqlField("nodePrefix", undefined, request);
  assert.deepEqual(issues.map((i) => [i.code, i.rule]), [["required", "C9"]]);
  assert.deepEqual(issues, sdk.validateCreatePostgresqlField("nodePrefix", undefined, { topology: "HA" }));
  // Given a 4th argument, the 3rd is the request whatever it holds.
  const en = sdk.validateCreatePostgresqlField("name", "NEWPOSTGRE01");
  assert.deepEqual(sdk.validateCreatePostgresqlField("name", "NEWPOSTGRE01", { locale: "fr" }, { locale: "en" }), en);
  assert.deepEqual(sdk.validateCreatePostgresqlField("name", "NEWPOSTGRE01", { locale: "fr" }, null), en);
});
