// webpack 5 consumer, no configuration file: `webpack --mode production` (browser, default entry
// ./src/index.js) driven in Chromium, and `--target node` of a `require` source run alone in Node.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { bin, run } from "./lib/run.mjs";
import { pageTests, writePage } from "./lib/browser.mjs";
import { nodeBundleTest } from "./lib/node-bundle.mjs";
import { report } from "./lib/report.mjs";

const builds = {};
before(() => {
  const webpack = bin("webpack");
  builds.browser = run(webpack, ["--mode", "production"]);
  builds.node = run(webpack, ["--mode", "production", "--target", "node", "--entry", "./src/node.cjs", "--output-path", "dist-node"]);
  writePage("dist");
});

/** webpack's WARNING blocks, except its size hints (>244 KiB; the module is inside the JS). */
function warnings(output) {
  return output
    .split(/\n(?=WARNING|ERROR)/)
    .filter((b) => /^(WARNING|ERROR)/.test(b))
    .filter((b) => !/asset size limit|entrypoint size limit|webpack performance recommendations/.test(b));
}

test("webpack builds both bundles with no warning but its size hints", () => {
  assert.deepEqual(warnings(builds.browser.output), []);
  assert.deepEqual(warnings(builds.node.output), []);
  report("webpack 5 (browser, production)", "import -> inline.js", "dist/main.js");
  report("webpack 5 (target node, require)", "require -> inline.cjs", "dist-node/main.js");
});

pageTests(() => join(process.cwd(), "dist"), "webpack browser bundle");
nodeBundleTest("webpack --target node", () => join(process.cwd(), "dist-node", "main.js"));
