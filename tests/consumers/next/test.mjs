// Next.js consumer: a default App Router project (JavaScript, no next.config) whose client
// component validates a field as the user types and whose route handler calls ItcareClient
// against the simulator. `next build` (Turbopack), then `next start`; the page is driven in
// headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bin, run } from "./lib/run.mjs";
import { startSim } from "./lib/sim.mjs";
import { chromiumLauncher, openPage } from "./lib/browser.mjs";
import { report } from "./lib/report.mjs";

let build, sim, server, base, browser, page, requests;
const problems = [];
let serverLog = "";

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

before(async () => {
  build = run(bin("next"), ["build"], { timeout: 600_000 });
  sim = await startSim();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin("next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, ITCARE_SIM_URL: sim.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // `next start` says "Ready" once it listens: wait for that line, not on a polling loop.
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`next start said nothing in 60 s:\n${serverLog}`)), 60_000);
    const seen = (d) => {
      serverLog += d;
      if (/\bReady\b/.test(serverLog)) { clearTimeout(timer); resolve(); }
    };
    server.stdout.on("data", seen);
    server.stderr.on("data", seen);
    server.once("exit", (code) => { clearTimeout(timer); reject(new Error(`next start exited (${code}):\n${serverLog}`)); });
  });
  assert.ok((await fetch(`${base}/`)).ok, `next start answered ${base}/ with an error:\n${serverLog}`);
  browser = await chromiumLauncher()();
  ({ page, requests } = await openPage(browser, `${base}/`, problems));
  await page.waitForSelector("form[data-hydrated=true]", { timeout: 20_000 });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  await sim?.stop();
});

test("next build succeeds (page prerendered, route handler collected) without a warning", () => {
  // Next.js itself warns "No build cache found" on every first build under CI=true (a fresh
  // project has no .next/cache): about the CI set-up, not the package, so that line alone is let by.
  const warnings = build.output.split("\n").filter((l) => /⚠|warn/i.test(l) && !/No build cache found/.test(l));
  assert.deepEqual(warnings, [], build.output);
  assert.match(build.output, /○ \/\s/, build.output); // "/" prerendered as static content
  assert.match(build.output, /ƒ \/api\/instances/, build.output);
  // The client chunk carrying the package (the base64 module starts with "\0asm" = "AGFzbQ").
  const dir = join(".next", "static", "chunks");
  const chunks = readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(".js"))
    .filter((f) => readFileSync(join(dir, f), "utf8").includes('"AGFzbQ'));
  assert.equal(chunks.length, 1, String(chunks));
  report("Next.js 16 (client chunk)", "import -> inline.js", join(dir, chunks[0]));
});

test("the client component validates the name as the user types (C1), and no .wasm is requested", async () => {
  await page.fill("#name", "NEWPOSTGRE01");
  await page.waitForFunction(() => document.querySelector("#name-error").textContent.length > 0);
  await page.fill("#name", `next${Date.now().toString(36)}`);
  await page.waitForFunction(() => document.querySelector("#name-error").textContent === "");
  assert.deepEqual(requests.filter((u) => u.endsWith(".wasm")), []);
  assert.deepEqual(problems, []);
});

test("the route handler creates the instance on the simulator with ItcareClient (from the page)", async () => {
  const name = await page.inputValue("#name");
  await page.click("#submit");
  await page.waitForSelector("#result[data-status=SUCCESS], #result[data-status=error]", { timeout: 30_000 });
  assert.equal(await page.textContent("#result"), `SUCCESS ${name}`, serverLog);
  assert.deepEqual(problems, []);
});

test("the route handler refuses an invalid name with the validator's issues (400)", async () => {
  const res = await fetch(`${base}/api/instances`, { method: "POST", body: JSON.stringify({ name: "NEWPOSTGRE01" }) });
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.deepEqual(body.issues.map((i) => i.path), ["name"]);
});

// Last: it rewrites .next (the server above has answered every request it will get). Opt-in
// (NEXT_WEBPACK=1): a webpack production build takes minutes on a 2-core machine.
test("next build --webpack succeeds too (the route handler's configuration is collected)", { skip: process.env.NEXT_WEBPACK !== "1" && "set NEXT_WEBPACK=1" }, () => {
  const r = run(bin("next"), ["build", "--webpack"], { timeout: 600_000 });
  assert.match(r.output, /ƒ \/api\/instances/, r.output);
  assert.doesNotMatch(r.output, /Failed to collect|⚠/, r.output);
});
