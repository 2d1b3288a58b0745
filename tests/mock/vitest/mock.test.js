// Vitest suite of the mock (issue 12), run by scripts/test-mock.sh in a fresh Vitest project
// that installed the `npm pack` tarball: the same scenarios as the node:test suite, and the
// fidelity checks of tests/mock/fidelity.mjs (latency on virtual time, tokens, dispose).
import { test, expect } from "vitest";
import assert from "node:assert/strict";
import * as sdk from "itcare-postgresql";
import { createMockApi } from "itcare-postgresql/mock";
import { init } from "itcare-postgresql/mock/core";
import { runScenarios } from "./scenario.mjs";
import * as fidelity from "./fidelity.mjs";

const { memory } = await init();
const ctx = { sdk, createMockApi, assert, memory: () => memory };

test("life cycle and faults on itcare-postgresql/mock: no socket, no real waiting", async () => {
  const { attempts, newHandles } = await runScenarios({ sdk, createMockApi, assert, label: "vitest" });
  expect(attempts).toEqual([]);
  expect(newHandles).toBe(0);
});

test("latency > timeoutMs gives the client's TimeoutError at timeoutMs, on virtual time", () => fidelity.latencyScenario(ctx));
test("without virtual timers a delayed answer still comes at its virtual time", () => fidelity.latencyWithoutVirtualTimers(ctx));
test("each mock issues its own tokens; another mock answers 401", () => fidelity.tokenScenario(ctx));
// A bound on work, not on time: the runner's default 5 s is too short on a busy machine.
test("2,000 mocks created and disposed keep the wasm memory flat", () => fidelity.disposeScenario(ctx), 120_000);
test("calls after dispose() throw a typed MockError", () => fidelity.useAfterDispose(ctx));
