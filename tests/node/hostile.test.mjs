// Hostile input at scale (issue 14): HOSTILE_VALUES generated values (default 100,000), each one
// through every export of the package, the low-level `__validateCreateFast*` ones included, in
// every argument position. Deep nesting, huge strings, lone surrogates, NaN/Infinity, numbers past
// 2^53, BigInt, own `__proto__` keys, getters and Proxies whose traps throw, revoked Proxies,
// cycles, throwing `toJSON`.
//
// Properties: no WebAssembly trap ever (a trap with `panic = "abort"` poisons the instance,
// TOOLCHAIN trap 7); the validators always return an issue list; the module answers correctly
// afterwards; the wasm memory is reported before and after and stays bounded: a huge input must
// not leave its size behind (WebAssembly memory never shrinks, so one copied 50 MB string would
// keep ~100 MB for the life of the page).
//
// Seeded (HOSTILE_SEED, default 14) so a failure replays.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as sdk from "../../pkg/inline.js";
import { rng } from "./rng.mjs";

const VALUES = Number(process.env.HOSTILE_VALUES ?? 100_000);
const SEED = Number(process.env.HOSTILE_SEED ?? 14);
/** Largest growth of wasm memory the whole soak may cause (the huge inputs are 8-50 MB). */
const MAX_GROWTH_MB = 16;

const wasm = sdk.initSync(); // already instantiated at import: returns the same exports
const memoryMb = () => wasm.memory.buffer.byteLength / 2 ** 20;

const KEYS = [
  "name", "nodeSizing", "diskSize", "admPassword", "serviceId", "networkId", "topology", "trigram",
  "allowedReplicationLag", "nodePrefix", "az", "tls", "area", "productCode", "operation", "options",
  "sizing", "sourceId", "stop", "timestamp", "patchParty", "extensions_list", "targetVersion",
  "locale", "production", "now", "instance", "nodeCount", "versions", "baseUrl", "token",
  "tokenUrl", "clientId", "clientSecret", "retry", "timeoutMs", "hooks", "fetch", "headers",
  "__proto__", "constructor", "prototype", "toJSON", "toString", "valueOf", "then", "",
];
const WORDS = [
  "", "HA", "STANDALONE", "2cpu4gb", "restore", "start", "resize", "upgrade", "fr", "en", "BEFORE",
  "2024-01-01T00:00:00Z", "Test123@2022", "ÉÀÇ", "名前", "\u0000", "\ud800", "\udfff", "a\ud800b",
  "\ud83d", "🐘", "http://127.0.0.1:8080/itcare", "https://api.cegedim.cloud/itcare", "javascript:x",
  "NaN", "-0", "1e400", "9007199254740993",
];
// Built once: making them is what costs.
const HUGE = ["x".repeat(8 << 20), "\ud800".repeat(1 << 20), "é".repeat(4 << 20)];
const NUMBERS = [
  NaN, Infinity, -Infinity, -0, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 64, 1e308, 5e-324,
  Number.MAX_VALUE, Number.MIN_SAFE_INTEGER, 0.1 + 0.2, 40, 10240, 10241, 4294967296, -1,
];

// A chain, not a DAG: shared structures (2^n paths) have their own test at the end.
function deep(n, array) {
  let v = "bottom";
  for (let i = 0; i < n; i++) v = array ? [v, i] : { options: v, name: "n" };
  return v;
}

const thrower = (what) => () => { throw new Error(`hostile ${what}`); };

