// Vitest consumer: `vitest run lifecycle.test.js` with the defaults (node environment, no config
// file) against the installed tarball and the simulator.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { bin, run } from "./lib/run.mjs";
import { startSim } from "./lib/sim.mjs";
import { report } from "./lib/report.mjs";

test("vitest run passes validation and a life cycle", async () => {
  const sim = await startSim();
  try {
    const r = run(bin("vitest"), ["run", "lifecycle.test.js", "--reporter=json", "--outputFile=vitest.json"], {
      env: { ITCARE_SIM_URL: sim.url },
      allowFailure: true,
    });
    const result = JSON.parse(readFileSync("vitest.json", "utf8"));
    assert.equal(r.status, 0, r.output);
    assert.equal(result.numPassedTests, 2, r.output);
    assert.equal(result.numFailedTests, 0, r.output);
  } finally {
    await sim.stop();
  }
  report("Vitest 4 (node environment)", "import -> inline.js", ["node_modules/itcare-postgresql/inline.js", "node_modules/itcare-postgresql/fast.js"]);
});
