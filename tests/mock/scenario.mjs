// The mock's acceptance scenarios (issue 12), shared by the node:test and the Vitest suites: the
// packed client (`itcare-postgresql`) on `itcare-postgresql/mock` through a whole life cycle and
// a fault scenario, with no socket (every way out of the process is trapped) and no real
// waiting (virtual time). Rule numbers: docs/spec/API.md.

/** The reference page's create example as written, with a fresh lowercase name (C1). */
export function referenceCreate(name) {
  return {
    productCode: "deb12pg16", serviceId: 123, nodeSizing: "2cpu4gb", networkId: 132,
    area: "EB-QA", diskSize: 40, admPassword: "Test123@2022", allowedReplicationLag: 10,
    az: "az", topology: "STANDALONE", trigram: "tri", tls: true, name,
  };
}

/**
 * Traps every way a Node process opens a port or a connection (net, tls, http, https, dgram,
 * the global fetch). Returns `{ attempts, restore }`; each attempt is recorded and throws.
 */
export async function trapNetwork() {
  const attempts = [];
  const restores = [];
  const trap = (obj, key, label) => {
    if (!obj || typeof obj[key] !== "function") return;
    const original = obj[key];
    obj[key] = function trapped() {
      attempts.push(label);
      throw new Error(`network use during a mock test: ${label}`);
    };
    restores.push(() => { obj[key] = original; });
  };
  // The CommonJS module objects (what Node's own fetch, http and tls use); then the ESM named
  // exports are synced to them.
  const { default: net } = await import("node:net");
  const { default: tls } = await import("node:tls");
  const { default: http } = await import("node:http");
  const { default: https } = await import("node:https");
  const { default: dgram } = await import("node:dgram");
  const { syncBuiltinESMExports } = await import("node:module");
  trap(net, "connect", "net.connect");
  trap(net, "createConnection", "net.createConnection");
  trap(net, "createServer", "net.createServer");
  trap(net.Socket.prototype, "connect", "net.Socket#connect");
  trap(net.Server.prototype, "listen", "net.Server#listen");
  trap(tls, "connect", "tls.connect");
  for (const m of [http, https]) {
    trap(m, "request", "http(s).request");
    trap(m, "get", "http(s).get");
    trap(m, "createServer", "http(s).createServer");
  }
  trap(dgram, "createSocket", "dgram.createSocket");
  trap(globalThis, "fetch", "globalThis.fetch");
  syncBuiltinESMExports();
  restores.push(() => syncBuiltinESMExports());
  return { attempts, restore: () => [...restores].reverse().forEach((r) => r()) };
}

/** Handles of sockets and servers the process holds (none may appear). */
export function socketHandles() {
  const info = process.getActiveResourcesInfo?.() ?? [];
  return info.filter((r) => /TCP|UDP|Pipe|TLS/i.test(r));
}

/**
 * Both scenarios with the network trapped, as each suite runs them. Returns what the suite checks
 * (no attempt, no new socket handle) and the wall time, printed under LABEL: a figure, never a
 * timed assertion (machines are noisy; virtual time is what keeps the scenarios fast).
 */
export async function runScenarios({ sdk, createMockApi, assert, label }) {
  const handlesBefore = socketHandles().length;
  const net = await trapNetwork();
  const t0 = performance.now();
  try {
    await lifeCycle({ sdk, createMockApi, assert });
    await faultScenario({ sdk, createMockApi, assert });
  } finally {
    net.restore();
  }
  const ms = performance.now() - t0;
  console.log(`mock scenarios (${label}): ${ms.toFixed(0)} ms wall, network attempts: ${net.attempts.length}`);
  return { attempts: net.attempts, newHandles: socketHandles().length - handlesBefore };
}

/** A client on the mock. */
export function clientOn(sdk, mock, extra = {}) {
  return new sdk.ItcareClient({
    baseUrl: mock.baseUrl,
    token: mock.token,
    fetch: mock.fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...extra,
  });
}

/**
 * Runs `body`: the client sends through its `fetch` option (`mock.fetch`), and the global
 * `fetch` stays trapped meanwhile, so a request that bypassed the option would fail the test.
 */
export async function viaFetchOption(body) {
  return body();
}

