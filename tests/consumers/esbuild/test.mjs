// esbuild consumer, CLI defaults only: a browser bundle (iife) of the shared page driven in
// Chromium; a --platform=node bundle of an ES module source (to CommonJS) run alone in Node; and
// the /url entry bundled as esbuild leaves it (no .wasm emitted): its error names the fix.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, run } from "./lib/run.mjs";
import { pageTests, chromiumLauncher, openPage, writePage } from "./lib/browser.mjs";
import { nodeBundleTest } from "./lib/node-bundle.mjs";
import { report } from "./lib/report.mjs";
import { startSim } from "./lib/sim.mjs";

const builds = {};
before(() => {
  const esbuild = bin("esbuild");
  builds.browser = run(esbuild, ["src/main.js", "--bundle", "--outfile=dist/main.js", "--log-level=warning", "--metafile=browser.meta.json"]);
  builds.node = run(esbuild, ["src/node.mjs", "--bundle", "--platform=node", "--outfile=dist-node/app.cjs", "--log-level=warning", "--metafile=node.meta.json"]);
  builds.url = run(esbuild, ["src/url.js", "--bundle", "--format=esm", "--outfile=dist/url.js", "--log-level=warning"]);
  writePage("dist");
  writeFileSync("dist/url.html", '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>url</title><link rel="icon" href="./favicon.svg"></head><body><script type="module" src="./url.js"></script></body></html>');
});

/** The package files esbuild put in a bundle (from its metafile). */
function packageInputs(meta) {
  return Object.keys(JSON.parse(readFileSync(meta, "utf8")).inputs)
    .filter((f) => f.includes("node_modules/itcare-postgresql/"))
    .map((f) => f.replace(/.*node_modules\/itcare-postgresql\//, ""))
    .sort();
}

test("esbuild bundles for the browser and for Node without a warning, from the inline ES module entry", () => {
  assert.equal(builds.browser.output.trim(), "");
  assert.equal(builds.node.output.trim(), "");
  assert.deepEqual(packageInputs("browser.meta.json"), ["fast.js", "inline.js"]);
  assert.deepEqual(packageInputs("node.meta.json"), ["fast.js", "inline.js"]);
  report("esbuild 0.28 (browser, iife)", "import -> inline.js", "dist/main.js");
  report("esbuild 0.28 (--platform=node, to CJS)", "import -> inline.js", "dist-node/app.cjs");
});

pageTests(() => join(process.cwd(), "dist"), "esbuild browser bundle");
nodeBundleTest("esbuild --platform=node", () => join(process.cwd(), "dist-node", "app.cjs"));

test("the /url entry bundled by esbuild (no .wasm emitted) rejects init() with the URL and the fix", async () => {
  const sim = await startSim({ www: join(process.cwd(), "dist") });
  const browser = await chromiumLauncher()();
  try {
    const { page } = await openPage(browser, `${sim.url}/url.html`, []);
    await page.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15_000 });
    const outcome = await page.evaluate(() => window.outcome);
    assert.match(outcome, /^Error: itcare-postgresql\/url: http:\/\/[^ ]+\/itcare_postgresql_bg\.wasm answered HTTP 404: the bundler did not emit itcare_postgresql_bg\.wasm/);
    assert.match(outcome, /Import "itcare-postgresql" instead/);
  } finally {
    await browser.close();
    await sim.stop();
  }
});
