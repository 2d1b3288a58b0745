// A short mock scenario, run in the page and in a module service worker (tests/mock/browser.test.mjs).
import { ItcareClient } from "/pkg/inline.js";

export async function run(createMockApi) {
  const mock = await createMockApi({ seed: false, actionMs: 1000 });
  const headers = { Authorization: `Bearer ${mock.token}`, "Content-Type": "application/vnd.cegedim-it.v1+json" };
  const body = JSON.stringify({
    productCode: "deb12pg16", serviceId: 123, nodeSizing: "2cpu4gb", networkId: 132, area: "EB-QA",
    diskSize: 40, admPassword: "Test123@2022", allowedReplicationLag: 10, az: "az",
    topology: "STANDALONE", trigram: "tri", tls: true, name: "browser01",
  });
  const created = await mock.fetch(`${mock.baseUrl}/databases/postgresql`, { method: "POST", headers, body });
  const action = await created.json();
  mock.advance(1000);
  const done = await (await mock.fetch(`${mock.baseUrl}/actions/${action.id}`, { headers })).json();
  mock.setFaults({ next: [{ kind: "drop" }] });
  let dropped = "";
  try { await mock.fetch(`${mock.baseUrl}/health`); } catch (e) { dropped = e.name; }
  return { created: created.status, first: action.status, done: done.status, dropped, ...(await fidelity(createMockApi)) };
}

// Latency on virtual time with the client's own timers (the pump's browser path), tokens of
// one mock only, dispose().
async function fidelity(createMockApi) {
  const mock = await createMockApi({ seed: true, faults: { latencyMs: 5000 } });
  const other = await createMockApi();
  const timers = mock.useVirtualTimers();
  let timeout = "";
  let slow = 0;
  let fast = 0;
  try {
    const client = new ItcareClient({ baseUrl: mock.baseUrl, token: mock.token, fetch: mock.fetch, timeoutMs: 1000, retry: false });
    let t0 = mock.now;
    try { await client.listPostgresql(); } catch (e) { timeout = e.name; }
    slow = mock.now - t0;
    mock.setFaults({ latencyMs: 400 });
    t0 = mock.now;
    await client.listPostgresql();
    fast = mock.now - t0;
  } finally {
    timers.restore();
  }
  const crossed = await other.fetch(`${other.baseUrl}/databases/postgresql`, { headers: { Authorization: `Bearer ${mock.token}` } });
  mock.dispose();
  other.dispose();
  let disposed = "";
  try { mock.snapshot(); } catch (e) { disposed = `${e.name} ${e.code}`; }
  return { timeout, slow, fast, crossed: crossed.status, disposed };
}
