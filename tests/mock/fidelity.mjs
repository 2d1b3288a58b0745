// The mock's fidelity to the simulator, shared by the node:test and the Vitest suites (run by
// scripts/test-mock.sh on the packed tarball): latency in virtual time (the client's timeout
// fires as against `itcare-sim`, which sleeps the latency and then answers), tokens of one mock
// only (T2: another mock answers 401), and dispose() (memory given back, typed errors after).
// No test waits on the wall clock: the clock is virtual and jumps when the process is idle.
import { clientOn, referenceCreate } from "./scenario.mjs";

/** A latency longer than `timeoutMs` gives the client's TimeoutError at exactly `timeoutMs`. */
export async function latencyScenario({ sdk, createMockApi, assert }) {
  const mock = await createMockApi({ seed: true });
  const realDateNow = Date.now;
  const timers = mock.useVirtualTimers();
  try {
    assert.equal(Date.now(), mock.now, "Date.now is the mock's clock");
    const client = clientOn(sdk, mock, { timeoutMs: 1000, retry: false });
    const [first] = (await client.listPostgresql({ page: 0, size: 5 })).content;

    // Latency 5000 > timeoutMs 1000: the client's timer is due first.
    mock.setFaults({ latencyMs: 5000 });
    let t0 = mock.now;
    await assert.rejects(client.getPostgresql(first.id), (e) => e.name === "TimeoutError" && e.code === "request_timeout");
    assert.equal(mock.now - t0, 1000, "the timeout fired at 1000 virtual ms; the abandoned answer never came");

    // Latency 400 < timeoutMs 1000: the answer, 400 virtual ms later.
    mock.setFaults({ latencyMs: 400 });
    t0 = mock.now;
    assert.equal((await client.getPostgresql(first.id)).id, first.id);
    assert.equal(mock.now - t0, 400);

    // A write in that state: processed on arrival (as the simulator does before sleeping), then
    // the client hears nothing within its timeout. It resolves by looking or reports an unknown
    // outcome (which one is the client's business); either way there is one instance, not two.
    mock.setFaults({ latencyMs: 5000 });
    let outcome;
    try {
      outcome = await client.createPostgresql(referenceCreate("latency01"));
    } catch (e) {
      outcome = e;
      assert.ok(typeof e.name === "string" && typeof e.code === "string", `a typed error: ${e}`);
      assert.ok(["TimeoutError", "NetworkError"].includes(e.name), `${e.name} ${e.code}: ${e.message}`);
    }
    assert.ok(outcome, "the write settled");
    console.log(`write under latency > timeoutMs: ${outcome.name ?? "resolved"} ${outcome.code ?? outcome.status}`);
    mock.setFaults({});
    assert.equal(mock.snapshot().instances.filter((i) => i.name === "latency01").length, 1, "created exactly once");

    // Retries and back-off run on the same clock: three attempts, each timed out at 1000 ms.
    const retrying = clientOn(sdk, mock, { timeoutMs: 1000, retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 100 } });
    mock.setFaults({ latencyMs: 5000 });
    t0 = mock.now;
    await assert.rejects(retrying.getPostgresql(first.id), (e) => e.name === "TimeoutError");
    const spent = mock.now - t0;
    assert.ok(spent >= 3000 && spent <= 3200, `3 timeouts + 2 back-offs of at most 100 ms: ${spent} virtual ms`);
    mock.setFaults({});

    // waitForAction polls on virtual time: no advance() needed, no real waiting.
    const created = await client.createPostgresql(referenceCreate("polled01"));
    t0 = mock.now;
    assert.equal((await client.waitForAction(created.id)).status, "SUCCESS");
    assert.ok(mock.now - t0 >= 3000, "the action's 3000 virtual ms passed");

    // The process's own timers are ordered with the answers on the one clock.
    const order = [];
    setTimeout(() => order.push(`timer at ${mock.now - t0}`), 3000);
    mock.setFaults({ latencyMs: 5000 });
    t0 = mock.now;
    const answered = mock.fetch(`${mock.baseUrl}/health`).then((r) => order.push(`answer ${r.status} at ${mock.now - t0}`));
    await answered;
    assert.deepEqual(order, ["timer at 3000", "answer 200 at 5000"]);
    mock.setFaults({});

    // advance() fires what falls due on the way, synchronously, and nothing before its time.
    let fired = 0;
    setTimeout(() => fired++, 3000);
    mock.advance(2999);
    assert.equal(fired, 0);
    mock.advance(1);
    assert.equal(fired, 1);

    // An unref'd timer alone does not move the clock (as it would not keep Node running)...
    const t1 = mock.now;
    const idle = setTimeout(() => fired++, 1000).unref();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(mock.now, t1);
    assert.equal(fired, 1);
    clearTimeout(idle);
    // ...and a timer that keeps re-arming itself makes advance() throw, not hang.
    const rearm = () => setTimeout(rearm, 0);
    setTimeout(rearm, 0);
    assert.throws(() => mock.advance(1), (e) => e.name === "MockError" && e.code === "timer_loop");
  } finally {
    timers.restore();
    mock.dispose();
  }
  assert.equal(Date.now, realDateNow, "Date.now is the real one again");
}

