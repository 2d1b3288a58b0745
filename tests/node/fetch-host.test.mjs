// The fetch host of the client (src/wasm/client.rs `JsEnv`, src/wasm/fetch.js) against local
// HTTP servers: bodies bounded by `maxResponseBytes` before anything enters wasm memory (a 100 MB
// answer, a gzip bomb), redirects never followed (the other origin receives nothing), timeouts
// and the caller's signal still reaching the network, and a Node heap that stays flat over many
// calls answered by a canned `fetch`. Against the built package (`make pkg` first); set
// ITCARE_PKG to another package folder to run the same checks on it (e.g. an older build).
// Rule numbers: ../../docs/spec/API.md.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import zlib from "node:zlib";
import v8 from "node:v8";
import vm from "node:vm";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const dir = process.env.ITCARE_PKG ? pathToFileURL(`${process.env.ITCARE_PKG}/`) : new URL("../../pkg/", import.meta.url);
const sdk = await import(new URL("inline.js", dir));
const { ItcareClient } = sdk;
const wasm = sdk.initSync(); // already instantiated at import: the same exports
const memoryMb = () => wasm.memory.buffer.byteLength / 2 ** 20;

const MiB = 2 ** 20;
/** A hung call fails its test instead of the run (an older package waits forever on some). */
const BOUNDED = { timeout: 120_000 };
const DEFAULT_LIMIT = 8 * MiB;
const request = {
  ...JSON.parse(readFileSync(new URL("../fixtures/create_short.json", import.meta.url), "utf8")),
  name: "redirected01",
};

/** A local HTTP server: `handle(req, res, server)`; every request seen is in `server.seen`. */
async function serve(handle) {
  const server = { seen: [], closed: 0 };
  const h = http.createServer((req, res) => {
    server.seen.push(`${req.method} ${req.url}`);
    res.on("close", () => {
      if (!res.writableFinished) server.closed += 1;
    });
    handle(req, res, server);
  });
  await new Promise((r) => h.listen(0, "127.0.0.1", r));
  server.origin = `http://127.0.0.1:${h.address().port}`;
  server.close = () => {
    h.closeAllConnections();
    return new Promise((r) => h.close(r));
  };
  return server;
}

/** Writes `total` bytes of `chunk` repeated, with backpressure; `server.sent` counts them. */
function stream(res, server, chunk, total) {
  server.sent = 0;
  const write = () => {
    while (server.sent < total) {
      server.sent += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", write);
    }
    res.end();
  };
  write();
}

/** Resolves when `f()` holds (the server's view of a connection the client closed). */
async function until(f) {
  while (!f()) await new Promise((r) => setTimeout(r, 10));
}

const servers = [];
let base;
before(async () => {
  const spaces = Buffer.alloc(MiB, 0x20);
  // ~400 MB of whitespace, gzip-compressed to ~0.4 MB (built once, streamed through zlib).
  const gz = zlib.createGzip({ level: 9 });
  const parts = [];
  gz.on("data", (d) => parts.push(d));
  const done = new Promise((r) => gz.on("end", r));
  for (let i = 0; i < 400; i++) if (!gz.write(spaces)) await new Promise((r) => gz.once("drain", r));
  gz.end();
  await done;
  const bomb = Buffer.concat(parts);
  base = await serve((req, res, server) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path.endsWith("/postgresql/100")) {
      // 100 MB of JSON-ish text, chunked (no Content-Length: only counting can stop it).
      res.writeHead(200, { "content-type": "application/json" });
      stream(res, server, spaces, 100 * MiB);
    } else if (path.endsWith("/postgresql/400")) {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": bomb.length });
      res.end(bomb);
    } else if (path.endsWith("/postgresql/declared")) {
      // Declares 1 GB and sends nothing: refused on the header, not after a wait.
      res.writeHead(200, { "content-type": "application/json", "content-length": 1e9 });
      res.flushHeaders();
    } else {
      res.writeHead(404).end();
    }
  });
  servers.push(base);
});
after(() => Promise.all(servers.map((s) => s.close())));

