// Jest consumer: `jest` with `"testEnvironment": "jsdom"` (the usual React test set-up; the only
// configuration, in package.json) runs field.test.js against the installed tarball. The expected
// results of its non-ASCII cases are computed first in plain Node.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { bin, run } from "./lib/run.mjs";
import { report } from "./lib/report.mjs";

before(() => {
  const require = createRequire(import.meta.url);
  const sdk = require("itcare-postgresql");
  const cases = require("./cases.cjs");
  const expected = cases.map(([kind, ...args]) =>
    kind === "field" ? sdk.validateCreatePostgresqlField(...args)
    : kind === "create" ? sdk.validateCreatePostgresql(...args)
    : sdk.describeCreateForm(...args),
  );
  assert.ok(JSON.stringify(expected).includes("é"));
  writeFileSync("expected.json", JSON.stringify(expected));
});

test("jest (jsdom) passes every test of field.test.js", () => {
  const r = run(bin("jest"), ["--ci", "--json", "--outputFile=jest.json", "field.test.js"], { allowFailure: true });
  const result = JSON.parse(readFileSync("jest.json", "utf8"));
  assert.equal(r.status, 0, r.output);
  assert.equal(result.numFailedTests, 0, r.output);
  assert.equal(result.numPassedTests, 4, r.output);
  assert.doesNotMatch(r.output, /console\.(warn|error)/, r.output);
  report("Jest 30 + jsdom (CommonJS tests)", "require -> inline.cjs", "node_modules/itcare-postgresql/inline.cjs");
});
