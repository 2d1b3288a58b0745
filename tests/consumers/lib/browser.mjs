// Browser checks shared by the bundler consumers: a built page (lib/page.html + the bundle) served
// by the simulator (`--www`, same origin as the API) and driven by Playwright in headless
// Chromium. `pageTests(dir, label)` registers a node:test suite (its own hooks: a page that fails
// to load fails these tests only, with the page's errors in the message).
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { copyFileSync } from "node:fs";
import { startSim } from "./sim.mjs";

export function chromiumLauncher() {
  const tools = process.env.TOOLS_NODE_MODULES;
  if (!tools) throw new Error("TOOLS_NODE_MODULES is not set (run through scripts/test-consumers.sh)");
  const { chromium } = createRequire(join(tools, "noop.js"))("playwright-core");
  return () =>
    chromium.launch({
      executablePath: process.env.CHROMIUM_BIN || "/usr/bin/chromium",
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
}

/** Opens `url` in a new page, collecting page errors, console errors and HTTP failures. */
export async function openPage(browser, url, problems) {
  const page = await browser.newPage();
  const requests = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => ["error", "warning"].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`));
  page.on("request", (r) => requests.push(r.url()));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  await page.goto(url);
  return { page, requests };
}

/**
 * The page tests: ready without a .wasm request, per-field validation as the user types, a
 * broken form refused locally, a valid one created on the simulator.
 * @param {() => string} www folder holding index.html and main.js (read once the build ran)
 */
export function pageTests(www, label) {
  describe(`${label} (page in Chromium)`, () => pageSuite(www, label));
}

function pageSuite(www, label) {
  let sim, browser, page, requests;
  const problems = [];
  before(async () => {
    sim = await startSim({ www: www() });
    browser = await chromiumLauncher()();
    ({ page, requests } = await openPage(browser, `${sim.url}/`, problems));
    try {
      await page.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15_000 });
    } catch (e) {
      throw new Error(`the page did not get ready: ${e.message}\npage errors: ${JSON.stringify(problems)}`);
    }
  });
  after(async () => {
    await browser?.close();
    await sim?.stop();
  });

  test(`${label}: the module is usable right after the import and no .wasm is requested`, async () => {
    assert.equal(await page.getAttribute("body", "data-sync-ready"), "true");
    assert.deepEqual(requests.filter((u) => u.endsWith(".wasm")), []);
    assert.deepEqual(problems, []);
  });

  test(`${label}: typing an uppercase name shows the C1 message at once (per-field validation)`, async () => {
    await page.fill("#name", "NEWPOSTGRE01");
    await page.waitForFunction(() => document.querySelector("#name-error").textContent.length > 0);
    await page.fill("#name", "goodname01");
    await page.waitForFunction(() => document.querySelector("#name-error").textContent === "");
  });

  test(`${label}: a broken form lists every broken rule (C3, C4) and sends nothing`, async () => {
    await page.fill("#diskSize", "20");
    await page.fill("#admPassword", "short");
    await page.click("#submit");
    const paths = await page.$$eval("#issues li", (lis) => lis.map((li) => li.dataset.path));
    assert.ok(paths.includes("diskSize"), String(paths));
    assert.ok(paths.includes("admPassword"), String(paths));
    assert.equal(await page.textContent("#result"), "");
  });

  test(`${label}: a valid form creates the instance on the simulator and waits for the action`, async () => {
    await page.fill("#name", `page${Date.now().toString(36)}`);
    await page.fill("#diskSize", "40");
    await page.fill("#admPassword", "Str0ng!Passw0rd");
    await page.click("#submit");
    await page.waitForSelector("#result[data-status]", { timeout: 20_000 });
    assert.equal(await page.$$eval("#issues li", (l) => l.length), 0);
    assert.match(await page.textContent("#result"), /^SUCCESS page\w+ /);
    assert.deepEqual(problems, []);
  });
}

/** Writes the shared page (lib/page.html as index.html, its icon) into a bundle's folder. */
export function writePage(dir) {
  copyFileSync(new URL("./page.html", import.meta.url), join(dir, "index.html"));
  copyFileSync(new URL("./favicon.svg", import.meta.url), join(dir, "favicon.svg"));
}
