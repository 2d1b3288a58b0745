// Secrets (issue 14): no access token, client secret or admPassword in anything an error, the
// client, a hook or the console shows; no URL echoed whole into a message; plain http:// refused
// for non-loopback hosts unless allowed. The browser contexts (window, workers) are in
// secrets-browser.test.mjs. Rule numbers: ../../docs/spec/API.md (T2, T3).
//
// No server: the global `fetch` is replaced by a double for each test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import * as sdk from "../../pkg/inline.js";

const { ItcareClient } = sdk;
const SECRET = "cl1ent-SECRET-7f3a";
const TOKEN = "eyJ-access-TOKEN-91c2";
const REFRESH = "refresh-TOKEN-55d0";
const PASSWORD = "Adm1n-PASS-word!x";
const BASIC = Buffer.from(`id:${SECRET}`).toString("base64");
const SECRETS = [SECRET, TOKEN, REFRESH, PASSWORD, BASIC];
const BASE = "https://api.example.test/itcare";

const VALID_CREATE = {
  productCode: "deb12pg16", serviceId: 123, nodeSizing: "2cpu4gb", networkId: 132, area: "EB-QA",
  diskSize: 40, admPassword: PASSWORD, allowedReplicationLag: 10, az: "az",
  topology: "STANDALONE", trigram: "tri", tls: true, name: "newpostgre01",
};

/** Runs `f` with the global fetch answering `answer(url, init)` (the token endpoint: a token). */
async function withFetch(answer, f) {
  const real = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input.url;
    if (url.includes("/openid-connect/token")) {
      return Response.json({ access_token: TOKEN, refresh_token: REFRESH, expires_in: 1200, refresh_expires_in: 1800, token_type: "bearer" });
    }
    return answer(url, init ?? input);
  };
  try {
    return await f();
  } finally {
    globalThis.fetch = real;
  }
}

/** Everything console.* printed while `f` ran. */
async function captureConsole(f) {
  const printed = [];
  const saved = {};
  for (const k of ["log", "info", "warn", "error", "debug", "trace"]) {
    saved[k] = console[k];
    console[k] = (...args) => printed.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 6 }))).join(" "));
  }
  try {
    await f();
  } finally {
    Object.assign(console, saved);
  }
  return printed.join("\n");
}

/** Every way an error is shown: message, stack, toString, JSON, util.inspect, own properties. */
function shown(e) {
  const parts = [String(e?.message), String(e?.stack), String(e), JSON.stringify(e), inspect(e, { showHidden: true, depth: 8 })];
  for (const k of Object.getOwnPropertyNames(e ?? {})) {
    try {
      parts.push(JSON.stringify(e[k]) ?? String(e[k]));
    } catch {
      parts.push(String(e[k]));
    }
  }
  return parts.join("\n");
}

