// `clientSecret` is refused in every browser context (T3: a client secret must never be shipped to
// a browser) unless `allowSecretInBrowser`: a window, a dedicated worker, a shared worker and a
// service worker, in headless Chromium (playwright-core from tools/, Debian's /usr/bin/chromium).
// The package is served from a local origin (loopback http is a secure context, so service
// workers register). A token from the host application is accepted everywhere.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { extname, join, normalize } from "node:path";

const require = createRequire(import.meta.url);
const tools = fileURLToPath(new URL("../../tools/node_modules/", import.meta.url));
const pkg = fileURLToPath(new URL("../../pkg/", import.meta.url));
const SECRET = "cl1ent-SECRET-7f3a";

// One script run in each context: three constructions, reported as [name, code] or "ok".
const PROBE = `
import { ItcareClient } from "/pkg/inline.js";
function attempt(options) {
  try { new ItcareClient(options); return "ok"; }
  catch (e) { return [e.name, e.code, String(e.message).includes(${JSON.stringify(SECRET)})]; }
}
export function probe() {
  return {
    secret: attempt({ baseUrl: "https://api.example.test/itcare", clientId: "id", clientSecret: ${JSON.stringify(SECRET)} }),
    allowed: attempt({ baseUrl: "http://127.0.0.1:9/itcare", clientId: "id", clientSecret: ${JSON.stringify(SECRET)}, allowSecretInBrowser: true }),
    token: attempt({ baseUrl: "https://api.example.test/itcare", token: "t" }),
  };
}`;
const FILES = {
  "/probe.js": PROBE,
  "/worker.js": `import { probe } from "/probe.js"; postMessage(probe());`,
  "/shared.js": `import { probe } from "/probe.js"; onconnect = (e) => e.ports[0].postMessage(probe());`,
  "/sw.js": `import { probe } from "/probe.js";
    self.addEventListener("install", () => self.skipWaiting());
    self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
    self.addEventListener("message", (e) => e.source.postMessage(probe()));`,
  "/index.html": `<!doctype html><meta charset="utf-8"><title>secrets</title>`,
};
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };

async function serve() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    let body = FILES[path];
    if (body === undefined && path.startsWith("/pkg/")) {
      const file = normalize(join(pkg, path.slice(5)));
      if (file.startsWith(pkg) && existsSync(file)) body = await readFile(file);
    }
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "text/plain", "service-worker-allowed": "/" }).end(body);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

const REFUSED = ["AuthError", "secret_in_browser", false];

function check(result) {
  assert.deepEqual(result.secret, REFUSED, "clientSecret accepted (or the error shows it)");
  assert.equal(result.allowed, "ok", "allowSecretInBrowser did not allow it");
  assert.equal(result.token, "ok", "a token was refused");
}

let server;
let browser;
let page;

test("setup: headless Chromium on a local origin serving the package", async () => {
  const { chromium } = require(`${tools}playwright-core`);
  server = await serve();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
});

test("window: clientSecret refused unless allowed", async () => {
  check(await page.evaluate(async () => (await import("/probe.js")).probe()));
});

test("dedicated worker: clientSecret refused unless allowed", async () => {
  check(await page.evaluate(() => new Promise((resolve, reject) => {
    const w = new Worker("/worker.js", { type: "module" });
    w.onmessage = (e) => resolve(e.data);
    w.onerror = (e) => reject(new Error(e.message));
  })));
});

test("shared worker: clientSecret refused unless allowed", async () => {
  check(await page.evaluate(() => new Promise((resolve, reject) => {
    const w = new SharedWorker("/shared.js", { type: "module" });
    w.port.onmessage = (e) => resolve(e.data);
    w.onerror = (e) => reject(new Error(e.message ?? "shared worker error"));
  })));
});

test("service worker: clientSecret refused unless allowed", async () => {
  check(await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.register("/sw.js", { type: "module", scope: "/" });
    const sw = reg.active ?? (await new Promise((resolve) => {
      const w = reg.installing ?? reg.waiting;
      w.addEventListener("statechange", () => w.state === "activated" && resolve(w));
    }));
    return new Promise((resolve) => {
      navigator.serviceWorker.addEventListener("message", (e) => resolve(e.data), { once: true });
      sw.postMessage("probe");
    });
  }));
});

test("teardown", async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
});
