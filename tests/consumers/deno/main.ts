// Deno 2 with the package installed from npm into node_modules: validation, then a life cycle
// against the simulator whose URL is the first argument. Prints one JSON line.
import { init, ItcareClient, validateCreatePostgresql, type CreatePostgresql } from "itcare-postgresql";

const base = Deno.args[0];
const request: CreatePostgresql = {
  area: "EB-QA", productCode: "deb12pg16", name: `deno${Date.now().toString(36)}`, nodeSizing: "2cpu4gb",
  diskSize: 40, admPassword: "Str0ng!Passw0rd", serviceId: 123, networkId: 132, topology: "STANDALONE",
  trigram: "abc", allowedReplicationLag: 100,
};
const issues = validateCreatePostgresql({ ...request, name: "NEWPOSTGRE01", diskSize: 20 }).map((i) => i.path);
const initSame = (await init()) === (await init());
const client = new ItcareClient({
  baseUrl: `${base}/itcare`,
  tokenUrl: `${base}/auth/realms/cloud/protocol/openid-connect/token`,
  clientId: "itcare-sim",
  clientSecret: "itcare-sim-secret",
});
const action = await client.createPostgresql(request);
// Every field of a decoded response is optional (decoded leniently): check before use.
if (action.id === undefined || action.internalId === undefined) throw new Error(`no action id: ${JSON.stringify(action)}`);
const done = await client.waitForAction(action.id, { timeoutMs: 20_000, minDelayMs: 50, maxDelayMs: 300 });
const name = (await client.getPostgresql(action.internalId)).name === request.name;
console.log(JSON.stringify({ issues, initSame, status: done.status, name }));
