// Importing the main entry never loads the mock's WebAssembly (issue 12): only
// `itcare-postgresql/mock` reads mock/itcare_sim_mock_bg.wasm, and only when a mock is created.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

test("import 'itcare-postgresql' does not load the mock's .wasm", async () => {
  const read = [];
  const wrap = (obj, key) => {
    const original = obj[key];
    obj[key] = function (path, ...rest) {
      read.push(String(path?.href ?? path));
      return original.call(this, path, ...rest);
    };
  };
  wrap(fs, "readFileSync");
  wrap(fs.promises, "readFile");
  syncBuiltinESMExports(); // `import { readFileSync } from "node:fs"` sees the wrapper too
  const compiled = [];
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (source, ...rest) {
    compiled.push(source?.byteLength ?? "module");
    return instantiate.call(this, source, ...rest);
  };
  const sdk = await import("itcare-postgresql");
  assert.equal(typeof sdk.ItcareClient, "function");
  assert.ok(read.some((p) => p.endsWith("itcare_postgresql_bg.wasm")), `main .wasm read: ${read}`);
  assert.ok(!read.some((p) => p.includes("itcare_sim_mock_bg.wasm")), `mock files read: ${read}`);
  // Importing the mock entry alone loads nothing either; creating a mock does.
  const { createMockApi } = await import("itcare-postgresql/mock");
  assert.ok(!read.some((p) => p.includes("itcare_sim_mock_bg.wasm")), "import of the mock entry is lazy");
  await createMockApi();
  assert.ok(read.some((p) => p.endsWith("itcare_sim_mock_bg.wasm")), `mock .wasm read on use: ${read}`);
  const size = fs.statSync(new URL(import.meta.resolve("itcare-postgresql/mock")).pathname.replace(/index\.js$/, "itcare_sim_mock_bg.wasm")).size;
  console.log(`mock .wasm: ${size} bytes raw`);
});