/** Without virtual timers the answer still comes only when the mock's clock reaches its time. */
export async function latencyWithoutVirtualTimers({ createMockApi, assert }) {
  const mock = await createMockApi({ faults: { latencyMs: 5000 } });
  try {
    const t0 = mock.now;
    const r = await mock.fetch(`${mock.baseUrl}/health`);
    assert.equal(r.status, 200);
    assert.equal(mock.now - t0, 5000);
  } finally {
    mock.dispose();
  }
}

/** Each mock issues its own tokens: another mock refuses them (T2: 401). */
export async function tokenScenario({ sdk, createMockApi, assert }) {
  const a = await createMockApi({ seed: true });
  const b = await createMockApi({ seed: true });
  try {
    assert.notEqual(a.token, b.token);
    assert.match(a.token, /^[0-9a-f]{64}$/);
    const list = (mock, token) => mock.fetch(`${mock.baseUrl}/databases/postgresql`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await list(a, a.token)).status, 200);
    assert.equal((await list(b, a.token)).status, 401, "A's token on B");
    assert.equal((await list(a, b.token)).status, 401, "B's token on A");
    const crossed = clientOn(sdk, b, { token: a.token });
    await assert.rejects(crossed.listPostgresql(), (e) => e.name === "AuthError" && e.status === 401);
    // Same options, even the same randomSeed: still different tokens.
    const c = await createMockApi({ seed: true, randomSeed: 1 });
    const d = await createMockApi({ seed: true, randomSeed: 1 });
    assert.notEqual(c.token, d.token);
    c.dispose();
    d.dispose();
  } finally {
    a.dispose();
    b.dispose();
  }
}

/** dispose() frees the mock's wasm memory: 2,000 mocks created and disposed keep it flat. */
export async function disposeScenario({ createMockApi, memory, assert, log = console.log }) {
  const warm = await createMockApi();
  warm.dispose();
  const before = memory().buffer.byteLength;
  for (let i = 0; i < 2000; i++) {
    const m = await createMockApi();
    m.dispose();
  }
  const growth = memory().buffer.byteLength - before;
  log(`mock wasm memory after 2,000 created and disposed: ${before} -> ${memory().buffer.byteLength} bytes (+${growth})`);
  assert.ok(growth < 5 * 1024 * 1024, `grew ${growth} bytes`);
}

/** After dispose() every call fails with a typed MockError, never a trap; pending answers too. */
export async function useAfterDispose({ createMockApi, assert }) {
  const isDisposed = (e) => e.name === "MockError" && e.code === "mock_disposed" && /disposed/.test(e.message);
  const mock = await createMockApi({ faults: { latencyMs: 1000 } });
  const pending = mock.fetch(`${mock.baseUrl}/health`);
  // Disposed before the answer is due (whether or not the request reached the core yet).
  mock.dispose();
  await assert.rejects(pending, isDisposed);
  assert.equal(mock.disposed, true);
  await assert.rejects(mock.fetch(`${mock.baseUrl}/health`), isDisposed);
  for (const call of [
    () => mock.now,
    () => mock.advance(1),
    () => mock.finishActions(),
    () => mock.reset(),
    () => mock.setFaults({}),
    () => mock.expireTokens(),
    () => mock.snapshot(),
    () => mock.useVirtualTimers(),
  ]) {
    assert.throws(call, isDisposed, String(call));
  }
  mock.dispose();
  mock[Symbol.dispose]();

  // Symbol.dispose is dispose, and it restores installed timers.
  const other = await createMockApi();
  const realSetTimeout = globalThis.setTimeout;
  other.useVirtualTimers();
  assert.notEqual(globalThis.setTimeout, realSetTimeout);
  const third = await createMockApi();
  assert.throws(() => third.useVirtualTimers(), (e) => e.name === "MockError" && e.code === "timers_in_use");
  other[Symbol.dispose]();
  assert.equal(globalThis.setTimeout, realSetTimeout, "dispose() restored the real timers");
  assert.throws(() => other.snapshot(), isDisposed);
  const timers = third.useVirtualTimers();
  assert.equal(timers[Symbol.dispose], timers.restore);
  third.dispose();
  assert.equal(globalThis.setTimeout, realSetTimeout);
}
