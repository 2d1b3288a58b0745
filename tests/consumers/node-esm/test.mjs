// Node ESM consumer: `import` from the installed tarball, validate, then a life cycle against
// the simulator (token by client credentials -> create -> waitForAction -> get -> delete).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import init, * as sdk from "itcare-postgresql";
import { startSim, SIM_CLIENT_ID, SIM_CLIENT_SECRET, TOKEN_PATH } from "./lib/sim.mjs";
import { validRequest, invalidRequest } from "./lib/cases.mjs";
import { report } from "./lib/report.mjs";

test("the ESM import resolves to the package's inline.js entry, not a repo path", () => {
  const resolved = import.meta.resolve("itcare-postgresql");
  assert.match(resolved, /\/node_modules\/itcare-postgresql\/inline\.js$/);
  // In Node the /url subpath is the same inline entry (nothing to fetch from file:).
  assert.equal(import.meta.resolve("itcare-postgresql/url"), resolved);
  report("Node 20 ESM", "import -> inline.js", ["node_modules/itcare-postgresql/inline.js", "node_modules/itcare-postgresql/fast.js"]);
  const pkg = createRequire(import.meta.url)("itcare-postgresql/package.json");
  assert.equal(pkg.name, "itcare-postgresql");
});

test("init() is exported, idempotent and resolves to the same instance", async () => {
  assert.equal(typeof sdk.init, "function");
  assert.equal(init, sdk.init);
  const [a, b] = await Promise.all([init(), sdk.init()]);
  assert.ok(a.memory instanceof WebAssembly.Memory);
  assert.equal(a, b);
});

test("validateCreatePostgresql: a valid request has no issue, a broken one lists each rule (C1, C3, C4)", () => {
  assert.deepEqual(sdk.validateCreatePostgresql(validRequest()), []);
  const issues = sdk.validateCreatePostgresql(invalidRequest());
  const paths = issues.map((i) => i.path);
  for (const p of ["name", "diskSize", "admPassword"]) assert.ok(paths.includes(p), `no issue on ${p}: ${JSON.stringify(issues)}`);
  for (const i of issues) {
    assert.equal(typeof i.code, "string");
    assert.ok(i.message.length > 0);
  }
  const fr = sdk.validateCreatePostgresql(invalidRequest(), { locale: "fr" });
  assert.deepEqual(fr.map((i) => i.path), paths);
  assert.notDeepEqual(fr.map((i) => i.message), issues.map((i) => i.message));
});

test("validateCreatePostgresqlField checks one field (C3)", () => {
  assert.deepEqual(sdk.validateCreatePostgresqlField("diskSize", 40), []);
  const issues = sdk.validateCreatePostgresqlField("diskSize", 2000);
  assert.equal(issues.length, 1);
  assert.equal(issues[0].path, "diskSize");
});

let sim;
before(async () => {
  sim = await startSim();
});
after(async () => {
  await sim?.stop();
});

test("life cycle against the simulator with Node's global fetch", async () => {
  const client = new sdk.ItcareClient({
    baseUrl: `${sim.url}/itcare`,
    tokenUrl: `${sim.url}${TOKEN_PATH}`,
    clientId: SIM_CLIENT_ID,
    clientSecret: SIM_CLIENT_SECRET,
  });
  const request = validRequest();
  const action = await client.createPostgresql(request);
  assert.equal(typeof action.id, "number");
  const done = await client.waitForAction(action.id, { timeoutMs: 20_000, minDelayMs: 50, maxDelayMs: 300 });
  assert.equal(done.status, "SUCCESS");

  const id = action.internalId;
  const instance = await client.getPostgresql(id);
  assert.equal(instance.name, request.name);
  assert.equal(instance.id, id);

  const deletion = await client.deletePostgresql(id);
  const deleted = await client.waitForAction(deletion.id, { timeoutMs: 20_000, minDelayMs: 50, maxDelayMs: 300 });
  assert.equal(deleted.status, "SUCCESS");
  await assert.rejects(client.getPostgresql(id), (e) => e.name === "NotFoundError" && e.status === 404);
});

test("the client refuses an invalid request before sending it (ValidationError with issues)", async () => {
  const client = new sdk.ItcareClient({ baseUrl: `${sim.url}/itcare`, token: "unused" });
  await assert.rejects(client.createPostgresql(invalidRequest()), (e) => {
    assert.equal(e.name, "ValidationError");
    assert.ok(e instanceof Error);
    assert.ok(e.issues.some((i) => i.path === "diskSize"));
    return true;
  });
});
