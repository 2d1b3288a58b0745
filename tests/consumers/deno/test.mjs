// Deno consumer (Deno 2 from the toolbox): `deno check` of a TypeScript file against the
// package's types, `deno run` of a life cycle with network access to the simulator only, and a
// validation run with no permission.
import { test } from "node:test";
import assert from "node:assert/strict";
import { bin, run } from "./lib/run.mjs";
import { startSim } from "./lib/sim.mjs";
import { report } from "./lib/report.mjs";

const deno = bin("deno");

test("deno check: main.ts type-checks against the package's types", () => {
  run(deno, ["check", "main.ts"]);
});

test("deno run with no permission: the module loads without reading a file or fetching", () => {
  const { stdout } = run(deno, ["run", "--no-prompt", "validate.ts"]);
  assert.ok(JSON.parse(stdout).length > 0, stdout);
});

test("deno run --allow-net=127.0.0.1: validation and a life cycle against the simulator", async () => {
  const sim = await startSim();
  try {
    const { stdout } = run(deno, ["run", "--no-prompt", "--allow-net=127.0.0.1", "main.ts", sim.url]);
    assert.deepEqual(JSON.parse(stdout.trim().split("\n").pop()), { issues: ["name", "diskSize"], initSame: true, status: "SUCCESS", name: true });
  } finally {
    await sim.stop();
  }
  report("Deno 2", "import -> inline.js", ["node_modules/itcare-postgresql/inline.js", "node_modules/itcare-postgresql/fast.js"]);
});
