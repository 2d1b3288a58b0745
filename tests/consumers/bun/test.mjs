// Bun consumer (Bun from the toolbox): `bun` runs an ES module and a CommonJS program against the
// simulator; `bun build --target=bun` makes a bundle run alone; `bun build --target=browser`
// bundles the shared page, driven in Chromium.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { bin, run } from "./lib/run.mjs";
import { startSim } from "./lib/sim.mjs";
import { pageTests, writePage } from "./lib/browser.mjs";
import { nodeBundleTest } from "./lib/node-bundle.mjs";
import { report } from "./lib/report.mjs";

const bun = bin("bun");
const builds = {};
before(() => {
  builds.bun = run(bun, ["build", "--target=bun", "src/node.mjs", "--outfile", "dist-bun/app.js"]);
  builds.browser = run(bun, ["build", "--target=browser", "src/main.js", "--outfile", "dist/main.js"]);
  writePage("dist");
});

for (const file of ["src/node.mjs", "src/node.cjs"]) {
  test(`bun ${file}: validation and a life cycle against the simulator`, async () => {
    const sim = await startSim();
    try {
      const { stdout } = run(bun, [file, sim.url]);
      assert.deepEqual(JSON.parse(stdout.trim().split("\n").pop()), { issues: ["name", "diskSize"], initSame: true, status: "SUCCESS", name: true });
    } finally {
      await sim.stop();
    }
  });
}

test("bun build (bun and browser targets) reports no warning", () => {
  for (const b of Object.values(builds)) assert.doesNotMatch(b.output, /warn/i, b.output);
  report("Bun 1.4 (bun run, import)", "import -> inline.js", ["node_modules/itcare-postgresql/inline.js", "node_modules/itcare-postgresql/fast.js"]);
  report("Bun 1.4 (bun build --target=bun)", "import -> inline.js", "dist-bun/app.js");
  report("Bun 1.4 (bun build --target=browser)", "import -> inline.js", "dist/main.js");
});

nodeBundleTest("bun build --target=bun", () => join(process.cwd(), "dist-bun", "app.js"), [bun]);
pageTests(() => join(process.cwd(), "dist"), "bun build --target=browser");
