// Checks shared by the "bundled for Node" consumers: the bundle is copied alone into an empty
// folder (no node_modules, no .wasm next to it) and run against the simulator.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { run } from "./run.mjs";
import { startSim } from "./sim.mjs";

/** @param {() => string} bundle path of the built file @param {string[]} runtime e.g. [process.execPath] */
export function nodeBundleTest(label, bundle, runtime = [process.execPath]) {
  test(`${label}: the bundle runs alone (no node_modules, no .wasm beside it): validation and a life cycle`, async () => {
    const alone = mkdtempSync(join(tmpdir(), "itcare-bundle-"));
    const file = join(alone, basename(bundle()));
    copyFileSync(bundle(), file);
    const sim = await startSim();
    try {
      const [cmd, ...args] = runtime;
      const { stdout } = run(cmd, [...args, file, sim.url], { cwd: alone, timeout: 60_000 });
      const out = JSON.parse(stdout.trim().split("\n").pop());
      assert.deepEqual(out, { issues: ["name", "diskSize"], initSame: true, status: "SUCCESS", name: true });
    } finally {
      await sim.stop();
    }
  });
}
