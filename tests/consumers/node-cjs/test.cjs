// Node CommonJS consumer: `require` from the installed tarball, validate, then a life cycle
// against the simulator (token by client credentials -> create -> waitForAction -> get -> delete).
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const sdk = require("itcare-postgresql");

// The helpers are ES modules; load them once.
let lib;
before(async () => {
  lib = {
    ...(await import("./lib/sim.mjs")),
    ...(await import("./lib/cases.mjs")),
  };
});

test("require resolves to the package's inline.cjs entry and loads the module synchronously", () => {
  assert.match(require.resolve("itcare-postgresql"), /\/node_modules\/itcare-postgresql\/inline\.cjs$/);
  assert.equal(require.resolve("itcare-postgresql/url"), require.resolve("itcare-postgresql"));
  // No init() needed before the first call.
  assert.deepEqual(sdk.validateCreatePostgresqlField("diskSize", 40), []);
});

test("init() is exported as a named and default export and resolves at once", async () => {
  assert.equal(typeof sdk.init, "function");
  assert.equal(sdk.default, sdk.init);
  const a = await sdk.init();
  assert.equal(a, await sdk.init());
  assert.ok(a.memory instanceof WebAssembly.Memory);
});

test("validateCreatePostgresql: a valid request has no issue, a broken one lists each rule (C1, C3, C4)", () => {
  assert.deepEqual(sdk.validateCreatePostgresql(lib.validRequest()), []);
  const issues = sdk.validateCreatePostgresql(lib.invalidRequest(), { locale: "en" });
  const paths = issues.map((i) => i.path);
  for (const p of ["name", "diskSize", "admPassword"]) assert.ok(paths.includes(p), `no issue on ${p}: ${JSON.stringify(issues)}`);
});

test("life cycle against the simulator with Node's global fetch", async (t) => {
  const sim = await lib.startSim();
  t.after(() => sim.stop());
  const client = new sdk.ItcareClient({
    baseUrl: `${sim.url}/itcare`,
    tokenUrl: `${sim.url}${lib.TOKEN_PATH}`,
    clientId: lib.SIM_CLIENT_ID,
    clientSecret: lib.SIM_CLIENT_SECRET,
  });
  const request = lib.validRequest();
  const action = await client.createPostgresql(request);
  const done = await client.waitForAction(action.id, { timeoutMs: 20_000, minDelayMs: 50, maxDelayMs: 300 });
  assert.equal(done.status, "SUCCESS");

  const instance = await client.getPostgresql(action.internalId);
  assert.equal(instance.name, request.name);

  const deletion = await client.deletePostgresql(action.internalId);
  const deleted = await client.waitForAction(deletion.id, { timeoutMs: 20_000, minDelayMs: 50, maxDelayMs: 300 });
  assert.equal(deleted.status, "SUCCESS");
  await assert.rejects(client.getPostgresql(action.internalId), (e) => e.name === "NotFoundError");
});
