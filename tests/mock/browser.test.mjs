// itcare-postgresql/mock in Chromium (issue 12): in a page (inline and /url entries) and in a
// module service worker, served from pkg/ by itcare-sim; no request ever leaves for the mock's
// origin. Run by scripts/test-mock.sh (needs pkg/, /usr/bin/chromium, tools/node_modules).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const require = createRequire(import.meta.url);
const { chromium } = require(join(root, "tools/node_modules/playwright-core"));

test("the mock runs in a page and in a service worker", async (t) => {
  const work = mkdtempSync(join(tmpdir(), "itcare-mock-browser-"));
  const portFile = join(work, "port");
  const bin = process.env.ITCARE_SIM_BIN ?? join(root, "target/debug/itcare-sim");
  const sim = spawn(bin, ["--port", "0", "--port-file", portFile, "--www", join(root, "tests/mock/browser"), "--pkg", join(root, "pkg")], { stdio: "ignore" });
  t.after(() => sim.kill());
  for (let i = 0; i < 400 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 25));
  const port = readFileSync(portFile, "utf8").trim();
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  const results = await page.evaluate(() => window.results);
  const expected = {
    created: 202, first: "IN_PROGRESS", done: "SUCCESS", dropped: "TypeError",
    // Latency 5000 > timeoutMs 1000: the client's TimeoutError at 1000 virtual ms; 400: answered at 400.
    timeout: "TimeoutError", slow: 1000, fast: 400, crossed: 401, disposed: "MockError mock_disposed",
  };
  assert.deepEqual(results, { page: expected, url: expected, sw: expected }, JSON.stringify(results));
  assert.deepEqual(errors, []);
  assert.ok(!requests.some((u) => u.includes("itcare-mock.invalid")), "no request for the mock's origin");
  console.log(`browser: page, /url entry and service worker ok (${requests.length} requests, all to the static server)`);
});
