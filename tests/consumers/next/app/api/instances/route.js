// A route handler calling the API with ItcareClient (client credentials of the simulator, whose
// URL the test passes in ITCARE_SIM_URL): validate, create, wait for the action, read it back.
import { ItcareClient, validateCreatePostgresql } from "itcare-postgresql";

function request(name) {
  return {
    area: "EB-QA", productCode: "deb12pg16", name, nodeSizing: "2cpu4gb", diskSize: 40,
    admPassword: "Str0ng!Passw0rd", serviceId: 123, networkId: 132, topology: "STANDALONE",
    trigram: "abc", allowedReplicationLag: 100,
  };
}

export async function POST(req) {
  const { name } = await req.json();
  const body = request(name);
  const issues = validateCreatePostgresql(body);
  if (issues.length > 0) return Response.json({ issues }, { status: 400 });
  const base = process.env.ITCARE_SIM_URL;
  const client = new ItcareClient({
    baseUrl: `${base}/itcare`,
    tokenUrl: `${base}/auth/realms/cloud/protocol/openid-connect/token`,
    clientId: "itcare-sim",
    clientSecret: "itcare-sim-secret",
  });
  const action = await client.createPostgresql(body);
  const done = await client.waitForAction(action.id, { timeoutMs: 20_000, minDelayMs: 50, maxDelayMs: 300 });
  const instance = await client.getPostgresql(action.internalId);
  return Response.json({ status: done.status, name: instance.name });
}
