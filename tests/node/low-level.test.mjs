// The hidden low-level exports of the fast boundary (`__validateCreateFast`,
// `__validateCreateFieldFast`, called by pkg/fast.js) are reachable by any JS: every argument
// of the wrong type, `null`, a huge string or an object must neither trap (`RuntimeError: memory
// access out of bounds` inside the allocator before issue 14) nor poison the instance. Each
// hostile call either answers (`texts` that is not a string reads as "", a `text` that is not
// one is absent, a field name that is not
// a string names no field: "") or, where a number goes, throws what the engine's conversion
// throws (a TypeError for a Symbol/BigInt, a Proxy's own error) before the module runs; the next
// correct call answers exactly as before.
//
// Also: the operation list and the operation context come from the module (issue 10 item 5).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as glue from "../../pkg/itcare_postgresql.js";
import * as sdk from "../../pkg/inline.js";

// The URL entry's glue, on its own instance: the hostile calls and the liveness checks hit it.
glue.initSync({ module: readFileSync(new URL("../../pkg/itcare_postgresql_bg.wasm", import.meta.url)) });
// Both the URL entry's glue and the default (inline) entry, each on its own instance.
const ENTRIES = [["url glue", glue], ["inline entry", sdk]];

const HOSTILE = [
  undefined, null, true, 0, -1, NaN, 2 ** 53, 1e308, 10n, Symbol("s"), {}, [], ["a"],
  { length: 2 ** 31 }, { length: -1 }, { toString: () => "name" }, () => "x", new String("HA"),
  new Proxy({}, { get() { throw new Error("hostile"); } }), "x".repeat(5_000_000),
  "\ud800".repeat(100_000), "\u001f".repeat(1000),
];

/** A valid standalone request in the fast layout: what fast.js passes for bench's VALID. */
const SEP = "\u001f";
const VALID_TEXTS = ["billingpg01", "2cpu4gb", "Str0ng!Passw0rd", "STANDALONE", "bil", "", "", "EB4", "deb12pg16"].join(SEP);
const VALID_FLAGS = (0b110011111 << 15) | 1; // texts 0-4, 7, 8 present; tls false
const BROKEN_FIELD = glue.validateCreatePostgresqlField("diskSize", 39);
function alive(m) {
  assert.equal(m.__validateCreateFast(VALID_TEXTS, 100, 1, 2, 10, NaN, VALID_FLAGS, undefined), "");
  assert.deepEqual(m.validateCreatePostgresqlField("diskSize", 39), BROKEN_FIELD);
  assert.deepEqual(BROKEN_FIELD.map((i) => [i.path, i.code, i.rule]), [["diskSize", "range", "C3"]]);
}

/** Runs `f`; a throw must be a real Error with a name and a message, never a wasm trap. */
function safely(f) {
  try {
    return { value: f() };
  } catch (e) {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `trap: ${e}`);
    assert.ok(e instanceof Error && e.name && e.message, `not an Error: ${e}`);
    // The engine's TypeError (Symbol, BigInt), or the hostile value's own throw (a Proxy trap
    // run by the engine's number conversion).
    assert.ok(e.name === "TypeError" || e.message === "hostile", `${e.name}: ${e.message}`);
    return { error: e };
  }
}

test("the layout call is valid to begin with", () => {
  for (const [, m] of ENTRIES) alive(m);
  // The same request through the public wrapper (fast path) agrees.
  assert.deepEqual(sdk.validateCreatePostgresql({
    name: "billingpg01", nodeSizing: "2cpu4gb", diskSize: 100, admPassword: "Str0ng!Passw0rd",
    serviceId: 1, networkId: 2, topology: "STANDALONE", trigram: "bil",
    allowedReplicationLag: 10, area: "EB4", productCode: "deb12pg16", tls: false,
  }), []);
});

