// The client's `fetch`, `headers` and `hooks` options and its handling of secrets (issue 10),
// against the built package (`make pkg` first). No server: a test double of `fetch` answers.
// Rule numbers: ../../docs/spec/API.md (T2 bearer, T3 token endpoint, T4 content types).
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { readFileSync } from "node:fs";
import { ItcareClient } from "../../pkg/inline.js";

const SECRET = "s3cret-VALUE";
const TOKEN = "access-TOKEN-123";
const PASSWORD = "Test123@2022";
const request = {
  ...JSON.parse(readFileSync(new URL("../fixtures/create_short.json", import.meta.url), "utf8")),
  name: "newpostgre01",
};

/** A `fetch` double: the token endpoint (T3), then `answer(request)` for the API; every call seen. */
function fakeFetch(answer) {
  const seen = [];
  const fetch = async (req) => {
    assert.ok(req instanceof Request, "called as fetch(request)");
    const body = req.body ? await req.text() : "";
    seen.push({ method: req.method, url: req.url, headers: Object.fromEntries(req.headers), body });
    if (req.url.endsWith("/openid-connect/token")) {
      return Response.json({ access_token: TOKEN, expires_in: 1200, token_type: "bearer" });
    }
    return answer(req, seen);
  };
  return { fetch, seen };
}

const action = (id) => Response.json({ id, status: "IN_PROGRESS", process: "postgresql.create" }, { status: 202 });

/** Replaces the global fetch with one that fails the test while `f` runs. */
async function withoutGlobalFetch(f) {
  const real = globalThis.fetch;
  globalThis.fetch = () => assert.fail("the global fetch was called");
  try {
    return await f();
  } finally {
    globalThis.fetch = real;
  }
}

test("a custom fetch carries every request, token endpoint included", async () => {
  const { fetch, seen } = fakeFetch((req) =>
    req.method === "POST" ? action(7) : Response.json({ content: [{ id: 1, name: "a" }], last: true }),
  );
  await withoutGlobalFetch(async () => {
    const client = new ItcareClient({ baseUrl: "https://api.example.test/itcare", clientId: "id", clientSecret: SECRET, fetch });
    assert.equal((await client.createPostgresql(request)).id, 7);
    assert.equal((await client.listAllPostgresql()).length, 1);
    for await (const i of client.iteratePostgresql()) assert.equal(i.id, 1);
  });
  assert.deepEqual(
    seen.map((s) => `${s.method} ${new URL(s.url).pathname}`),
    [
      "POST /auth/realms/cloud/protocol/openid-connect/token",
      // A3: the name's actions before the create (the baseline a lost answer is judged against).
      "GET /itcare/actions",
      "POST /itcare/databases/postgresql",
      "GET /itcare/databases/postgresql",
      "GET /itcare/databases/postgresql",
    ],
  );
  assert.equal(seen[0].headers["content-type"], "application/x-www-form-urlencoded");
  assert.equal(seen[2].headers.authorization, `Bearer ${TOKEN}`, "T2");
  assert.equal(seen[2].headers["content-type"], "application/vnd.cegedim-it.v1+json", "T4");
  assert.equal(JSON.parse(seen[2].body).name, "newpostgre01");
});