const client = (extra = {}) => new ItcareClient({ baseUrl: `${base.origin}/itcare`, token: "tok", retry: false, timeoutMs: 20_000, ...extra });

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("the call resolved");
}

function assertTooLarge(e, limit) {
  assert.equal(e.name, "ApiError", `${e.name}: ${e.message}`);
  assert.equal(e.code, "response_too_large", e.message);
  assert.equal(e.status, 200, "the real status of the answer");
  assert.match(e.message, new RegExp(`${limit} bytes \\(maxResponseBytes\\)`));
  assert.equal(e.body, undefined, "the body is never carried");
}

test("a 100 MB answer stops at maxResponseBytes: typed error, wasm memory flat, the stream cancelled", BOUNDED, async () => {
  const before = memoryMb();
  const e = await rejection(client().getPostgresql(100));
  const growth = memoryMb() - before;
  console.log(`100 MB answer: ${e.name} ${e.code}; wasm memory ${before.toFixed(1)} -> ${memoryMb().toFixed(1)} MB`);
  assertTooLarge(e, DEFAULT_LIMIT);
  assert.ok(growth < 5, `wasm memory grew ${growth.toFixed(1)} MB`);
  await until(() => base.closed >= 1);
  console.log(`100 MB answer: the server wrote ${(base.sent / MiB).toFixed(1)} MB before the client closed`);
  assert.ok(base.sent < 50 * MiB, `the server wrote ${base.sent} bytes: the read was not cancelled`);
});

test("a gzip bomb (0.4 MB on the wire, 400 MB decoded) is counted after decompression and refused", BOUNDED, async () => {
  const before = memoryMb();
  const e = await rejection(client().getPostgresql(400));
  const growth = memoryMb() - before;
  console.log(`gzip bomb: ${e.name} ${e.code}; wasm memory ${before.toFixed(1)} -> ${memoryMb().toFixed(1)} MB`);
  assertTooLarge(e, DEFAULT_LIMIT);
  assert.ok(growth < 5, `wasm memory grew ${growth.toFixed(1)} MB`);
});

test("a Content-Length past the limit is refused before the body is awaited", BOUNDED, async () => {
  const e = await rejection(client({ timeoutMs: 10_000 }).getPostgresql("declared"));
  assertTooLarge(e, DEFAULT_LIMIT);
});

test("a body of exactly maxResponseBytes is read, one byte more is not, compressed or not; UTF-8 split across chunks decodes", BOUNDED, async () => {
  const limit = 4096;
  const name = "é🐘ü";
  const json = (size) => {
    const text = JSON.stringify({ id: 1, name });
    return Buffer.concat([Buffer.from(text), Buffer.alloc(size - Buffer.byteLength(text), 0x20)]);
  };
  const server = await serve((req, res) => {
    const url = new URL(req.url, "http://x");
    const size = Number(url.pathname.split("/").pop());
    const body = json(size);
    if (url.pathname.startsWith("/gz/")) {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(zlib.gzipSync(body));
    } else {
      // Chunked, one byte at a time for the first 16 bytes: the UTF-8 of `name` is split.
      res.writeHead(200, { "content-type": "application/json" });
      let i = 0;
      const next = () => {
        if (i < 16) {
          res.write(body.subarray(i, i + 1));
          i += 1;
          setImmediate(next);
        } else res.end(body.subarray(16));
      };
      next();
    }
  });
  servers.push(server);
  const c = new ItcareClient({ baseUrl: `${server.origin}/itcare`, token: "tok", retry: false, maxResponseBytes: limit });
  const gz = new ItcareClient({ baseUrl: `${server.origin}/gz/itcare`, token: "tok", retry: false, maxResponseBytes: limit });
  for (const client of [c, gz]) {
    assert.equal((await client.getPostgresql(limit)).name, name);
    assertTooLarge(await rejection(client.getPostgresql(limit + 1)), limit);
  }
});