for (const [label, m] of ENTRIES) {
  test(`${label}: __validateCreateFast takes any value in any argument, then a correct call`, () => {
    let calls = 0;
    for (let arg = 0; arg < 8; arg++) {
      for (const bad of HOSTILE) {
        const args = [VALID_TEXTS, 100, 1, 2, 10, NaN, VALID_FLAGS, undefined];
        args[arg] = bad;
        const { value, error } = safely(() => m.__validateCreateFast(...args));
        if (error) {
          // Only where a number goes, and only for what ToNumber refuses.
          assert.ok(arg >= 1 && arg <= 6, `argument ${arg} threw ${error}`);
        } else {
          assert.equal(typeof value, "string");
        }
        calls++;
        alive(m);
      }
    }
    // A texts that is not a string reads as "": the first text empty, the others missing.
    const none = m.__validateCreateFast(42, 100, 1, 2, 10, NaN, VALID_FLAGS, undefined);
    assert.match(none, /^name\u001fempty\u001f.*\u001enodeSizing\u001frequired\u001f/);
    assert.equal(calls, 8 * HOSTILE.length);
  });

  test(`${label}: __validateCreateFieldFast takes any value in any argument, then a correct call`, () => {
    for (let arg = 0; arg < 6; arg++) {
      for (const bad of HOSTILE) {
        const args = ["name", 1, "cluster", 0, false, { locale: "fr" }];
        args[arg] = bad;
        const { value, error } = safely(() => m.__validateCreateFieldFast(...args));
        if (error) assert.ok([1, 3, 4].includes(arg), `argument ${arg} threw ${error}`);
        else assert.equal(typeof value, "string");
        alive(m);
      }
    }
    // A field name that is not a string names no field, as the full export reads it.
    assert.equal(m.__validateCreateFieldFast(12, 1, "x", 0, false, undefined), "");
    assert.deepEqual(m.validateCreatePostgresqlField(12, "x"), []);
    // A huge text is cut (bounded memory), still read as a text.
    const huge = m.__validateCreateFieldFast("name", 1, "a".repeat(5_000_000), 0, false, undefined);
    assert.match(huge, /^name\u001flength\u001f/);
  });
}

test("operationNames: the module's list of operations (O8)", () => {
  const names = sdk.operationNames();
  assert.deepEqual(names, [
    "start", "stop", "resize", "restore", "enable_ha", "update_patch_party", "install_extension", "upgrade",
  ]);
  // Each has a form, and the validators accept exactly these names.
  for (const op of names) {
    assert.equal(sdk.describeOperationForm(op).id, op);
    assert.ok(!sdk.validatePostgresqlOperation({ operation: op }).some((i) => i.rule === "O8" && i.code === "enum"));
  }
  names.push("x"); // a fresh array each call
  assert.equal(sdk.operationNames().length, 8);
});

test("operationContextFromInstance: the core's facts, the instance as given", () => {
  const instance = { id: 7, environment: "NON_PRODUCTION", nodeCount: 2, version: "11.4", status: "ACTIVE", topology: "STANDALONE" };
  const ctx = sdk.operationContextFromInstance(instance);
  assert.equal(ctx.instance, instance);
  assert.deepEqual({ ...ctx, instance: undefined }, { instance: undefined, production: false, nodeCount: 2, majorVersion: 11 });
  assert.equal(sdk.operationContextFromInstance({ environment: " production " }).production, true);
  // Unknown facts are absent (the rules are then permissive).
  assert.deepEqual(Object.keys(sdk.operationContextFromInstance({ environment: "text", version: "x" })), ["instance"]);
  // `QA` may be a production service's: never guessed non-production (the server has the last word).
  assert.deepEqual(Object.keys(sdk.operationContextFromInstance({ environment: "QA" })), ["instance"]);
  for (const bad of [undefined, null, 3, "QA", [], Symbol("s"), 10n]) {
    assert.deepEqual(sdk.operationContextFromInstance(bad), {});
  }
  // Validating with it is validating with the bare instance: one reading of the facts.
  const restore = {
    operation: "restore",
    options: { sourceId: 3, stop: "AFTER", timestamp: new Date(Date.now() - 10 * 86400000).toISOString() },
  };
  const withFacts = sdk.validatePostgresqlOperation(restore, ctx);
  assert.deepEqual(withFacts.map((i) => [i.path, i.code]), [["options.timestamp", "window"]]);
  assert.deepEqual(sdk.validatePostgresqlOperation(restore, { instance }), withFacts);
  const ha = { operation: "enable_ha", options: { replicationLag: 5 } };
  assert.deepEqual(sdk.validatePostgresqlOperation(ha, ctx), sdk.validatePostgresqlOperation(ha, { instance }));
  assert.equal(sdk.validatePostgresqlOperation(ha, ctx)[0].code, "state");
});