test("a lost create answer is resolved through the same fetch by looking up its action", async () => {
  let posts = 0;
  const { fetch, seen } = fakeFetch((req) => {
    if (req.method === "POST") {
      posts += 1;
      return Promise.reject(new TypeError("fetch failed")); // no detail: maybe sent
    }
    // The create happened on its way: listed after the POST, not before it.
    const now = new Date().toISOString();
    if (posts === 0) return Response.json([]);
    return Response.json([{ id: 9, status: "IN_PROGRESS", process: "postgresql.create", resourceName: "newpostgre01", submittedAt: now }]);
  });
  const client = new ItcareClient({ baseUrl: "https://api.example.test/itcare", token: TOKEN, fetch, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  const got = await client.createPostgresql(request);
  assert.equal(got.id, 9);
  assert.equal(posts, 1, "never sent twice");
  assert.ok(seen.some((s) => s.url.endsWith("/actions?resourceName=newpostgre01")));
});

test("headers are added to every API request and can never replace Authorization", async () => {
  const { fetch, seen } = fakeFetch(() => Response.json({ id: 1 }));
  const client = new ItcareClient({ token: TOKEN, fetch, headers: { traceparent: "00-abc-def-01", "x-app": "portal" } });
  await client.getPostgresql(1);
  assert.equal(seen[0].headers.traceparent, "00-abc-def-01");
  assert.equal(seen[0].headers["x-app"], "portal");
  assert.equal(seen[0].headers.authorization, `Bearer ${TOKEN}`);
  for (const name of ["Authorization", "authorization", "Content-Type"]) {
    assert.throws(
      () => new ItcareClient({ token: TOKEN, fetch, headers: { [name]: "Bearer evil" } }),
      (e) => e.name === "ValidationError" && e.issues[0].path === `headers.${name}` && !e.message.includes("evil"),
    );
  }
  assert.throws(() => new ItcareClient({ token: TOKEN, headers: { a: 1 } }), { name: "ValidationError" });
});

test("hooks see method, path, attempt, status and duration, and never a token, secret or password", async () => {
  let n = 0;
  const { fetch } = fakeFetch((req) => {
    n += 1;
    if (n === 1) return new Response("", { status: 503 });
    return req.method === "POST" ? action(3) : Response.json({ id: 1, admPassword: "never-read" });
  });
  const events = [];
  const hooks = {
    beforeRequest: (e) => events.push(["before", e]),
    afterResponse: (e) => {
      events.push(["after", e]);
      throw new Error("a throwing hook is ignored");
    },
  };
  const client = new ItcareClient({
    baseUrl: "https://api.example.test/itcare", clientId: "id", clientSecret: SECRET, fetch, hooks,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  await client.getPostgresql(42);
  await client.createPostgresql(request);
  const shown = JSON.stringify(events) + inspect(events, { depth: 5 });
  for (const secret of [SECRET, TOKEN, PASSWORD, "Bearer", "Basic", "never-read"]) {
    assert.ok(!shown.includes(secret), `${secret} reached a hook: ${shown}`);
  }
  const after = events.filter(([k]) => k === "after").map(([, e]) => e);
  assert.deepEqual(
    after.map((e) => [e.method, e.path, e.attempt, e.status]),
    [
      ["POST", "/auth/realms/cloud/protocol/openid-connect/token", 1, 200],
      ["GET", "/itcare/databases/postgresql/42", 1, 503],
      ["GET", "/itcare/databases/postgresql/42", 2, 200],
      ["GET", "/itcare/actions", 1, 200],
      ["POST", "/itcare/databases/postgresql", 1, 202],
    ],
  );
  assert.ok(after.every((e) => typeof e.durationMs === "number" && e.durationMs >= 0));
  assert.equal(events.filter(([k]) => k === "before").length, 5);
  assert.throws(() => new ItcareClient({ token: TOKEN, hooks: { beforeRequest: 1 } }), { name: "ValidationError" });
});

test("clientSecret is refused in any browser context, worker included, unless allowed", () => {
  // What a worker looks like to the client: no `window`, no `process`.
  const process = globalThis.process;
  Object.defineProperty(globalThis, "process", { value: undefined, configurable: true, writable: true });
  try {
    assert.throws(() => new ItcareClient({ clientId: "id", clientSecret: SECRET }), (e) => {
      assert.equal(e.name, "AuthError");
      assert.equal(e.code, "secret_in_browser");
      assert.ok(!e.message.includes(SECRET) && !e.stack.includes(SECRET));
      return true;
    });
    new ItcareClient({ baseUrl: "http://127.0.0.1:9/itcare", clientId: "id", clientSecret: SECRET, allowSecretInBrowser: true });
    new ItcareClient({ token: TOKEN }); // a token from the host application is fine
  } finally {
    Object.defineProperty(globalThis, "process", { value: process, configurable: true, writable: true });
  }
  new ItcareClient({ clientId: "id", clientSecret: SECRET }); // Node is a server
});

test("bad URLs are named, never echoed; plain http only to loopback unless allowed", () => {
  const check = (options, path, text) =>
    assert.throws(() => new ItcareClient(options), (e) => {
      assert.equal(e.name, "ValidationError");
      assert.equal(e.issues[0].path, path);
      assert.match(e.message, text);
      assert.ok(!e.message.includes("hunter2") && !e.stack.includes("hunter2"), e.message);
      return true;
    });
  check({ token: TOKEN, baseUrl: "ftp://me:hunter2@x" }, "baseUrl", /baseUrl is not a valid URL/);
  check({ clientId: "id", clientSecret: SECRET, tokenUrl: "nope hunter2" }, "tokenUrl", /tokenUrl is not a valid URL/);
  check({ token: TOKEN, baseUrl: "http://api.example.test/itcare?k=hunter2" }, "baseUrl", /baseUrl is not a valid URL/);
  check({ token: TOKEN, baseUrl: "http://api.example.test/itcare" }, "baseUrl", /plain http:\/\//);
  check({ clientId: "id", clientSecret: SECRET, tokenUrl: "http://idp.example.test/token" }, "tokenUrl", /plain http:\/\//);
  new ItcareClient({ token: TOKEN, baseUrl: "http://api.example.test/itcare", allowInsecureHttp: true });
  new ItcareClient({ token: TOKEN, baseUrl: "http://localhost:8080/itcare" });
});

test("neither the client nor its errors show a token, a secret or a password", async () => {
  const { fetch } = fakeFetch(() => new Response("", { status: 401 }));
  const client = new ItcareClient({ baseUrl: "https://api.example.test/itcare", clientId: "id", clientSecret: SECRET, fetch });
  const shown = [JSON.stringify(client), inspect(client, { showHidden: true, depth: 5 }), String(client)].join(" ");
  for (const secret of [SECRET, "aWQ6"]) assert.ok(!shown.includes(secret), shown);
  const e = await client.createPostgresql(request).then(() => assert.fail("401"), (e) => e);
  assert.equal(e.name, "AuthError");
  const all = [e.message, e.stack, JSON.stringify(e), inspect(e, { showHidden: true })].join(" ");
  for (const secret of [SECRET, TOKEN, PASSWORD, "Bearer"]) assert.ok(!all.includes(secret), `${secret}: ${all}`);
});

test("the token endpoint unavailable is reported as unavailable, not as refused credentials", async () => {
  let calls = 0;
  const fetch = async () => {
    calls += 1;
    return new Response("", { status: 503 });
  };
  const client = new ItcareClient({ clientId: "id", clientSecret: SECRET, fetch, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
  const e = await client.getPostgresql(1).then(() => assert.fail("503"), (e) => e);
  assert.equal(e.code, "unavailable");
  assert.notEqual(e.name, "AuthError");
  assert.equal(calls, 3, "retried within the budget");
});

// gloo-net's `Response::text()` panics on a body read that rejects with something other than an
// Error, and a panic aborts the module (TOOLCHAIN trap 7): the client reads bodies through web-sys.
test("a fetch that fails with something other than an Error is a typed error, and the module lives on", async () => {
  const failures = {
    "body stream fails with a string": () => new Response(new ReadableStream({ start(c) { c.error("stream broke"); } })),
    "body stream fails with an Event": () => new Response(new ReadableStream({ start(c) { c.error(new Event("abort")); } })),
    "rejects with a string": () => Promise.reject("plain string"),
    "rejects with undefined": () => Promise.reject(undefined),
    "throws a number": () => { throw 42; },
  };
  for (const [what, answer] of Object.entries(failures)) {
    const client = new ItcareClient({ baseUrl: "https://api.example.test/itcare", token: TOKEN, fetch: () => answer(), retry: { maxAttempts: 1 } });
    const e = await client.getPostgresql(1).then(() => assert.fail(`${what}: resolved`), (e) => e);
    assert.ok(e instanceof Error, `${what}: ${String(e)}`);
    assert.equal(typeof e.code, "string", what);
    assert.notEqual(e.name, "Error", `${what}: a typed error, got ${e.name}: ${e.message}`);
  }
  const client = new ItcareClient({ baseUrl: "https://api.example.test/itcare", token: TOKEN, fetch: () => Response.json({ id: 1, name: "a" }) });
  assert.equal((await client.getPostgresql(1)).id, 1);
});

// The header is read at the boundary (web-sys `Headers.get`); the core turns it into milliseconds
// and bounds the wait (tests/client_policy.rs). Here: what a 429 and a 503 said reaches the error.
test("Retry-After of a 429 and a 503 is read from the answer and reported in ms", async () => {
  for (const [status, header, name, ms] of [
    [429, "7", "RateLimitError", 7000],
    [503, "2", "ApiError", 2000],
    [429, undefined, "RateLimitError", undefined],
  ]) {
    const { fetch, seen } = fakeFetch(() => new Response("", { status, headers: header ? { "Retry-After": header } : {} }));
    const client = new ItcareClient({ baseUrl: "https://api.example.test/itcare", token: TOKEN, fetch, retry: { maxAttempts: 1 } });
    await assert.rejects(client.getPostgresql(7), (e) => {
      assert.equal(e.name, name, `${status}: ${e.name} ${e.message}`);
      assert.equal(e.retryAfterMs, ms, `${status} Retry-After ${header}`);
      return true;
    });
    assert.equal(seen.length, 1);
  }
});
