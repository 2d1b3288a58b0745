// Vitest suite of the mock (issue 12), run by scripts/test-mock.sh in a fresh Vitest project
// that installed the `npm pack` tarball: the same scenarios as the node:test suite.
import { test, expect } from "vitest";
import assert from "node:assert/strict";
import * as sdk from "itcare-postgresql";
import { createMockApi } from "itcare-postgresql/mock";
import { runScenarios } from "./scenario.mjs";

test("life cycle and faults on itcare-postgresql/mock: no socket, no real waiting", async () => {
  const { attempts, newHandles } = await runScenarios({ sdk, createMockApi, assert, label: "vitest" });
  expect(attempts).toEqual([]);
  expect(newHandles).toBe(0);
});
