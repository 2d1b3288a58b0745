// A short mock scenario, run in the page and in a module service worker (tests/mock/browser.test.mjs).
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
  return { created: created.status, first: action.status, done: done.status, dropped };
}
