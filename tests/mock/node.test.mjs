// node:test suite of the mock (issue 12), run by scripts/test-mock.sh in a fresh project that
// installed the `npm pack` tarball: the packed client on `itcare-postgresql/mock`, a whole life
// cycle and a fault scenario, no port opened, under 2 s of wall time.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as sdk from "itcare-postgresql";
import { createMockApi } from "itcare-postgresql/mock";
import { faultScenario, lifeCycle, socketHandles, trapNetwork } from "./scenario.mjs";

test("life cycle and faults on itcare-postgresql/mock: no socket, no real waiting", async () => {
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
  console.log(`mock scenarios (node:test): ${ms.toFixed(0)} ms wall, network attempts: ${net.attempts.length}`);
  assert.deepEqual(net.attempts, [], "no connection or listening socket was attempted");
  assert.equal(socketHandles().length, handlesBefore, "no socket handle appeared");
  assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
});
