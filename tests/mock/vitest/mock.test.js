// Vitest suite of the mock (issue 12), run by scripts/test-mock.sh in a fresh Vitest project
// that installed the `npm pack` tarball: the same scenarios as the node:test suite.
import { test, expect } from "vitest";
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
  console.log(`mock scenarios (vitest): ${ms.toFixed(0)} ms wall, network attempts: ${net.attempts.length}`);
  expect(net.attempts).toEqual([]);
  expect(socketHandles().length).toBe(handlesBefore);
  expect(ms).toBeLessThan(2000);
});
