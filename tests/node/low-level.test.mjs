// The hidden low-level exports of the fast boundary (`__validateIo`, `__validateCreateFast`,
// `__validateCreateFieldFast`, `__validateAnswer`, called by pkg/fast.js) are reachable by any
// JS: every argument of the wrong type, a length past the input buffer or bytes that are not
// UTF-8 in it must neither trap (`RuntimeError: memory access out of bounds` inside the
// allocator before issue 14) nor poison the instance. Texts reach the module through its input
// buffer (issue 15); every argument is a number, so a hostile one either answers (it converts to
// some number: NaN, 0, a cut length) or throws what the engine's conversion throws (a TypeError
// for a Symbol/BigInt, a Proxy's own error) before the module runs; the next correct call
// answers exactly as before.
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

/** Writes `text` into module `m`'s input buffer as fast.js does; its byte length. */
function put(m, text) {
  const [memory, at, size] = m.__validateIo();
  const { read, written } = new TextEncoder().encodeInto(text, new Uint8Array(memory.buffer, at, size));
  assert.equal(read, text.length);
  return written;
}
/** The packed answer of a fast export (its return value: a byte length). */
function answer(m, len) {
  assert.equal(typeof len, "number");
  if (len === 0) return "";
  const [memory] = m.__validateIo();
  return new TextDecoder().decode(new Uint8Array(memory.buffer, m.__validateAnswer(), len));
}

/** A valid standalone request in the fast layout: what fast.js passes for bench's VALID. */
const SEP = "\u001f";
/** Input records: each its number as one character, its text, then SEP. */
const records = (...texts) => texts.map(([n, t]) => String.fromCharCode(n) + t + SEP).join("");
const VALID_TEXTS = records([0, "billingpg01"], [1, "2cpu4gb"], [2, "Str0ng!Passw0rd"], [3, "STANDALONE"], [4, "bil"], [7, "EB4"], [8, "deb12pg16"]);
const VALID_FLAGS = 1; // tls false
const BROKEN_FIELD = glue.validateCreatePostgresqlField("diskSize", 39);
function alive(m) {
  assert.equal(m.__validateCreateFast(put(m, VALID_TEXTS), 100, 1, 2, 10, NaN, VALID_FLAGS), 0);
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
    for (let arg = 0; arg < 7; arg++) {
      for (const bad of HOSTILE) {
        const args = [put(m, VALID_TEXTS), 100, 1, 2, 10, NaN, VALID_FLAGS];
        args[arg] = bad;
        const { value, error } = safely(() => m.__validateCreateFast(...args));
        if (!error) assert.equal(typeof answer(m, value), "string");
        calls++;
        alive(m);
      }
      for (const io of [m.__validateIo, m.__validateAnswer]) {
        safely(() => io(HOSTILE[arg]));
      }
    }
    // A length past the buffer is cut to it; bytes that are not UTF-8 read as no text.
    put(m, "\u0000".repeat(131_072));
    const huge = answer(m, m.__validateCreateFast(2 ** 32 - 1, 100, 1, 2, 10, NaN, VALID_FLAGS));
    // name (field 0), length (code 2), C1 (rule 0): 65,535 NULs, too long a name.
    assert.match(huge, /^ " The name must be between/);
    const [memory, at] = m.__validateIo();
    new Uint8Array(memory.buffer, at, 5).set([0, 0xff, 0xfe, 0x1f, 0xc3]);
    const none = answer(m, m.__validateCreateFast(5, 100, 1, 2, 10, NaN, VALID_FLAGS));
    // name (field 0), required (code 0), C1 (rule 0); then nodeSizing (field 1).
    assert.match(none, /^   This field is required\.\u001e! !This field/);
    assert.equal(calls, 7 * HOSTILE.length);
    alive(m);
  });

  test(`${label}: __validateCreateFieldFast takes any value in any argument, then a correct call`, () => {
    for (let arg = 0; arg < 4; arg++) {
      for (const bad of HOSTILE) {
        const args = [put(m, records([0, "name"], [1, "fr"], [2, "cluster"])), 1, 0, 1];
        args[arg] = bad;
        const { value, error } = safely(() => m.__validateCreateFieldFast(...args));
        if (!error) assert.equal(typeof answer(m, value), "string");
        alive(m);
      }
    }
    const fr = answer(m, m.__validateCreateFieldFast(put(m, records([0, "name"], [1, "fr"], [2, "cluster"])), 1, 0, 0));
    // name (field 0), forbidden (code 5), C1 (rule 0).
    assert.match(fr, /^ % Le nom ne doit pas/);
    // No field name: no issue, as the full export reads a name that is not a string.
    assert.equal(m.__validateCreateFieldFast(put(m, records([2, "x"])), 1, 0, 0), 0);
    assert.deepEqual(m.validateCreatePostgresqlField(12, "x"), []);
    // A length past the buffer is cut to it (a 128 KiB text: still read as a text).
    put(m, records([0, "name"]) + `\u0002${"a".repeat(200_000)}`.slice(0, 131_066));
    const huge = answer(m, m.__validateCreateFieldFast(2 ** 31, 1, 0, 0));
    assert.match(huge, /^ " The name must be between/);
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
