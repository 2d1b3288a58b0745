#!/usr/bin/env node
// The life cycle of a PostgreSQL instance with ItcareClient, against the local simulator:
//
//   make serve                      # in another terminal (http://127.0.0.1:8080)
//   make pkg && node examples/lifecycle.mjs
//
// Environment: ITCARE_URL (default http://127.0.0.1:8080), ITCARE_CLIENT_ID / ITCARE_CLIENT_SECRET
// (default: the simulator's dev credentials itcare-sim / itcare-sim-secret). Against the real API,
// set ITCARE_URL=https://api.cegedim.cloud and your own client credentials.
import { ItcareClient } from "../pkg/inline.js";

const origin = (process.env.ITCARE_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, "");
const client = new ItcareClient({
  baseUrl: `${origin}/itcare`,
  clientId: process.env.ITCARE_CLIENT_ID ?? "itcare-sim",
  clientSecret: process.env.ITCARE_CLIENT_SECRET ?? "itcare-sim-secret",
  // tokenUrl defaults to the simulator's when baseUrl is a loopback origin, cegedim.cloud's otherwise.
});

const step = (what, detail = "") => console.log(`- ${what}${detail ? `: ${detail}` : ""}`);
// Waiter options: print each status change of the action.
const wait = (label) => ({
  onProgress: (action, state) => step(`  ${label}`, `${action.status} (poll ${state.attempt})`),
});

const name = `demo${Date.now().toString(36)}`;

try {
  // 1. Validation happens before any request: a broken request throws ValidationError.
  try {
    await client.createPostgresql({ name: "NO", diskSize: 5 });
  } catch (e) {
    step("validation", `${e.name}: ${e.issues.map((i) => `${i.path} (${i.code})`).join(", ")}`);
  }

  // 2. Create and wait for the action.
  const created = await client.createPostgresqlAndWait(
    {
      name, productCode: "deb12pg15", serviceId: 123, area: "EB-QA", az: "EB4-QA", networkId: 132,
      nodeSizing: "2cpu4gb", diskSize: 40, admPassword: "Test123@2022", topology: "STANDALONE",
      trigram: "tri", tls: true, allowedReplicationLag: 10,
    },
    wait("create"),
  );
  step("created", `action ${created.id} ${created.status}`);

  // An Action names its resource, not its id: find the instance by name.
  const instance = (await client.listAllPostgresql()).find((i) => i.name === name);
  const id = instance.id;
  step("get", JSON.stringify(await client.getPostgresql(id), ["id", "name", "status", "version", "topology"]));

  // 3. Operations, each awaited.
  await client.stopPostgresqlAndWait(id, wait("stop"));
  await client.startPostgresqlAndWait(id, wait("start"));
  await client.resizePostgresqlAndWait(id, "4cpu8gb", wait("resize"));
  await client.updatePatchPartyAndWait(id, { excluded: true, exclusionReason: "demo" }, wait("patch party"));
  await client.installExtensionsAndWait(id, "postgres", ["vector"], wait("install extension"));
  const versions = await client.listPostgresqlVersions(id);
  step("versions", versions.join(", "));
  if (versions.length > 0) {
    await client.upgradePostgresqlAndWait(id, { targetVersion: String(Math.max(...versions)) }, wait("upgrade"));
  }
  await client.enableHaPostgresqlAndWait(id, { replicationLag: 10 }, wait("enable HA"));

  // 4. Lists.
  step("databases", (await client.listPostgresqlDatabases(id)).map((d) => d.name).join(", "));
  step("nodes", (await client.listPostgresqlNodes(id)).map((n) => n.name).join(", "));
  step("networks", (await client.listPostgresqlNetworks(id)).length);
  step("actions", (await client.listActions({ resourceName: name })).map((a) => `${a.process ?? a.id}:${a.status}`).join(", "));

  // 5. Delete, then the instance is gone (NotFoundError).
  await client.deletePostgresqlAndWait(id, wait("delete"));
  try {
    await client.getPostgresql(id);
  } catch (e) {
    step("after delete", `${e.name} (${e.status})`);
  }
  console.log("life cycle done");
} catch (e) {
  // Every error is an Error with name/code (and status, issues, action... by kind).
  console.error(`failed: ${e.name} ${e.code ?? ""}: ${e.message}`);
  process.exitCode = 1;
}
