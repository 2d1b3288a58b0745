// Server contexts beyond Node, Deno and Bun (issue 21, item 4): an edge runtime is a server, so
// client credentials are accepted there (T3 forbids them only in a browser): Vercel / Next.js
// edge (`EdgeRuntime`), Cloudflare workerd (`navigator.userAgent` "Cloudflare-Workers"). Deno
// Deploy and Netlify Edge run Deno (`Deno`). A realm with none of these marks (a page, a worker)
// is still refused. Each case runs the package's CommonJS entry in a fresh `vm` realm that has
// only what such a runtime offers (no `process`, no `Buffer`).
//
// And point 7 of the truthful-writes work: server text that echoes the request (a 500 quoting the
// Authorization header, the create body) reaches no error with the token, secret or password.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import * as sdk from "../../pkg/inline.js";

const SECRET = "cl1ent-SECRET-7f3a";
const source = readFileSync(new URL("../../pkg/inline.cjs", import.meta.url), "utf8");

/** `new ItcareClient({clientId, clientSecret})` inside a realm with `globals`: "ok" or [name, code]. */
function constructIn(globals) {
  const context = vm.createContext({
    WebAssembly, TextEncoder, TextDecoder, URL, AbortController, AbortSignal, setTimeout, clearTimeout,
    console: { log() {}, warn() {}, error() {} },
    ...globals,
  });
  context.globalThis = context;
  const module = { exports: {} };
  vm.runInContext(`(function (module, exports) {${source}\n})`, context)(module, module.exports);
  try {
    new module.exports.ItcareClient({ baseUrl: "https://api.example.test/itcare", clientId: "id", clientSecret: SECRET });
    return "ok";
  } catch (e) {
    return [e.name, e.code];
  }
}

test("edge runtimes are servers: client credentials accepted; a realm without a server mark is refused", () => {
  assert.equal(constructIn({ EdgeRuntime: "edge-runtime" }), "ok", "Vercel / Next.js edge");
  assert.equal(constructIn({ navigator: { userAgent: "Cloudflare-Workers" } }), "ok", "workerd");
  assert.equal(constructIn({ Deno: { version: { deno: "2.1.0" } } }), "ok", "Deno Deploy, Netlify Edge");
  assert.deepEqual(constructIn({}), ["AuthError", "secret_in_browser"], "no mark: a browser context");
  assert.deepEqual(
    constructIn({ navigator: { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0" } }),
    ["AuthError", "secret_in_browser"],
    "a page",
  );
});

test("server text echoing the token, the body or the credentials reaches no error", async () => {
  const TOKEN = "eyJ-echoed-TOKEN-4d1e";
  const PASSWORD = "Adm1n-PASS-word!x";
  const fetch = async (request) => {
    const url = request.url;
    if (url.includes("/actions?")) return Response.json([]);
    const echo = `${request.method} ${url} Authorization: ${request.headers.get("authorization")} body ${await request.text()}`;
    return Response.json({ status: "INTERNAL_SERVER_ERROR", errorCode: "FATAL", errorDesc: "x", errorMessage: echo }, { status: 400 });
  };
  const client = new sdk.ItcareClient({ baseUrl: "https://api.example.test/itcare", token: TOKEN, fetch, retry: false });
  const create = {
    productCode: "deb12pg16", serviceId: 123, nodeSizing: "2cpu4gb", networkId: 132, area: "EB-QA",
    diskSize: 40, admPassword: PASSWORD, allowedReplicationLag: 10, az: "az",
    topology: "STANDALONE", trigram: "tri", tls: true, name: "newpostgre01",
  };
  for (const call of [() => client.getPostgresql("500061854"), () => client.createPostgresql(create)]) {
    const err = await call().then(() => assert.fail("resolved"), (e) => e);
    const shown = JSON.stringify({ message: err.message, ...err }) + String(err.stack);
    assert.match(err.message, /\[redacted\]/);
    for (const secret of [TOKEN, PASSWORD]) assert.ok(!shown.includes(secret), `${secret} in ${shown}`);
  }
});
