// The slow case of tests/node/truthful-writes.test.mjs (run by `make fuzz`, not `make test`: it
// waits more than 30 s): with the default options, a create the simulator processes at once but
// answers after 32 s (a `slow` rule of 30 s on top of 2 s of latency) must not end as a plain
// failure while the instance exists: it resolves with the Action it caused, or fails with
// `outcome_unknown` (A3). A client whose write timeout is 30 s (the default of cca7874) meets the
// timeout; one that waits longer for writes gets the answer. The verdict line is printed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ItcareClient } from "../../../pkg/inline.js";
import { actionIds, createRequest, judgeWrite, outcomeOf, startSim } from "../sim-truth.mjs";

let sim;
before(async () => { sim = await startSim({ actionMs: 150 }); });
after(() => sim?.stop());

test("create answered after 32 s with the default options", { timeout: 300_000 }, async () => {
  const client = new ItcareClient({ baseUrl: sim.baseUrl, clientId: "itcare-sim", clientSecret: "itcare-sim-secret" });
  const name = `twslow${process.pid % 10_000}`;
  await client.listPostgresql({ size: 1 }); // the token first: the delay below meets the create only
  const filter = { resourceName: name };
  const known = await actionIds(sim, filter);
  await sim.setFaults({
    latencyMs: 2000,
    next: [{ kind: "slow", delayMs: 30_000, method: "POST", pathPrefix: "/itcare/databases/postgresql" }],
  });
  const started = Date.now();
  let outcome;
  try {
    outcome = await outcomeOf(() => client.createPostgresqlAndWait(createRequest(name), { minDelayMs: 100, maxDelayMs: 500 }));
  } finally {
    await sim.setFaults({});
  }
  const v = await judgeWrite(sim, {
    label: `create slow 32 s, default options (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    operation: "create", filter, before: known, outcome,
    applied: async (a) => (await sim.instance(a.internalId))?.name === name,
    state: async () => `instances named ${name}: ${(await sim.instances()).filter((i) => i.name === name).length}`,
  });
  console.log(`truthful-writes (slow): ${v.verdict}`);
  assert.ok(v.ok, v.verdict);
});
