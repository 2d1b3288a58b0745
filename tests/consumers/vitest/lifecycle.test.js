// A Vitest test with the defaults (node environment, no vitest.config): validation and a life
// cycle against the simulator started by ../test.mjs (its URL in ITCARE_SIM_URL).
import { test, expect } from "vitest";
import { init, validateCreatePostgresql, validateCreatePostgresqlField, ItcareClient } from "itcare-postgresql";
import { validRequest, invalidRequest } from "./lib/cases.mjs";

test("validates as the user types and on submit (C1, C3, C4)", async () => {
  await init();
  expect(validateCreatePostgresqlField("name", "NEWPOSTGRE01").length).toBeGreaterThan(0);
  expect(validateCreatePostgresqlField("name", "goodname01")).toEqual([]);
  const paths = validateCreatePostgresql(invalidRequest()).map((i) => i.path);
  expect(paths).toEqual(expect.arrayContaining(["name", "diskSize", "admPassword"]));
});

test("creates an instance on the simulator and waits for the action", async () => {
  const base = process.env.ITCARE_SIM_URL;
  const client = new ItcareClient({
    baseUrl: `${base}/itcare`,
    tokenUrl: `${base}/auth/realms/cloud/protocol/openid-connect/token`,
    clientId: "itcare-sim",
    clientSecret: "itcare-sim-secret",
  });
  const request = validRequest(`vitest${Date.now().toString(36)}`);
  const action = await client.createPostgresql(request);
  const done = await client.waitForAction(action.id, { timeoutMs: 20_000, minDelayMs: 50, maxDelayMs: 300 });
  expect(done.status).toBe("SUCCESS");
  expect((await client.getPostgresql(action.internalId)).name).toBe(request.name);
}, 30_000);
