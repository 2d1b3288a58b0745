// Vite consumer: `vite build` (defaults, no config file) of a page importing the installed
// tarball, served statically by the simulator (`--www dist`, same origin as the API), driven by
// Playwright in headless Chromium.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { bin, run } from "./lib/run.mjs";
import { pageTests } from "./lib/browser.mjs";
import { report } from "./lib/report.mjs";

let build;
before(() => {
  build = run(bin("vite"), ["build", "--logLevel", "warn"]);
});

test("vite build succeeds without a warning and ships the module inside the JS (no .wasm asset)", () => {
  assert.equal(build.output.trim(), "", build.output);
  const assets = readdirSync(join(process.cwd(), "dist", "assets"));
  assert.deepEqual(assets.filter((f) => f.endsWith(".wasm")), []);
  const js = assets.filter((f) => f.endsWith(".js")).map((f) => join("dist", "assets", f));
  report("Vite 8 (vite build)", "import -> inline.js", js);
});

pageTests(() => join(process.cwd(), "dist"), "vite");
