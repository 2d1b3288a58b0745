// The fetch host in a browser (headless Chromium: playwright-core from tools/, Debian's
// /usr/bin/chromium), where `redirect: "manual"` gives an opaque redirect (status 0, no
// `Location`) instead of Node's 3xx, and the body stream is the browser's own, decompressed by it.
// The page, the package and the API answers come from one local origin; a second server stands
// for the foreign origin of a redirect and must receive nothing. Companion of fetch-host.test.mjs
// (against `make pkg`'s package).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, normalize, resolve } from "node:path";

const require = createRequire(import.meta.url);
const tools = fileURLToPath(new URL("../../tools/node_modules/", import.meta.url));
// ITCARE_PKG: another package folder to check (e.g. an older build).
const pkg = process.env.ITCARE_PKG ? join(resolve(process.env.ITCARE_PKG), "/") : fileURLToPath(new URL("../../pkg/", import.meta.url));
const MiB = 2 ** 20;

const foreign = { seen: [] };
const spaces = Buffer.alloc(MiB, 0x20);
let bomb;
let origin;
let server;
let other;
let browser;
let page;

function listen(handler) {
  const s = http.createServer(handler);
  return new Promise((r) => s.listen(0, "127.0.0.1", () => r(s)));
}

before(async () => {
  // ~400 MB of whitespace, gzip-compressed to ~0.4 MB (streamed through zlib).
  const gz = zlib.createGzip({ level: 9 });
  const parts = [];
  gz.on("data", (d) => parts.push(d));
  const done = new Promise((r) => gz.on("end", r));
  for (let i = 0; i < 400; i++) if (!gz.write(spaces)) await new Promise((r) => gz.once("drain", r));
  gz.end();
  await done;
  bomb = Buffer.concat(parts);
  other = await listen((req, res) => {
    foreign.seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" }).end('{"id":666}');
  });
  const foreignOrigin = `http://127.0.0.1:${other.address().port}`;
  server = await listen(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/index.html") return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>fetch host</title>");
    if (path.startsWith("/pkg/")) {
      const file = normalize(join(pkg, path.slice(5)));
      if (file.startsWith(pkg) && existsSync(file)) return res.writeHead(200, { "content-type": "text/javascript" }).end(await readFile(file));
    }
    if (path.endsWith("/postgresql/foreign")) return res.writeHead(307, { location: `${foreignOrigin}/steal?x=1` }).end();
    if (path.endsWith("/postgresql/same")) return res.writeHead(302, { location: "/itcare/databases/postgresql/8" }).end();
    if (path.endsWith("/postgresql/100")) {
      res.writeHead(200, { "content-type": "application/json" });
      let sent = 0;
      const write = () => {
        while (sent < 100 * MiB) {
          sent += spaces.length;
          if (!res.write(spaces)) return void res.once("drain", write);
        }
        res.end();
      };
      res.on("error", () => {});
      return write();
    }
    if (path.endsWith("/postgresql/400")) {
      return res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": bomb.length }).end(bomb);
    }
    res.writeHead(404).end();
  });
  origin = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = require(`${tools}playwright-core`);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  await page.goto(`${origin}/index.html`);
});

after(async () => {
  await browser?.close();
  for (const s of [server, other]) {
    s?.closeAllConnections();
    await new Promise((r) => (s ? s.close(r) : r()));
  }
});

/** Calls `getPostgresql(id)` in the page; returns the error's fields and the wasm memory growth. */
function call(id) {
  return page.evaluate(async (id) => {
    const sdk = await import("/pkg/inline.js");
    const wasm = sdk.initSync();
    const client = new sdk.ItcareClient({ baseUrl: `${location.origin}/itcare`, token: "tok-SECRET", retry: false });
    const before = wasm.memory.buffer.byteLength;
    try {
      await client.getPostgresql(id);
      return { resolved: true };
    } catch (e) {
      return { name: e.name, code: e.code, status: e.status, message: e.message, growthMb: (wasm.memory.buffer.byteLength - before) / 2 ** 20 };
    }
  }, id);
}

test("Chromium: a redirect to another origin is an opaque redirect, refused; the other origin receives nothing", async () => {
  const e = await call("foreign");
  assert.equal(e.code, "redirect_refused", JSON.stringify(e));
  assert.equal(e.name, "ApiError");
  assert.equal(e.status, 0, "the browser hides the 307");
  assert.match(e.message, /does not follow redirects/);
  assert.ok(!/steal|tok-SECRET/.test(e.message), e.message);
  assert.deepEqual(foreign.seen, []);
});

test("Chromium: a same-origin redirect is refused too", async () => {
  const e = await call("same");
  assert.equal(e.code, "redirect_refused", JSON.stringify(e));
  assert.equal(e.status, 0);
});

test("Chromium: a 100 MB answer and a gzip bomb stop at maxResponseBytes, wasm memory flat", async () => {
  for (const id of ["100", "400"]) {
    const e = await call(id);
    assert.equal(e.code, "response_too_large", JSON.stringify(e));
    assert.equal(e.status, 200);
    assert.ok(e.growthMb < 5, `${id}: wasm memory grew ${e.growthMb} MB`);
  }
});
