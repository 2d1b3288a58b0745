// The fast boundary (pkg/fast.js + __validateCreateFast / __validateCreateFieldFast, issue 7) must
// give exactly what the full exports give (C1–C11 issues, order, messages, locale), for every
// input: the wrappers of every entry (inline.js, inline.cjs) against the glue's full exports, on the
// benchmark cases, boundary values and many generated requests and field values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as sdk from "../../pkg/inline.js";
import { readFileSync } from "node:fs";
import * as glue from "../../pkg/itcare_postgresql.js";
import { fastValidators } from "../../pkg/fast.js";
import { CASES, VALID, BROKEN5 } from "../../bench/cases.mjs";
import { rng } from "./rng.mjs";

const cjs = createRequire(import.meta.url)("../../pkg/inline.cjs");
// The entries carry their own instance of the module; the reference is the URL glue's, loaded here.
glue.initSync({ module: readFileSync(new URL("../../pkg/itcare_postgresql_bg.wasm", import.meta.url)) });
const CALLS = Number(process.env.FAST_CALLS ?? 20_000);

const FIELDS = [
  "name", "nodeSizing", "diskSize", "admPassword", "serviceId", "networkId", "topology", "trigram",
  "allowedReplicationLag", "nodePrefix", "az", "tls", "area", "productCode", "backupEnabled",
  "cloudId", "dbBackupPolicyId", "noBackupProdReason", "noMonitoringProdReason",
  "noReplicationProdReason", "prefix", "product", "region", "regulation", "replicationEnabled",
  "serverBackupPolicyId", "supportLevel",
];
const WORDS = [
  "", "HA", "STANDALONE", "cluster", "2cpu4gb", "02cpu4gb", "billing01", "Billing_01", "abcd",
  "a".repeat(60), "a".repeat(61), "Str0ng!Passw0rd", "password", "Ünïcødé1!Aa", "bil", "bi1",
  "ABC", "BILLPG", "billpg", "ABCDEFGHIJKLM", "EB4-QA", "ÉÀÇ", "名前", "\u0000", "\ud800",
  "a\udc00b", "🐘🐘🐘🐘🐘", "\u001f", "a\u001eb", "x".repeat(65_536), "x".repeat(65_537), "ha", "16",
];
const NUMBERS = [
  0, -0, 1, 39, 40, 40.5, 100, 1024, 1025, 10240, 10241, -4, NaN, Infinity, -Infinity,
  2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 60, 2 ** 63, -(2 ** 63), 2 ** 64, 1e21, 1e300, 5e-324,
  1e-7, Number.MAX_VALUE,
];
const OTHERS = [
  null, undefined, true, false, {}, [], [1], { a: 1 }, 10n, Symbol("s"), () => 1, new Date(0),
  new String("HA"), new Number(40), Object.create(null),
  { toJSON: () => "x" },
];

function generator(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const anyValue = () => {
    const r = random();
    if (r < 0.4) return pick(WORDS);
    if (r < 0.75) return pick(NUMBERS);
    if (r < 0.8) return int(3000) - 500;
    return pick(OTHERS);
  };
  // A request close to a valid one (mostly the fast path), with some fields changed or dropped.
  function request() {
    const base = random() < 0.5 ? VALID : { ...VALID, topology: "HA", nodePrefix: "BILLPG", tls: true };
    const r = random() < 0.1 ? Object.create(null) : {};
    Object.assign(r, base);
    for (let i = int(5); i > 0; i--) {
      const k = random() < 0.9 ? pick(FIELDS) : pick(["extra", "toJSON", "__proto__", "constructor"]);
      if (random() < 0.15) delete r[k];
      else Object.defineProperty(r, k, { value: anyValue(), enumerable: random() < 0.95, writable: true, configurable: true });
    }
    return r;
  }
  return { request, anyValue, pick, int };
}

const LOCALES = [undefined, null, { locale: "fr" }, "fr-FR", { locale: 3 }, { locale: "en" }];

