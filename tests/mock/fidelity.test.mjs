// node:test suite of the mock's fidelity (tests/mock/fidelity.mjs), run by scripts/test-mock.sh
// in a fresh project that installed the `npm pack` tarball.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as sdk from "itcare-postgresql";
import { createMockApi } from "itcare-postgresql/mock";
import { init } from "itcare-postgresql/mock/core";
import * as fidelity from "./fidelity.mjs";

const { memory } = await init();
const ctx = { sdk, createMockApi, assert, memory: () => memory };

test("latency > timeoutMs gives the client's TimeoutError at timeoutMs, on virtual time", () => fidelity.latencyScenario(ctx));
test("without virtual timers a delayed answer still comes at its virtual time", () => fidelity.latencyWithoutVirtualTimers(ctx));
test("each mock issues its own tokens; another mock answers 401", () => fidelity.tokenScenario(ctx));
test("2,000 mocks created and disposed keep the wasm memory flat", () => fidelity.disposeScenario(ctx));
test("calls after dispose() throw a typed MockError", () => fidelity.useAfterDispose(ctx));
