// Importing the main entry never loads the mock (issue 12): its module (mock/core/, which
// carries the mock's .wasm) is read only by `import "itcare-postgresql/mock"`.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

test("import 'itcare-postgresql' does not load the mock", async () => {
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
  const mockFiles = () => read.filter((p) => /[\\/]mock[\\/]/.test(p));
  const sdk = await import("itcare-postgresql");
  assert.equal(typeof sdk.ItcareClient, "function");
  assert.deepEqual(mockFiles(), [], "importing the main entry reads nothing of the mock");
  const { createMockApi } = await import("itcare-postgresql/mock");
  assert.ok(mockFiles().some((p) => p.endsWith("/mock/core/inline.js")), `mock module loaded on import: ${mockFiles()}`);
  const mock = await createMockApi();
  assert.equal(typeof mock.fetch, "function");
});

test("require('itcare-postgresql/mock') works too (CommonJS runners such as Jest)", async () => {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const { createMockApi } = require("itcare-postgresql/mock");
  const mock = await createMockApi({ seed: true });
  const r = await mock.fetch(`${mock.baseUrl}/databases/postgresql?size=1`, {
    headers: { Authorization: `Bearer ${mock.token}` },
  });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).totalElements, 4);
});
