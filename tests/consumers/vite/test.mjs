// Vite consumer: the page built by `vite build` from the installed tarball, served statically by
// the simulator (`--www dist`, same origin as the API), driven by Playwright in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { startSim } from "./lib/sim.mjs";

const tools = process.env.TOOLS_NODE_MODULES;
if (!tools) throw new Error("TOOLS_NODE_MODULES is not set (run through scripts/test-consumers.sh)");
const { chromium } = createRequire(join(tools, "noop.js"))("playwright-core");

let sim, browser, page;
const pageErrors = [];
const wasmResponses = [];

before(async () => {
  sim = await startSim({ www: join(process.cwd(), "dist") });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && pageErrors.push(`${m.text()} ${m.location()?.url ?? ""}`));
  page.on("response", (r) => {
    if (r.url().endsWith(".wasm")) wasmResponses.push(r);
    if (r.status() >= 400) pageErrors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${sim.url}/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
});

after(async () => {
  await browser?.close();
  await sim?.stop();
});

test("vite build emitted the wasm as a hashed asset and the page fetched it as application/wasm", () => {
  const assets = readdirSync(join(process.cwd(), "dist", "assets"));
  assert.ok(assets.some((f) => /^itcare_postgresql_bg-.*\.wasm$/.test(f)), `assets: ${assets}`);
  assert.equal(wasmResponses.length, 1);
  assert.equal(wasmResponses[0].status(), 200);
  assert.match(wasmResponses[0].headers()["content-type"] ?? "", /application\/wasm/);
  assert.deepEqual(pageErrors, []);
});

test("typing an uppercase name shows the C1 message at once (per-field validation)", async () => {
  await page.fill("#name", "NEWPOSTGRE01");
  await page.waitForFunction(() => document.querySelector("#name-error").textContent.length > 0);
  await page.fill("#name", "goodname01");
  await page.waitForFunction(() => document.querySelector("#name-error").textContent === "");
});

test("submitting a broken form lists every broken rule (C3, C4) and sends nothing", async () => {
  await page.fill("#diskSize", "20");
  await page.fill("#admPassword", "short");
  await page.click("#submit");
  const paths = await page.$$eval("#issues li", (lis) => lis.map((li) => li.dataset.path));
  assert.ok(paths.includes("diskSize"), String(paths));
  assert.ok(paths.includes("admPassword"), String(paths));
  assert.equal(await page.textContent("#result"), "");
});

test("a valid form creates the instance on the simulator and waits for the action", async () => {
  await page.fill("#name", `vite${Date.now().toString(36)}`);
  await page.fill("#diskSize", "40");
  await page.fill("#admPassword", "Str0ng!Passw0rd");
  await page.click("#submit");
  await page.waitForSelector("#result[data-status]", { timeout: 20_000 });
  assert.equal(await page.$$eval("#issues li", (l) => l.length), 0);
  assert.match(await page.textContent("#result"), /^SUCCESS vite\w+ /);
  assert.deepEqual(pageErrors, []);
});
