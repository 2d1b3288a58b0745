// Acceptance checks of issue 2, from Node against the built package (`make pkg` first):
// the reference page's examples, one issue per broken rule with its path, O8 by name.
// Rule numbers: ../../docs/spec/API.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import * as sdk from "../../pkg/inline.js";

const fixtures = new URL("../fixtures/", import.meta.url);
const fixture = (name) => JSON.parse(readFileSync(new URL(name, fixtures), "utf8"));
const pairs = (issues) => issues.map((i) => [i.path, i.code]);

/** Every issue is a plain `{ path, code, message, rule }` object with non-empty text. */
function assertIssues(issues) {
  assert.ok(Array.isArray(issues), `not an array: ${issues}`);
  for (const issue of issues) {
    assert.equal(Object.getPrototypeOf(issue), Object.prototype);
    assert.equal(typeof issue.path, "string");
    assert.match(issue.code, /^(required|type|length|range|pattern|forbidden|enum|password|window|state|format|empty)$/);
    assert.ok(typeof issue.message === "string" && issue.message.length > 0);
  }
  return issues;
}

test("the reference create example is reported only for name (C1: uppercase)", () => {
  const issues = assertIssues(sdk.validateCreatePostgresql(fixture("create_short.json")));
  assert.deepEqual(pairs(issues), [["name", "pattern"]]);
  assert.equal(issues[0].rule, "C1");
});

test("the reference create example with a lowercase name is valid", () => {
  const request = { ...fixture("create_short.json"), name: "newpostgre01" };
  assert.deepEqual(sdk.validateCreatePostgresql(request), []);
});

test("the full create body of the reference is validated field by field (placeholders break rules)", () => {
  // Its values are placeholders ("text", 1): each broken rule is reported at its own path, once.
  const issues = assertIssues(sdk.validateCreatePostgresql(fixture("create_full.json")));
  const paths = issues.map((i) => i.path);
  assert.equal(new Set(paths).size, paths.length, `duplicate paths: ${paths}`);
  for (const path of ["name", "nodeSizing", "diskSize", "admPassword"]) assert.ok(paths.includes(path), path);
});

test("a payload breaking C1-C5, C7-C9 at once gives one issue per broken rule, at its path", () => {
  // C9 only applies to HA, so C6 (topology) is broken in a second payload below.
  const request = {
    area: "EB-QA", productCode: "deb12pg16",
    name: "cluster",              // C1 forbidden
    nodeSizing: "2 cpus",         // C2 pattern
    diskSize: 1025,               // C3 range
    admPassword: "short",         // C4 password
    serviceId: 0,                 // C5
    networkId: -1,                // C5
    topology: "HA",
    trigram: "t1",                // C7
    allowedReplicationLag: 10241, // C8 range
    // C9: HA without nodePrefix, az, tls
  };
  const issues = assertIssues(sdk.validateCreatePostgresql(request));
  const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
  assert.equal(Object.keys(byPath).length, issues.length, "one issue per path");
  const expected = {
    name: ["C1", "forbidden"], nodeSizing: ["C2", "pattern"], diskSize: ["C3", "range"],
    admPassword: ["C4", "password"], serviceId: ["C5"], networkId: ["C5"], trigram: ["C7"],
    allowedReplicationLag: ["C8", "range"], nodePrefix: ["C9", "required"], az: ["C9", "required"],
    tls: ["C9", "required"],
  };
  assert.deepEqual(Object.keys(byPath).sort(), Object.keys(expected).sort());
  for (const [path, [rule, code]] of Object.entries(expected)) {
    assert.equal(byPath[path].rule, rule, path);
    if (code) assert.equal(byPath[path].code, code, path);
  }
  // Rule order (C1..C9) is the order of the list.
  const rules = issues.map((i) => Number(i.rule.slice(1)));
  assert.deepEqual(rules, [...rules].sort((a, b) => a - b));

  const c6 = assertIssues(sdk.validateCreatePostgresql({ ...fixture("create_short.json"), name: "newpostgre01", topology: "CLUSTER" }));
  assert.deepEqual(c6.map((i) => [i.path, i.code, i.rule]), [["topology", "enum", "C6"]]);
});

test("messages come in English by default and in French on request", () => {
  const request = { ...fixture("create_short.json"), diskSize: 39 };
  const en = assertIssues(sdk.validateCreatePostgresql(request));
  const fr = assertIssues(sdk.validateCreatePostgresql(request, { locale: "fr" }));
  assert.deepEqual(pairs(en), pairs(fr));
  assert.notEqual(en[1].message, fr[1].message);
});

test('validatePostgresqlOperation({operation: "reboot"}) is an issue at operation (O8)', () => {
  const issues = assertIssues(sdk.validatePostgresqlOperation({ operation: "reboot" }));
  assert.deepEqual(issues.map((i) => [i.path, i.code, i.rule]), [["operation", "enum", "O8"]]);
});

test("every PATCH example of the reference passes, except the generic one (O8)", () => {
  const names = readdirSync(fixtures).filter((n) => n.startsWith("patch_")).sort();
  assert.ok(names.length >= 10, `only ${names.length} PATCH fixtures`);
  for (const name of names) {
    // The restore example's timestamp is from 2022: validate it on the day after (O3 window).
    const context = { now: "2022-11-03T00:00:00Z", production: true };
    const issues = assertIssues(sdk.validatePostgresqlOperation(fixture(name), context));
    if (name === "patch_generic.json") {
      assert.deepEqual(pairs(issues), [["operation", "enum"]], name);
    } else {
      assert.deepEqual(issues, [], name);
    }
  }
});

test("the restore example is outside the window today (O3 uses the clock when context.now is absent)", () => {
  const issues = assertIssues(sdk.validatePostgresqlOperation(fixture("patch_restore.json")));
  assert.deepEqual(pairs(issues), [["options.timestamp", "window"]]);
});

test("per-field validation applies the HA rules from the request (C9)", () => {
  assert.deepEqual(pairs(sdk.validateCreatePostgresqlField("nodePrefix", undefined, { topology: "HA" })), [["nodePrefix", "required"]]);
  assert.deepEqual(sdk.validateCreatePostgresqlField("nodePrefix", undefined, { topology: "STANDALONE" }), []);
  assert.deepEqual(pairs(sdk.validateCreatePostgresqlField("diskSize", 1025)), [["diskSize", "range"]]);
});

// Decoding of every reference example into its model is tested natively (tests/models.rs): the
// package exports no decode* function to call from here.
