// Robustness of the wasm exports (issue 2 acceptance): 10,000 calls with random JS values to each
// validation export must never throw, always return a list of issues, and leave the module
// working: the next valid call returns []. A panic would abort the instance (TOOLCHAIN trap 7)
// and every later call would fail with "unreachable".
//
// The generator is seeded (ROBUSTNESS_SEED, default 2) so a failure can be replayed.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as sdk from "../../pkg/inline.js";
import { rng } from "./rng.mjs";

const CALLS = Number(process.env.ROBUSTNESS_CALLS ?? 10_000);
const SEED = Number(process.env.ROBUSTNESS_SEED ?? 2);

// Field names the validators know, so random objects reach the rules and not only the type check.
const KEYS = [
  "name", "nodeSizing", "diskSize", "admPassword", "serviceId", "networkId", "topology", "trigram",
  "allowedReplicationLag", "nodePrefix", "az", "tls", "area", "productCode", "product", "region",
  "operation", "options", "sizing", "sourceId", "stop", "timestamp", "replicationLag",
  "changeReference", "patchParty", "excluded", "patchGroup", "exclusionReason", "dbname",
  "extensions_list", "targetVersion", "locale", "production", "now", "instance", "nodeCount",
  "versions", "status", "version", "__proto__", "constructor", "toJSON", "",
];
const WORDS = [
  "", "HA", "STANDALONE", "cluster", "2cpu4gb", "0cpu0gb", "restore", "start", "stop", "resize",
  "enable_ha", "update_patch_party", "install_extension", "upgrade", "reboot", "fr", "en",
  "BEFORE", "AFTER", "2024-01-01T00:00:00Z", "2024-13-45T99:99:99Z", "Test123@2022", "tri",
  "ÉÀÇ", "名前", "\u0000", "\ud800", "🐘🐘🐘", "16", "NaN",
];
// Built once: very long strings are expensive to make, not to pass.
const LONG = ["x".repeat(100_000), "é".repeat(1_000_000), "Aa1!".repeat(250_000)];

const EXPENSIVE = [
  () => { const a = []; a.length = 2 ** 32 - 1; return a; },
  () => { let o = {}; const root = o; for (let i = 0; i < 5000; i++) { o.options = {}; o = o.options; } return root; },
];

function generator(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];

  function number() {
    return pick([
      () => int(2000) - 1000, () => random() * 1e6, () => NaN, () => Infinity, () => -Infinity,
      () => -0, () => Number.MAX_SAFE_INTEGER + 2, () => 1e308, () => 5e-324, () => 40, () => 1025,
    ])();
  }
  function string() {
    // Very long strings are rarer (a few hundred per export): each costs milliseconds to cross.
    if (random() < 0.03) return pick(LONG);
    return pick([() => pick(WORDS), () => String(number()),
      () => Array.from({ length: int(20) }, () => String.fromCharCode(int(0x10000))).join("")])();
  }
  function hostile() {
    // The costliest shapes (JSON.stringify gives up on them only after real work) are rarer.
    if (random() < 0.02) return pick(EXPENSIVE)();
    return pick([
      () => BigInt(int(1e9)) * (random() < 0.5 ? -1n : 1n),
      () => Symbol(pick(WORDS)),
      () => () => { throw new Error("called"); },
      () => { const o = { a: 1 }; o.self = o; o.list = [o]; return o; },
      () => new Proxy({}, { get() { throw new Error("get"); }, ownKeys() { throw new Error("ownKeys"); } }),
      () => new Proxy([], { get() { throw new Error("get"); } }),
      () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; },
      () => Object.defineProperty({}, pick(KEYS) || "x", { enumerable: true, get() { throw new Error("getter"); } }),
      () => ({ toJSON() { throw new Error("toJSON"); } }),
      () => ({ toJSON: () => undefined }),
      () => new Date(random() < 0.5 ? NaN : int(2e12)),
      () => new Map([[1, 2]]),
      () => new Uint8Array(int(16)),
      () => Object.create(null),
      () => /re/g,
      () => new Error("e"),
      () => Promise.resolve(1),
      () => new WeakMap(),
    ])();
  }
  function value(depth) {
    const r = random();
    if (r < 0.12) return number();
    if (r < 0.27) return string();
    if (r < 0.32) return random() < 0.5;
    if (r < 0.36) return null;
    if (r < 0.40) return undefined;
    if (r < 0.50) return hostile();
    if (depth > 3) return string();
    if (r < 0.62) return Array.from({ length: int(5) }, () => value(depth + 1));
    const o = {};
    // defineProperty: an own "__proto__" key, not a prototype change.
    for (let i = int(7); i > 0; i--) {
      Object.defineProperty(o, pick(KEYS), { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return o;
  }
  return { value, pick, int };
}

function assertIssueList(result, label) {
  assert.ok(Array.isArray(result), `${label}: not an array`);
  for (const issue of result) {
    assert.equal(typeof issue.path, "string", label);
    assert.equal(typeof issue.code, "string", label);
    assert.equal(typeof issue.message, "string", label);
  }
}

const VALID_CREATE = {
  productCode: "deb12pg16", serviceId: 123, nodeSizing: "2cpu4gb", networkId: 132, area: "EB-QA",
  diskSize: 40, admPassword: "Test123@2022", allowedReplicationLag: 10, az: "az",
  topology: "STANDALONE", trigram: "tri", tls: true, name: "newpostgre01",
};

const EXPORTS = {
  validateCreatePostgresql: (g) => [g.value(0), g.value(0)],
  validatePostgresqlOperation: (g) => [g.value(0), g.value(0), g.value(0)],
  validateCreatePostgresqlField: (g) => [g.int(4) === 0 ? g.value(0) : g.pick(KEYS), g.value(0), g.value(0), g.value(0)],
};

for (const [name, args] of Object.entries(EXPORTS)) {
  test(`${CALLS} random calls to ${name} never throw and leave the module working`, () => {
    const g = generator(rng(SEED + name.length));
    let issues = 0;
    for (let i = 0; i < CALLS; i++) {
      const a = args(g);
      let result;
      try {
        result = sdk[name](...a);
      } catch (e) {
        assert.fail(`${name} call ${i} (seed ${SEED}) threw: ${e && e.stack}`);
      }
      assertIssueList(result, `${name} call ${i}`);
      issues += result.length;
    }
    assert.ok(issues > 0, "random input produced no issue at all: the generator is broken");
    // The module still works: valid calls give no issue.
    assert.deepEqual(sdk.validateCreatePostgresql(VALID_CREATE), []);
    assert.deepEqual(sdk.validatePostgresqlOperation({ operation: "start" }), []);
    assert.deepEqual(sdk.validateCreatePostgresqlField("diskSize", 40), []);
  });
}

test("after every export was hammered, all of them still answer correctly", () => {
  assert.deepEqual(sdk.validateCreatePostgresql(VALID_CREATE), []);
  assert.deepEqual(sdk.validateCreatePostgresql({ ...VALID_CREATE, name: "NEWPOSTGRE01" }).map((i) => i.path), ["name"]);
  assert.deepEqual(sdk.validatePostgresqlOperation({ operation: "reboot" }).map((i) => i.path), ["operation"]);
});