test("a Response without a body stream (a fetch polyfill) is measured on its text before it reaches wasm", BOUNDED, async () => {
  const answer = (text) => {
    const r = new Response(text, { status: 200, headers: { "content-type": "application/json" } });
    Object.defineProperty(r, "body", { value: undefined });
    return r;
  };
  const padded = (size) => JSON.stringify({ id: 1, name: "é" }).padEnd(size, " ");
  const c = new ItcareClient({
    baseUrl: "https://api.example.test/itcare", token: "tok", retry: false, maxResponseBytes: 4096,
    fetch: async (req) => answer(padded(req.url.endsWith("/1") ? 4095 : 4096)), // "é" is 2 bytes
  });
  assert.equal((await c.getPostgresql(1)).name, "é");
  assertTooLarge(await rejection(c.getPostgresql(2)), 4096);
});

test("maxResponseBytes: nonsense values are a ValidationError naming the option", () => {
  for (const bad of [0, -1, 1023, 1.5e4 + 0.5, 2 ** 31, "8388608", true]) {
    assert.throws(
      () => new ItcareClient({ token: "tok", maxResponseBytes: bad }),
      (e) => e.name === "ValidationError" && e.issues[0].path === "maxResponseBytes",
      String(bad),
    );
  }
  new ItcareClient({ token: "tok", maxResponseBytes: 1024 });
  new ItcareClient({ token: "tok", maxResponseBytes: 2 ** 30 });
});

// ------------------------------------------------------------------------------------ redirects

