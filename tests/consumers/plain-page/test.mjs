// Plain page consumer: no bundler; the page imports node_modules/itcare-postgresql/index.js (the
// URL entry) by URL (the simulator serves this project folder with --www), so the glue fetches
// the .wasm next to it; other pages check the URL entry's failures and the inline entry by path.
// Driven by Playwright in headless Chromium.
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
const wasmRequests = [];

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
  page.on("request", (r) => r.url().endsWith(".wasm") && wasmRequests.push(r.url()));
  await page.goto(`${sim.url}/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
});

after(async () => {
  await browser?.close();
  await sim?.stop();
});

test("the URL entry loads the .wasm by URL (streaming, no MIME warning) and init() is idempotent", async () => {
  assert.equal(await page.evaluate(() => window.sameInstance), true);
  assert.deepEqual(wasmRequests, [`${sim.url}/node_modules/itcare-postgresql/itcare_postgresql_bg.wasm`]);
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

async function open(path) {
  const p = await browser.newPage();
  const seen = { problems: [], wasm: [] };
  p.on("pageerror", (e) => seen.problems.push(String(e)));
  p.on("request", (r) => r.url().endsWith(".wasm") && seen.wasm.push(r.url()));
  await p.goto(`${sim.url}/${path}`);
  await p.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15_000 });
  return { p, seen };
}

test("the URL entry fails with a message naming the file, the cause and the fix, then loads on a later call", async () => {
  const { p, seen } = await open("errors.html");
  const messages = await p.evaluate(() => window.messages);
  assert.match(messages.missing, /^Error: itcare-postgresql\/url: .*\/no-such-dir\/itcare_postgresql_bg\.wasm answered HTTP 404/);
  assert.match(messages.html, /^Error: itcare-postgresql\/url: .*\/errors\.html is not a WebAssembly module \(content-type text\/html/);
  for (const m of Object.values(messages)) {
    assert.match(m, /Import "itcare-postgresql" instead \(it carries the module: nothing to serve\)/);
    assert.match(m, /init\(\{ module_or_path: "\/assets\/itcare_postgresql_bg\.wasm" \}\)/);
  }
  assert.equal(await p.evaluate(() => window.loadedAfter), true);
  assert.deepEqual(seen.problems, []);
  await p.close();
});

test("the inline entry imported by path is usable at once and requests no .wasm", async () => {
  const { p, seen } = await open("inline.html");
  assert.ok((await p.evaluate(() => window.issues)) > 0);
  assert.equal(await p.evaluate(() => window.sameInstance), true);
  assert.deepEqual(seen.wasm, []);
  assert.deepEqual(seen.problems, []);
  await p.close();
});