function generator(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const string = () => {
    if (random() < 0.0001) return pick(HUGE);
    return pick([
      () => pick(WORDS),
      () => String(pick(NUMBERS)),
      () => Array.from({ length: int(24) }, () => String.fromCharCode(int(0x10000))).join(""),
      () => "x".repeat(random() < 0.001 ? int(70_000) : int(300)),
    ])();
  };
  // The costliest shapes (V8's JSON.stringify gives up on them only after real work, ~0.1-0.2 s
  // per call) are rare; their cheap versions are common.
  const expensive = () => pick([
    () => deep(12_000, random() < 0.5),
    () => { const a = []; a.length = 2 ** 32 - 1; return a; },
    () => ({ toJSON: () => "x".repeat(3 << 20) }),
  ])();
  const hostile = () => random() < 0.0005 ? expensive() : pick([
    () => BigInt(int(1e9)) ** 3n,
    () => Symbol("s"),
    () => thrower("function"),
    () => { const o = { name: "a" }; o.self = o; o.list = [o, o]; return o; },
    () => deep(1 + int(300), random() < 0.5),
    () => new Proxy({}, { get: thrower("get"), ownKeys: thrower("ownKeys"), has: thrower("has"),
      getOwnPropertyDescriptor: thrower("gOPD"), getPrototypeOf: thrower("getPrototypeOf") }),
    () => new Proxy([], { get: thrower("get") }),
    () => new Proxy({}, { ownKeys: () => ["name", "name"] }), // invalid trap result: TypeError
    () => new Proxy(() => 1, { apply: thrower("apply"), get: thrower("get") }),
    () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; },
    () => Object.defineProperty({}, pick(KEYS) || "x", { enumerable: true, get: thrower("getter") }),
    () => ({ toJSON: thrower("toJSON") }),
    () => ({ toJSON: () => "x".repeat(int(1000)) }),
    () => ({ get length() { throw new Error("length"); } }),
    () => { const a = []; a.length = int(1000); return a; },
    () => JSON.parse('{"__proto__": {"admPassword": "x", "polluted": true}, "name": "p"}'),
    () => Object.assign(Object.create(null), { name: "n" }),
    () => new Date(random() < 0.5 ? NaN : int(2e12)),
    () => new Map([[1, 2]]),
    () => new Uint8Array(int(64)),
    () => Promise.reject(new Error("rejected")).catch(() => {}) && Promise.resolve(),
    () => new WeakRef({}),
    () => Object.freeze({ name: pick(WORDS) }),
    () => ({ [Symbol.toPrimitive]: thrower("toPrimitive"), toString: thrower("toString") }),
  ])();
  function value(depth) {
    const r = random();
    if (r < 0.12) return pick(NUMBERS);
    if (r < 0.26) return string();
    if (r < 0.30) return random() < 0.5;
    if (r < 0.33) return null;
    if (r < 0.36) return undefined;
    if (r < 0.52) return hostile();
    if (depth > 3) return string();
    if (r < 0.62) return Array.from({ length: int(5) }, () => value(depth + 1));
    const o = {};
    for (let i = int(8); i > 0; i--) {
      // defineProperty: an own "__proto__" key, not a prototype change.
      Object.defineProperty(o, pick(KEYS), { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return o;
  }
  return { value, int, pick };
}

const VALID_CREATE = {
  productCode: "deb12pg16", serviceId: 123, nodeSizing: "2cpu4gb", networkId: 132, area: "EB-QA",
  diskSize: 40, admPassword: "Test123@2022", allowedReplicationLag: 10, az: "az",
  topology: "STANDALONE", trigram: "tri", tls: true, name: "newpostgre01",
};

function issueList(result, label) {
  assert.ok(Array.isArray(result), `${label}: not an issue list: ${typeof result}`);
  for (const i of result) {
    assert.ok(typeof i.path === "string" && typeof i.code === "string" && typeof i.message === "string", label);
  }
}

/** The module answers correctly: valid input gives no issue, known broken input its issues. */
function answersCorrectly() {
  assert.deepEqual(sdk.validateCreatePostgresql(VALID_CREATE), []);
  assert.deepEqual(sdk.validateCreatePostgresql({ ...VALID_CREATE, name: "NEWPOSTGRE01" }).map((i) => i.path), ["name"]);
  assert.deepEqual(sdk.validateCreatePostgresqlField("diskSize", 40), []);
  assert.deepEqual(sdk.validateCreatePostgresqlField("diskSize", 39).map((i) => i.code), ["range"]);
  assert.deepEqual(sdk.validatePostgresqlOperation({ operation: "start" }), []);
  assert.deepEqual(sdk.validatePostgresqlOperation({ operation: "reboot" }).map((i) => i.path), ["operation"]);
  assert.equal(typeof sdk.describeCreateForm(), "object");
  assert.equal(sdk.describeOperationForm("nope"), undefined);
  assert.ok(new sdk.ItcareClient({ token: "t", baseUrl: "http://127.0.0.1:9/itcare" }));
}

/** A thrown value that is not a trap: a JS error the SDK (or JS itself) throws on purpose. */
function notATrap(e, label) {
  assert.ok(!(e instanceof WebAssembly.RuntimeError), `${label}: wasm trap: ${e && e.message}`);
  assert.ok(!/unreachable|memory access out of bounds|RuntimeError/.test(String(e && e.message)), `${label}: ${e && e.stack}`);
}

// Every export, each value in each position. `total` calls the value reaches the module with.
const EXPORTS = [
  ["validateCreatePostgresql", (v, g) => [v, g.pick([undefined, { locale: "fr" }, v])], issueList],
  ["validateCreatePostgresqlField", (v, g) => [g.int(3) ? g.pick(KEYS) : v, v, g.pick([undefined, v, VALID_CREATE]), g.pick([undefined, v])], issueList],
  ["validatePostgresqlOperation", (v, g) => [v, g.pick([undefined, v, { instance: v }]), g.pick([undefined, v])], issueList],
  ["describeCreateForm", (v) => [v], (r, l) => assert.equal(typeof r, "object", l)],
  ["describeOperationForm", (v, g) => [g.int(2) ? v : g.pick(["resize", "restore", "upgrade"]), v], () => {}],
  ["connectionFacts", (v, g) => [v, g.pick([undefined, v, [v], [{ ipAddress: v }]])], (r, l) => assert.equal(r?.port, 5432, l)],
  // The low-level exports behind fast.js: any JS may call them with anything.
  ["__validateCreateFast", (v, g) => Array.from({ length: 7 }, () => (g.int(3) ? v : g.value(4))), () => {}],
  ["__validateCreateFieldFast", (v, g) => Array.from({ length: 4 }, () => (g.int(3) ? v : g.value(4))), () => {}],
  ["__validateIo", (v) => [v], () => {}],
  ["__validateAnswer", (v) => [v], () => {}],
];

// HOSTILE_ONLY=name,name restricts the run to some exports (to replay one).
const ONLY = process.env.HOSTILE_ONLY?.split(",");
const RUN = EXPORTS.filter(([n]) => !ONLY || ONLY.includes(n));
const CLIENT = !ONLY || ONLY.includes("ItcareClient");

function callClient(v, g) {
  const options = g.int(2) ? v : { token: "t", baseUrl: "http://127.0.0.1:9/itcare", [g.pick(KEYS)]: v };
  try {
    const c = new sdk.ItcareClient(options);
    c.free?.();
  } catch (e) {
    notATrap(e, "new ItcareClient");
    assert.ok(e instanceof Error, `new ItcareClient threw a non-Error: ${String(e)}`);
  }
}

// Parts that wait for work in progress elsewhere, as node:test `todo` (reported, not failing the
// run) until it lands; remove the entry then. HOSTILE_STRICT=1 makes them plain tests.
// (None today: describeOperationForm no longer copies a name longer than every form id.)
const PENDING = process.env.HOSTILE_STRICT ? {} : {};

test(`${VALUES} hostile values through every export, the low-level ones included: no trap, the module answers correctly afterwards, wasm memory bounded`, () => {
  soak(RUN, CLIENT, true);
});

function soak(exports, client, boundMemory) {
  const RUN = exports;
  const CLIENT = client;
  const before = memoryMb();
  const g = generator(rng(SEED));
  const calls = Object.fromEntries(RUN.map(([n]) => [n, 0]));
  const started = Date.now();
  for (let i = 0; i < VALUES; i++) {
    const v = g.value(0);
    for (const [name, args, check] of RUN) {
      let result;
      try {
        result = sdk[name](...args(v, g));
      } catch (e) {
        notATrap(e, `${name} value ${i} (seed ${SEED})`);
        // Only the low-level exports may refuse an argument by throwing (a JS TypeError).
        assert.ok(name.startsWith("__"), `${name} value ${i} (seed ${SEED}) threw: ${e && e.stack}`);
        calls[name] += 1;
        continue;
      }
      check(result, `${name} value ${i}`);
      calls[name] += 1;
    }
    if (CLIENT) callClient(v, g);
    if (i % 20_000 === 19_999) answersCorrectly();
  }
  answersCorrectly();
  const after = memoryMb();
  const line = `hostile soak: ${VALUES} values x ${RUN.length + (CLIENT ? 1 : 0)} exports in ${((Date.now() - started) / 1000).toFixed(1)} s; wasm memory ${before.toFixed(1)} MB before, ${after.toFixed(1)} MB after`;
  console.log(line);
  if (boundMemory) assert.ok(after - before <= MAX_GROWTH_MB, `${line}: grew more than ${MAX_GROWTH_MB} MB`);
}

test("a 50 MB input through any export leaves no 50 MB behind in wasm memory", { todo: PENDING.hugeInput }, () => {
  const big = "x".repeat(50_000_000);
  const before = memoryMb();
  const cases = {
    "validateCreatePostgresql(big)": () => sdk.validateCreatePostgresql(big),
    "validateCreatePostgresql({name: big})": () => sdk.validateCreatePostgresql({ name: big }),
    "validateCreatePostgresql(_, {locale: big})": () => sdk.validateCreatePostgresql({}, { locale: big }),
    "validateCreatePostgresqlField(field, big)": () => sdk.validateCreatePostgresqlField("name", big),
    "validateCreatePostgresqlField(big, 1)": () => sdk.validateCreatePostgresqlField(big, 1),
    "validatePostgresqlOperation({operation: big})": () => sdk.validatePostgresqlOperation({ operation: big }),
    "validatePostgresqlOperation(_, {now: big})": () => sdk.validatePostgresqlOperation({ operation: "start" }, { now: big }),
    "describeOperationForm(big)": () => sdk.describeOperationForm(big),
    "__validateCreateFieldFast(big...)": () => sdk.__validateCreateFieldFast(big, big, big, big, big, big, big, big),
    "__validateCreateFast(big...)": () => sdk.__validateCreateFast(big, big, big, big, big, big, big, big, big),
    "new ItcareClient({token: big})": () => new sdk.ItcareClient({ token: big }),
    "new ItcareClient({baseUrl: big})": () => new sdk.ItcareClient({ token: "t", baseUrl: big }),
    "new ItcareClient({clientSecret: big})": () => new sdk.ItcareClient({ clientId: "i", clientSecret: big }),
  };
  const grew = [];
  for (const [label, f] of Object.entries(cases)) {
    const at = memoryMb();
    try {
      f();
    } catch (e) {
      notATrap(e, label);
    }
    const now = memoryMb();
    console.log(`  ${label}: wasm memory ${at.toFixed(1)} -> ${now.toFixed(1)} MB`);
    if (now - at > MAX_GROWTH_MB) grew.push(`${label} (+${(now - at).toFixed(1)} MB)`);
  }
  answersCorrectly();
  console.log(`huge inputs: wasm memory ${before.toFixed(1)} MB before, ${memoryMb().toFixed(1)} MB after`);
  assert.deepEqual(grew, [], `wasm memory kept a huge input: ${grew.join(", ")}`);
});

// `{a: v, b: v}` nested 40 times is 2^40 paths and no cycle: an unbounded JSON.stringify (or any
// tree walk) would run for hours. The package reads it within its member and node budgets, so each
// export answers like for any other unreadable value. The timeout only turns a regression into a
// failure instead of a hang; no figure is asserted.
test("deeply shared structures (2^40 paths, no cycle) are read within a budget by every export", { timeout: 120_000 }, async () => {
  let shared = { name: "x" };
  for (let i = 0; i < 40; i++) shared = { a: shared, b: shared, c: [shared, shared] };
  const request = { ...VALID_CREATE, options: shared, nodeSizing: shared };
  const issues = sdk.validateCreatePostgresql(request);
  assert.ok(issues.some((i) => i.path === "nodeSizing"), JSON.stringify(issues));
  assert.ok(Array.isArray(sdk.validateCreatePostgresql(shared)));
  assert.ok(Array.isArray(sdk.validateCreatePostgresqlField("nodeSizing", shared, request)));
  assert.ok(Array.isArray(sdk.validatePostgresqlOperation({ operation: "resize", options: shared })));
  assert.ok(Array.isArray(sdk.validatePostgresqlOperation(shared, { instance: shared })));
  // The client reads the same way: a create body that cannot be read is refused before any request.
  const sent = [];
  const client = new sdk.ItcareClient({
    baseUrl: "http://127.0.0.1:9/itcare", token: "t",
    fetch: (...args) => { sent.push(args); return Promise.reject(new Error("no network here")); },
    retry: { attempts: 1 },
  });
  await assert.rejects(client.createPostgresql(request), (e) => e.name === "ValidationError");
  assert.equal(sent.length, 0);
  // And the module still answers correctly.
  assert.deepEqual(sdk.validateCreatePostgresql(VALID_CREATE), []);
});