function assertNoSecret(text, where) {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${where} shows a secret (${s.slice(0, 6)}…):\n${text.slice(0, 2000)}`);
}

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("expected a rejection");
}

// Every failing answer the client may meet (T5), each with a body that echoes the secrets the
// way a careless server or proxy might not: the SDK must not add them itself.
const ANSWERS = [
  () => new Response("", { status: 401 }),
  () => new Response("", { status: 403 }),
  () => new Response("", { status: 404 }),
  () => new Response("", { status: 409 }),
  () => new Response("", { status: 422 }),
  () => new Response("oops", { status: 500 }),
  () => new Response("", { status: 503, headers: { "retry-after": "0" } }),
  () => new Response("", { status: 429, headers: { "retry-after": "0" } }),
  () => Response.json({ status: "BAD_REQUEST", errorCode: "INVALID_FIELD_VALUE", errorDesc: "name", errorMessage: "Error on field 'name'" }, { status: 400 }),
  () => new Response("<html>not json</html>", { status: 200 }),
  () => { throw new TypeError("fetch failed"); },
];

test("no error of any call shows a token, client secret, refresh token or admPassword, nor prints it", async () => {
  let n = 0;
  const printed = await captureConsole(async () => {
    for (const answer of ANSWERS) {
      await withFetch(answer, async () => {
        const client = new ItcareClient({ baseUrl: BASE, clientId: "id", clientSecret: SECRET, retry: false, timeoutMs: 2000 });
        const calls = [
          () => client.createPostgresql(VALID_CREATE),
          () => client.getPostgresql(42),
          () => client.updatePostgresql(42, { operation: "start" }),
          () => client.listPostgresqlNodes(42),
          () => client.deletePostgresql(42),
          () => client.getAction(7),
        ];
        for (const call of calls) {
          const e = await rejection(call());
          assert.ok(e instanceof Error, `a non-Error was thrown: ${e}`);
          assertNoSecret(shown(e), `${e.name}/${e.code}`);
          n += 1;
        }
      });
    }
  });
  assert.ok(n >= ANSWERS.length * 6);
  assertNoSecret(printed, "the console");
});

test("a create refused by validation names admPassword, never its value", async () => {
  const client = new ItcareClient({ baseUrl: BASE, token: TOKEN });
  for (const admPassword of ["short1!", PASSWORD.toLowerCase(), `${PASSWORD} with spaces and more than enough`]) {
    const e = await rejection(client.createPostgresql({ ...VALID_CREATE, admPassword, diskSize: 1 }));
    assert.equal(e.name, "ValidationError");
    const text = shown(e);
    assert.ok(!text.includes(admPassword), `the password value is shown: ${text.slice(0, 1000)}`);
    assertNoSecret(text, "ValidationError");
  }
  for (const f of [sdk.validateCreatePostgresql, (r) => sdk.validateCreatePostgresqlField("admPassword", r.admPassword, r)]) {
    const issues = f({ ...VALID_CREATE, admPassword: "Bad-Password-without-digit" });
    assert.ok(issues.length > 0);
    assert.ok(!JSON.stringify(issues).includes("Bad-Password-without-digit"), JSON.stringify(issues));
  }
});

test("the client itself shows no secret: JSON.stringify, util.inspect, String", async () => {
  await withFetch(() => Response.json({ id: 1 }), async () => {
    for (const options of [
      { baseUrl: BASE, clientId: "id", clientSecret: SECRET },
      { baseUrl: BASE, token: TOKEN },
      { baseUrl: BASE, tokenProvider: () => TOKEN },
    ]) {
      const client = new ItcareClient(options);
      await client.getPostgresql(1).catch(() => {}); // a token is now cached
      const text = [JSON.stringify(client), inspect(client, { showHidden: true, depth: 8 }), String(client), JSON.stringify(Object.entries(client))].join("\n");
      assertNoSecret(text, "the client");
    }
  });
});

test("hooks see no token, secret or password, in any argument", async () => {
  const seen = [];
  const hooks = { beforeRequest: (...a) => seen.push(a), afterResponse: (...a) => seen.push(a) };
  await withFetch((url) => (url.endsWith("/42") ? Response.json({ id: 42 }) : Response.json({ id: 3, status: "IN_PROGRESS" }, { status: 202 })), async () => {
    const client = new ItcareClient({ baseUrl: BASE, clientId: "id", clientSecret: SECRET, hooks });
    await client.getPostgresql(42);
    await client.createPostgresql(VALID_CREATE);
  });
  assert.ok(seen.length >= 4, "hooks were not called");
  assertNoSecret(JSON.stringify(seen) + inspect(seen, { showHidden: true, depth: 8 }), "a hook argument");
  for (const word of ["Bearer", "Basic"]) assert.ok(!JSON.stringify(seen).includes(word), word);
});

test("an invalid baseUrl or tokenUrl is named by its option, never echoed whole", () => {
  const LEAK = "hunter2-pasted-secret";
  for (const [options, name] of [
    [{ token: TOKEN, baseUrl: `ftp://me:${LEAK}@x` }, "baseUrl"],
    [{ token: TOKEN, baseUrl: `not a url ${LEAK}` }, "baseUrl"],
    [{ token: TOKEN, baseUrl: `https://api.example.test/itcare?key=${LEAK}` }, "baseUrl"],
    [{ clientId: "id", clientSecret: SECRET, tokenUrl: `nope ${LEAK}` }, "tokenUrl"],
    [{ clientId: "id", clientSecret: SECRET, tokenUrl: `https://u:${LEAK}@idp.example.test/token` }, "tokenUrl"],
  ]) {
    assert.throws(() => new ItcareClient(options), (e) => {
      assert.ok(e instanceof Error);
      assert.ok(e.message.includes(name), `${name} not named: ${e.message}`);
      if (name === "tokenUrl") assert.ok(!/baseUrl/.test(e.message), `tokenUrl called baseUrl: ${e.message}`);
      assert.ok(!shown(e).includes(LEAK), `echoed: ${e.message}`);
      assertNoSecret(shown(e), name);
      return true;
    });
  }
});

test("plain http:// is refused for a non-loopback host unless allowInsecureHttp", () => {
  for (const options of [
    { token: TOKEN, baseUrl: "http://api.example.test/itcare" },
    { token: TOKEN, baseUrl: "http://10.0.0.8/itcare" },
    { clientId: "id", clientSecret: SECRET, baseUrl: BASE, tokenUrl: "http://idp.example.test/token" },
  ]) {
    assert.throws(() => new ItcareClient(options), (e) => e instanceof Error && /http/.test(e.message));
    new ItcareClient({ ...options, allowInsecureHttp: true });
  }
  for (const baseUrl of ["http://127.0.0.1:8080/itcare", "http://localhost:8080/itcare", "http://[::1]:8080/itcare"]) {
    new ItcareClient({ token: TOKEN, baseUrl });
  }
});
