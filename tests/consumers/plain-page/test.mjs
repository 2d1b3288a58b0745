// Plain page consumer: no bundler; the page imports node_modules/itcare-postgresql/index.js by
// URL (the simulator serves this project folder with --www), so the glue fetches the .wasm next
// to it. Driven by Playwright in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { startSim } from "./lib/sim.mjs";

const tools = process.env.TOOLS_NODE_MODULES;
if (!tools) throw new Error("TOOLS_NODE_MODULES is not set (run through scripts/test-consumers.sh)");
const { chromium } = createRequire(join(tools, "noop.js"))("playwright-core");

let sim, browser, page;
const problems = [];

before(async () => {
  // The page runs an inline module script: the simulator's default CSP (the portal's, no inline
  // scripts) would block it, so this page is served with frame-ancestors only (sim/README.md).
  process.env.ITCARE_SIM_CSP = "";
  sim = await startSim({ www: process.cwd() });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => ["error", "warning"].includes(m.type()) && problems.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  await page.goto(`${sim.url}/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
});

after(async () => {
  await browser?.close();
  await sim?.stop();
});

test("the browser entry loads the .wasm by URL (streaming, no MIME warning) and init() is idempotent", async () => {
  assert.equal(await page.evaluate(() => window.sameInstance), true);
  assert.ok((await page.evaluate(() => window.formTitle)).length > 0);
  assert.deepEqual(problems, []);
});

test("per-field validation in French as the user types (C1)", async () => {
  await page.fill("#name", "ABC");
  await page.waitForSelector("#message[data-count]", { state: "attached" });
  assert.notEqual(await page.getAttribute("#message", "data-count"), "0");
  assert.ok((await page.textContent("#message")).length > 0);
  await page.fill("#name", "billing01");
  await page.waitForSelector('#message[data-count="0"]', { state: "attached" });
  assert.deepEqual(problems, []);
});
