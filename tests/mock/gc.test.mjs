// A mock dropped without dispose() is freed when garbage-collected (wasm-bindgen's
// FinalizationRegistry frees the core): the mock's virtual clock (its pump, delayed answers,
// virtual timers) must not keep a dropped mock reachable. Run by scripts/test-mock.sh with
// `node --expose-gc`: collection is forced every 100 mocks, so the figure does not depend on when
// the engine would collect on its own (wasm memory does not count towards the JS heap, so it
// rarely would: that is what dispose() is for).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createMockApi } from "itcare-postgresql/mock";
import { init } from "itcare-postgresql/mock/core";

const { memory } = await init();

test("2,000 dropped mocks are freed by garbage collection", async () => {
  assert.equal(typeof globalThis.gc, "function", "run with node --expose-gc");
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const before = memory.buffer.byteLength;
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < 100; i++) {
      const mock = await createMockApi({ faults: { latencyMs: 10 } });
      // A delayed answer (the clock's pump) and virtual timers installed and restored.
      mock.useVirtualTimers().restore();
      await mock.fetch(`${mock.baseUrl}/health`);
    }
    globalThis.gc();
    await turn();
  }
  const growth = memory.buffer.byteLength - before;
  // Without collection this is ~108 MB (about 54 KB a mock); measured here: ~5.6 MB.
  console.log(`mock wasm memory after 2,000 dropped mocks, collected every 100: +${growth} bytes`);
  assert.ok(growth < 20 * 1024 * 1024, `grew ${growth} bytes`);
});