/** Server A redirects every request with `status` to `location(other)`; B records what reaches it. */
async function redirecting(status, location) {
  const other = await serve((req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"id":666,"status":"SUCCESS"}'));
  const api = await serve((req, res) => res.writeHead(status, { location: location(other.origin) }).end());
  servers.push(other, api);
  const c = new ItcareClient({ baseUrl: `${api.origin}/itcare`, token: "tok-SECRET", retry: false });
  return { api, other, c };
}

function assertRefused(e, status, origin) {
  assert.equal(e.name, "ApiError", `${e.name}: ${e.message}`);
  assert.equal(e.code, "redirect_refused", e.message);
  assert.equal(e.status, status);
  assert.match(e.message, /does not follow redirects/);
  assert.match(e.message, /baseUrl/);
  if (origin) assert.ok(e.message.includes(`a redirect to ${origin}:`), e.message);
  assert.ok(!/steal|admPassword|tok-SECRET|user|pw@/.test(e.message), e.message);
}

test("a 307 on a create to another origin is refused: the other origin receives nothing (no body, no token)", BOUNDED, async () => {
  // With credentials in the URL: the message names the origin only.
  const { api, other, c } = await redirecting(307, (o) => `${o.replace("//", "//user:pw@")}/steal?admPassword=x`);
  assertRefused(await rejection(c.createPostgresql(request)), 307, other.origin);
  // The name's actions read first (the baseline of a write, A3; its redirect refused alike), then
  // the POST, refused: nothing else is sent anywhere.
  assert.deepEqual(api.seen, ["GET /itcare/actions?resourceName=redirected01", "POST /itcare/databases/postgresql"]);
  assert.deepEqual(other.seen, [], "nothing reached the other origin");
});

test("a 308 on a PATCH and a 302 on a GET to another origin are refused likewise", BOUNDED, async () => {
  for (const [status, call] of [
    [308, (c) => c.startPostgresql(7)],
    [302, (c) => c.getPostgresql(7)],
    [303, (c) => c.getAction(7)],
  ]) {
    const { other, c } = await redirecting(status, (o) => `${o}/itcare/databases/postgresql/7`);
    assertRefused(await rejection(call(c)), status, other.origin);
    assert.deepEqual(other.seen, [], `${status}: nothing reached the other origin`);
  }
});

test("a same-origin redirect is refused too (the API does not redirect)", BOUNDED, async () => {
  const { api, c } = await redirecting(301, () => "/itcare/databases/postgresql/8");
  assertRefused(await rejection(c.getPostgresql(7)), 301, api.origin);
  assert.deepEqual(api.seen, ["GET /itcare/databases/postgresql/7"]);
});

test("a redirect of the token endpoint (T3) is refused: the client secret goes nowhere else", BOUNDED, async () => {
  const other = await serve((req, res) => res.writeHead(200).end("{}"));
  const api = await serve((req, res) => res.writeHead(307, { location: `${other.origin}/token` }).end());
  servers.push(other, api);
  const c = new ItcareClient({ baseUrl: `${api.origin}/itcare`, clientId: "id", clientSecret: "s3cret", retry: false });
  const e = await rejection(c.getPostgresql(7));
  assert.ok(!String(e.message).includes("s3cret"), e.message);
  assert.deepEqual(other.seen, [], "nothing reached the other origin");
});

// ------------------------------------------------------------------------- timeouts and signals

test("the request timeout reaches the network: a server that never answers sees the connection closed", BOUNDED, async () => {
  const stalled = await serve(() => {});
  servers.push(stalled);
  const c = new ItcareClient({ baseUrl: `${stalled.origin}/itcare`, token: "tok", retry: false, timeoutMs: 150 });
  const e = await rejection(c.getPostgresql(1));
  assert.equal(e.code, "request_timeout", e.message);
  await until(() => stalled.closed >= 1);
});

test("the caller's signal aborts a body being read, and the connection is closed", BOUNDED, async () => {
  const stalled = await serve((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"id": 1, ');
  });
  servers.push(stalled);
  const c = new ItcareClient({ baseUrl: `${stalled.origin}/itcare`, token: "tok", retry: false });
  const controller = new AbortController();
  const call = c.getPostgresql(1, { signal: controller.signal });
  await until(() => stalled.seen.length === 1);
  setTimeout(() => controller.abort(), 50);
  const e = await rejection(call);
  assert.equal(e.name, "AbortError", e.message);
  await until(() => stalled.closed >= 1);
});

test("a custom fetch gets (Request, { signal }): no signal on the Request, redirects not followed; one that ignores the signal still times out", BOUNDED, async () => {
  let seen;
  const fetch = (req, init) => {
    seen = { req, init };
    return new Promise(() => {}); // never answers, ignores the signal
  };
  const c = new ItcareClient({ baseUrl: "https://api.example.test/itcare", token: "tok", retry: false, timeoutMs: 100, fetch });
  const e = await rejection(c.getPostgresql(1));
  assert.equal(e.code, "request_timeout", e.message);
  assert.ok(seen.req instanceof Request);
  assert.equal(seen.req.redirect, "manual");
  assert.ok(seen.init.signal instanceof AbortSignal);
  assert.equal(seen.init.signal.aborted, true, "the timeout fired the signal given to fetch");
  assert.equal(seen.req.signal.aborted, false, "the Request itself carries no signal of the call");
});

// ---------------------------------------------------------------------------------------- heap

/** `gc`: the flag may not have been given to this process. */
function collector() {
  if (typeof globalThis.gc === "function") return globalThis.gc;
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc");
}

/** Largest Node heap a call may keep while calls run back to back (the unchanged host kept ~1.9 KB). */
const MAX_RETAINED_BYTES_PER_CALL = 100;

test("the Node heap stays flat over 20,000 calls answered by a canned fetch", BOUNDED, async () => {
  const gc = collector();
  const body = JSON.stringify({ id: 1, name: "pg01", status: "RUNNING" });
  const fetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const c = new ItcareClient({ baseUrl: "https://api.example.test/itcare", token: "tok", fetch });
  for (let i = 0; i < 1000; i++) await c.getPostgresql(1);
  gc();
  const before = process.memoryUsage().heapUsed;
  const N = 20_000;
  // Back to back, never yielding to the event loop: what each call leaves is measured before any
  // macrotask could release it.
  for (let i = 0; i < N; i++) await c.getPostgresql(1);
  gc();
  const perCall = (process.memoryUsage().heapUsed - before) / N;
  console.log(`heap: ${perCall.toFixed(0)} B retained per call over ${N} calls`);
  assert.ok(perCall < MAX_RETAINED_BYTES_PER_CALL, `${perCall.toFixed(0)} B per call`);
});
