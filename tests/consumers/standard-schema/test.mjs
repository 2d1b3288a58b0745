// Standard Schema consumer (issue 21 item 5): a React page whose forms take the package's
// schema objects with no adapter — react-hook-form through `standardSchemaResolver`
// (@hookform/resolvers/standard-schema) and TanStack Form's field and form validators — bundled
// by esbuild (`--bundle --minify`), served by the simulator and driven in Chromium. Each message
// the page shows is compared with what the package's validator answers in Node for the same
// values: the forms show the package's rules (C1, C3, O2), at the paths the rules name.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateCreatePostgresql, validatePostgresqlOperation } from "itcare-postgresql";
import { bin, run } from "./lib/run.mjs";
import { chromiumLauncher, openPage } from "./lib/browser.mjs";
import { report } from "./lib/report.mjs";
import { startSim } from "./lib/sim.mjs";
import { validRequest } from "./lib/cases.mjs";

const DEFAULTS = validRequest("formname01");
let build, sim, browser, page;
const problems = [];

before(async () => {
  mkdirSync("dist", { recursive: true });
  build = run(bin("esbuild"), [
    "src/main.jsx", "--bundle", "--minify", "--jsx=automatic", "--define:process.env.NODE_ENV=\"production\"",
    "--outfile=dist/main.js", "--log-level=warning", "--metafile=meta.json",
  ]);
  copyFileSync("index.html", "dist/index.html");
  copyFileSync("lib/favicon.svg", "dist/favicon.svg");
  sim = await startSim({ www: join(process.cwd(), "dist") });
  browser = await chromiumLauncher()();
  ({ page } = await openPage(browser, `${sim.url}/`, problems));
  try {
    await page.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 15_000 });
    await page.waitForSelector("#tsf-name", { timeout: 15_000 });
  } catch (e) {
    throw new Error(`the page did not get ready: ${e.message}\npage errors: ${JSON.stringify(problems)}`);
  }
});
after(async () => {
  await browser?.close();
  await sim?.stop();
});

/** The messages the package gives at `path` for `request` (what a form must show there). */
function messagesAt(issues, path) {
  const at = issues.filter((i) => i.path === path).map((i) => i.message);
  assert.ok(at.length > 0, `no issue at ${path}: the case does not break a rule`);
  return at;
}
const text = (sel) => page.textContent(sel);
async function shows(sel, expected) {
  try {
    await page.waitForFunction(([s, t]) => document.querySelector(s).textContent === t, [sel, expected], { timeout: 10_000 });
  } catch {
    assert.equal(await text(sel), expected, `${sel} (page errors: ${JSON.stringify(problems)})`);
  }
}

test("esbuild bundles React, both form libraries and the package's inline entry without a warning", () => {
  assert.equal(build.output.trim(), "");
  const inputs = Object.keys(JSON.parse(readFileSync("meta.json", "utf8")).inputs)
    .filter((f) => f.includes("node_modules/itcare-postgresql/"))
    .map((f) => f.replace(/.*node_modules\/itcare-postgresql\//, ""))
    .sort();
  assert.deepEqual(inputs, ["fast.js", "inline.js"]);
  report("esbuild 0.28 + React 19, react-hook-form, TanStack Form", "import -> inline.js", "dist/main.js");
});

test("react-hook-form: typing an uppercase name shows the package's French C1 message at once", async () => {
  await page.fill("#rhf-name", "NEWPOSTGRE01");
  const expected = messagesAt(validateCreatePostgresql({ ...DEFAULTS, name: "NEWPOSTGRE01" }, { locale: "fr" }), "name");
  // The resolver keeps the first issue of a path.
  await shows("#rhf-name-error", expected[0]);
  assert.match(expected[0], /nom/);
  await page.fill("#rhf-name", "goodname01");
  await shows("#rhf-name-error", "");
});

test("react-hook-form: a disk below 40 GB shows C3; once fixed, submit hands over the request", async () => {
  await page.fill("#rhf-diskSize", "39");
  const expected = messagesAt(validateCreatePostgresql({ ...DEFAULTS, diskSize: 39 }, { locale: "fr" }), "diskSize");
  await shows("#rhf-diskSize-error", expected[0]);
  await page.click("#rhf-submit");
  assert.equal(await text("#rhf-submitted"), "");
  await page.fill("#rhf-diskSize", "80");
  await shows("#rhf-diskSize-error", "");
  await page.click("#rhf-submit");
  await page.waitForFunction(() => document.querySelector("#rhf-submitted").textContent !== "");
  assert.deepEqual(JSON.parse(await text("#rhf-submitted")), { ...DEFAULTS, name: "goodname01", diskSize: 80 });
});

test("react-hook-form: an operation's nested option (options.sizing, O2) gets its message at that field", async () => {
  await page.fill("#rhf-sizing", "02cpu4gb");
  await page.click("#rhf-resize-submit");
  const op = { operation: "resize", options: { sizing: "02cpu4gb" } };
  const expected = messagesAt(validatePostgresqlOperation(op, { production: false, nodeCount: 1 }), "options.sizing");
  await shows("#rhf-sizing-error", expected[0]);
  assert.equal(await text("#rhf-resize-submitted"), "");
  await page.fill("#rhf-sizing", "4cpu8gb");
  await page.click("#rhf-resize-submit");
  await page.waitForFunction(() => document.querySelector("#rhf-resize-submitted").textContent !== "");
  assert.deepEqual(JSON.parse(await text("#rhf-resize-submitted")), { operation: "resize", options: { sizing: "4cpu8gb" } });
});

test("TanStack Form: a field schema shows every C1 message in French as the user types", async () => {
  await page.fill("#tsf-name", "NEWPOSTGRE01");
  const expected = messagesAt(validateCreatePostgresql({ ...DEFAULTS, name: "NEWPOSTGRE01" }, { locale: "fr" }), "name");
  await shows("#tsf-name-error", expected.join(" | "));
  await page.fill("#tsf-name", "x");
  const short = messagesAt(validateCreatePostgresql({ ...DEFAULTS, name: "x" }, { locale: "fr" }), "name");
  await shows("#tsf-name-error", short.join(" | "));
  await page.fill("#tsf-name", "tanstack01");
  await shows("#tsf-name-error", "");
});

test("TanStack Form: the form schema's issues land on their field on submit (C3); fixed, the request is submitted", async () => {
  await page.fill("#tsf-diskSize", "39");
  await page.click("#tsf-submit");
  const expected = messagesAt(validateCreatePostgresql({ ...DEFAULTS, name: "tanstack01", diskSize: 39 }), "diskSize");
  await shows("#tsf-diskSize-error", expected.join(" | "));
  assert.equal(await text("#tsf-submitted"), "");
  await page.fill("#tsf-diskSize", "120");
  await page.click("#tsf-submit");
  await page.waitForFunction(() => document.querySelector("#tsf-submitted").textContent !== "");
  assert.deepEqual(JSON.parse(await text("#tsf-submitted")), { ...DEFAULTS, name: "tanstack01", diskSize: 120 });
  assert.deepEqual(problems, []);
});