function same(label, fast, slow) {
  assert.deepStrictEqual(fast, slow, label);
  // Same key order too (what JSON.stringify and snapshot tests see).
  assert.equal(JSON.stringify(fast), JSON.stringify(slow), label);
}

test("benchmark cases: every entry's validateCreatePostgresql equals the full export", () => {
  for (const [label, request] of CASES) {
    for (const options of LOCALES) {
      const slow = glue.validateCreatePostgresql(request, options);
      same(`${label} (esm)`, sdk.validateCreatePostgresql(request, options), slow);
      same(`${label} (cjs)`, cjs.validateCreatePostgresql(request, options), slow);
    }
  }
});

test("the common requests take the fast path (the full export is not called)", () => {
  let slowCalls = 0;
  const spy = fastValidators({
    ...glue,
    validateCreatePostgresql: (...a) => (slowCalls++, glue.validateCreatePostgresql(...a)),
    validateCreatePostgresqlField: (...a) => (slowCalls++, glue.validateCreatePostgresqlField(...a)),
  });
  same("valid", spy.validateCreatePostgresql(VALID), []);
  same("broken5", spy.validateCreatePostgresql(BROKEN5, { locale: "fr" }), glue.validateCreatePostgresql(BROKEN5, { locale: "fr" }));
  same("{}", spy.validateCreatePostgresql({}), glue.validateCreatePostgresql({}));
  same("field", spy.validateCreatePostgresqlField("nodePrefix", "bil", VALID), glue.validateCreatePostgresqlField("nodePrefix", "bil", VALID));
  same("field HA", spy.validateCreatePostgresqlField("az", null, { topology: "HA" }), glue.validateCreatePostgresqlField("az", null, { topology: "HA" }));
  same("field number", spy.validateCreatePostgresqlField("diskSize", 20), glue.validateCreatePostgresqlField("diskSize", 20));
  assert.equal(slowCalls, 0);
  // And what it cannot read the same way goes to the full export.
  spy.validateCreatePostgresql({ ...VALID, diskSize: "100" });
  spy.validateCreatePostgresql({ ...VALID, product: {} });
  spy.validateCreatePostgresqlField("topology", new String("HA"));
  assert.equal(slowCalls, 3);
});

test(`${CALLS} generated requests: fast wrappers equal the full export`, () => {
  const g = generator(rng(7));
  for (let i = 0; i < CALLS; i++) {
    const request = g.request();
    const options = g.pick(LOCALES);
    const slow = glue.validateCreatePostgresql(request, options);
    same(`request #${i}`, sdk.validateCreatePostgresql(request, options), slow);
    if (i % 8 === 0) same(`request #${i} (cjs)`, cjs.validateCreatePostgresql(request, options), slow);
  }
});

test(`${CALLS} generated field values: fast wrappers equal the full export`, () => {
  const g = generator(rng(11));
  const requests = [undefined, null, VALID, { topology: "HA" }, { topology: "ha" }, { topology: new String("HA") },
    Object.defineProperty({}, "topology", { value: "HA", enumerable: false }), "HA", [], { topology: "HA", product: {} },
    { topology: "HA", big: 1n }];
  for (let i = 0; i < CALLS; i++) {
    const field = g.int(20) === 0 ? g.pick(["", "nope", 42, null, "__proto__", "toJSON"]) : g.pick(FIELDS);
    const value = g.anyValue();
    const request = g.pick(requests);
    const options = g.pick(LOCALES);
    const slow = glue.validateCreatePostgresqlField(field, value, request, options);
    same(`field #${i} ${String(field)}`, sdk.validateCreatePostgresqlField(field, value, request, options), slow);
    if (i % 8 === 0) same(`field #${i} (cjs)`, cjs.validateCreatePostgresqlField(field, value, request, options), slow);
  }
});

