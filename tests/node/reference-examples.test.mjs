// Issue 2 acceptance, from Node after `make pkg`: every example body of the provider's reference
// page goes through the real package and the real client over HTTP. A tiny server answers each
// endpoint with the reference example (tests/fixtures/), and records what the client sends.
// - response examples (GET instance, nodes, databases, extensions, networks, versions, the 202
//   Action, the T6 error body) must reach JS whole: every field, exactly as the API spelled it;
// - request examples (the create bodies, every PATCH body) must be sent exactly as written, with
//   the content types of T4.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { ItcareClient } from "../../pkg/inline.js";

const fixture = (name) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));

const ID = "500061854";
const BASE = "/itcare/databases/postgresql";
const GETS = {
  [`${BASE}/${ID}`]: "instance_get.json",
  [`${BASE}/${ID}/nodes`]: "nodes.json",
  [`${BASE}/${ID}/databases`]: "databases.json",
  [`${BASE}/${ID}/extensions`]: "extensions.json",
  [`${BASE}/${ID}/networks`]: "networks.json",
  [`${BASE}/${ID}/versions`]: "versions.json",
  "/itcare/actions/1": "action_202.json",
};

let server;
let baseUrl;
const received = [];

before(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({
        method: req.method,
        url: req.url,
        contentType: req.headers["content-type"],
        auth: req.headers.authorization,
        body,
      });
      const send = (status, file) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(file ? readFileSync(new URL(`../fixtures/${file}`, import.meta.url)) : "");
      };
      if (req.method === "GET" && GETS[req.url]) return send(200, GETS[req.url]);
      if (req.method === "POST" && req.url === BASE && body.includes('"taken"')) {
        // T6: the error body names the field.
        res.writeHead(400, { "content-type": "application/json" });
        return res.end(
          JSON.stringify({
            status: "BAD_REQUEST",
            errorCode: "INVALID_FIELD_VALUE",
            errorDesc: "name",
            errorMessage: "Error on field 'name'",
          }),
        );
      }
      if (["POST", "PATCH", "DELETE"].includes(req.method)) return send(202, "action_202.json");
      send(404);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/itcare`;
});

after(() => server.close());

const client = (validate = true) =>
  new ItcareClient({ baseUrl, token: "reference-token", validate, retry: false });
const last = () => received[received.length - 1];

test("every GET example of the reference reaches JS whole (lenient decode keeps every field)", async () => {
  const c = client();
  assert.deepEqual(await c.getPostgresql(ID), fixture("instance_get.json"));
  assert.deepEqual(await c.listPostgresqlNodes(ID), fixture("nodes.json"));
  assert.deepEqual(await c.listPostgresqlDatabases(ID), fixture("databases.json"));
  assert.deepEqual(await c.listPostgresqlExtensions(ID), fixture("extensions.json"));
  assert.deepEqual(await c.listPostgresqlNetworks(ID), fixture("networks.json"));
  assert.deepEqual(await c.listPostgresqlVersions(ID), fixture("versions.json"));
  // A1: the reference prints the status enum joined by commas; it is kept, not rejected.
  const action = await c.getAction(1);
  assert.deepEqual(action, fixture("action_202.json"));
  assert.equal(action.status, "SUCCESS,IN_PROGRESS,ERROR");
  assert.equal(last().auth, "Bearer reference-token"); // T2
});

test("the create examples are sent exactly as written, with the vendor content type (T4, C11)", async () => {
  // The short example, with its name lowercased (its uppercase name breaks C1, the rule wins).
  const short = { ...fixture("create_short.json"), name: "newpostgre01" };
  assert.deepEqual(await client().createPostgresql(short), fixture("action_202.json"));
  assert.equal(last().method, "POST");
  assert.equal(last().contentType, "application/vnd.cegedim-it.v1+json");
  assert.deepEqual(JSON.parse(last().body), short);

  // The full body ("text" placeholders break C1..C9, so without client validation): every
  // documented field, the nested product included, is carried through untouched (C11).
  await client(false).createPostgresql(fixture("create_full.json"));
  assert.deepEqual(JSON.parse(last().body), fixture("create_full.json"));

  // The reference example as printed is refused before any request (C1 only).
  const count = received.length;
  await assert.rejects(client().createPostgresql(fixture("create_short.json")), (e) => {
    assert.equal(e.name, "ValidationError");
    assert.deepEqual(
      e.issues.map((i) => i.path),
      ["name"],
    );
    return true;
  });
  assert.equal(received.length, count);
});

test("every PATCH example is sent exactly as written, as application/json (T4)", async () => {
  const examples = [
    "patch_start.json",
    "patch_stop.json",
    "patch_resize.json",
    "patch_enable_ha.json",
    "patch_patch_party_include.json",
    "patch_patch_party_exclude.json",
    "patch_install_extension.json",
    "patch_upgrade.json",
    // The restore example's timestamp (2022) is long outside O3's window: sent unvalidated.
    "patch_restore.json",
  ];
  for (const name of examples) {
    const op = fixture(name);
    const c = client(name !== "patch_restore.json");
    assert.deepEqual(await c.updatePostgresql(ID, op), fixture("action_202.json"), name);
    assert.equal(last().method, "PATCH", name);
    assert.equal(last().url, `${BASE}/${ID}`, name);
    assert.equal(last().contentType, "application/json", name);
    assert.deepEqual(JSON.parse(last().body), op, name);
  }
  // The generic PATCH body of the reference names no real operation (O8).
  await assert.rejects(client().updatePostgresql(ID, fixture("patch_generic.json")), (e) => {
    assert.equal(e.name, "ValidationError");
    assert.equal(e.issues[0].path, "operation");
    return true;
  });
});

test("DELETE answers the 202 Action; the T6 error body becomes an ApiError on its field", async () => {
  assert.deepEqual(await client().deletePostgresql(ID), fixture("action_202.json"));
  assert.equal(last().method, "DELETE");

  const taken = { ...fixture("create_short.json"), name: "taken" };
  await assert.rejects(client().createPostgresql(taken), (e) => {
    assert.equal(e.name, "ApiError");
    assert.equal(e.status, 400);
    assert.equal(e.errorCode, "INVALID_FIELD_VALUE");
    assert.equal(e.path, "name");
    assert.equal(e.errorMessage, "Error on field 'name'");
    assert.ok(!String(e).includes("reference-token"), "the token never shows in an error");
    return true;
  });
});
