// Rollup consumer: `rollup src/main.js -p node-resolve` (the plugin's defaults, no config file) of
// the shared page, driven in Chromium.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { bin, run } from "./lib/run.mjs";
import { pageTests, writePage } from "./lib/browser.mjs";
import { report } from "./lib/report.mjs";

let build;
before(() => {
  build = run(bin("rollup"), ["src/main.js", "-p", "node-resolve", "-o", "dist/main.js", "-f", "es"]);
  writePage("dist");
});

test("rollup bundles the page without a warning", () => {
  // Rollup marks warnings with "(!)"; the rest is its progress lines.
  assert.doesNotMatch(build.output, /\(!\)/, build.output);
  report("Rollup 4 + node-resolve (browser)", "import -> inline.js", "dist/main.js");
});

pageTests(() => join(process.cwd(), "dist"), "rollup");