test("hostile inputs never throw and equal the full export", () => {
  const throwing = Object.defineProperty({ ...VALID }, "name", { enumerable: true, get() { throw new Error("getter"); } });
  const proxy = new Proxy({ ...VALID }, { ownKeys() { throw new Error("ownKeys"); } });
  const inputs = [throwing, proxy, { ...VALID, big: 10n }, { ...VALID, name: 10n }, "hello", 1, null, undefined, [VALID]];
  for (const input of inputs) {
    same("create", sdk.validateCreatePostgresql(input), glue.validateCreatePostgresql(input));
    same("field", sdk.validateCreatePostgresqlField("nodePrefix", "x", input), glue.validateCreatePostgresqlField("nodePrefix", "x", input));
  }
});

// validatePostgresqlOperation (issue 15): typed records for the body, its flat options and the
// context's simple facts; everything else (nested options, an instance, versions, odd values)
// goes to the full export. Same results for every input.
const OPERATIONS = ["start", "stop", "resize", "restore", "enable_ha", "update_patch_party", "install_extension", "upgrade", "nope", ""];
const NOW = "2026-11-20T10:00:00.000Z";
const OPTION_VALUES = {
  sizing: ["2cpu4gb", "02cpu4gb", "", "2cpu", 4],
  sourceId: [3, 0, -1, 1.5, "3", 2 ** 53 + 2],
  stop: ["AFTER", "BEFORE", "after", ""],
  timestamp: ["2026-11-19T10:00:00.000+00:00", "2026-11-01T10:00:00Z", "2026-11-21T10:00:00Z", "yesterday", "2026-11-19t10:00:00z", ""],
  replicationLag: [1, 500, 501, 0, 12.5, "5"],
  changeReference: ["CHG1", "", 5],
  targetVersion: ["16", "016", "16.1", 16, ""],
  patchParty: [{ excluded: true }, { excluded: false, patchGroup: "g" }],
  dbname: ["db"],
  extensions_list: [[{ name: "postgis" }]],
  extra: ["x", { deep: 1 }],
};
const CONTEXTS = [
  undefined, null, { now: NOW }, { now: NOW, production: false }, { now: NOW, production: true, nodeCount: 1 },
  { now: NOW, nodeCount: " 2 " }, { now: "not a date" }, { production: "yes", nodeCount: 2.5 }, "ctx", 3,
  { now: NOW, instance: { status: "STOPPED", version: "11", topology: "HA" } }, { now: NOW, versions: [15, 16] },
  { now: NOW, instance: null, versions: null }, Object.defineProperty({ now: NOW }, "production", { value: false, enumerable: false }),
];

test(`${CALLS} generated operations: fast wrapper equals the full export`, () => {
  const g = generator(rng(23));
  let fastCalls = 0;
  const spy = fastValidators({ ...glue, __validateOperationFast: (...a) => (fastCalls++, glue.__validateOperationFast(...a)) });
  for (let i = 0; i < CALLS; i++) {
    const options = {};
    for (const [k, values] of Object.entries(OPTION_VALUES)) {
      const r = g.int(10);
      if (r < 3) options[k] = g.pick(values);
      else if (r === 3) options[k] = g.anyValue();
    }
    const body = { operation: g.int(12) ? g.pick(OPERATIONS) : g.anyValue() };
    const shape = g.int(10);
    if (shape < 7) body.options = options;
    else if (shape === 7) body.options = g.anyValue();
    if (g.int(20) === 0) body.extra = g.anyValue();
    const op = g.int(50) === 0 ? g.anyValue() : body;
    const context = g.pick(CONTEXTS);
    const locale = g.pick(LOCALES);
    const slow = glue.validatePostgresqlOperation(op, context, locale);
    same(`operation #${i}`, spy.validatePostgresqlOperation(op, context, locale), slow);
    if (i % 8 === 0) same(`operation #${i} (esm)`, sdk.validatePostgresqlOperation(op, context, locale), slow);
    if (i % 16 === 0) same(`operation #${i} (cjs)`, cjs.validatePostgresqlOperation(op, context, locale), slow);
  }
  // Most of them took the fast path.
  assert.ok(fastCalls > CALLS / 5, `${fastCalls} fast calls`);
});
