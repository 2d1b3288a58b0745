// node:test suite of the mock (issue 12), run by scripts/test-mock.sh in a fresh project that
// installed the `npm pack` tarball: the packed client on `itcare-postgresql/mock`, a whole life
// cycle and a fault scenario, no port opened, no real waiting (the wall time is printed).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as sdk from "itcare-postgresql";
import { createMockApi } from "itcare-postgresql/mock";
import { runScenarios } from "./scenario.mjs";

test("life cycle and faults on itcare-postgresql/mock: no socket, no real waiting", async () => {
  const { attempts, newHandles } = await runScenarios({ sdk, createMockApi, assert, label: "node:test" });
  assert.deepEqual(attempts, [], "no connection or listening socket was attempted");
  assert.equal(newHandles, 0, "no socket handle appeared");
});