/** A whole life cycle: create (the reference body), read, stop, start, resize, delete. */
export async function lifeCycle({ sdk, createMockApi, assert }) {
  const mock = await createMockApi({ seed: false });
  const client = clientOn(sdk, mock);
  await viaFetchOption(async () => {
    const created = await client.createPostgresql(referenceCreate("newpostgre01"));
    assert.equal(created.status, "IN_PROGRESS");
    const id = created.internalId;
    // Busy while creating (409).
    await assert.rejects(client.stopPostgresql(id), (e) => e.name === "ConflictError" && e.status === 409);
    mock.advance(2999);
    assert.equal((await client.getAction(created.id)).status, "IN_PROGRESS");
    mock.advance(1);
    assert.equal((await client.waitForAction(created.id)).status, "SUCCESS");
    const inst = await client.getPostgresql(id);
    assert.equal(inst.status, "ACTIVE");
    assert.equal(inst.name, "newpostgre01");
    // Start only a STOPPED instance (422).
    await assert.rejects(client.startPostgresql(id), (e) => e.status === 422);

    const stop = await client.stopPostgresql(id);
    assert.equal(mock.finishActions(), 1);
    assert.equal((await client.waitForAction(stop.id)).status, "SUCCESS");
    assert.equal((await client.getPostgresql(id)).status, "STOPPED");
    const start = await client.startPostgresql(id);
    mock.advance(3000);
    await client.waitForAction(start.id);
    const resize = await client.resizePostgresql(id, "4cpu8gb");
    mock.advance(3000);
    await client.waitForAction(resize.id);
    const resized = await client.getPostgresql(id);
    assert.equal(resized.nodeSizing, "4cpu8gb");
    assert.equal(resized.cpu, 4);
    const page = await client.listPostgresql({ page: 0, size: 10 });
    assert.equal(page.totalElements, 1);
    const del = await client.deletePostgresql(id);
    mock.advance(3000);
    await client.waitForAction(del.id);
    await assert.rejects(client.getPostgresql(id), (e) => e.name === "NotFoundError");
    assert.equal(mock.snapshot().instances.length, 0);

    // `actionMs: 0`: the ...AndWait calls end at their first poll, still with no real waiting.
    const quick = await createMockApi({ seed: false, actionMs: 0 });
    const c2 = clientOn(sdk, quick);
    await viaFetchOption(async () => {
      const done = await c2.createPostgresqlAndWait(referenceCreate("quickcycle01"));
      assert.equal(done.status, "SUCCESS");
      assert.equal((await c2.getPostgresql(done.internalId)).status, "ACTIVE");
    });
  });
}

/** Faults: a 503 absorbed by the retry budget, an action ending in ERROR, a dropped create resolved without creating twice, helpful T6 refusals. */
export async function faultScenario({ sdk, createMockApi, assert }) {
  const mock = await createMockApi({ seed: true });
  const client = clientOn(sdk, mock);
  await viaFetchOption(async () => {
    const [first] = (await client.listPostgresql({ page: 0, size: 5 })).content;
    assert.ok(first.id > 0);

    mock.setFaults({ retryAfterSecs: 0, next: [{ kind: "503", method: "GET", pathPrefix: "/itcare/databases", count: 1 }] });
    assert.equal((await client.getPostgresql(first.id)).id, first.id, "the 503 was retried");

    mock.setFaults({ failNextActions: 1 });
    const created = await client.createPostgresql(referenceCreate("failing01"));
    mock.advance(3000);
    await assert.rejects(client.waitForAction(created.id), (e) => e.name === "ActionFailedError" && e.action.status === "ERROR");

    // The connection drops after the create was processed: the client must not create twice.
    mock.setFaults({ next: [{ kind: "dropAfter", method: "POST" }] });
    try {
      const a = await client.createPostgresql(referenceCreate("ambiguous01"));
      assert.equal(a.resourceName, "ambiguous01");
    } catch (e) {
      assert.ok(["NetworkError", "ConflictError"].includes(e.name), `${e.name}: ${e.message}`);
    }
    const named = mock.snapshot().instances.filter((i) => i.name === "ambiguous01");
    assert.equal(named.length, 1, "created exactly once");

    mock.setFaults({ next: [{ kind: "drop", method: "GET" }] });
    assert.ok(await client.getPostgresql(first.id), "a dropped read is retried");

    // Helpful refusals (T6 naming the field and what it accepts).
    mock.setFaults({});
    await assert.rejects(
      client.createPostgresql({ ...referenceCreate("badarea01"), area: "EB-XX" }),
      (e) => e.name === "ApiError" && e.status === 400 && e.errorDesc === "area" && /EB-QA/.test(e.errorMessage),
    );
    // Tokens expire on virtual time (T2): 401 once 1200 virtual seconds have passed.
    mock.advance(1_200_000);
    await assert.rejects(client.getPostgresql(first.id), (e) => e.name === "AuthError" && e.status === 401);
  });
  mock.reset();
  assert.equal(mock.snapshot().instances.length, 4, "reset goes back to the seeded world");
}
